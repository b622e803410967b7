//! Importing `groups.csv`, `group_attendance.csv`, `prevention.csv` and `observations.csv`:
//! checked with the rest of the bundle, written in the same transaction. Rows without an `id`
//! get one derived from their content, so importing the same files again changes nothing.

use std::collections::{HashMap, HashSet};

use gatelangs_domain::groups::{Participant, join_themes};
use gatelangs_domain::{AttendanceId, GroupId, ObservationId, PreventionId, UserId};
use gatelangs_storage::groups::{self, Attendee, NewAttendance};
use gatelangs_storage::ids::{self, Table};
use gatelangs_storage::observations::{self, NewObservation};
use gatelangs_storage::prevention::{self, NewEvent};
use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, Store, StoreError, now, places, youths};

use crate::Problem;
use crate::derived::Occurrences;
use crate::import::ImportError;
use crate::rows_groups::{AttendanceRow, GroupRow, ObservationRow, PreventionRow};

const GROUPS: &str = "groups.csv";
const ATTENDANCE: &str = "group_attendance.csv";
const PREVENTION: &str = "prevention.csv";
const OBSERVATIONS: &str = "observations.csv";

/// The rows of the four files.
pub(crate) type GroupRows = (
    Vec<GroupRow>,
    Vec<AttendanceRow>,
    Vec<PreventionRow>,
    Vec<ObservationRow>,
);

#[derive(Default)]
pub(crate) struct GroupPlan {
    pub groups: Vec<(GroupRow, GroupId)>,
    pub attendance: Vec<(AttendanceRow, AttendanceId)>,
    pub prevention: Vec<(PreventionRow, PreventionId)>,
    pub observations: Vec<(ObservationRow, ObservationId)>,
    pub unchanged: HashMap<&'static str, usize>,
}

/// What rows may refer to: places and youths of the service and of this bundle.
pub(crate) struct Known {
    pub places: HashSet<String>,
    pub youths: HashSet<String>,
    /// Records erased by a retention decision already stored: no new attendance for them.
    pub stored_shells: HashSet<String>,
}

/// The id a row has or gets, and whether it is already stored (Some(true): the same; Some(false):
/// another record with that id), checking a given id is not used twice in the file.
struct Ids {
    file: &'static str,
    occurrences: Occurrences,
    seen: HashSet<uuid::Uuid>,
}

impl Ids {
    fn new(file: &'static str) -> Self {
        Self {
            file,
            occurrences: Occurrences::default(),
            seen: HashSet::new(),
        }
    }

    /// The row's id: given, or derived from `content`; `None` when a given id repeats.
    fn of(
        &mut self,
        given: Option<uuid::Uuid>,
        service: &Service,
        content: &str,
        line: u64,
        problems: &mut Vec<Problem>,
    ) -> Option<uuid::Uuid> {
        match given {
            Some(id) if !self.seen.insert(id) => {
                problems.push(Problem::new(
                    self.file,
                    line,
                    "id",
                    "the id appears twice in the file",
                ));
                None
            }
            Some(id) => Some(id),
            None => Some(self.occurrences.id(self.file, &service.id, content)),
        }
    }
}

/// Where a row with a given id stands against the database.
enum Standing {
    New,
    Unchanged,
    Clash,
}

/// `stored_same` is whether the service's record with the id equals the row (`None`: the
/// service has none); an id another record holds is a clash too.
async fn standing(
    conn: &mut AnyConnection,
    table: Table,
    id: &str,
    stored_same: Option<bool>,
) -> Result<Standing, ImportError> {
    Ok(match stored_same {
        Some(true) => Standing::Unchanged,
        Some(false) => Standing::Clash,
        None if ids::taken(conn, table, id).await? => Standing::Clash,
        None => Standing::New,
    })
}

fn exists_otherwise(file: &str, line: u64, problems: &mut Vec<Problem>) {
    problems.push(Problem::new(
        file,
        line,
        "id",
        "a row with this id exists with other values",
    ));
}

pub(crate) async fn check(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    rows: GroupRows,
    known: &Known,
    plan: &mut GroupPlan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    let (group_rows, attendance_rows, prevention_rows, observation_rows) = rows;
    let stored_groups: HashMap<String, groups::Group> = groups::list(conn, service.id)
        .await?
        .into_iter()
        .map(|g| (g.name.clone(), g))
        .collect();

    // groups.csv: a group is known by its name.
    let mut names = HashSet::new();
    for row in group_rows {
        let line = row.line;
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(GROUPS, line, column, message));
        };
        if !names.insert(row.group.clone()) {
            fail("group", format!("{} appears twice in the file", row.group));
            continue;
        }
        if let Some(place) = &row.place
            && !known.places.contains(place)
        {
            fail(
                "place",
                format!("unknown place {place:?} (not in places.csv or the service)"),
            );
            continue;
        }
        match stored_groups.get(&row.group) {
            Some(g) if row.id.is_some_and(|id| id != g.id) => fail(
                "id",
                format!("{} already exists with another id", row.group),
            ),
            Some(g) if g.kind != row.kind => fail(
                "kind",
                format!("group {} exists with another kind", row.group),
            ),
            Some(g) if g.place_name != row.place => fail(
                "place",
                format!("group {} exists with another place", row.group),
            ),
            Some(_) => *plan.unchanged.entry(GROUPS).or_default() += 1,
            None => match row.id {
                Some(id) if ids::taken(conn, Table::Groups, &id.to_string()).await? => {
                    fail("id", "the id belongs to another record".to_owned());
                }
                id => {
                    let id = id.unwrap_or_default();
                    plan.groups.push((row, id));
                }
            },
        }
    }
    let group_names: HashSet<String> = stored_groups
        .keys()
        .cloned()
        .chain(plan.groups.iter().map(|(r, _)| r.group.clone()))
        .collect();

    // group_attendance.csv
    let mut ids_of = Ids::new(ATTENDANCE);
    for row in attendance_rows {
        let content = format!("{}|{}|{}", row.date, row.group, row.participant.code());
        let Some(id) = ids_of.of(
            row.id.map(|i| i.as_uuid()),
            service,
            &content,
            row.line,
            problems,
        ) else {
            continue;
        };
        let id = AttendanceId::from_uuid(id);
        let mut ok = true;
        if !group_names.contains(&row.group) {
            problems.push(Problem::new(
                ATTENDANCE,
                row.line,
                "group",
                format!(
                    "unknown group {:?} (not in groups.csv or the service)",
                    row.group
                ),
            ));
            ok = false;
        }
        if let Participant::Youth(r) = &row.participant
            && !known.youths.contains(r)
        {
            problems.push(Problem::new(
                ATTENDANCE,
                row.line,
                "participant",
                format!("unknown youth {r:?} (not in youths.csv or the service)"),
            ));
            ok = false;
        }
        if !ok {
            continue;
        }
        let stored_same = match groups::attendance_by_id(conn, service.id, id).await? {
            Some(stored) => {
                let participant = match (&stored.youth_ref, &stored.pseudonym) {
                    (Some(r), _) => Participant::Youth(r.clone()),
                    (None, Some(l)) => Participant::Anonymous(l.clone()),
                    (None, None) => {
                        return Err(
                            StoreError::Corrupt("attendance without participant".into()).into()
                        );
                    }
                };
                Some(
                    stored.group == row.group
                        && stored.day == row.date.to_string()
                        && participant == row.participant,
                )
            }
            None => None,
        };
        match standing(conn, Table::Attendance, &id.to_string(), stored_same).await? {
            Standing::New => match &row.participant {
                Participant::Youth(r) if known.stored_shells.contains(r) => {
                    problems.push(Problem::new(
                        ATTENDANCE,
                        row.line,
                        "participant",
                        crate::import_youth::erased_message(r),
                    ));
                }
                _ => plan.attendance.push((row, id)),
            },
            Standing::Unchanged => *plan.unchanged.entry(ATTENDANCE).or_default() += 1,
            Standing::Clash => exists_otherwise(ATTENDANCE, row.line, problems),
        }
    }

    // prevention.csv
    let mut ids_of = Ids::new(PREVENTION);
    for row in prevention_rows {
        let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        let content = format!(
            "{}|{}|{}|{}|{}|{}",
            row.date,
            row.kind,
            row.place.as_deref().unwrap_or_default(),
            opt(row.grade),
            opt(row.classes),
            opt(row.participants)
        );
        let Some(id) = ids_of.of(
            row.id.map(|i| i.as_uuid()),
            service,
            &content,
            row.line,
            problems,
        ) else {
            continue;
        };
        let id = PreventionId::from_uuid(id);
        if let Some(place) = &row.place
            && !known.places.contains(place)
        {
            problems.push(Problem::new(
                PREVENTION,
                row.line,
                "place",
                format!("unknown place {place:?} (not in places.csv or the service)"),
            ));
            continue;
        }
        let stored_same = prevention::get(conn, service.id, id).await?.map(|e| {
            e.day == row.date.to_string()
                && e.kind == row.kind
                && e.place == row.place
                && e.grade == row.grade
                && e.classes == row.classes
                && e.participants == row.participants
        });
        match standing(conn, Table::Prevention, &id.to_string(), stored_same).await? {
            Standing::New => plan.prevention.push((row, id)),
            Standing::Unchanged => *plan.unchanged.entry(PREVENTION).or_default() += 1,
            Standing::Clash => exists_otherwise(PREVENTION, row.line, problems),
        }
    }

    // observations.csv
    let mut ids_of = Ids::new(OBSERVATIONS);
    for row in observation_rows {
        let content = format!(
            "{}|{}|{}|{}",
            row.date,
            row.district,
            join_themes(&row.themes),
            row.summary
        );
        let Some(id) = ids_of.of(
            row.id.map(|i| i.as_uuid()),
            service,
            &content,
            row.line,
            problems,
        ) else {
            continue;
        };
        let id = ObservationId::from_uuid(id);
        let stored_same = observations::get(conn, store.field_keys(), service.id, id)
            .await?
            .map(|o| {
                o.day == row.date.to_string()
                    && o.district == row.district
                    && o.themes == row.themes
                    && o.summary == row.summary.trim()
            });
        match standing(conn, Table::Observations, &id.to_string(), stored_same).await? {
            Standing::New => plan.observations.push((row, id)),
            Standing::Unchanged => *plan.unchanged.entry(OBSERVATIONS).or_default() += 1,
            Standing::Clash => exists_otherwise(OBSERVATIONS, row.line, problems),
        }
    }
    Ok(())
}

async fn place_id(
    conn: &mut AnyConnection,
    service: &Service,
    name: Option<&str>,
) -> Result<Option<gatelangs_domain::PlaceId>, ImportError> {
    let Some(name) = name else { return Ok(None) };
    Ok(Some(
        places::find_place(conn, service.id, name)
            .await?
            .ok_or(StoreError::NotFound)?
            .id,
    ))
}

pub(crate) async fn apply(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    plan: &GroupPlan,
    actor: Option<UserId>,
) -> Result<(), ImportError> {
    let at = now();
    for (row, id) in &plan.groups {
        let place = place_id(conn, service, row.place.as_deref()).await?;
        groups::create(conn, service.id, *id, &row.group, row.kind, place, at).await?;
    }
    let group_ids: HashMap<String, GroupId> = groups::list(conn, service.id)
        .await?
        .into_iter()
        .map(|g| (g.name, g.id))
        .collect();
    let mut attendances = Vec::with_capacity(plan.attendance.len());
    for (row, id) in &plan.attendance {
        let attendee = match &row.participant {
            Participant::Youth(r) => Attendee::Youth(
                youths::id_by_ref(conn, service.id, r)
                    .await?
                    .ok_or(StoreError::NotFound)?,
            ),
            Participant::Anonymous(label) => {
                Attendee::Pseudonym(groups::pseudonym(conn, service.id, label, at).await?)
            }
        };
        attendances.push(NewAttendance {
            id: *id,
            group: *group_ids.get(&row.group).ok_or(StoreError::NotFound)?,
            day: row.date,
            attendee,
            recorded_by: actor,
        });
    }
    gatelangs_app::groups::store_imported_attendances(conn, store, service.id, actor, &attendances)
        .await?;
    for (row, id) in &plan.prevention {
        let event = NewEvent {
            id: *id,
            day: row.date,
            kind: row.kind,
            place: place_id(conn, service, row.place.as_deref()).await?,
            grade: row.grade,
            classes: row.classes,
            participants: row.participants,
            // Not in the contract's prevention.csv.
            topics: vec![],
            staff: vec![],
            recorded_by: actor,
        };
        prevention::create(conn, service.id, &event, at).await?;
    }
    for (row, id) in &plan.observations {
        let district = places::district_named(conn, service.id, &row.district).await?;
        let observation = NewObservation {
            id: *id,
            day: row.date,
            district: district.id,
            themes: row.themes.clone(),
            summary: row.summary.clone(),
            recorded_by: actor,
        };
        observations::create(conn, store.field_keys(), service.id, &observation, at).await?;
    }
    Ok(())
}
