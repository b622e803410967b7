//! Demo youths and follow-up conversations for `out-lillestrom`: 300 youths followed up in 460
//! conversations in 2024 (reference report, section 2.3), some of them already in 2023. Names
//! are made-up combinations; nothing here describes a real person.

use gatelangs_app::journal_transfer;
use gatelangs_domain::field::Gender;
use gatelangs_domain::youth::Challenge;
use gatelangs_domain::{
    ConversationId, DisplayName, EntryId, MunicipalityNumber, Role, ServiceId, UserId, Username,
    YouthId,
};
use gatelangs_storage::conversations::NewConversation;
use gatelangs_storage::users::{self, NewUser};
use gatelangs_storage::youths::{self, Guardian, YouthFields};
use gatelangs_storage::{AnyConnection, Store, StoreError};

const FIRST: [&str; 24] = [
    "Emma", "Nora", "Sara", "Ingrid", "Maja", "Amalie", "Leah", "Sofie", "Aisha", "Hanna", "Ella",
    "Tiril", "Jakob", "Emil", "Noah", "Oskar", "Lucas", "Filip", "Aksel", "Mohammed", "Isak",
    "Henrik", "Elias", "Magnus",
];
const LAST: [&str; 20] = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Ali",
    "Ahmed",
    "Nguyen",
    "Bakken",
];
const NOTES: [&str; 5] = [
    "Samtale om skolehverdagen og fravær. Avtalt ny samtale om to uker.",
    "Ungdommen fortalte om konflikter i vennegjengen. Vi snakket om hvordan hun kan si fra.",
    "Fulgte opp etter helgen. Snakket om rus og hva som skjer på fester.",
    "Telefonsamtale. Ungdommen ønsker hjelp til å søke sommerjobb.",
    "Møte på kafé. Snakket om søvn, stress og hvem han kan snakke med hjemme.",
];
/// Colleagues without a login who share the contact-person work with the demo field worker.
const COLLEAGUES: [(&str, &str); 4] = [
    ("demo-kollega-1", "Kristoffer Kollega"),
    ("demo-kollega-2", "Karin Kollega"),
    ("demo-kollega-3", "Kamal Kollega"),
    ("demo-kollega-4", "Kine Kollega"),
];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from((self.0 >> 33) % u64::from(n.max(1))).unwrap_or(0)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(u32::try_from(items.len()).unwrap_or(1)) as usize]
    }
}

pub(crate) fn corrupt<E: std::fmt::Display>(e: E) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// A demo field worker without a password (they appear in records, never log in), made
/// through the use case on first need.
pub(crate) async fn colleague(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    username: &str,
    name: &str,
) -> Result<UserId, StoreError> {
    if let Some(u) = users::find_by_username(conn, username).await? {
        return Ok(u.id);
    }
    let new = NewUser {
        service,
        username: &Username::parse(username).map_err(corrupt)?,
        name: &DisplayName::parse(name).map_err(corrupt)?,
        role: Role::FieldWorker,
        password_hash: None,
    };
    Ok(gatelangs_app::users::create(
        conn,
        store,
        &new,
        None,
        gatelangs_app::users::CreatedBy::Operator,
        "demo",
    )
    .await
    .map_err(refused)?
    .id)
}

/// Writes the demo youths unless the service has youths already; returns how many.
pub async fn populate(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    tz: &jiff::tz::TimeZone,
    field_worker: UserId,
) -> Result<usize, StoreError> {
    if !youths::list(conn, store.field_keys(), service, None)
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let mut staff = vec![field_worker];
    for (username, name) in COLLEAGUES {
        staff.push(colleague(conn, store, service, username, name).await?);
    }
    let mut rng = Rng(460);
    let mut ids = Vec::new();
    for i in 0..300_u32 {
        let id = YouthId::new();
        let age = 13 + rng.below(12);
        let birth = jiff::civil::date(
            i16::try_from(2024 - age).unwrap_or(2010),
            i8::try_from(1 + rng.below(12)).unwrap_or(1),
            i8::try_from(1 + rng.below(28)).unwrap_or(1),
        );
        let first = *rng.pick(&FIRST);
        let last = *rng.pick(&LAST);
        let municipality = match rng.below(100) {
            0..=3 => "0301",
            4..=6 => "3222",
            7..=8 => "3224",
            _ => "3205",
        };
        let fields = YouthFields {
            reference: format!("D-{:04}", i + 1),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            birth_date: birth,
            gender: if FIRST.iter().position(|f| *f == first).unwrap_or(0) < 12 {
                Gender::Female
            } else {
                Gender::Male
            },
            municipality: MunicipalityNumber::parse(municipality).map_err(corrupt)?,
            phone: (rng.below(3) > 0).then(|| format!("9{:07}", 1_000_000 + rng.below(8_999_999))),
            school: None,
            guardians: if age < 18 {
                vec![Guardian {
                    name: format!(
                        "{} {last}",
                        rng.pick(&["Anne", "Per", "Lise", "Tor", "Fatima", "Jan"])
                    ),
                    phone: None,
                }]
            } else {
                vec![]
            },
        };
        let a = staff[(i as usize) % staff.len()];
        let b = staff[(i as usize + 1 + rng.below(4) as usize) % staff.len()];
        let pair = if a == b { vec![a] } else { vec![a, b] };
        gatelangs_app::youths::store_imported(
            conn,
            store,
            service,
            None,
            youths::NewYouth {
                id,
                fields: &fields,
                contact_persons: &pair,
                created_by: Some(field_worker),
            },
            "demo",
        )
        .await
        .map_err(refused)?;
        ids.push((id, pair));
    }
    // 2024: every youth once, 160 of them twice (460); 2023: 200 conversations with 120 youths.
    let mut plan: Vec<(usize, i16)> = (0..300).map(|i| (i, 2024)).collect();
    plan.extend((0..160).map(|i| ((i * 7 + 3) % 300, 2024)));
    plan.extend((0..200).map(|i| ((i * 11) % 120, 2023)));
    for (n, (youth_index, year)) in plan.into_iter().enumerate() {
        let (youth, pair) = &ids[youth_index];
        let date = jiff::civil::date(
            year,
            i8::try_from(1 + rng.below(12)).unwrap_or(1),
            i8::try_from(1 + rng.below(28)).unwrap_or(1),
        );
        let at = date
            .at(i8::try_from(12 + rng.below(9)).unwrap_or(15), 0, 0, 0)
            .to_zoned(tz.clone())
            .map_err(corrupt)?
            .timestamp();
        let mut challenges: Vec<Challenge> = Challenge::ALL
            .iter()
            .copied()
            .filter(|_| rng.below(100) < 30)
            .collect();
        if challenges.is_empty() {
            challenges.push(*rng.pick(Challenge::ALL));
        }
        let conversation = ConversationId::new();
        let note = (n % 3 == 0).then(|| (EntryId::new(), *rng.pick(&NOTES)));
        journal_transfer::store_imported_conversation(
            conn,
            store,
            service,
            tz,
            &NewConversation {
                id: conversation,
                youth: *youth,
                occurred_at: at,
                setting: None,
                duration_minutes: Some(i64::from(15 + rng.below(60))),
                challenges,
                staff: pair.clone(),
                place: None,
                contact: None,
                created_by: Some(pair[0]),
            },
            note,
        )
        .await
        .map_err(refused)?;
    }
    let closed = closed_long_ago(conn, store, service, tz, field_worker).await?;
    Ok(ids.len() + closed)
}

/// Three follow-ups that ended in 2019, each with a conversation and a note in 2018: past their
/// period, so the leader's retention page (`/youths/retention`) has records to decide on. They
/// count in no year the demo's report shows.
async fn closed_long_ago(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    tz: &jiff::tz::TimeZone,
    field_worker: UserId,
) -> Result<usize, StoreError> {
    let people = [
        ("D-0301", "Emil", "Haugen", (2001, 3, 9), Gender::Male),
        ("D-0302", "Nora", "Lund", (2002, 8, 21), Gender::Female),
        ("D-0303", "Jonas", "Bakke", (2000, 12, 2), Gender::Male),
    ];
    let at = |day: jiff::civil::Date| -> Result<jiff::Timestamp, StoreError> {
        Ok(day
            .at(12, 0, 0, 0)
            .to_zoned(tz.clone())
            .map_err(corrupt)?
            .timestamp())
    };
    for (n, (reference, first, last, (y, m, d), gender)) in people.into_iter().enumerate() {
        let id = YouthId::new();
        let fields = YouthFields {
            reference: reference.to_owned(),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            birth_date: jiff::civil::date(y, m, d),
            gender,
            municipality: MunicipalityNumber::parse("3205").map_err(corrupt)?,
            phone: None,
            school: None,
            guardians: vec![],
        };
        let staff = [field_worker];
        gatelangs_app::youths::store_imported(
            conn,
            store,
            service,
            None,
            youths::NewYouth {
                id,
                fields: &fields,
                contact_persons: &staff,
                created_by: Some(field_worker),
            },
            "demo",
        )
        .await
        .map_err(refused)?;
        let day = jiff::civil::date(2018, 10, i8::try_from(1 + n).unwrap_or(1));
        journal_transfer::store_imported_conversation(
            conn,
            store,
            service,
            tz,
            &NewConversation {
                id: ConversationId::new(),
                youth: id,
                occurred_at: at(day)?,
                setting: None,
                duration_minutes: Some(45),
                challenges: vec![Challenge::Exclusion],
                staff: staff.to_vec(),
                place: None,
                contact: None,
                created_by: Some(field_worker),
            },
            Some((EntryId::new(), NOTES[n % NOTES.len()])),
        )
        .await
        .map_err(refused)?;
        let closed_at = at(jiff::civil::date(2019, 6, 28))?.as_second();
        gatelangs_app::youths::store_imported_closing(conn, store, service, None, id, closed_at)
            .await
            .map_err(refused)?;
    }
    Ok(people.len())
}

/// The demo's data keeps every rule; a refusal here is a bug in the demo, reported as such.
pub(crate) fn refused(e: gatelangs_app::Error) -> StoreError {
    match e {
        gatelangs_app::Error::Store(e) => e,
        other => StoreError::Corrupt(format!("the demo data broke a rule: {other}")),
    }
}
