//! Time use as workers record it: per day and shift, by category, the shift's hours offered as
//! field work to start from; and the shares per worker and for the service over a year.

use std::collections::BTreeMap;

use gatelangs_domain::staffing::ShiftHours;
use gatelangs_domain::time_use::{MAX_MINUTES_PER_DAY, TimeCategory, TimeShares, check_day};
use gatelangs_domain::{RotaTeamId, ServiceId, UserId};
use gatelangs_storage::time_use::{self, DayEntries};
use gatelangs_storage::{AnyConnection, Store, now, staffing};
use jiff::civil::Date;

use crate::capabilities::TimeRecorder;
use crate::error::{Error, Result};

/// What a shift offers before the worker changes it: its hours as field work.
pub fn default_entries(hours: ShiftHours) -> Vec<(TimeCategory, i64)> {
    vec![(TimeCategory::FieldWork, hours.minutes())]
}

/// Records (replaces) the worker's own time for `day`, for the rota team `team` they were on or
/// for the day outside the rota. A day holds at most 24 hours across all its entries.
pub async fn record(
    store: &Store,
    recorder: &TimeRecorder,
    day: Date,
    team: Option<RotaTeamId>,
    entries: Vec<(TimeCategory, i64)>,
) -> Result<()> {
    check_day(&entries).map_err(|_| Error::Invalid("time-error-entries"))?;
    let mut tx = store.begin().await?;
    let service = recorder.service();
    if let Some(id) = team {
        let on_it = staffing::team(&mut tx, service, id)
            .await?
            .is_some_and(|t| t.day == day && t.staff.iter().any(|(u, _)| *u == recorder.user()));
        if !on_it {
            return Err(Error::Invalid("time-error-team"));
        }
    }
    let others: i64 = time_use::of_day(&mut tx, service, recorder.user(), day)
        .await?
        .iter()
        .filter(|d| d.team != team)
        .flat_map(|d| d.entries.iter().map(|(_, m)| m))
        .sum();
    let this: i64 = entries.iter().map(|(_, m)| m).sum();
    if others + this > MAX_MINUTES_PER_DAY {
        return Err(Error::Invalid("time-error-day-total"));
    }
    let day_entries = DayEntries {
        user: recorder.user(),
        day,
        team,
        entries,
    };
    time_use::replace(&mut tx, service, &day_entries, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// One worker's shares over a year.
#[derive(Debug, Clone)]
pub struct WorkerShares {
    pub user: UserId,
    pub username: String,
    pub name: String,
    pub shares: TimeShares,
}

/// Per worker (by username) and for the whole service: the year's time use.
pub async fn year_shares(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<(Vec<WorkerShares>, TimeShares)> {
    let mut workers: BTreeMap<String, WorkerShares> = BTreeMap::new();
    let mut all = TimeShares::default();
    for (user, username, name, category, minutes) in
        time_use::year_totals(conn, service, year).await?
    {
        all.add(category, minutes);
        workers
            .entry(username.clone())
            .or_insert_with(|| WorkerShares {
                user,
                username,
                name,
                shares: TimeShares::default(),
            })
            .shares
            .add(category, minutes);
    }
    Ok((workers.into_values().collect(), all))
}
