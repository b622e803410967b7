//! School contacts: the staff who are a school's contacts and the school team's day and evening
//! shifts per week.

use std::collections::HashMap;

use gatelangs_domain::{PlaceId, ServiceId, UserId};
use sqlx::{AnyConnection, Row};

use crate::row::parse;
use crate::{Result, StoreError};

/// A school's team as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolTeam {
    pub place: PlaceId,
    pub school: String,
    pub day_shifts: i64,
    pub evening_shifts: i64,
    /// (id, name) of the members, by name.
    pub members: Vec<(UserId, String)>,
}

/// Sets (replaces) the team of the school `place`, which must be a school of the service.
pub async fn set(
    conn: &mut AnyConnection,
    service: ServiceId,
    place: PlaceId,
    day_shifts: i64,
    evening_shifts: i64,
    members: &[UserId],
    now: i64,
) -> Result<()> {
    if !crate::places::is_school(conn, service, place).await? {
        return Err(StoreError::NotFound);
    }
    sqlx::query("DELETE FROM school_team_members WHERE place_id = $1")
        .bind(place.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM school_teams WHERE place_id = $1")
        .bind(place.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO school_teams (place_id, service_id, day_shifts, evening_shifts, updated_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(place.to_string())
    .bind(service.to_string())
    .bind(day_shifts)
    .bind(evening_shifts)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for user in members {
        let done = sqlx::query(
            "INSERT INTO school_team_members (place_id, user_id) \
             SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM users WHERE id = $2 AND service_id = $3)",
        )
        .bind(place.to_string())
        .bind(user.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
        crate::row::one_row(done)?;
    }
    Ok(())
}

/// Removes a school's team (the school stays a place).
pub async fn remove(conn: &mut AnyConnection, service: ServiceId, place: PlaceId) -> Result<()> {
    sqlx::query(
        "DELETE FROM school_team_members WHERE place_id IN \
         (SELECT place_id FROM school_teams WHERE place_id = $1 AND service_id = $2)",
    )
    .bind(place.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query("DELETE FROM school_teams WHERE place_id = $1 AND service_id = $2")
        .bind(place.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
    crate::row::one_row(done)
}

/// The service's school teams, by school name.
pub async fn list(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<SchoolTeam>> {
    let rows = sqlx::query(
        "SELECT s.place_id, p.name, s.day_shifts, s.evening_shifts FROM school_teams s \
         JOIN places p ON p.id = s.place_id WHERE s.service_id = $1 ORDER BY p.name",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let members = sqlx::query(
        "SELECT m.place_id, u.id, u.name FROM school_team_members m \
         JOIN school_teams s ON s.place_id = m.place_id JOIN users u ON u.id = m.user_id \
         WHERE s.service_id = $1 ORDER BY u.name",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut by_school: HashMap<String, Vec<(UserId, String)>> = HashMap::new();
    for m in &members {
        let id: String = m.try_get("id")?;
        by_school
            .entry(m.try_get("place_id")?)
            .or_default()
            .push((parse("users.id", &id)?, m.try_get("name")?));
    }
    rows.iter()
        .map(|r| {
            let place: String = r.try_get("place_id")?;
            Ok(SchoolTeam {
                members: by_school.remove(&place).unwrap_or_default(),
                place: parse("school_teams.place_id", &place)?,
                school: r.try_get("name")?,
                day_shifts: r.try_get("day_shifts")?,
                evening_shifts: r.try_get("evening_shifts")?,
            })
        })
        .collect()
}
