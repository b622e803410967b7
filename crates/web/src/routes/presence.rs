//! The presence planner for leaders: how many staff, their hours, the nights that must be
//! covered and the school days; the best week as a grid of weekday × shift with the districts
//! and teams, pins to keep shifts when planning again, a chart of expected contacts against the
//! number of staff, and one click to make the week the staffing plan.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::response::Redirect;
use axum::routing::{get, post};
use gatelangs_app::presence::{self as presence_app, DEFAULT_HOURS_PER_WEEK, Request};
use gatelangs_domain::staffing::Weekday;
use gatelangs_domain::time::{format_day, parse_date};
use serde::Deserialize;

use super::charts::BarChart;
use super::layout::Layout;
use super::report::{YearQuery, year_of};
use super::staffing::weekday_label;
use crate::auth::{Can, ForPrincipal, Principal, RotaPlanner};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/staffing/presence", get(page))
        .post("/staffing/presence/adopt", post(adopt))
}

/// The planner's question as the page's form writes it; repeated keys for the lists.
#[derive(Deserialize, Default)]
struct Query {
    #[serde(default)]
    year: Option<String>,
    #[serde(default)]
    staff: Option<String>,
    #[serde(default)]
    hours: Option<String>,
    #[serde(default)]
    school: Option<String>,
    /// `fri:night`
    #[serde(default)]
    must: Vec<String>,
    /// `mon:evening:Sentrum:1`
    #[serde(default)]
    pin: Vec<String>,
}

/// Staff a plan is asked for when the leader has not said.
const DEFAULT_STAFF: u32 = 7;
/// The chart shows this many staff either side of the number asked for.
const CURVE_REACH: u32 = 2;

fn number<T: std::str::FromStr>(text: Option<&str>, default: T) -> Result<T, ()> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(default),
        // Norwegian decimals: 37,5.
        Some(t) => t.replace(',', ".").parse().map_err(|_| ()),
    }
}

fn hours_text(h: f64) -> String {
    format!("{h}").replace('.', ",")
}

fn decimal(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// A planned district on one weekday and shift, with the value a pin carries.
struct Planned {
    district: String,
    teams: u32,
    expected: String,
    thin: bool,
    pin: String,
    pinned: bool,
}

struct GridCell {
    must_value: String,
    must: bool,
    label: String,
    planned: Vec<Planned>,
    this_year: String,
}

struct GridRow {
    shift: String,
    cells: Vec<GridCell>,
}

#[derive(Template, WebTemplate)]
#[template(path = "presence.html")]
struct Page {
    layout: Layout,
    errors: Vec<String>,
    year: i32,
    staff: String,
    hours: String,
    school: String,
    weekdays: Vec<String>,
    grid: Vec<GridRow>,
    no_basis: bool,
    outcome: Option<Outcome>,
    curve_chart: String,
    curve: Vec<(String, String)>,
    adopt_from: String,
}

struct Outcome {
    expected: String,
    team_hours: String,
    this_year: String,
    kept: Option<String>,
    /// `mon:day:2` for every weekday and shift, posted to adopt the week.
    adopt: Vec<String>,
}

fn parse_request(q: &Query, year: i32) -> Result<Request, &'static str> {
    let staff = number(q.staff.as_deref(), DEFAULT_STAFF).map_err(|()| "presence-error-staff")?;
    let hours_per_week =
        number(q.hours.as_deref(), DEFAULT_HOURS_PER_WEEK).map_err(|()| "presence-error-hours")?;
    let school_day_shifts = number(q.school.as_deref(), 0).map_err(|()| "presence-error-school")?;
    let must_cover = presence_app::parse_slots(&q.must).map_err(|_| "error-bad-form")?;
    let pins = presence_app::parse_pins(&q.pin).map_err(|_| "error-bad-form")?;
    let request = Request {
        year,
        staff,
        hours_per_week,
        must_cover,
        school_day_shifts,
        pins,
    };
    request.check()?;
    Ok(request)
}

async fn page(
    State(state): State<AppState>,
    p: Principal,
    RawQuery(raw): RawQuery,
) -> AppResult<Page> {
    let _leader = RotaPlanner::for_principal(&p)?;
    let planner = gatelangs_app::capabilities::PresencePlanner::for_actor(&p.actor())?;
    let tr = p.tr();
    let q: Query = serde_html_form::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let year = year_of(
        &state,
        &YearQuery {
            year: q.year.clone(),
        },
        &p,
    )
    .await?;
    let mut errors = vec![];
    let request = parse_request(&q, year).unwrap_or_else(|key| {
        errors.push(tr.t(key));
        Request {
            year,
            staff: DEFAULT_STAFF,
            hours_per_week: DEFAULT_HOURS_PER_WEEK,
            must_cover: vec![],
            school_day_shifts: 0,
            pins: vec![],
        }
    });
    let basis = presence_app::basis(&state.store, &planner, year).await?;
    let no_basis = basis.districts.is_empty() || basis.shifts.is_empty();
    let staff_range: Vec<u32> =
        (request.staff.saturating_sub(CURVE_REACH).max(1)..=request.staff + CURVE_REACH).collect();
    let plans = if no_basis {
        vec![]
    } else {
        basis.solve(&request, staff_range.iter().copied()).await
    };
    let plan = staff_range
        .iter()
        .position(|n| *n == request.staff)
        .and_then(|i| plans.get(i).cloned());
    let curve: Vec<(u32, f64)> = staff_range
        .iter()
        .zip(&plans)
        .filter_map(|(n, p)| Some((*n, p.as_ref().ok()?.expected_contacts_per_week)))
        .collect();

    let outcome = match plan {
        Some(Ok(plan)) => {
            let kept = (basis.this_year.contacts_per_week > 0.0).then(|| {
                decimal(plan.expected_contacts_per_week / basis.this_year.contacts_per_week * 100.0)
            });
            Some((plan, kept))
        }
        Some(Err(e)) => {
            errors.push(format!("{} ({e})", tr.t("presence-error-no-plan")));
            None
        }
        None => None,
    };
    let grid = basis
        .shifts
        .iter()
        .map(|s| GridRow {
            shift: format!("{} ({})", s.hours.label(), s.name),
            cells: Weekday::ALL
                .iter()
                .map(|&w| {
                    let slot = format!("{}:{}", w.as_str(), s.name);
                    let planned = outcome
                        .as_ref()
                        .map(|(plan, _)| {
                            plan.weekly_team_shifts
                                .iter()
                                .filter(|t| t.weekday == w && t.shift == s.name)
                                .map(|t| {
                                    let pin = format!("{slot}:{}:{}", t.district, t.teams);
                                    Planned {
                                        district: t.district.clone(),
                                        teams: t.teams,
                                        expected: decimal(t.expected_contacts),
                                        thin: basis
                                            .expected
                                            .get(&(w, s.name.clone(), t.district.clone()))
                                            .is_some_and(|e| e.thin),
                                        pinned: q.pin.contains(&pin),
                                        pin,
                                    }
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    GridCell {
                        must: q.must.contains(&slot),
                        must_value: slot,
                        label: format!("{} {}", weekday_label(&tr, w), s.name),
                        planned,
                        this_year: decimal(
                            basis
                                .this_year
                                .teams
                                .get(&(w, s.name.clone()))
                                .copied()
                                .unwrap_or(0.0),
                        ),
                    }
                })
                .collect(),
        })
        .collect();
    let curve_chart = BarChart::new(
        "presence-curve",
        tr.t("presence-curve"),
        tr.t1("presence-curve-desc", "year", &year.to_string()),
        curve
            .iter()
            .map(|(n, x)| {
                #[allow(clippy::cast_possible_truncation)]
                let v = x.round() as i64;
                (tr.t1("presence-staff-n", "n", &n.to_string()), v)
            })
            .collect(),
    )
    .svg();
    let adopt_from = jiff::civil::Date::new(i16::try_from(year + 1).unwrap_or(i16::MAX), 1, 1)
        .map(format_day)
        .unwrap_or_default();
    Ok(Page {
        weekdays: Weekday::ALL
            .iter()
            .map(|w| weekday_label(&tr, *w))
            .collect(),
        grid,
        no_basis,
        outcome: outcome.map(|(plan, kept)| Outcome {
            expected: decimal(plan.expected_contacts_per_week),
            team_hours: decimal(plan.team_hours_per_week),
            this_year: tr.t_args(
                "presence-this-year-value",
                &[
                    ("contacts", &decimal(basis.this_year.contacts_per_week)),
                    ("hours", &decimal(basis.this_year.team_hours_per_week)),
                ],
            ),
            kept,
            adopt: basis
                .shifts
                .iter()
                .flat_map(|s| {
                    Weekday::ALL.iter().map(|&w| {
                        format!("{}:{}:{}", w.as_str(), s.name, plan.teams_on(w, &s.name))
                    })
                })
                .collect(),
        }),
        curve: curve
            .iter()
            .map(|(n, x)| (n.to_string(), decimal(*x)))
            .collect(),
        curve_chart,
        staff: request.staff.to_string(),
        hours: hours_text(request.hours_per_week),
        school: request.school_day_shifts.to_string(),
        year,
        errors,
        adopt_from,
        layout: Layout::for_principal(&p, "presence-title", "staffing", "/staffing/presence"),
    })
}

#[derive(Deserialize)]
struct AdoptForm {
    from: String,
    /// `mon:day:2`
    #[serde(default)]
    teams: Vec<String>,
}

async fn adopt(
    State(state): State<AppState>,
    Can(_p, planner): Can<RotaPlanner>,
    Form(form): Form<AdoptForm>,
) -> AppResult<Redirect> {
    let from = parse_date(&form.from).ok_or(AppError::BadRequest("youth-error-date"))?;
    let teams = form
        .teams
        .iter()
        .map(|t| {
            let (slot, n) = t.rsplit_once(':')?;
            let (weekday, shift) = presence_app::parse_slot(slot).ok()?;
            Some((weekday, shift, n.parse::<u32>().ok()?))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(AppError::BadRequest("error-bad-form"))?;
    presence_app::adopt(&state.store, &planner, &teams, from).await?;
    Ok(Redirect::to(&format!(
        "/staffing?date={}&done=saved",
        format_day(from)
    )))
}
