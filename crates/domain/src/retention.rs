//! How long each record series is kept (pasientjournalloven § 25, arkivlova): the rule per
//! series, and when a closed follow-up record is due for a leader's decision.
//!
//! Anonymous records (statistics) and the staffing plan, rota and time use (which name staff, not
//! youths) are kept; the municipal archive decides whether they are deposited. A youth's follow-up record is kept while it is needed for the help. Gatelangs
//! cannot know when that ends, so a closed record is put before a leader when it has been closed
//! for [`REVIEW_AFTER_CLOSED_YEARS`]; the leader then decides (keep, or delete or deposit).

use jiff::ToSpan;
use jiff::civil::Date;

/// Years a follow-up record stays closed before it is listed for a decision.
pub const REVIEW_AFTER_CLOSED_YEARS: i16 = 5;

/// A series of records with one retention rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Named youths, their journal, consents, collaborations and child-welfare cases.
    FollowUpRecord,
    /// Anonymous field contacts and inquiries.
    FieldContacts,
    /// Groups (pseudonyms), prevention work and trend notes.
    GroupsPreventionTrends,
    /// The staffing plan, the rota and time use.
    StaffingAndTime,
    /// The audit log of every access.
    AuditLog,
}

/// What happens to a series over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Kept while needed for the help; listed for a decision this many years after closing.
    WhileNeeded { review_after_closed_years: i16 },
    /// Kept; the municipal archive decides about deposit. Holds no youth's personal data.
    Kept,
    /// Kept as long as the records it logs, and never shortened: the chain is verified from its
    /// first entry.
    AsLongAsTheRecords,
}

/// Every series and its rule, in the order a page lists them.
pub const RULES: [(Series, Keep); 5] = [
    (
        Series::FollowUpRecord,
        Keep::WhileNeeded {
            review_after_closed_years: REVIEW_AFTER_CLOSED_YEARS,
        },
    ),
    (Series::FieldContacts, Keep::Kept),
    (Series::GroupsPreventionTrends, Keep::Kept),
    (Series::StaffingAndTime, Keep::Kept),
    (Series::AuditLog, Keep::AsLongAsTheRecords),
];

impl Series {
    pub fn code(self) -> &'static str {
        match self {
            Series::FollowUpRecord => "follow_up_record",
            Series::FieldContacts => "field_contacts",
            Series::GroupsPreventionTrends => "groups_prevention_trends",
            Series::StaffingAndTime => "staffing_and_time",
            Series::AuditLog => "audit_log",
        }
    }
}

/// The day a record closed on `closed_on` is due for a decision. A record closed on 29 February
/// is due on 28 February of a common year (never a day later than the full years).
pub fn review_due(closed_on: Date) -> Date {
    closed_on
        .checked_add(i64::from(REVIEW_AFTER_CLOSED_YEARS).years())
        .unwrap_or(Date::MAX)
}

/// Whether a record closed on `closed_on` is past its period on `today`.
pub fn is_past_period(closed_on: Date, today: Date) -> bool {
    review_due(closed_on) <= today
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_record_is_due_on_the_day_its_years_are_full() {
        assert_eq!(review_due(date(2020, 3, 15)), date(2025, 3, 15));
        assert!(!is_past_period(date(2020, 3, 15), date(2025, 3, 14)));
        assert!(is_past_period(date(2020, 3, 15), date(2025, 3, 15)));
    }

    #[test]
    fn a_record_closed_on_a_leap_day_is_due_on_the_last_day_of_february() {
        assert_eq!(review_due(date(2024, 2, 29)), date(2029, 2, 28));
        assert_eq!(review_due(date(9998, 1, 1)), Date::MAX);
    }

    #[test]
    fn anonymous_series_are_kept_and_only_the_record_is_reviewed() {
        let reviewed: Vec<Series> = RULES
            .iter()
            .filter(|(_, keep)| matches!(keep, Keep::WhileNeeded { .. }))
            .map(|(series, _)| *series)
            .collect();
        assert_eq!(reviewed, vec![Series::FollowUpRecord]);
    }
}
