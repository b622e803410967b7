//! The facts behind need-to-know access: contact persons, blocks (sperring) and emergency
//! accesses. The decision itself is `gatelangs_domain::access::record_access`.

use std::collections::HashSet;

use gatelangs_domain::{BlockId, EmergencyAccessId, EntryId, ServiceId, UserId, YouthId};
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::{one_row, parse};
use crate::{Result, StoreError};

/// What the database knows about one user and one youth right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFacts {
    pub contact_person: bool,
    pub blocked: bool,
    /// The id of the user's emergency access that has not expired.
    pub emergency_access: Option<String>,
}

pub async fn facts(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
    user: UserId,
    now: i64,
) -> Result<StoredFacts> {
    let y = youth.to_string();
    let u = user.to_string();
    let contact: Option<String> = sqlx::query_scalar(
        "SELECT cp.user_id FROM youth_contact_persons cp JOIN youths y ON y.id = cp.youth_id \
         WHERE cp.youth_id = $1 AND cp.user_id = $2 AND y.service_id = $3",
    )
    .bind(&y)
    .bind(&u)
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let blocked: Option<String> = sqlx::query_scalar(
        "SELECT id FROM record_blocks WHERE youth_id = $1 AND user_id = $2 \
         AND service_id = $3 AND entry_id IS NULL AND lifted_at IS NULL",
    )
    .bind(&y)
    .bind(&u)
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let emergency: Option<String> = sqlx::query_scalar(
        "SELECT id FROM emergency_accesses WHERE youth_id = $1 AND user_id = $2 \
         AND service_id = $3 AND expires_at > $4 ORDER BY expires_at DESC LIMIT 1",
    )
    .bind(&y)
    .bind(&u)
    .bind(service.to_string())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(StoredFacts {
        contact_person: contact.is_some(),
        blocked: blocked.is_some(),
        emergency_access: emergency,
    })
}

/// Records an emergency access for `(granted_at, expires_at)`, its reason sealed.
pub async fn grant_emergency(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
    user: UserId,
    reason: &str,
    (granted_at, expires_at): (i64, i64),
) -> Result<EmergencyAccessId> {
    let id = EmergencyAccessId::new();
    sqlx::query(
        "INSERT INTO emergency_accesses (id, service_id, youth_id, user_id, reason, granted_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(youth.to_string())
    .bind(user.to_string())
    .bind(keys.seal(
        emergency_place(&service.to_string(), &id.to_string(), "reason"),
        reason,
    ))
    .bind(granted_at)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// One emergency access, for the leader's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergencyGrant {
    pub id: EmergencyAccessId,
    pub youth: YouthId,
    pub youth_ref: String,
    pub user: UserId,
    pub user_name: String,
    pub reason: String,
    pub granted_at: i64,
    pub expires_at: i64,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<i64>,
    pub review_note: Option<String>,
}

/// Where an emergency access's reason and review note are sealed.
fn emergency_place<'a>(service: &'a str, row: &'a str, column: &'a str) -> Place<'a> {
    Place {
        service,
        table: "emergency_accesses",
        column,
        row,
    }
}

/// Emergency accesses of the service, unreviewed first, newest first.
pub async fn emergency_grants(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: Option<YouthId>,
) -> Result<Vec<EmergencyGrant>> {
    let rows = sqlx::query(
        "SELECT e.id, e.youth_id, y.ref, e.user_id, u.name AS user_name, e.reason, e.granted_at, \
         e.expires_at, r.name AS reviewer, e.reviewed_at, e.review_note \
         FROM emergency_accesses e JOIN youths y ON y.id = e.youth_id JOIN users u ON u.id = e.user_id \
         LEFT JOIN users r ON r.id = e.reviewed_by \
         WHERE e.service_id = $1 AND ($2 = '' OR e.youth_id = $2) \
         ORDER BY CASE WHEN e.reviewed_at IS NULL THEN 0 ELSE 1 END, e.granted_at DESC",
    )
    .bind(service.to_string())
    .bind(youth.map(|y| y.to_string()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    let s = service.to_string();
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let youth: String = row.try_get("youth_id")?;
            let user: String = row.try_get("user_id")?;
            let reason: String = row.try_get("reason")?;
            let note: Option<String> = row.try_get("review_note")?;
            let open =
                |column, value: &str| keys.open_or_plain(emergency_place(&s, &id, column), value);
            Ok(EmergencyGrant {
                id: parse("emergency_accesses.id", &id)?,
                youth: parse("emergency_accesses.youth_id", &youth)?,
                youth_ref: row.try_get("ref")?,
                user: parse("emergency_accesses.user_id", &user)?,
                user_name: row.try_get("user_name")?,
                reason: open("reason", &reason)?,
                granted_at: row.try_get("granted_at")?,
                expires_at: row.try_get("expires_at")?,
                reviewed_by: row.try_get("reviewer")?,
                reviewed_at: row.try_get("reviewed_at")?,
                review_note: note.map(|n| open("review_note", &n)).transpose()?,
            })
        })
        .collect()
}

/// A leader's review of one emergency access.
pub async fn review_emergency(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    id: EmergencyAccessId,
    reviewer: UserId,
    note: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE emergency_accesses SET reviewed_by = $1, reviewed_at = $2, review_note = $3 \
         WHERE id = $4 AND service_id = $5 AND reviewed_at IS NULL",
    )
    .bind(reviewer.to_string())
    .bind(now)
    .bind(keys.seal(
        emergency_place(&service.to_string(), &id.to_string(), "review_note"),
        note,
    ))
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

/// A blocking of a record or one entry against one staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub id: BlockId,
    pub user: UserId,
    pub user_name: String,
    pub entry: Option<EntryId>,
    pub reason: String,
    pub created_at: i64,
    pub lifted_at: Option<i64>,
}

fn block_place<'a>(service: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "record_blocks",
        column: "reason",
        row,
    }
}

/// A block to record: against `user`, on the whole record (`entry: None`) or one entry.
#[derive(Debug, Clone, Copy)]
pub struct NewBlock<'a> {
    pub youth: YouthId,
    pub user: UserId,
    pub entry: Option<EntryId>,
    pub reason: &'a str,
    pub by: UserId,
}

pub async fn add_block(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    block: NewBlock<'_>,
    now: i64,
) -> Result<BlockId> {
    let NewBlock {
        youth,
        user,
        entry,
        reason,
        by,
    } = block;
    let id = BlockId::new();
    let s = service.to_string();
    let row = id.to_string();
    // The blocked user and the entry must belong to this service and youth.
    let known: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND service_id = $2")
            .bind(user.to_string())
            .bind(&s)
            .fetch_optional(&mut *conn)
            .await?;
    if known.is_none() {
        return Err(StoreError::NotFound);
    }
    if let Some(entry) = entry {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT id FROM journal_entries WHERE id = $1 AND youth_id = $2 AND service_id = $3",
        )
        .bind(entry.to_string())
        .bind(youth.to_string())
        .bind(&s)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
    }
    sqlx::query(
        "INSERT INTO record_blocks (id, service_id, youth_id, user_id, entry_id, reason, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&row)
    .bind(&s)
    .bind(youth.to_string())
    .bind(user.to_string())
    .bind(entry.map(|e| e.to_string()))
    .bind(keys.seal(block_place(&s, &row), reason))
    .bind(by.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn lift_block(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
    id: BlockId,
    by: UserId,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE record_blocks SET lifted_at = $1, lifted_by = $2 \
         WHERE id = $3 AND youth_id = $4 AND service_id = $5 AND lifted_at IS NULL",
    )
    .bind(now)
    .bind(by.to_string())
    .bind(id.to_string())
    .bind(youth.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

pub async fn blocks(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Block>> {
    let s = service.to_string();
    let rows = sqlx::query(
        "SELECT b.id, b.user_id, u.name, b.entry_id, b.reason, b.created_at, b.lifted_at \
         FROM record_blocks b JOIN users u ON u.id = b.user_id \
         WHERE b.youth_id = $1 AND b.service_id = $2 ORDER BY b.created_at",
    )
    .bind(youth.to_string())
    .bind(&s)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let user: String = row.try_get("user_id")?;
            let entry: Option<String> = row.try_get("entry_id")?;
            let reason: String = row.try_get("reason")?;
            Ok(Block {
                id: parse("record_blocks.id", &id)?,
                user: parse("record_blocks.user_id", &user)?,
                user_name: row.try_get("name")?,
                entry: entry
                    .map(|e| parse("record_blocks.entry_id", &e))
                    .transpose()?,
                reason: keys.open(block_place(&s, &id), &reason)?,
                created_at: row.try_get("created_at")?,
                lifted_at: row.try_get("lifted_at")?,
            })
        })
        .collect()
}

/// The entries of a youth blocked against a user (entry-level blocks in force).
pub async fn blocked_entries(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
    user: UserId,
) -> Result<HashSet<EntryId>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT entry_id FROM record_blocks WHERE service_id = $1 AND youth_id = $2 \
         AND user_id = $3 AND entry_id IS NOT NULL AND lifted_at IS NULL",
    )
    .bind(service.to_string())
    .bind(youth.to_string())
    .bind(user.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| parse("record_blocks.entry_id", r))
        .collect()
}
