//! The staffing plan (targets of field teams per shift and weekday) and the rota (the field
//! teams on duty). The rules that decide what a plan means live in `domain::staffing`.

use std::collections::HashMap;

use gatelangs_domain::staffing::{ShiftHours, Target, TeamRange, Validity, parse_clock};
use gatelangs_domain::{DistrictId, RotaTeamId, ServiceId, TargetId, UserId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::row::{one_row, parse};
use crate::{Result, StoreError};

/// A stored row of the staffing plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTarget {
    pub id: TargetId,
    pub target: Target,
}

pub async fn create_target(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: TargetId,
    t: &Target,
    recorded_by: Option<UserId>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO staffing_targets (id, service_id, shift, starts, ends, weekday, min_teams, max_teams, valid_from, valid_to, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(t.shift.clone())
    .bind(t.hours.starts.strftime("%H:%M").to_string())
    .bind(t.hours.ends.strftime("%H:%M").to_string())
    .bind(t.weekday.as_str())
    .bind(i64::from(t.teams.min))
    .bind(i64::from(t.teams.max))
    .bind(t.validity.from.map(|d| d.to_string()))
    .bind(t.validity.to.map(|d| d.to_string()))
    .bind(recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_target(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: TargetId,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM staffing_targets WHERE id = $1 AND service_id = $2")
        .bind(id.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
    one_row(done)
}

/// Every row of the service's plan, ordered by shift start, shift, weekday and period.
pub async fn targets(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<StoredTarget>> {
    let rows = sqlx::query(
        "SELECT id, shift, starts, ends, weekday, min_teams, max_teams, valid_from, valid_to \
         FROM staffing_targets WHERE service_id = $1",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = rows
        .iter()
        .map(|row| {
            let text = |c: &str| -> Result<String> { Ok(row.try_get::<String, _>(c)?) };
            let date = |c: &str| -> Result<Option<Date>> {
                row.try_get::<Option<String>, _>(c)?
                    .map(|d| parse(c, &d))
                    .transpose()
            };
            let clock = |c: &str| -> Result<jiff::civil::Time> {
                let v = text(c)?;
                parse_clock(&v).map_err(|_| StoreError::Corrupt(format!("{c}: {v:?}")))
            };
            let corrupt = |e: gatelangs_domain::ParseError| StoreError::Corrupt(e.0);
            Ok(StoredTarget {
                id: parse("staffing_targets.id", &text("id")?)?,
                target: Target {
                    shift: text("shift")?,
                    hours: ShiftHours::new(clock("starts")?, clock("ends")?).map_err(corrupt)?,
                    weekday: parse("staffing_targets.weekday", &text("weekday")?)?,
                    teams: TeamRange::new(row.try_get("min_teams")?, row.try_get("max_teams")?)
                        .map_err(corrupt)?,
                    validity: Validity::new(date("valid_from")?, date("valid_to")?)
                        .map_err(corrupt)?,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| {
        let key = |s: &StoredTarget| {
            (
                s.target.hours,
                s.target.shift.clone(),
                s.target.weekday,
                s.target.validity,
            )
        };
        key(a).cmp(&key(b))
    });
    Ok(out)
}

/// The plan rows only, for the rules of `domain::staffing`.
pub async fn plan(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<Target>> {
    Ok(targets(conn, service)
        .await?
        .into_iter()
        .map(|s| s.target)
        .collect())
}

/// Whether any team of the rota stands on `shift`.
pub async fn shift_in_use(
    conn: &mut AnyConnection,
    service: ServiceId,
    shift: &str,
) -> Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM rota_teams WHERE service_id = $1 AND shift = $2")
            .bind(service.to_string())
            .bind(shift.to_owned())
            .fetch_one(&mut *conn)
            .await?;
    Ok(n > 0)
}

/// A field team to put on the rota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTeam {
    pub id: RotaTeamId,
    pub day: Date,
    pub shift: String,
    pub district: Option<DistrictId>,
    pub staff: Vec<UserId>,
}

pub async fn create_team(
    conn: &mut AnyConnection,
    service: ServiceId,
    team: &NewTeam,
    recorded_by: Option<UserId>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO rota_teams (id, service_id, day, year, shift, district_id, recorded_by, recorded_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8 \
         WHERE $6 IS NULL OR EXISTS (SELECT 1 FROM districts WHERE id = $6 AND service_id = $2)",
    )
    .bind(team.id.to_string())
    .bind(service.to_string())
    .bind(team.day.to_string())
    .bind(i64::from(team.day.year()))
    .bind(team.shift.clone())
    .bind(team.district.map(|d| d.to_string()))
    .bind(recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await
    .map(one_row)??;
    for (position, user) in team.staff.iter().enumerate() {
        // Staff of another service cannot be put on this service's rota.
        let done = sqlx::query(
            "INSERT INTO rota_members (team_id, position, user_id) \
             SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM users WHERE id = $3 AND service_id = $4)",
        )
        .bind(team.id.to_string())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(user.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
        one_row(done)?;
    }
    Ok(())
}

/// Removes a team from the rota; a team someone has recorded time for stays (`Conflict`).
pub async fn delete_team(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: RotaTeamId,
) -> Result<()> {
    if crate::time_use::has_team_entries(conn, service, id).await? {
        return Err(StoreError::Conflict);
    }
    sqlx::query(
        "DELETE FROM rota_members WHERE team_id IN (SELECT id FROM rota_teams WHERE id = $1 AND service_id = $2)",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query("DELETE FROM rota_teams WHERE id = $1 AND service_id = $2")
        .bind(id.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
    one_row(done)
}

/// A field team on the rota, with its staff (id and username, in the rota's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: RotaTeamId,
    pub day: Date,
    pub shift: String,
    pub district: Option<String>,
    pub staff: Vec<(UserId, String)>,
}

impl Team {
    pub fn usernames(&self) -> Vec<String> {
        self.staff.iter().map(|(_, u)| u.clone()).collect()
    }
}

/// The teams on duty from `from` to `to` (inclusive; `None`: no bound), by day and shift.
pub async fn teams(
    conn: &mut AnyConnection,
    service: ServiceId,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<Team>> {
    teams_where(conn, service, from, to, None).await
}

pub async fn team(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: RotaTeamId,
) -> Result<Option<Team>> {
    Ok(teams_where(conn, service, None, None, Some(id))
        .await?
        .pop())
}

async fn teams_where(
    conn: &mut AnyConnection,
    service: ServiceId,
    from: Option<Date>,
    to: Option<Date>,
    id: Option<RotaTeamId>,
) -> Result<Vec<Team>> {
    let from = from.map(|d| d.to_string()).unwrap_or_default();
    let to = to
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-99-99".into());
    let id = id.map(|i| i.to_string()).unwrap_or_default();
    let rows = sqlx::query(
        "SELECT t.id, t.day, t.shift, d.name AS district FROM rota_teams t \
         LEFT JOIN districts d ON d.id = t.district_id \
         WHERE t.service_id = $1 AND t.day >= $2 AND t.day <= $3 AND ($4 = '' OR t.id = $4) \
         ORDER BY t.day, t.shift, t.recorded_at, t.id",
    )
    .bind(service.to_string())
    .bind(from.clone())
    .bind(to.clone())
    .bind(id.clone())
    .fetch_all(&mut *conn)
    .await?;
    let members = sqlx::query(
        "SELECT m.team_id, m.user_id, u.username FROM rota_members m \
         JOIN rota_teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id \
         WHERE t.service_id = $1 AND t.day >= $2 AND t.day <= $3 AND ($4 = '' OR t.id = $4) \
         ORDER BY m.team_id, m.position",
    )
    .bind(service.to_string())
    .bind(from)
    .bind(to)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut staff: HashMap<String, Vec<(UserId, String)>> = HashMap::new();
    for m in &members {
        let user: String = m.try_get("user_id")?;
        staff.entry(m.try_get("team_id")?).or_default().push((
            parse("rota_members.user_id", &user)?,
            m.try_get("username")?,
        ));
    }
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let day: String = row.try_get("day")?;
            Ok(Team {
                staff: staff.remove(&id).unwrap_or_default(),
                id: parse("rota_teams.id", &id)?,
                day: parse("rota_teams.day", &day)?,
                shift: row.try_get("shift")?,
                district: row.try_get("district")?,
            })
        })
        .collect()
}
