//! The staffing plan (reference section 3.0) and the rota: a week or a month of shifts against
//! their targets, the shifts under target marked, the rota's conflicts listed. Leaders change
//! them; field workers read them.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::staffing::{self as staffing_app, RotaConflict, TargetInput, TeamInput};
use gatelangs_domain::staffing::{
    Cover, ShiftHours, TeamRange, Validity, Weekday, parse_clock, parse_shift_name, plan_in_force,
    week_of,
};
use gatelangs_domain::time::{format_day, parse_date};
use gatelangs_domain::{Role, RotaTeamId, TargetId};
use gatelangs_storage::{places, staffing, users};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Deserialize;

use super::choice::Choice;
use super::layout::Layout;
use crate::auth::{Can, ForPrincipal, Principal, RotaPlanner, RotaReader};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/staffing", get(plan_page))
        .post("/staffing", post(plan_add))
        .post("/staffing/{id}/delete", post(plan_delete))
        .get("/rota", get(rota_page))
        .post("/rota", post(rota_add))
        .post("/rota/{id}/delete", post(rota_delete))
}

pub fn weekday_label(tr: &Tr, w: Weekday) -> String {
    tr.t(&format!("weekday-{}", w.as_str()))
}

/// A shift as a row heading: `08:30–15:30 (day)`.
fn shift_label(shift: &str, hours: ShiftHours) -> String {
    format!("{} ({shift})", hours.label())
}

// ---- the plan ----

/// One shift of the plan in force, as the reference report's 3.0 table prints it.
pub struct PlanRow {
    pub shift: String,
    pub cells: Vec<String>,
}

/// One stored row of the plan, for the list a leader edits.
pub struct TargetRow {
    pub id: String,
    pub shift: String,
    pub weekday: String,
    pub teams: String,
    pub period: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staffing.html")]
pub struct PlanPage {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    date: String,
    weekdays: Vec<String>,
    plan: Vec<PlanRow>,
    rows: Vec<TargetRow>,
    may_plan: bool,
    weekday_choices: Vec<Choice>,
    form: PlanForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct PlanForm {
    #[serde(default)]
    shift: String,
    #[serde(default)]
    starts: String,
    #[serde(default)]
    ends: String,
    #[serde(default)]
    weekday: Vec<String>,
    #[serde(default)]
    min_teams: String,
    #[serde(default)]
    max_teams: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    done: String,
}

/// The 3.0 table of the plan in force on `day`: one row per shift, a cell per weekday.
pub fn plan_table(targets: &[gatelangs_domain::staffing::Target], day: Date) -> Vec<PlanRow> {
    plan_in_force(targets, day)
        .into_iter()
        .map(|s| PlanRow {
            shift: shift_label(&s.shift, s.hours),
            cells: Weekday::ALL
                .iter()
                .map(|w| s.teams.get(w).map(TeamRange::label).unwrap_or_default())
                .collect(),
        })
        .collect()
}

fn period_label(tr: &Tr, v: Validity) -> String {
    match (v.from, v.to) {
        (None, None) => tr.t("staffing-standing"),
        (from, to) => format!(
            "{}–{}",
            from.map(format_day).unwrap_or_default(),
            to.map(format_day).unwrap_or_default()
        ),
    }
}

async fn plan_view(
    state: &AppState,
    p: &Principal,
    reader: &RotaReader,
    form: PlanForm,
    errors: Vec<String>,
) -> AppResult<PlanPage> {
    let tr = p.tr();
    let day = parse_date(&form.date).unwrap_or_else(|| p.today());
    let mut conn = state.store.read_conn().await?;
    let stored = staffing::targets(&mut conn, reader.service()).await?;
    drop(conn);
    let targets: Vec<_> = stored.iter().map(|s| s.target.clone()).collect();
    let rows = stored
        .iter()
        .map(|s| TargetRow {
            id: s.id.to_string(),
            shift: shift_label(&s.target.shift, s.target.hours),
            weekday: weekday_label(&tr, s.target.weekday),
            teams: s.target.teams.label(),
            period: period_label(&tr, s.target.validity),
        })
        .collect();
    Ok(PlanPage {
        weekdays: Weekday::ALL
            .iter()
            .map(|w| weekday_label(&tr, *w))
            .collect(),
        weekday_choices: Weekday::ALL
            .iter()
            .map(|w| Choice {
                value: w.as_str().to_owned(),
                label: weekday_label(&tr, *w),
                selected: form.weekday.iter().any(|x| x == w.as_str()),
            })
            .collect(),
        plan: plan_table(&targets, day),
        rows,
        may_plan: reader.role() == Role::Leader,
        notice: (form.done == "saved").then(|| tr.t("staffing-saved")),
        date: format_day(day),
        errors,
        form,
        layout: Layout::for_principal(p, "staffing-title", "staffing", "/staffing"),
    })
}

async fn plan_page(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<PlanForm>,
) -> AppResult<PlanPage> {
    let reader = RotaReader::for_principal(&p)?;
    plan_view(&state, &p, &reader, q, Vec::new()).await
}

/// An optional typed date: `Ok(None)` when empty, `Err` when it is no date.
fn optional_date(text: &str) -> Result<Option<Date>, ()> {
    match text.trim() {
        "" => Ok(None),
        t => parse_date(t).map(Some).ok_or(()),
    }
}

fn parse_plan_form(form: &PlanForm) -> Result<TargetInput, &'static str> {
    let shift = parse_shift_name(&form.shift).map_err(|_| "staffing-error-shift")?;
    let starts = parse_clock(&form.starts).map_err(|_| "staffing-error-time")?;
    let ends = parse_clock(&form.ends).map_err(|_| "staffing-error-time")?;
    let hours = ShiftHours::new(starts, ends).map_err(|_| "staffing-error-time")?;
    let weekdays = form
        .weekday
        .iter()
        .map(|w| w.parse::<Weekday>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| "error-bad-form")?;
    let number = |t: &str| t.trim().parse::<i64>().map_err(|_| "staffing-error-teams");
    let teams = TeamRange::new(number(&form.min_teams)?, number(&form.max_teams)?)
        .map_err(|_| "staffing-error-teams")?;
    let from = optional_date(&form.valid_from).map_err(|()| "youth-error-date")?;
    let to = optional_date(&form.valid_to).map_err(|()| "youth-error-date")?;
    let validity = Validity::new(from, to).map_err(|_| "staffing-error-period")?;
    Ok(TargetInput {
        shift,
        hours,
        weekdays,
        teams,
        validity,
    })
}

async fn plan_add(
    State(state): State<AppState>,
    Can(p, planner): Can<RotaPlanner>,
    Form(form): Form<PlanForm>,
) -> AppResult<Response> {
    let reader = RotaReader::for_principal(&p)?;
    let tr = p.tr();
    let error = match parse_plan_form(&form) {
        Ok(input) => match staffing_app::add_targets(&state.store, &planner, input).await {
            Ok(_) => return Ok(Redirect::to("/staffing?done=saved").into_response()),
            Err(gatelangs_app::Error::Invalid(key)) => key,
            Err(e) => return Err(e.into()),
        },
        Err(key) => key,
    };
    let page = plan_view(&state, &p, &reader, form, vec![tr.t(error)]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn plan_delete(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Redirect> {
    let planner = RotaPlanner::for_principal(&p)?;
    let id: TargetId = id.parse().map_err(|_| AppError::NotFound)?;
    staffing_app::remove_target(&state.store, &planner, id).await?;
    Ok(Redirect::to("/staffing"))
}

// ---- the rota ----

pub struct SlotRow {
    pub day: String,
    pub shift: String,
    pub target: String,
    pub planned: usize,
    pub under: bool,
    pub over: bool,
    pub teams: Vec<TeamCell>,
}

pub struct TeamCell {
    pub id: String,
    pub staff: String,
    pub district: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rota.html")]
pub struct RotaPage {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    month: bool,
    heading: String,
    previous: String,
    next: String,
    anchor: String,
    slots: Vec<SlotRow>,
    under: usize,
    conflicts: Vec<String>,
    may_plan: bool,
    shifts: Vec<Choice>,
    /// Three selects: a team of two, and room for a third.
    staff: Vec<Vec<Choice>>,
    districts: Vec<Choice>,
    form: TeamForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct TeamForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    shift: String,
    #[serde(default)]
    staff: Vec<String>,
    #[serde(default)]
    district: String,
    /// Any day of the week or month shown.
    #[serde(default)]
    at: String,
    /// `month` for the month view; the week otherwise.
    #[serde(default)]
    view: String,
    #[serde(default)]
    done: String,
}

/// The first and last day shown, and the anchors of the previous and next period.
fn period(anchor: Date, month: bool) -> (Date, Date, Date, Date) {
    if month {
        let first = anchor.first_of_month();
        let last = anchor.last_of_month();
        let previous = first.checked_sub(1.month()).unwrap_or(first);
        let next = first.checked_add(1.month()).unwrap_or(first);
        (first, last, previous, next)
    } else {
        let (monday, sunday) = week_of(anchor);
        let previous = monday.checked_sub(7.days()).unwrap_or(monday);
        let next = monday.checked_add(7.days()).unwrap_or(monday);
        (monday, sunday, previous, next)
    }
}

fn conflict_text(tr: &Tr, c: &RotaConflict) -> String {
    match c {
        RotaConflict::TeamOfOne { day, shift, staff } => tr.t_args(
            "rota-conflict-team-of-one",
            &[
                ("day", &format_day(*day)),
                ("shift", shift),
                ("staff", staff),
            ],
        ),
        RotaConflict::TwiceAtOnce {
            person,
            day,
            shifts,
        } => tr.t_args(
            "rota-conflict-twice",
            &[
                ("person", person),
                ("day", &format_day(*day)),
                ("first", &shifts.0),
                ("second", &shifts.1),
            ],
        ),
        RotaConflict::ShortRest {
            person,
            first,
            second,
            rest_minutes,
        } => tr.t_args(
            "rota-conflict-rest",
            &[
                ("person", person),
                ("first", &format!("{} {}", format_day(first.0), first.1)),
                ("second", &format!("{} {}", format_day(second.0), second.1)),
                (
                    "rest",
                    &format!("{}:{:02}", rest_minutes / 60, rest_minutes % 60),
                ),
            ],
        ),
    }
}

async fn rota_view(
    state: &AppState,
    p: &Principal,
    reader: &RotaReader,
    form: TeamForm,
    errors: Vec<String>,
) -> AppResult<RotaPage> {
    let tr = p.tr();
    let month = form.view == "month";
    let anchor = parse_date(&form.at).unwrap_or_else(|| p.today());
    let (first, last, previous, next) = period(anchor, month);
    let service = reader.service();
    let mut conn = state.store.read_conn().await?;
    let view = staffing_app::rota(&mut conn, service, &p.tz(), first, last).await?;
    let plan = staffing::plan(&mut conn, service).await?;
    let all_staff = users::list(&mut conn, service).await?;
    let districts = places::list_districts(&mut conn, service).await?;
    drop(conn);
    let slots = view
        .slots
        .iter()
        .map(|s| SlotRow {
            day: format!(
                "{} {}",
                weekday_label(&tr, Weekday::of(s.day)),
                format_day(s.day)
            ),
            shift: shift_label(&s.shift, s.hours),
            target: s.target.map(|t| t.label()).unwrap_or_default(),
            planned: s.teams.len(),
            under: s.cover() == Some(Cover::Under),
            over: s.cover() == Some(Cover::Over),
            teams: s
                .teams
                .iter()
                .map(|t| TeamCell {
                    id: t.id.to_string(),
                    staff: t.usernames().join(", "),
                    district: t.district.clone().unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let mut shift_names: Vec<String> = plan.iter().map(|t| t.shift.clone()).collect();
    shift_names.sort();
    shift_names.dedup();
    let staff_choice = |i: usize| -> Vec<Choice> {
        let chosen = form.staff.get(i).map(String::as_str).unwrap_or_default();
        std::iter::once(Choice {
            value: String::new(),
            label: tr.t("rota-nobody"),
            selected: chosen.is_empty(),
        })
        .chain(
            all_staff
                .iter()
                .filter(|u| !u.disabled && matches!(u.role, Role::FieldWorker | Role::Leader))
                .map(|u| Choice {
                    value: u.id.to_string(),
                    label: format!("{} ({})", u.name, u.username),
                    selected: u.id.to_string() == chosen,
                }),
        )
        .collect()
    };
    let staff = (0..3).map(staff_choice).collect();
    let heading = if month {
        tr.t1("rota-month", "month", &first.strftime("%m.%Y").to_string())
    } else {
        tr.t_args(
            "rota-week",
            &[
                ("week", &first.iso_week_date().week().to_string()),
                ("from", &format_day(first)),
                ("to", &format_day(last)),
            ],
        )
    };
    Ok(RotaPage {
        heading,
        previous: format_day(previous),
        next: format_day(next),
        anchor: format_day(anchor),
        under: view.under_target(),
        conflicts: view
            .conflicts
            .iter()
            .map(|c| conflict_text(&tr, c))
            .collect(),
        slots,
        may_plan: reader.role() == Role::Leader,
        shifts: shift_names
            .into_iter()
            .map(|s| Choice {
                selected: s == form.shift,
                label: s.clone(),
                value: s,
            })
            .collect(),
        staff,
        districts: std::iter::once(Choice {
            value: String::new(),
            label: tr.t("rota-no-district"),
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
        .collect(),
        notice: (form.done == "saved").then(|| tr.t("rota-saved")),
        month,
        errors,
        form,
        layout: Layout::for_principal(p, "rota-title", "rota", "/rota"),
    })
}

async fn rota_page(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<TeamForm>,
) -> AppResult<RotaPage> {
    let reader = RotaReader::for_principal(&p)?;
    rota_view(&state, &p, &reader, q, Vec::new()).await
}

async fn rota_add(
    State(state): State<AppState>,
    Can(p, planner): Can<RotaPlanner>,
    Form(form): Form<TeamForm>,
) -> AppResult<Response> {
    let reader = RotaReader::for_principal(&p)?;
    let tr = p.tr();
    let parsed = (|| -> Result<TeamInput, &'static str> {
        let day = parse_date(&form.date).ok_or("youth-error-date")?;
        let staff = form
            .staff
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.parse())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| "rota-error-staff")?;
        let district = match form.district.as_str() {
            "" => None,
            d => Some(d.parse().map_err(|_| "rota-error-district")?),
        };
        Ok(TeamInput {
            day,
            shift: form.shift.trim().to_owned(),
            district,
            staff,
        })
    })();
    let error = match parsed {
        Ok(input) => {
            let day = input.day;
            match staffing_app::add_team(&state.store, &planner, input).await {
                Ok(_) => {
                    let to = format!("/rota?at={}&done=saved", format_day(day));
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(gatelangs_app::Error::Invalid(key)) => key,
                Err(e) => return Err(e.into()),
            }
        }
        Err(key) => key,
    };
    let page = rota_view(&state, &p, &reader, form, vec![tr.t(error)]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn rota_delete(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Redirect> {
    let planner = RotaPlanner::for_principal(&p)?;
    let id: RotaTeamId = id.parse().map_err(|_| AppError::NotFound)?;
    staffing_app::remove_team(&state.store, &planner, id).await?;
    Ok(Redirect::to("/rota"))
}
