//! Groups (life skills, FLYT, gaming, …) and the roll-call of a session: tick the named youths
//! the worker may see, type the pseudonyms (nickname or gamer tag) of anonymous participants.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::groups::{self as groups_app, Session};
use gatelangs_domain::groups::GroupKind;
use gatelangs_domain::time::{format_day, parse_date};
use gatelangs_domain::{GroupId, YouthId};
use gatelangs_storage::{groups, places, users};
use serde::Deserialize;

use super::choice::{Choice, of_codes};
use super::layout::Layout;
use crate::auth::{Can, ForPrincipal, GroupWorker, Principal, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/groups", get(list))
        .post("/groups", post(create))
        .get("/groups/{id}", get(show))
        .post("/groups/{id}/sessions", post(record))
        .post("/groups/{id}/staff", post(save_staff))
}

pub fn kind_label(tr: &Tr, kind: GroupKind) -> String {
    tr.t(&format!("group-kind-{}", kind.as_str()))
}

pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub place: String,
    pub sessions: u64,
    pub attendances: u64,
}

#[derive(Template, WebTemplate)]
#[template(path = "groups.html")]
pub struct ListPage {
    layout: Layout,
    errors: Vec<String>,
    rows: Vec<GroupRow>,
    year: i32,
    kinds: Vec<Choice>,
    places: Vec<Choice>,
    form: GroupForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct GroupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    place: String,
}

async fn list_page(
    state: &AppState,
    p: &Principal,
    worker: &GroupWorker,
    form: GroupForm,
    errors: Vec<String>,
) -> AppResult<ListPage> {
    let tr = p.tr();
    let year = i32::from(p.today().year());
    let mut conn = state.store.read_conn().await?;
    let figures = groups::year_figures(&mut conn, worker.service(), year).await?;
    let rows = groups::list(&mut conn, worker.service())
        .await?
        .into_iter()
        .map(|g| {
            let (sessions, attendances) =
                figures.by_group.get(&g.name).copied().unwrap_or_default();
            GroupRow {
                id: g.id.to_string(),
                kind: kind_label(&tr, g.kind),
                place: g.place_name.unwrap_or_default(),
                name: g.name,
                sessions,
                attendances,
            }
        })
        .collect();
    let mut place_choices = vec![Choice {
        value: String::new(),
        label: tr.t("groups-no-place"),
        selected: form.place.is_empty(),
    }];
    place_choices.extend(
        places::list_places(&mut conn, worker.service())
            .await?
            .into_iter()
            .filter(|pl| !pl.archived)
            .map(|pl| Choice {
                selected: pl.id.to_string() == form.place,
                value: pl.id.to_string(),
                label: pl.name,
            }),
    );
    Ok(ListPage {
        kinds: of_codes(
            GroupKind::ALL,
            GroupKind::as_str,
            |k| kind_label(&tr, k),
            &form.kind,
        ),
        places: place_choices,
        rows,
        year,
        errors,
        form,
        layout: Layout::for_principal(p, "groups-title", "groups", "/groups"),
    })
}

async fn list(State(state): State<AppState>, p: Principal) -> AppResult<ListPage> {
    let worker = GroupWorker::for_principal(&p)?;
    list_page(&state, &p, &worker, GroupForm::default(), Vec::new()).await
}

async fn create(
    State(state): State<AppState>,
    Can(p, worker): Can<GroupWorker>,
    Form(form): Form<GroupForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let kind: Option<GroupKind> = form.kind.parse().ok();
    let place = match form.place.as_str() {
        "" => Ok(None),
        id => id.parse().map(Some),
    };
    let outcome = match (kind, place) {
        (Some(kind), Ok(place)) => {
            groups_app::create_group(&state.store, &worker, &form.name, kind, place).await
        }
        _ => Err(gatelangs_app::Error::Invalid("error-bad-form")),
    };
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/groups/{id}")).into_response()),
        Err(gatelangs_app::Error::Invalid(key) | gatelangs_app::Error::Conflict(key)) => {
            let page = list_page(&state, &p, &worker, form, vec![tr.t(key)]).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub struct Candidate {
    pub id: String,
    pub reference: String,
    pub name: String,
}

pub struct SessionRow {
    pub date: String,
    pub named: usize,
    pub anonymous: usize,
    pub others: i64,
}

/// A colleague who may run a group, ticked when they do.
pub struct StaffChoice {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "group.html")]
pub struct GroupPage {
    layout: Layout,
    id: String,
    kind: String,
    place: String,
    date: String,
    candidates: Vec<Candidate>,
    sessions: Vec<SessionRow>,
    staff: Vec<String>,
    staff_choices: Vec<StaffChoice>,
    notice: Option<String>,
    errors: Vec<String>,
    user: String,
}

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    written: Option<usize>,
    #[serde(default)]
    already: Option<usize>,
    #[serde(default)]
    staff: Option<String>,
}

fn group_id(text: &str) -> AppResult<GroupId> {
    text.parse().map_err(|_| AppError::NotFound)
}

async fn group_page(
    state: &AppState,
    p: &Principal,
    id: GroupId,
    notice: Option<String>,
    errors: Vec<String>,
) -> AppResult<GroupPage> {
    let desk = YouthDesk::for_principal(p)?;
    let mut conn = state.store.read_conn().await?;
    let group = groups::list(&mut conn, desk.service())
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or(AppError::NotFound)?;
    // Sessions of the group, newest first: how many named, pseudonymous and others took part.
    let others = groups::others_by_day(&mut conn, desk.service(), id).await?;
    let mut by_day: std::collections::BTreeMap<String, (usize, usize)> =
        others.keys().map(|day| (day.clone(), (0, 0))).collect();
    for a in groups::attendance(&mut conn, desk.service(), None).await? {
        if a.group == group.name {
            let e = by_day.entry(a.day).or_default();
            if a.youth_ref.is_some() {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let staff = groups::staff(&mut conn, desk.service(), id).await?;
    let staff_choices = users::list(&mut conn, desk.service())
        .await?
        .into_iter()
        .filter(gatelangs_app::groups::may_hold_group_work)
        .map(|u| StaffChoice {
            checked: staff.iter().any(|(s, _)| *s == u.id),
            id: u.id.to_string(),
            name: u.name,
        })
        .collect();
    drop(conn);
    let sessions = by_day
        .into_iter()
        .rev()
        .map(|(day, (named, anonymous))| SessionRow {
            others: others.get(&day).copied().unwrap_or(0),
            date: day.parse().map(format_day).unwrap_or(day),
            named,
            anonymous,
        })
        .collect();
    let candidates = groups_app::roll_call(&state.store, &desk, id)
        .await?
        .into_iter()
        .map(|(id, reference, name)| Candidate {
            id: id.to_string(),
            reference,
            name,
        })
        .collect();
    let tr = p.tr();
    let mut layout = Layout::for_principal(p, "groups-title", "groups", &format!("/groups/{id}"));
    layout.title = group.name.clone();
    Ok(GroupPage {
        id: id.to_string(),
        kind: kind_label(&tr, group.kind),
        place: group.place_name.unwrap_or_default(),
        date: format_day(p.today()),
        candidates,
        sessions,
        staff: staff.into_iter().map(|(_, name)| name).collect(),
        staff_choices,
        notice,
        errors,
        user: p.user_id().to_string(),
        layout,
    })
}

async fn show(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> AppResult<GroupPage> {
    let tr = p.tr();
    let notice = done.written.map(|n| {
        let mut text = tr.tn("groups-recorded", "n", n);
        if let Some(same) = done.already.filter(|n| *n > 0) {
            text.push(' ');
            text.push_str(&tr.tn("groups-already-there", "n", same));
        }
        text
    });
    let notice = notice.or_else(|| done.staff.is_some().then(|| tr.t("groups-staff-saved")));
    group_page(&state, &p, group_id(&id)?, notice, Vec::new()).await
}

#[derive(Deserialize, Default)]
pub struct SessionForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    youth: Vec<String>,
    #[serde(default)]
    pseudonyms: String,
    #[serde(default)]
    others: String,
}

async fn record(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<SessionForm>,
) -> AppResult<Response> {
    let id = group_id(&id)?;
    let tr = p.tr();
    let Some(day) = parse_date(&form.date) else {
        let page = group_page(&state, &p, id, None, vec![tr.t("youth-error-date")]).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let others = match form.others.trim() {
        "" => None,
        n => match n.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                let page =
                    group_page(&state, &p, id, None, vec![tr.t("groups-error-others")]).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
        },
    };
    let youths: Vec<YouthId> = form
        .youth
        .iter()
        .map(|y| y.parse())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let session = Session {
        group: id,
        day,
        youths,
        pseudonyms: form
            .pseudonyms
            .split(['\n', ','])
            .map(str::to_owned)
            .collect(),
        others,
        receipt: None,
    };
    match groups_app::record_session(&state.store, &desk, session).await {
        Ok(r) => Ok(Redirect::to(&format!(
            "/groups/{id}?written={}&already={}",
            r.written, r.already_there
        ))
        .into_response()),
        Err(gatelangs_app::Error::Invalid(key)) => {
            let page = group_page(&state, &p, id, None, vec![tr.t(key)]).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct StaffForm {
    #[serde(default)]
    staff: Vec<String>,
}

/// Who runs the group: the ticked colleagues replace the list.
async fn save_staff(
    State(state): State<AppState>,
    Can(p, worker): Can<GroupWorker>,
    Path(id): Path<String>,
    Form(form): Form<StaffForm>,
) -> AppResult<Response> {
    let id = group_id(&id)?;
    let staff: Vec<gatelangs_domain::UserId> = form
        .staff
        .iter()
        .map(|s| s.parse())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::BadRequest("error-bad-form"))?;
    match groups_app::set_staff(&state.store, &worker, id, &staff).await {
        Ok(()) => Ok(Redirect::to(&format!("/groups/{id}?staff=saved")).into_response()),
        Err(gatelangs_app::Error::Invalid(key)) => {
            let page = group_page(&state, &p, id, None, vec![p.tr().t(key)]).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
