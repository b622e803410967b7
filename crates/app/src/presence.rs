//! Presence planning: the leader asks for the best week of field teams for N staff, sees what
//! it keeps of this year's coverage, pins shifts, plans again, and adopts the week as the
//! staffing plan. The figures come from the year's field-team hours
//! (`report::field_teams`), the shifts from the staffing plan, the optimum from
//! `gatelangs_planner`.

use std::collections::BTreeMap;

use gatelangs_domain::TargetId;
use gatelangs_domain::staffing::{ShiftHours, Target, TeamRange, Validity, Weekday};
use gatelangs_planner::value::{Expected, Rate, Rates};
use gatelangs_planner::{Pin, Plan, PlanError, Problem, Requirement, ShiftTemplate};
use gatelangs_report::field_teams::{self, NO_DISTRICT};
use gatelangs_storage::{AnyConnection, Store, services, staffing};
use jiff::civil::Date;

use crate::capabilities::{PresencePlanner, RotaPlanner};
use crate::error::{Error, Result};

/// The standard full-time week in Norway.
pub const DEFAULT_HOURS_PER_WEEK: f64 = 37.5;

/// Teams in one district on one shift: the third meets a quarter of what the first does.
pub const MAX_TEAMS_PER_DISTRICT: u32 = 2;

/// What the leader asks.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The year whose records stand behind the figures.
    pub year: i32,
    pub staff: u32,
    pub hours_per_week: f64,
    /// Weekday and shift where at least one team must be out.
    pub must_cover: Vec<(Weekday, String)>,
    /// At least this many team-shifts Monday to Friday on the earliest shift (school days).
    pub school_day_shifts: u32,
    pub pins: Vec<Pin>,
}

impl Request {
    /// The bounds a request must keep, whichever adapter made it: staff from 1 to the planner's
    /// most, hours per person from 1 to 60 a week. The key names what is wrong.
    pub fn check(&self) -> std::result::Result<(), &'static str> {
        if !(1..=gatelangs_planner::MAX_STAFF).contains(&self.staff) {
            return Err("presence-error-staff");
        }
        if !(1.0..=60.0).contains(&self.hours_per_week) {
            return Err("presence-error-hours");
        }
        Ok(())
    }
}

/// What this year's records show, per week, for comparison.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThisYear {
    pub team_hours_per_week: f64,
    /// Contacts linked to a field team, per week.
    pub contacts_per_week: f64,
    /// Teams out on a weekday and shift, on average.
    pub teams: BTreeMap<(Weekday, String), f64>,
}

/// The answer: the plan (or why there is none) and what it stands on.
#[derive(Debug, Clone)]
pub struct Presence {
    pub request: Request,
    pub shifts: Vec<ShiftTemplate>,
    pub districts: Vec<String>,
    /// What one team is expected to meet, per weekday, shift and district.
    pub expected: BTreeMap<(Weekday, String, String), Expected>,
    pub this_year: ThisYear,
    pub plan: std::result::Result<Plan, PlanError>,
}

impl Presence {
    /// Share of this year's contacts per week the plan expects to keep, in percent.
    pub fn kept_percent(&self) -> Option<f64> {
        let plan = self.plan.as_ref().ok()?;
        (self.this_year.contacts_per_week > 0.0).then(|| {
            (plan.expected_contacts_per_week / self.this_year.contacts_per_week * 1000.0).round()
                / 10.0
        })
    }
}

/// A weekday and shift as the command line and the web form write it: `fri:night`.
pub fn parse_slot(text: &str) -> std::result::Result<(Weekday, String), String> {
    let (weekday, shift) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?}: expected WEEKDAY:SHIFT, as fri:night"))?;
    let weekday: Weekday = weekday
        .trim()
        .parse()
        .map_err(|e| format!("{text:?}: {e}"))?;
    Ok((weekday, shift.trim().to_owned()))
}

/// A pinned shift: `mon:evening:Sentrum:1` (the district may itself hold a colon).
pub fn parse_pin(text: &str) -> std::result::Result<Pin, String> {
    let expected =
        || format!("{text:?}: expected WEEKDAY:SHIFT:DISTRICT:TEAMS, as mon:evening:Sentrum:1");
    let (rest, teams) = text.rsplit_once(':').ok_or_else(expected)?;
    let ((weekday, shift), district) = rest
        .split_once(':')
        .and_then(|(w, r)| r.split_once(':').map(|(s, d)| ((w, s), d)))
        .ok_or_else(expected)?;
    let (weekday, shift) = parse_slot(&format!("{weekday}:{shift}"))?;
    let teams: u32 = teams
        .trim()
        .parse()
        .map_err(|_| format!("{text:?}: the number of teams {teams:?} is not a whole number"))?;
    let district = district.trim().to_owned();
    if district.is_empty() {
        return Err(expected());
    }
    Ok(Pin {
        weekday,
        shift,
        district,
        teams,
    })
}

/// Every `WEEKDAY:SHIFT` of a list; the first bad one is named.
pub fn parse_slots(texts: &[String]) -> std::result::Result<Vec<(Weekday, String)>, String> {
    texts.iter().map(|t| parse_slot(t)).collect()
}

/// Every pin of a list; the first bad one is named.
pub fn parse_pins(texts: &[String]) -> std::result::Result<Vec<Pin>, String> {
    texts.iter().map(|t| parse_pin(t)).collect()
}

/// The shifts of the staffing plan, each with its standing hours (else its first), in the
/// order of the clock.
fn templates(plan: &[Target]) -> Vec<ShiftTemplate> {
    let mut by_name: BTreeMap<&str, ShiftHours> = BTreeMap::new();
    for t in plan {
        if t.validity.is_standing() || !by_name.contains_key(t.shift.as_str()) {
            by_name.insert(&t.shift, t.hours);
        }
    }
    let mut out: Vec<ShiftTemplate> = by_name
        .into_iter()
        .map(|(name, hours)| ShiftTemplate {
            name: name.to_owned(),
            hours,
        })
        .collect();
    out.sort_by_key(|s| (s.hours.starts, s.hours.ends));
    out
}

async fn this_year(
    conn: &mut AnyConnection,
    service: &services::Service,
    year: i32,
    cells: &[field_teams::Cell],
) -> Result<ThisYear> {
    let y = i16::try_from(year).map_err(|_| Error::Invalid("presence-error-year"))?;
    let (Ok(first), Ok(last)) = (Date::new(y, 1, 1), Date::new(y, 12, 31)) else {
        return Err(Error::Invalid("presence-error-year"));
    };
    #[allow(clippy::cast_precision_loss)]
    let weeks = f64::from(last.day_of_year()) / 7.0;
    let mut teams: BTreeMap<(Weekday, String), f64> = BTreeMap::new();
    for t in staffing::teams(conn, service.id, Some(first), Some(last)).await? {
        *teams.entry((Weekday::of(t.day), t.shift)).or_default() += 1.0 / weeks;
    }
    let hours: f64 = cells.iter().map(|c| c.team_hours).sum();
    #[allow(clippy::cast_precision_loss)]
    let contacts = cells.iter().map(|c| c.contacts).sum::<i64>() as f64;
    Ok(ThisYear {
        team_hours_per_week: (hours / weeks * 10.0).round() / 10.0,
        contacts_per_week: (contacts / weeks * 10.0).round() / 10.0,
        teams,
    })
}

/// What a plan stands on: the shifts, the districts, what one team is expected to meet, and
/// what the year's records show.
#[derive(Debug, Clone)]
pub struct Basis {
    pub shifts: Vec<ShiftTemplate>,
    pub districts: Vec<String>,
    /// What one team is expected to meet, per weekday, shift and district.
    pub expected: BTreeMap<(Weekday, String, String), Expected>,
    pub this_year: ThisYear,
}

/// Reads what plans of `year` stand on.
pub async fn basis(store: &Store, planner: &PresencePlanner, year: i32) -> Result<Basis> {
    let mut conn = store.read_conn().await?;
    let service = services::get(&mut conn, planner.service()).await?;
    let cells = field_teams::of_year(&mut conn, &service, year).await?;
    let shifts = templates(&staffing::plan(&mut conn, service.id).await?);
    let this_year = this_year(&mut conn, &service, year, &cells).await?;
    drop(conn);
    let rates: Vec<Rate> = cells
        .iter()
        .filter(|c| c.district != NO_DISTRICT)
        .map(|c| Rate {
            district: c.district.clone(),
            weekday: c.weekday,
            band: c.time_band,
            team_hours: c.team_hours,
            contacts: c.contacts,
        })
        .collect();
    let mut districts: Vec<String> = rates.iter().map(|r| r.district.clone()).collect();
    districts.sort();
    districts.dedup();
    let rates = Rates::new(&rates);
    let mut expected = BTreeMap::new();
    for &w in Weekday::ALL {
        for s in &shifts {
            for d in &districts {
                expected.insert((w, s.name.clone(), d.clone()), rates.expected(d, w, s));
            }
        }
    }
    Ok(Basis {
        shifts,
        districts,
        expected,
        this_year,
    })
}

impl Basis {
    fn problem(&self, request: &Request) -> Problem {
        let mut requirements: Vec<Requirement> = request
            .must_cover
            .iter()
            .map(|slot| Requirement {
                slots: vec![slot.clone()],
                min_teams: 1,
            })
            .collect();
        if let (Some(first), true) = (self.shifts.first(), request.school_day_shifts > 0) {
            requirements.push(Requirement {
                slots: Weekday::ALL[..5]
                    .iter()
                    .map(|w| (*w, first.name.clone()))
                    .collect(),
                min_teams: request.school_day_shifts,
            });
        }
        Problem {
            staff: request.staff,
            hours_per_week: request.hours_per_week,
            shifts: self.shifts.clone(),
            districts: self.districts.clone(),
            value: self
                .expected
                .iter()
                .map(|(k, e)| (k.clone(), e.contacts))
                .collect(),
            requirements,
            pins: request.pins.clone(),
            max_teams_per_district: MAX_TEAMS_PER_DISTRICT,
        }
    }

    /// Plans for every number of staff in `staff`, off the async workers (the solver is CPU
    /// work of up to a second or two each).
    pub async fn solve(
        &self,
        request: &Request,
        staff: impl IntoIterator<Item = u32>,
    ) -> Vec<std::result::Result<Plan, PlanError>> {
        let problems: Vec<Problem> = staff
            .into_iter()
            .map(|n| {
                let mut p = self.problem(request);
                p.staff = n;
                p
            })
            .collect();
        tokio::task::spawn_blocking(move || problems.iter().map(gatelangs_planner::solve).collect())
            .await
            .unwrap_or_else(|e| vec![Err(PlanError::Solver(e.to_string()))])
    }
}

/// Plans the week the leader asks for, from the service's records of `request.year`.
pub async fn plan(store: &Store, planner: &PresencePlanner, request: Request) -> Result<Presence> {
    request.check().map_err(Error::Invalid)?;
    let basis = basis(store, planner, request.year).await?;
    let plan = basis
        .solve(&request, [request.staff])
        .await
        .pop()
        .unwrap_or_else(|| Err(PlanError::Solver("no answer".into())));
    Ok(Presence {
        request,
        shifts: basis.shifts,
        districts: basis.districts,
        expected: basis.expected,
        this_year: basis.this_year,
        plan,
    })
}

/// Makes a planned week the staffing plan from `from` on: one row per weekday and shift of the
/// plan, with exactly the planned number of teams (zero where none are planned, so an older
/// standing row does not live on beside it). `teams` names weekday, shift and teams; a shift
/// the plan does not have is refused. All or nothing.
pub async fn adopt(
    store: &Store,
    planner: &RotaPlanner,
    teams: &[(Weekday, String, u32)],
    from: Date,
) -> Result<Vec<TargetId>> {
    let validity =
        Validity::new(Some(from), None).map_err(|_| Error::Invalid("presence-error-date"))?;
    let mut tx = store.begin().await?;
    let shifts = templates(&staffing::plan(&mut tx, planner.service()).await?);
    if teams
        .iter()
        .any(|(_, s, _)| !shifts.iter().any(|t| t.name == *s))
    {
        return Err(Error::Invalid("presence-error-shift"));
    }
    let mut targets = vec![];
    for shift in &shifts {
        for &weekday in Weekday::ALL {
            let n: u32 = teams
                .iter()
                .filter(|(w, s, _)| *w == weekday && *s == shift.name)
                .map(|(_, _, n)| *n)
                .sum();
            targets.push(Target {
                shift: shift.name.clone(),
                hours: shift.hours,
                weekday,
                teams: TeamRange::new(i64::from(n), i64::from(n))
                    .map_err(|_| Error::Invalid("presence-error-teams"))?,
                validity,
            });
        }
    }
    // A week adopted twice from the same date is a conflict with the first, not a bad form.
    let ids = crate::staffing::create_targets(&mut tx, planner, targets)
        .await
        .map_err(|e| match e {
            Error::Invalid(key) => Error::Conflict(key),
            e => e,
        })?;
    tx.commit().await?;
    Ok(ids)
}
