//! Importing `youths.csv` and `followups.csv`: checked with the rest of the bundle, written in
//! the same transaction. Notes become signed journal entries attributed to the first listed
//! staff member; a follow-up is dated at noon of its day in the service's time zone.

use std::collections::{HashMap, HashSet};

use gatelangs_app::journal_transfer;
use gatelangs_domain::youth::{check_birth_date, join_challenges};
use gatelangs_domain::{ConversationId, EntryId, Role, UserId, YouthId};
use gatelangs_storage::conversations::{self, NewConversation};
use gatelangs_storage::ids::{self, Table};
use gatelangs_storage::journal;
use gatelangs_storage::services::Service;
use gatelangs_storage::youths::{self, YouthFields};
use gatelangs_storage::{AnyConnection, Store, users};

use crate::Problem;
use crate::derived::{self, Occurrences};
use crate::import::ImportError;
use crate::rows_youth::{FollowupRow, ShellRow, YouthRow};

const YOUTHS: &str = "youths.csv";
const FOLLOWUPS: &str = "followups.csv";

#[derive(Default)]
pub(crate) struct YouthPlan {
    pub youths: Vec<(YouthRow, YouthId)>,
    /// Erased records' shells this bundle brings.
    pub shells: Vec<(ShellRow, YouthId)>,
    /// The ids `youths.csv` gives, named rows and shells alike: each at most once.
    pub(crate) ids_in_file: HashSet<YouthId>,
    /// The service's erased records, read once for every file's checks: nothing new is written
    /// about them.
    pub stored_shells: Vec<youths::Shell>,
    pub followups: Vec<(FollowupRow, ConversationId)>,
    pub unchanged_youths: usize,
    pub unchanged_followups: usize,
    /// Follow-ups whose journal entry `journal.csv` brings (their `note` is not written again).
    pub notes_in_journal: HashSet<ConversationId>,
}

impl YouthPlan {
    pub(crate) fn is_stored_shell(&self, reference: &str) -> bool {
        self.stored_shells.iter().any(|s| s.reference == reference)
    }
}

fn fields(row: &YouthRow) -> YouthFields {
    YouthFields {
        reference: row.reference.clone(),
        first_name: row.first_name.clone(),
        last_name: row.last_name.clone(),
        birth_date: row.birth_date,
        gender: row.gender,
        municipality: row.municipality,
        phone: row.phone.clone(),
        school: None,
        guardians: Vec::new(),
    }
}

/// The staff a row may name: the service's users and those of staff.csv, with their roles and
/// whether their account is active.
pub(crate) type KnownStaff = HashMap<String, (Role, bool)>;

#[allow(clippy::too_many_arguments)]
pub(crate) async fn check_youths(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    rows: Vec<YouthRow>,
    staff: &KnownStaff,
    plan: &mut YouthPlan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    let today = jiff::Timestamp::now().to_zoned(service.tz()).date();
    let names: HashMap<UserId, String> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let mut seen = HashSet::new();
    for row in rows {
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(YOUTHS, row.line, column, message));
        };
        if plan.is_stored_shell(&row.reference) {
            fail("ref", erased_message(&row.reference));
            continue;
        }
        if !seen.insert(row.reference.clone()) {
            fail(
                "ref",
                format!("{} appears twice in the file", row.reference),
            );
            continue;
        }
        let mut ok = true;
        if let Err(e) = check_birth_date(row.birth_date, today) {
            fail("birth_date", e.0);
            ok = false;
        }
        // Who may be a contact person (the number was checked with the row): staff of the
        // service or of this bundle, field worker or leader, with an active account.
        for person in &row.contact_persons {
            let problem = match staff.get(person) {
                None => Some(format!(
                    "unknown staff {person:?} (not in staff.csv or the service)"
                )),
                Some((role, _)) if !role.may_be_contact_person() => {
                    Some(format!("{person} is {role} and cannot be a contact person"))
                }
                Some((_, false)) => Some(format!("{person} has no active account")),
                Some(_) => None,
            };
            if let Some(message) = problem {
                fail("contact_persons", message);
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        match youths::id_by_ref(conn, service.id, &row.reference).await? {
            Some(existing) if row.id.is_some_and(|id| id != existing) => {
                fail(
                    "id",
                    format!("{} already exists with another id", row.reference),
                );
            }
            Some(existing) => {
                let stored = youths::get(conn, store.field_keys(), service.id, existing)
                    .await?
                    .ok_or(gatelangs_storage::StoreError::NotFound)?;
                let mut persons: Vec<String> = stored
                    .contact_persons
                    .iter()
                    .filter_map(|id| names.get(id).cloned())
                    .collect();
                persons.sort();
                let mut wanted = row.contact_persons.clone();
                wanted.sort();
                let want = fields(&row);
                let differs = [
                    ("first_name", stored.fields.first_name != want.first_name),
                    ("last_name", stored.fields.last_name != want.last_name),
                    ("birth_date", stored.fields.birth_date != want.birth_date),
                    ("gender", stored.fields.gender != want.gender),
                    (
                        "municipality",
                        stored.fields.municipality != want.municipality,
                    ),
                    ("phone", stored.fields.phone != want.phone),
                    ("contact_persons", persons != wanted),
                ]
                .into_iter()
                .find(|(_, d)| *d);
                match differs {
                    Some((column, _)) => fail(
                        column,
                        format!("youth {} exists with another value", row.reference),
                    ),
                    None => plan.unchanged_youths += 1,
                }
            }
            None if row.id.is_some_and(|id| !plan.ids_in_file.insert(id)) => {
                fail("id", ID_TWICE.to_owned());
            }
            None => match fresh_id(conn, row.id).await? {
                Some(id) => plan.youths.push((row, id)),
                None => fail("id", ID_TAKEN.to_owned()),
            },
        }
    }
    Ok(())
}

/// Checks the shells of erased records (`youths.csv` rows with `erased_on`): new ones are
/// stored as shells; one already stored is unchanged when it says the same; a named youth is
/// never erased by a bundle (a leader decides that on `/youths/retention`).
pub(crate) async fn check_shells(
    conn: &mut AnyConnection,
    service: &Service,
    rows: Vec<ShellRow>,
    plan: &mut YouthPlan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    let tz = service.tz();
    let named: HashSet<&str> = plan
        .youths
        .iter()
        .map(|(r, _)| r.reference.as_str())
        .collect();
    let mut seen = HashSet::new();
    for row in rows {
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(YOUTHS, row.line, column, message));
        };
        if named.contains(row.reference.as_str()) || !seen.insert(row.reference.clone()) {
            fail(
                "ref",
                format!("{} appears twice in the file", row.reference),
            );
            continue;
        }
        if let Some(shell) = plan
            .stored_shells
            .iter()
            .find(|s| s.reference == row.reference)
        {
            let erased_on = jiff::Timestamp::from_second(shell.erased_at)
                .map(|t| t.to_zoned(tz.clone()).date())
                .ok();
            let differs = [
                ("id", row.id.is_some_and(|id| id != shell.id)),
                ("gender", shell.gender != row.gender),
                ("municipality", shell.municipality != row.municipality),
                ("erased_on", erased_on != Some(row.erased_on)),
            ]
            .into_iter()
            .find(|(_, d)| *d);
            match differs {
                Some((column, _)) => fail(
                    column,
                    format!("youth {} exists with another value", row.reference),
                ),
                None => plan.unchanged_youths += 1,
            }
            continue;
        }
        if youths::id_by_ref(conn, service.id, &row.reference)
            .await?
            .is_some()
        {
            fail(
                "erased_on",
                format!(
                    "youth {} is not erased here; a bundle cannot erase a record (a leader decides that on the retention page)",
                    row.reference
                ),
            );
            continue;
        }
        if row.id.is_some_and(|id| !plan.ids_in_file.insert(id)) {
            fail("id", ID_TWICE.to_owned());
            continue;
        }
        match fresh_id(conn, row.id).await? {
            Some(id) => plan.shells.push((row, id)),
            None => fail("id", ID_TAKEN.to_owned()),
        }
    }
    Ok(())
}

const ID_TAKEN: &str = "the id belongs to another record";
const ID_TWICE: &str = "the id appears twice in the file";

/// The id of a new youth row: the one it gives, or a new one; `None` when another record has
/// the one it gives.
async fn fresh_id(
    conn: &mut AnyConnection,
    given: Option<YouthId>,
) -> Result<Option<YouthId>, ImportError> {
    match given {
        Some(id) if ids::taken(conn, Table::Youths, &id.to_string()).await? => Ok(None),
        id => Ok(Some(id.unwrap_or_default())),
    }
}

/// The problem of a row about a record erased by a retention decision: nothing is written about
/// it again, so an old bundle cannot bring the erased data back.
pub(crate) fn erased_message(reference: &str) -> String {
    format!(
        "youth {reference} was erased by a retention decision; nothing can be imported about it"
    )
}

/// The problem of a row that would bring back a text of a record erased by a retention decision.
pub(crate) fn erased_text(column: &str) -> String {
    format!("an erased record keeps no {column}; leave it empty")
}

/// What makes two follow-up rows equal, for the ids of rows that come without one.
fn content(row: &FollowupRow) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        row.date,
        row.youth_ref,
        row.staff.join(";"),
        join_challenges(&row.challenges),
        row.note.as_deref().unwrap_or_default()
    )
}

pub(crate) async fn check_followups(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    rows: Vec<FollowupRow>,
    staff: &KnownStaff,
    plan: &mut YouthPlan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    let refs_in_file: HashSet<String> = plan
        .youths
        .iter()
        .map(|(r, _)| r.reference.clone())
        .chain(plan.shells.iter().map(|(r, _)| r.reference.clone()))
        .collect();
    let shells_in_file: HashSet<String> = plan
        .shells
        .iter()
        .map(|(r, _)| r.reference.clone())
        .collect();
    let notes = journal::conversation_notes(conn, store.field_keys(), service.id).await?;
    let mut occurrences = Occurrences::default();
    let mut seen_ids = HashSet::new();
    for row in rows {
        let id = row.id.unwrap_or_else(|| {
            ConversationId::from_uuid(occurrences.id(FOLLOWUPS, &service.id, &content(&row)))
        });
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(FOLLOWUPS, row.line, column, message));
        };
        let mut ok = true;
        // An erased record keeps no journal: a note about it would bring erased data back.
        if row.note.is_some()
            && (plan.is_stored_shell(&row.youth_ref) || shells_in_file.contains(&row.youth_ref))
        {
            fail("note", erased_text("note"));
            continue;
        }
        let known_youth = refs_in_file.contains(&row.youth_ref)
            || youths::id_by_ref(conn, service.id, &row.youth_ref)
                .await?
                .is_some();
        if !known_youth {
            fail(
                "youth_ref",
                format!(
                    "unknown youth {:?} (not in youths.csv or the service)",
                    row.youth_ref
                ),
            );
            ok = false;
        }
        for person in &row.staff {
            if !staff.contains_key(person) {
                fail(
                    "staff",
                    format!("unknown staff {person:?} (not in staff.csv or the service)"),
                );
                ok = false;
            }
        }
        // The note becomes a signed entry by the first staff member listed.
        if row.note.is_some()
            && let Some((role, _)) = row.staff.first().and_then(|p| staff.get(p))
            && !role.may_write_journal()
        {
            fail(
                "staff",
                format!(
                    "{} is {role} and cannot write the note in the journal; list a field worker or leader first",
                    row.staff[0]
                ),
            );
            ok = false;
        }
        if row.id_given && !seen_ids.insert(id) {
            fail("id", "the id appears twice in the file".to_owned());
            ok = false;
        }
        if !ok {
            continue;
        }
        match conversations::get(conn, service.id, id).await? {
            Some(existing) => {
                let mut staff_names: Vec<String> =
                    existing.staff.iter().map(|s| s.1.clone()).collect();
                staff_names.sort();
                let mut wanted = row.staff.clone();
                wanted.sort();
                let differs = [
                    ("date", existing.local_date != row.date.to_string()),
                    ("youth_ref", existing.youth_ref != row.youth_ref),
                    ("staff", staff_names != wanted),
                    ("challenges", existing.challenges != row.challenges),
                    (
                        "note",
                        notes.get(&id).map(String::as_str) != row.note.as_deref(),
                    ),
                ]
                .into_iter()
                .find(|(_, d)| *d);
                match differs {
                    Some((column, _)) => fail(
                        column,
                        "a follow-up with this id exists with another value".to_owned(),
                    ),
                    None => plan.unchanged_followups += 1,
                }
            }
            None if ids::taken(conn, Table::Conversations, &id.to_string()).await? => {
                fail("id", "the id belongs to another record".to_owned());
            }
            None if plan.is_stored_shell(&row.youth_ref) => {
                fail("youth_ref", erased_message(&row.youth_ref));
            }
            None => plan.followups.push((row, id)),
        }
    }
    Ok(())
}

pub(crate) async fn apply(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    plan: &YouthPlan,
    actor: Option<UserId>,
) -> Result<(), ImportError> {
    let staff: HashMap<String, UserId> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| (u.username, u.id))
        .collect();
    for (row, id) in &plan.youths {
        let persons: Vec<UserId> = row
            .contact_persons
            .iter()
            .filter_map(|p| staff.get(p).copied())
            .collect();
        gatelangs_app::youths::store_imported(
            conn,
            store,
            service.id,
            actor,
            youths::NewYouth {
                id: *id,
                fields: &fields(row),
                contact_persons: &persons,
                created_by: actor,
            },
            "imported",
        )
        .await?;
    }
    let tz = service.tz();
    for (row, id) in &plan.shells {
        // Erased at noon of its day in the service's time zone, like a follow-up's day.
        let erased_at = row
            .erased_on
            .to_datetime(jiff::civil::time(12, 0, 0, 0))
            .to_zoned(tz.clone())
            .map_err(|_| gatelangs_storage::StoreError::Corrupt("date out of range".into()))?
            .timestamp()
            .as_second();
        gatelangs_app::youths::store_imported_shell(
            conn,
            store,
            service.id,
            actor,
            &youths::Shell {
                id: *id,
                reference: row.reference.clone(),
                gender: row.gender,
                municipality: row.municipality,
                erased_at,
            },
        )
        .await?;
    }
    for (row, id) in &plan.followups {
        let youth = youths::id_by_ref(conn, service.id, &row.youth_ref)
            .await?
            .ok_or(gatelangs_storage::StoreError::NotFound)?;
        let at = row
            .date
            .to_datetime(jiff::civil::time(12, 0, 0, 0))
            .to_zoned(tz.clone())
            .map_err(|_| gatelangs_storage::StoreError::Corrupt("date out of range".into()))?
            .timestamp();
        let people: Vec<UserId> = row
            .staff
            .iter()
            .filter_map(|p| staff.get(p).copied())
            .collect();
        let conversation = NewConversation {
            id: *id,
            youth,
            occurred_at: at,
            setting: None,
            duration_minutes: None,
            challenges: row.challenges.clone(),
            staff: people,
            place: None,
            contact: None,
            created_by: actor,
        };
        let linked = EntryId::from_uuid(derived::linked(id));
        let note = row
            .note
            .as_deref()
            .filter(|_| !plan.notes_in_journal.contains(id))
            .map(|n| (linked, n));
        journal_transfer::store_imported_conversation(
            conn,
            store,
            service.id,
            &tz,
            &conversation,
            note,
        )
        .await?;
    }
    Ok(())
}
