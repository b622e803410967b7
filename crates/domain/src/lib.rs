//! The Gatelangs domain: the types and rules of outreach youth work, with no I/O.
//!
//! Every value that enters the system from outside is parsed into one of these types at the edge
//! ("parse, don't validate"), so code further in cannot hold an invalid slug, role or password.

/// Defines a closed set of codes with `ALL`, `as_str`, `Display` and `FromStr`.
macro_rules! code_set {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ParseError;
            fn from_str(s: &str) -> Result<Self, $crate::ParseError> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::ParseError(format!(
                        concat!("unknown ", $what, " {:?}: expected one of {}"),
                        s,
                        [$($code),+].join(", ")
                    ))),
                }
            }
        }
    };
}

pub mod access;
pub mod audit;
pub mod consent;
pub mod field;
pub mod groups;
pub mod ids;
pub mod journal_history;
pub mod password;
pub mod retention;
pub mod role;
pub mod service;
pub mod single_sign_on;
pub mod staffing;
pub mod time;
pub mod time_use;
pub mod user;
pub mod youth;

pub use audit::{AccessBasis, AuditAction, AuditEvent, PersonalDataAccess};
pub use ids::{
    AssessmentId, AttendanceId, BlockId, CollaborationId, ConsentId, ContactId, ConversationId,
    CounterpartId, DistrictId, EmergencyAccessId, EntryId, GroupId, InquiryId, ObservationId,
    PlaceId, PreventionId, PseudonymId, RotaTeamId, ServiceId, TargetId, UserId, WelfareId,
    YouthId,
};
pub use password::{NewPassword, PasswordError};
pub use role::Role;
pub use service::{MunicipalityNumber, ServiceName, ServiceSlug, ServiceTimeZone};
pub use user::{DisplayName, Username};

/// A value that failed to parse, with a message naming the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);
