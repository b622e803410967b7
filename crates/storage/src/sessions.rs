//! Login sessions. The cookie holds a random token; the database keeps only its SHA-256, so a
//! copy of the database does not let anyone take over a session.

use gatelangs_domain::{ServiceId, UserId};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::row::parse;
use crate::{Result, now};

/// How far a login has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Password accepted; the second factor is still to come.
    SecondFactor,
    /// Password accepted; the service requires two-factor and the user must enrol first.
    MustEnrol,
    /// Fully logged in.
    Full,
}

impl Stage {
    fn code(self) -> &'static str {
        match self {
            Stage::SecondFactor => "second_factor",
            Stage::MustEnrol => "must_enrol",
            Stage::Full => "full",
        }
    }
}

impl std::str::FromStr for Stage {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "second_factor" => Ok(Stage::SecondFactor),
            "must_enrol" => Ok(Stage::MustEnrol),
            "full" => Ok(Stage::Full),
            _ => Err(()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub token_hash: String,
    pub user_id: UserId,
    pub service_id: ServiceId,
    pub stage: Stage,
    /// A TOTP secret shown during enrolment, kept until the user confirms it with a code.
    pub pending_totp_secret: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session and returns the token for the cookie.
pub async fn create(
    conn: &mut AnyConnection,
    user: UserId,
    service: ServiceId,
    stage: Stage,
) -> Result<String> {
    let token = crate::setup::random_token();
    let at = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, service_id, stage, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(hash_token(&token))
    .bind(user.to_string())
    .bind(service.to_string())
    .bind(stage.code())
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

pub async fn find(conn: &mut AnyConnection, token: &str) -> Result<Option<Session>> {
    let row = sqlx::query(
        "SELECT token_hash, user_id, service_id, stage, pending_totp_secret, created_at, last_seen_at \
         FROM sessions WHERE token_hash = $1",
    )
    .bind(hash_token(token))
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(session_from_row).transpose()
}

fn session_from_row(row: &sqlx::any::AnyRow) -> Result<Session> {
    let user: String = row.try_get("user_id")?;
    let service: String = row.try_get("service_id")?;
    let stage: String = row.try_get("stage")?;
    Ok(Session {
        token_hash: row.try_get("token_hash")?,
        user_id: parse("sessions.user_id", &user)?,
        service_id: parse("sessions.service_id", &service)?,
        stage: parse("sessions.stage", &stage)
            .map_err(|_| crate::StoreError::Corrupt(format!("sessions.stage: {stage:?}")))?,
        pending_totp_secret: row.try_get("pending_totp_secret")?,
        created_at: row.try_get("created_at")?,
        last_seen_at: row.try_get("last_seen_at")?,
    })
}

/// `table.column AS prefixcolumn, …` for every column of a `COLUMNS` list.
fn aliased(table: &str, prefix: &str, columns: &str) -> String {
    columns
        .split(',')
        .map(str::trim)
        .map(|c| format!("{table}.{c} AS {prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The session with its user and service in one query: what every authenticated request needs.
pub async fn find_active(
    conn: &mut AnyConnection,
    token: &str,
) -> Result<Option<(Session, crate::users::User, crate::services::Service)>> {
    let sql = format!(
        "SELECT s.token_hash, s.user_id, s.service_id, s.stage, s.pending_totp_secret, s.created_at, s.last_seen_at, {}, {} \
         FROM sessions s JOIN users u ON u.id = s.user_id AND u.service_id = s.service_id \
         JOIN services v ON v.id = s.service_id WHERE s.token_hash = $1",
        aliased("u", "u_", crate::users::COLUMNS),
        aliased("v", "v_", crate::services::COLUMNS)
    );
    let row = sqlx::query(&sql)
        .bind(hash_token(token))
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let session = session_from_row(&row)?;
    let user = crate::users::from_row_prefixed(&row, "u_")?;
    let service = crate::services::from_row_prefixed(&row, "v_")?;
    Ok(Some((session, user, service)))
}

pub async fn touch(conn: &mut AnyConnection, token_hash: &str, at: i64) -> Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(at)
        .bind(token_hash.to_owned())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_stage(conn: &mut AnyConnection, token_hash: &str, stage: Stage) -> Result<()> {
    sqlx::query("UPDATE sessions SET stage = $1, pending_totp_secret = NULL WHERE token_hash = $2")
        .bind(stage.code())
        .bind(token_hash.to_owned())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn pending_place(token_hash: &str) -> crate::crypto::Place<'_> {
    crate::crypto::Place {
        service: "",
        table: "sessions",
        column: "pending_totp_secret",
        row: token_hash,
    }
}

/// Keeps a TOTP secret being enrolled with the session, sealed, until a code confirms it.
pub async fn set_pending_totp(
    conn: &mut AnyConnection,
    keys: &crate::FieldKeys,
    token_hash: &str,
    secret: &str,
) -> Result<()> {
    sqlx::query("UPDATE sessions SET pending_totp_secret = $1 WHERE token_hash = $2")
        .bind(keys.seal(pending_place(token_hash), secret))
        .bind(token_hash.to_owned())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The secret being enrolled in this session, in clear.
pub fn pending_totp(keys: &crate::FieldKeys, session: &Session) -> Result<Option<String>> {
    session
        .pending_totp_secret
        .as_deref()
        .map(|sealed| keys.open(pending_place(&session.token_hash), sealed))
        .transpose()
}

/// Ends every session of `user` (the account was disabled, reset or locked).
pub async fn delete_for_user(conn: &mut AnyConnection, user: UserId) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash.to_owned())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Removes sessions idle since `idle_before` or created before `created_before`.
pub async fn delete_expired(
    conn: &mut AnyConnection,
    idle_before: i64,
    created_before: i64,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(created_before)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
