//! The journal of a youth: entries whose text lives in versions. A draft is changed by its author
//! only; signing makes it final; a correction is a new signed version with a reason; deletion is
//! a leader's recorded decision (helsepersonelloven §§ 40, 42, 43). The rules are in
//! `gatelangs_domain::youth`; the queries below also carry them (`WHERE signed_at IS NULL`), and a
//! trigger refuses any change to a signed version's facts.

use gatelangs_domain::youth::{EntryState, JournalRefusal, may_correct, may_edit_draft};
use gatelangs_domain::{ConversationId, EntryId, ServiceId, UserId, YouthId};
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::parse;
use crate::{Result, StoreError};

/// One version of an entry's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub version: i64,
    pub author: UserId,
    pub author_name: String,
    pub body: String,
    pub reason: Option<String>,
    pub written_at: i64,
    pub signed_at: Option<i64>,
}

/// A journal entry with every version, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: EntryId,
    pub youth: YouthId,
    pub conversation: Option<ConversationId>,
    pub kind: String,
    pub helped_at: i64,
    pub author: UserId,
    pub author_name: String,
    pub created_at: i64,
    pub withheld_reason: Option<String>,
    pub versions: Vec<Version>,
}

impl Entry {
    pub fn state(&self) -> EntryState {
        match self.versions.first() {
            Some(v) if v.signed_at.is_none() => EntryState::Draft,
            _ => EntryState::Signed,
        }
    }
    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }
}

/// A recorded deletion: what remains of a deleted entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub entry: String,
    pub decided_by: String,
    pub reason: String,
    pub deleted_at: i64,
}

pub(crate) fn body_place<'a>(service: &'a str, row: &'a str, column: &'a str) -> Place<'a> {
    Place {
        service,
        table: "journal_versions",
        column,
        row,
    }
}

/// Where the reason an entry is left out of the youth's copy is sealed.
fn withheld_place<'a>(service: &'a str, entry: &'a str) -> Place<'a> {
    Place {
        service,
        table: "journal_entries",
        column: "withheld_reason",
        row: entry,
    }
}

fn version_row(entry: EntryId, version: i64) -> String {
    format!("{entry}/{version}")
}

/// Which entry of which youth in which service: every change names all three, so an entry id
/// from another youth or service matches nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryKey {
    pub service: ServiceId,
    pub youth: YouthId,
    pub entry: EntryId,
}

/// What a new entry says and when the help was given.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub id: EntryId,
    pub youth: YouthId,
    pub conversation: Option<ConversationId>,
    pub kind: &'static str,
    pub helped_at: i64,
    pub author: UserId,
    pub body: String,
    /// Signed at once (imported notes, collaborations), else a draft.
    pub signed: bool,
}

pub async fn create(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    entry: &NewEntry,
    now: i64,
) -> Result<()> {
    let s = service.to_string();
    sqlx::query(
        "INSERT INTO journal_entries (id, service_id, youth_id, conversation_id, kind, helped_at, author_id, created_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM youths WHERE id = $3 AND service_id = $2)",
    )
    .bind(entry.id.to_string())
    .bind(&s)
    .bind(entry.youth.to_string())
    .bind(entry.conversation.map(|c| c.to_string()))
    .bind(entry.kind)
    .bind(entry.helped_at)
    .bind(entry.author.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await
    .and_then(|done| {
        if done.rows_affected() == 0 {
            Err(sqlx::Error::RowNotFound)
        } else {
            Ok(done)
        }
    })?;
    let row = version_row(entry.id, 1);
    sqlx::query(
        "INSERT INTO journal_versions (entry_id, version, author_id, body, written_at, signed_at) \
         VALUES ($1, 1, $2, $3, $4, $5)",
    )
    .bind(entry.id.to_string())
    .bind(entry.author.to_string())
    .bind(keys.seal(body_place(&s, &row, "body"), &entry.body))
    .bind(now)
    .bind(entry.signed.then_some(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An entry brought whole from a bundle: its facts and every version as they were written.
#[derive(Debug, Clone)]
pub struct RestoredEntry {
    pub id: EntryId,
    pub youth: YouthId,
    pub conversation: Option<ConversationId>,
    pub kind: &'static str,
    pub helped_at: i64,
    pub withheld_reason: Option<String>,
    pub versions: Vec<RestoredVersion>,
}

#[derive(Debug, Clone)]
pub struct RestoredVersion {
    pub author: UserId,
    pub body: String,
    pub reason: Option<String>,
    pub written_at: i64,
    pub signed_at: Option<i64>,
}

/// Writes an entry with its whole history, versions numbered from 1 in the order given. The
/// history's shape is the caller's rule (`gatelangs_app::journal`); the entry's author is the
/// author of version 1, and it counts as created when version 1 was written.
pub async fn restore(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    entry: &RestoredEntry,
    now: i64,
) -> Result<()> {
    let first = entry
        .versions
        .first()
        .ok_or_else(|| StoreError::Corrupt("an entry without versions".into()))?;
    let s = service.to_string();
    let done = sqlx::query(
        "INSERT INTO journal_entries (id, service_id, youth_id, conversation_id, kind, helped_at, \
         author_id, created_at, withheld_reason, withheld_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 \
         WHERE EXISTS (SELECT 1 FROM youths WHERE id = $3 AND service_id = $2)",
    )
    .bind(entry.id.to_string())
    .bind(&s)
    .bind(entry.youth.to_string())
    .bind(entry.conversation.map(|c| c.to_string()))
    .bind(entry.kind)
    .bind(entry.helped_at)
    .bind(first.author.to_string())
    .bind(first.written_at)
    .bind(
        entry
            .withheld_reason
            .as_deref()
            .map(|r| keys.seal(withheld_place(&s, &entry.id.to_string()), r)),
    )
    .bind(entry.withheld_reason.as_ref().map(|_| now))
    .execute(&mut *conn)
    .await?;
    crate::row::one_row(done)?;
    for (i, v) in entry.versions.iter().enumerate() {
        let number = i as i64 + 1;
        let row = version_row(entry.id, number);
        sqlx::query(
            "INSERT INTO journal_versions (entry_id, version, author_id, body, reason, written_at, signed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(entry.id.to_string())
        .bind(number)
        .bind(v.author.to_string())
        .bind(keys.seal(body_place(&s, &row, "body"), &v.body))
        .bind(keys.seal_opt(body_place(&s, &row, "reason"), v.reason.as_deref()))
        .bind(v.written_at)
        .bind(v.signed_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One entry of the service by its id alone (an import compares what it brings with it).
pub async fn find(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    id: EntryId,
) -> Result<Option<Entry>> {
    let row = sqlx::query(&format!(
        "{ENTRY_SELECT} WHERE e.id = $1 AND e.service_id = $2"
    ))
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut entry = entry_from_row(&row, keys, service)?;
    entry.versions = versions(conn, keys, service, id).await?;
    Ok(Some(entry))
}

/// A journal change refused by the rules, or a storage failure.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error(transparent)]
    Refused(#[from] JournalRefusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for JournalError {
    fn from(e: sqlx::Error) -> Self {
        JournalError::Store(e.into())
    }
}

/// Changes a draft's text; its author only, and only while unsigned.
pub async fn update_draft(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    key: EntryKey,
    user: UserId,
    body: &str,
    now: i64,
) -> Result<(), JournalError> {
    let EntryKey {
        service, entry: id, ..
    } = key;
    let entry = get(conn, keys, key).await?.ok_or(StoreError::NotFound)?;
    may_edit_draft(entry.state(), &entry.author, &user)?;
    if body.trim().is_empty() {
        return Err(JournalRefusal::Empty.into());
    }
    let s = service.to_string();
    let row = version_row(id, 1);
    let done = sqlx::query(
        "UPDATE journal_versions SET body = $1, written_at = $2 \
         WHERE entry_id = $3 AND version = 1 AND signed_at IS NULL AND author_id = $4",
    )
    .bind(keys.seal(body_place(&s, &row, "body"), body))
    .bind(now)
    .bind(id.to_string())
    .bind(user.to_string())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(JournalRefusal::Signed.into());
    }
    Ok(())
}

/// Signs a draft: from now on it cannot change.
pub async fn sign(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    key: EntryKey,
    user: UserId,
    now: i64,
) -> Result<(), JournalError> {
    let id = key.entry;
    let entry = get(conn, keys, key).await?.ok_or(StoreError::NotFound)?;
    may_edit_draft(entry.state(), &entry.author, &user)?;
    let done = sqlx::query(
        "UPDATE journal_versions SET signed_at = $1 \
         WHERE entry_id = $2 AND version = 1 AND signed_at IS NULL AND author_id = $3",
    )
    .bind(now)
    .bind(id.to_string())
    .bind(user.to_string())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(JournalRefusal::Signed.into());
    }
    Ok(())
}

/// Corrects a signed entry with a new signed version; the earlier versions stay.
pub async fn correct(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    key: EntryKey,
    user: UserId,
    body: &str,
    reason: &str,
    now: i64,
) -> Result<i64, JournalError> {
    let EntryKey {
        service, entry: id, ..
    } = key;
    let entry = get(conn, keys, key).await?.ok_or(StoreError::NotFound)?;
    may_correct(entry.state(), reason, body)?;
    let next = entry.versions.iter().map(|v| v.version).max().unwrap_or(1) + 1;
    let s = service.to_string();
    let row = version_row(id, next);
    sqlx::query(
        "INSERT INTO journal_versions (entry_id, version, author_id, body, reason, written_at, signed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(id.to_string())
    .bind(next)
    .bind(user.to_string())
    .bind(keys.seal(body_place(&s, &row, "body"), body))
    .bind(keys.seal(body_place(&s, &row, "reason"), reason.trim()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(next)
}

/// Deletes an entry after a leader's recorded decision: the text is gone, the decision stays.
pub async fn delete(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    key: EntryKey,
    decided_by: UserId,
    reason: &str,
    now: i64,
) -> Result<()> {
    let EntryKey {
        service,
        youth,
        entry: id,
    } = key;
    let s = service.to_string();
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM journal_entries WHERE id = $1 AND youth_id = $2 AND service_id = $3",
    )
    .bind(id.to_string())
    .bind(youth.to_string())
    .bind(&s)
    .fetch_optional(&mut *conn)
    .await?;
    if found.is_none() {
        return Err(StoreError::NotFound);
    }
    let deletion = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO journal_deletions (id, service_id, youth_id, entry_id, decided_by, reason, deleted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&deletion)
    .bind(&s)
    .bind(youth.to_string())
    .bind(id.to_string())
    .bind(decided_by.to_string())
    .bind(keys.seal(deletion_place(&s, &deletion), reason))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for sql in [
        "DELETE FROM record_blocks WHERE entry_id = $1",
        "DELETE FROM journal_versions WHERE entry_id = $1",
        "DELETE FROM journal_entries WHERE id = $1",
    ] {
        sqlx::query(sql)
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(crate) fn deletion_place<'a>(service: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "journal_deletions",
        column: "reason",
        row,
    }
}

/// Marks an entry as withheld from the youth's copy (pasient- og brukerrettighetsloven § 5-1
/// second paragraph), or lifts the mark with `None`.
pub async fn set_withheld(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    key: EntryKey,
    by: UserId,
    reason: Option<&str>,
    now: i64,
) -> Result<()> {
    let EntryKey {
        service,
        youth,
        entry: id,
    } = key;
    let done = sqlx::query(
        "UPDATE journal_entries SET withheld_reason = $1, withheld_by = $2, withheld_at = $3 \
         WHERE id = $4 AND youth_id = $5 AND service_id = $6",
    )
    .bind(reason.map(|r| keys.seal(withheld_place(&service.to_string(), &id.to_string()), r)))
    .bind(reason.map(|_| by.to_string()))
    .bind(reason.map(|_| now))
    .bind(id.to_string())
    .bind(youth.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    crate::row::one_row(done)
}

const ENTRY_SELECT: &str = "SELECT e.id, e.youth_id, e.conversation_id, e.kind, e.helped_at, \
    e.author_id, u.name AS author_name, e.created_at, e.withheld_reason \
    FROM journal_entries e JOIN users u ON u.id = e.author_id";

/// Every entry of a youth with its versions, in the order the help was given.
pub async fn for_youth(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Entry>> {
    let rows = sqlx::query(&format!(
        "{ENTRY_SELECT} WHERE e.youth_id = $1 AND e.service_id = $2 ORDER BY e.helped_at, e.created_at"
    ))
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in &rows {
        entries.push(entry_from_row(row, keys, service)?);
    }
    for e in &mut entries {
        e.versions = versions(conn, keys, service, e.id).await?;
    }
    Ok(entries)
}

pub async fn get(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    key: EntryKey,
) -> Result<Option<Entry>> {
    let EntryKey {
        service,
        youth,
        entry: id,
    } = key;
    let row = sqlx::query(&format!(
        "{ENTRY_SELECT} WHERE e.id = $1 AND e.youth_id = $2 AND e.service_id = $3"
    ))
    .bind(id.to_string())
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut entry = entry_from_row(&row, keys, service)?;
    entry.versions = versions(conn, keys, service, id).await?;
    Ok(Some(entry))
}

fn entry_from_row(row: &sqlx::any::AnyRow, keys: &FieldKeys, service: ServiceId) -> Result<Entry> {
    let id: String = row.try_get("id")?;
    let withheld: Option<String> = row.try_get("withheld_reason")?;
    let s = service.to_string();
    let withheld_reason = withheld
        .map(|w| keys.open_or_plain(withheld_place(&s, &id), &w))
        .transpose()?;
    let youth: String = row.try_get("youth_id")?;
    let conversation: Option<String> = row.try_get("conversation_id")?;
    let author: String = row.try_get("author_id")?;
    Ok(Entry {
        id: parse("journal_entries.id", &id)?,
        youth: parse("journal_entries.youth_id", &youth)?,
        conversation: conversation
            .map(|c| parse("journal_entries.conversation_id", &c))
            .transpose()?,
        kind: row.try_get("kind")?,
        helped_at: row.try_get("helped_at")?,
        author: parse("journal_entries.author_id", &author)?,
        author_name: row.try_get("author_name")?,
        created_at: row.try_get("created_at")?,
        withheld_reason,
        versions: Vec::new(),
    })
}

async fn versions(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    entry: EntryId,
) -> Result<Vec<Version>> {
    let s = service.to_string();
    let rows = sqlx::query(
        "SELECT v.version, v.author_id, u.name, v.body, v.reason, v.written_at, v.signed_at \
         FROM journal_versions v JOIN users u ON u.id = v.author_id \
         WHERE v.entry_id = $1 ORDER BY v.version",
    )
    .bind(entry.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let version: i64 = row.try_get("version")?;
            let place_row = version_row(entry, version);
            let author: String = row.try_get("author_id")?;
            let body: String = row.try_get("body")?;
            let reason: Option<String> = row.try_get("reason")?;
            Ok(Version {
                version,
                author: parse("journal_versions.author_id", &author)?,
                author_name: row.try_get("name")?,
                body: keys.open(body_place(&s, &place_row, "body"), &body)?,
                reason: keys.open_opt(body_place(&s, &place_row, "reason"), reason.as_deref())?,
                written_at: row.try_get("written_at")?,
                signed_at: row.try_get("signed_at")?,
            })
        })
        .collect()
}

/// The current text of the journal entry written with each conversation that has one, in one
/// query (export and import read it for every conversation of a service).
pub async fn conversation_notes(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
) -> Result<std::collections::HashMap<ConversationId, String>> {
    let s = service.to_string();
    let rows = sqlx::query(
        "SELECT e.id, e.conversation_id, v.version, v.body FROM journal_entries e \
         JOIN journal_versions v ON v.entry_id = e.id \
         WHERE e.service_id = $1 AND e.conversation_id IS NOT NULL ORDER BY e.id, v.version",
    )
    .bind(&s)
    .fetch_all(&mut *conn)
    .await?;
    let mut latest: std::collections::HashMap<ConversationId, (String, i64, String)> =
        std::collections::HashMap::new();
    for row in &rows {
        let entry: String = row.try_get("id")?;
        let conversation: String = row.try_get("conversation_id")?;
        let version: i64 = row.try_get("version")?;
        let body: String = row.try_get("body")?;
        // Rows come in version order, so the last one seen is the current text.
        latest.insert(
            parse("journal_entries.conversation_id", &conversation)?,
            (entry, version, body),
        );
    }
    latest
        .into_iter()
        .map(|(conversation, (entry, version, body))| {
            let row = format!("{entry}/{version}");
            Ok((
                conversation,
                keys.open(body_place(&s, &row, "body"), &body)?,
            ))
        })
        .collect()
}

/// The recorded deletions of a youth's entries.
pub async fn deletions(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Deletion>> {
    let s = service.to_string();
    let rows = sqlx::query(
        "SELECT d.id, d.entry_id, u.name, d.reason, d.deleted_at FROM journal_deletions d \
         JOIN users u ON u.id = d.decided_by WHERE d.youth_id = $1 AND d.service_id = $2 ORDER BY d.deleted_at",
    )
    .bind(youth.to_string())
    .bind(&s)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let reason: String = row.try_get("reason")?;
            Ok(Deletion {
                entry: row.try_get("entry_id")?,
                decided_by: row.try_get("name")?,
                reason: keys.open(deletion_place(&s, &id), &reason)?,
                deleted_at: row.try_get("deleted_at")?,
            })
        })
        .collect()
}

/// An unsigned draft that has waited too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueDraft {
    pub entry: EntryId,
    pub youth: YouthId,
    pub youth_ref: String,
    pub author_name: String,
    pub written_at: i64,
}

/// Drafts written before `before`: a user's own (`Some`), or all of the service (a leader).
pub async fn overdue_drafts(
    conn: &mut AnyConnection,
    service: ServiceId,
    author: Option<UserId>,
    before: i64,
) -> Result<Vec<OverdueDraft>> {
    let rows = sqlx::query(
        "SELECT e.id, e.youth_id, y.ref, u.name, v.written_at FROM journal_entries e \
         JOIN journal_versions v ON v.entry_id = e.id AND v.version = 1 \
         JOIN youths y ON y.id = e.youth_id JOIN users u ON u.id = e.author_id \
         WHERE e.service_id = $1 AND v.signed_at IS NULL AND v.written_at < $2 \
         AND ($3 = '' OR e.author_id = $3) ORDER BY v.written_at",
    )
    .bind(service.to_string())
    .bind(before)
    .bind(author.map(|a| a.to_string()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let youth: String = row.try_get("youth_id")?;
            Ok(OverdueDraft {
                entry: parse("journal_entries.id", &id)?,
                youth: parse("journal_entries.youth_id", &youth)?,
                youth_ref: row.try_get("ref")?,
                author_name: row.try_get("name")?,
                written_at: row.try_get("written_at")?,
            })
        })
        .collect()
}
