//! Typed identifiers: a `ServiceId` cannot be passed where a `UserId` is expected.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
            pub fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = crate::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s)
                    .map(Self)
                    .map_err(|_| crate::ParseError(format!("not a valid id: {s:?}")))
            }
        }
    };
}

define_id!(
    /// A service (tenant): one outreach team.
    ServiceId
);
define_id!(
    /// A staff member's account.
    UserId
);

define_id!(
    /// A district (område) holding places.
    DistrictId
);
define_id!(
    /// A place (sted) where contacts happen.
    PlaceId
);
define_id!(
    /// One registration of a field contact; chosen by the client so retries are recognised.
    ContactId
);
define_id!(
    /// A counterpart service in a service's catalogue (NAV, Barnevernstjenesten, …).
    CounterpartId
);

define_id!(
    /// A named youth in individual follow-up.
    YouthId
);
define_id!(
    /// A follow-up conversation with a youth.
    ConversationId
);
define_id!(
    /// A journal entry (all its versions share the id).
    EntryId
);
define_id!(
    /// A structured assessment of risk and protective factors.
    AssessmentId
);
define_id!(
    /// A blocking (sperring) of a record or an entry against one staff member.
    BlockId
);
define_id!(
    /// A grant of emergency access to one youth's record.
    EmergencyAccessId
);

define_id!(
    /// A consent to share with counterpart services.
    ConsentId
);
define_id!(
    /// A collaboration with a counterpart service about a youth.
    CollaborationId
);
define_id!(
    /// An anonymous inquiry to or from a counterpart service.
    InquiryId
);
define_id!(
    /// A concern report sent to, or information request received from, child welfare.
    WelfareId
);
define_id!(
    /// A group (life skills, FLYT, gaming, …) the team runs.
    GroupId
);
define_id!(
    /// One participant's attendance at one session of a group.
    AttendanceId
);
define_id!(
    /// An anonymous group participant known by a pseudonym, never linked to a youth.
    PseudonymId
);
define_id!(
    /// A prevention or information event (a class, a parent meeting, a talk, …).
    PreventionId
);
define_id!(
    /// A trend observation of a youth environment.
    ObservationId
);
define_id!(
    /// One row of the staffing plan: a target of field teams for a shift on a weekday.
    TargetId
);
define_id!(
    /// One field team on duty on a date and shift (a row of the rota).
    RotaTeamId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text() {
        let id = ServiceId::new();
        assert_eq!(id.to_string().parse::<ServiceId>(), Ok(id));
        assert!("not-a-uuid".parse::<UserId>().is_err());
    }
}
