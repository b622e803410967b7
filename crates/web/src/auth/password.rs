//! Password hashing with argon2id, off the async threads (a hash takes tens of milliseconds).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use gatelangs_domain::NewPassword;
use std::sync::LazyLock;

use crate::error::AppError;

/// argon2id with the crate's recommended parameters (19 MiB, 2 passes).
pub fn hash_blocking(password: &NewPassword) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)?
        .to_string())
}

pub async fn hash(password: NewPassword) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::Internal(e.to_string().into()))
}

/// A random password for a new or reset account, printed once: 20 characters from an
/// alphabet without look-alikes, in groups of five for reading aloud (about 99 bits).
pub fn generate() -> String {
    use argon2::password_hash::rand_core::RngCore;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
    let mut bytes = [0_u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A hash to check against when the user does not exist, so that an unknown username takes as
/// long to refuse as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"no such user, no such password", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Whether `password` matches `stored`; with no stored hash the dummy is checked and false
/// returned.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let ok = PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && real
    })
    .await
    .map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_pass_the_policy_and_differ() {
        let a = generate();
        assert_eq!(a.len(), 23);
        assert!(NewPassword::parse(&a, &[]).is_ok());
        assert_ne!(a, generate());
    }

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let pw = NewPassword::parse("tre-grønne-sykler-i-regnet", &[]).map_err(|e| e.to_string());
        let hash = hash(pw.unwrap_or_else(|e| panic!("{e}"))).await.ok();
        assert!(hash.as_deref().is_some_and(|h| h.starts_with("$argon2id$")));
        assert!(
            verify("tre-grønne-sykler-i-regnet".into(), hash.clone())
                .await
                .unwrap_or(false)
        );
        assert!(
            !verify("tre-grønne-sykler-i-sol".into(), hash)
                .await
                .unwrap_or(true)
        );
        assert!(!verify("anything".into(), None).await.unwrap_or(true));
    }
}
