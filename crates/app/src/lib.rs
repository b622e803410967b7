//! The use-case layer of Gatelangs: one home for every rule, transaction and audit entry.
//!
//! Adapters — the web pages and JSON API, the command line, bundle import and export, the demo —
//! parse their input, call a use case here and render its typed outcome. A use case takes a
//! capability (which only its check can build), owns the transaction, applies the domain rule and
//! writes the audit entry in that transaction. So a rule holds the same on every path that
//! reaches it. See ARCHITECTURE.md and `docs/decisions/0019-use-case-layer.md`.

pub mod access;
pub mod actor;
mod audit_log;
pub mod capabilities;
pub mod consent;
pub mod error;
pub mod field;
pub mod groups;
pub mod journal;
pub mod journal_transfer;
pub mod places;
pub mod presence;
pub mod prevention;
pub mod record_gate;
pub mod report_texts;
pub mod retention;
pub mod schools;
pub mod sharing;
pub mod staffing;
pub mod time_use;
pub mod users;
pub mod youths;

pub use actor::Actor;
pub use capabilities::{
    Administrator, AuditReader, CatalogueEditor, FieldRecorder, GroupWorker, InquiryRecorder,
    PlaceEditor, ReportReader, RotaPlanner, RotaReader, TimeRecorder,
};
pub use error::{Error, Result};
pub use record_gate::{OpenRecord, YouthDesk};
