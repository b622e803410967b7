//! Time use (reference report section 1.3): what a worker's hours went to, and how the shares
//! stand against the service's targets (at least 50 % outreach field work, at least 70 % direct
//! work with youths) and the Oslo standard's 40 % field work, 40 % follow-up, 20 % documentation.

use std::collections::BTreeMap;

use crate::ParseError;

code_set!(
    /// What working time went to.
    TimeCategory, "time category" {
        FieldWork => "field_work",
        FollowUp => "follow_up",
        Groups => "groups",
        Prevention => "prevention",
        Documentation => "documentation",
        MeetingsOther => "meetings_other",
    }
);

impl TimeCategory {
    /// Work face to face with youths: field work, follow-up, groups and prevention teaching.
    pub fn is_direct(self) -> bool {
        !matches!(
            self,
            TimeCategory::Documentation | TimeCategory::MeetingsOther
        )
    }

    /// The Oslo standard's part this category counts towards (`None`: outside its three parts).
    pub fn oslo_part(self) -> Option<OsloPart> {
        match self {
            TimeCategory::FieldWork => Some(OsloPart::Outreach),
            TimeCategory::FollowUp | TimeCategory::Groups => Some(OsloPart::FollowUp),
            TimeCategory::Documentation => Some(OsloPart::Documentation),
            TimeCategory::Prevention | TimeCategory::MeetingsOther => None,
        }
    }
}

/// The three parts of the Oslo standard for outreach work with vulnerable youths (2020).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OsloPart {
    Outreach,
    FollowUp,
    Documentation,
}

impl OsloPart {
    pub const ALL: [OsloPart; 3] = [
        OsloPart::Outreach,
        OsloPart::FollowUp,
        OsloPart::Documentation,
    ];

    /// The standard's recommended share, in per cent.
    pub fn recommended_percent(self) -> u32 {
        match self {
            OsloPart::Outreach | OsloPart::FollowUp => 40,
            OsloPart::Documentation => 20,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OsloPart::Outreach => "outreach",
            OsloPart::FollowUp => "follow_up",
            OsloPart::Documentation => "documentation",
        }
    }
}

/// The service's targets: at least this share of working time in field work…
pub const FIELD_WORK_TARGET_PERCENT: u32 = 50;
/// …and at least this share in direct work with youths.
pub const DIRECT_WORK_TARGET_PERCENT: u32 = 70;

/// The most time one person can record for one day.
pub const MAX_MINUTES_PER_DAY: i64 = 24 * 60;

/// A day's entries: every amount from 0 up, one amount per category, no more than a day.
pub fn check_day(entries: &[(TimeCategory, i64)]) -> Result<(), ParseError> {
    let mut seen = vec![];
    for (category, minutes) in entries {
        if *minutes < 0 {
            return Err(ParseError("time cannot be negative".into()));
        }
        if seen.contains(category) {
            return Err(ParseError(format!("{category} is given twice")));
        }
        seen.push(*category);
    }
    let total: i64 = entries.iter().map(|(_, m)| m).sum();
    if total > MAX_MINUTES_PER_DAY {
        return Err(ParseError(format!("{total} minutes is more than a day")));
    }
    Ok(())
}

/// Parses an amount of time typed as hours: `6`, `6,5`, `6.5` or `6:30`.
pub fn parse_hours(text: &str) -> Result<i64, ParseError> {
    let t = text.trim();
    let refuse = || {
        ParseError(format!(
            "{text:?} is not a number of hours like 6,5 or 6:30"
        ))
    };
    if t.is_empty() {
        return Ok(0);
    }
    let minutes = if let Some((h, m)) = t.split_once(':') {
        let h: i64 = h.parse().map_err(|_| refuse())?;
        let m = m
            .parse::<i64>()
            .ok()
            .filter(|n| m.len() == 2 && (0..60).contains(n))
            .ok_or_else(refuse)?;
        h.checked_mul(60).and_then(|x| x.checked_add(m))
    } else {
        let hours: f64 = t.replace(',', ".").parse().map_err(|_| refuse())?;
        if !hours.is_finite() || hours > 24.0 {
            return Err(refuse());
        }
        // Whole minutes: 6,5 hours is 390 minutes.
        Some((hours * 60.0).round() as i64)
    };
    minutes
        .filter(|m| (0..=MAX_MINUTES_PER_DAY).contains(m))
        .ok_or_else(refuse)
}

/// `6:30` for 390 minutes.
pub fn format_hours(minutes: i64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Time per category over a period, and the shares the targets are about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeShares {
    pub minutes: BTreeMap<TimeCategory, i64>,
}

impl TimeShares {
    pub fn add(&mut self, category: TimeCategory, minutes: i64) {
        *self.minutes.entry(category).or_default() += minutes;
    }

    pub fn total(&self) -> i64 {
        self.minutes.values().sum()
    }

    /// The share of `part` minutes in the total, in whole per cent (rounded half up); `None`
    /// without any time.
    fn percent(&self, part: i64) -> Option<u32> {
        let total = self.total();
        (total > 0).then(|| u32::try_from((part * 200 + total) / (total * 2)).unwrap_or(0))
    }

    pub fn category_percent(&self, category: TimeCategory) -> Option<u32> {
        self.percent(self.minutes.get(&category).copied().unwrap_or(0))
    }

    pub fn field_work_percent(&self) -> Option<u32> {
        self.category_percent(TimeCategory::FieldWork)
    }

    pub fn direct_percent(&self) -> Option<u32> {
        self.percent(
            self.minutes
                .iter()
                .filter(|(c, _)| c.is_direct())
                .map(|(_, m)| m)
                .sum(),
        )
    }

    pub fn oslo_percent(&self, part: OsloPart) -> Option<u32> {
        self.percent(
            self.minutes
                .iter()
                .filter(|(c, _)| c.oslo_part() == Some(part))
                .map(|(_, m)| m)
                .sum(),
        )
    }

    /// Whether both of the service's targets are met (`None` without any time).
    pub fn meets_targets(&self) -> Option<bool> {
        Some(
            self.field_work_percent()? >= FIELD_WORK_TARGET_PERCENT
                && self.direct_percent()? >= DIRECT_WORK_TARGET_PERCENT,
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use TimeCategory::*;

    #[test]
    fn hours_are_typed_the_way_people_write_them() {
        assert_eq!(parse_hours("6").unwrap(), 360);
        assert_eq!(parse_hours("6,5").unwrap(), 390);
        assert_eq!(parse_hours("6.25").unwrap(), 375);
        assert_eq!(parse_hours("6:30").unwrap(), 390);
        assert_eq!(parse_hours("").unwrap(), 0);
        for bad in ["-1", "25", "6:75", "six", "6:3x", "NaN", "inf"] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
        assert_eq!(format_hours(390), "6:30");
    }

    #[test]
    fn a_day_holds_at_most_24_hours_and_each_category_once() {
        assert!(check_day(&[(FieldWork, 600), (Documentation, 840)]).is_ok());
        assert!(check_day(&[(FieldWork, 600), (Documentation, 841)]).is_err());
        assert!(check_day(&[(FieldWork, 60), (FieldWork, 60)]).is_err());
        assert!(check_day(&[(FieldWork, -1)]).is_err());
    }

    #[test]
    fn shares_follow_the_targets_and_the_oslo_standard() {
        let mut s = TimeShares::default();
        assert_eq!(s.meets_targets(), None);
        s.add(FieldWork, 200);
        s.add(FollowUp, 100);
        s.add(Groups, 50);
        s.add(Prevention, 50);
        s.add(Documentation, 80);
        s.add(MeetingsOther, 20);
        // 500 minutes: field 40 %, direct 80 %.
        assert_eq!(s.field_work_percent(), Some(40));
        assert_eq!(s.direct_percent(), Some(80));
        assert_eq!(s.meets_targets(), Some(false));
        assert_eq!(s.oslo_percent(OsloPart::Outreach), Some(40));
        assert_eq!(s.oslo_percent(OsloPart::FollowUp), Some(30));
        assert_eq!(s.oslo_percent(OsloPart::Documentation), Some(16));
        s.add(FieldWork, 100);
        // 600 minutes: field 50 %, direct 83 %.
        assert_eq!(s.field_work_percent(), Some(50));
        assert_eq!(s.meets_targets(), Some(true));
        // Rounding: 1 of 3 is 33 %, 2 of 3 is 67 %.
        let mut r = TimeShares::default();
        r.add(FieldWork, 2);
        r.add(Documentation, 1);
        assert_eq!(r.field_work_percent(), Some(67));
        assert_eq!(r.category_percent(Documentation), Some(33));
    }
}
