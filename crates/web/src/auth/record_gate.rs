//! The one way into a youth's record. A handler gets youth data only through an [`OpenRecord`],
//! and the only way to get one is [`YouthDesk::open`], which asks the need-to-know rule
//! (`gatelangs_domain::access`) and writes the audit entry — in the transaction the handler then
//! reads or writes in, so the data and its trace commit together. A refusal is logged too, so
//! snooping attempts show in the leader's review.

use gatelangs_domain::access::{AccessFacts, Denial, record_access};
use gatelangs_domain::{
    AccessBasis, AuditAction, AuditEvent, PersonalDataAccess, Role, ServiceId, UserId, YouthId,
};
use gatelangs_storage::{Store, Tx, record_access as facts, youths};

use super::Principal;
use crate::error::AppError;

/// May work with named youths at all: field workers and leaders.
pub struct YouthDesk {
    pub service: ServiceId,
    pub user: UserId,
    pub role: Role,
}

/// A youth's record opened for one request, with the basis that was logged.
pub struct OpenRecord {
    pub service: ServiceId,
    pub user: UserId,
    pub role: Role,
    pub youth: YouthId,
    pub basis: AccessBasis,
}

impl OpenRecord {
    /// Leader-only actions (deletion, withholding, blocking, contact persons).
    pub fn require_leader(&self) -> Result<(), AppError> {
        if self.role == Role::Leader {
            Ok(())
        } else {
            Err(AppError::ForbiddenBecause("error-leader-only"))
        }
    }
}

/// What an access was for, written in the audit entry's detail (never a name or a note).
pub fn subject(youth: YouthId) -> String {
    format!("youth:{youth}")
}

impl YouthDesk {
    pub fn for_principal(principal: &Principal) -> Result<Self, AppError> {
        match principal.role() {
            Role::FieldWorker | Role::Leader => Ok(Self {
                service: principal.service_id(),
                user: principal.user_id(),
                role: principal.role(),
            }),
            _ => Err(AppError::ForbiddenBecause("error-no-personal-data")),
        }
    }

    /// What the need-to-know rule says about this user and `youth` now, without logging: for
    /// lists and search results, which log what they show themselves.
    pub async fn decide(
        &self,
        conn: &mut gatelangs_storage::AnyConnection,
        youth: YouthId,
    ) -> Result<Result<AccessBasis, Denial>, AppError> {
        let now = gatelangs_storage::now();
        let stored = facts::facts(conn, self.service, youth, self.user, now).await?;
        Ok(record_access(&AccessFacts {
            role: self.role,
            contact_person: stored.contact_person,
            blocked: stored.blocked,
            emergency_reason: stored.emergency_reason,
        }))
    }

    /// Opens `youth` for `access`; `what` names the part touched (`record`, `entry:<id>`, …).
    /// Returns the transaction the audit entry was written in; the handler commits it.
    pub async fn open(
        &self,
        store: &Store,
        youth: YouthId,
        access: PersonalDataAccess,
        what: &str,
    ) -> Result<(OpenRecord, Tx), AppError> {
        let mut tx = store.begin().await?;
        if !youths::exists(&mut tx, self.service, youth).await? {
            return Err(AppError::NotFound);
        }
        match self.decide(&mut tx, youth).await? {
            Ok(basis) => {
                let mut event =
                    AuditEvent::personal_data(self.user, access, basis.clone(), subject(youth));
                event.detail = match &basis {
                    AccessBasis::Emergency { reason } => format!("{what}; {reason}"),
                    _ => what.to_owned(),
                };
                store.audit(&mut tx, Some(self.service), &event).await?;
                Ok((
                    OpenRecord {
                        service: self.service,
                        user: self.user,
                        role: self.role,
                        youth,
                        basis,
                    },
                    tx,
                ))
            }
            Err(denial) => {
                let event = AuditEvent::new(
                    Some(self.user),
                    AuditAction::RecordAccessRefused,
                    subject(youth),
                )
                .with_detail(format!("{what}; {}", denial_code(denial)));
                store.audit(&mut tx, Some(self.service), &event).await?;
                tx.commit().await?;
                Err(match denial {
                    Denial::Role => AppError::ForbiddenBecause("error-no-personal-data"),
                    Denial::Blocked => AppError::ForbiddenBecause("error-record-blocked"),
                    Denial::NeedsEmergencyAccess => {
                        AppError::ForbiddenBecause("error-record-need-to-know")
                    }
                })
            }
        }
    }
}

fn denial_code(d: Denial) -> &'static str {
    match d {
        Denial::Role => "role",
        Denial::Blocked => "blocked",
        Denial::NeedsEmergencyAccess => "not_contact_person",
    }
}
