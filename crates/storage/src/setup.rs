//! The one-time setup link printed on first start, so an installation never has a default
//! password.

use rand::RngCore;
use sqlx::AnyConnection;

use crate::sessions::hash_token;
use crate::{Result, now};

/// How long a setup link works: the operator opens it right after starting the server. A link
/// left lying in a log or a terminal's scroll-back stops working; starting the server again
/// prints a new one while there are no users.
pub const LIFETIME_SECONDS: i64 = 24 * 60 * 60;

/// 32 random bytes as URL-safe hex.
pub fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Issues a new setup token, replacing any unused one, and returns it.
pub async fn issue(conn: &mut AnyConnection) -> Result<String> {
    let token = random_token();
    sqlx::query("DELETE FROM setup_tokens WHERE used_at IS NULL")
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO setup_tokens (token_hash, created_at) VALUES ($1, $2)")
        .bind(hash_token(&token))
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(token)
}

/// Whether `token` is a setup token that has not been used and has not expired.
pub async fn is_valid(conn: &mut AnyConnection, token: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND created_at > $2",
    )
    .bind(hash_token(token))
    .bind(now() - LIFETIME_SECONDS)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n == 1)
}

/// Marks `token` used; returns false when it was not valid (so two tabs cannot both use it).
pub async fn consume(conn: &mut AnyConnection, token: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE setup_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND created_at > $3",
    )
    .bind(now())
    .bind(hash_token(token))
    .bind(now() - LIFETIME_SECONDS)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
