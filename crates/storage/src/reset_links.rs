//! One-time links to choose a password, which an administrator hands a member of staff: for an
//! account made in the web, and after a reset. The link carries a random secret; the database
//! keeps only its SHA-256, so a copy of the database holds no usable link. A user has at most
//! one link (a new one replaces it) and using it deletes it.

use gatelangs_domain::{ServiceId, UserId};
use sqlx::{AnyConnection, Row};

use crate::row::parse;
use crate::sessions::hash_token;
use crate::setup::random_token;
use crate::{Result, now};

/// Issues a link for `user` valid until `expires_at` (Unix seconds), replacing any earlier one,
/// and returns its secret.
pub async fn issue(
    conn: &mut AnyConnection,
    service: ServiceId,
    user: UserId,
    expires_at: i64,
) -> Result<String> {
    let token = random_token();
    sqlx::query("DELETE FROM user_reset_links WHERE user_id = $1")
        .bind(user.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO user_reset_links (token_hash, service_id, user_id, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(service.to_string())
    .bind(user.to_string())
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// The service and user of a link that has not expired.
pub async fn find(conn: &mut AnyConnection, token: &str) -> Result<Option<(ServiceId, UserId)>> {
    let row = sqlx::query(
        "SELECT service_id, user_id FROM user_reset_links WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(hash_token(token))
    .bind(now())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        let service: String = r.try_get("service_id")?;
        let user: String = r.try_get("user_id")?;
        Ok((
            parse("user_reset_links.service_id", &service)?,
            parse("user_reset_links.user_id", &user)?,
        ))
    })
    .transpose()
}

/// Uses up the link of `user` named by `token`; false when it was not valid any more (so two
/// tabs cannot both use it).
pub async fn consume(conn: &mut AnyConnection, token: &str, user: UserId) -> Result<bool> {
    let done = sqlx::query(
        "DELETE FROM user_reset_links WHERE token_hash = $1 AND user_id = $2 AND expires_at > $3",
    )
    .bind(hash_token(token))
    .bind(user.to_string())
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the link of `user`, if any (the account was disabled).
pub async fn revoke(conn: &mut AnyConnection, user: UserId) -> Result<()> {
    sqlx::query("DELETE FROM user_reset_links WHERE user_id = $1")
        .bind(user.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether `user` has a link that has not expired.
pub async fn pending_for(conn: &mut AnyConnection, user: UserId) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM user_reset_links WHERE user_id = $1 AND expires_at > $2",
    )
    .bind(user.to_string())
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// The users of `service` with a link that has not expired (shown on the administrator's list).
pub async fn pending(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<UserId>> {
    let rows = sqlx::query(
        "SELECT user_id FROM user_reset_links WHERE service_id = $1 AND expires_at > $2",
    )
    .bind(service.to_string())
    .bind(now())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let user: String = r.try_get("user_id")?;
            parse("user_reset_links.user_id", &user)
        })
        .collect()
}
