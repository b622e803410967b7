//! Group attendance. Attendance of a named youth is personal data (it says the youth takes part
//! in, say, a life-skills group), so it is written here, with an audit entry for each youth; a
//! pseudonymous participant is never linked to a youth.

use std::collections::BTreeSet;

use gatelangs_domain::{
    AttendanceId, AuditEvent, GroupId, PersonalDataAccess, Role, ServiceId, UserId, YouthId,
};
use gatelangs_storage::groups::{self, Attendee, NewAttendance};
use gatelangs_storage::{AnyConnection, Store, now, youths};
use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::record_gate::{YouthDesk, log_imported, subject};

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
    log_imported(
        conn,
        store,
        service,
        actor,
        youths,
        "group attendance imported",
    )
    .await?;
    Ok(())
}

/// A session as the roll-call page sends it: the named youths ticked and the pseudonyms typed.
#[derive(Debug, Clone)]
pub struct Session {
    pub group: GroupId,
    pub day: Date,
    pub youths: Vec<YouthId>,
    pub pseudonyms: Vec<String>,
    /// How many others took part, known neither by name nor by pseudonym; `None` leaves the
    /// count already recorded for the session as it is.
    pub others: Option<u32>,
    /// The id a phone gave a roll-call it queued offline: a roll-call sent again with the same
    /// id stores nothing.
    pub receipt: Option<uuid::Uuid>,
}

/// The most others a roll-call can count at one session (a typing error beyond).
pub const MAX_OTHERS: u32 = 1000;

/// What a session recorded: attendances written, and those already there (a resubmitted form,
/// or the same participant ticked twice) that were not written again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub written: usize,
    pub already_there: usize,
    /// The roll-call's id was stored before: nothing was written this time.
    pub repeated: bool,
}

/// Records the attendance of one session. A named youth must be one the user may see (ticking
/// one writes nothing they could not see already); each gets an audit entry with the basis.
/// Pseudonyms are remembered per service and never linked to a youth.
pub async fn record_session(store: &Store, desk: &YouthDesk, session: Session) -> Result<Recorded> {
    if !(desk.role() == Role::FieldWorker || desk.role() == Role::Leader) {
        return Err(Error::Forbidden("error-forbidden"));
    }
    let mut tx = store.begin().await?;
    let service = desk.service();
    let Some(group) = groups::list(&mut tx, service)
        .await?
        .into_iter()
        .find(|g| g.id == session.group)
    else {
        return Err(Error::NotFound);
    };
    let at = now();
    if session.others.is_some_and(|n| n > MAX_OTHERS) {
        return Err(Error::Invalid("groups-error-others"));
    }
    if let Some(id) = session.receipt
        && !groups::receive_roll_call(&mut tx, service, id, at)
            .await
            .map_err(|e| match e {
                gatelangs_storage::StoreError::Conflict => Error::Conflict("groups-error-id-taken"),
                e => e.into(),
            })?
    {
        return Ok(Recorded {
            written: 0,
            already_there: 0,
            repeated: true,
        });
    }
    let existing: BTreeSet<String> =
        groups::attendance(&mut tx, service, Some(i32::from(session.day.year())))
            .await?
            .into_iter()
            .filter(|a| a.group == group.name && a.day == session.day.to_string())
            .map(|a| match (a.youth_ref, a.pseudonym) {
                (Some(r), _) => format!("youth:{r}"),
                (None, l) => format!("anon:{}", l.unwrap_or_default()),
            })
            .collect();
    let mut seen = BTreeSet::new();
    let mut recorded = Recorded {
        written: 0,
        already_there: 0,
        repeated: false,
    };
    for youth in session.youths {
        // A record erased by a retention decision is no youth to tick any more.
        if !youths::exists(&mut tx, service, youth).await? {
            return Err(Error::NotFound);
        }
        let basis = match desk.decide(&mut tx, youth).await? {
            Ok(basis) => basis,
            Err(_) => return Err(Error::Forbidden("error-record-need-to-know")),
        };
        let reference = youths::reference_in(&mut tx, service, youth)
            .await?
            .ok_or(Error::NotFound)?;
        let key = format!("youth:{reference}");
        if existing.contains(&key) || !seen.insert(key) {
            recorded.already_there += 1;
            continue;
        }
        let new = NewAttendance {
            id: AttendanceId::new(),
            group: group.id,
            day: session.day,
            attendee: Attendee::Youth(youth),
            recorded_by: Some(desk.user()),
        };
        groups::add_attendance(&mut tx, service, &new, at).await?;
        let event = AuditEvent::personal_data(
            desk.user(),
            PersonalDataAccess::Change,
            basis,
            subject(youth),
        )
        .with_detail(format!("group attendance: {}", group.name));
        store.audit(&mut tx, Some(service), &event).await?;
        recorded.written += 1;
    }
    for label in session.pseudonyms {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() {
            continue;
        }
        if label.chars().count() > 100 {
            return Err(Error::Invalid("groups-error-pseudonym"));
        }
        let key = format!("anon:{label}");
        if existing.contains(&key) || !seen.insert(key) {
            recorded.already_there += 1;
            continue;
        }
        let pseudonym = groups::pseudonym(&mut tx, service, &label, at).await?;
        let new = NewAttendance {
            id: AttendanceId::new(),
            group: group.id,
            day: session.day,
            attendee: Attendee::Pseudonym(pseudonym),
            recorded_by: Some(desk.user()),
        };
        groups::add_attendance(&mut tx, service, &new, at).await?;
        recorded.written += 1;
    }
    if let Some(others) = session.others {
        groups::set_others(&mut tx, service, group.id, session.day, others).await?;
    }
    tx.commit().await?;
    Ok(recorded)
}

/// The named youths a roll-call offers: the user's own youths and those who came to the group
/// before whom the user may see, by `ref`. Each name shown is an access, logged with its basis.
pub async fn roll_call(
    store: &Store,
    desk: &YouthDesk,
    group: GroupId,
) -> Result<Vec<(YouthId, String, String)>> {
    let mut tx = store.begin().await?;
    let service = desk.service();
    let Some(group) = groups::list(&mut tx, service)
        .await?
        .into_iter()
        .find(|g| g.id == group)
    else {
        return Err(Error::NotFound);
    };
    let keys = store.field_keys();
    let mut candidates: Vec<YouthId> = youths::list(&mut tx, keys, service, Some(desk.user()))
        .await?
        .into_iter()
        .filter(|y| y.closed_at.is_none())
        .map(|y| y.id)
        .collect();
    for id in groups::named_attendees(&mut tx, service, group.id).await? {
        if !candidates.contains(&id) {
            candidates.push(id);
        }
    }
    let mut out = Vec::new();
    for youth in candidates {
        let Ok(basis) = desk.decide(&mut tx, youth).await? else {
            continue;
        };
        let Some(y) = youths::get(&mut tx, keys, service, youth).await? else {
            continue;
        };
        let event =
            AuditEvent::personal_data(desk.user(), PersonalDataAccess::Read, basis, subject(youth))
                .with_detail(format!("roll call: {}", group.name));
        store.audit(&mut tx, Some(service), &event).await?;
        out.push((youth, y.fields.reference.clone(), y.full_name()));
    }
    tx.commit().await?;
    out.sort_by(|a, b| a.2.cmp(&b.2));
    Ok(out)
}

/// A new group: a name unique in the service (at most 100 characters), its kind and place.
pub async fn create_group(
    store: &Store,
    worker: &crate::GroupWorker,
    name: &str,
    kind: gatelangs_domain::groups::GroupKind,
    place: Option<gatelangs_domain::PlaceId>,
) -> Result<GroupId> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 100 {
        return Err(Error::Invalid("groups-error-name"));
    }
    let mut tx = store.begin().await?;
    if groups::find(&mut tx, worker.service(), &name)
        .await?
        .is_some()
    {
        return Err(Error::Conflict("groups-error-name-taken"));
    }
    let id = GroupId::new();
    groups::create(&mut tx, worker.service(), id, &name, kind, place, now())
        .await
        .map_err(|e| match e {
            gatelangs_storage::StoreError::NotFound => Error::Invalid("groups-error-place"),
            e => e.into(),
        })?;
    tx.commit().await?;
    Ok(id)
}

/// Makes `staff` the people who run `group`: field workers and leaders of the service who can
/// log in. Anyone else is refused by name, and nothing changes.
pub async fn set_staff(
    store: &Store,
    worker: &crate::GroupWorker,
    group: GroupId,
    staff: &[UserId],
) -> Result<()> {
    let mut tx = store.begin().await?;
    let service = worker.service();
    if !groups::list(&mut tx, service)
        .await?
        .iter()
        .any(|g| g.id == group)
    {
        return Err(Error::NotFound);
    }
    let chosen = checked_staff(&mut tx, service, staff).await?;
    groups::set_staff(&mut tx, service, group, &chosen).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `user` may run a group or hold a prevention event: a field worker or leader who can
/// log in. The forms offer only these; `checked_staff` refuses anyone else.
pub fn may_hold_group_work(user: &gatelangs_storage::users::User) -> bool {
    !user.disabled && matches!(user.role, Role::FieldWorker | Role::Leader)
}

/// `staff` once each, if every one is a field worker or leader of `service` who can log in:
/// the people who may run a group or hold a prevention event.
pub(crate) async fn checked_staff(
    conn: &mut AnyConnection,
    service: ServiceId,
    staff: &[UserId],
) -> Result<Vec<UserId>> {
    let users = gatelangs_storage::users::list(conn, service).await?;
    let mut chosen = BTreeSet::new();
    for id in staff {
        let ok = users.iter().any(|u| u.id == *id && may_hold_group_work(u));
        if !ok {
            return Err(Error::Invalid("groups-error-staff"));
        }
        chosen.insert(*id);
    }
    Ok(chosen.into_iter().collect())
}
