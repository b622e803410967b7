//! The planner's answer, in the shape `gatelangs plan presence --format json` prints.

use gatelangs_domain::staffing::Weekday;
use serde::Serialize;

/// Teams in one district on one weekday and shift, every week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamShift {
    pub weekday: Weekday,
    pub shift: String,
    pub district: String,
    pub teams: u32,
    /// Expected contacts of these teams per week.
    #[serde(skip)]
    pub expected_contacts: f64,
}

/// A week of field teams for `staff` people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub staff: u32,
    /// Weekday order, then shift order of the plan, then district order.
    pub weekly_team_shifts: Vec<TeamShift>,
    pub expected_contacts_per_week: f64,
    pub team_hours_per_week: f64,
    /// One week's shifts for each person (weekday, shift name): the proof that the pattern can
    /// be staffed within everyone's hours and the rest rule.
    #[serde(skip)]
    pub rota: Vec<Vec<(Weekday, String)>>,
}

impl Plan {
    /// Teams planned on a weekday and shift, over all districts.
    pub fn teams_on(&self, weekday: Weekday, shift: &str) -> u32 {
        self.weekly_team_shifts
            .iter()
            .filter(|t| t.weekday == weekday && t.shift == shift)
            .map(|t| t.teams)
            .sum()
    }
}
