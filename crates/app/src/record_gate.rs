//! The one way into a youth's record. Youth data is reached only through an [`OpenRecord`], and
//! the only way to get one is [`YouthDesk::open`], which asks the need-to-know rule
//! (`gatelangs_domain::access`) and writes the audit entry — in the transaction the use case then
//! reads or writes in, so the data and its trace commit together. A refusal is logged too, so
//! snooping attempts show in the leader's review (decision 15).
//!
//! Entry-level blocks travel with the open record: [`OpenRecord::journal`] leaves out the entries
//! the youth has blocked against this user, and [`OpenRecord::entry`] refuses them, so the record
//! page, the youth's copy, the API and every journal action see the same journal.

use std::collections::HashSet;

use gatelangs_domain::access::{AccessFacts, Denial, record_access};
use gatelangs_domain::{
    AccessBasis, AuditAction, AuditEvent, EntryId, PersonalDataAccess, Role, ServiceId, UserId,
    YouthId,
};
use gatelangs_storage::journal::{self, Entry, EntryKey};
use gatelangs_storage::{AnyConnection, FieldKeys, Store, Tx, record_access as facts, youths};

use crate::actor::Actor;
use crate::error::{Error, Result};

/// May work with named youths at all: field workers and leaders.
#[derive(Debug, Clone)]
pub struct YouthDesk {
    service: ServiceId,
    user: UserId,
    role: Role,
}

/// A youth's record opened for one request, with the basis that was logged.
#[derive(Debug)]
pub struct OpenRecord {
    service: ServiceId,
    user: UserId,
    role: Role,
    youth: YouthId,
    basis: AccessBasis,
    blocked_entries: HashSet<EntryId>,
}

/// What an access was for, written in the audit entry's subject (never a name or a note).
pub fn subject(youth: YouthId) -> String {
    format!("youth:{youth}")
}

impl YouthDesk {
    pub fn for_actor(actor: &Actor) -> Result<Self> {
        match (actor.role(), actor.user_id()) {
            (Role::FieldWorker | Role::Leader, Some(user)) => Ok(Self {
                service: actor.service(),
                user,
                role: actor.role(),
            }),
            _ => Err(Error::Forbidden("error-no-personal-data")),
        }
    }

    pub fn service(&self) -> ServiceId {
        self.service
    }
    pub fn user(&self) -> UserId {
        self.user
    }
    pub fn role(&self) -> Role {
        self.role
    }

    /// What the need-to-know rule says about this user and `youth` now, without logging: for
    /// lists and search results, which log what they show themselves.
    pub async fn decide(
        &self,
        conn: &mut AnyConnection,
        youth: YouthId,
    ) -> Result<std::result::Result<AccessBasis, Denial>> {
        let now = gatelangs_storage::now();
        let stored = facts::facts(conn, self.service, youth, self.user, now).await?;
        Ok(record_access(&AccessFacts {
            role: self.role,
            contact_person: stored.contact_person,
            blocked: stored.blocked,
            emergency_access: stored.emergency_access,
        }))
    }

    /// Opens `youth` for `access`; `what` names the part touched (`record`, `entry:<id>`, …).
    /// Returns the transaction the audit entry was written in; the use case commits it.
    pub async fn open(
        &self,
        store: &Store,
        youth: YouthId,
        access: PersonalDataAccess,
        what: &str,
    ) -> Result<(OpenRecord, Tx)> {
        let mut tx = store.begin().await?;
        if !youths::exists(&mut tx, self.service, youth).await? {
            return Err(Error::NotFound);
        }
        match self.decide(&mut tx, youth).await? {
            Ok(basis) => {
                let mut event =
                    AuditEvent::personal_data(self.user, access, basis.clone(), subject(youth));
                event.detail = match &basis {
                    AccessBasis::Emergency { access } => {
                        format!("{what}; emergency access {access}")
                    }
                    _ => what.to_owned(),
                };
                store.audit(&mut tx, Some(self.service), &event).await?;
                let blocked_entries =
                    facts::blocked_entries(&mut tx, self.service, youth, self.user).await?;
                Ok((
                    OpenRecord {
                        service: self.service,
                        user: self.user,
                        role: self.role,
                        youth,
                        basis,
                        blocked_entries,
                    },
                    tx,
                ))
            }
            Err(denial) => {
                refuse(
                    store,
                    tx,
                    self.service,
                    self.user,
                    youth,
                    what,
                    denial_code(denial),
                )
                .await?;
                Err(Error::Forbidden(match denial {
                    Denial::Role => "error-no-personal-data",
                    Denial::Blocked => "error-record-blocked",
                    Denial::NeedsEmergencyAccess => "error-record-need-to-know",
                }))
            }
        }
    }
}

/// Logs a refused access in its own committed transaction.
async fn refuse(
    store: &Store,
    mut tx: Tx,
    service: ServiceId,
    user: UserId,
    youth: YouthId,
    what: &str,
    code: &str,
) -> Result<()> {
    let event = AuditEvent::new(Some(user), AuditAction::RecordAccessRefused, subject(youth))
        .with_detail(format!("{what}; {code}"));
    store.audit(&mut tx, Some(service), &event).await?;
    tx.commit().await?;
    Ok(())
}

fn denial_code(d: Denial) -> &'static str {
    match d {
        Denial::Role => "role",
        Denial::Blocked => "blocked",
        Denial::NeedsEmergencyAccess => "not_contact_person",
    }
}

impl OpenRecord {
    pub fn service(&self) -> ServiceId {
        self.service
    }
    pub fn user(&self) -> UserId {
        self.user
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn youth(&self) -> YouthId {
        self.youth
    }
    pub fn basis(&self) -> &AccessBasis {
        &self.basis
    }

    /// Leader-only actions (deletion, withholding, blocking, contact persons).
    pub fn require_leader(&self) -> Result<()> {
        if self.role == Role::Leader {
            Ok(())
        } else {
            Err(Error::Forbidden("error-leader-only"))
        }
    }

    /// Whether the youth has blocked this entry against the user who opened the record.
    pub fn is_blocked(&self, entry: EntryId) -> bool {
        self.blocked_entries.contains(&entry)
    }

    /// How many entries the youth has blocked against this user (the record says that some are
    /// hidden, never which).
    pub fn hidden_entries(&self) -> usize {
        self.blocked_entries.len()
    }

    /// The key of one of this record's entries.
    pub fn entry_key(&self, entry: EntryId) -> EntryKey {
        EntryKey {
            service: self.service,
            youth: self.youth,
            entry,
        }
    }

    /// The journal as this user may see it: every entry with its versions, less the entries the
    /// youth has blocked against them.
    pub async fn journal(&self, conn: &mut AnyConnection, keys: &FieldKeys) -> Result<Vec<Entry>> {
        let mut entries = journal::for_youth(conn, keys, self.service, self.youth).await?;
        entries.retain(|e| !self.is_blocked(e.id));
        Ok(entries)
    }

    /// One entry for a change; an entry blocked against this user is refused as if it were not
    /// there to them (the refusal names the block, so they know why).
    pub async fn entry(
        &self,
        conn: &mut AnyConnection,
        keys: &FieldKeys,
        entry: EntryId,
    ) -> Result<Entry> {
        if self.is_blocked(entry) {
            return Err(Error::Forbidden("error-entry-blocked"));
        }
        journal::get(conn, keys, self.entry_key(entry))
            .await?
            .ok_or(Error::NotFound)
    }
}

/// Logs that a bundle import (or the demo's seeding) changed the records of `youths`: one
/// entry per youth, on the administration basis, so each youth's access list shows it.
pub async fn log_imported(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    actor: Option<UserId>,
    youths: impl IntoIterator<Item = YouthId>,
    detail: &str,
) -> Result<()> {
    for youth in youths {
        let event = AuditEvent::new(
            actor,
            AuditAction::PersonalData {
                access: PersonalDataAccess::Change,
                basis: AccessBasis::Administration,
            },
            subject(youth),
        )
        .with_detail(detail);
        store.audit(conn, Some(service), &event).await?;
    }
    Ok(())
}
