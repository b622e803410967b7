//! The contacts list with filters, the end-of-shift table and the correction form.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender, parse_topics};
use gatelangs_domain::time::{day_start, format_date_time, local_instant, parse_date};
use gatelangs_domain::{ContactId, DistrictId, PlaceId, UserId};
use gatelangs_storage::contacts::{self, ContactFilter};
use gatelangs_storage::{places, users};
use serde::Deserialize;

use super::choice::{Choice, of_codes};
use super::labels;
use super::layout::Layout;
use crate::auth::{Can, FieldRecorder, Principal};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;
use gatelangs_app::field::{self as field_ops, Op, Registration};

pub fn router() -> Routes {
    Routes::new()
        .get("/contacts", get(list))
        .get("/contacts/shift", get(shift_form))
        .post("/contacts/shift", post(shift_submit))
        .get("/contacts/{id}/edit", get(edit_form))
        .post("/contacts/{id}/edit", post(edit_submit))
        .post("/contacts/{id}/undo", post(undo))
}

fn with_any(tr: &Tr, mut list: Vec<Choice>) -> Vec<Choice> {
    let none_chosen = !list.iter().any(|c| c.selected);
    list.insert(
        0,
        Choice {
            value: String::new(),
            label: tr.t("contacts-any"),
            selected: none_chosen,
        },
    );
    list
}

async fn place_choices(
    state: &AppState,
    recorder: &FieldRecorder,
    chosen: &str,
) -> AppResult<Vec<Choice>> {
    let mut conn = state.store.conn().await?;
    Ok(places::list_places(&mut conn, recorder.service())
        .await?
        .into_iter()
        .filter(|p| !p.archived || p.id.to_string() == chosen)
        .map(|p| Choice {
            selected: p.id.to_string() == chosen,
            value: p.id.to_string(),
            label: format!("{} – {}", p.name, p.district_name),
        })
        .collect())
}

#[derive(Deserialize, Default)]
struct ListQuery {
    from: Option<String>,
    to: Option<String>,
    district: Option<String>,
    place: Option<String>,
    channel: Option<String>,
    staff: Option<String>,
    done: Option<String>,
    page: Option<String>,
}

/// Registrations per page of the list: a page a phone loads quickly.
const PAGE_SIZE: i64 = 50;

pub struct Row {
    pub id: String,
    pub at: String,
    pub place: String,
    pub district: String,
    pub channel: String,
    pub age: String,
    pub gender: String,
    pub count: i64,
    pub staff: String,
    pub may_correct: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts.html")]
struct ListPage {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    from: String,
    to: String,
    districts: Vec<Choice>,
    places: Vec<Choice>,
    channels: Vec<Choice>,
    staff: Vec<Choice>,
    rows: Vec<Row>,
    total: i64,
    page: i64,
    /// The query of the previous and next page (filters kept), when there is one.
    previous: Option<String>,
    next: Option<String>,
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().map(str::trim).unwrap_or_default()
}

async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let recorder = FieldRecorder::for_principal(&principal)?;
    let tr = principal.tr();
    let tz = principal.tz();
    let mut errors = vec![];
    let mut date_bound = |s: &str, days: i64| -> Option<i64> {
        if s.is_empty() {
            return None;
        }
        let bound = day_start(s, days, &tz);
        if bound.is_none() {
            errors.push(tr.t("error-bad-date"));
        }
        bound
    };
    let from = date_bound(opt(&q.from), 0);
    let until = date_bound(opt(&q.to), 1);
    let page = opt(&q.page)
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1);
    let filter = ContactFilter {
        from,
        until,
        district: opt(&q.district).parse::<DistrictId>().ok(),
        place: opt(&q.place).parse::<PlaceId>().ok(),
        channel: opt(&q.channel).parse::<Channel>().ok(),
        staff: opt(&q.staff).parse::<UserId>().ok(),
        // One more than a page, to know whether there is a next one.
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
    };
    let window = i64::try_from(state.config.correction_window.as_secs()).unwrap_or(i64::MAX);
    let mut conn = state.store.conn().await?;
    let mut found = if errors.is_empty() {
        contacts::list(&mut conn, recorder.service(), &filter).await?
    } else {
        vec![]
    };
    let has_next = found.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    found.truncate(usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX));
    let page_link = |n: i64| {
        let mut pairs: Vec<(&str, String)> = vec![];
        for (key, value) in [
            ("from", &q.from),
            ("to", &q.to),
            ("district", &q.district),
            ("place", &q.place),
            ("channel", &q.channel),
            ("staff", &q.staff),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                pairs.push((key, v.to_owned()));
            }
        }
        pairs.push(("page", n.to_string()));
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    };
    let previous = (page > 1).then(|| page_link(page - 1));
    let next = has_next.then(|| page_link(page + 1));
    let districts = places::list_districts(&mut conn, recorder.service())
        .await?
        .into_iter()
        .map(|d| Choice {
            selected: d.id.to_string() == opt(&q.district),
            value: d.id.to_string(),
            label: d.name,
        })
        .collect();
    let staff = users::list(&mut conn, recorder.service())
        .await?
        .into_iter()
        .map(|u| Choice {
            selected: u.id.to_string() == opt(&q.staff),
            value: u.id.to_string(),
            label: format!("{} ({})", u.name, u.username),
        })
        .collect();
    drop(conn);
    let rows: Vec<Row> = found
        .into_iter()
        .map(|c| Row {
            id: c.id.to_string(),
            at: jiff::Timestamp::from_second(c.occurred_at)
                .map(|t| format_date_time(t, &tz))
                .unwrap_or_default(),
            place: c.place_name,
            district: c.district_name,
            channel: labels::channel(&tr, c.channel),
            age: labels::age_group(&tr, c.age_group),
            gender: labels::gender(&tr, c.gender),
            count: c.count,
            staff: c.staff_username.unwrap_or_default(),
            may_correct: recorder.may_correct(c.created_by, c.created_at, window),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = ListPage {
        notice: q
            .done
            .as_deref()
            .map(|n| tr.tn("contacts-saved", "count", n.parse().unwrap_or(0))),
        from: parse_date(opt(&q.from))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        to: parse_date(opt(&q.to))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        districts: with_any(&tr, districts),
        places: with_any(&tr, place_choices(&state, &recorder, opt(&q.place)).await?),
        channels: with_any(
            &tr,
            of_codes(
                Channel::ALL,
                Channel::as_str,
                |c| labels::channel(&tr, c),
                opt(&q.channel),
            ),
        ),
        staff: with_any(&tr, staff),
        total: rows.iter().map(|r| r.count).sum(),
        rows,
        page,
        previous,
        next,
        errors,
        layout: Layout::for_principal(&principal, "contacts-title", "contacts", "/contacts"),
    };
    Ok((status, page).into_response())
}

/// One cell of the shift table.
pub struct ShiftCell {
    pub name: String,
    pub label: String,
    pub value: String,
}

pub struct ShiftRow {
    pub label: String,
    pub cells: Vec<ShiftCell>,
}

#[derive(Template, WebTemplate)]
#[template(path = "shift.html")]
struct ShiftPage {
    layout: Layout,
    errors: Vec<String>,
    token: String,
    date: String,
    time: String,
    places: Vec<Choice>,
    channels: Vec<Choice>,
    genders: Vec<String>,
    rows: Vec<ShiftRow>,
}

fn shift_rows(tr: &Tr, values: &[(String, String)]) -> Vec<ShiftRow> {
    AgeGroup::ALL
        .iter()
        .map(|age| ShiftRow {
            label: labels::age_group(tr, *age),
            cells: Gender::ALL
                .iter()
                .map(|g| {
                    let name = format!("n_{}_{}", age.as_str(), g.as_str());
                    ShiftCell {
                        value: values
                            .iter()
                            .find(|(k, _)| *k == name)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default(),
                        label: format!(
                            "{}, {}",
                            labels::gender(tr, *g),
                            labels::age_group(tr, *age)
                        ),
                        name,
                    }
                })
                .collect(),
        })
        .collect()
}

async fn shift_page(
    state: &AppState,
    principal: &Principal,
    recorder: &FieldRecorder,
    errors: Vec<String>,
    values: &[(String, String)],
) -> AppResult<ShiftPage> {
    let tr = principal.tr();
    let now = jiff::Timestamp::now().to_zoned(principal.tz());
    let get = |k: &str| values.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let mut channels = of_codes(
        Channel::ALL,
        Channel::as_str,
        |c| labels::channel(&tr, c),
        get("channel").as_deref().unwrap_or_default(),
    );
    channels.insert(
        0,
        Choice {
            value: String::new(),
            label: tr.t("shift-channel-from-place"),
            selected: get("channel").unwrap_or_default().is_empty(),
        },
    );
    Ok(ShiftPage {
        token: get("token").unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        date: get("date").unwrap_or_else(|| now.date().to_string()),
        time: get("time").unwrap_or_else(|| now.strftime("%H:00").to_string()),
        places: place_choices(state, recorder, get("place").as_deref().unwrap_or_default()).await?,
        channels,
        genders: Gender::ALL
            .iter()
            .map(|g| labels::gender(&tr, *g))
            .collect(),
        rows: shift_rows(&tr, values),
        errors,
        layout: Layout::for_principal(principal, "shift-title", "contacts", "/contacts/shift"),
    })
}

async fn shift_form(State(state): State<AppState>, principal: Principal) -> AppResult<Response> {
    let recorder = FieldRecorder::for_principal(&principal)?;
    Ok(shift_page(&state, &principal, &recorder, vec![], &[])
        .await?
        .into_response())
}

/// A fixed namespace for the ids of shift-table rows: the form's token and the cell make the
/// id, so submitting the same form twice (a reload, a double click) stores the shift once.
const SHIFT_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x1c7e_44a2_8f3b_4d0e_9a65_0b2d_7e81_3f94);

async fn shift_submit(
    State(state): State<AppState>,
    Can(principal, recorder): Can<FieldRecorder>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let tr = principal.tr();
    let values: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let get = |k: &str| {
        values
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = vec![];
    let token = get("token")
        .parse::<uuid::Uuid>()
        .map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let at = local_instant(&get("date"), &get("time"), &principal.tz());
    if at.is_none() {
        errors.push(tr.t("shift-bad-time"));
    }
    let mut conn = state.store.conn().await?;
    let place = match get("place").parse::<PlaceId>() {
        Ok(id) => places::get_place(&mut conn, recorder.service(), id)
            .await
            .ok(),
        Err(_) => None,
    };
    drop(conn);
    if place.is_none() {
        errors.push(tr.t("contact-unknown-place"));
    }
    let channel = match get("channel").as_str() {
        "" => place.as_ref().map(|p| p.kind.default_channel()),
        c => c.parse::<Channel>().ok(),
    };
    let mut cells = vec![];
    for age in AgeGroup::ALL {
        for gender in Gender::ALL {
            let raw = get(&format!("n_{}_{}", age.as_str(), gender.as_str()));
            if raw.is_empty() || raw == "0" {
                continue;
            }
            match raw
                .parse::<i64>()
                .ok()
                .and_then(|n| ContactCount::new(n).ok())
            {
                Some(n) => cells.push((*age, *gender, n)),
                None => errors.push(format!(
                    "{}, {}: {}",
                    labels::gender(&tr, *gender),
                    labels::age_group(&tr, *age),
                    tr.t("contact-bad-count")
                )),
            }
        }
    }
    if cells.is_empty() && errors.is_empty() {
        errors.push(tr.t("shift-empty"));
    }
    let (Some(at), Some(place), Some(channel), true) = (at, place, channel, errors.is_empty())
    else {
        let page = shift_page(&state, &principal, &recorder, errors, &values).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if let Err(key) = field_ops::check_time(at) {
        let page = shift_page(&state, &principal, &recorder, vec![tr.t(key)], &values).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let topics = parse_topics("").unwrap_or_default();
    let ops: Vec<Op> = cells
        .iter()
        .map(|(age, gender, count)| {
            let name = format!("{token}|{}|{}", age.as_str(), gender.as_str());
            Op::Register(Registration {
                id: ContactId::from_uuid(uuid::Uuid::new_v5(&SHIFT_NAMESPACE, name.as_bytes())),
                occurred_at: at,
                place: place.id,
                channel,
                age_group: *age,
                gender: *gender,
                count: *count,
                topics: topics.clone(),
            })
        })
        .collect();
    let total: u32 = cells.iter().map(|(_, _, n)| n.get()).sum();
    field_ops::apply(&state.field, &recorder, &principal.tz(), ops).await?;
    let date = get("date");
    Ok(Redirect::to(&format!("/contacts?from={date}&to={date}&done={total}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "contact_edit.html")]
struct EditPage {
    layout: Layout,
    errors: Vec<String>,
    id: String,
    date: String,
    time: String,
    places: Vec<Choice>,
    channels: Vec<Choice>,
    ages: Vec<Choice>,
    genders: Vec<Choice>,
    count: String,
    topics: String,
}

#[derive(Deserialize, Default)]
struct EditForm {
    date: String,
    time: String,
    place: String,
    channel: String,
    age_group: String,
    gender: String,
    count: String,
    #[serde(default)]
    topics: String,
}

async fn edit_page(
    state: &AppState,
    principal: &Principal,
    recorder: &FieldRecorder,
    id: &str,
    f: EditForm,
    errors: Vec<String>,
) -> AppResult<EditPage> {
    let tr = principal.tr();
    Ok(EditPage {
        layout: Layout::for_principal(
            principal,
            "contact-edit-title",
            "contacts",
            &format!("/contacts/{id}/edit"),
        ),
        errors,
        id: id.to_owned(),
        places: place_choices(state, recorder, &f.place).await?,
        channels: of_codes(
            Channel::ALL,
            Channel::as_str,
            |c| labels::channel(&tr, c),
            &f.channel,
        ),
        ages: of_codes(
            AgeGroup::ALL,
            AgeGroup::as_str,
            |a| labels::age_group(&tr, a),
            &f.age_group,
        ),
        genders: of_codes(
            Gender::ALL,
            Gender::as_str,
            |g| labels::gender(&tr, g),
            &f.gender,
        ),
        date: f.date,
        time: f.time,
        count: f.count,
        topics: f.topics,
    })
}

async fn load_correctable(
    state: &AppState,
    recorder: &FieldRecorder,
    id: &str,
) -> AppResult<contacts::Contact> {
    let id: ContactId = id.parse().map_err(|_| AppError::NotFound)?;
    let mut conn = state.store.conn().await?;
    let contact = contacts::get(&mut conn, recorder.service(), id).await?;
    let window = i64::try_from(state.config.correction_window.as_secs()).unwrap_or(i64::MAX);
    if contact.undone {
        return Err(AppError::NotFound);
    }
    if !recorder.may_correct(contact.created_by, contact.created_at, window) {
        return Err(AppError::Forbidden);
    }
    Ok(contact)
}

async fn edit_form(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let recorder = FieldRecorder::for_principal(&principal)?;
    let c = load_correctable(&state, &recorder, &id).await?;
    let local = jiff::Timestamp::from_second(c.occurred_at)
        .map(|t| t.to_zoned(principal.tz()))
        .map_err(AppError::internal)?;
    let form = EditForm {
        date: local.date().to_string(),
        time: local.strftime("%H:%M").to_string(),
        place: c.place_id.to_string(),
        channel: c.channel.as_str().to_owned(),
        age_group: c.age_group.as_str().to_owned(),
        gender: c.gender.as_str().to_owned(),
        count: c.count.to_string(),
        topics: c.topics.replace(';', "; "),
    };
    Ok(edit_page(&state, &principal, &recorder, &id, form, vec![])
        .await?
        .into_response())
}

async fn edit_submit(
    State(state): State<AppState>,
    Can(principal, recorder): Can<FieldRecorder>,
    Path(id): Path<String>,
    Form(f): Form<EditForm>,
) -> AppResult<Response> {
    let existing = load_correctable(&state, &recorder, &id).await?;
    let tr = principal.tr();
    let at = local_instant(&f.date, &f.time, &principal.tz());
    let parsed = (|| {
        Some(Registration {
            id: existing.id,
            occurred_at: at?,
            place: f.place.parse().ok()?,
            channel: f.channel.parse().ok()?,
            age_group: f.age_group.parse().ok()?,
            gender: f.gender.parse().ok()?,
            count: ContactCount::new(f.count.trim().parse().ok()?).ok()?,
            topics: parse_topics(&f.topics).ok()?,
        })
    })();
    let Some(registration) = parsed else {
        let page = edit_page(
            &state,
            &principal,
            &recorder,
            &id,
            f,
            vec![tr.t("contact-edit-invalid")],
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    match field_ops::correct(&state.field, &recorder, registration).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/contacts?from={0}&to={0}&done=0", f.date)).into_response())
        }
        Err(gatelangs_app::Error::Invalid(key)) => {
            let page = edit_page(&state, &principal, &recorder, &id, f, vec![tr.t(key)]).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn undo(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let recorder = FieldRecorder::for_principal(&principal)?;
    let c = load_correctable(&state, &recorder, &id).await?;
    field_ops::apply(
        &state.field,
        &recorder,
        &principal.tz(),
        vec![Op::Undo(c.id)],
    )
    .await?;
    Ok(Redirect::to("/contacts?done=0").into_response())
}
