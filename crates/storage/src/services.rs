//! Services (tenants).

use gatelangs_domain::{MunicipalityNumber, ServiceId, ServiceName, ServiceSlug, ServiceTimeZone};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::row::{flag, parse};
use crate::{Result, StoreError, now};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Service {
    pub id: ServiceId,
    pub slug: String,
    pub name: String,
    pub municipality: Option<String>,
    pub time_zone: String,
    pub require_two_factor: bool,
    pub is_demo: bool,
}

impl Service {
    pub fn tz(&self) -> jiff::tz::TimeZone {
        ServiceTimeZone::parse(&self.time_zone)
            .map(|tz| tz.tz())
            .unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

/// What is needed to create a service.
#[derive(Debug, Clone)]
pub struct NewService {
    pub slug: ServiceSlug,
    pub name: ServiceName,
    pub municipality: Option<MunicipalityNumber>,
    pub time_zone: ServiceTimeZone,
    pub require_two_factor: bool,
    pub is_demo: bool,
}

pub(crate) const COLUMNS: &str =
    "id, slug, name, municipality, time_zone, require_two_factor, is_demo";

fn from_row(row: &AnyRow) -> Result<Service> {
    from_row_prefixed(row, "")
}

/// Reads a service from columns named with `prefix` (for joins).
pub(crate) fn from_row_prefixed(row: &AnyRow, prefix: &str) -> Result<Service> {
    let col = |c: &str| format!("{prefix}{c}");
    let id: String = row.try_get(col("id").as_str())?;
    Ok(Service {
        id: parse("services.id", &id)?,
        slug: row.try_get(col("slug").as_str())?,
        name: row.try_get(col("name").as_str())?,
        municipality: row.try_get(col("municipality").as_str())?,
        time_zone: row.try_get(col("time_zone").as_str())?,
        require_two_factor: row.try_get::<i64, _>(col("require_two_factor").as_str())? != 0,
        is_demo: row.try_get::<i64, _>(col("is_demo").as_str())? != 0,
    })
}

pub async fn create(conn: &mut AnyConnection, new: &NewService) -> Result<Service> {
    let id = ServiceId::new();
    sqlx::query(
        "INSERT INTO services (id, slug, name, municipality, time_zone, require_two_factor, is_demo, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.to_string())
    .bind(new.slug.as_str())
    .bind(new.name.as_str())
    .bind(new.municipality.map(|m| m.to_string()))
    .bind(new.time_zone.as_str())
    .bind(flag(new.require_two_factor))
    .bind(flag(new.is_demo))
    .bind(now())
    .execute(&mut *conn)
    .await?;
    get(conn, id).await
}

pub async fn get(conn: &mut AnyConnection, id: ServiceId) -> Result<Service> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM services WHERE id = $1"))
        .bind(id.to_string())
        .fetch_one(&mut *conn)
        .await?;
    from_row(&row)
}

pub async fn find_by_slug(conn: &mut AnyConnection, slug: &str) -> Result<Option<Service>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM services WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn list(conn: &mut AnyConnection) -> Result<Vec<Service>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM services ORDER BY slug"))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Changes the name and the two-factor requirement of a service.
pub async fn update(
    conn: &mut AnyConnection,
    id: ServiceId,
    name: &ServiceName,
    require_two_factor: bool,
) -> Result<Service> {
    let done = sqlx::query("UPDATE services SET name = $1, require_two_factor = $2 WHERE id = $3")
        .bind(name.as_str())
        .bind(flag(require_two_factor))
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    get(conn, id).await
}
