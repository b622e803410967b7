//! Demo groups, prevention work and trend observations for `out-lillestrom`, so the report
//! reproduces the reference sections 2.4 and 2.7: 809 attendances in 2024 by 103 named youths
//! and 268 pseudonymous participants, and 8th-grade drug-prevention teaching of 1 200 pupils in
//! 46 classes. Attendance of named youths goes through the use case (with its audit entries).

use std::collections::BTreeSet;

use gatelangs_domain::groups::{GroupKind, PreventionKind, Theme};
use gatelangs_domain::{AttendanceId, GroupId, ObservationId, PreventionId, ServiceId, UserId};
use gatelangs_storage::groups::{self, Attendee, NewAttendance};
use gatelangs_storage::observations::{self, NewObservation};
use gatelangs_storage::prevention::{self, NewEvent};
use gatelangs_storage::{AnyConnection, Store, StoreError, now, places, youths};
use jiff::civil::{Date, Weekday, date};

/// (name, kind, place, weekday it meets, first week, weeks) — weekly sessions in 2024; with the
/// summer break the last meeting stays within the year (first + weeks + 6 ≤ 52).
/// A demo group: (name, kind, place, weekday, first week, weeks).
type DemoGroup = (
    &'static str,
    GroupKind,
    Option<&'static str>,
    Weekday,
    i16,
    i16,
);

const GROUPS: [DemoGroup; 4] = [
    (
        "Sisterhood",
        GroupKind::LifeSkills,
        Some("Tæruddalen skole"),
        Weekday::Tuesday,
        2,
        34,
    ),
    (
        "Brotherhood",
        GroupKind::LifeSkills,
        Some("Bingsfoss skole"),
        Weekday::Wednesday,
        2,
        34,
    ),
    ("FLYT", GroupKind::Flyt, None, Weekday::Thursday, 3, 30),
    (
        "Gaming på Discord",
        GroupKind::Gaming,
        None,
        Weekday::Friday,
        1,
        44,
    ),
];
const NAMED: usize = 103;
const ANONYMOUS: usize = 268;
const ATTENDANCES: usize = 809;

/// The `week`th meeting day (from 1) of a group meeting on `weekday` in 2024.
fn meeting(weekday: Weekday, week: i16) -> Result<Date, StoreError> {
    let first = date(2024, 1, 1)
        .nth_weekday_of_month(1, weekday)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    // Skip the summer holiday (weeks 26–32) as schools and clubs do.
    let week = if week >= 26 { week + 7 } else { week };
    first
        .checked_add(jiff::Span::new().weeks(i64::from(week - 1)))
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Writes the demo's groups, prevention events and observations unless it has groups already;
/// returns how many attendances were written.
pub async fn populate(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    worker: UserId,
) -> Result<usize, StoreError> {
    if !groups::list(conn, service).await?.is_empty() {
        return Ok(0);
    }
    let at = now();
    let mut group_ids = Vec::new();
    for (name, kind, place, ..) in GROUPS {
        let place = match place {
            Some(p) => places::find_place(conn, service, p).await?.map(|p| p.id),
            None => None,
        };
        let id = GroupId::new();
        groups::create(conn, service, id, name, kind, place, at).await?;
        groups::set_staff(conn, service, id, &[worker]).await?;
        group_ids.push(id);
    }
    // Named youths go to the life-skills groups and FLYT; pseudonyms mostly to gaming.
    let mut named = Vec::new();
    for i in 0..NAMED {
        let reference = format!("D-{:04}", 1 + i * 2);
        let youth = youths::id_by_ref(conn, service, &reference)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("demo youth {reference} is missing")))?;
        named.push((i % 3, Attendee::Youth(youth)));
    }
    let mut anonymous = Vec::new();
    for i in 0..ANONYMOUS {
        let label = format!("Spiller{:03}", i + 1);
        let id = groups::pseudonym(conn, service, &label, at).await?;
        anonymous.push((if i % 9 == 0 { 2 } else { 3 }, Attendee::Pseudonym(id)));
    }
    let participants: Vec<(usize, Attendee)> = named.into_iter().chain(anonymous).collect();
    // Everyone attends once; the rest of the attendances go round the participants again, each
    // at a later session of their group, never twice at the same one.
    let mut seen = BTreeSet::new();
    let mut attendances = Vec::with_capacity(ATTENDANCES);
    let mut n = 0_usize;
    while attendances.len() < ATTENDANCES {
        let (group, attendee) = participants[n % participants.len()];
        let (_, _, _, weekday, first, weeks) = GROUPS[group];
        let offset = i16::try_from((n * 7 + n / participants.len() * 5) % weeks as usize)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let day = meeting(weekday, first + offset)?;
        let key = (group, day, format!("{attendee:?}"));
        if seen.insert(key) {
            attendances.push(NewAttendance {
                id: AttendanceId::new(),
                group: group_ids[group],
                day,
                attendee,
                recorded_by: Some(worker),
            });
        }
        n += 1;
    }
    gatelangs_app::groups::store_imported_attendances(conn, store, service, None, &attendances)
        .await
        .map_err(crate::demo_youths::refused)?;
    prevention_events(conn, service, worker, at).await?;
    trend_notes(conn, store, service, worker, at).await?;
    Ok(attendances.len())
}

/// 46 eighth-grade classes (4 of 27 pupils, 42 of 26: 1 200 pupils) at the district schools,
/// a parent meeting per school, and talks and information work through the year.
async fn prevention_events(
    conn: &mut AnyConnection,
    service: ServiceId,
    worker: UserId,
    at: i64,
) -> Result<(), StoreError> {
    let schools: Vec<_> = places::list_places(conn, service)
        .await?
        .into_iter()
        .filter(|p| p.kind == gatelangs_domain::field::PlaceKind::School)
        .collect();
    let event = |n: usize, kind, grade, classes, participants| {
        let month = i8::try_from(1 + n % 11).unwrap_or(1);
        let day = i8::try_from(3 + n % 24).unwrap_or(3);
        NewEvent {
            id: PreventionId::new(),
            day: date(2024, month, day),
            kind,
            place: schools.get(n % schools.len().max(1)).map(|p| p.id),
            grade,
            classes,
            participants,
            topics: match kind {
                PreventionKind::DrugPreventionClass => vec!["Rus".into(), "Cannabis".into()],
                PreventionKind::ParentMeeting => vec!["Rus".into(), "Foreldrerollen".into()],
                _ => vec!["Nettvett".into()],
            },
            staff: vec![worker],
            recorded_by: Some(worker),
        }
    };
    let mut events = Vec::new();
    for n in 0..46 {
        let pupils = if n < 4 { 27 } else { 26 };
        events.push(event(
            n,
            PreventionKind::DrugPreventionClass,
            Some(8),
            Some(1),
            Some(pupils),
        ));
    }
    for n in 0..8 {
        events.push(event(
            n * 3,
            PreventionKind::ParentMeeting,
            Some(8),
            None,
            Some(35 + n as i64),
        ));
    }
    for n in 0..12 {
        events.push(event(
            n * 2,
            PreventionKind::Talk,
            None,
            None,
            Some(20 + 3 * n as i64),
        ));
        events.push(event(n * 5, PreventionKind::Information, None, None, None));
    }
    for e in &events {
        prevention::create(conn, service, e, at).await?;
    }
    Ok(())
}

/// A few trend notes a month for the collaboration forums, without anyone named.
async fn trend_notes(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    worker: UserId,
    at: i64,
) -> Result<(), StoreError> {
    const NOTES: [(&str, &[Theme], &str); 6] = [
        (
            "Lillestrøm stasjon og bussterminal",
            &[Theme::SubstanceUse],
            "Mer snakk om cannabis blant 15–16-åringer ved stasjonen i helgene.",
        ),
        (
            "Skedsmokorset",
            &[Theme::Violence, Theme::Digital],
            "Slåsskamper filmes og deles i lukkede grupper.",
        ),
        (
            "Skjetten og Strømmen",
            &[Theme::Gangs, Theme::Crime],
            "Yngre ungdommer rekrutteres til å frakte varer for eldre.",
        ),
        (
            "Sørumsand",
            &[Theme::Exclusion],
            "Flere som står utenfor skole og fritid etter høstferien.",
        ),
        (
            "Fetsund",
            &[Theme::SubstanceUse, Theme::Other],
            "Snus og e-sigaretter i friminuttene på ungdomsskolen.",
        ),
        (
            "Digitale plattformer",
            &[Theme::Digital],
            "Salg av rusmidler annonseres åpent i sosiale medier.",
        ),
    ];
    for month in 1..=12_i8 {
        for (k, (district, themes, summary)) in NOTES.iter().enumerate() {
            if (usize::from(month.unsigned_abs()) + k) % 3 != 0 {
                continue;
            }
            // Only the demo's own districts (a note never adds one to the field page).
            let Some(district) = places::find_district(conn, service, district).await? else {
                continue;
            };
            let note = NewObservation {
                id: ObservationId::new(),
                day: date(2024, month, 10 + i8::try_from(k).unwrap_or(0)),
                district: district.id,
                themes: themes.to_vec(),
                summary: (*summary).to_owned(),
                recorded_by: Some(worker),
            };
            observations::create(conn, store.field_keys(), service, &note, at).await?;
        }
    }
    Ok(())
}
