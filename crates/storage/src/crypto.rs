//! Field encryption of personal data at rest (GDPR art. 32): names, birth dates, phone numbers,
//! guardians and journal text are sealed with XChaCha20-Poly1305 before they reach the database.
//!
//! The keys come from a key file or an environment variable, never from the database. Each
//! sealed value names the key that sealed it (`gl1:KEYID:BASE64`), so `gatelangs keys rotate`
//! can add a key, re-seal everything and still read rows it has not reached yet. The associated
//! data binds a ciphertext to its service, table, column and row: a value copied into another
//! row or column does not open. Search and duplicate detection use keyed hashes ("blind
//! indexes") so no plaintext is needed in a `WHERE`. See `docs/decisions/0014-field-encryption.md`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use chacha20poly1305::aead::Aead;
use chacha20poly1305::aead::Payload;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::StoreError;

const PREFIX: &str = "gl1";

/// Whether a stored value is sealed (rather than a legacy plaintext).
pub fn is_sealed(value: &str) -> bool {
    value.starts_with("gl1:")
}

/// One data key with its id.
struct DataKey {
    id: String,
    bytes: Zeroizing<[u8; 32]>,
}

/// The installation's data keys; the last one seals new values.
pub struct FieldKeys {
    keys: Vec<DataKey>,
}

impl std::fmt::Debug for FieldKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldKeys")
            .field("ids", &self.keys.iter().map(|k| &k.id).collect::<Vec<_>>())
            .finish()
    }
}

/// Where a sealed value lives; bound into the ciphertext as associated data.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub service: &'a str,
    pub table: &'a str,
    pub column: &'a str,
    pub row: &'a str,
}

impl Place<'_> {
    fn aad(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.service, self.table, self.column, self.row
        )
    }
}

impl FieldKeys {
    /// Reads key lines `KEYID HEX64` (or `KEYID:HEX64`); `#` starts a comment. The last key is
    /// the current one.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        let mut keys: Vec<DataKey> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| StoreError::Corrupt(format!("data key line {}: {why}", n + 1));
            let (id, hex_key) = line
                .split_once([' ', ':'])
                .ok_or_else(|| bad("expected `KEYID HEX` with 64 hex digits"))?;
            let id = id.trim();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(bad("the key id must be letters, digits, - or _"));
            }
            let raw = hex::decode(hex_key.trim()).map_err(|_| bad("the key must be hex"))?;
            let bytes: [u8; 32] = raw
                .as_slice()
                .try_into()
                .map_err(|_| bad("the key must be 64 hex digits (32 bytes)"))?;
            if keys.iter().any(|k| k.id == id) {
                return Err(bad("the key id is used twice"));
            }
            keys.push(DataKey {
                id: id.to_owned(),
                bytes: Zeroizing::new(bytes),
            });
        }
        if keys.is_empty() {
            return Err(StoreError::Corrupt("no data key found".into()));
        }
        Ok(Self { keys })
    }

    /// A fresh key id: the date and a random suffix, so two keys made the same day differ.
    pub fn new_key_id() -> String {
        let date = jiff::Zoned::now().strftime("%Y%m%d").to_string();
        format!("k{date}-{:08x}", rand::rngs::OsRng.next_u32())
    }

    /// A new random key line, ready to append to a key file.
    pub fn new_key_line(id: &str) -> String {
        let mut bytes = Zeroizing::new([0_u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        format!("{id} {}", hex::encode(bytes.as_ref()))
    }

    /// Opens `value`, or gives it back as it is when it was stored before its column was sealed
    /// (`gatelangs keys rotate` seals such values).
    pub fn open_or_plain(&self, place: Place<'_>, value: &str) -> Result<String, StoreError> {
        if is_sealed(value) {
            self.open(place, value)
        } else {
            Ok(value.to_owned())
        }
    }

    /// The ids of every key held, oldest first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.id.as_str())
    }

    /// The id of the key that seals new values.
    pub fn current_id(&self) -> &str {
        &self.current().id
    }

    fn current(&self) -> &DataKey {
        // `parse` refuses an empty list.
        &self.keys[self.keys.len() - 1]
    }

    /// Seals `plain` for the given place with the current key.
    pub fn seal(&self, place: Place<'_>, plain: &str) -> String {
        let key = self.current();
        let cipher = XChaCha20Poly1305::new(&(*key.bytes).into());
        let mut nonce = [0_u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let aad = place.aad();
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            // Encryption fails only for messages beyond 256 GiB.
            .unwrap_or_default();
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sealed);
        format!("{PREFIX}:{}:{}", key.id, B64.encode(blob))
    }

    /// Opens a sealed value; fails when it was moved, changed, or sealed by an unknown key.
    pub fn open(&self, place: Place<'_>, sealed: &str) -> Result<String, StoreError> {
        let corrupt = |why: &str| {
            StoreError::Corrupt(format!(
                "{}.{} of row {}: {why}",
                place.table, place.column, place.row
            ))
        };
        let mut parts = sealed.splitn(3, ':');
        let (Some(PREFIX), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(corrupt("not a sealed value"));
        };
        let key =
            self.keys.iter().find(|k| k.id == id).ok_or_else(|| {
                corrupt(&format!("sealed with key {id:?}, which is not configured"))
            })?;
        let blob = B64
            .decode(body)
            .map_err(|_| corrupt("damaged ciphertext"))?;
        if blob.len() < 24 {
            return Err(corrupt("damaged ciphertext"));
        }
        let (nonce, ct) = blob.split_at(24);
        let nonce = XNonce::try_from(nonce).map_err(|_| corrupt("damaged ciphertext"))?;
        let cipher = XChaCha20Poly1305::new(&(*key.bytes).into());
        let aad = place.aad();
        let plain = cipher
            .decrypt(
                &nonce,
                Payload {
                    msg: ct,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| corrupt("the ciphertext does not open (changed or moved)"))?;
        String::from_utf8(plain).map_err(|_| corrupt("not text"))
    }

    /// Seals an optional value; `None` stays `None`.
    pub fn seal_opt(&self, place: Place<'_>, plain: Option<&str>) -> Option<String> {
        plain.map(|p| self.seal(place, p))
    }

    pub fn open_opt(
        &self,
        place: Place<'_>,
        sealed: Option<&str>,
    ) -> Result<Option<String>, StoreError> {
        sealed.map(|s| self.open(place, s)).transpose()
    }

    /// Whether a sealed value was sealed by the current key.
    pub fn is_current(&self, sealed: &str) -> bool {
        sealed
            .strip_prefix(PREFIX)
            .and_then(|s| s.strip_prefix(':'))
            .and_then(|s| s.split_once(':'))
            .is_some_and(|(id, _)| id == self.current_id())
    }

    /// A keyed hash of `value` for equality search within one service. The hash key is derived
    /// from the current data key, so rotation recomputes the hashes too.
    pub fn blind(&self, service: &str, purpose: &str, value: &str) -> String {
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(self.current().bytes.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        derive.update(b"gatelangs blind index v1");
        let hash_key: Zeroizing<[u8; 32]> = Zeroizing::new(derive.finalize().into_bytes().into());
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(hash_key.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(service.as_bytes());
        mac.update(&[0x1f]);
        mac.update(purpose.as_bytes());
        mac.update(&[0x1f]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn place(row: &str) -> Place<'_> {
        Place {
            service: "s1",
            table: "youths",
            column: "first_name",
            row,
        }
    }

    #[test]
    fn sealed_values_open_only_in_their_own_place() {
        let keys = FieldKeys::parse(&FieldKeys::new_key_line("k1")).unwrap();
        let sealed = keys.seal(place("r1"), "Kari");
        assert!(!sealed.contains("Kari"));
        assert!(sealed.starts_with("gl1:k1:"));
        assert_eq!(keys.open(place("r1"), &sealed).unwrap(), "Kari");
        assert!(keys.open(place("r2"), &sealed).is_err());
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push('A');
        assert!(keys.open(place("r1"), &tampered).is_err() || tampered == sealed);
        // The same text seals differently each time (random nonce).
        assert_ne!(keys.seal(place("r1"), "Kari"), sealed);
    }

    #[test]
    fn an_older_key_still_opens_after_a_new_one_is_added() {
        let first = FieldKeys::new_key_line("k1");
        let old = FieldKeys::parse(&first).unwrap();
        let sealed = old.seal(place("r1"), "note");
        let both =
            FieldKeys::parse(&format!("{first}\n{}\n", FieldKeys::new_key_line("k2"))).unwrap();
        assert_eq!(both.current_id(), "k2");
        assert!(!both.is_current(&sealed));
        assert_eq!(both.open(place("r1"), &sealed).unwrap(), "note");
        assert!(both.is_current(&both.seal(place("r1"), "note")));
    }

    #[test]
    fn blind_indexes_are_stable_per_key_and_service() {
        let keys = FieldKeys::parse(&FieldKeys::new_key_line("k1")).unwrap();
        let a = keys.blind("s1", "identity", "kari nordmann 2010-01-01");
        assert_eq!(a, keys.blind("s1", "identity", "kari nordmann 2010-01-01"));
        assert_ne!(a, keys.blind("s2", "identity", "kari nordmann 2010-01-01"));
        assert_ne!(a, keys.blind("s1", "identity", "ola nordmann 2010-01-01"));
    }

    #[test]
    fn bad_key_files_are_refused_with_the_line() {
        for bad in ["", "k1 abcd", "k1 zz", "bad id 00", "# only a comment"] {
            assert!(FieldKeys::parse(bad).is_err(), "{bad:?} accepted");
        }
        let line = FieldKeys::new_key_line("k1");
        let err = FieldKeys::parse(&format!("{line}\n{line}")).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
