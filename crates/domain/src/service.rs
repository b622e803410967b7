//! A service (tenant): slug, name, municipality and time zone.

use std::fmt;

use crate::ParseError;

/// The short, URL-safe name of a service, e.g. `out-lillestrom`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct ServiceSlug(String);

impl ServiceSlug {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(2..=64).contains(&s.len()) || !ok_chars || s.starts_with('-') || s.ends_with('-') {
            return Err(ParseError(format!(
                "invalid service slug {s:?}: use 2–64 characters a–z, 0–9 and '-', not starting or ending with '-'"
            )));
        }
        Ok(Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ServiceSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The display name of a service, e.g. "Oppsøkende ungdomsteam".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct ServiceName(String);

impl ServiceName {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > 200 {
            return Err(ParseError(
                "a service name must have 1–200 characters".to_owned(),
            ));
        }
        Ok(Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Norwegian municipality number (kommunenummer), four digits, e.g. 3205 for Lillestrøm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct MunicipalityNumber(u16);

impl MunicipalityNumber {
    /// Parses a four-digit number and checks it against the municipalities in force
    /// (`data/municipalities.txt`).
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if s.len() != 4 || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(ParseError(format!(
                "invalid municipality number {s:?}: expected four digits, e.g. 3205"
            )));
        }
        let n: u16 = s
            .parse()
            .map_err(|_| ParseError(format!("invalid municipality number {s:?}")))?;
        if municipality_name(n).is_none() {
            return Err(ParseError(format!(
                "{s} is not the number of a Norwegian municipality in force (e.g. 3205 Lillestrøm)"
            )));
        }
        Ok(Self(n))
    }
    pub fn as_str(&self) -> String {
        format!("{:04}", self.0)
    }
    /// The municipality's name, e.g. "Lillestrøm" for 3205.
    pub fn name(&self) -> &'static str {
        municipality_name(self.0).unwrap_or("")
    }
    /// Every municipality in force, as (number, name), ordered by number.
    pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
        MUNICIPALITIES
            .lines()
            .filter(|l| !l.starts_with('#') && l.len() > 5)
            .filter_map(|l| l.split_once(' '))
    }
}

static MUNICIPALITIES: &str = include_str!("../data/municipalities.txt");

fn municipality_name(n: u16) -> Option<&'static str> {
    let code = format!("{n:04}");
    MunicipalityNumber::all()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| name)
}

impl fmt::Display for MunicipalityNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

/// An IANA time zone the service works in; Europe/Oslo unless configured.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct ServiceTimeZone(String);

impl ServiceTimeZone {
    pub const DEFAULT: &'static str = "Europe/Oslo";

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        jiff::tz::TimeZone::get(s)
            .map(|_| Self(s.to_owned()))
            .map_err(|_| ParseError(format!("unknown time zone {s:?}, e.g. Europe/Oslo")))
    }
    pub fn oslo() -> Self {
        Self(Self::DEFAULT.to_owned())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn tz(&self) -> jiff::tz::TimeZone {
        // The name was checked on parse; fall back to UTC only if the bundled database changed.
        jiff::tz::TimeZone::get(&self.0).unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert!(ServiceSlug::parse("out-lillestrom").is_ok());
        for bad in ["", "a", "Out", "out lillestrom", "-out", "out-", "øst"] {
            assert!(ServiceSlug::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn municipality_numbers_have_four_digits() {
        assert_eq!(
            MunicipalityNumber::parse("3205").map(|m| m.to_string()),
            Ok("3205".into())
        );
        assert_eq!(
            MunicipalityNumber::parse("0301").map(|m| m.to_string()),
            Ok("0301".to_owned())
        );
        assert_eq!(
            MunicipalityNumber::parse("3205").map(|m| m.name()),
            Ok("Lillestrøm")
        );
        assert_eq!(MunicipalityNumber::all().count(), 357);
        // Four digits but not a municipality (Skedsmo, 0231, merged into Lillestrøm in 2020).
        assert!(MunicipalityNumber::parse("0231").is_err());
        assert_eq!(
            MunicipalityNumber::parse("0301").map(|m| m.to_string()),
            Ok("0301".into())
        );
        for bad in ["", "320", "32055", "abcd", "0000", "-320"] {
            assert!(MunicipalityNumber::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn time_zones_come_from_the_tz_database() {
        assert!(ServiceTimeZone::parse("Europe/Oslo").is_ok());
        assert!(ServiceTimeZone::parse("Europe/Nowhere").is_err());
    }
}
