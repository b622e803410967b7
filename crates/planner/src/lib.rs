//! Presence planning (product issue 14): with fewer staff, which weekly pattern of two-person
//! field teams per weekday, shift and district meets the most youths?
//!
//! Pure computation, no I/O: [`value`] turns the records' contacts per team-hour into the
//! expected contacts of one team-shift, [`solve`] finds the best week as an integer programme
//! (the `good_lp` modelling layer over the pure-Rust `microlp` solver; see decision 0025), and
//! [`Plan`] is the answer in the contract's shape.

mod plan;
mod problem;
mod solve;
pub mod value;
mod week;

pub use plan::{Plan, TeamShift};
pub use problem::{MAX_STAFF, Pin, PlanError, Problem, Requirement, ShiftTemplate};
pub use solve::solve;
