//! The catalogue of counterpart services a team works with (NAV, Barnevernstjenesten, …).

use gatelangs_domain::{CounterpartId, ServiceId};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::Result;
use crate::row::{flag, one_row, parse};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Counterpart {
    pub id: CounterpartId,
    pub code: String,
    pub name: String,
    pub archived: bool,
}

fn from_row(row: &AnyRow) -> Result<Counterpart> {
    let id: String = row.try_get("id")?;
    Ok(Counterpart {
        id: parse("counterpart_services.id", &id)?,
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        archived: row.try_get::<i64, _>("archived")? != 0,
    })
}

pub async fn create(
    conn: &mut AnyConnection,
    service: ServiceId,
    code: &str,
    name: &str,
) -> Result<Counterpart> {
    create_with_id(conn, service, CounterpartId::new(), code, name).await
}

/// Creates an entry with a given id (an imported row keeps its id).
pub async fn create_with_id(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: CounterpartId,
    code: &str,
    name: &str,
) -> Result<Counterpart> {
    sqlx::query(
        "INSERT INTO counterpart_services (id, service_id, code, name) VALUES ($1, $2, $3, $4)",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(code.to_owned())
    .bind(name.trim().to_owned())
    .execute(&mut *conn)
    .await?;
    Ok(Counterpart {
        id,
        code: code.to_owned(),
        name: name.trim().to_owned(),
        archived: false,
    })
}

pub async fn find_by_code(
    conn: &mut AnyConnection,
    service: ServiceId,
    code: &str,
) -> Result<Option<Counterpart>> {
    let row = sqlx::query(
        "SELECT id, code, name, archived FROM counterpart_services WHERE service_id = $1 AND code = $2",
    )
    .bind(service.to_string())
    .bind(code.to_owned())
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn list(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<Counterpart>> {
    let rows = sqlx::query(
        "SELECT id, code, name, archived FROM counterpart_services WHERE service_id = $1 ORDER BY name",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

pub async fn update(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: CounterpartId,
    name: &str,
    archived: bool,
) -> Result<()> {
    one_row(sqlx::query("UPDATE counterpart_services SET name = $1, archived = $2 WHERE id = $3 AND service_id = $4")
        .bind(name.trim().to_owned())
        .bind(flag(archived))
        .bind(id.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?)
}

/// Fills an empty catalogue with the reference report's services; a catalogue that has any
/// entry is left as it is.
pub async fn seed_defaults(conn: &mut AnyConnection, service: ServiceId) -> Result<()> {
    if !list(conn, service).await?.is_empty() {
        return Ok(());
    }
    for (code, name) in gatelangs_domain::consent::DEFAULT_COUNTERPARTS {
        create(conn, service, code, name).await?;
    }
    Ok(())
}
