//! `gatelangs keys rotate`: re-seal every sealed value under the current key and recompute the
//! keyed hashes, in one transaction. Values already under the current key are left alone, so a
//! rotation that was interrupted (and rolled back) can simply be run again.

use sqlx::{AnyConnection, Row};

use crate::Result;
use crate::crypto::{FieldKeys, Place};

/// Sealed columns of tables keyed by `id` that carry their `service_id`.
const SIMPLE: &[(&str, &str)] = &[
    ("youths", "first_name"),
    ("youths", "last_name"),
    ("youths", "birth_date"),
    ("youths", "phone"),
    ("youths", "school"),
    ("youths", "guardians"),
    ("journal_deletions", "reason"),
    ("assessments", "items"),
    ("record_blocks", "reason"),
    ("users", "totp_secret"),
    ("consents", "what_shared"),
    ("consents", "purpose"),
    ("consents", "youth_view"),
    ("consents", "guardians_not_involved"),
    ("collaborations", "what_shared"),
    ("collaborations", "note"),
    ("child_welfare", "details"),
    ("child_welfare", "sent"),
    ("child_welfare", "answer"),
    ("observations", "summary"),
    ("emergency_accesses", "reason"),
    ("emergency_accesses", "review_note"),
    ("journal_entries", "withheld_reason"),
    ("retention_decisions", "grounds"),
];

/// The first sealed value whose key is not among `keys`, as (`table.column`, key id): the data
/// keys do not belong to this database (a lost or wrong key file). Checked at start, so a
/// missing key is named before any request fails on it and before a new key is used beside it.
pub async fn missing_key(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
) -> Result<Option<(String, String)>> {
    // `_` and `%` in a key id must match themselves.
    let known: Vec<String> = keys
        .ids()
        .map(|id| format!("gl1:{}:%", id.replace('_', "\\_").replace('%', "\\%")))
        .collect();
    let journal = [("journal_versions", "body"), ("journal_versions", "reason")];
    for (table, column) in SIMPLE.iter().chain(journal.iter()) {
        let mut sql = format!("SELECT {column} FROM {table} WHERE {column} LIKE 'gl1:%'");
        for n in 1..=known.len() {
            sql.push_str(&format!(" AND {column} NOT LIKE ${n} ESCAPE '\\'"));
        }
        sql.push_str(" LIMIT 1");
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for pattern in &known {
            query = query.bind(pattern.clone());
        }
        if let Some(sealed) = query.fetch_optional(&mut *conn).await? {
            let id = sealed.split(':').nth(1).unwrap_or_default().to_owned();
            return Ok(Some((format!("{table}.{column}"), id)));
        }
    }
    Ok(None)
}

/// How many values were re-sealed.
pub async fn rotate(conn: &mut AnyConnection, keys: &FieldKeys) -> Result<u64> {
    let mut count = 0;
    for (table, column) in SIMPLE {
        // An erased record's shell holds '' in its sealed columns that may not be NULL.
        let rows = sqlx::query(&format!(
            "SELECT id, service_id, {column} AS sealed FROM {table} \
             WHERE {column} IS NOT NULL AND {column} <> ''"
        ))
        .fetch_all(&mut *conn)
        .await?;
        for row in &rows {
            let id: String = row.try_get("id")?;
            let service: String = row.try_get("service_id")?;
            let sealed: String = row.try_get("sealed")?;
            if keys.is_current(&sealed) {
                continue;
            }
            let place = Place {
                service: &service,
                table,
                column,
                row: &id,
            };
            // Values stored before their column was sealed (TOTP secrets, emergency reasons,
            // review notes, withholding reasons) are sealed here for the first time.
            let plain = keys.open_or_plain(place, &sealed)?;
            sqlx::query(&format!("UPDATE {table} SET {column} = $1 WHERE id = $2"))
                .bind(keys.seal(place, &plain))
                .bind(&id)
                .execute(&mut *conn)
                .await?;
            count += 1;
        }
    }
    for column in ["body", "reason"] {
        let rows = sqlx::query(&format!(
            "SELECT v.entry_id, v.version, e.service_id, v.{column} AS sealed FROM journal_versions v \
             JOIN journal_entries e ON e.id = v.entry_id WHERE v.{column} IS NOT NULL"
        ))
        .fetch_all(&mut *conn)
        .await?;
        for row in &rows {
            let entry: String = row.try_get("entry_id")?;
            let version: i64 = row.try_get("version")?;
            let service: String = row.try_get("service_id")?;
            let sealed: String = row.try_get("sealed")?;
            if keys.is_current(&sealed) {
                continue;
            }
            let row_id = format!("{entry}/{version}");
            let place = crate::journal::body_place(&service, &row_id, column);
            let plain = keys.open(place, &sealed)?;
            sqlx::query(&format!(
                "UPDATE journal_versions SET {column} = $1 WHERE entry_id = $2 AND version = $3"
            ))
            .bind(keys.seal(place, &plain))
            .bind(&entry)
            .bind(version)
            .execute(&mut *conn)
            .await?;
            count += 1;
        }
    }
    rehash_youths(conn, keys).await?;
    Ok(count)
}

/// Recomputes the keyed hashes of every youth under the current key.
async fn rehash_youths(conn: &mut AnyConnection, keys: &FieldKeys) -> Result<()> {
    let services: Vec<String> = sqlx::query_scalar("SELECT DISTINCT service_id FROM youths")
        .fetch_all(&mut *conn)
        .await?;
    for s in services {
        let service = crate::row::parse("youths.service_id", &s)?;
        for youth in crate::youths::list(conn, keys, service, None).await? {
            let h = crate::youths::hashes(keys, &s, &youth.fields);
            sqlx::query(
                "UPDATE youths SET identity_hash = $1, birth_hash = $2, phone_hash = $3 WHERE id = $4",
            )
            .bind(h.identity)
            .bind(h.birth)
            .bind(h.phone)
            .bind(youth.id.to_string())
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
