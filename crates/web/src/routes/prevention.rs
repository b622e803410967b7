//! Prevention and information work (drug-prevention classes, parent meetings, talks,
//! information work) and trend notes with their summary for the collaboration forums.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::prevention::{self as prevention_app, EventInput, ObservationInput};
use gatelangs_domain::groups::{PreventionKind, Theme};
use gatelangs_domain::time::{format_day, parse_date};
use gatelangs_report::groups::trend_summary;
use gatelangs_storage::{observations, places, prevention, users};
use serde::Deserialize;

use super::choice::{Choice, of_codes};
use super::layout::Layout;
use crate::auth::{Can, ForPrincipal, GroupWorker, Principal};
use crate::error::AppResult;
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/prevention", get(prevention_list))
        .post("/prevention", post(prevention_create))
        .get("/trends", get(trends_list))
        .post("/trends", post(trends_create))
}

fn kind_label(tr: &Tr, k: PreventionKind) -> String {
    tr.t(&format!("prevention-kind-{}", k.as_str()))
}

fn theme_label(tr: &Tr, t: Theme) -> String {
    tr.t(&format!("theme-{}", t.as_str()))
}

/// The year asked for, or this year.
pub(super) fn year_of(p: &Principal, asked: &str) -> i32 {
    asked
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| i32::from(p.today().year()))
}

fn optional_number(text: &str) -> Result<Option<i64>, ()> {
    match text.trim() {
        "" => Ok(None),
        t => t.parse().map(Some).map_err(|_| ()),
    }
}

// ---- prevention ----

pub struct EventRow {
    pub date: String,
    pub kind: String,
    pub place: String,
    pub grade: String,
    pub classes: String,
    pub participants: String,
    pub topics: String,
    pub staff: String,
}

pub struct KindTotal {
    pub kind: String,
    pub events: u64,
    pub classes: u64,
    pub participants: u64,
}

#[derive(Template, WebTemplate)]
#[template(path = "prevention.html")]
pub struct PreventionPage {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    year: i32,
    rows: Vec<EventRow>,
    totals: Vec<KindTotal>,
    kinds: Vec<Choice>,
    places: Vec<Choice>,
    staff: Vec<Choice>,
    form: EventForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct EventForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    classes: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    topics: String,
    #[serde(default)]
    staff: Vec<String>,
    #[serde(default)]
    year: String,
    #[serde(default)]
    done: String,
}

fn opt(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

async fn place_choices(
    state: &AppState,
    worker: &GroupWorker,
    tr: &Tr,
    chosen: &str,
) -> AppResult<Vec<Choice>> {
    let mut conn = state.store.read_conn().await?;
    let mut out = vec![Choice {
        value: String::new(),
        label: tr.t("groups-no-place"),
        selected: chosen.is_empty(),
    }];
    out.extend(
        places::list_places(&mut conn, worker.service())
            .await?
            .into_iter()
            .filter(|pl| !pl.archived)
            .map(|pl| Choice {
                selected: pl.id.to_string() == chosen,
                value: pl.id.to_string(),
                label: pl.name,
            }),
    );
    Ok(out)
}

async fn prevention_page(
    state: &AppState,
    p: &Principal,
    worker: &GroupWorker,
    form: EventForm,
    errors: Vec<String>,
) -> AppResult<PreventionPage> {
    let tr = p.tr();
    let year = year_of(p, &form.year);
    let mut conn = state.store.read_conn().await?;
    let rows = prevention::all(&mut conn, worker.service(), Some(year))
        .await?
        .into_iter()
        .rev()
        .map(|e| EventRow {
            date: e.day.parse().map(format_day).unwrap_or(e.day),
            kind: kind_label(&tr, e.kind),
            place: e.place.unwrap_or_default(),
            grade: opt(e.grade),
            classes: opt(e.classes),
            participants: opt(e.participants),
            topics: e.topics.join(", "),
            staff: e.staff.join(", "),
        })
        .collect();
    let figures = prevention::year_figures(&mut conn, worker.service(), year).await?;
    let staff = users::list(&mut conn, worker.service())
        .await?
        .into_iter()
        .filter(gatelangs_app::groups::may_hold_group_work)
        .map(|u| Choice {
            selected: form.staff.contains(&u.id.to_string()),
            value: u.id.to_string(),
            label: u.name,
        })
        .collect();
    drop(conn);
    let totals = PreventionKind::ALL
        .iter()
        .map(|k| {
            let (events, classes, participants) = figures.get(k).copied().unwrap_or_default();
            KindTotal {
                kind: kind_label(&tr, *k),
                events,
                classes,
                participants,
            }
        })
        .collect();
    Ok(PreventionPage {
        kinds: of_codes(
            PreventionKind::ALL,
            PreventionKind::as_str,
            |k| kind_label(&tr, k),
            &form.kind,
        ),
        places: place_choices(state, worker, &tr, &form.place).await?,
        staff,
        notice: (form.done == "saved").then(|| tr.t("prevention-saved")),
        year,
        rows,
        totals,
        errors,
        form,
        layout: Layout::for_principal(p, "prevention-title", "prevention", "/prevention"),
    })
}

async fn prevention_list(
    State(state): State<AppState>,
    p: Principal,
    Query(mut q): Query<EventForm>,
) -> AppResult<PreventionPage> {
    let worker = GroupWorker::for_principal(&p)?;
    if q.date.is_empty() {
        q.date = format_day(p.today());
    }
    if q.staff.is_empty() {
        q.staff = vec![p.user_id().to_string()];
    }
    prevention_page(&state, &p, &worker, q, Vec::new()).await
}

async fn prevention_create(
    State(state): State<AppState>,
    Can(p, worker): Can<GroupWorker>,
    Form(form): Form<EventForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let mut errors = Vec::new();
    let day = parse_date(&form.date);
    if day.is_none() {
        errors.push(tr.t("youth-error-date"));
    }
    let kind: Option<PreventionKind> = form.kind.parse().ok();
    if kind.is_none() {
        errors.push(tr.t("error-bad-form"));
    }
    let numbers = (
        optional_number(&form.grade),
        optional_number(&form.classes),
        optional_number(&form.participants),
    );
    let (Ok(grade), Ok(classes), Ok(participants)) = numbers else {
        errors.push(tr.t("prevention-error-count"));
        let page = prevention_page(&state, &p, &worker, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let place = match form.place.as_str() {
        "" => None,
        id => id.parse().ok(),
    };
    if let (Some(day), Some(kind), true) = (day, kind, errors.is_empty()) {
        let Ok(staff) = form.staff.iter().map(|s| s.parse()).collect() else {
            return Err(crate::error::AppError::BadRequest("error-bad-form"));
        };
        let input = EventInput {
            topics: form.topics.clone(),
            staff,
            day,
            kind,
            place,
            grade,
            classes,
            participants,
        };
        match prevention_app::record_event(&state.store, &worker, input).await {
            Ok(_) => return Ok(Redirect::to("/prevention?done=saved").into_response()),
            Err(gatelangs_app::Error::Invalid(key)) => errors.push(tr.t(key)),
            Err(e) => return Err(e.into()),
        }
    }
    let page = prevention_page(&state, &p, &worker, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---- trends ----

pub struct NoteRow {
    pub date: String,
    pub district: String,
    pub themes: String,
    pub summary: String,
}

pub struct SummaryRow {
    pub district: String,
    pub notes: String,
    pub themes: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "trends.html")]
pub struct TrendsPage {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    year: i32,
    theme_names: Vec<String>,
    summary: Vec<SummaryRow>,
    notes: Vec<NoteRow>,
    districts: Vec<Choice>,
    themes: Vec<Choice>,
    form: NoteForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct NoteForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    theme: Vec<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    done: String,
}

async fn trends_page(
    state: &AppState,
    p: &Principal,
    worker: &GroupWorker,
    form: NoteForm,
    errors: Vec<String>,
) -> AppResult<TrendsPage> {
    let tr = p.tr();
    let year = year_of(p, &form.year);
    let mut conn = state.store.read_conn().await?;
    let notes = observations::all(
        &mut conn,
        state.store.field_keys(),
        worker.service(),
        Some(year),
    )
    .await?;
    let districts = places::list_districts(&mut conn, worker.service()).await?;
    drop(conn);
    let summary = trend_summary(
        notes
            .iter()
            .map(|o| (o.district.as_str(), o.themes.as_slice())),
    )
    .into_iter()
    .map(|r| SummaryRow {
        district: r.district,
        notes: r.notes.to_string(),
        themes: r.by_theme.iter().map(ToString::to_string).collect(),
    })
    .collect();
    let note_rows = notes
        .into_iter()
        .rev()
        .map(|o| NoteRow {
            date: o.day.parse().map(format_day).unwrap_or(o.day),
            district: o.district,
            themes: o
                .themes
                .iter()
                .map(|t| theme_label(&tr, *t))
                .collect::<Vec<_>>()
                .join(", "),
            summary: o.summary,
        })
        .collect();
    let district_choices = std::iter::once(Choice {
        value: String::new(),
        label: tr.t("youth-choose-person"),
        selected: form.district.is_empty(),
    })
    .chain(
        districts
            .into_iter()
            .filter(|d| !d.archived)
            .map(|d| Choice {
                selected: d.id.to_string() == form.district,
                value: d.id.to_string(),
                label: d.name,
            }),
    )
    .collect();
    let themes = Theme::ALL
        .iter()
        .map(|t| Choice {
            value: t.as_str().to_owned(),
            label: theme_label(&tr, *t),
            selected: form.theme.iter().any(|x| x == t.as_str()),
        })
        .collect();
    Ok(TrendsPage {
        theme_names: Theme::ALL.iter().map(|t| theme_label(&tr, *t)).collect(),
        notice: (form.done == "saved").then(|| tr.t("trends-saved")),
        districts: district_choices,
        themes,
        year,
        summary,
        notes: note_rows,
        errors,
        form,
        layout: Layout::for_principal(p, "trends-title", "trends", "/trends"),
    })
}

async fn trends_list(
    State(state): State<AppState>,
    p: Principal,
    Query(mut q): Query<NoteForm>,
) -> AppResult<TrendsPage> {
    let worker = GroupWorker::for_principal(&p)?;
    if q.date.is_empty() {
        q.date = format_day(p.today());
    }
    trends_page(&state, &p, &worker, q, Vec::new()).await
}

async fn trends_create(
    State(state): State<AppState>,
    Can(p, worker): Can<GroupWorker>,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let mut errors = Vec::new();
    let day = parse_date(&form.date);
    if day.is_none() {
        errors.push(tr.t("youth-error-date"));
    }
    let district = form.district.parse().ok();
    if district.is_none() {
        errors.push(tr.t("trends-error-district"));
    }
    let themes: Vec<Theme> = form.theme.iter().filter_map(|t| t.parse().ok()).collect();
    if let (Some(day), Some(district), true) = (day, district, errors.is_empty()) {
        let input = ObservationInput {
            day,
            district,
            themes,
            summary: form.summary.clone(),
        };
        match prevention_app::record_observation(&state.store, &worker, input).await {
            Ok(_) => return Ok(Redirect::to("/trends?done=saved").into_response()),
            Err(gatelangs_app::Error::Invalid(key)) => errors.push(tr.t(key)),
            Err(e) => return Err(e.into()),
        }
    }
    let page = trends_page(&state, &p, &worker, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
