//! Password hashing with argon2id, off the async threads (a hash takes tens of milliseconds),
//! a few at a time.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use gatelangs_domain::NewPassword;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

use crate::error::AppError;

/// argon2id with the crate's recommended parameters (19 MiB, 2 passes).
pub fn hash_blocking(password: &NewPassword) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)?
        .to_string())
}

/// How many argon2 computations run at once. Each holds 19 MiB and a core for tens of
/// milliseconds; without a bound a burst of logins (or an attacker's) would start them all at
/// once on the blocking pool and eat the server's memory. The rest wait their turn.
pub const MAX_CONCURRENT_HASHES: usize = 4;
static HASHING: Semaphore = Semaphore::const_new(MAX_CONCURRENT_HASHES);
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Runs argon2 work on the blocking pool once a permit is free.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = HASHING.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_RUNNING.fetch_max(now, Ordering::SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        out
    })
    .await
    .map_err(AppError::internal)
}

pub async fn hash(password: NewPassword) -> Result<String, AppError> {
    bounded(move || hash_blocking(&password))
        .await?
        .map_err(|e| AppError::Internal(e.to_string().into()))
}

/// A new password typed twice on a form, checked against the policy and `context` (the user's
/// own names), with every problem as a message key.
pub fn check_new(
    password: &str,
    again: &str,
    context: &[&str],
) -> Result<NewPassword, Vec<&'static str>> {
    let mut problems = vec![];
    let parsed = NewPassword::parse(password, context);
    match &parsed {
        Err(gatelangs_domain::PasswordError::TooShort) => problems.push("password-too-short"),
        Err(gatelangs_domain::PasswordError::TooCommon) => problems.push("password-too-common"),
        Ok(_) => {}
    }
    if password != again {
        problems.push("setup-passwords-differ");
    }
    match parsed {
        Ok(p) if problems.is_empty() => Ok(p),
        _ => Err(problems),
    }
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
    bounded(move || {
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_of_logins_hashes_a_few_at_a_time() {
        let tasks: Vec<_> = (0..MAX_CONCURRENT_HASHES * 4)
            .map(|i| tokio::spawn(verify(format!("guess {i}"), None)))
            .collect();
        for task in tasks {
            assert!(!task.await.unwrap_or(Ok(true)).unwrap_or(true));
        }
        let most = MOST_RUNNING.load(Ordering::SeqCst);
        assert!(most <= MAX_CONCURRENT_HASHES, "{most} ran at once");
        assert!(
            most >= 2,
            "the burst ran side by side, up to the bound: {most}"
        );
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
