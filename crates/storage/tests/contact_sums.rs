//! The report's sums kept by triggers (migration 0016, decision 29) equal a GROUP BY over the
//! contacts that count, after any mix of registrations, undos, corrections (to another place,
//! age group or year) and deletions — on both backends.

#![allow(clippy::unwrap_used)]

use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender, PlaceKind};
use gatelangs_domain::{ContactId, Role};
use gatelangs_storage::contacts::{self, NewContact};
use gatelangs_storage::places::{self, PlaceFields};
use gatelangs_testkit::{each_backend, fetch_text_rows, fixtures};
use jiff::Timestamp;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
    fn pick(&mut self, n: usize) -> usize {
        usize::try_from(self.next(n as u64)).unwrap()
    }
}

/// Each grouping as the kept table and as the GROUP BY it stands for, both as sorted text rows.
const GROUPINGS: [(&str, &str, &str); 3] = [
    (
        "contact_sums_by_place",
        "place_id || '|' || channel",
        "place_id, channel",
    ),
    (
        "contact_sums_by_person",
        "age_group || '|' || gender",
        "age_group, gender",
    ),
    (
        "contact_sums_by_time",
        "CAST(local_month AS TEXT) || '|' || CAST(local_weekday AS TEXT) || '|' || time_band",
        "local_month, local_weekday, time_band",
    ),
];

#[tokio::test]
async fn the_kept_sums_equal_the_contacts_after_any_change() {
    let oslo = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
    for db in each_backend().await {
        let service = fixtures::service(&db.store, "team").await;
        let other = fixtures::service(&db.store, "other").await;
        fixtures::user(&db.store, service, "kari", Role::FieldWorker).await;
        let mut conn = db.store.conn().await.unwrap();
        let mut place_ids = vec![];
        for (svc, name) in [
            (service, "Torget"),
            (service, "Stasjonen"),
            (other, "Parken"),
        ] {
            let district = places::create_district(&mut conn, svc, &format!("D-{name}"))
                .await
                .unwrap();
            let fields = PlaceFields {
                district_id: district.id,
                name: name.into(),
                kind: PlaceKind::Street,
                school_level: None,
                lat: None,
                lon: None,
            };
            place_ids.push((
                svc,
                places::create_place(&mut conn, svc, &fields)
                    .await
                    .unwrap()
                    .id,
            ));
        }
        let mut rng = Lcg(7);
        // 2023-06-01 .. about 2025-02: contacts in three years, moved between them.
        let start = Timestamp::from_second(1_685_577_600).unwrap();
        let mut stored: Vec<(ContactId, usize)> = vec![];
        let contact = |rng: &mut Lcg, id, place: usize| NewContact {
            id,
            occurred_at: start
                + jiff::SignedDuration::from_secs(i64::try_from(rng.next(620 * 86_400)).unwrap()),
            place: place_ids[place].1,
            channel: Channel::ALL[rng.pick(Channel::ALL.len())],
            age_group: AgeGroup::ALL[rng.pick(AgeGroup::ALL.len())],
            gender: Gender::ALL[rng.pick(Gender::ALL.len())],
            count: ContactCount::new(i64::try_from(rng.next(4)).unwrap() + 1).unwrap(),
            staff: None,
            topics: String::new(),
        };
        for step in 0..600 {
            match rng.next(10) {
                // Register (mostly).
                0..=5 => {
                    let place = rng.pick(place_ids.len());
                    let new = contact(&mut rng, ContactId::new(), place);
                    contacts::register(&mut conn, place_ids[place].0, &oslo, &new, None)
                        .await
                        .unwrap();
                    stored.push((new.id, place));
                }
                // Undo one.
                6 if !stored.is_empty() => {
                    let (id, place) = stored[rng.pick(stored.len())];
                    let _ = contacts::undo(&mut conn, place_ids[place].0, id).await;
                }
                // Correct one: another moment (perhaps another year), place of the same
                // service, age group, gender and count.
                7 | 8 if !stored.is_empty() => {
                    let at = rng.pick(stored.len());
                    let (id, place) = stored[at];
                    let moved = if place_ids[place].0 == service {
                        rng.pick(2)
                    } else {
                        place
                    };
                    let new = contact(&mut rng, id, moved);
                    if contacts::correct(&mut conn, place_ids[place].0, &oslo, &new)
                        .await
                        .is_ok()
                    {
                        stored[at].1 = moved;
                    }
                }
                // Delete one outright (as a retention decision would).
                9 if !stored.is_empty() => {
                    let (id, _) = stored.swap_remove(rng.pick(stored.len()));
                    sqlx::query("DELETE FROM contacts WHERE id = $1")
                        .bind(id.to_string())
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                }
                _ => {}
            }
            if step % 150 == 149 {
                for (table, key, columns) in GROUPINGS {
                    let kept = fetch_text_rows(
                        &mut conn,
                        &format!(
                            "SELECT service_id || '|' || CAST(local_year AS TEXT) || '|' || {key} || '=' || CAST(total AS TEXT) \
                             FROM {table} WHERE total <> 0 ORDER BY 1"
                        ),
                    )
                    .await;
                    let summed = fetch_text_rows(
                        &mut conn,
                        &format!(
                            "SELECT service_id || '|' || CAST(local_year AS TEXT) || '|' || {key} || '=' || CAST(SUM(count) AS TEXT) \
                             FROM contacts WHERE undone_at IS NULL \
                             GROUP BY service_id, local_year, {columns} ORDER BY 1"
                        ),
                    )
                    .await;
                    assert!(!kept.is_empty());
                    assert_eq!(kept, summed, "{table} after {} steps", step + 1);
                }
            }
        }
    }
}
