//! The field page: one tap per contact on a phone, also with no network. With JavaScript the
//! taps go to an IndexedDB queue and the sync API (`assets/field.js`, `assets/sw.js`); without
//! it every button is an ordinary form submission.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender, Topic};
use gatelangs_domain::{ContactId, PlaceId};
use gatelangs_storage::{contacts, places};
use serde::Deserialize;

use super::labels;
use super::layout::Layout;
use crate::auth::{Can, FieldRecorder, Principal};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use gatelangs_app::field::{self as field_ops, Op, Outcome, Registration};

pub fn router() -> Routes {
    Routes::new()
        .get("/field", get(|| async { Redirect::permanent("/field/") }))
        .get("/field/", get(show))
        .post("/field/", post(register_without_script))
}

pub struct PlaceOption {
    pub id: String,
    pub name: String,
    pub channel: &'static str,
}

pub struct DistrictGroup {
    pub id: gatelangs_domain::DistrictId,
    pub name: String,
    pub places: Vec<PlaceOption>,
}

pub struct Cell {
    pub value: String,
    pub label: String,
    pub short: String,
}

pub struct GridRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "field.html")]
struct FieldPage {
    layout: Layout,
    /// The id the form registers under without JavaScript: made when the page is served, so
    /// sending the same form twice (a double tap, a resubmit after "back") stores it once. The
    /// script gives every tap its own id instead.
    form_id: String,
    username: String,
    undo_minutes: u64,
    districts: Vec<DistrictGroup>,
    channels: Vec<Choice>,
    genders: Vec<Choice>,
    grid: Vec<GridRow>,
    topics: Vec<Choice>,
    registered: bool,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct FieldQuery {
    registered: Option<String>,
    error: Option<String>,
}

/// How long the running list offers undo (the server allows corrections for longer).
const UNDO_MINUTES: u64 = 10;

async fn show(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<FieldQuery>,
) -> AppResult<Response> {
    let recorder = FieldRecorder::for_principal(&principal)?;
    let tr = principal.tr();
    let mut conn = state.store.conn().await?;
    let mut districts: Vec<DistrictGroup> = vec![];
    for p in places::list_places(&mut conn, recorder.service())
        .await?
        .into_iter()
        .filter(|p| !p.archived)
    {
        let option = PlaceOption {
            id: p.id.to_string(),
            name: p.name,
            channel: p.kind.default_channel().as_str(),
        };
        match districts.last_mut() {
            Some(d) if d.id == p.district_id => d.places.push(option),
            _ => districts.push(DistrictGroup {
                id: p.district_id,
                name: p.district_name,
                places: vec![option],
            }),
        }
    }
    // The worker's own districts (where they registered most in the last 30 days) come first;
    // the page itself puts recently used places above them.
    let since = gatelangs_storage::now() - 30 * 24 * 3600;
    let own =
        contacts::districts_of_staff(&mut conn, recorder.service(), recorder.user(), since).await?;
    districts.sort_by_key(|d| own.iter().position(|o| *o == d.id).unwrap_or(usize::MAX));
    let grid = AgeGroup::ALL
        .iter()
        .map(|age| GridRow {
            label: labels::age_group(&tr, *age),
            cells: Gender::ALL
                .iter()
                .map(|g| Cell {
                    value: format!("{}:{}", age.as_str(), g.as_str()),
                    label: format!(
                        "{}, {}",
                        labels::gender(&tr, *g),
                        labels::age_group(&tr, *age)
                    ),
                    short: labels::gender_short(&tr, *g),
                })
                .collect(),
        })
        .collect();
    let page = FieldPage {
        form_id: ContactId::new().to_string(),
        username: principal.username().to_owned(),
        undo_minutes: UNDO_MINUTES,
        districts,
        channels: Channel::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str(),
                label: labels::channel(&tr, *c),
            })
            .collect(),
        genders: Gender::ALL
            .iter()
            .map(|g| Choice {
                value: g.as_str(),
                label: labels::gender_short(&tr, *g),
            })
            .collect(),
        grid,
        topics: labels::TOPICS
            .iter()
            .map(|t| Choice {
                value: t,
                label: labels::topic(&tr, t),
            })
            .collect(),
        registered: q.registered.is_some(),
        error: q.error.and_then(|k| error_message(&tr, &k)),
        layout: Layout::for_principal(&principal, "field-title", "field", "/field/"),
    };
    Ok(page.into_response())
}

fn error_message(tr: &crate::i18n::Tr, key: &str) -> Option<String> {
    match key {
        "place" => Some(tr.t("contact-unknown-place")),
        "form" => Some(tr.t("error-bad-form")),
        _ => None,
    }
}

/// The same registration as a tap, for a browser without JavaScript: a new id, now.
async fn register_without_script(
    State(state): State<AppState>,
    Can(principal, recorder): Can<FieldRecorder>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::UnsupportedMediaType);
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let Some(registration) = parse_form(&pairs) else {
        return Ok(Redirect::to("/field/?error=form").into_response());
    };
    let outcome = field_ops::apply(
        &state.field,
        &recorder,
        &principal.tz(),
        vec![Op::Register(registration)],
    )
    .await?;
    Ok(match outcome.first().map(|(_, o)| o) {
        Some(Outcome::Stored | Outcome::AlreadyStored) => {
            Redirect::to("/field/?registered=1").into_response()
        }
        _ => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, "/field/?error=place")],
        )
            .into_response(),
    })
}

fn parse_form(pairs: &[(String, String)]) -> Option<Registration> {
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let (age, gender) = get("cell")?.split_once(':')?;
    let count = get("count_other")
        .filter(|v| !v.trim().is_empty())
        .or(get("count"))
        .unwrap_or("1")
        .trim();
    let mut registration = Registration {
        id: ContactId::new(),
        occurred_at: jiff::Timestamp::now(),
        place: get("place")?.parse::<PlaceId>().ok()?,
        channel: get("channel")?.parse().ok()?,
        age_group: age.parse().ok()?,
        gender: gender.parse().ok()?,
        count: ContactCount::new(count.parse().ok()?).ok()?,
        topics: pairs
            .iter()
            .filter(|(n, _)| n == "topic")
            .map(|(_, v)| Topic::parse(v))
            .collect::<Result<_, _>>()
            .ok()?,
    };
    // The id is the page's id and what was tapped: the same form sent twice (a resubmit after
    // "back") is the same id and counts once, and a second, different tap on the same page
    // before it reloads is a different id and counts too. A page from before the form carried
    // an id registers under a new one.
    if let Some(form_id) = get("id") {
        let form_id = form_id.parse::<uuid::Uuid>().ok()?;
        let what = format!(
            "{}|{}|{}|{}|{}|{:?}",
            registration.place,
            registration.channel.as_str(),
            registration.age_group.as_str(),
            registration.gender.as_str(),
            registration.count.get(),
            registration.topics
        );
        registration.id = ContactId::from_uuid(uuid::Uuid::new_v5(&form_id, what.as_bytes()));
    }
    Some(registration)
}
