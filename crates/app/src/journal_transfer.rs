//! The journal on the bundle paths: what an export may carry, and what an import may write.
//!
//! Both run inside the bundle's one transaction (an import is all or nothing; an export reads
//! one consistent state), so these take the caller's connection. The rules are the record
//! page's: an entry the youth has blocked against a person never leaves with that person's
//! export, only field workers and leaders author journal text, and a history has the shape
//! `gatelangs_domain::journal_history` describes.

use gatelangs_domain::journal_history::{HistoryVersion, check_history};
use gatelangs_domain::{EntryId, ServiceId, UserId, YouthId};
use gatelangs_storage::conversations::{self, NewConversation};
use gatelangs_storage::journal::{self, Entry, NewEntry, RestoredEntry};
use gatelangs_storage::{AnyConnection, FieldKeys, Store, StoreError, now, record_access, users};

use crate::error::{Error, Result};

/// The entries of `youth` that an export by `exporter` may carry: every entry with all its
/// versions, less those the youth has blocked against the exporter. The command line exports
/// as the operator (`None`), whom no block names.
pub async fn exportable(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    exporter: Option<UserId>,
    youth: YouthId,
) -> Result<Vec<Entry>> {
    let mut entries = journal::for_youth(conn, keys, service, youth).await?;
    if let Some(user) = exporter {
        let blocked = record_access::blocked_entries(conn, service, youth, user).await?;
        entries.retain(|e| !blocked.contains(&e.id));
    }
    Ok(entries)
}

/// The history rule over a restored entry's versions.
pub fn history_of(entry: &RestoredEntry) -> Vec<HistoryVersion> {
    entry
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| HistoryVersion {
            version: i as i64 + 1,
            written_at: v.written_at,
            signed_at: v.signed_at,
            has_reason: v.reason.as_deref().is_some_and(|r| !r.trim().is_empty()),
            has_text: !v.body.trim().is_empty(),
        })
        .collect()
}

async fn require_journal_author(
    conn: &mut AnyConnection,
    service: ServiceId,
    author: UserId,
) -> Result<()> {
    match users::get(conn, service, author).await {
        Ok(u) if u.role.may_write_journal() => Ok(()),
        Ok(_) | Err(StoreError::NotFound) => Err(Error::Invalid("journal-refused-author")),
        Err(e) => Err(e.into()),
    }
}

/// Writes an imported entry with its whole history. The import has named every broken row
/// already; checking again here means no path can store a history the rules refuse.
pub async fn store_imported(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    entry: &RestoredEntry,
) -> Result<()> {
    if !check_history(&history_of(entry)).is_empty() {
        return Err(Error::Invalid("journal-refused-history"));
    }
    for v in &entry.versions {
        require_journal_author(conn, service, v.author).await?;
    }
    journal::restore(conn, store.field_keys(), service, entry, now()).await?;
    Ok(())
}

/// Writes an imported follow-up conversation and, when the row has one, its note as a signed
/// entry by the first staff member listed.
pub async fn store_imported_conversation(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    tz: &jiff::tz::TimeZone,
    conversation: &NewConversation,
    note: Option<(EntryId, &str)>,
) -> Result<()> {
    conversations::create(conn, service, tz, conversation, now()).await?;
    let Some((id, body)) = note else {
        return Ok(());
    };
    let author = *conversation
        .staff
        .first()
        .ok_or(Error::Invalid("conversation-error-staff"))?;
    require_journal_author(conn, service, author).await?;
    journal::create(
        conn,
        store.field_keys(),
        service,
        &NewEntry {
            id,
            youth: conversation.youth,
            conversation: Some(conversation.id),
            kind: gatelangs_domain::journal_history::EntryKind::Conversation.as_str(),
            helped_at: conversation.occurred_at.as_second(),
            author,
            body: body.to_owned(),
            signed: true,
        },
        now(),
    )
    .await?;
    Ok(())
}
