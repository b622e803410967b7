//! The Gatelangs domain: the types and rules of outreach youth work, with no I/O.
//!
//! Every value that enters the system from outside is parsed into one of these types at the edge
//! ("parse, don't validate"), so code further in cannot hold an invalid slug, role or password.

pub mod audit;
pub mod field;
pub mod ids;
pub mod password;
pub mod role;
pub mod service;
pub mod time;
pub mod user;

pub use audit::{AccessBasis, AuditAction, AuditEvent, PersonalDataAccess};
pub use ids::{ContactId, CounterpartId, DistrictId, PlaceId, ServiceId, UserId};
pub use password::{NewPassword, PasswordError};
pub use role::Role;
pub use service::{MunicipalityNumber, ServiceName, ServiceSlug, ServiceTimeZone};
pub use user::{DisplayName, Username};

/// A value that failed to parse, with a message naming the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);
