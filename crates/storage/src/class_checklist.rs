//! The 8th-grade programme's checklist: a year's classes per school and where each stands.

use gatelangs_domain::groups::ClassStatus;
use gatelangs_domain::{PlaceId, ServiceId};
use sqlx::{AnyConnection, Row};

use crate::row::{one_row, parse};
use crate::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRow {
    pub id: String,
    pub school: String,
    pub class_name: String,
    pub status: ClassStatus,
}

/// Adds a class of `school` (a school of the service) for `year` as "not yet"; a class already
/// on the list is left as it is.
pub async fn add(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
    school: PlaceId,
    class_name: &str,
    now: i64,
) -> Result<bool> {
    if !crate::places::is_school(conn, service, school).await? {
        return Err(StoreError::NotFound);
    }
    let exists: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM class_checklist WHERE service_id = $1 AND year = $2 AND place_id = $3 AND class_name = $4",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .bind(school.to_string())
    .bind(class_name.to_owned())
    .fetch_one(&mut *conn)
    .await?;
    if exists > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO class_checklist (id, service_id, year, place_id, class_name, status, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(service.to_string())
    .bind(i64::from(year))
    .bind(school.to_string())
    .bind(class_name.to_owned())
    .bind(ClassStatus::NotYet.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

pub async fn set_status(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: &str,
    status: ClassStatus,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE class_checklist SET status = $1, updated_at = $2 WHERE id = $3 AND service_id = $4",
    )
    .bind(status.as_str())
    .bind(now)
    .bind(id.to_owned())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

/// The year's classes, by school and class.
pub async fn of_year(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<Vec<ClassRow>> {
    let rows = sqlx::query(
        "SELECT c.id, p.name AS school, c.class_name, c.status FROM class_checklist c \
         JOIN places p ON p.id = c.place_id WHERE c.service_id = $1 AND c.year = $2 \
         ORDER BY p.name, c.class_name",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(ClassRow {
                id: r.try_get("id")?,
                school: r.try_get("school")?,
                class_name: r.try_get("class_name")?,
                status: parse("class_checklist.status", &status)?,
            })
        })
        .collect()
}
