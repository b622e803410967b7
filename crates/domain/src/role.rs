//! Staff roles and what each may do.

use std::fmt;
use std::str::FromStr;

use crate::ParseError;

/// The role of a user within their service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Registers contacts and journals for own youths.
    FieldWorker,
    /// Everything in the service: reports, rota, access review.
    Leader,
    /// Configuration: users, places, import/export, keys.
    Admin,
    /// Aggregate statistics only; never personal data.
    Analyst,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::FieldWorker, Role::Leader, Role::Admin, Role::Analyst];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::FieldWorker => "field_worker",
            Role::Leader => "leader",
            Role::Admin => "admin",
            Role::Analyst => "analyst",
        }
    }

    /// Whether the role can reach personal data at all (the analyst never can). Such roles are
    /// the ones a service can require two-factor authentication for, since field work happens
    /// on phones over open networks.
    pub fn can_see_personal_data(self) -> bool {
        !matches!(self, Role::Analyst)
    }

    /// Leaders review the audit log and emergency access.
    pub fn can_review_audit_log(self) -> bool {
        matches!(self, Role::Leader)
    }

    /// Field workers and leaders do the follow-up, so only they can be a youth's contact person.
    pub fn may_be_contact_person(self) -> bool {
        matches!(self, Role::FieldWorker | Role::Leader)
    }

    /// Field workers and leaders write the follow-up journal; no other role can be its author.
    pub fn may_write_journal(self) -> bool {
        matches!(self, Role::FieldWorker | Role::Leader)
    }

    /// Administrators manage users and configuration.
    pub fn can_administer(self) -> bool {
        matches!(self, Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                ParseError(format!(
                    "unknown role {s:?}: expected one of field_worker, leader, admin, analyst"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_parses_from_its_code() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn only_the_analyst_is_kept_from_personal_data() {
        let blind: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| !r.can_see_personal_data())
            .collect();
        assert_eq!(blind, vec![Role::Analyst]);
    }
}
