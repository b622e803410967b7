//! The staffing plan and the rota as leaders keep them and staff read them: the plan's rows,
//! the field teams on duty, how each shift stands against its target and the rota's conflicts.
//! The rules (the plan in force, past midnight, rest time) are `domain::staffing`'s.

use std::collections::{BTreeMap, HashMap, HashSet};

use gatelangs_domain::staffing::{
    Conflict, Cover, Duty, ShiftHours, Target, TeamRange, Validity, Weekday, conflicts, hours_on,
    plan_in_force, standing_hours_clash, target_on,
};
use gatelangs_domain::{DistrictId, Role, RotaTeamId, ServiceId, TargetId, UserId};
use gatelangs_storage::staffing::{self, NewTeam, Team};
use gatelangs_storage::{AnyConnection, Store, StoreError, now, places, users};
use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::capabilities::RotaPlanner;
use crate::error::{Error, Result};

/// Rows of the plan as a leader types them: one shift, its hours, several weekdays at once.
#[derive(Debug, Clone)]
pub struct TargetInput {
    pub shift: String,
    pub hours: ShiftHours,
    pub weekdays: Vec<Weekday>,
    pub teams: TeamRange,
    pub validity: Validity,
}

/// Adds one row per weekday; all or none (a weekday that already has a row for the period
/// refuses the whole input).
pub async fn add_targets(
    store: &Store,
    planner: &RotaPlanner,
    input: TargetInput,
) -> Result<Vec<TargetId>> {
    if input.weekdays.is_empty() {
        return Err(Error::Invalid("staffing-error-weekdays"));
    }
    let mut tx = store.begin().await?;
    let existing = staffing::plan(&mut tx, planner.service()).await?;
    if standing_hours_clash(&existing, &input.shift, input.hours, input.validity).is_some() {
        return Err(Error::Invalid("staffing-error-hours-differ"));
    }
    let targets = input.weekdays.into_iter().map(|weekday| Target {
        shift: input.shift.clone(),
        hours: input.hours,
        weekday,
        teams: input.teams,
        validity: input.validity,
    });
    let ids = create_targets(&mut tx, planner, targets).await?;
    tx.commit().await?;
    Ok(ids)
}

/// Stores rows of the plan in the caller's transaction; a row whose shift, weekday and period
/// exist already refuses the whole input (`staffing-error-slot-taken`).
pub(crate) async fn create_targets(
    tx: &mut AnyConnection,
    planner: &RotaPlanner,
    targets: impl IntoIterator<Item = Target>,
) -> Result<Vec<TargetId>> {
    let at = now();
    let mut ids = vec![];
    for target in targets {
        let id = TargetId::new();
        staffing::create_target(tx, planner.service(), id, &target, Some(planner.user()), at)
            .await
            .map_err(|e| match e {
                StoreError::Conflict => Error::Invalid("staffing-error-slot-taken"),
                e => e.into(),
            })?;
        ids.push(id);
    }
    Ok(ids)
}

/// Removes a row of the plan; the last row of a shift that rota teams stand on stays, since the
/// teams take their hours from it.
pub async fn remove_target(store: &Store, planner: &RotaPlanner, id: TargetId) -> Result<()> {
    let mut tx = store.begin().await?;
    let stored = staffing::targets(&mut tx, planner.service()).await?;
    let Some(row) = stored.iter().find(|t| t.id == id) else {
        return Err(Error::NotFound);
    };
    let last_of_shift = !stored
        .iter()
        .any(|t| t.id != id && t.target.shift == row.target.shift);
    if last_of_shift
        && staffing::shift_in_use(&mut tx, planner.service(), &row.target.shift).await?
    {
        return Err(Error::Conflict("staffing-error-shift-in-use"));
    }
    staffing::delete_target(&mut tx, planner.service(), id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => Error::NotFound,
            e => e.into(),
        })?;
    tx.commit().await?;
    Ok(())
}

/// A field team as a leader puts it on the rota.
#[derive(Debug, Clone)]
pub struct TeamInput {
    pub day: Date,
    pub shift: String,
    pub district: Option<DistrictId>,
    pub staff: Vec<UserId>,
}

/// The most staff one field team may have (a team is two; a trainee may come along).
pub const MAX_TEAM_SIZE: usize = 4;

pub async fn add_team(
    store: &Store,
    planner: &RotaPlanner,
    input: TeamInput,
) -> Result<RotaTeamId> {
    let distinct: HashSet<&UserId> = input.staff.iter().collect();
    if input.staff.is_empty()
        || input.staff.len() > MAX_TEAM_SIZE
        || distinct.len() != input.staff.len()
    {
        return Err(Error::Invalid("rota-error-staff"));
    }
    let mut tx = store.begin().await?;
    let service = planner.service();
    if !staffing::plan(&mut tx, service)
        .await?
        .iter()
        .any(|t| t.shift == input.shift)
    {
        return Err(Error::Invalid("rota-error-shift"));
    }
    let field_staff: HashSet<UserId> = users::list(&mut tx, service)
        .await?
        .into_iter()
        .filter(|u| !u.disabled && matches!(u.role, Role::FieldWorker | Role::Leader))
        .map(|u| u.id)
        .collect();
    if !input.staff.iter().all(|u| field_staff.contains(u)) {
        return Err(Error::Invalid("rota-error-staff"));
    }
    if let Some(d) = input.district
        && !places::list_districts(&mut tx, service)
            .await?
            .iter()
            .any(|x| x.id == d)
    {
        return Err(Error::Invalid("rota-error-district"));
    }
    let id = RotaTeamId::new();
    let team = NewTeam {
        id,
        day: input.day,
        shift: input.shift,
        district: input.district,
        staff: input.staff,
    };
    staffing::create_team(&mut tx, service, &team, Some(planner.user()), now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a team from the rota, unless someone has recorded time for it.
pub async fn remove_team(store: &Store, planner: &RotaPlanner, id: RotaTeamId) -> Result<()> {
    let mut tx = store.begin().await?;
    staffing::delete_team(&mut tx, planner.service(), id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Conflict => Error::Conflict("rota-error-team-has-time"),
            e => e.into(),
        })?;
    tx.commit().await?;
    Ok(())
}

/// One shift on one day: its target (if the plan sets one), the teams on duty and how they
/// stand against the target.
#[derive(Debug, Clone)]
pub struct Slot {
    pub day: Date,
    pub shift: String,
    pub hours: ShiftHours,
    pub target: Option<TeamRange>,
    pub teams: Vec<Team>,
}

impl Slot {
    /// Under, within or over target; `None` when the plan sets no target that day.
    pub fn cover(&self) -> Option<Cover> {
        let planned = u32::try_from(self.teams.len()).unwrap_or(u32::MAX);
        self.target.map(|t| t.cover(planned))
    }
}

/// A conflict of the rota in words a page can show: who, which day and shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotaConflict {
    TeamOfOne {
        day: Date,
        shift: String,
        staff: String,
    },
    TwiceAtOnce {
        person: String,
        day: Date,
        shifts: (String, String),
    },
    ShortRest {
        person: String,
        first: (Date, String),
        second: (Date, String),
        rest_minutes: i64,
    },
}

/// The rota from `from` to `to`: every shift of each day that has a target or a team, in start
/// order, and the conflicts that touch those days.
#[derive(Debug, Clone)]
pub struct RotaView {
    pub slots: Vec<Slot>,
    pub conflicts: Vec<RotaConflict>,
}

impl RotaView {
    pub fn under_target(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| s.cover() == Some(Cover::Under))
            .count()
    }
}

pub async fn rota(
    conn: &mut AnyConnection,
    service: ServiceId,
    tz: &TimeZone,
    from: Date,
    to: Date,
) -> Result<RotaView> {
    let plan = staffing::plan(conn, service).await?;
    // A day either side, so rest after the evening before and before the morning after counts.
    let before = from.checked_sub(1.day()).unwrap_or(from);
    let after = to.checked_add(1.day()).unwrap_or(to);
    let teams = staffing::teams(conn, service, Some(before), Some(after)).await?;
    Ok(view(&plan, teams, tz, from, to))
}

fn view(plan: &[Target], teams: Vec<Team>, tz: &TimeZone, from: Date, to: Date) -> RotaView {
    let duties: Vec<Duty<String>> = teams
        .iter()
        .filter_map(|t| {
            Some(Duty {
                day: t.day,
                shift: t.shift.clone(),
                hours: hours_on(plan, &t.shift, t.day)?,
                staff: t.usernames(),
            })
        })
        .collect();
    let in_window = |d: Date| from <= d && d <= to;
    let conflicts = conflicts(&duties, tz)
        .into_iter()
        .filter_map(|c| match c {
            Conflict::TeamOfOne { duty } => {
                let d = &duties[duty];
                in_window(d.day).then(|| RotaConflict::TeamOfOne {
                    day: d.day,
                    shift: d.shift.clone(),
                    staff: d.staff.join(", "),
                })
            }
            Conflict::TwiceAtOnce {
                person,
                first,
                second,
            } => {
                let (a, b) = (&duties[first], &duties[second]);
                (in_window(a.day) || in_window(b.day)).then(|| RotaConflict::TwiceAtOnce {
                    person,
                    day: a.day.max(b.day),
                    shifts: (a.shift.clone(), b.shift.clone()),
                })
            }
            Conflict::ShortRest {
                person,
                first,
                second,
                rest_minutes,
            } => {
                let (a, b) = (&duties[first], &duties[second]);
                (in_window(a.day) || in_window(b.day)).then(|| RotaConflict::ShortRest {
                    person,
                    first: (a.day, a.shift.clone()),
                    second: (b.day, b.shift.clone()),
                    rest_minutes,
                })
            }
        })
        .collect();

    let mut by_slot: HashMap<(Date, String), Vec<Team>> = HashMap::new();
    for t in teams.into_iter().filter(|t| in_window(t.day)) {
        by_slot.entry((t.day, t.shift.clone())).or_default().push(t);
    }
    let mut slots = vec![];
    let mut day = from;
    while day <= to {
        let mut today: BTreeMap<(ShiftHours, String), Slot> = BTreeMap::new();
        for planned in plan_in_force(plan, day) {
            if let Some(target) = planned.teams.get(&Weekday::of(day)) {
                today.insert(
                    (planned.hours, planned.shift.clone()),
                    Slot {
                        day,
                        shift: planned.shift,
                        hours: planned.hours,
                        target: Some(*target),
                        teams: vec![],
                    },
                );
            }
        }
        let shifts: Vec<String> = by_slot
            .keys()
            .filter(|(d, _)| *d == day)
            .map(|(_, s)| s.clone())
            .collect();
        for shift in shifts {
            let Some(hours) = hours_on(plan, &shift, day) else {
                continue;
            };
            let teams = by_slot.remove(&(day, shift.clone())).unwrap_or_default();
            today
                .entry((hours, shift.clone()))
                .or_insert_with(|| Slot {
                    day,
                    target: target_on(plan, &shift, day).map(|t| t.teams),
                    shift,
                    hours,
                    teams: vec![],
                })
                .teams = teams;
        }
        slots.extend(today.into_values());
        day = match day.checked_add(1.day()) {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    RotaView { slots, conflicts }
}

/// The shifts of one person from `from` on (their own start page), by day.
pub async fn shifts_of(
    conn: &mut AnyConnection,
    service: ServiceId,
    user: UserId,
    from: Date,
    to: Date,
) -> Result<Vec<(Team, Option<ShiftHours>)>> {
    let plan = staffing::plan(conn, service).await?;
    Ok(staffing::teams(conn, service, Some(from), Some(to))
        .await?
        .into_iter()
        .filter(|t| t.staff.iter().any(|(id, _)| *id == user))
        .map(|t| {
            let hours = hours_on(&plan, &t.shift, t.day);
            (t, hours)
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use gatelangs_domain::staffing::parse_clock;
    use jiff::civil::date;

    fn target(shift: &str, s: &str, e: &str, weekday: Weekday, min: i64, max: i64) -> Target {
        Target {
            shift: shift.into(),
            hours: ShiftHours::new(parse_clock(s).unwrap(), parse_clock(e).unwrap()).unwrap(),
            weekday,
            teams: TeamRange::new(min, max).unwrap(),
            validity: Validity::default(),
        }
    }

    fn team(day: Date, shift: &str, staff: &[&str]) -> Team {
        Team {
            id: RotaTeamId::new(),
            day,
            shift: shift.into(),
            district: None,
            staff: staff
                .iter()
                .map(|s| (UserId::new(), (*s).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn a_week_shows_each_target_the_teams_and_what_is_under() {
        let tz = TimeZone::get("Europe/Oslo").unwrap();
        let plan = [
            target("evening", "14:30", "22:15", Weekday::Mon, 2, 3),
            target("day", "08:30", "15:30", Weekday::Mon, 1, 1),
            target("night", "16:00", "01:00", Weekday::Fri, 1, 2),
        ];
        let mon = date(2024, 6, 3);
        let teams = vec![
            team(mon, "evening", &["ana", "bo"]),
            team(mon, "day", &["cy", "dag"]),
            // A team on a shift the plan sets no target for that day.
            team(date(2024, 6, 4), "day", &["cy", "dag"]),
        ];
        let v = view(&plan, teams, &tz, mon, date(2024, 6, 9));
        let shown: Vec<(Date, &str, Option<Cover>, usize)> = v
            .slots
            .iter()
            .map(|s| (s.day, s.shift.as_str(), s.cover(), s.teams.len()))
            .collect();
        assert_eq!(
            shown,
            [
                (mon, "day", Some(Cover::Within), 1),
                (mon, "evening", Some(Cover::Under), 1),
                (date(2024, 6, 4), "day", None, 1),
                (date(2024, 6, 7), "night", Some(Cover::Under), 0),
            ]
        );
        assert_eq!(v.under_target(), 2);
        assert!(v.conflicts.is_empty());
    }

    #[test]
    fn rest_across_the_weeks_edge_is_counted() {
        let tz = TimeZone::get("Europe/Oslo").unwrap();
        let plan = [
            target("evening", "14:30", "22:15", Weekday::Sun, 1, 1),
            target("day", "08:30", "15:30", Weekday::Mon, 1, 1),
        ];
        let sunday = date(2024, 6, 2);
        let monday = date(2024, 6, 3);
        let teams = vec![
            team(sunday, "evening", &["ana", "bo"]),
            team(monday, "day", &["ana"]),
        ];
        let v = view(&plan, teams, &tz, monday, date(2024, 6, 9));
        assert!(v.conflicts.contains(&RotaConflict::TeamOfOne {
            day: monday,
            shift: "day".into(),
            staff: "ana".into()
        }));
        assert!(v.conflicts.contains(&RotaConflict::ShortRest {
            person: "ana".into(),
            first: (sunday, "evening".into()),
            second: (monday, "day".into()),
            rest_minutes: 10 * 60 + 15
        }));
    }
}
