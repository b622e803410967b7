//! The service's logo, printed on its report documents: one image per service.

use gatelangs_domain::ServiceId;
use sqlx::{AnyConnection, Row};

use crate::Result;

/// The logo as stored: its media type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub media_type: String,
    pub bytes: Vec<u8>,
}

pub async fn get(conn: &mut AnyConnection, service: ServiceId) -> Result<Option<Logo>> {
    let row = sqlx::query("SELECT media_type, bytes FROM service_logos WHERE service_id = $1")
        .bind(service.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| {
        Ok(Logo {
            media_type: r.try_get("media_type")?,
            bytes: r.try_get("bytes")?,
        })
    })
    .transpose()
}

/// Replaces the logo (`None` removes it).
pub async fn set(
    conn: &mut AnyConnection,
    service: ServiceId,
    logo: Option<&Logo>,
    now: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM service_logos WHERE service_id = $1")
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
    if let Some(logo) = logo {
        sqlx::query(
            "INSERT INTO service_logos (service_id, media_type, bytes, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(service.to_string())
        .bind(logo.media_type.clone())
        .bind(logo.bytes.clone())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
