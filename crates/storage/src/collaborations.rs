//! Collaboration with a counterpart service about a named youth. A collaboration is stored only
//! under a consent that covers that service on that day: the check is here, so the web form, the
//! JSON API and import all meet it.

use std::collections::BTreeMap;

use gatelangs_domain::consent::Direction;
use gatelangs_domain::{CollaborationId, ConsentId, CounterpartId, ServiceId, UserId, YouthId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::parse;
use crate::{Result, StoreError, consents};

#[derive(Debug, Clone)]
pub struct NewCollaboration<'a> {
    pub id: CollaborationId,
    pub youth: YouthId,
    pub day: Date,
    pub direction: Direction,
    pub counterpart: CounterpartId,
    pub what_shared: Option<&'a str>,
    pub note: Option<&'a str>,
    pub recorded_by: Option<UserId>,
}

#[derive(Debug, thiserror::Error)]
pub enum CollaborationError {
    /// No consent of the youth covers the service on the day.
    #[error("no consent covers this service on this date")]
    NotCovered,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CollaborationError {
    fn from(e: sqlx::Error) -> Self {
        CollaborationError::Store(e.into())
    }
}

fn place<'a>(service: &'a str, column: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "collaborations",
        column,
        row,
    }
}

/// Stores the collaboration under the consent that covers it; returns that consent.
pub async fn create(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: &NewCollaboration<'_>,
    now: i64,
) -> Result<ConsentId, CollaborationError> {
    let consent = consents::covering(conn, service, new.youth, new.counterpart, new.day)
        .await?
        .ok_or(CollaborationError::NotCovered)?;
    let s = service.to_string();
    let row = new.id.to_string();
    let seal = |column: &str, v: Option<&str>| {
        v.filter(|t| !t.trim().is_empty())
            .map(|t| keys.seal(place(&s, column, &row), t.trim()))
    };
    sqlx::query(
        "INSERT INTO collaborations (id, service_id, youth_id, day, year, direction, counterpart_id, consent_id, \
         what_shared, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&row)
    .bind(&s)
    .bind(new.youth.to_string())
    .bind(new.day.to_string())
    .bind(i64::from(new.day.year()))
    .bind(new.direction.as_str())
    .bind(new.counterpart.to_string())
    .bind(consent.to_string())
    .bind(seal("what_shared", new.what_shared))
    .bind(seal("note", new.note))
    .bind(new.recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(consent)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collaboration {
    pub id: CollaborationId,
    pub youth_ref: String,
    pub day: Date,
    pub direction: Direction,
    pub service_code: String,
    pub service_name: String,
    pub what_shared: Option<String>,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
}

const SELECT: &str = "SELECT c.id, c.service_id, y.ref, c.day, c.direction, p.code, p.name, c.what_shared, \
    c.note, u.name AS recorder, c.recorded_at FROM collaborations c JOIN youths y ON y.id = c.youth_id \
    JOIN counterpart_services p ON p.id = c.counterpart_id LEFT JOIN users u ON u.id = c.recorded_by";

fn from_row(keys: &FieldKeys, row: &sqlx::any::AnyRow) -> Result<Collaboration> {
    let id: String = row.try_get("id")?;
    let s: String = row.try_get("service_id")?;
    let day: String = row.try_get("day")?;
    let direction: String = row.try_get("direction")?;
    let what: Option<String> = row.try_get("what_shared")?;
    let note: Option<String> = row.try_get("note")?;
    Ok(Collaboration {
        id: parse("collaborations.id", &id)?,
        youth_ref: row.try_get("ref")?,
        day: parse("collaborations.day", &day)?,
        direction: parse("collaborations.direction", &direction)?,
        service_code: row.try_get("code")?,
        service_name: row.try_get("name")?,
        what_shared: keys.open_opt(place(&s, "what_shared", &id), what.as_deref())?,
        note: keys.open_opt(place(&s, "note", &id), note.as_deref())?,
        recorded_by: row.try_get("recorder")?,
        recorded_at: row.try_get("recorded_at")?,
    })
}

pub async fn for_youth(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Collaboration>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.youth_id = $1 AND c.service_id = $2 ORDER BY c.day, c.recorded_at"
    ))
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| from_row(keys, r)).collect()
}

/// Every collaboration of the service (of one year if given), for export.
pub async fn all(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<Collaboration>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.service_id = $1 AND ($2 = 0 OR c.year = $2) ORDER BY c.day, c.id"
    ))
    .bind(service.to_string())
    .bind(i64::from(year.unwrap_or(0)))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| from_row(keys, r)).collect()
}

pub async fn get(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    id: CollaborationId,
) -> Result<Option<Collaboration>> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.id = $1 AND c.service_id = $2"))
        .bind(id.to_string())
        .bind(service.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| from_row(keys, &r)).transpose()
}

/// Section 2.5 of the report: collaborations in the year by direction and service name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearFigures {
    pub total: i64,
    pub unique_youths: i64,
    pub incoming: BTreeMap<String, i64>,
    pub outgoing: BTreeMap<String, i64>,
}

pub async fn year_figures(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<YearFigures> {
    let rows = sqlx::query(
        "SELECT c.youth_id, c.direction, p.name FROM collaborations c \
         JOIN counterpart_services p ON p.id = c.counterpart_id WHERE c.service_id = $1 AND c.year = $2",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = YearFigures::default();
    let mut youths = std::collections::BTreeSet::new();
    for row in &rows {
        let youth: String = row.try_get("youth_id")?;
        let direction: String = row.try_get("direction")?;
        let name: String = row.try_get("name")?;
        youths.insert(youth);
        let map = match parse::<Direction>("collaborations.direction", &direction)? {
            Direction::Incoming => &mut out.incoming,
            Direction::Outgoing => &mut out.outgoing,
        };
        *map.entry(name).or_default() += 1;
        out.total += 1;
    }
    out.unique_youths = youths.len() as i64;
    Ok(out)
}
