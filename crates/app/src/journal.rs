//! The follow-up journal of a named youth: conversations, notes, drafts, signing, corrections,
//! withholding, recorded deletion and assessments (helsepersonelloven §§ 39–43). Every change
//! opens the record through the gate (need-to-know and the audit entry, one transaction) and,
//! for a change to an existing entry, refuses an entry the youth has blocked against the user —
//! on every path, not only on the record page.

use gatelangs_domain::youth::JournalRefusal;
use gatelangs_domain::{
    AuditAction, AuditEvent, ConversationId, EntryId, PersonalDataAccess, YouthId,
};
use gatelangs_storage::assessments::{self, Item};
use gatelangs_storage::conversations::{self, NewConversation};
use gatelangs_storage::journal::{self, Entry, JournalError, NewEntry};
use gatelangs_storage::{Store, StoreError, Tx, now};

use crate::error::{Error, Result};
use crate::record_gate::{OpenRecord, YouthDesk, subject};

pub use gatelangs_domain::journal_history::EntryKind;

/// Journal text to write: a draft, or signed at once.
#[derive(Debug, Clone)]
pub struct Text {
    pub body: String,
    pub signed: bool,
}

fn refusal(e: JournalError) -> Error {
    match e {
        JournalError::Store(s) => s.into(),
        JournalError::Refused(r) => refused(r),
    }
}

/// The message key of a journal rule that refused a change.
pub fn refused(r: JournalRefusal) -> Error {
    Error::Conflict(match r {
        JournalRefusal::Signed => "journal-refused-signed",
        JournalRefusal::NotAuthor => "journal-refused-not-author",
        JournalRefusal::NotSigned => "journal-refused-not-signed",
        JournalRefusal::NoReason => "journal-refused-no-reason",
        JournalRefusal::Empty => "journal-refused-empty",
    })
}

async fn write_entry(
    store: &Store,
    tx: &mut Tx,
    rec: &OpenRecord,
    kind: EntryKind,
    conversation: Option<ConversationId>,
    helped_at: i64,
    text: Text,
) -> Result<EntryId> {
    let body = text.body.trim();
    if body.is_empty() {
        return Err(Error::Invalid("journal-refused-empty"));
    }
    let id = EntryId::new();
    journal::create(
        tx,
        store.field_keys(),
        rec.service(),
        &NewEntry {
            id,
            youth: rec.youth(),
            conversation,
            kind: kind.as_str(),
            helped_at,
            author: rec.user(),
            body: body.to_owned(),
            signed: text.signed,
        },
        now(),
    )
    .await?;
    Ok(id)
}

/// A conversation as the form or API gives it; the staff present and the place must belong to
/// the service (storage checks).
#[derive(Debug, Clone)]
pub struct ConversationInput {
    pub occurred_at: jiff::Timestamp,
    pub setting: Option<gatelangs_domain::youth::Setting>,
    pub duration_minutes: Option<i64>,
    pub challenges: Vec<gatelangs_domain::youth::Challenge>,
    pub staff: Vec<gatelangs_domain::UserId>,
    pub place: Option<gatelangs_domain::PlaceId>,
    pub contact: Option<gatelangs_domain::ContactId>,
}

/// Records a follow-up conversation, with its journal note when there is one.
pub async fn record_conversation(
    store: &Store,
    desk: &YouthDesk,
    tz: &jiff::tz::TimeZone,
    youth: YouthId,
    input: ConversationInput,
    note: Option<Text>,
) -> Result<ConversationId> {
    if input.staff.is_empty() || input.staff.len() > 2 {
        return Err(Error::Invalid("conversation-error-staff"));
    }
    if input
        .duration_minutes
        .is_some_and(|m| !(1..=1440).contains(&m))
    {
        return Err(Error::Invalid("conversation-error-duration"));
    }
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "conversation")
        .await?;
    let id = ConversationId::new();
    conversations::create(
        &mut tx,
        rec.service(),
        tz,
        &NewConversation {
            id,
            youth,
            occurred_at: input.occurred_at,
            setting: input.setting,
            duration_minutes: input.duration_minutes,
            challenges: input.challenges,
            staff: input.staff,
            place: input.place,
            contact: input.contact,
            created_by: Some(rec.user()),
        },
        now(),
    )
    .await
    .map_err(|e| match e {
        StoreError::NotFound => Error::Invalid("error-bad-form"),
        e => e.into(),
    })?;
    if let Some(text) = note.filter(|t| !t.body.trim().is_empty()) {
        write_entry(
            store,
            &mut tx,
            &rec,
            EntryKind::Conversation,
            Some(id),
            input.occurred_at.as_second(),
            text,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Writes a standalone entry (a note, or a refused request for correction, which is signed).
pub async fn write(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    kind: EntryKind,
    helped_at: jiff::Timestamp,
    text: Text,
) -> Result<EntryId> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, kind.as_str())
        .await?;
    let text = match kind {
        EntryKind::CorrectionRefused => Text {
            signed: true,
            ..text
        },
        _ => text,
    };
    let id = write_entry(
        store,
        &mut tx,
        &rec,
        kind,
        None,
        helped_at.as_second(),
        text,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Opens the record for a change to one entry. An entry blocked against the user is refused,
/// and the refusal is logged like a refused record.
async fn open_entry(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    entry: EntryId,
    what: &str,
) -> Result<(OpenRecord, Tx, Entry)> {
    let what = format!("{what}:{entry}");
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, &what)
        .await?;
    match rec.entry(&mut tx, store.field_keys(), entry).await {
        Ok(found) => Ok((rec, tx, found)),
        Err(Error::Forbidden(key)) => {
            drop(tx);
            let mut tx = store.begin().await?;
            let event = AuditEvent::new(
                Some(rec.user()),
                AuditAction::RecordAccessRefused,
                subject(youth),
            )
            .with_detail(format!("{what}; entry_blocked"));
            store.audit(&mut tx, Some(rec.service()), &event).await?;
            tx.commit().await?;
            Err(Error::Forbidden(key))
        }
        Err(e) => Err(e),
    }
}

/// Changes a draft's text: its author, while unsigned.
pub async fn edit_draft(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    entry: EntryId,
    body: &str,
) -> Result<()> {
    let (rec, mut tx, _) = open_entry(store, desk, youth, entry, "entry").await?;
    journal::update_draft(
        &mut tx,
        store.field_keys(),
        rec.entry_key(entry),
        rec.user(),
        body.trim(),
        now(),
    )
    .await
    .map_err(refusal)?;
    tx.commit().await?;
    Ok(())
}

/// Signs a draft: from now on it cannot change.
pub async fn sign(store: &Store, desk: &YouthDesk, youth: YouthId, entry: EntryId) -> Result<()> {
    let (rec, mut tx, _) = open_entry(store, desk, youth, entry, "entry").await?;
    journal::sign(
        &mut tx,
        store.field_keys(),
        rec.entry_key(entry),
        rec.user(),
        now(),
    )
    .await
    .map_err(refusal)?;
    tx.commit().await?;
    Ok(())
}

/// Corrects a signed entry with a new signed version and a reason; the earlier versions stay.
pub async fn correct(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    entry: EntryId,
    body: &str,
    reason: &str,
) -> Result<i64> {
    let (rec, mut tx, _) = open_entry(store, desk, youth, entry, "entry").await?;
    let version = journal::correct(
        &mut tx,
        store.field_keys(),
        rec.entry_key(entry),
        rec.user(),
        body.trim(),
        reason,
        now(),
    )
    .await
    .map_err(refusal)?;
    tx.commit().await?;
    Ok(version)
}

/// Withholds an entry from the youth's copy (a leader's decision with a reason), or lifts the
/// mark with `None`.
pub async fn withhold(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    entry: EntryId,
    reason: Option<&str>,
) -> Result<()> {
    let (rec, mut tx, _) = open_entry(store, desk, youth, entry, "withhold").await?;
    rec.require_leader()?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    journal::set_withheld(
        &mut tx,
        store.field_keys(),
        rec.entry_key(entry),
        rec.user(),
        reason,
        now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an entry by a leader's recorded decision: the text goes, the decision stays.
pub async fn delete(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    entry: EntryId,
    reason: &str,
) -> Result<()> {
    let (rec, mut tx, _) = open_entry(store, desk, youth, entry, "delete").await?;
    rec.require_leader()?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid("journal-refused-no-reason"));
    }
    journal::delete(
        &mut tx,
        store.field_keys(),
        rec.entry_key(entry),
        rec.user(),
        reason,
        now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a structured assessment of the risk and protective factors.
pub async fn assess(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    assessed_on: jiff::civil::Date,
    items: &[Item],
) -> Result<()> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "assessment")
        .await?;
    assessments::create(
        &mut tx,
        store.field_keys(),
        rec.service(),
        assessments::NewAssessment {
            youth,
            assessed_on,
            author: rec.user(),
            items,
        },
        now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
