//! Importing a bundle into a service, all or nothing.

use std::collections::{HashMap, HashSet};

use gatelangs_app::users::CreatedBy;
use gatelangs_domain::field::join_topics;
use gatelangs_domain::{
    AuditAction, AuditEvent, ContactId, PlaceId, ServiceName, ServiceSlug, ServiceTimeZone, UserId,
};
use gatelangs_storage::contacts::{self, NewContact};
use gatelangs_storage::ids::{self, Table};
use gatelangs_storage::places::{self, Place, PlaceFields};
use gatelangs_storage::services::{self, NewService, Service};
use gatelangs_storage::users::{self, NewUser};
use gatelangs_storage::{AnyConnection, Store, StoreError, counterparts, youths};

use crate::rows::{self, ContactRow, PlaceRow, ServiceRow, StaffRow};
use crate::{
    Bundle, Problem, SUPPORTED_FILES, import_groups, import_journal, import_sharing,
    import_staffing, import_youth,
};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The bundle has problems; nothing was written.
    #[error("the bundle has {} problem(s); nothing was written", .0.len())]
    Invalid(Vec<Problem>),
    #[error("{0}")]
    BadService(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A use case refused a row the checks let through; nothing was written.
    #[error("a row was refused: {0}")]
    Refused(String),
}

impl From<gatelangs_app::Error> for ImportError {
    fn from(e: gatelangs_app::Error) -> Self {
        match e {
            gatelangs_app::Error::Store(e) => ImportError::Store(e),
            other => ImportError::Refused(other.to_string()),
        }
    }
}

impl From<gatelangs_storage::DbError> for ImportError {
    fn from(e: gatelangs_storage::DbError) -> Self {
        ImportError::Store(e.into())
    }
}

/// What an import did, per file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub service_created: bool,
    /// (file, rows created, rows already present and identical)
    pub files: Vec<(String, usize, usize)>,
}

/// The checked rows that will be written.
#[derive(Default)]
struct Plan {
    services: Vec<ServiceRow>,
    staff: Vec<StaffRow>,
    places: Vec<PlaceRow>,
    contacts: Vec<(ContactRow, jiff::Timestamp)>,
    unchanged: HashMap<&'static str, usize>,
}

impl Plan {
    fn same(&mut self, file: &'static str) {
        *self.unchanged.entry(file).or_default() += 1;
    }
}

/// Imports `bundle` into the service `slug` (created when missing) on behalf of `actor`.
pub async fn import(
    store: &Store,
    slug: &str,
    bundle: &Bundle,
    actor: Option<UserId>,
) -> Result<ImportSummary, ImportError> {
    let slug = ServiceSlug::parse(slug).map_err(|e| ImportError::BadService(e.0))?;
    let mut problems = vec![];
    let mut summary = ImportSummary::default();
    for (name, _) in &bundle.files {
        // The contract: a file the program cannot take fails the import, never skipped.
        if !SUPPORTED_FILES.contains(&name.as_str()) {
            problems.push(Problem::new(
                name,
                1,
                "file",
                format!(
                    "unknown file (expected one of {})",
                    SUPPORTED_FILES.join(", ")
                ),
            ));
        }
    }
    let parse = |name: &str| bundle.get(name);
    let mut p = problems;
    let service_rows = parse("services.csv")
        .map(|b| rows::services("services.csv", b, &mut p))
        .unwrap_or_default();
    let staff_rows = parse("staff.csv")
        .map(|b| rows::staff("staff.csv", b, &mut p))
        .unwrap_or_default();
    let place_rows = parse("places.csv")
        .map(|b| rows::places("places.csv", b, &mut p))
        .unwrap_or_default();
    let contact_rows = parse("contacts.csv")
        .map(|b| rows::contacts("contacts.csv", b, &mut p))
        .unwrap_or_default();
    let (youth_rows, shell_rows) = parse("youths.csv")
        .map(|b| crate::rows_youth::youths("youths.csv", b, &mut p))
        .unwrap_or_default();
    let followup_rows = parse("followups.csv")
        .map(|b| crate::rows_youth::followups("followups.csv", b, &mut p))
        .unwrap_or_default();
    let group_rows = (
        parse("groups.csv")
            .map(|b| crate::rows_groups::groups("groups.csv", b, &mut p))
            .unwrap_or_default(),
        parse("group_attendance.csv")
            .map(|b| crate::rows_groups::attendance("group_attendance.csv", b, &mut p))
            .unwrap_or_default(),
        parse("prevention.csv")
            .map(|b| crate::rows_groups::prevention("prevention.csv", b, &mut p))
            .unwrap_or_default(),
        parse("observations.csv")
            .map(|b| crate::rows_groups::observations("observations.csv", b, &mut p))
            .unwrap_or_default(),
    );
    let journal_rows = parse("journal.csv")
        .map(|b| crate::rows_journal::journal("journal.csv", b, &mut p))
        .unwrap_or_default();
    let sharing_rows = (
        parse("consents.csv")
            .map(|b| crate::rows_sharing::consents("consents.csv", b, &mut p))
            .unwrap_or_default(),
        parse("collaborations.csv")
            .map(|b| crate::rows_sharing::collaborations("collaborations.csv", b, &mut p))
            .unwrap_or_default(),
        parse("inquiries.csv")
            .map(|b| crate::rows_sharing::inquiries("inquiries.csv", b, &mut p))
            .unwrap_or_default(),
        parse("child_welfare.csv")
            .map(|b| crate::rows_sharing::child_welfare("child_welfare.csv", b, &mut p))
            .unwrap_or_default(),
    );
    let staffing_rows = (
        parse("staffing_plan.csv")
            .map(|b| crate::rows_staffing::staffing_plan("staffing_plan.csv", b, &mut p))
            .unwrap_or_default(),
        parse("rota.csv")
            .map(|b| crate::rows_staffing::rota("rota.csv", b, &mut p))
            .unwrap_or_default(),
    );
    let mut problems = p;

    let mut tx = store.begin().await?;
    let (service, created) = match services::find_by_slug(&mut tx, slug.as_str()).await? {
        Some(s) => (s, false),
        None => {
            let new = NewService {
                name: ServiceName::parse(slug.as_str())
                    .map_err(|e| ImportError::BadService(e.0))?,
                slug: slug.clone(),
                municipality: None,
                time_zone: ServiceTimeZone::oslo(),
                require_two_factor: true,
                is_demo: false,
            };
            (services::create(&mut tx, &new).await?, true)
        }
    };
    summary.service_created = created;

    let mut plan = Plan::default();
    check_services(&mut tx, &service, service_rows, &mut plan, &mut problems).await?;
    check_staff(&mut tx, &service, staff_rows, &mut plan, &mut problems).await?;
    check_places(&mut tx, &service, place_rows, &mut plan, &mut problems).await?;
    check_contacts(&mut tx, &service, contact_rows, &mut plan, &mut problems).await?;
    let known_staff: import_youth::KnownStaff = users::list(&mut tx, service.id)
        .await?
        .into_iter()
        .map(|u| (u.username, (u.role, !u.disabled)))
        .chain(
            plan.staff
                .iter()
                .map(|s| (s.username.as_str().to_owned(), (s.role, true))),
        )
        .collect();
    let mut youth_plan = import_youth::YouthPlan {
        stored_shells: youths::shells(&mut tx, service.id).await?,
        ..Default::default()
    };
    import_youth::check_youths(
        &mut tx,
        store,
        &service,
        youth_rows,
        &known_staff,
        &mut youth_plan,
        &mut problems,
    )
    .await?;
    import_youth::check_shells(
        &mut tx,
        &service,
        shell_rows,
        &mut youth_plan,
        &mut problems,
    )
    .await?;
    import_youth::check_followups(
        &mut tx,
        store,
        &service,
        followup_rows,
        &known_staff,
        &mut youth_plan,
        &mut problems,
    )
    .await?;
    let mut journal_plan = import_journal::JournalPlan::default();
    import_journal::check(
        &mut tx,
        store,
        &service,
        journal_rows,
        &known_staff,
        &youth_plan,
        &mut journal_plan,
        &mut problems,
    )
    .await?;
    import_journal::reconcile_notes(&journal_plan, &mut youth_plan, &mut problems);
    let known = import_sharing::Known {
        youths: youths::list(&mut tx, store.field_keys(), service.id, None)
            .await?
            .into_iter()
            .map(|y| (y.fields.reference, Some(y.fields.birth_date)))
            .chain(
                youth_plan
                    .youths
                    .iter()
                    .map(|(r, _)| (r.reference.clone(), Some(r.birth_date))),
            )
            .chain(
                youth_plan
                    .stored_shells
                    .iter()
                    .map(|s| (s.reference.clone(), None)),
            )
            .chain(
                youth_plan
                    .shells
                    .iter()
                    .map(|(r, _)| (r.reference.clone(), None)),
            )
            .collect(),
        stored_shells: youth_plan
            .stored_shells
            .iter()
            .map(|s| s.reference.clone())
            .collect(),
        codes: counterparts::list(&mut tx, service.id)
            .await?
            .into_iter()
            .map(|c| c.code)
            .chain(plan.services.iter().map(|s| s.code.clone()))
            .collect(),
    };
    let mut sharing_plan = import_sharing::SharingPlan::default();
    import_sharing::check(
        &mut tx,
        store,
        &service,
        &known,
        sharing_rows,
        &mut sharing_plan,
        &mut problems,
    )
    .await?;
    let mut group_plan = import_groups::GroupPlan::default();
    let known_for_groups = import_groups::Known {
        places: places::list_places(&mut tx, service.id)
            .await?
            .into_iter()
            .map(|p| p.name)
            .chain(plan.places.iter().map(|p| p.place.clone()))
            .collect(),
        youths: known.youths.keys().cloned().collect(),
        stored_shells: known.stored_shells.clone(),
    };
    import_groups::check(
        &mut tx,
        store,
        &service,
        group_rows,
        &known_for_groups,
        &mut group_plan,
        &mut problems,
    )
    .await?;
    let mut staffing_plan = import_staffing::StaffingPlan::default();
    import_staffing::check(
        &mut tx,
        &service,
        staffing_rows,
        &known_staff,
        &mut staffing_plan,
        &mut problems,
    )
    .await?;
    if !problems.is_empty() {
        tx.rollback().await?;
        problems.sort_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)));
        // Located after sorting by line: a sheet's rows grow with its lines.
        let problems = problems.into_iter().map(|p| bundle.locate(p)).collect();
        return Err(ImportError::Invalid(problems));
    }

    let counts = [
        ("services.csv", plan.services.len()),
        ("staff.csv", plan.staff.len()),
        ("places.csv", plan.places.len()),
        ("contacts.csv", plan.contacts.len()),
        (
            "youths.csv",
            youth_plan.youths.len() + youth_plan.shells.len(),
        ),
        ("followups.csv", youth_plan.followups.len()),
        ("journal.csv", journal_plan.entries.len()),
        ("consents.csv", sharing_plan.consents.len()),
        ("collaborations.csv", sharing_plan.collaborations.len()),
        ("inquiries.csv", sharing_plan.inquiries.len()),
        ("child_welfare.csv", sharing_plan.welfare.len()),
        ("groups.csv", group_plan.groups.len()),
        ("group_attendance.csv", group_plan.attendance.len()),
        ("prevention.csv", group_plan.prevention.len()),
        ("observations.csv", group_plan.observations.len()),
        ("staffing_plan.csv", staffing_plan.targets.len()),
        ("rota.csv", staffing_plan.teams.len()),
    ];
    plan.unchanged
        .extend(sharing_plan.unchanged.iter().map(|(k, v)| (*k, *v)));
    plan.unchanged
        .insert("youths.csv", youth_plan.unchanged_youths);
    plan.unchanged
        .insert("followups.csv", youth_plan.unchanged_followups);
    plan.unchanged.insert("journal.csv", journal_plan.unchanged);
    plan.unchanged
        .extend(group_plan.unchanged.iter().map(|(k, v)| (*k, *v)));
    plan.unchanged
        .extend(staffing_plan.unchanged.iter().map(|(k, v)| (*k, *v)));
    apply(&mut tx, store, &service, &plan, actor).await?;
    import_youth::apply(&mut tx, store, &service, &youth_plan, actor).await?;
    import_journal::apply(&mut tx, store, &service, &journal_plan, actor).await?;
    import_sharing::apply(&mut tx, store, &service, &sharing_plan, actor).await?;
    import_groups::apply(&mut tx, store, &service, &group_plan, actor).await?;
    import_staffing::apply(&mut tx, &service, &staffing_plan, actor).await?;
    for (file, n) in counts {
        if bundle.get(file).is_some() {
            summary.files.push((
                file.to_owned(),
                n,
                plan.unchanged.get(file).copied().unwrap_or(0),
            ));
        }
    }
    let detail = summary
        .files
        .iter()
        .map(|(f, n, same)| format!("{f}: {n} new, {same} unchanged"))
        .collect::<Vec<_>>()
        .join("; ");
    let event = AuditEvent::new(
        actor,
        AuditAction::DataImported,
        format!("service:{}", service.slug),
    )
    .with_detail(detail);
    store.audit(&mut tx, Some(service.id), &event).await?;
    tx.commit().await?;
    Ok(summary)
}

async fn check_services(
    conn: &mut AnyConnection,
    service: &Service,
    rows: Vec<ServiceRow>,
    plan: &mut Plan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    const F: &str = "services.csv";
    let mut seen = HashSet::new();
    for row in rows {
        if !seen.insert(row.code.clone()) {
            problems.push(Problem::new(
                F,
                row.line,
                "code",
                format!("{} appears twice in the file", row.code),
            ));
            continue;
        }
        match counterparts::find_by_code(conn, service.id, &row.code).await? {
            Some(existing) if row.id.is_some_and(|id| id != existing.id) => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "id",
                    format!("{} already exists with another id", row.code),
                ));
            }
            Some(existing) if existing.name != row.name => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "name",
                    format!("{} already exists named {:?}", row.code, existing.name),
                ));
            }
            Some(_) => plan.same(F),
            None if id_taken(conn, Table::Counterparts, row.id).await? => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "id",
                    "the id belongs to another record",
                ));
            }
            None => plan.services.push(row),
        }
    }
    Ok(())
}

async fn id_taken<T: ToString>(
    conn: &mut AnyConnection,
    table: Table,
    id: Option<T>,
) -> Result<bool, ImportError> {
    match id {
        Some(id) => Ok(ids::taken(conn, table, &id.to_string()).await?),
        None => Ok(false),
    }
}

async fn check_staff(
    conn: &mut AnyConnection,
    service: &Service,
    rows: Vec<StaffRow>,
    plan: &mut Plan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    const F: &str = "staff.csv";
    let mut seen = HashSet::new();
    for row in rows {
        let username = row.username.as_str().to_owned();
        if !seen.insert(username.clone()) {
            problems.push(Problem::new(
                F,
                row.line,
                "username",
                format!("{username} appears twice in the file"),
            ));
            continue;
        }
        match users::find_by_username(conn, &username).await? {
            Some(u) if u.service_id != service.id => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "username",
                    // Usernames are one namespace for logging in; the message must not say where the
                    // name is used, so it reads as any unavailable name.
                    format!("{username} cannot be used: choose another username"),
                ));
            }
            Some(u) if row.id.is_some_and(|id| id != u.id) => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "id",
                    format!("{username} already exists with another id"),
                ));
            }
            Some(u) if u.name != row.name.as_str() => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "name",
                    format!("{username} already exists named {:?}", u.name),
                ));
            }
            Some(u) if u.role != row.role => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "role",
                    format!("{username} already exists as {}", u.role),
                ));
            }
            Some(_) => plan.same(F),
            None if id_taken(conn, Table::Users, row.id).await? => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "id",
                    "the id belongs to another record",
                ));
            }
            None => plan.staff.push(row),
        }
    }
    Ok(())
}

fn same_coordinate(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => false,
    }
}

fn place_differences(existing: &Place, row: &PlaceRow) -> Option<(&'static str, String)> {
    if existing.district_name != row.district {
        return Some((
            "district",
            format!(
                "{} already exists in district {:?}",
                row.place, existing.district_name
            ),
        ));
    }
    if existing.kind != row.kind {
        return Some((
            "kind",
            format!("{} already exists as {}", row.place, existing.kind),
        ));
    }
    if existing.school_level != row.school_level {
        return Some((
            "school_level",
            format!("{} already exists with another school level", row.place),
        ));
    }
    if !same_coordinate(existing.lat, row.lat) || !same_coordinate(existing.lon, row.lon) {
        return Some((
            "lat",
            format!("{} already exists with other coordinates", row.place),
        ));
    }
    if row.id.is_some_and(|id| id != existing.id) {
        return Some((
            "id",
            format!("{} already exists with another id", row.place),
        ));
    }
    None
}

async fn check_places(
    conn: &mut AnyConnection,
    service: &Service,
    rows: Vec<PlaceRow>,
    plan: &mut Plan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    const F: &str = "places.csv";
    let mut seen = HashSet::new();
    for row in rows {
        if !seen.insert(row.place.clone()) {
            problems.push(Problem::new(
                F,
                row.line,
                "place",
                format!("{} appears twice in the file", row.place),
            ));
            continue;
        }
        match places::find_place(conn, service.id, &row.place).await? {
            Some(existing) => match place_differences(&existing, &row) {
                Some((column, message)) => {
                    problems.push(Problem::new(F, row.line, column, message))
                }
                None => plan.same(F),
            },
            None if id_taken(conn, Table::Places, row.id).await? => {
                problems.push(Problem::new(
                    F,
                    row.line,
                    "id",
                    "the id belongs to another record",
                ));
            }
            None => plan.places.push(row),
        }
    }
    Ok(())
}

async fn check_contacts(
    conn: &mut AnyConnection,
    service: &Service,
    rows: Vec<ContactRow>,
    plan: &mut Plan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    const F: &str = "contacts.csv";
    let tz = service.tz();
    let known_places: HashSet<String> = places::list_places(conn, service.id)
        .await?
        .into_iter()
        .map(|p| p.name)
        .chain(plan.places.iter().map(|p| p.place.clone()))
        .collect();
    let known_staff: HashSet<String> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| u.username)
        .chain(plan.staff.iter().map(|s| s.username.as_str().to_owned()))
        .collect();
    let mut seen_ids = HashSet::new();
    let mut occurrences: HashMap<String, u32> = HashMap::new();
    for mut row in rows {
        if row.id.is_none() {
            row.id = Some(derived_id(service, &row, &mut occurrences));
        }
        let mut ok = true;
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(F, row.line, column, message));
            ok = false;
        };
        if !known_places.contains(&row.place) {
            fail(
                "place",
                format!(
                    "unknown place {:?} (not in places.csv or the service)",
                    row.place
                ),
            );
        }
        if let Some(staff) = &row.staff
            && !known_staff.contains(staff)
        {
            fail(
                "staff",
                format!("unknown staff {staff:?} (not in staff.csv or the service)"),
            );
        }
        let at = match row.occurred_at.to_zoned(tz.clone()) {
            Ok(z) => Some(z.timestamp()),
            Err(_) => {
                fail(
                    "occurred_at",
                    "the time does not exist in the service's time zone".to_owned(),
                );
                None
            }
        };
        if let Some(id) = row.id.filter(|_| row.id_given)
            && !seen_ids.insert(id)
        {
            fail("id", "the id appears twice in the file".to_owned());
        }
        let Some(at) = at else { continue };
        if !ok {
            continue;
        }
        match row.id {
            Some(id) => match contacts::exists(conn, id).await? {
                Some(owner) if owner != service.id => {
                    problems.push(Problem::new(
                        F,
                        row.line,
                        "id",
                        "the id belongs to another record",
                    ));
                }
                Some(_) => match contact_difference(conn, service, id, &row, at).await? {
                    Some((column, message)) => {
                        problems.push(Problem::new(F, row.line, column, message))
                    }
                    None => plan.same(F),
                },
                None => plan.contacts.push((row, at)),
            },
            None => plan.contacts.push((row, at)),
        }
    }
    Ok(())
}

/// The id of a row that has none: derived from the service, the row's values and how many
/// identical rows came before it in the file. Importing the same spreadsheet again therefore
/// finds its rows already present instead of counting every contact twice, while two equal rows
/// (two separate registrations) stay two.
fn derived_id(
    service: &Service,
    row: &ContactRow,
    occurrences: &mut HashMap<String, u32>,
) -> ContactId {
    let content = format!(
        "{}|{}|{}|{}|{}|{}|{}|{}",
        row.occurred_at.strftime("%Y-%m-%dT%H:%M"),
        row.place,
        row.channel,
        row.age_group,
        row.gender,
        row.count.get(),
        row.staff.as_deref().unwrap_or_default(),
        join_topics(&row.topics)
    );
    let n = occurrences.entry(content.clone()).or_default();
    *n += 1;
    let name = format!("contacts.csv|{}|{content}|{n}", service.id);
    ContactId::from_uuid(uuid::Uuid::new_v5(&CONTACT_NAMESPACE, name.as_bytes()))
}

/// A fixed namespace for derived contact ids (UUID v5).
const CONTACT_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x5f2c_3e8a_9d41_4b6e_8a0f_1c7d_2e9b_4a61);

/// How a stored contact differs from an imported row with the same id, compared as the file
/// writes it (local time to the minute).
async fn contact_difference(
    conn: &mut AnyConnection,
    service: &Service,
    id: ContactId,
    row: &ContactRow,
    at: jiff::Timestamp,
) -> Result<Option<(&'static str, String)>, ImportError> {
    let existing = contacts::get(conn, service.id, id).await?;
    // Offsets are whole minutes, so the same minute in UTC is the same minute locally.
    let same_minute = existing.occurred_at.div_euclid(60) == at.as_second().div_euclid(60);
    let differs = |column: &'static str| {
        Some((
            column,
            "a contact with this id exists with another value".to_owned(),
        ))
    };
    Ok(if existing.undone {
        Some(("id", "a contact with this id was undone".to_owned()))
    } else if !same_minute {
        differs("occurred_at")
    } else if existing.place_name != row.place {
        differs("place")
    } else if existing.channel != row.channel {
        differs("channel")
    } else if existing.age_group != row.age_group {
        differs("age_group")
    } else if existing.gender != row.gender {
        differs("gender")
    } else if existing.count != i64::from(row.count.get()) {
        differs("count")
    } else if existing.staff_username != row.staff {
        differs("staff")
    } else if existing.topics != join_topics(&row.topics) {
        differs("topics")
    } else {
        None
    })
}

async fn apply(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    plan: &Plan,
    actor: Option<UserId>,
) -> Result<(), ImportError> {
    let created_by = actor.map_or(CreatedBy::Operator, CreatedBy::User);
    for row in &plan.services {
        let id = row.id.unwrap_or_default();
        counterparts::create_with_id(conn, service.id, id, &row.code, &row.name).await?;
    }
    let mut staff_ids: HashMap<String, UserId> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| (u.username, u.id))
        .collect();
    for row in &plan.staff {
        let new = NewUser {
            service: service.id,
            username: &row.username,
            name: &row.name,
            role: row.role,
            password_hash: None,
        };
        let user =
            gatelangs_app::users::create(conn, store, &new, row.id, created_by, "import").await?;
        staff_ids.insert(user.username, user.id);
    }
    for row in &plan.places {
        let district = places::district_named(conn, service.id, &row.district).await?;
        let fields = PlaceFields {
            district_id: district.id,
            name: row.place.clone(),
            kind: row.kind,
            school_level: row.school_level,
            lat: row.lat,
            lon: row.lon,
        };
        places::create_place_with_id(conn, service.id, row.id.unwrap_or_default(), &fields).await?;
    }
    let place_ids: HashMap<String, PlaceId> = places::list_places(conn, service.id)
        .await?
        .into_iter()
        .map(|p| (p.name, p.id))
        .collect();
    let tz = service.tz();
    for (row, at) in &plan.contacts {
        let Some(place) = place_ids.get(&row.place) else {
            return Err(StoreError::NotFound.into());
        };
        let contact = NewContact {
            id: row.id.unwrap_or_default(),
            occurred_at: *at,
            place: *place,
            channel: row.channel,
            age_group: row.age_group,
            gender: row.gender,
            count: row.count,
            staff: row.staff.as_ref().and_then(|s| staff_ids.get(s)).copied(),
            topics: join_topics(&row.topics),
        };
        contacts::register(conn, service.id, &tz, &contact, actor).await?;
    }
    Ok(())
}
