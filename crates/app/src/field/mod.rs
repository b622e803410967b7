//! Registering, undoing and correcting field contacts: the rules shared by the field page, the
//! sync API, the end-of-shift table and the correction form.

use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender, Topic, join_topics};
use gatelangs_domain::{AuditAction, AuditEvent, ContactId, PlaceId};
use gatelangs_storage::contacts::{self, NewContact, Registered};
use gatelangs_storage::{AnyConnection, StoreError, services};

mod group_commit;

pub use group_commit::GroupCommit;

use gatelangs_storage::Store;

use crate::capabilities::FieldRecorder;
use crate::error::{Error, Result};

/// Field work of every service: the store, the group-commit writer for single taps and the
/// correction window. One per process; adapters share it.
#[derive(Clone)]
pub struct FieldWork {
    store: Store,
    registrations: GroupCommit,
    correction_window_secs: i64,
}

impl FieldWork {
    /// Starts the group-commit writer on the current runtime.
    pub fn start(store: Store, correction_window: std::time::Duration) -> Self {
        Self {
            registrations: GroupCommit::start(store.clone()),
            store,
            correction_window_secs: i64::try_from(correction_window.as_secs()).unwrap_or(i64::MAX),
        }
    }
}

/// A registration as a client sends it, already parsed.
#[derive(Debug, Clone)]
pub struct Registration {
    pub id: ContactId,
    pub occurred_at: jiff::Timestamp,
    pub place: PlaceId,
    pub channel: Channel,
    pub age_group: AgeGroup,
    pub gender: Gender,
    pub count: ContactCount,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone)]
pub enum Op {
    Register(Registration),
    Undo(ContactId),
}

/// What became of one operation. `Rejected` carries a message id for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stored,
    AlreadyStored,
    Undone,
    Rejected(&'static str),
}

impl Outcome {
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Stored => "stored",
            Outcome::AlreadyStored => "already_stored",
            Outcome::Undone => "undone",
            Outcome::Rejected(_) => "rejected",
        }
    }
}

/// How far from now a tap may be: a phone can hold taps offline for a long time, but not from
/// the future (beyond clock drift).
const MAX_AGE_SECS: i64 = 400 * 24 * 3600;
const MAX_AHEAD_SECS: i64 = 10 * 60;

pub fn check_time(at: jiff::Timestamp) -> Result<(), &'static str> {
    let now = gatelangs_storage::now();
    let t = at.as_second();
    if t > now + MAX_AHEAD_SECS {
        Err("contact-in-future")
    } else if t < now - MAX_AGE_SECS {
        Err("contact-too-old")
    } else {
        Ok(())
    }
}

/// Applies `ops` in order. A single registration (a tap) goes through group commit, sharing a
/// durable write with taps from other phones; a batch (a queue flushed after being offline) runs
/// in one transaction. A bad operation is rejected on its own; it does not stop the others.
pub async fn apply(
    work: &FieldWork,
    recorder: &FieldRecorder,
    tz: &jiff::tz::TimeZone,
    ops: Vec<Op>,
) -> Result<Vec<(ContactId, Outcome)>> {
    if let [Op::Register(r)] = ops.as_slice() {
        let outcome = match check_time(r.occurred_at) {
            Err(key) => Outcome::Rejected(key),
            Ok(()) => {
                let result = work
                    .registrations
                    .register(
                        recorder.service(),
                        tz,
                        new_contact(recorder, r),
                        recorder.user(),
                    )
                    .await;
                outcome_of(result)?
            }
        };
        return Ok(vec![(r.id, outcome)]);
    }
    let mut tx = work.store.begin().await?;
    let window = work.correction_window_secs;
    let mut results = Vec::with_capacity(ops.len());
    for op in ops {
        let result = match op {
            Op::Register(r) => {
                let outcome = match check_time(r.occurred_at) {
                    Err(key) => Outcome::Rejected(key),
                    Ok(()) => {
                        let contact = new_contact(recorder, &r);
                        outcome_of(
                            contacts::register(
                                &mut tx,
                                recorder.service(),
                                tz,
                                &contact,
                                Some(recorder.user()),
                            )
                            .await,
                        )?
                    }
                };
                (r.id, outcome)
            }
            Op::Undo(id) => (id, undo(&mut tx, &work.store, recorder, id, window).await?),
        };
        results.push(result);
    }
    tx.commit().await?;
    Ok(results)
}

/// The contact a registration stores: the staff member is the one logged in, never a value the
/// client sent.
fn new_contact(recorder: &FieldRecorder, r: &Registration) -> NewContact {
    NewContact {
        id: r.id,
        occurred_at: r.occurred_at,
        place: r.place,
        channel: r.channel,
        age_group: r.age_group,
        gender: r.gender,
        count: r.count,
        staff: Some(recorder.user()),
        topics: join_topics(&r.topics),
    }
}

fn outcome_of(result: std::result::Result<Registered, StoreError>) -> Result<Outcome> {
    match result {
        Ok(Registered::Stored) => Ok(Outcome::Stored),
        Ok(Registered::AlreadyStored) => Ok(Outcome::AlreadyStored),
        Err(StoreError::NotFound) => Ok(Outcome::Rejected("contact-unknown-place")),
        Err(StoreError::Conflict) => Ok(Outcome::Rejected("contact-id-taken")),
        Err(e) => Err(e.into()),
    }
}

async fn undo(
    conn: &mut AnyConnection,
    store: &Store,
    recorder: &FieldRecorder,
    id: ContactId,
    window: i64,
) -> Result<Outcome> {
    let existing = match contacts::get(conn, recorder.service(), id).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Ok(Outcome::Rejected("contact-not-found")),
        Err(e) => return Err(e.into()),
    };
    if existing.undone {
        return Ok(Outcome::Undone);
    }
    if !recorder.may_correct(existing.created_by, existing.created_at, window) {
        return Ok(Outcome::Rejected("contact-not-yours"));
    }
    contacts::undo(conn, recorder.service(), id).await?;
    let event = AuditEvent::new(
        Some(recorder.user()),
        AuditAction::ContactUndone,
        format!("contact:{id}"),
    );
    store.audit(conn, Some(recorder.service()), &event).await?;
    Ok(Outcome::Undone)
}

/// Corrects a contact (the correction form); audit-logged.
pub async fn correct(work: &FieldWork, recorder: &FieldRecorder, r: Registration) -> Result<()> {
    let mut tx = work.store.begin().await?;
    let service = services::get(&mut tx, recorder.service()).await?;
    let existing = contacts::get(&mut tx, recorder.service(), r.id).await?;
    let window = work.correction_window_secs;
    if existing.undone || !recorder.may_correct(existing.created_by, existing.created_at, window) {
        return Err(Error::Forbidden("error-forbidden"));
    }
    check_time(r.occurred_at).map_err(Error::Invalid)?;
    // A correction keeps the staff member who registered the contact.
    let contact = NewContact {
        staff: existing.staff_id,
        ..new_contact(recorder, &r)
    };
    match contacts::correct(&mut tx, recorder.service(), &service.tz(), &contact).await {
        Err(StoreError::NotFound) => return Err(Error::Invalid("contact-unknown-place")),
        other => other?,
    }
    let detail = format!(
        "before: {} {} {} {} {}×{}",
        existing.occurred_at,
        existing.place_name,
        existing.channel,
        existing.age_group,
        existing.gender,
        existing.count
    );
    let event = AuditEvent::new(
        Some(recorder.user()),
        AuditAction::ContactCorrected,
        format!("contact:{}", r.id),
    )
    .with_detail(detail);
    work.store
        .audit(&mut tx, Some(recorder.service()), &event)
        .await?;
    tx.commit().await?;
    Ok(())
}
