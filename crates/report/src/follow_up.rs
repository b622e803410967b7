//! Section 2.3 of the report: individual follow-up conversations with named youths.

use std::collections::BTreeMap;

use gatelangs_storage::conversations::YearFigures;
use serde::Serialize;

/// The `follow_up` section of the annual-report JSON (`new_youths` and
/// `youths_in_other_municipalities` are additions to the contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// Follow-up conversations in the year.
    pub conversations: i64,
    /// Youths with at least one conversation in the year.
    pub unique_youths: i64,
    /// Unique youths with the challenge in the year; every code present.
    pub by_challenge: BTreeMap<&'static str, i64>,
    /// Youths whose first conversation ever was in the year.
    pub new_youths: i64,
    /// Youths followed up in the year who live outside the service's municipality (when none is
    /// configured: the municipality most of its youths live in).
    pub youths_in_other_municipalities: i64,
}

pub fn compute(figures: &YearFigures) -> FollowUp {
    FollowUp {
        conversations: figures.conversations,
        unique_youths: figures.unique_youths,
        by_challenge: figures.by_challenge.clone(),
        new_youths: figures.new_youths,
        youths_in_other_municipalities: figures.other_municipality,
    }
}
