//! Sharing with other services: collaborations under a covering consent, withdrawing a
//! consent, and the child welfare records (concern reports, information requests and their
//! answers). The consent rule is storage's (a collaboration is stored only under a consent that
//! covers it, decision 18) and the under-18 rule is child welfare's; here they become one
//! outcome for every adapter, with the audit entry of the record gate.

use gatelangs_domain::consent::Direction;
use gatelangs_domain::{
    CollaborationId, ConsentId, PersonalDataAccess, ServiceId, WelfareId, YouthId,
};
use gatelangs_storage::child_welfare::{self, NewWelfare, WelfareError};
use gatelangs_storage::collaborations::{self, CollaborationError, NewCollaboration};
use gatelangs_storage::{AnyConnection, FieldKeys, Store, StoreError, consents, counterparts, now};
use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::record_gate::YouthDesk;

/// The key of a collaboration no consent covers.
pub const NOT_COVERED: &str = "collaboration-not-covered";
/// The key of a counterpart code the service's catalogue does not have (or has archived).
pub const UNKNOWN_COUNTERPART: &str = "inquiries-error-service";
/// The key of a child welfare record for someone 18 or over on its date.
pub const ADULT: &str = "welfare-error-adult";

fn collaboration_refused(e: CollaborationError) -> Error {
    match e {
        CollaborationError::NotCovered => Error::Conflict(NOT_COVERED),
        CollaborationError::Store(e) => e.into(),
    }
}

fn welfare_refused(e: WelfareError) -> Error {
    match e {
        WelfareError::Adult => Error::Invalid(ADULT),
        WelfareError::Store(e) => e.into(),
    }
}

/// A collaboration as a form or the API gives it: the counterpart by its `code`.
#[derive(Debug, Clone)]
pub struct CollaborationInput {
    pub day: Date,
    pub direction: Direction,
    pub counterpart_code: String,
    pub what_shared: Option<String>,
    pub note: Option<String>,
}

/// Records a collaboration about `youth`; returns it and the consent that covers it.
pub async fn record_collaboration(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    input: CollaborationInput,
) -> Result<(CollaborationId, ConsentId)> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "collaboration")
        .await?;
    let counterpart = counterparts::find_by_code(&mut tx, rec.service(), &input.counterpart_code)
        .await?
        .filter(|c| !c.archived)
        .ok_or(Error::Invalid(UNKNOWN_COUNTERPART))?;
    let id = CollaborationId::new();
    let new = NewCollaboration {
        id,
        youth,
        day: input.day,
        direction: input.direction,
        counterpart: counterpart.id,
        what_shared: input.what_shared.as_deref(),
        note: input.note.as_deref(),
        recorded_by: Some(rec.user()),
    };
    let consent = collaborations::create(&mut tx, store.field_keys(), rec.service(), &new, now())
        .await
        .map_err(collaboration_refused)?;
    tx.commit().await?;
    Ok((id, consent))
}

/// Stores a collaboration from a bundle or the demo inside the caller's transaction, under the
/// same consent rule.
pub async fn store_imported_collaboration(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: &NewCollaboration<'_>,
) -> Result<ConsentId> {
    collaborations::create(conn, keys, service, new, now())
        .await
        .map_err(collaboration_refused)
}

/// Records that a consent was withdrawn on `on`.
pub async fn withdraw_consent(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    consent: ConsentId,
    on: Date,
) -> Result<()> {
    let (rec, mut tx) = desk
        .open(
            store,
            youth,
            PersonalDataAccess::Change,
            "consent_withdrawn",
        )
        .await?;
    consents::withdraw(
        &mut tx,
        rec.service(),
        youth,
        consent,
        on,
        Some(rec.user()),
        now(),
    )
    .await
    .map_err(|e| match e {
        StoreError::NotFound => Error::Conflict("consent-error-withdraw"),
        e => e.into(),
    })?;
    tx.commit().await?;
    Ok(())
}

/// Records a concern report or an information request about `youth`. The youth and the person
/// recording are the record's, whatever `new` says.
pub async fn record_welfare(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    new: NewWelfare<'_>,
) -> Result<WelfareId> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "child_welfare")
        .await?;
    let new = NewWelfare {
        youth,
        recorded_by: Some(rec.user()),
        ..new
    };
    child_welfare::create(&mut tx, store.field_keys(), rec.service(), &new, now())
        .await
        .map_err(welfare_refused)?;
    tx.commit().await?;
    Ok(new.id)
}

/// Stores a child welfare record from a bundle or the demo inside the caller's transaction,
/// under the same under-18 rule.
pub async fn store_imported_welfare(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: &NewWelfare<'_>,
) -> Result<()> {
    child_welfare::create(conn, keys, service, new, now())
        .await
        .map_err(welfare_refused)
}

/// Records the answer to an information request.
pub async fn answer_welfare(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    request: WelfareId,
    on: Date,
    answer: &str,
) -> Result<()> {
    if answer.trim().is_empty() {
        return Err(Error::Invalid("welfare-error-answer"));
    }
    let (rec, mut tx) = desk
        .open(
            store,
            youth,
            PersonalDataAccess::Change,
            "child_welfare_answer",
        )
        .await?;
    child_welfare::answer(
        &mut tx,
        store.field_keys(),
        rec.service(),
        youth,
        request,
        on,
        answer,
    )
    .await
    .map_err(|e| match e {
        StoreError::NotFound => Error::Conflict("welfare-error-answered"),
        e => e.into(),
    })?;
    tx.commit().await?;
    Ok(())
}
