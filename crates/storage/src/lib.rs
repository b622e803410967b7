//! Gatelangs storage: one interface over SQLite (the embedded default) and PostgreSQL.
//!
//! Both backends run the same portable SQL through sqlx's `Any` driver; what differs per backend
//! is the connection setup and the migrations, which each backend owns (`migrations/sqlite`,
//! `migrations/postgres`). See `docs/decisions/0002-database-layer.md`.
//!
//! Functions that touch a service's data take the [`ServiceId`](gatelangs_domain::ServiceId)
//! as a parameter and put it in every `WHERE`; the web layer only ever passes the one from the
//! authenticated session.

pub mod assessments;
pub mod audit;
pub mod backup;
pub mod child_welfare;
pub mod class_checklist;
pub mod collaborations;
pub mod consents;
pub mod contacts;
pub mod conversations;
pub mod counterparts;
pub mod crypto;
mod db;
mod error;
pub mod groups;
pub mod ids;
pub mod inquiries;
pub mod journal;
pub mod logos;
pub mod observations;
pub mod places;
pub mod prevention;
pub mod record_access;
pub mod recovery_codes;
pub mod rekey;
pub mod report_texts;
pub mod reset_links;
pub mod retention;
mod row;
pub mod schools;
pub mod services;
pub mod sessions;
pub mod setup;
pub mod staffing;
pub mod time_use;
pub mod users;
pub mod youths;

pub use audit::AuditKey;
pub use crypto::FieldKeys;
pub use db::{Backend, Store, Tx, redact};
pub use error::StoreError;
pub use sqlx::AnyConnection;
pub use sqlx::Error as DbError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The current time as Unix seconds, the storage representation of every timestamp.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}
