//! Emergency access ("break the glass") and its review, and the youth's blocks (sperring):
//! who may, on what grounds, and the audit entry, for every adapter alike.

use gatelangs_domain::access::{Denial, EMERGENCY_ACCESS_SECS};
use gatelangs_domain::{
    AccessBasis, AuditAction, AuditEvent, BlockId, EmergencyAccessId, EntryId, PersonalDataAccess,
    Role, UserId, YouthId,
};
use gatelangs_storage::record_access as facts;
use gatelangs_storage::{Store, StoreError, now, youths};

use crate::error::{Error, Result};
use crate::record_gate::{YouthDesk, subject};

/// The shortest reason an emergency access is taken with: a few words that say why.
pub const EMERGENCY_REASON_MIN_CHARS: usize = 10;

/// What came of asking for emergency access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emergency {
    /// The user may open the record anyway (contact person or leader); nothing was recorded.
    NotNeeded,
    Granted(EmergencyAccessId),
}

/// Whether a user may ask for emergency access to `youth` now: a blocked user (or a role that
/// never sees personal data) may not; others learn whether they need to.
pub async fn emergency_decision(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
) -> Result<std::result::Result<AccessBasis, Denial>> {
    let mut conn = store.read_conn().await?;
    // A youth of another service is not there at all to this user.
    if !youths::exists(&mut conn, desk.service(), youth).await? {
        return Err(Error::NotFound);
    }
    match desk.decide(&mut conn, youth).await? {
        Err(Denial::Blocked | Denial::Role) => Err(Error::Forbidden("error-record-blocked")),
        decision => Ok(decision),
    }
}

/// Takes emergency access to `youth` for [`EMERGENCY_ACCESS_SECS`] with a reason of at least
/// [`EMERGENCY_REASON_MIN_CHARS`] characters; a leader reviews it afterwards.
pub async fn take_emergency(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    reason: &str,
) -> Result<Emergency> {
    if let Ok(AccessBasis::ContactPerson | AccessBasis::Leader) =
        emergency_decision(store, desk, youth).await?
    {
        return Ok(Emergency::NotNeeded);
    }
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.chars().count() < EMERGENCY_REASON_MIN_CHARS {
        return Err(Error::Invalid("emergency-error-reason"));
    }
    let mut tx = store.begin().await?;
    let granted_at = now();
    let id = facts::grant_emergency(
        &mut tx,
        store.field_keys(),
        desk.service(),
        youth,
        desk.user(),
        &reason,
        (granted_at, granted_at + EMERGENCY_ACCESS_SECS),
    )
    .await?;
    let event = AuditEvent::new(
        Some(desk.user()),
        AuditAction::EmergencyAccessGranted,
        subject(youth),
    )
    .with_detail(format!("emergency access {id}"));
    store.audit(&mut tx, Some(desk.service()), &event).await?;
    tx.commit().await?;
    Ok(Emergency::Granted(id))
}

/// A leader's review of an emergency access.
pub async fn review_emergency(
    store: &Store,
    desk: &YouthDesk,
    grant: EmergencyAccessId,
    note: &str,
) -> Result<()> {
    if desk.role() != Role::Leader {
        return Err(Error::Forbidden("error-leader-only"));
    }
    let mut tx = store.begin().await?;
    facts::review_emergency(
        &mut tx,
        store.field_keys(),
        desk.service(),
        grant,
        desk.user(),
        note.trim(),
        now(),
    )
    .await?;
    let event = AuditEvent::new(
        Some(desk.user()),
        AuditAction::EmergencyAccessReviewed,
        format!("emergency_access:{grant}"),
    );
    store.audit(&mut tx, Some(desk.service()), &event).await?;
    tx.commit().await?;
    Ok(())
}

/// What the youth asks to block: a person from the whole record, or from one entry.
#[derive(Debug, Clone)]
pub struct NewBlock {
    pub user: UserId,
    pub entry: Option<EntryId>,
    pub reason: String,
}

/// A leader records the youth's block, with the reason.
pub async fn add_block(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    block: NewBlock,
) -> Result<BlockId> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "block")
        .await?;
    rec.require_leader()?;
    let reason = block.reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid("block-error-reason"));
    }
    let id = facts::add_block(
        &mut tx,
        store.field_keys(),
        rec.service(),
        facts::NewBlock {
            youth,
            user: block.user,
            entry: block.entry,
            reason,
            by: rec.user(),
        },
        now(),
    )
    .await
    .map_err(|e| match e {
        StoreError::NotFound => Error::Invalid("block-error-person"),
        e => e.into(),
    })?;
    tx.commit().await?;
    Ok(id)
}

/// A leader lifts a block.
pub async fn lift_block(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    block: BlockId,
) -> Result<()> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "block_lifted")
        .await?;
    rec.require_leader()?;
    facts::lift_block(&mut tx, rec.service(), youth, block, rec.user(), now()).await?;
    tx.commit().await?;
    Ok(())
}
