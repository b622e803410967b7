//! The annual report, computed from records — the leader writes only the prose.
//!
//! Each section is a pure function from aggregates to figures (`field_contacts::compute`), so
//! the figures can be checked without a database; `annual::build` loads the aggregates from the
//! store. The JSON shape is the public contract in `interchange.md`.

pub mod annual;
pub mod companions;
pub mod csv_tables;
pub mod document;
pub mod field_contacts;
pub mod field_teams;
pub mod follow_up;
pub mod groups;
pub mod prose;
pub mod public;
pub mod render;
pub mod sharing;
pub mod staffing;
pub mod trends;
pub mod typeset;

pub use annual::{AnnualReport, YEARS, build, valid_year};
