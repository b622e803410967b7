//! Prevention and information work: drug-prevention classes, parent meetings, talks and
//! information work, with the school or place, grade, classes and participants.

use std::collections::BTreeMap;

use gatelangs_domain::groups::PreventionKind;
use gatelangs_domain::{PlaceId, PreventionId, ServiceId, UserId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::Result;
use crate::row::{one_row, parse};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub id: PreventionId,
    pub day: Date,
    pub kind: PreventionKind,
    pub place: Option<PlaceId>,
    pub grade: Option<i64>,
    pub classes: Option<i64>,
    pub participants: Option<i64>,
    /// What it was about, tidied by `domain::groups::parse_topics`.
    pub topics: Vec<String>,
    /// The staff who held it (users of the service).
    pub staff: Vec<UserId>,
    pub recorded_by: Option<UserId>,
}

pub async fn create(
    conn: &mut AnyConnection,
    service: ServiceId,
    new: &NewEvent,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "INSERT INTO prevention_events (id, service_id, day, year, kind, place_id, grade, classes, participants, recorded_by, recorded_at, topics) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 \
         WHERE $6 IS NULL OR EXISTS (SELECT 1 FROM places WHERE id = $6 AND service_id = $2)",
    )
    .bind(new.id.to_string())
    .bind(service.to_string())
    .bind(new.day.to_string())
    .bind(i64::from(new.day.year()))
    .bind(new.kind.as_str())
    .bind(new.place.map(|p| p.to_string()))
    .bind(new.grade)
    .bind(new.classes)
    .bind(new.participants)
    .bind(new.recorded_by.map(|u| u.to_string()))
    .bind(now)
    .bind(new.topics.join("; "))
    .execute(&mut *conn)
    .await?;
    one_row(done)?;
    for user in &new.staff {
        let done = sqlx::query(
            "INSERT INTO prevention_staff (event_id, user_id) SELECT $1, $2 \
             WHERE EXISTS (SELECT 1 FROM users WHERE id = $2 AND service_id = $3)",
        )
        .bind(new.id.to_string())
        .bind(user.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
        one_row(done)?;
    }
    Ok(())
}

/// An event as exported (the place by its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: PreventionId,
    pub day: String,
    pub kind: PreventionKind,
    pub place: Option<String>,
    pub grade: Option<i64>,
    pub classes: Option<i64>,
    pub participants: Option<i64>,
    pub topics: Vec<String>,
    /// The names of the staff who held it, by name.
    pub staff: Vec<String>,
}

/// The service's events (of one year if given), by day.
pub async fn all(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<Event>> {
    events_where(conn, service, year, None).await
}

/// Events of the service, of one year and/or with one id (`None`: any).
async fn events_where(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
    id: Option<PreventionId>,
) -> Result<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT e.id, e.day, e.kind, p.name AS place, e.grade, e.classes, e.participants, e.topics \
         FROM prevention_events e LEFT JOIN places p ON p.id = e.place_id \
         WHERE e.service_id = $1 AND ($2 = 0 OR e.year = $2) AND ($3 = '' OR e.id = $3) \
         ORDER BY e.day, e.recorded_at, e.id",
    )
    .bind(service.to_string())
    .bind(i64::from(year.unwrap_or(0)))
    .bind(id.map(|i| i.to_string()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    let staff: Vec<(String, String)> = sqlx::query_as(
        "SELECT s.event_id, u.name FROM prevention_staff s \
         JOIN prevention_events e ON e.id = s.event_id JOIN users u ON u.id = s.user_id \
         WHERE e.service_id = $1 AND ($2 = 0 OR e.year = $2) ORDER BY u.name",
    )
    .bind(service.to_string())
    .bind(i64::from(year.unwrap_or(0)))
    .fetch_all(&mut *conn)
    .await?;
    let mut staff_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (event, name) in staff {
        staff_of.entry(event).or_default().push(name);
    }
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let kind: String = row.try_get("kind")?;
            let topics: String = row.try_get("topics")?;
            Ok(Event {
                topics: topics
                    .split("; ")
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
                staff: staff_of.remove(&id).unwrap_or_default(),
                id: parse("prevention_events.id", &id)?,
                day: row.try_get("day")?,
                kind: parse("prevention_events.kind", &kind)?,
                place: row.try_get("place")?,
                grade: row.try_get("grade")?,
                classes: row.try_get("classes")?,
                participants: row.try_get("participants")?,
            })
        })
        .collect()
}

pub async fn get(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: PreventionId,
) -> Result<Option<Event>> {
    Ok(events_where(conn, service, None, Some(id)).await?.pop())
}

/// Per kind: (events, classes, participants) of a year; a missing count adds nothing.
pub async fn year_figures(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<BTreeMap<PreventionKind, (u64, u64, u64)>> {
    let mut out = BTreeMap::new();
    for e in all(conn, service, Some(year)).await? {
        let sum: &mut (u64, u64, u64) = out.entry(e.kind).or_default();
        sum.0 += 1;
        sum.1 += e.classes.and_then(|c| u64::try_from(c).ok()).unwrap_or(0);
        sum.2 += e
            .participants
            .and_then(|p| u64::try_from(p).ok())
            .unwrap_or(0);
    }
    Ok(out)
}
