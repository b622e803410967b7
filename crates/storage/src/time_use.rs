//! Time use: minutes per category a worker records for a day, for a shift of the rota or for the
//! day outside it.

use gatelangs_domain::time_use::TimeCategory;
use gatelangs_domain::{RotaTeamId, ServiceId, UserId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::Result;
use crate::row::parse;

/// What one worker recorded for one day and shift (`team: None`: outside the rota).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEntries {
    pub user: UserId,
    pub day: Date,
    pub team: Option<RotaTeamId>,
    pub entries: Vec<(TimeCategory, i64)>,
}

/// Replaces what `entries.user` recorded for the day and shift; categories with 0 minutes are
/// not stored.
pub async fn replace(
    conn: &mut AnyConnection,
    service: ServiceId,
    entries: &DayEntries,
    now: i64,
) -> Result<()> {
    let team = entries.team.map(|t| t.to_string()).unwrap_or_default();
    sqlx::query(
        "DELETE FROM time_entries WHERE service_id = $1 AND user_id = $2 AND day = $3 \
         AND COALESCE(team_id, '') = $4",
    )
    .bind(service.to_string())
    .bind(entries.user.to_string())
    .bind(entries.day.to_string())
    .bind(team)
    .execute(&mut *conn)
    .await?;
    for (category, minutes) in entries.entries.iter().filter(|(_, m)| *m > 0) {
        sqlx::query(
            "INSERT INTO time_entries (id, service_id, user_id, day, year, team_id, category, minutes, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(service.to_string())
        .bind(entries.user.to_string())
        .bind(entries.day.to_string())
        .bind(i64::from(entries.day.year()))
        .bind(entries.team.map(|t| t.to_string()))
        .bind(category.as_str())
        .bind(*minutes)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A worker's entries of one day, every shift and the day outside the rota.
pub async fn of_day(
    conn: &mut AnyConnection,
    service: ServiceId,
    user: UserId,
    day: Date,
) -> Result<Vec<DayEntries>> {
    let rows = sqlx::query(
        "SELECT team_id, category, minutes FROM time_entries \
         WHERE service_id = $1 AND user_id = $2 AND day = $3 ORDER BY team_id, category",
    )
    .bind(service.to_string())
    .bind(user.to_string())
    .bind(day.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<DayEntries> = vec![];
    for row in &rows {
        let team: Option<String> = row.try_get("team_id")?;
        let team: Option<RotaTeamId> = team
            .map(|t| parse("time_entries.team_id", &t))
            .transpose()?;
        let category: String = row.try_get("category")?;
        let entry = (
            parse("time_entries.category", &category)?,
            row.try_get::<i64, _>("minutes")?,
        );
        match out.iter_mut().find(|d| d.team == team) {
            Some(d) => d.entries.push(entry),
            None => out.push(DayEntries {
                user,
                day,
                team,
                entries: vec![entry],
            }),
        }
    }
    Ok(out)
}

/// Minutes per worker and category over a year: `(user, username, name, category, minutes)`.
pub async fn year_totals(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<Vec<(UserId, String, String, TimeCategory, i64)>> {
    let rows = sqlx::query(
        // Sum first, from the covering index of the year, then name the few sums' workers.
        "SELECT t.user_id, u.username, u.name, t.category, t.minutes \
         FROM (SELECT user_id, category, CAST(SUM(minutes) AS BIGINT) AS minutes FROM time_entries \
               WHERE service_id = $1 AND year = $2 GROUP BY user_id, category) t \
         JOIN users u ON u.id = t.user_id ORDER BY u.username, t.category",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let user: String = row.try_get("user_id")?;
            let category: String = row.try_get("category")?;
            Ok((
                parse("time_entries.user_id", &user)?,
                row.try_get("username")?,
                row.try_get("name")?,
                parse("time_entries.category", &category)?,
                row.try_get("minutes")?,
            ))
        })
        .collect()
}

/// Whether time was recorded against a team (it then stays on the rota).
pub async fn has_team_entries(
    conn: &mut AnyConnection,
    service: ServiceId,
    team: RotaTeamId,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM time_entries WHERE team_id = $1 AND service_id = $2",
    )
    .bind(team.to_string())
    .bind(service.to_string())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}
