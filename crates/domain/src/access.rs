//! Need-to-know access to a youth's record (pasientjournalloven §§ 19, 22; Normen): who may open
//! it, and on which basis the access is logged. One pure function decides, so every route asks
//! the same question and the authorization matrix test can walk every case.

use crate::{AccessBasis, Role};

/// What is known about one user and one youth's record at the moment of access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessFacts {
    pub role: Role,
    /// The user is one of the youth's two contact persons.
    pub contact_person: bool,
    /// The youth has blocked (sperret) the whole record against this user.
    pub blocked: bool,
    /// The reason of an emergency access that is still in force, if any.
    /// The id of the user's emergency access to the record that has not expired.
    pub emergency_access: Option<String>,
}

/// Why a record stays closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// The role never reaches personal data in the web pages (analyst, administrator).
    Role,
    /// The youth has blocked the record against this user; emergency access does not help.
    Blocked,
    /// Not a contact person or leader: emergency access with a reason is the way in.
    NeedsEmergencyAccess,
}

/// Decides whether the record opens, and on which basis the access is logged.
pub fn record_access(facts: &AccessFacts) -> Result<AccessBasis, Denial> {
    if !matches!(facts.role, Role::FieldWorker | Role::Leader) {
        return Err(Denial::Role);
    }
    if facts.blocked {
        return Err(Denial::Blocked);
    }
    if facts.contact_person {
        return Ok(AccessBasis::ContactPerson);
    }
    if facts.role == Role::Leader {
        return Ok(AccessBasis::Leader);
    }
    match &facts.emergency_access {
        Some(access) => Ok(AccessBasis::Emergency {
            access: access.clone(),
        }),
        None => Err(Denial::NeedsEmergencyAccess),
    }
}

/// How long an emergency access lasts.
pub const EMERGENCY_ACCESS_SECS: i64 = 4 * 3600;

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(role: Role, contact_person: bool, blocked: bool, emergency: bool) -> AccessFacts {
        AccessFacts {
            role,
            contact_person,
            blocked,
            emergency_access: emergency.then(|| "e1".to_owned()),
        }
    }

    #[test]
    fn every_combination_has_the_expected_answer() {
        for role in Role::ALL {
            for contact_person in [false, true] {
                for blocked in [false, true] {
                    for emergency in [false, true] {
                        let got = record_access(&facts(role, contact_person, blocked, emergency));
                        let want = match role {
                            Role::Admin | Role::Analyst => Err(Denial::Role),
                            _ if blocked => Err(Denial::Blocked),
                            _ if contact_person => Ok("contact_person"),
                            Role::Leader => Ok("leader"),
                            _ if emergency => Ok("emergency"),
                            _ => Err(Denial::NeedsEmergencyAccess),
                        };
                        assert_eq!(
                            got.as_ref().map(AccessBasis::code).map_err(|d| *d),
                            want,
                            "{role:?} contact={contact_person} blocked={blocked} emergency={emergency}"
                        );
                    }
                }
            }
        }
    }
}
