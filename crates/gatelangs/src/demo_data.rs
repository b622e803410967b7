//! Event-level demo data for the service `out-lillestrom`, shaped after the 2024 annual report
//! of Oppsøkende ungdomsteam, Lillestrøm (`shared/reference/`): from these records the report
//! reproduces the reference figures (`shared/fixtures/out-lillestrom-2024.expected.json`).
//!
//! The generator is deterministic, so the demo is the same on every machine.

use gatelangs_domain::field::{AgeGroup, ContactCount, Gender, PlaceKind, SchoolLevel};
use gatelangs_domain::{ContactId, ServiceId, UserId};
use gatelangs_storage::contacts::{self, NewContact};
use gatelangs_storage::places::{self, PlaceFields};
use gatelangs_storage::{AnyConnection, StoreError, counterparts};

/// (district, place, kind, contacts in 2024) as the reference report's tables give them, plus
/// the places the report does not itemise (see the fixture's notes).
const PLACES_2024: &[(&str, &str, PlaceKind, u32)] = &[
    ("Skedsmokorset", "Sten-Tærud skole", PlaceKind::School, 472),
    ("Skedsmokorset", "Tæruddalen skole", PlaceKind::School, 1119),
    (
        "Skedsmokorset",
        "Skedsmokorset og omegn",
        PlaceKind::Street,
        912,
    ),
    (
        "Skjetten og Strømmen",
        "Bråtejordet skole",
        PlaceKind::School,
        2108,
    ),
    (
        "Skjetten og Strømmen",
        "Stav skole",
        PlaceKind::School,
        3528,
    ),
    (
        "Skjetten og Strømmen",
        "Strømmen og Skjetten",
        PlaceKind::Street,
        4828,
    ),
    ("Sørumsand", "Bingsfoss skole", PlaceKind::School, 1236),
    (
        "Sørumsand",
        "Sørumsand, Blaker, Lørenfallet og omegn",
        PlaceKind::Street,
        996,
    ),
    (
        "Frogner og Leirsund",
        "Frogner skole",
        PlaceKind::School,
        2101,
    ),
    ("Frogner og Leirsund", "Asak skole", PlaceKind::School, 431),
    (
        "Frogner og Leirsund",
        "Frogner og Leirsund",
        PlaceKind::Street,
        479,
    ),
    ("Fetsund", "Østersund skole", PlaceKind::School, 2053),
    ("Fetsund", "Fetsund", PlaceKind::Street, 672),
    (
        "Lillestrøm sentrum og Kjellerområdet",
        "Sophie Radich skole",
        PlaceKind::School,
        1462,
    ),
    (
        "Lillestrøm sentrum og Kjellerområdet",
        "Kjeller skole",
        PlaceKind::School,
        851,
    ),
    (
        "Lillestrøm sentrum og Kjellerområdet",
        "Lillestrøm sentrum og Kjellerområdet",
        PlaceKind::Street,
        3315,
    ),
    (
        "Lillestrøm stasjon og bussterminal",
        "Lillestrøm tog- og bussterminal",
        PlaceKind::Transit,
        3691,
    ),
    (
        "Lillestrøm stasjon og bussterminal",
        "Kulturkvartalet, Skateparken, Flomvollen/Nebben, Helsebygget, Stillverksveien",
        PlaceKind::Street,
        8101,
    ),
    (
        "Andre steder",
        "Lillestrøm videregående skole",
        PlaceKind::School,
        1020,
    ),
    (
        "Andre steder",
        "Skedsmo videregående skole",
        PlaceKind::School,
        866,
    ),
    (
        "Andre steder",
        "Andre steder i kommunen",
        PlaceKind::Street,
        580,
    ),
    ("Digitale plattformer", "Snapchat", PlaceKind::Digital, 512),
    ("Digitale plattformer", "Instagram", PlaceKind::Digital, 301),
    ("Digitale plattformer", "Facebook", PlaceKind::Digital, 44),
    (
        "Digitale plattformer",
        "Gaming (Discord)",
        PlaceKind::Digital,
        200,
    ),
];

/// Contacts per age group over all channels in 2024: the report's two values (15 250 and 6 139)
/// and the rest spread so that 13–15 year olds stay the largest group.
const AGE_TOTALS_2024: [(AgeGroup, u32); 5] = [
    (AgeGroup::LowerSecondary, 15_250),
    (AgeGroup::UpperSecondary, 6_139),
    (AgeGroup::PrimarySchool, 3_860),
    (AgeGroup::YoungAdult, 5_917),
    (AgeGroup::Unknown, 10_712),
];

pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from((self.0 >> 33) % u64::from(n.max(1))).unwrap_or(0)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j =
                usize::try_from(self.below(u32::try_from(i + 1).unwrap_or(u32::MAX))).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

/// One contact before it is grouped into registrations.
#[derive(Clone, Copy)]
struct Unit {
    place: usize,
    age: AgeGroup,
    gender: Gender,
}

fn genders(rng: &mut Rng) -> Gender {
    match rng.below(100) {
        0..=51 => Gender::Male,
        52..=95 => Gender::Female,
        96 => Gender::Other,
        _ => Gender::Unknown,
    }
}

/// A plausible local time for a contact at a place of `kind` on `year`: schools in school
/// hours on weekdays, streets in the afternoon, evening and weekend, digital any time.
fn local_time(rng: &mut Rng, kind: PlaceKind, year: i16) -> jiff::civil::DateTime {
    // Fewer contacts in July (holiday), more in spring and autumn.
    const MONTH_WEIGHT: [u32; 12] = [8, 9, 10, 10, 10, 7, 3, 7, 10, 10, 9, 7];
    let mut pick = rng.below(MONTH_WEIGHT.iter().sum());
    let mut month = 1;
    for (i, w) in MONTH_WEIGHT.iter().enumerate() {
        if pick < *w {
            month = i8::try_from(i + 1).unwrap_or(1);
            break;
        }
        pick -= w;
    }
    loop {
        let day = i8::try_from(rng.below(28) + 1).unwrap_or(1);
        let date = jiff::civil::date(year, month, day);
        let weekend = date.weekday().to_monday_one_offset() >= 6;
        let hour = match kind {
            PlaceKind::School if weekend => continue,
            PlaceKind::School => 9 + rng.below(6),
            PlaceKind::Digital => 10 + rng.below(13),
            _ if weekend => 14 + rng.below(10),
            _ => match rng.below(10) {
                0..=1 => 14 + rng.below(2),
                2..=8 => 16 + rng.below(7),
                _ => rng.below(2),
            },
        };
        let minute = rng.below(60);
        return date.at(
            i8::try_from(hour).unwrap_or(12),
            i8::try_from(minute).unwrap_or(0),
            0,
            0,
        );
    }
}

/// Fills the demo service with places, counterpart services and two years of field contacts,
/// unless it has places already. Returns the number of registrations written.
pub async fn populate(
    conn: &mut AnyConnection,
    service: ServiceId,
    tz: &jiff::tz::TimeZone,
    field_worker: UserId,
) -> Result<usize, StoreError> {
    if !places::list_places(conn, service).await?.is_empty() {
        return Ok(0);
    }
    counterparts::seed_defaults(conn, service).await?;
    let mut place_ids = vec![];
    for (district, place, kind, _) in PLACES_2024 {
        let d = places::district_named(conn, service, district).await?;
        let school_level = match (kind, place.contains("videregående")) {
            (PlaceKind::School, true) => Some(SchoolLevel::UpperSecondary),
            (PlaceKind::School, false) => Some(SchoolLevel::LowerSecondary),
            _ => None,
        };
        let fields = PlaceFields {
            district_id: d.id,
            name: (*place).to_owned(),
            kind: *kind,
            school_level,
            lat: None,
            lon: None,
        };
        place_ids.push(places::create_place(conn, service, &fields).await?.id);
    }
    let mut rng = Rng(2024);
    let mut written = 0;
    // 2023 at about four fifths of 2024 ("a marked increase from 2023"), then 2024 exactly.
    for (year, scale) in [(2023_i16, 80_u32), (2024, 100)] {
        let mut units = vec![];
        for (i, (_, _, _, n)) in PLACES_2024.iter().enumerate() {
            for _ in 0..(n * scale / 100) {
                units.push(Unit {
                    place: i,
                    age: AgeGroup::Unknown,
                    gender: Gender::Unknown,
                });
            }
        }
        rng.shuffle(&mut units);
        let mut ages: Vec<AgeGroup> = AGE_TOTALS_2024
            .iter()
            .flat_map(|(age, n)| {
                std::iter::repeat_n(*age, usize::try_from(n * scale / 100).unwrap_or(0))
            })
            .collect();
        ages.resize(units.len(), AgeGroup::Unknown);
        rng.shuffle(&mut ages);
        for (unit, age) in units.iter_mut().zip(ages) {
            unit.age = age;
            unit.gender = genders(&mut rng);
        }
        units.sort_by_key(|u| (u.place, u.age, u.gender));
        // Youths are often met in small groups: one registration of 1–4.
        let mut i = 0;
        while i < units.len() {
            let first = units[i];
            let mut size = 1 + usize::try_from(rng.below(4)).unwrap_or(0);
            size = units[i..]
                .iter()
                .take(size)
                .take_while(|u| {
                    u.place == first.place && u.age == first.age && u.gender == first.gender
                })
                .count();
            let (_, _, kind, _) = PLACES_2024[first.place];
            let at = local_time(&mut rng, kind, year)
                .to_zoned(tz.clone())
                .map(|z| z.timestamp());
            let Ok(occurred_at) = at else {
                i += size;
                continue;
            };
            let contact = NewContact {
                id: ContactId::new(),
                occurred_at,
                place: place_ids[first.place],
                channel: kind.default_channel(),
                age_group: first.age,
                gender: first.gender,
                count: ContactCount::new(i64::try_from(size).unwrap_or(1))
                    .map_err(|e| StoreError::Corrupt(e.0))?,
                staff: Some(field_worker),
                topics: String::new(),
            };
            contacts::register(conn, service, tz, &contact, Some(field_worker)).await?;
            written += 1;
            i += size;
        }
    }
    Ok(written)
}
