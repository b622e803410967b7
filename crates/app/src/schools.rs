//! School contacts (reference section 4.0): a leader names the staff who are a school's
//! contacts and the school team's day and evening shifts per week.

use std::collections::HashSet;

use gatelangs_domain::{PlaceId, Role, UserId};
use gatelangs_storage::{Store, StoreError, now, schools, users};

use crate::capabilities::RotaPlanner;
use crate::error::{Error, Result};

/// The most shifts of one kind a school team can have in a week.
pub const MAX_SHIFTS_PER_WEEK: i64 = 14;
/// The most staff one school team can have.
pub const MAX_MEMBERS: usize = 6;

pub struct SchoolTeamInput {
    pub school: PlaceId,
    pub day_shifts: i64,
    pub evening_shifts: i64,
    pub members: Vec<UserId>,
}

pub async fn set_team(store: &Store, planner: &RotaPlanner, input: SchoolTeamInput) -> Result<()> {
    let range = 0..=MAX_SHIFTS_PER_WEEK;
    if !range.contains(&input.day_shifts) || !range.contains(&input.evening_shifts) {
        return Err(Error::Invalid("schools-error-shifts"));
    }
    let distinct: HashSet<&UserId> = input.members.iter().collect();
    if input.members.is_empty()
        || input.members.len() > MAX_MEMBERS
        || distinct.len() != input.members.len()
    {
        return Err(Error::Invalid("schools-error-members"));
    }
    let mut tx = store.begin().await?;
    let field_staff: HashSet<UserId> = users::list(&mut tx, planner.service())
        .await?
        .into_iter()
        .filter(|u| !u.disabled && matches!(u.role, Role::FieldWorker | Role::Leader))
        .map(|u| u.id)
        .collect();
    if !input.members.iter().all(|m| field_staff.contains(m)) {
        return Err(Error::Invalid("schools-error-members"));
    }
    schools::set(
        &mut tx,
        planner.service(),
        input.school,
        input.day_shifts,
        input.evening_shifts,
        &input.members,
        now(),
    )
    .await
    .map_err(|e| match e {
        StoreError::NotFound => Error::Invalid("schools-error-school"),
        e => e.into(),
    })?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_team(store: &Store, planner: &RotaPlanner, school: PlaceId) -> Result<()> {
    let mut tx = store.begin().await?;
    schools::remove(&mut tx, planner.service(), school)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => Error::NotFound,
            e => e.into(),
        })?;
    tx.commit().await?;
    Ok(())
}

/// The school teams' average day and evening shifts per week (`None` without teams).
pub fn averages(teams: &[schools::SchoolTeam]) -> Option<(f64, f64)> {
    if teams.is_empty() {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = teams.len() as f64;
    #[allow(clippy::cast_precision_loss)]
    let sum = |f: fn(&schools::SchoolTeam) -> i64| teams.iter().map(f).sum::<i64>() as f64;
    Some((sum(|t| t.day_shifts) / n, sum(|t| t.evening_shifts) / n))
}
