//! Group attendance. Attendance of a named youth is personal data (it says the youth takes part
//! in, say, a life-skills group), so it is written here, with an audit entry for each youth; a
//! pseudonymous participant is never linked to a youth.

use std::collections::BTreeSet;

use gatelangs_domain::{
    AccessBasis, AuditAction, AuditEvent, PersonalDataAccess, ServiceId, UserId,
};
use gatelangs_storage::groups::{self, Attendee, NewAttendance};
use gatelangs_storage::{AnyConnection, Store, now};

use crate::error::Result;
use crate::record_gate::subject;

/// Stores attendances from a bundle (or the demo) inside the caller's transaction; each named
/// youth gets one audit entry for the batch.
pub async fn store_imported_attendances(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    actor: Option<UserId>,
    attendances: &[NewAttendance],
) -> Result<()> {
    let mut youths = BTreeSet::new();
    let at = now();
    for a in attendances {
        groups::add_attendance(conn, service, a, at).await?;
        if let Attendee::Youth(y) = a.attendee {
            youths.insert(y);
        }
    }
    for youth in youths {
        let event = AuditEvent::new(
            actor,
            AuditAction::PersonalData {
                access: PersonalDataAccess::Change,
                basis: AccessBasis::Administration,
            },
            subject(youth),
        )
        .with_detail("group attendance imported");
        store.audit(conn, Some(service), &event).await?;
    }
    Ok(())
}
