//! The demo's records reproduce the reference report's field-contact figures
//! (`tests/fixtures/out-lillestrom-2024.expected.json`, a copy of the team's
//! `shared/fixtures/` file kept in the repository so a clone alone can run the tests), checked
//! through the binary as a user would: `gatelangs demo`, then `gatelangs report annual --format json`.

#![allow(clippy::unwrap_used)]

use std::process::Command;

use serde_json::Value;

fn leaves(node: &Value, path: Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
    match node {
        Value::Object(map) => {
            for (k, v) in map.iter().filter(|(k, _)| !k.starts_with('_')) {
                let mut p = path.clone();
                p.push(k.clone());
                leaves(v, p, out);
            }
        }
        other => out.push((path, other.clone())),
    }
}

const FIXTURE: &str = include_str!("../fixtures/out-lillestrom-2024.expected.json");

/// Where the shared fixture sits beside the repository (the team's checkout), the copy must not
/// have drifted from it.
#[test]
fn the_fixture_copy_equals_the_shared_fixture_where_there_is_one() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/out-lillestrom-2024.expected.json");
    if let Ok(original) = std::fs::read_to_string(&shared) {
        assert_eq!(
            original,
            FIXTURE,
            "copy {} into tests/fixtures",
            shared.display()
        );
    }
}

#[test]
fn the_demo_reproduces_every_reference_figure() {
    let expected: Value = serde_json::from_str(FIXTURE).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_gatelangs"))
            .args(args)
            .env("GATELANGS_DATA_DIR", dir.path())
            .env_remove("GATELANGS_DATABASE_URL")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&["demo"]);
    // A second run keeps the records (only the passwords change).
    run(&["demo"]);
    let report: Value = serde_json::from_slice(&run(&[
        "report",
        "annual",
        "--service",
        "out-lillestrom",
        "--year",
        "2024",
        "--format",
        "json",
    ]))
    .unwrap();

    let mut checks = vec![];
    leaves(&expected["figures"], vec![], &mut checks);
    let mut checked = 0;
    for (path, want) in checks {
        let got = path.iter().fold(&report, |node, key| &node[key]);
        assert_eq!(got, &want, "{}", path.join("/"));
        checked += 1;
    }
    assert!(checked > 25, "only {checked} figures checked");
    for rule in expected["sums"].as_array().unwrap() {
        let total: i64 = rule["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p.as_array()
                    .unwrap()
                    .iter()
                    .fold(&report, |node, key| &node[key.as_str().unwrap()])
                    .as_i64()
                    .unwrap()
            })
            .sum();
        assert_eq!(total, rule["equals"].as_i64().unwrap());
    }
    let fc = &report["field_contacts"];
    let ages = &fc["by_age_group"];
    let largest = [
        "primary_school",
        "upper_secondary",
        "young_adult",
        "unknown",
    ]
    .iter()
    .all(|a| ages[*a].as_i64() < ages["lower_secondary"].as_i64());
    assert!(largest, "13–15 year olds are met most: {ages}");
    assert!(
        fc["previous_year_total"].as_i64().unwrap() < fc["total"].as_i64().unwrap(),
        "a marked increase from 2023"
    );

    // Presence planning from the demo's 2024 records, for the 6–8 staff the reference team
    // goes down to: a week each, the Friday night covered, within everyone's hours, and more
    // staff never expecting fewer contacts.
    let districts: Vec<&str> = report["field_contacts"]["by_district"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut last = 0.0;
    for staff in [6, 7, 8] {
        let plan: Value = serde_json::from_slice(&run(&[
            "plan",
            "presence",
            "--service",
            "out-lillestrom",
            "--year",
            "2024",
            "--staff",
            &staff.to_string(),
            "--must-cover",
            "fri:night",
            "--format",
            "json",
        ]))
        .unwrap();
        let shifts = plan["weekly_team_shifts"].as_array().unwrap();
        assert!(shifts.len() >= staff, "{staff} staff: {plan}");
        assert!(
            shifts
                .iter()
                .all(|t| districts.contains(&t["district"].as_str().unwrap()))
        );
        assert!(
            shifts
                .iter()
                .any(|t| t["weekday"] == "fri" && t["shift"] == "night")
        );
        let hours = plan["team_hours_per_week"].as_f64().unwrap();
        assert!(
            2.0 * hours <= f64::from(u8::try_from(staff).unwrap()) * 37.5,
            "{plan}"
        );
        let expected = plan["expected_contacts_per_week"].as_f64().unwrap();
        assert!(expected > last, "{staff} staff: {expected} after {last}");
        last = expected;
    }
}

/// interchange.md: "export followed by import into an empty database reproduces the same
/// annual report" — for the whole demo service, through the binary.
#[test]
fn the_demo_exported_and_imported_into_an_empty_database_reports_the_same() {
    let run = |dir: &std::path::Path, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_gatelangs"))
            .args(args)
            .env("GATELANGS_DATA_DIR", dir)
            .env_remove("GATELANGS_DATABASE_URL")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let bundle = first.path().join("bundle.zip");
    run(first.path(), &["demo"]);
    run(
        first.path(),
        &[
            "export",
            "--service",
            "out-lillestrom",
            bundle.to_str().unwrap(),
        ],
    );
    run(
        second.path(),
        &[
            "import",
            "--service",
            "out-lillestrom",
            bundle.to_str().unwrap(),
        ],
    );
    for year in ["2023", "2024"] {
        let report = |dir: &std::path::Path| -> Value {
            let args = [
                "report",
                "annual",
                "--service",
                "out-lillestrom",
                "--year",
                year,
                "--format",
                "json",
            ];
            serde_json::from_slice(&run(dir, &args)).unwrap()
        };
        assert_eq!(report(first.path()), report(second.path()), "{year}");
    }
}
