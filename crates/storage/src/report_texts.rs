//! The leader's prose of a report year (foreword, mandate, history), one row per kind.

use gatelangs_domain::{ServiceId, UserId};
use sqlx::{AnyConnection, Row};

use crate::Result;

/// The texts of `year` as (kind, text).
pub async fn of_year(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query(
        "SELECT kind, body FROM report_texts WHERE service_id = $1 AND year = $2 ORDER BY kind",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("kind")?, r.try_get("body")?)))
        .collect()
}

/// Replaces the text of `kind` for `year`.
pub async fn save(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
    kind: &str,
    body: &str,
    by: UserId,
    now: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM report_texts WHERE service_id = $1 AND year = $2 AND kind = $3")
        .bind(service.to_string())
        .bind(i64::from(year))
        .bind(kind.to_owned())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO report_texts (service_id, year, kind, body, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .bind(kind.to_owned())
    .bind(body.to_owned())
    .bind(by.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
