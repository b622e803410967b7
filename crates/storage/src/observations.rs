//! Trend observations of youth environments: a district, themes and a summary with no personal
//! data. The summary is sealed all the same, since free text can hold more than it should.

use std::collections::BTreeMap;

use gatelangs_domain::groups::{Theme, join_themes, parse_themes};
use gatelangs_domain::{DistrictId, ObservationId, ServiceId, UserId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::{one_row, parse};
use crate::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewObservation {
    pub id: ObservationId,
    pub day: Date,
    pub district: DistrictId,
    pub themes: Vec<Theme>,
    pub summary: String,
    pub recorded_by: Option<UserId>,
}

fn place<'a>(service: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "observations",
        column: "summary",
        row,
    }
}

pub async fn create(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: &NewObservation,
    now: i64,
) -> Result<()> {
    let s = service.to_string();
    let row = new.id.to_string();
    let done = sqlx::query(
        "INSERT INTO observations (id, service_id, day, year, district_id, themes, summary, recorded_by, recorded_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 \
         WHERE EXISTS (SELECT 1 FROM districts WHERE id = $5 AND service_id = $2)",
    )
    .bind(&row)
    .bind(&s)
    .bind(new.day.to_string())
    .bind(i64::from(new.day.year()))
    .bind(new.district.to_string())
    .bind(join_themes(&new.themes))
    .bind(keys.seal(place(&s, &row), new.summary.trim()))
    .bind(new.recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub id: ObservationId,
    pub day: String,
    pub district: String,
    pub themes: Vec<Theme>,
    pub summary: String,
}

/// The service's observations (of one year if given), by day.
pub async fn all(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<Observation>> {
    observations_where(conn, keys, service, year, None).await
}

/// Observations of the service, of one year and/or with one id (`None`: any).
async fn observations_where(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    year: Option<i32>,
    id: Option<ObservationId>,
) -> Result<Vec<Observation>> {
    let s = service.to_string();
    let rows = sqlx::query(
        "SELECT o.id, o.day, d.name AS district, o.themes, o.summary FROM observations o \
         JOIN districts d ON d.id = o.district_id \
         WHERE o.service_id = $1 AND ($2 = 0 OR o.year = $2) AND ($3 = '' OR o.id = $3) \
         ORDER BY o.day, o.recorded_at, o.id",
    )
    .bind(&s)
    .bind(i64::from(year.unwrap_or(0)))
    .bind(id.map(|i| i.to_string()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let themes: String = row.try_get("themes")?;
            let summary: String = row.try_get("summary")?;
            Ok(Observation {
                id: parse("observations.id", &id)?,
                day: row.try_get("day")?,
                district: row.try_get("district")?,
                themes: parse_themes(&themes)
                    .map_err(|e| StoreError::Corrupt(format!("observations.themes: {}", e.0)))?,
                summary: keys.open(place(&s, &id), &summary)?,
            })
        })
        .collect()
}

pub async fn get(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    id: ObservationId,
) -> Result<Option<Observation>> {
    Ok(observations_where(conn, keys, service, None, Some(id))
        .await?
        .pop())
}

/// (total, observations per theme) of a year.
pub async fn year_figures(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<(u64, BTreeMap<Theme, u64>)> {
    let themes: Vec<String> =
        sqlx::query_scalar("SELECT themes FROM observations WHERE service_id = $1 AND year = $2")
            .bind(service.to_string())
            .bind(i64::from(year))
            .fetch_all(&mut *conn)
            .await?;
    let mut by_theme = BTreeMap::new();
    for text in &themes {
        let parsed = parse_themes(text)
            .map_err(|e| StoreError::Corrupt(format!("observations.themes: {}", e.0)))?;
        for theme in parsed {
            *by_theme.entry(theme).or_default() += 1;
        }
    }
    Ok((themes.len() as u64, by_theme))
}

/// The district and themes of every observation from `from` to `to` (both included), without
/// the summaries: what the trend summary for the collaboration forums counts.
pub async fn themes_between(
    conn: &mut AnyConnection,
    service: ServiceId,
    from: Date,
    to: Date,
) -> Result<Vec<(String, Vec<Theme>)>> {
    // Days are stored as YYYY-MM-DD, so text order is date order.
    let rows = sqlx::query(
        "SELECT d.name AS district, o.themes FROM observations o \
         JOIN districts d ON d.id = o.district_id \
         WHERE o.service_id = $1 AND o.day >= $2 AND o.day <= $3",
    )
    .bind(service.to_string())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let themes: String = row.try_get("themes")?;
            Ok((
                row.try_get("district")?,
                parse_themes(&themes)
                    .map_err(|e| StoreError::Corrupt(format!("observations.themes: {}", e.0)))?,
            ))
        })
        .collect()
}
