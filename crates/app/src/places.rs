//! Districts and places, as leaders and administrators keep them: each change in one transaction
//! with its audit entry (`place_changed`). A place with records cannot be deleted, only
//! archived; storage refuses it (every table that names a place is checked, and a record stored
//! between the check and the delete is caught by the foreign key).

use gatelangs_domain::{AuditAction, AuditEvent, DistrictId, PlaceId};
use gatelangs_storage::places::{self, Place, PlaceFields};
use gatelangs_storage::{AnyConnection, Store, StoreError};

use crate::capabilities::PlaceEditor;
use crate::error::{Error, Result};

/// The longest district name.
const MAX_DISTRICT_NAME: usize = 200;

/// What the archive switch applies to.
#[derive(Debug, Clone, Copy)]
pub enum Archivable {
    Place(PlaceId),
    District(DistrictId),
}

async fn log(
    store: &Store,
    editor: &PlaceEditor,
    conn: &mut AnyConnection,
    subject: String,
    detail: &str,
) -> Result<()> {
    let event =
        AuditEvent::new(editor.user(), AuditAction::PlaceChanged, subject).with_detail(detail);
    store.audit(conn, Some(editor.service()), &event).await?;
    Ok(())
}

/// Adds a place. Refused: a name the service already has, a district not the service's.
pub async fn create_place(
    store: &Store,
    editor: &PlaceEditor,
    fields: &PlaceFields,
) -> Result<Place> {
    let mut tx = store.begin().await?;
    let place = places::create_place(&mut tx, editor.service(), fields)
        .await
        .map_err(|e| match e {
            StoreError::Conflict => Error::Conflict("places-name-taken"),
            StoreError::NotFound => Error::Invalid("places-bad-district"),
            e => e.into(),
        })?;
    log(
        store,
        editor,
        &mut tx,
        format!("place:{}", place.id),
        "created",
    )
    .await?;
    tx.commit().await?;
    Ok(place)
}

/// Changes a place's fields.
pub async fn update_place(
    store: &Store,
    editor: &PlaceEditor,
    id: PlaceId,
    fields: &PlaceFields,
) -> Result<()> {
    let mut tx = store.begin().await?;
    places::update_place(&mut tx, editor.service(), id, fields)
        .await
        .map_err(|e| match e {
            StoreError::Conflict => Error::Conflict("places-name-taken"),
            e => e.into(),
        })?;
    log(store, editor, &mut tx, format!("place:{id}"), "changed").await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a district: a name of 1 to 200 characters the service does not have yet.
pub async fn create_district(store: &Store, editor: &PlaceEditor, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_DISTRICT_NAME {
        return Err(Error::Invalid("places-bad-name"));
    }
    let mut tx = store.begin().await?;
    let district = places::create_district(&mut tx, editor.service(), name)
        .await
        .map_err(|e| match e {
            StoreError::Conflict => Error::Conflict("places-name-taken"),
            e => e.into(),
        })?;
    log(
        store,
        editor,
        &mut tx,
        format!("district:{}", district.id),
        "created",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a place one step up or down in its district's order.
pub async fn move_place(store: &Store, editor: &PlaceEditor, id: PlaceId, up: bool) -> Result<()> {
    let mut tx = store.begin().await?;
    places::move_place(&mut tx, editor.service(), id, if up { -1 } else { 1 }).await?;
    let detail = if up { "moved up" } else { "moved down" };
    log(store, editor, &mut tx, format!("place:{id}"), detail).await?;
    tx.commit().await?;
    Ok(())
}

/// Archives (hides from the field page) or restores a place or a district.
pub async fn set_archived(
    store: &Store,
    editor: &PlaceEditor,
    target: Archivable,
    archived: bool,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let subject = match target {
        Archivable::Place(id) => {
            places::set_place_archived(&mut tx, editor.service(), id, archived).await?;
            format!("place:{id}")
        }
        Archivable::District(id) => {
            places::set_district_archived(&mut tx, editor.service(), id, archived).await?;
            format!("district:{id}")
        }
    };
    let detail = if archived { "archived" } else { "restored" };
    log(store, editor, &mut tx, subject, detail).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a place no record names; one with records is refused (archive it instead).
pub async fn delete_place(store: &Store, editor: &PlaceEditor, id: PlaceId) -> Result<()> {
    let mut tx = store.begin().await?;
    places::delete_place(&mut tx, editor.service(), id)
        .await
        .map_err(|e| match e {
            StoreError::Conflict => Error::Conflict("places-has-contacts"),
            e => e.into(),
        })?;
    log(store, editor, &mut tx, format!("place:{id}"), "deleted").await?;
    tx.commit().await?;
    Ok(())
}
