//! Importing `staffing_plan.csv` and `rota.csv`: checked with the rest of the bundle, written in
//! the same transaction.
//!
//! A row of the plan is known by its shift, weekday and period (there can be only one, or the
//! plan in force would be ambiguous); a rota row by its id, or one derived from its content.
//! A rota's conflicts (a team of one, a person twice at once, short rest) are not refused: the
//! rota records what happened, and the rota page shows them.

use std::collections::{HashMap, HashSet};

use gatelangs_domain::staffing::{Target, Validity, Weekday, standing_hours_clash};
use gatelangs_domain::{DistrictId, RotaTeamId, TargetId, UserId};
use gatelangs_storage::ids::{self, Table};
use gatelangs_storage::services::Service;
use gatelangs_storage::staffing::{self, NewTeam, Team};
use gatelangs_storage::{AnyConnection, StoreError, now, places, users};

use crate::Problem;
use crate::derived::Occurrences;
use crate::import::ImportError;
use crate::import_youth::KnownStaff;
use crate::rows_staffing::{RotaRow, TargetRow};

const PLAN: &str = "staffing_plan.csv";
const ROTA: &str = "rota.csv";

#[derive(Default)]
pub(crate) struct StaffingPlan {
    pub targets: Vec<(Target, TargetId)>,
    pub teams: Vec<(RotaRow, RotaTeamId)>,
    pub unchanged: HashMap<&'static str, usize>,
}

type Slot = (String, Weekday, Validity);

fn slot(t: &Target) -> Slot {
    (t.shift.clone(), t.weekday, t.validity)
}

/// How a stored row of the plan differs from an imported one with the same slot.
fn target_difference(stored: &Target, row: &Target) -> Option<&'static str> {
    if stored.hours.starts != row.hours.starts {
        Some("starts")
    } else if stored.hours.ends != row.hours.ends {
        Some("ends")
    } else if stored.teams.min != row.teams.min {
        Some("min_teams")
    } else if stored.teams.max != row.teams.max {
        Some("max_teams")
    } else {
        None
    }
}

pub(crate) async fn check(
    conn: &mut AnyConnection,
    service: &Service,
    (target_rows, rota_rows): (Vec<TargetRow>, Vec<RotaRow>),
    known_staff: &KnownStaff,
    plan: &mut StaffingPlan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    let stored: HashMap<Slot, (TargetId, Target)> = staffing::targets(conn, service.id)
        .await?
        .into_iter()
        .map(|s| (slot(&s.target), (s.id, s.target)))
        .collect();
    let mut seen = HashSet::new();
    let mut ids_seen = HashSet::new();
    for row in target_rows {
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(PLAN, row.line, column, message));
        };
        let key = slot(&row.target);
        // The form's rule: one set of hours per shift in the standing plan.
        let plan_so_far = stored
            .values()
            .map(|(_, t)| t)
            .chain(plan.targets.iter().map(|(t, _)| t));
        let t = &row.target;
        if let Some(h) = standing_hours_clash(plan_so_far, &t.shift, t.hours, t.validity) {
            fail(
                "starts",
                format!(
                    "the shift {} has other hours in the standing plan ({})",
                    t.shift,
                    h.label()
                ),
            );
            continue;
        }
        if !seen.insert(key.clone()) {
            fail(
                "weekday",
                format!(
                    "the shift {} on {} for this period appears twice in the file",
                    row.target.shift, row.target.weekday
                ),
            );
            continue;
        }
        if let Some(id) = row.id
            && !ids_seen.insert(id)
        {
            fail("id", "the id appears twice in the file".to_owned());
            continue;
        }
        match stored.get(&key) {
            Some((id, _)) if row.id.is_some_and(|given| given != *id) => fail(
                "id",
                format!(
                    "the shift {} on {} for this period exists with another id",
                    row.target.shift, row.target.weekday
                ),
            ),
            Some((_, existing)) => match target_difference(existing, &row.target) {
                Some(column) => fail(
                    column,
                    format!(
                        "the shift {} on {} for this period exists with another value",
                        row.target.shift, row.target.weekday
                    ),
                ),
                None => *plan.unchanged.entry(PLAN).or_default() += 1,
            },
            None => match row.id {
                Some(id) if ids::taken(conn, Table::Targets, &id.to_string()).await? => {
                    fail("id", "the id belongs to another record".to_owned());
                }
                id => plan.targets.push((row.target, id.unwrap_or_default())),
            },
        }
    }

    let shifts: HashSet<String> = stored
        .keys()
        .map(|(shift, _, _)| shift.clone())
        .chain(plan.targets.iter().map(|(t, _)| t.shift.clone()))
        .collect();
    let stored_teams: HashMap<RotaTeamId, Team> = staffing::teams(conn, service.id, None, None)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut occurrences = Occurrences::default();
    let mut ids_seen = HashSet::new();
    for row in rota_rows {
        let mut ok = true;
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(ROTA, row.line, column, message));
            ok = false;
        };
        if !shifts.contains(&row.shift) {
            fail(
                "shift",
                format!(
                    "unknown shift {:?} (not in staffing_plan.csv or the service's staffing plan)",
                    row.shift
                ),
            );
        }
        if let Some(name) = row.staff.iter().find(|n| !known_staff.contains_key(*n)) {
            fail(
                "staff",
                format!("unknown staff {name:?} (not in staff.csv or the service)"),
            );
        }
        let id = match row.id {
            Some(id) if !ids_seen.insert(id) => {
                fail("id", "the id appears twice in the file".to_owned());
                continue;
            }
            Some(id) => id,
            None => {
                let content = format!(
                    "{}|{}|{}|{}",
                    row.date,
                    row.shift,
                    row.staff.join(";"),
                    row.district.as_deref().unwrap_or_default()
                );
                RotaTeamId::from_uuid(occurrences.id(ROTA, &service.id, &content))
            }
        };
        if !ok {
            continue;
        }
        match stored_teams.get(&id) {
            Some(t)
                if t.day == row.date
                    && t.shift == row.shift
                    && t.usernames() == row.staff
                    && t.district == row.district =>
            {
                *plan.unchanged.entry(ROTA).or_default() += 1;
            }
            Some(_) => problems.push(Problem::new(
                ROTA,
                row.line,
                "id",
                "a row with this id exists with other values",
            )),
            None if ids::taken(conn, Table::RotaTeams, &id.to_string()).await? => problems.push(
                Problem::new(ROTA, row.line, "id", "the id belongs to another record"),
            ),
            None => plan.teams.push((row, id)),
        }
    }
    Ok(())
}

pub(crate) async fn apply(
    conn: &mut AnyConnection,
    service: &Service,
    plan: &StaffingPlan,
    actor: Option<UserId>,
) -> Result<(), ImportError> {
    let at = now();
    for (target, id) in &plan.targets {
        staffing::create_target(conn, service.id, *id, target, actor, at).await?;
    }
    if plan.teams.is_empty() {
        return Ok(());
    }
    let user_ids: HashMap<String, UserId> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| (u.username, u.id))
        .collect();
    let mut districts: HashMap<String, DistrictId> = places::list_districts(conn, service.id)
        .await?
        .into_iter()
        .map(|d| (d.name, d.id))
        .collect();
    for (row, id) in &plan.teams {
        let district = match &row.district {
            None => None,
            Some(name) => Some(match districts.get(name) {
                Some(d) => *d,
                None => {
                    let d = places::district_named(conn, service.id, name).await?.id;
                    districts.insert(name.clone(), d);
                    d
                }
            }),
        };
        let staff = row
            .staff
            .iter()
            .map(|n| user_ids.get(n).copied().ok_or(StoreError::NotFound))
            .collect::<Result<Vec<_>, _>>()?;
        let team = NewTeam {
            id: *id,
            day: row.date,
            shift: row.shift.clone(),
            district,
            staff,
        };
        staffing::create_team(conn, service.id, &team, actor, at).await?;
    }
    Ok(())
}
