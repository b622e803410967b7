//! Erasing a closed follow-up record by a leader's recorded decision (decision 0033).
//!
//! The youth row stays as a shell, and with it the counted facts of past years: conversations
//! (day, challenges, staff), collaborations (day, direction, counterpart, the covering consent's
//! dates), child-welfare cases (kind, day, answer day) and group attendance. Everything else that
//! is the youth's goes: names, birth date, phone, school, guardians, the keyed hashes, the
//! journal (through the same recorded-deletion rows as a single entry), assessments, blocks,
//! emergency accesses, contact persons and every free text of consents, collaborations and
//! child-welfare cases. Nothing here decides who may do it; `gatelangs_app::retention` does.

use gatelangs_domain::{EntryId, ServiceId, UserId, YouthId};
use sqlx::AnyConnection;

use crate::Result;
use crate::crypto::{FieldKeys, Place};
use crate::journal::{self, EntryKey};
use crate::row::{one_row, parse};

/// What became of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Deleted: nothing of it is kept anywhere.
    Deleted,
    /// Deposited with the archive (its copy handed over first), then deleted here.
    Deposited,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Deleted => "deleted",
            Outcome::Deposited => "deposited",
        }
    }
}

/// A leader's decision about one record.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    pub id: uuid::Uuid,
    pub youth: YouthId,
    pub outcome: Outcome,
    /// The archive's reference of a deposit.
    pub archive_reference: Option<&'a str>,
    pub grounds: &'a str,
    pub decided_by: UserId,
    /// When the record was closed, as the decision saw it: a record reopened and closed again
    /// in the meantime is not erased by it.
    pub closed_at: i64,
}

fn grounds_place<'a>(service: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "retention_decisions",
        column: "grounds",
        row,
    }
}

/// The closing time of a record that is closed and not yet erased, or `None`.
pub async fn closed_at(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
) -> Result<Option<i64>> {
    let found: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT closed_at FROM youths WHERE id = $1 AND service_id = $2 AND erased_at IS NULL",
    )
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.flatten())
}

/// Records `decision` and erases the record, inside the caller's transaction. The record must be
/// closed at `decision.closed_at` and not erased already (else `NotFound`).
pub async fn erase(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    decision: &Decision<'_>,
    now: i64,
) -> Result<()> {
    let s = service.to_string();
    let youth = decision.youth.to_string();
    let done = sqlx::query(
        "UPDATE youths SET first_name = '', last_name = '', birth_date = '', phone = NULL, \
         school = NULL, guardians = '', identity_hash = '', birth_hash = '', phone_hash = NULL, \
         erased_at = $1 WHERE id = $2 AND service_id = $3 AND closed_at = $4 \
         AND erased_at IS NULL",
    )
    .bind(now)
    .bind(&youth)
    .bind(&s)
    .bind(decision.closed_at)
    .execute(&mut *conn)
    .await?;
    one_row(done)?;
    let row = decision.id.to_string();
    sqlx::query(
        "INSERT INTO retention_decisions (id, service_id, youth_id, outcome, archive_reference, \
         grounds, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&row)
    .bind(&s)
    .bind(&youth)
    .bind(decision.outcome.as_str())
    .bind(decision.archive_reference.map(str::trim))
    .bind(keys.seal(grounds_place(&s, &row), decision.grounds.trim()))
    .bind(decision.decided_by.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;

    // The journal goes entry by entry through the recorded-deletion rows the journal's triggers
    // require, each naming this decision.
    let entries: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM journal_entries WHERE youth_id = $1 AND service_id = $2",
    )
    .bind(&youth)
    .bind(&s)
    .fetch_all(&mut *conn)
    .await?;
    let reason = format!("retention decision {row}");
    for entry in entries {
        let key = EntryKey {
            service,
            youth: decision.youth,
            entry: parse::<EntryId>("journal_entries.id", &entry)?,
        };
        journal::delete(conn, keys, key, decision.decided_by, &reason, now).await?;
    }

    for sql in [
        "DELETE FROM record_blocks WHERE youth_id = $1",
        "DELETE FROM assessments WHERE youth_id = $1",
        "DELETE FROM emergency_accesses WHERE youth_id = $1",
        "DELETE FROM youth_contact_persons WHERE youth_id = $1",
        "UPDATE consents SET what_shared = NULL, purpose = NULL, youth_view = NULL, \
         guardians_not_involved = NULL WHERE youth_id = $1",
        "UPDATE collaborations SET what_shared = NULL, note = NULL WHERE youth_id = $1",
        "UPDATE child_welfare SET details = NULL, sent = NULL, answer = NULL WHERE youth_id = $1",
    ] {
        sqlx::query(sql).bind(&youth).execute(&mut *conn).await?;
    }
    Ok(())
}

/// A recorded decision, for the leader's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub youth: YouthId,
    pub reference: String,
    pub outcome: String,
    pub archive_reference: Option<String>,
    pub grounds: String,
    pub decided_by: String,
    pub decided_at: i64,
}

/// The service's recorded decisions, newest first.
pub async fn decisions(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
) -> Result<Vec<Recorded>> {
    let s = service.to_string();
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT d.id, d.youth_id, y.ref, d.outcome, d.archive_reference, d.grounds, u.name, \
         d.decided_at \
         FROM retention_decisions d JOIN youths y ON y.id = d.youth_id \
         JOIN users u ON u.id = d.decided_by WHERE d.service_id = $1 \
         ORDER BY d.decided_at DESC, d.id",
    )
    .bind(&s)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(
            |(
                id,
                youth,
                reference,
                outcome,
                archive_reference,
                grounds,
                decided_by,
                decided_at,
            )| {
                Ok(Recorded {
                    youth: parse("retention_decisions.youth_id", &youth)?,
                    reference,
                    outcome,
                    archive_reference,
                    grounds: keys.open(grounds_place(&s, &id), &grounds)?,
                    decided_by,
                    decided_at,
                })
            },
        )
        .collect()
}
