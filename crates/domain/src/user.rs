//! Staff account names.

use std::fmt;

use crate::ParseError;

/// A login name, unique within an installation: lowercase letters, digits, '.', '_' and '-'.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if !(2..=64).contains(&s.len()) || !ok_chars {
            return Err(ParseError(format!(
                "invalid username {s:?}: use 2–64 characters a–z, 0–9, '.', '_' or '-'"
            )));
        }
        Ok(Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's name as shown in the interface.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > 200 {
            return Err(ParseError("a name must have 1–200 characters".to_owned()));
        }
        Ok(Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(
            Username::parse(" kari.n ").map(|u| u.to_string()),
            Ok("kari.n".into())
        );
        for bad in ["", "k", "Kari", "kari n", "kari@x"] {
            assert!(Username::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
