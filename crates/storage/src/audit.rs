//! The append-only, hash-chained audit log.
//!
//! Each entry carries the MAC of the previous one; its own MAC is HMAC-SHA256 over its sequence
//! number, the previous MAC and its fields. The key lives outside the database, so someone who
//! can edit the database cannot recompute the chain after changing or deleting a row. A head row
//! holds the last sequence number and MAC, sealed with the key too, so removing the newest
//! entries is detected. Someone who kept an old copy of the head could still put it back after
//! deleting the newest entries; `checkpoint` gives the operator a value to keep outside the
//! database, and `verify` with it detects that as well.

use gatelangs_domain::{AuditEvent, ServiceId, UserId};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{AnyConnection, Row};

use crate::row::parse;
use crate::{Result, StoreError, now};

/// The secret that seals the audit chain. Never printed.
#[derive(Clone)]
pub struct AuditKey(Vec<u8>);

impl AuditKey {
    pub fn new(bytes: Vec<u8>) -> Result<Self, StoreError> {
        if bytes.len() < 32 {
            return Err(StoreError::Corrupt(
                "the audit key must hold at least 32 bytes".to_owned(),
            ));
        }
        Ok(Self(bytes))
    }
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(***)")
    }
}

struct Sealed<'a> {
    seq: i64,
    prev_mac: &'a str,
    at: i64,
    service_id: Option<&'a str>,
    actor_id: Option<&'a str>,
    action: &'a str,
    subject: &'a str,
    detail: &'a str,
}

impl Sealed<'_> {
    fn mac(&self, key: &AuditKey) -> String {
        // A JSON array is an unambiguous encoding of the fields: no two entries share one.
        let payload = serde_json::json!([
            self.seq,
            self.prev_mac,
            self.at,
            self.service_id,
            self.actor_id,
            self.action,
            self.subject,
            self.detail
        ])
        .to_string();
        hmac_hex(key, &payload)
    }
}

/// HMAC-SHA256 of `payload` under the audit key, as hex.
fn hmac_hex(key: &AuditKey, payload: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key.0).expect("HMAC takes keys of any length");
    mac.update(payload.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The head's own MAC: the last sequence number and entry MAC under the key.
fn head_mac(key: &AuditKey, seq: i64, mac: &str) -> String {
    hmac_hex(key, &serde_json::json!(["head", seq, mac]).to_string())
}

/// Seals a head written before heads were sealed (migration 0019 marks it `unsealed`).
pub async fn seal_unsealed_head(conn: &mut AnyConnection, key: &AuditKey) -> Result<()> {
    let head =
        sqlx::query("SELECT seq, mac FROM audit_head WHERE id = 1 AND head_mac = 'unsealed'")
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(head) = head {
        let seq: i64 = head.try_get("seq")?;
        let mac: String = head.try_get("mac")?;
        sqlx::query("UPDATE audit_head SET head_mac = $1 WHERE id = 1 AND head_mac = 'unsealed'")
            .bind(head_mac(key, seq, &mac))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A value naming the newest entry (`SEQ:MAC`) for the operator to keep outside the database;
/// `verify` with it fails if the log no longer reaches that entry unchanged.
pub async fn checkpoint(conn: &mut AnyConnection) -> Result<String> {
    let head = sqlx::query("SELECT seq, mac FROM audit_head WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let mac: String = head.try_get("mac")?;
    Ok(format!("{seq}:{mac}"))
}

/// Appends `event` on `conn`, which should be the transaction of the action it records, so that
/// the action and its entry commit or roll back together.
pub async fn append(
    conn: &mut AnyConnection,
    key: &AuditKey,
    service: Option<ServiceId>,
    event: &AuditEvent,
) -> Result<i64> {
    // Taking the head row first serialises writers on both backends (a row lock on PostgreSQL,
    // the write lock on SQLite) before anything is read.
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, mac")
        .fetch_one(&mut *conn)
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let prev_mac: String = head.try_get("mac")?;
    let service_id = service.map(|s| s.to_string());
    let actor_id = event.actor.map(|u| u.to_string());
    let action = event.action.code();
    let at = now();
    let mac = Sealed {
        seq,
        prev_mac: &prev_mac,
        at,
        service_id: service_id.as_deref(),
        actor_id: actor_id.as_deref(),
        action: &action,
        subject: &event.subject,
        detail: &event.detail,
    }
    .mac(key);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, service_id, actor_id, action, subject, detail, prev_mac, mac) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(seq)
    .bind(at)
    .bind(&service_id)
    .bind(&actor_id)
    .bind(&action)
    .bind(&event.subject)
    .bind(&event.detail)
    .bind(&prev_mac)
    .bind(&mac)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET mac = $1, head_mac = $2 WHERE id = 1")
        .bind(&mac)
        .bind(head_mac(key, seq, &mac))
        .execute(&mut *conn)
        .await?;
    Ok(seq)
}

/// Where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub problem: String,
}

/// The outcome of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub entries_checked: i64,
    pub first_broken: Option<BrokenLink>,
}

/// Walks the chain from the first entry and reports the first entry that was changed, removed
/// or inserted outside Gatelangs; with a `checkpoint` (from [`checkpoint`]) also a log cut back
/// below the entry it names.
pub async fn verify(
    conn: &mut AnyConnection,
    key: &AuditKey,
    checkpoint: Option<&str>,
) -> Result<Verification> {
    let checkpoint = checkpoint
        .map(|c| {
            c.trim()
                .split_once(':')
                .and_then(|(seq, mac)| Some((seq.parse::<i64>().ok()?, mac.to_owned())))
                .ok_or_else(|| {
                    StoreError::Corrupt(format!("not a checkpoint (expected SEQ:MAC): {c:?}"))
                })
        })
        .transpose()?;
    const PAGE: i64 = 2000;
    let mut expected_seq = 1_i64;
    let mut prev_mac = "0".repeat(64);
    let mut checked = 0_i64;
    let broken = |checked: i64, seq: i64, problem: String| Verification {
        entries_checked: checked,
        first_broken: Some(BrokenLink { seq, problem }),
    };
    loop {
        let rows = sqlx::query(
            "SELECT seq, at, service_id, actor_id, action, subject, detail, prev_mac, mac \
             FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2",
        )
        .bind(expected_seq)
        .bind(PAGE)
        .fetch_all(&mut *conn)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let seq: i64 = row.try_get("seq")?;
            if seq != expected_seq {
                return Ok(broken(
                    checked,
                    expected_seq,
                    format!("entry {expected_seq} is missing (deleted); the next entry is {seq}"),
                ));
            }
            let stored_prev: String = row.try_get("prev_mac")?;
            let stored_mac: String = row.try_get("mac")?;
            let service_id: Option<String> = row.try_get("service_id")?;
            let actor_id: Option<String> = row.try_get("actor_id")?;
            let action: String = row.try_get("action")?;
            let subject: String = row.try_get("subject")?;
            let detail: String = row.try_get("detail")?;
            if stored_prev != prev_mac {
                return Ok(broken(
                    checked,
                    seq,
                    format!("entry {seq} does not follow entry {}", seq - 1),
                ));
            }
            let mac = Sealed {
                seq,
                prev_mac: &prev_mac,
                at: row.try_get("at")?,
                service_id: service_id.as_deref(),
                actor_id: actor_id.as_deref(),
                action: &action,
                subject: &subject,
                detail: &detail,
            }
            .mac(key);
            if mac != stored_mac {
                return Ok(broken(
                    checked,
                    seq,
                    format!("entry {seq} was changed after it was written"),
                ));
            }
            if let Some((at, kept)) = &checkpoint
                && *at == seq
                && *kept != stored_mac
            {
                return Ok(broken(
                    checked,
                    seq,
                    format!(
                        "entry {seq} is not the one the checkpoint names: the log was rewritten"
                    ),
                ));
            }
            prev_mac = stored_mac;
            expected_seq += 1;
            checked += 1;
        }
    }
    if let Some((at, _)) = &checkpoint
        && *at > expected_seq - 1
    {
        return Ok(broken(
            checked,
            expected_seq,
            format!(
                "the log ends at entry {} but the checkpoint names entry {at}: the newest were deleted",
                expected_seq - 1
            ),
        ));
    }
    let head = sqlx::query("SELECT seq, mac, head_mac FROM audit_head WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    let head_seq: i64 = head.try_get("seq")?;
    let stored_head_mac: String = head.try_get("head_mac")?;
    let head_entry_mac: String = head.try_get("mac")?;
    if stored_head_mac != head_mac(key, head_seq, &head_entry_mac) {
        return Ok(broken(
            checked,
            expected_seq,
            "the head of the log was changed outside Gatelangs".to_owned(),
        ));
    }
    if head_seq != expected_seq - 1 || head_entry_mac != prev_mac {
        return Ok(broken(
            checked,
            expected_seq,
            format!(
                "the log ends at entry {} but {} entries were written: the newest were deleted",
                expected_seq - 1,
                head_seq
            ),
        ));
    }
    Ok(Verification {
        entries_checked: checked,
        first_broken: None,
    })
}

/// One entry as a leader sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<UserId>,
    pub actor_username: Option<String>,
    pub actor_name: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// Filters for the leader's view of the log.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<UserId>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub until: Option<i64>,
    pub limit: i64,
    /// Only entries about this subject, e.g. `youth:<id>`.
    pub subject: Option<String>,
}

/// The newest entries of one service's log, matching `filter`.
pub async fn list(
    conn: &mut AnyConnection,
    service: ServiceId,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(
        "SELECT a.seq, a.at, a.actor_id, u.username, u.name, a.action, a.subject, a.detail \
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
         WHERE a.service_id = $1 \
           AND ($2 IS NULL OR a.actor_id = $2) \
           AND ($3 IS NULL OR a.at >= $3) \
           AND ($4 IS NULL OR a.at < $4) \
           AND ($6 IS NULL OR a.subject = $6) \
         ORDER BY a.seq DESC LIMIT $5",
    )
    .bind(service.to_string())
    .bind(filter.actor.map(|a| a.to_string()))
    .bind(filter.from)
    .bind(filter.until)
    .bind(if filter.limit > 0 { filter.limit } else { 200 })
    .bind(filter.subject.as_deref())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let actor: Option<String> = row.try_get("actor_id")?;
            Ok(AuditEntry {
                seq: row.try_get("seq")?,
                at: row.try_get("at")?,
                actor_id: actor
                    .as_deref()
                    .map(|a| parse("audit_log.actor_id", a))
                    .transpose()?,
                actor_username: row.try_get("username")?,
                actor_name: row.try_get("name")?,
                action: row.try_get("action")?,
                subject: row.try_get("subject")?,
                detail: row.try_get("detail")?,
            })
        })
        .collect()
}
