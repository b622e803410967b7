//! Registering and keeping a named youth: identity, contact persons, closing the follow-up.
//!
//! The contact-person rule lives here once, for the form, the bundle import and the demo: two
//! different staff members of the service, each a field worker or leader whose account is
//! active. A form names both; an import may leave them (or one) for a leader to assign, and such
//! youths are listed for the leader by [`awaiting_contact_persons`] until they have two.

use gatelangs_domain::youth::{ContactPersonsGiven, check_contact_persons, normalize_name};
use gatelangs_domain::{
    AccessBasis, AuditAction, AuditEvent, PersonalDataAccess, Role, UserId, YouthId,
};
use gatelangs_storage::youths::{self, NewYouth, YouthFields};
use gatelangs_storage::{AnyConnection, Store, StoreError, users};
use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::record_gate::{YouthDesk, log_imported, subject};

/// The message key of every refused choice of contact persons.
pub const CONTACT_PERSONS_REFUSED: &str = "youth-error-contact-persons";
/// The message key of a `ref` another youth of the service already has.
pub const REFERENCE_TAKEN: &str = "youth-error-reference-taken";

/// Checks the number of contact persons and that each is staff of the service who can be one.
/// Returns the domain's reason when refused, for adapters that name it (import).
pub async fn check_persons(
    conn: &mut AnyConnection,
    service: gatelangs_domain::ServiceId,
    persons: &[UserId],
    given: ContactPersonsGiven,
) -> Result<std::result::Result<(), String>> {
    if let Err(e) = check_contact_persons(persons, given) {
        return Ok(Err(e.0));
    }
    for person in persons {
        match users::get(conn, service, *person).await {
            Ok(u) if u.disabled => {
                return Ok(Err(format!("{} has no active account", u.username)));
            }
            Ok(u) if !u.role.may_be_contact_person() => {
                return Ok(Err(format!(
                    "{} is {} and cannot be a contact person",
                    u.username, u.role
                )));
            }
            Ok(_) => {}
            Err(StoreError::NotFound) => return Ok(Err("unknown staff member".into())),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Ok(()))
}

/// A youth to register from a form.
#[derive(Debug, Clone)]
pub struct Registration {
    pub id: YouthId,
    pub fields: YouthFields,
    pub contact_persons: Vec<UserId>,
    /// The user saw the possible duplicates and chose to register anyway.
    pub duplicates_seen: bool,
}

/// A youth that may be the one being registered. Name and birth date only when the user may
/// see that youth (the look is then logged); otherwise only that a record exists.
#[derive(Debug, Clone)]
pub enum PossibleDuplicate {
    /// A record the user may open: shown with its name and birth date, the look logged as a read.
    Open {
        id: YouthId,
        reference: String,
        name: String,
        birth_date: Date,
    },
    /// A record the user may not open with the same name and birth date, or the same phone
    /// number: only that it exists is told ("ask a leader"), and the match is logged on the
    /// youth. A merely similar name is not told at all, so the form cannot be used to probe.
    Hidden,
}

#[derive(Debug)]
pub enum Registered {
    Created(YouthId),
    PossibleDuplicates(Vec<PossibleDuplicate>),
}

/// Registers a youth. A field worker who registers a youth is one of its contact persons (or
/// they could not open the record they just made); a leader chooses both.
pub async fn register(store: &Store, desk: &YouthDesk, reg: Registration) -> Result<Registered> {
    let mut persons = reg.contact_persons;
    if desk.role() != Role::Leader && !persons.contains(&desk.user()) {
        persons.insert(0, desk.user());
    }
    let keys = store.field_keys();
    let mut tx = store.begin().await?;
    if check_persons(&mut tx, desk.service(), &persons, ContactPersonsGiven::Both)
        .await?
        .is_err()
    {
        return Err(Error::Invalid(CONTACT_PERSONS_REFUSED));
    }
    if !reg.duplicates_seen {
        let found =
            youths::possible_duplicates(&mut tx, keys, desk.service(), &reg.fields, None).await?;
        if !found.is_empty() {
            let mut out = Vec::new();
            for y in found {
                match desk.decide(&mut tx, y.id).await? {
                    Ok(basis) => {
                        let event = AuditEvent::personal_data(
                            desk.user(),
                            PersonalDataAccess::Read,
                            basis,
                            subject(y.id),
                        )
                        .with_detail("duplicate_check");
                        store.audit(&mut tx, Some(desk.service()), &event).await?;
                        out.push(PossibleDuplicate::Open {
                            id: y.id,
                            reference: y.fields.reference.clone(),
                            name: y.full_name(),
                            birth_date: y.fields.birth_date,
                        });
                    }
                    Err(_) if same_person(&y.fields, &reg.fields) => {
                        let event = AuditEvent::new(
                            Some(desk.user()),
                            AuditAction::RecordAccessRefused,
                            subject(y.id),
                        )
                        .with_detail("duplicate_check");
                        store.audit(&mut tx, Some(desk.service()), &event).await?;
                        out.push(PossibleDuplicate::Hidden);
                    }
                    Err(_) => {}
                }
            }
            if !out.is_empty() {
                tx.commit().await?;
                return Ok(Registered::PossibleDuplicates(out));
            }
        }
    }
    if youths::id_by_ref(&mut tx, desk.service(), &reg.fields.reference)
        .await?
        .is_some()
    {
        return Err(Error::Conflict(REFERENCE_TAKEN));
    }
    youths::create(
        &mut tx,
        keys,
        desk.service(),
        NewYouth {
            id: reg.id,
            fields: &reg.fields,
            contact_persons: &persons,
            created_by: Some(desk.user()),
        },
        gatelangs_storage::now(),
    )
    .await?;
    let basis = if persons.contains(&desk.user()) {
        AccessBasis::ContactPerson
    } else {
        AccessBasis::Leader
    };
    let event = AuditEvent::personal_data(
        desk.user(),
        PersonalDataAccess::Change,
        basis,
        subject(reg.id),
    )
    .with_detail("registered");
    store.audit(&mut tx, Some(desk.service()), &event).await?;
    tx.commit().await?;
    Ok(Registered::Created(reg.id))
}

/// A youth found by the exact search, with whether the searcher may open the record.
#[derive(Debug)]
pub struct SearchHit {
    pub id: YouthId,
    pub reference: String,
    pub access: std::result::Result<AccessBasis, gatelangs_domain::access::Denial>,
}

/// The exact search (full name and birth date, by keyed hash) that leads to emergency access.
/// Each youth found gets its own audit entry, so the youth's access list shows the search; a
/// search that finds nobody is logged on the service.
pub async fn search_exact(
    store: &Store,
    desk: &YouthDesk,
    first_name: &str,
    last_name: &str,
    birth_date: Date,
) -> Result<Vec<SearchHit>> {
    let mut tx = store.begin().await?;
    let found = youths::find_exact(
        &mut tx,
        store.field_keys(),
        desk.service(),
        first_name,
        last_name,
        birth_date,
    )
    .await?;
    let mut hits = Vec::new();
    for id in found {
        let access = desk.decide(&mut tx, id).await?;
        let reference = youths::reference_in(&mut tx, desk.service(), id)
            .await?
            .unwrap_or_default();
        let event = AuditEvent::new(Some(desk.user()), AuditAction::YouthSearched, subject(id))
            .with_detail("exact search");
        store.audit(&mut tx, Some(desk.service()), &event).await?;
        hits.push(SearchHit {
            id,
            reference,
            access,
        });
    }
    if hits.is_empty() {
        let event = AuditEvent::new(Some(desk.user()), AuditAction::YouthSearched, "youths")
            .with_detail("0 found");
        store.audit(&mut tx, Some(desk.service()), &event).await?;
    }
    tx.commit().await?;
    Ok(hits)
}

/// The same name (as the keyed identity hash compares it) and birth date, or the same phone.
fn same_person(stored: &YouthFields, new: &YouthFields) -> bool {
    let same_identity = stored.birth_date == new.birth_date
        && normalize_name(&stored.first_name, &stored.last_name)
            == normalize_name(&new.first_name, &new.last_name);
    same_identity || (new.phone.is_some() && stored.phone == new.phone)
}

/// Changes a youth's identity details. The contact persons are not part of it; a leader sets
/// them with [`set_contact_persons`].
pub async fn edit(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    fields: &YouthFields,
) -> Result<()> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "identity")
        .await?;
    match youths::id_by_ref(&mut tx, rec.service(), &fields.reference).await? {
        Some(other) if other != youth => return Err(Error::Conflict(REFERENCE_TAKEN)),
        _ => {}
    }
    youths::update(&mut tx, store.field_keys(), rec.service(), youth, fields).await?;
    tx.commit().await?;
    Ok(())
}

/// A leader assigns the youth's two contact persons.
pub async fn set_contact_persons(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    persons: &[UserId],
) -> Result<()> {
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, "contact_persons")
        .await?;
    rec.require_leader()?;
    if check_persons(&mut tx, rec.service(), persons, ContactPersonsGiven::Both)
        .await?
        .is_err()
    {
        return Err(Error::Invalid(CONTACT_PERSONS_REFUSED));
    }
    youths::set_contact_persons(&mut tx, rec.service(), youth, persons).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes (`true`) or reopens (`false`) the youth's follow-up.
pub async fn set_closed(
    store: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    closed: bool,
) -> Result<()> {
    let what = if closed { "closed" } else { "reopened" };
    let (rec, mut tx) = desk
        .open(store, youth, PersonalDataAccess::Change, what)
        .await?;
    youths::set_closed(
        &mut tx,
        rec.service(),
        youth,
        closed.then(gatelangs_storage::now),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The open follow-ups that wait for a leader to assign contact persons: `(id, ref)`. Only
/// a leader is told (they are the one who assigns); for others the list is empty.
pub async fn awaiting_contact_persons(
    conn: &mut AnyConnection,
    desk: &YouthDesk,
) -> Result<Vec<(YouthId, String)>> {
    if desk.role() != Role::Leader {
        return Ok(Vec::new());
    }
    Ok(youths::awaiting_contact_persons(conn, desk.service()).await?)
}

/// Stores a youth from a bundle (or the demo's seeding, which is one) inside the caller's
/// transaction, with its audit entry (`detail` says which). The
/// import has checked its rows with [`check_contact_persons`] against the staff the bundle adds;
/// the check is repeated here against what is now stored, so no path writes a youth the rule
/// would refuse.
pub async fn store_imported(
    conn: &mut AnyConnection,
    store: &Store,
    service: gatelangs_domain::ServiceId,
    actor: Option<UserId>,
    new: NewYouth<'_>,
    detail: &'static str,
) -> Result<()> {
    check_persons(
        conn,
        service,
        new.contact_persons,
        ContactPersonsGiven::SomeMayWait,
    )
    .await?
    .map_err(|_| Error::Invalid(CONTACT_PERSONS_REFUSED))?;
    youths::create(
        conn,
        store.field_keys(),
        service,
        new,
        gatelangs_storage::now(),
    )
    .await?;
    log_imported(conn, store, service, actor, [new.id], detail).await?;
    Ok(())
}

/// Closes a follow-up at `closed_at` inside the caller's unit of work (the demo's records that
/// ended years ago), logged like an import.
pub async fn store_imported_closing(
    conn: &mut AnyConnection,
    store: &Store,
    service: gatelangs_domain::ServiceId,
    actor: Option<UserId>,
    youth: YouthId,
    closed_at: i64,
) -> Result<()> {
    youths::set_closed(conn, service, youth, Some(closed_at)).await?;
    log_imported(conn, store, service, actor, [youth], "closed").await?;
    Ok(())
}

/// Stores the shell of a record erased by a retention decision as a bundle brings it (see
/// `gatelangs_storage::retention`): nothing personal, only what past years' reports count.
pub async fn store_imported_shell(
    conn: &mut AnyConnection,
    store: &Store,
    service: gatelangs_domain::ServiceId,
    actor: Option<UserId>,
    shell: &youths::Shell,
) -> Result<()> {
    youths::create_shell(conn, service, shell, actor).await?;
    log_imported(
        conn,
        store,
        service,
        actor,
        [shell.id],
        "imported erased record",
    )
    .await?;
    Ok(())
}
