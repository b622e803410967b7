//! Section 3.0: the staffing plan in force on 1 July of the year, in the contract's shape.

use std::collections::BTreeMap;

use gatelangs_domain::staffing::{PlannedShift, Target, Weekday, plan_in_force};
use serde::Serialize;

/// One shift of the plan: `{"shift": "day", "starts": "08:30", "ends": "15:30", "teams":
/// {"mon": [2, 3], …}}`, weekdays with a target only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanShift {
    pub shift: String,
    pub starts: String,
    pub ends: String,
    pub teams: BTreeMap<Weekday, [u32; 2]>,
}

impl From<PlannedShift> for PlanShift {
    fn from(p: PlannedShift) -> Self {
        Self {
            shift: p.shift,
            starts: p.hours.starts.strftime("%H:%M").to_string(),
            ends: p.hours.ends.strftime("%H:%M").to_string(),
            teams: p
                .teams
                .into_iter()
                .map(|(day, range)| (day, [range.min, range.max]))
                .collect(),
        }
    }
}

/// The day whose plan the report shows (interchange.md: the plan in force on 1 July).
pub fn plan_day(year: i32) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(i16::try_from(year).ok()?, 7, 1).ok()
}

/// The plan in force on 1 July of `year`.
pub fn staffing_plan(targets: &[Target], year: i32) -> Vec<PlanShift> {
    plan_day(year)
        .map(|day| {
            plan_in_force(targets, day)
                .into_iter()
                .map(PlanShift::from)
                .collect()
        })
        .unwrap_or_default()
}
