//! Anonymous field contacts ("treff"): the fixed code sets of the interchange contract and the
//! rules that derive a contact's time band and channel.

use jiff::civil::Weekday;

use crate::ParseError;

code_set!(
    /// Age group of a contact.
    AgeGroup, "age group" {
        PrimarySchool => "primary_school",
        LowerSecondary => "lower_secondary",
        UpperSecondary => "upper_secondary",
        YoungAdult => "young_adult",
        Unknown => "unknown",
    }
);

code_set!(
    Gender, "gender" {
        Male => "male",
        Female => "female",
        Other => "other",
        Unknown => "unknown",
    }
);

code_set!(
    /// Where the contact happened: on the street, at a school, or on a digital platform.
    Channel, "channel" {
        Street => "street",
        School => "school",
        Digital => "digital",
    }
);

code_set!(
    PlaceKind, "place kind" {
        School => "school",
        Street => "street",
        Transit => "transit",
        YouthClub => "youth_club",
        Mall => "mall",
        Digital => "digital",
        Other => "other",
    }
);

code_set!(
    SchoolLevel, "school level" {
        Primary => "primary",
        LowerSecondary => "lower_secondary",
        UpperSecondary => "upper_secondary",
    }
);

code_set!(
    /// When in the week a contact happened, in the service's time zone.
    TimeBand, "time band" {
        Day => "day",
        Evening => "evening",
        Weekend => "weekend",
        Night => "night",
    }
);

impl PlaceKind {
    /// The channel a contact at such a place has unless the worker changes it.
    pub fn default_channel(self) -> Channel {
        match self {
            PlaceKind::School => Channel::School,
            PlaceKind::Digital => Channel::Digital,
            _ => Channel::Street,
        }
    }
}

impl TimeBand {
    /// `night` 00:00–07:59 any day; `weekend` Saturday and Sunday 08:00–23:59; `day`
    /// Monday–Friday 08:00–15:59; `evening` Monday–Friday 16:00–23:59.
    pub fn of(weekday: Weekday, hour: i8) -> TimeBand {
        let weekend = matches!(weekday, Weekday::Saturday | Weekday::Sunday);
        match hour {
            0..=7 => TimeBand::Night,
            _ if weekend => TimeBand::Weekend,
            8..=15 => TimeBand::Day,
            _ => TimeBand::Evening,
        }
    }
}

/// The local facts of a moment that reports group by, in the service's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalMoment {
    pub year: i16,
    pub month: i8,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i8,
    pub hour: i8,
    pub time_band: TimeBand,
}

impl LocalMoment {
    pub fn of(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> Self {
        let z = at.to_zoned(tz.clone());
        Self {
            year: z.year(),
            month: z.month(),
            weekday: z.weekday().to_monday_one_offset(),
            hour: z.hour(),
            time_band: TimeBand::of(z.weekday(), z.hour()),
        }
    }
}

/// A topic code on a contact: lowercase letters, digits and '_' (no free text, so no personal
/// data can be written there).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Topic(String);

impl Topic {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let ok = (1..=40).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseError(format!(
                "invalid topic {s:?}: use a code of a–z, 0–9 and '_'"
            )))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Topics as stored and exported: codes joined by `;`, sorted, without duplicates.
pub fn join_topics(topics: &[Topic]) -> String {
    let mut codes: Vec<&str> = topics.iter().map(Topic::as_str).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.join(";")
}

pub fn parse_topics(s: &str) -> Result<Vec<Topic>, ParseError> {
    s.split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(Topic::parse)
        .collect()
}

/// The number of youths one registration stands for (a group is one registration of N).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct ContactCount(u32);

impl ContactCount {
    pub const MAX: u32 = 500;

    pub fn new(n: i64) -> Result<Self, ParseError> {
        match u32::try_from(n) {
            Ok(n) if (1..=Self::MAX).contains(&n) => Ok(Self(n)),
            _ => Err(ParseError(format!(
                "count must be between 1 and {}, not {n}",
                Self::MAX
            ))),
        }
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn oslo() -> TimeZone {
        TimeZone::get("Europe/Oslo").expect("bundled")
    }

    #[test]
    fn time_bands_follow_the_contract() {
        use Weekday::*;
        assert_eq!(TimeBand::of(Monday, 7), TimeBand::Night);
        assert_eq!(TimeBand::of(Monday, 8), TimeBand::Day);
        assert_eq!(TimeBand::of(Friday, 15), TimeBand::Day);
        assert_eq!(TimeBand::of(Friday, 16), TimeBand::Evening);
        assert_eq!(TimeBand::of(Friday, 23), TimeBand::Evening);
        assert_eq!(TimeBand::of(Saturday, 3), TimeBand::Night);
        assert_eq!(TimeBand::of(Saturday, 8), TimeBand::Weekend);
        assert_eq!(TimeBand::of(Sunday, 23), TimeBand::Weekend);
    }

    #[test]
    fn local_moments_use_oslo_time_through_summer_time_and_new_year() {
        // 23:30 UTC on 31 December is 00:30 on 1 January in Oslo: the new year, at night.
        let m = LocalMoment::of("2024-12-31T23:30:00Z".parse().expect("ts"), &oslo());
        assert_eq!(
            (m.year, m.month, m.hour, m.time_band),
            (2025, 1, 0, TimeBand::Night)
        );
        // Summer time: 14:30 UTC on a July Friday is 16:30 in Oslo — evening, not day.
        let m = LocalMoment::of("2024-07-05T14:30:00Z".parse().expect("ts"), &oslo());
        assert_eq!((m.weekday, m.hour, m.time_band), (5, 16, TimeBand::Evening));
        // Winter time: 14:30 UTC on a January Friday is 15:30 — still day.
        let m = LocalMoment::of("2024-01-05T14:30:00Z".parse().expect("ts"), &oslo());
        assert_eq!(m.time_band, TimeBand::Day);
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_name_the_choices() {
        for g in AgeGroup::ALL {
            assert_eq!(g.as_str().parse::<AgeGroup>(), Ok(*g));
        }
        let err = "teen"
            .parse::<AgeGroup>()
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        assert!(err.contains("primary_school, lower_secondary"), "{err}");
        assert_eq!(PlaceKind::Digital.default_channel(), Channel::Digital);
        assert_eq!(PlaceKind::Transit.default_channel(), Channel::Street);
    }

    #[test]
    fn counts_and_topics_are_checked() {
        assert!(ContactCount::new(0).is_err());
        assert!(ContactCount::new(1).is_ok());
        assert!(ContactCount::new(501).is_err());
        let topics = parse_topics("rus; skole;rus").expect("valid");
        assert_eq!(join_topics(&topics), "rus;skole");
        assert!(parse_topics("Ola Nordmann").is_err());
    }
}
