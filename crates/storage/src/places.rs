//! Districts and places of a service. A place with contacts is archived, never deleted.

use gatelangs_domain::field::{PlaceKind, SchoolLevel};
use gatelangs_domain::{DistrictId, PlaceId, ServiceId};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::row::{flag, one_row, parse};
use crate::{Result, StoreError};

#[derive(Debug, Clone, serde::Serialize)]
pub struct District {
    pub id: DistrictId,
    pub name: String,
    pub position: i64,
    pub archived: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Place {
    pub id: PlaceId,
    pub district_id: DistrictId,
    pub district_name: String,
    pub name: String,
    pub kind: PlaceKind,
    pub school_level: Option<SchoolLevel>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub position: i64,
    pub archived: bool,
}

/// The fields of a place that a user edits.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFields {
    pub district_id: DistrictId,
    pub name: String,
    pub kind: PlaceKind,
    pub school_level: Option<SchoolLevel>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

fn district_from_row(row: &AnyRow) -> Result<District> {
    let id: String = row.try_get("id")?;
    Ok(District {
        id: parse("districts.id", &id)?,
        name: row.try_get("name")?,
        position: row.try_get("position")?,
        archived: row.try_get::<i64, _>("archived")? != 0,
    })
}

const PLACE_SELECT: &str = "SELECT p.id, p.district_id, d.name AS district_name, p.name, p.kind, \
    p.school_level, p.lat, p.lon, p.position, p.archived \
    FROM places p JOIN districts d ON d.id = p.district_id";

fn place_from_row(row: &AnyRow) -> Result<Place> {
    let id: String = row.try_get("id")?;
    let district: String = row.try_get("district_id")?;
    let kind: String = row.try_get("kind")?;
    let level: Option<String> = row.try_get("school_level")?;
    Ok(Place {
        id: parse("places.id", &id)?,
        district_id: parse("places.district_id", &district)?,
        district_name: row.try_get("district_name")?,
        name: row.try_get("name")?,
        kind: parse("places.kind", &kind)?,
        school_level: level
            .as_deref()
            .map(|l| parse("places.school_level", l))
            .transpose()?,
        lat: row.try_get("lat")?,
        lon: row.try_get("lon")?,
        position: row.try_get("position")?,
        archived: row.try_get::<i64, _>("archived")? != 0,
    })
}

pub async fn create_district(
    conn: &mut AnyConnection,
    service: ServiceId,
    name: &str,
) -> Result<District> {
    let id = DistrictId::new();
    sqlx::query(
        "INSERT INTO districts (id, service_id, name, position) \
         VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM districts WHERE service_id = $2))",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(name.trim().to_owned())
    .execute(&mut *conn)
    .await?;
    get_district(conn, service, id).await
}

pub async fn get_district(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: DistrictId,
) -> Result<District> {
    let row = sqlx::query(
        "SELECT id, name, position, archived FROM districts WHERE id = $1 AND service_id = $2",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_one(&mut *conn)
    .await?;
    district_from_row(&row)
}

/// The service's district of that name, made when it has none yet (imports and the demo name
/// districts by name).
pub async fn district_named(
    conn: &mut AnyConnection,
    service: ServiceId,
    name: &str,
) -> Result<District> {
    match find_district(conn, service, name).await? {
        Some(d) => Ok(d),
        None => create_district(conn, service, name).await,
    }
}

/// Whether `place` is a school of the service (school teams and the class checklist hang on one).
pub async fn is_school(
    conn: &mut AnyConnection,
    service: ServiceId,
    place: PlaceId,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM places WHERE id = $1 AND service_id = $2 AND kind = 'school'",
    )
    .bind(place.to_string())
    .bind(service.to_string())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

pub async fn find_district(
    conn: &mut AnyConnection,
    service: ServiceId,
    name: &str,
) -> Result<Option<District>> {
    let row = sqlx::query(
        "SELECT id, name, position, archived FROM districts WHERE service_id = $1 AND name = $2",
    )
    .bind(service.to_string())
    .bind(name.trim().to_owned())
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(district_from_row).transpose()
}

pub async fn list_districts(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<District>> {
    let rows = sqlx::query(
        "SELECT id, name, position, archived FROM districts WHERE service_id = $1 ORDER BY position, name",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(district_from_row).collect()
}

pub async fn set_district_archived(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: DistrictId,
    archived: bool,
) -> Result<()> {
    one_row(
        sqlx::query("UPDATE districts SET archived = $1 WHERE id = $2 AND service_id = $3")
            .bind(flag(archived))
            .bind(id.to_string())
            .bind(service.to_string())
            .execute(&mut *conn)
            .await?,
    )
}

pub async fn create_place(
    conn: &mut AnyConnection,
    service: ServiceId,
    fields: &PlaceFields,
) -> Result<Place> {
    create_place_with_id(conn, service, PlaceId::new(), fields).await
}

/// Creates a place with a given id (an imported row keeps its id).
pub async fn create_place_with_id(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: PlaceId,
    fields: &PlaceFields,
) -> Result<Place> {
    // The district must be this service's: a foreign district id is "not found".
    get_district(conn, service, fields.district_id).await?;
    sqlx::query(
        "INSERT INTO places (id, service_id, district_id, name, kind, school_level, lat, lon, position) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM places WHERE district_id = $3))",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(fields.district_id.to_string())
    .bind(fields.name.trim().to_owned())
    .bind(fields.kind.as_str())
    .bind(fields.school_level.map(|l| l.as_str()))
    .bind(fields.lat)
    .bind(fields.lon)
    .execute(&mut *conn)
    .await?;
    get_place(conn, service, id).await
}

pub async fn update_place(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: PlaceId,
    fields: &PlaceFields,
) -> Result<Place> {
    get_district(conn, service, fields.district_id).await?;
    let done = sqlx::query(
        "UPDATE places SET district_id = $1, name = $2, kind = $3, school_level = $4, lat = $5, lon = $6 \
         WHERE id = $7 AND service_id = $8",
    )
    .bind(fields.district_id.to_string())
    .bind(fields.name.trim().to_owned())
    .bind(fields.kind.as_str())
    .bind(fields.school_level.map(|l| l.as_str()))
    .bind(fields.lat)
    .bind(fields.lon)
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    get_place(conn, service, id).await
}

pub async fn get_place(conn: &mut AnyConnection, service: ServiceId, id: PlaceId) -> Result<Place> {
    let row = sqlx::query(&format!(
        "{PLACE_SELECT} WHERE p.id = $1 AND p.service_id = $2"
    ))
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_one(&mut *conn)
    .await?;
    place_from_row(&row)
}

pub async fn find_place(
    conn: &mut AnyConnection,
    service: ServiceId,
    name: &str,
) -> Result<Option<Place>> {
    let row = sqlx::query(&format!(
        "{PLACE_SELECT} WHERE p.service_id = $1 AND p.name = $2"
    ))
    .bind(service.to_string())
    .bind(name.trim().to_owned())
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(place_from_row).transpose()
}

/// All places of the service in district order, then place order.
pub async fn list_places(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<Place>> {
    let rows = sqlx::query(&format!(
        "{PLACE_SELECT} WHERE p.service_id = $1 ORDER BY d.position, d.name, p.position, p.name"
    ))
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(place_from_row).collect()
}

pub async fn set_place_archived(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: PlaceId,
    archived: bool,
) -> Result<()> {
    one_row(
        sqlx::query("UPDATE places SET archived = $1 WHERE id = $2 AND service_id = $3")
            .bind(flag(archived))
            .bind(id.to_string())
            .bind(service.to_string())
            .execute(&mut *conn)
            .await?,
    )
}

/// Moves a place one step up (`-1`) or down (`1`) among its district's places.
pub async fn move_place(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: PlaceId,
    step: i64,
) -> Result<()> {
    let place = get_place(conn, service, id).await?;
    let siblings: Vec<Place> = list_places(conn, service)
        .await?
        .into_iter()
        .filter(|p| p.district_id == place.district_id)
        .collect();
    let Some(index) = siblings.iter().position(|p| p.id == id) else {
        return Err(StoreError::NotFound);
    };
    let Some(target) = index.checked_add_signed(isize::try_from(step).unwrap_or(0)) else {
        return Ok(());
    };
    if target >= siblings.len() {
        return Ok(());
    }
    // Renumber the district densely, with the two swapped, so equal positions cannot stick.
    let mut order: Vec<&Place> = siblings.iter().collect();
    order.swap(index, target);
    for (pos, p) in order.iter().enumerate() {
        sqlx::query("UPDATE places SET position = $1 WHERE id = $2 AND service_id = $3")
            .bind(i64::try_from(pos).unwrap_or(i64::MAX) + 1)
            .bind(p.id.to_string())
            .bind(service.to_string())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Every table that names a place: a place any of them uses cannot be deleted.
const PLACE_USERS: [&str; 6] = [
    "contacts",
    "conversations",
    "youth_groups",
    "prevention_events",
    "school_teams",
    "class_checklist",
];

/// Deletes a place that nothing uses; one that a contact, a follow-up conversation, a group, a
/// prevention event, a school team or a class names gives `Conflict` (archive it instead).
pub async fn delete_place(conn: &mut AnyConnection, service: ServiceId, id: PlaceId) -> Result<()> {
    let uses = PLACE_USERS
        .iter()
        .map(|table| {
            format!("(SELECT COUNT(*) FROM {table} WHERE place_id = $1 AND service_id = $2)")
        })
        .collect::<Vec<_>>()
        .join(" + ");
    let used: i64 = sqlx::query_scalar(&format!("SELECT CAST({uses} AS BIGINT)"))
        .bind(id.to_string())
        .bind(service.to_string())
        .fetch_one(&mut *conn)
        .await?;
    if used > 0 {
        return Err(StoreError::Conflict);
    }
    let deleted = sqlx::query("DELETE FROM places WHERE id = $1 AND service_id = $2")
        .bind(id.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await;
    match deleted {
        // A record that names the place was stored between the count and the delete (or by a
        // table added later without joining `PLACE_USERS`): the same answer, not an error.
        Err(sqlx::Error::Database(db)) if db.is_foreign_key_violation() => {
            Err(StoreError::Conflict)
        }
        done => one_row(done?),
    }
}
