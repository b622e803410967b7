//! Every figure of the field-contact section against totals computed independently here, from
//! contacts spread over a year, its boundaries and both summer-time changes — on both backends.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender, PlaceKind};
use gatelangs_domain::{ContactId, MunicipalityNumber, ServiceName, ServiceSlug, ServiceTimeZone};
use gatelangs_storage::contacts::{self, NewContact};
use gatelangs_storage::places::{self, PlaceFields};
use gatelangs_storage::services::{self, NewService};
use gatelangs_testkit::each_backend;
use jiff::Timestamp;

/// A small deterministic generator, so the data is varied but the same every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// The contract's time band, written out again from the text of interchange.md.
fn band(weekday: &str, hour: i64) -> &'static str {
    if hour < 8 {
        "night"
    } else if weekday == "Sat" || weekday == "Sun" {
        "weekend"
    } else if hour < 16 {
        "day"
    } else {
        "evening"
    }
}

/// Instants around the edges: the new year in Oslo (UTC+1), the spring change (31 March 2024,
/// 02:00 → 03:00) and the autumn change (27 October 2024, 03:00 → 02:00, so 02:30 happens twice).
fn edge_instants() -> Vec<&'static str> {
    vec![
        "2023-12-31T22:59:59Z", // 23:59:59 on 31 Dec 2023 local: the old year
        "2023-12-31T23:00:00Z", // 00:00 on 1 Jan 2024: the new year, night
        "2024-12-31T22:59:00Z", // 23:59 on 31 Dec 2024: still 2024 (Tuesday evening)
        "2024-12-31T23:30:00Z", // 00:30 on 1 Jan 2025: the next year
        "2024-03-31T00:59:00Z", // 01:59 local before the spring change
        "2024-03-31T01:00:00Z", // 03:00 local, summer time
        "2024-03-31T06:00:00Z", // 08:00 local on a Sunday: weekend
        "2024-10-27T00:30:00Z", // 02:30 local, the first time (summer time)
        "2024-10-27T01:30:00Z", // 02:30 local, the second time (winter time)
        "2024-10-27T06:59:00Z", // 07:59 local: night
        "2024-10-27T07:00:00Z", // 08:00 local on a Sunday: weekend
        "2024-07-05T13:59:00Z", // 15:59 local Friday in summer: day
        "2024-07-05T14:00:00Z", // 16:00 local Friday in summer: evening
        "2024-01-05T14:59:00Z", // 15:59 local Friday in winter: day
        "2024-01-05T15:00:00Z", // 16:00 local Friday in winter: evening
    ]
}

#[tokio::test]
async fn the_section_matches_independently_computed_totals() {
    let oslo = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
    for db in each_backend().await {
        let mut conn = db.store.conn().await.unwrap();
        let service = services::create(
            &mut conn,
            &NewService {
                slug: ServiceSlug::parse("team").unwrap(),
                name: ServiceName::parse("Team").unwrap(),
                municipality: Some(MunicipalityNumber::parse("3205").unwrap()),
                time_zone: ServiceTimeZone::oslo(),
                require_two_factor: false,
                is_demo: false,
            },
        )
        .await
        .unwrap();
        let mut place_list = vec![];
        for (district, name, kind) in [
            ("Nord", "Torget", PlaceKind::Street),
            ("Nord", "Skolen", PlaceKind::School),
            ("Sør", "Stasjonen", PlaceKind::Transit),
            ("Digitalt", "Snapchat", PlaceKind::Digital),
        ] {
            let d = match places::find_district(&mut conn, service.id, district)
                .await
                .unwrap()
            {
                Some(d) => d,
                None => places::create_district(&mut conn, service.id, district)
                    .await
                    .unwrap(),
            };
            let fields = PlaceFields {
                district_id: d.id,
                name: name.into(),
                kind,
                school_level: None,
                lat: None,
                lon: None,
            };
            place_list.push((
                district,
                places::create_place(&mut conn, service.id, &fields)
                    .await
                    .unwrap(),
            ));
        }

        let mut rng = Lcg(42);
        let start = Timestamp::from_second(1_703_980_800).unwrap(); // 2023-12-31T00:00Z
        let mut instants: Vec<Timestamp> =
            edge_instants().iter().map(|s| s.parse().unwrap()).collect();
        for _ in 0..400 {
            instants.push(
                start
                    + jiff::SignedDuration::from_secs(
                        i64::try_from(rng.next(368 * 86_400)).unwrap(),
                    ),
            );
        }

        // Expected figures, kept by hand.
        let mut total = 0;
        let mut prev_total = 0;
        let mut by_channel: BTreeMap<&str, i64> = BTreeMap::new();
        let mut by_age: BTreeMap<&str, i64> = BTreeMap::new();
        let mut by_gender: BTreeMap<&str, i64> = BTreeMap::new();
        let mut by_band: BTreeMap<&str, i64> = BTreeMap::new();
        let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
        let mut by_place: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut undone_ids = vec![];
        for (i, at) in instants.iter().enumerate() {
            let (district, place) = &place_list[usize::try_from(rng.next(4)).unwrap()];
            let channel = place.kind.default_channel();
            let age = AgeGroup::ALL[usize::try_from(rng.next(5)).unwrap()];
            let gender = Gender::ALL[usize::try_from(rng.next(4)).unwrap()];
            let count = i64::try_from(rng.next(3)).unwrap() + 1;
            let id = ContactId::new();
            let contact = NewContact {
                id,
                occurred_at: *at,
                place: place.id,
                channel,
                age_group: age,
                gender,
                count: ContactCount::new(count).unwrap(),
                staff: None,
                topics: String::new(),
            };
            contacts::register(&mut conn, service.id, &oslo, &contact, None)
                .await
                .unwrap();
            // Every 17th registration is undone and must not count.
            if i % 17 == 16 {
                contacts::undo(&mut conn, service.id, id).await.unwrap();
                undone_ids.push(id);
                continue;
            }
            let local = at.to_zoned(oslo.clone());
            match local.year() {
                2024 => {
                    total += count;
                    *by_channel.entry(channel.as_str()).or_default() += count;
                    *by_age.entry(age.as_str()).or_default() += count;
                    *by_gender.entry(gender.as_str()).or_default() += count;
                    *by_band
                        .entry(band(
                            &local.strftime("%a").to_string(),
                            i64::from(local.hour()),
                        ))
                        .or_default() += count;
                    *by_month
                        .entry(local.strftime("%m").to_string())
                        .or_default() += count;
                    *by_place
                        .entry(((*district).to_owned(), place.name.clone()))
                        .or_default() += count;
                }
                2023 => prev_total += count,
                _ => {}
            }
        }
        // A retry of a stored registration changes nothing.
        let retry = contacts::register(
            &mut conn,
            service.id,
            &oslo,
            &NewContact {
                id: undone_ids[0],
                occurred_at: instants[0],
                place: place_list[0].1.id,
                channel: Channel::Street,
                age_group: AgeGroup::Unknown,
                gender: Gender::Unknown,
                count: ContactCount::new(9).unwrap(),
                staff: None,
                topics: String::new(),
            },
            None,
        )
        .await
        .unwrap();
        assert_eq!(retry, contacts::Registered::AlreadyStored);

        let report = serde_json::to_value(
            gatelangs_report::build(&mut conn, &service, 2024)
                .await
                .unwrap(),
        )
        .unwrap();
        let fc = &report["field_contacts"];
        let what = format!("{:?}", db.backend());
        assert_eq!(fc["total"], total, "{what}");
        assert_eq!(fc["previous_year_total"], prev_total, "{what}");
        for (map, expected, codes) in [
            (
                "by_channel",
                &by_channel,
                &["street", "school", "digital"][..],
            ),
            (
                "by_age_group",
                &by_age,
                &[
                    "primary_school",
                    "lower_secondary",
                    "upper_secondary",
                    "young_adult",
                    "unknown",
                ][..],
            ),
            (
                "by_gender",
                &by_gender,
                &["male", "female", "other", "unknown"][..],
            ),
            (
                "by_time_band",
                &by_band,
                &["day", "evening", "weekend", "night"][..],
            ),
        ] {
            let got = fc[map].as_object().unwrap();
            assert_eq!(got.len(), codes.len(), "{map} holds every code");
            for code in codes {
                assert_eq!(
                    got[*code],
                    expected.get(code).copied().unwrap_or(0),
                    "{what} {map}.{code}"
                );
            }
        }
        for m in 1..=12 {
            let key = format!("{m:02}");
            assert_eq!(
                fc["by_month"][&key],
                by_month.get(&key).copied().unwrap_or(0),
                "{what} month {key}"
            );
        }
        let districts = fc["by_district"].as_object().unwrap();
        let mut district_totals: BTreeMap<String, i64> = BTreeMap::new();
        for ((district, place), n) in &by_place {
            assert_eq!(
                districts[district]["places"][place], *n,
                "{what} {district}/{place}"
            );
            *district_totals.entry(district.clone()).or_default() += n;
        }
        for (district, n) in district_totals {
            assert_eq!(districts[&district]["total"], n);
        }
        // The year with no contacts before it has no previous-year total.
        let empty = serde_json::to_value(
            gatelangs_report::build(&mut conn, &service, 2022)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(empty["field_contacts"]["total"], 0);
        assert_eq!(
            empty["field_contacts"]["previous_year_total"],
            serde_json::Value::Null
        );
        assert!(
            empty["field_contacts"]["by_district"]
                .as_object()
                .unwrap()
                .is_empty()
        );
    }
}
