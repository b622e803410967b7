//! Time use on a phone: a worker picks one of their recent shifts (or a day outside the rota),
//! the shift's hours come in as field work, they split them by category and save. Below, their
//! shares of the year against the targets; a leader sees every worker and the service.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::time_use::{self as time_app, default_entries};
use gatelangs_domain::time::{format_day, parse_date};
use gatelangs_domain::time_use::{
    DIRECT_WORK_TARGET_PERCENT, FIELD_WORK_TARGET_PERCENT, OsloPart, TimeCategory, TimeShares,
    format_hours, parse_hours,
};
use gatelangs_domain::{Role, RotaTeamId};
use gatelangs_storage::time_use;
use jiff::civil::Date;
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{Can, ForPrincipal, Principal, TimeRecorder};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/time", get(page))
        .post("/time", post(save))
}

fn category_label(tr: &Tr, c: TimeCategory) -> String {
    tr.t(&format!("time-category-{}", c.as_str()))
}

/// A recent shift of the worker, as a link to record it.
pub struct ShiftLink {
    pub href: String,
    pub label: String,
    pub recorded: String,
    pub current: bool,
}

/// One input of the form.
pub struct CategoryField {
    pub code: &'static str,
    pub label: String,
    pub value: String,
}

/// A row of a shares table.
pub struct ShareRow {
    pub label: String,
    pub hours: String,
    pub field: String,
    pub direct: String,
    pub meets: Option<bool>,
}

#[derive(Template, WebTemplate)]
#[template(path = "time_use.html")]
pub struct TimePage {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    shifts: Vec<ShiftLink>,
    outside_href: String,
    /// What the form records (`None`: nothing chosen yet).
    chosen: Option<String>,
    team: String,
    date: String,
    fields: Vec<CategoryField>,
    year: i32,
    mine: Vec<(String, String, String)>,
    my_total: String,
    targets: Vec<String>,
    workers: Vec<ShareRow>,
    service_row: Option<ShareRow>,
    oslo: Vec<(String, String, String)>,
}

#[derive(Deserialize, Default, Clone)]
pub struct TimeForm {
    #[serde(default)]
    team: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    h_field_work: String,
    #[serde(default)]
    h_follow_up: String,
    #[serde(default)]
    h_groups: String,
    #[serde(default)]
    h_prevention: String,
    #[serde(default)]
    h_documentation: String,
    #[serde(default)]
    h_meetings_other: String,
}

impl TimeForm {
    fn typed(&self, c: TimeCategory) -> &str {
        match c {
            TimeCategory::FieldWork => &self.h_field_work,
            TimeCategory::FollowUp => &self.h_follow_up,
            TimeCategory::Groups => &self.h_groups,
            TimeCategory::Prevention => &self.h_prevention,
            TimeCategory::Documentation => &self.h_documentation,
            TimeCategory::MeetingsOther => &self.h_meetings_other,
        }
    }

    fn any_typed(&self) -> bool {
        TimeCategory::ALL.iter().any(|c| !self.typed(*c).is_empty())
    }
}

pub(super) fn percent(p: Option<u32>) -> String {
    p.map(|p| format!("{p} %")).unwrap_or_else(|| "–".into())
}

/// Per category: label, hours and share — for a worker's year here and the service's in the
/// report's 1.3.
pub(super) fn category_rows(tr: &Tr, s: &TimeShares) -> Vec<(String, String, String)> {
    TimeCategory::ALL
        .iter()
        .map(|c| {
            (
                category_label(tr, *c),
                format_hours(s.minutes.get(c).copied().unwrap_or(0)),
                percent(s.category_percent(*c)),
            )
        })
        .collect()
}

/// The Oslo standard's parts: label, recommended share and the share recorded.
pub(super) fn oslo_rows(tr: &Tr, s: &TimeShares) -> Vec<(String, String, String)> {
    OsloPart::ALL
        .iter()
        .map(|part| {
            (
                tr.t(&format!("time-oslo-{}", part.as_str())),
                format!("{} %", part.recommended_percent()),
                percent(s.oslo_percent(*part)),
            )
        })
        .collect()
}

fn share_row(label: String, s: &TimeShares) -> ShareRow {
    ShareRow {
        label,
        hours: format_hours(s.total()),
        field: percent(s.field_work_percent()),
        direct: percent(s.direct_percent()),
        meets: s.meets_targets(),
    }
}

async fn view(
    state: &AppState,
    p: &Principal,
    recorder: &TimeRecorder,
    form: TimeForm,
    errors: Vec<String>,
) -> AppResult<TimePage> {
    let tr = p.tr();
    let today = p.today();
    let since = today
        .checked_sub(jiff::Span::new().days(13))
        .unwrap_or(today);
    let service = recorder.service();
    let mut conn = state.store.read_conn().await?;
    let recent =
        gatelangs_app::staffing::shifts_of(&mut conn, service, recorder.user(), since, today)
            .await?;
    let team: Option<RotaTeamId> = form.team.parse().ok();
    let chosen_shift = recent.iter().find(|(t, _)| Some(t.id) == team);
    let day: Option<Date> = match chosen_shift {
        Some((t, _)) => Some(t.day),
        None if team.is_none() => parse_date(&form.date),
        None => None,
    };
    let mut shifts = vec![];
    for (t, hours) in recent.iter().rev() {
        let recorded: i64 = time_use::of_day(&mut conn, service, recorder.user(), t.day)
            .await?
            .iter()
            .filter(|d| d.team == Some(t.id))
            .flat_map(|d| d.entries.iter().map(|(_, m)| m))
            .sum();
        shifts.push(ShiftLink {
            href: format!("/time?team={}", t.id),
            label: format!(
                "{} {} {}{}",
                super::staffing::weekday_label(&tr, gatelangs_domain::staffing::Weekday::of(t.day)),
                format_day(t.day),
                t.shift,
                hours.map(|h| format!(" {}", h.label())).unwrap_or_default()
            ),
            recorded: if recorded > 0 {
                tr.t1("time-recorded", "hours", &format_hours(recorded))
            } else {
                tr.t("time-not-recorded")
            },
            current: Some(t.id) == team,
        });
    }
    // What the form shows: what was typed, else what is stored, else the shift's hours.
    let stored = match day {
        Some(d) => time_use::of_day(&mut conn, service, recorder.user(), d)
            .await?
            .into_iter()
            .find(|x| x.team == chosen_shift.map(|(t, _)| t.id))
            .map(|x| x.entries),
        None => None,
    };
    let year = i32::from(today.year());
    let (workers, all) = time_app::year_shares(&mut conn, service, year).await?;
    drop(conn);
    let start: Vec<(TimeCategory, i64)> = stored
        .or_else(|| chosen_shift.and_then(|(_, h)| h.map(default_entries)))
        .unwrap_or_default();
    let fields = TimeCategory::ALL
        .iter()
        .map(|c| CategoryField {
            code: c.as_str(),
            label: category_label(&tr, *c),
            value: if form.any_typed() {
                form.typed(*c).to_owned()
            } else {
                start
                    .iter()
                    .find(|(x, _)| x == c)
                    .map(|(_, m)| format_hours(*m))
                    .unwrap_or_default()
            },
        })
        .collect();
    let mine_shares = workers
        .iter()
        .find(|w| w.user == recorder.user())
        .map(|w| w.shares.clone())
        .unwrap_or_default();
    let mine = category_rows(&tr, &mine_shares);
    let targets = vec![
        tr.t_args(
            "time-target-field",
            &[
                ("share", &percent(mine_shares.field_work_percent())),
                ("target", &FIELD_WORK_TARGET_PERCENT.to_string()),
            ],
        ),
        tr.t_args(
            "time-target-direct",
            &[
                ("share", &percent(mine_shares.direct_percent())),
                ("target", &DIRECT_WORK_TARGET_PERCENT.to_string()),
            ],
        ),
    ];
    let leader = recorder.role() == Role::Leader;
    Ok(TimePage {
        chosen: match (chosen_shift, day) {
            (Some((t, _)), _) => Some(tr.t_args(
                "time-for-shift",
                &[("day", &format_day(t.day)), ("shift", &t.shift)],
            )),
            (None, Some(d)) => Some(tr.t1("time-for-day", "day", &format_day(d))),
            (None, None) => None,
        },
        team: chosen_shift
            .map(|(t, _)| t.id.to_string())
            .unwrap_or_default(),
        date: day.map(format_day).unwrap_or_default(),
        outside_href: format!("/time?date={}", format_day(today)),
        shifts,
        fields,
        year,
        my_total: format_hours(mine_shares.total()),
        mine,
        targets,
        workers: if leader {
            workers
                .iter()
                .map(|w| share_row(format!("{} ({})", w.name, w.username), &w.shares))
                .collect()
        } else {
            vec![]
        },
        service_row: leader.then(|| share_row(tr.t("time-service"), &all)),
        oslo: if leader { oslo_rows(&tr, &all) } else { vec![] },
        notice: (form.done == "saved").then(|| tr.t("time-saved")),
        errors,
        layout: Layout::for_principal(p, "time-title", "time", "/time"),
    })
}

async fn page(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<TimeForm>,
) -> AppResult<TimePage> {
    let recorder = TimeRecorder::for_principal(&p)?;
    view(&state, &p, &recorder, q, Vec::new()).await
}

/// The form as typed: the day, the shift (`None`: outside the rota) and minutes per category.
struct TypedTime {
    day: Date,
    team: Option<RotaTeamId>,
    entries: Vec<(TimeCategory, i64)>,
}

fn parse_form(form: &TimeForm) -> Result<TypedTime, &'static str> {
    let team = match form.team.as_str() {
        "" => None,
        t => Some(t.parse().map_err(|_| "time-error-team")?),
    };
    let day = parse_date(&form.date).ok_or("youth-error-date")?;
    let entries = TimeCategory::ALL
        .iter()
        .map(|c| {
            parse_hours(form.typed(*c))
                .map(|m| (*c, m))
                .map_err(|_| "time-error-hours")
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(TypedTime { day, team, entries })
}

async fn save(
    State(state): State<AppState>,
    Can(p, recorder): Can<TimeRecorder>,
    crate::form::Form(form): crate::form::Form<TimeForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let parsed = parse_form(&form);
    let error = match parsed {
        Ok(typed) => {
            match time_app::record(
                &state.store,
                &recorder,
                typed.day,
                typed.team,
                typed.entries,
            )
            .await
            {
                Ok(()) => return Ok(Redirect::to("/time?done=saved").into_response()),
                Err(gatelangs_app::Error::Invalid(key)) => key,
                Err(e) => return Err(e.into()),
            }
        }
        Err(key) => key,
    };
    let page = view(&state, &p, &recorder, form, vec![tr.t(error)]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
