//! One-time recovery codes for a lost second factor. Only their hashes are stored.

use gatelangs_domain::{ServiceId, UserId};
use rand::Rng;
use sqlx::AnyConnection;

use crate::sessions::hash_token;
use crate::{Result, now};

const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Replaces the user's recovery codes with `count` new ones and returns them, formatted
/// `xxxxx-xxxxx` for reading aloud or writing down.
/// Removes every recovery code of `user` (a reset, or before new ones are made).
pub async fn clear(conn: &mut AnyConnection, service: ServiceId, user: UserId) -> Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1 AND service_id = $2")
        .bind(user.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn regenerate(
    conn: &mut AnyConnection,
    service: ServiceId,
    user: UserId,
    count: usize,
) -> Result<Vec<String>> {
    clear(conn, service, user).await?;
    let mut rng = rand::rngs::OsRng;
    let mut codes = Vec::with_capacity(count);
    for _ in 0..count {
        let raw: String = (0..10)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
            .collect();
        sqlx::query(
            "INSERT INTO recovery_codes (id, service_id, user_id, code_hash) VALUES ($1, $2, $3, $4)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(service.to_string())
        .bind(user.to_string())
        .bind(hash_token(&raw))
        .execute(&mut *conn)
        .await?;
        codes.push(format!("{}-{}", &raw[..5], &raw[5..]));
    }
    Ok(codes)
}

/// Uses up `code` if it is one of the user's unused codes.
pub async fn redeem(
    conn: &mut AnyConnection,
    service: ServiceId,
    user: UserId,
    code: &str,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE recovery_codes SET used_at = $1 \
         WHERE user_id = $2 AND service_id = $3 AND code_hash = $4 AND used_at IS NULL",
    )
    .bind(now())
    .bind(user.to_string())
    .bind(service.to_string())
    .bind(hash_token(&normalise(code)))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() >= 1)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn codes_are_read_without_dashes_spaces_or_case() {
        assert_eq!(normalise(" AbCde-fGh23 "), "abcdefgh23");
    }
}
