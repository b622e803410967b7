//! Benchmarks live in `benches/`; run them with `scripts/bench` (see `docs/benchmarks.md`).
//! What they share: the service-year they measure.

use gatelangs_interchange::Bundle;

/// Places of the generated service, over six districts.
pub const PLACES: usize = 30;

/// A bundle of `contacts` contacts over a year (CRLF, as spreadsheets write it), spread over the
/// places, ages, genders and hours.
pub fn contacts_bundle(contacts: usize) -> Bundle {
    contacts_bundle_of_years(contacts, &[2024])
}

/// As [`contacts_bundle`], with `contacts` contacts in each of `years`.
pub fn contacts_bundle_of_years(contacts: usize, years: &[i32]) -> Bundle {
    let mut places = String::from("district,place,kind\r\n");
    for p in 0..PLACES {
        places.push_str(&format!("Område {},Sted {p},street\r\n", p % 6));
    }
    let ages = [
        "primary_school",
        "lower_secondary",
        "upper_secondary",
        "young_adult",
        "unknown",
    ];
    let genders = ["male", "female", "other", "unknown"];
    let mut rows = String::from("occurred_at,place,channel,age_group,gender,count\r\n");
    for (year, i) in years
        .iter()
        .flat_map(|y| (0..contacts).map(move |i| (*y, i)))
    {
        rows.push_str(&format!(
            "{year}-{:02}-{:02}T{:02}:{:02},Sted {},street,{},{},{}\r\n",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60,
            i % PLACES,
            ages[i % ages.len()],
            genders[i % genders.len()],
            1 + i % 3,
        ));
    }
    Bundle {
        files: vec![
            ("places.csv".into(), places.into_bytes()),
            ("contacts.csv".into(), rows.into_bytes()),
        ],
        ..Bundle::default()
    }
}
