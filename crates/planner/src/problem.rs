//! What the leader asks: how many staff, their hours, the shift templates, the rules that must
//! hold, and what one team is expected to meet where and when.

use std::collections::BTreeMap;

use gatelangs_domain::staffing::{ShiftHours, Weekday};

/// A shift of the staffing plan, by name and clock hours (`evening`, 14:30–22:15).
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftTemplate {
    pub name: String,
    pub hours: ShiftHours,
}

/// At least `min_teams` teams, summed over `slots` (weekday and shift name): one slot with one
/// team is a night the leader marks as must-cover; Monday to Friday's day shift with eight is a
/// week of school-day commitments.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub slots: Vec<(Weekday, String)>,
    pub min_teams: u32,
}

/// A shift the leader has fixed: exactly `teams` teams in `district` on that weekday and shift.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pin {
    pub weekday: Weekday,
    pub shift: String,
    pub district: String,
    pub teams: u32,
}

/// The question put to the planner.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Staff who can be on a field team.
    pub staff: u32,
    /// Contracted hours per person per week; no one is planned for more.
    pub hours_per_week: f64,
    pub shifts: Vec<ShiftTemplate>,
    pub districts: Vec<String>,
    /// Expected contacts of one team on a weekday and shift in a district (see [`crate::value`]);
    /// a missing entry is zero.
    pub value: BTreeMap<(Weekday, String, String), f64>,
    pub requirements: Vec<Requirement>,
    pub pins: Vec<Pin>,
    /// Teams in the same district on the same shift: a second meets half of what the first
    /// does (the same youths are out), a third a quarter, and no more than this many are sent.
    pub max_teams_per_district: u32,
}

/// The most staff a plan is made for: the model grows with staff × slots.
pub const MAX_STAFF: u32 = 40;

/// Why no plan could be made; the text is shown to the leader.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("the problem is not well formed: {0}")]
    Invalid(String),
    #[error("no week meets every rule: {0}")]
    Infeasible(String),
    #[error("the solver failed: {0}")]
    Solver(String),
}

impl Problem {
    pub(crate) fn shift(&self, name: &str) -> Option<usize> {
        self.shifts.iter().position(|s| s.name == name)
    }

    pub(crate) fn district(&self, name: &str) -> Option<usize> {
        self.districts.iter().position(|d| d == name)
    }

    /// Names every pin, requirement and number the model cannot take.
    pub(crate) fn check(&self) -> Result<(), PlanError> {
        let invalid = |m: String| Err(PlanError::Invalid(m));
        if self.staff > MAX_STAFF {
            return invalid(format!("at most {MAX_STAFF} staff, not {}", self.staff));
        }
        if !(self.hours_per_week.is_finite() && (0.0..=168.0).contains(&self.hours_per_week)) {
            return invalid(format!(
                "hours per week must be 0–168, not {}",
                self.hours_per_week
            ));
        }
        if self.shifts.is_empty() {
            return invalid("the staffing plan has no shifts".into());
        }
        for p in &self.pins {
            if self.shift(&p.shift).is_none() {
                return invalid(format!("a pin names the unknown shift {:?}", p.shift));
            }
            if self.district(&p.district).is_none() {
                return invalid(format!("a pin names the unknown district {:?}", p.district));
            }
            if p.teams > self.max_teams_per_district.max(1) {
                return invalid(format!(
                    "a pin asks for {} teams; at most {} per district and shift",
                    p.teams, self.max_teams_per_district
                ));
            }
        }
        for r in &self.requirements {
            if let Some((_, s)) = r.slots.iter().find(|(_, s)| self.shift(s).is_none()) {
                return invalid(format!("a rule names the unknown shift {s:?}"));
            }
        }
        Ok(())
    }
}
