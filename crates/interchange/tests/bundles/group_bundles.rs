//! `groups.csv`, `group_attendance.csv`, `prevention.csv` and `observations.csv` on both
//! backends: the report's groups, prevention and observations sections equal figures computed
//! here from the rows; importing twice changes nothing; export → import reproduces them; bad
//! rows are named with their line (CRLF files too) and nothing is written; a file outside the
//! contract fails the import.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gatelangs_interchange::{ImportError, export, import, read_bundle};
use gatelangs_storage::{Backend, Store, services};
use gatelangs_testkit::{TestDb, each_backend};
use serde_json::json;

const STAFF: &str = "username,name,role\nkari,Kari Nordmann,field_worker\n";
const PLACES: &str = "district,place,kind,school_level\nSentrum,Torvet,street,\nSentrum,Byskolen,school,lower_secondary\n";
const GROUPS: [(&str, &str, &str); 3] = [
    ("Sisterhood", "life_skills", "Byskolen"),
    ("FLYT", "flyt", ""),
    ("Spillkveld", "gaming", "Torvet"),
];
const KINDS: [&str; 4] = [
    "drug_prevention_class",
    "parent_meeting",
    "talk",
    "information",
];
const THEMES: [&str; 7] = [
    "substance_use",
    "violence",
    "crime",
    "gangs",
    "digital",
    "exclusion",
    "other",
];

struct Generated {
    youths: String,
    groups: String,
    attendance: String,
    prevention: String,
    observations: String,
}

/// Two years of group sessions with named and pseudonymous participants (a repeated row
/// included), prevention events with and without counts, and observations with several themes.
fn generated() -> Generated {
    let mut youths = String::from("ref,first_name,last_name,birth_date,gender,municipality\n");
    for i in 0..9 {
        youths.push_str(&format!(
            "Y{i},Navn{i},Etternavn,2009-0{}-10,female,3205\n",
            1 + i % 9
        ));
    }
    let mut groups = String::from("group,kind,place\n");
    for (g, k, p) in GROUPS {
        groups.push_str(&format!("{g},{k},{p}\n"));
    }
    let mut attendance = String::from("date,group,participant\n");
    for i in 0..97_usize {
        let year = if i % 6 == 0 { 2023 } else { 2024 };
        let group = GROUPS[i % 3].0;
        let participant = if i % 4 == 0 {
            format!("anon:Tag{}", i % 13)
        } else {
            format!("youth:Y{}", (i * 5) % 9)
        };
        attendance.push_str(&format!(
            "{year}-{:02}-{:02},{group},{participant}\n",
            1 + i % 12,
            1 + (i % 4) * 7
        ));
    }
    // The same row twice: two attendance rows (the contract counts rows).
    attendance.push_str("2024-05-08,FLYT,anon:Tag1\n2024-05-08,FLYT,anon:Tag1\n");
    let mut prevention = String::from("date,kind,place,grade,classes,participants\n");
    for i in 0..23_usize {
        let year = if i % 5 == 0 { 2023 } else { 2024 };
        let (classes, participants) = if i % 4 == 0 {
            (String::new(), String::new())
        } else {
            ((1 + i % 4).to_string(), (20 + i * 3).to_string())
        };
        prevention.push_str(&format!(
            "{year}-{:02}-15,{},{},{},{classes},{participants}\n",
            1 + i % 12,
            KINDS[i % 3],
            if i % 2 == 0 { "Byskolen" } else { "" },
            if i % 2 == 0 { "8" } else { "" },
        ));
    }
    let mut observations = String::from("date,district,themes,summary\n");
    for i in 0..17_usize {
        let year = if i % 4 == 0 { 2023 } else { 2024 };
        let themes: Vec<&str> = THEMES
            .iter()
            .enumerate()
            .filter(|(k, _)| (i + k) % 3 == 0 || (i * k) % 5 == 1)
            .map(|(_, t)| *t)
            .collect();
        observations.push_str(&format!(
            "{year}-{:02}-20,{},{},\"Observasjon {i}, ingen navn\"\n",
            1 + i % 12,
            ["Sentrum", "Nordbyen"][i % 2],
            themes.join(";")
        ));
    }
    Generated {
        youths,
        groups,
        attendance,
        prevention,
        observations,
    }
}

/// The three sections of `year`, computed from the files' rows alone.
fn expected(g: &Generated, year: i32) -> serde_json::Value {
    let in_year = |date: &str| date.starts_with(&year.to_string());
    let rows = |text: &str| -> Vec<Vec<String>> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    let mut sessions = BTreeSet::new();
    let mut by_group: BTreeMap<String, (BTreeSet<String>, u64)> = BTreeMap::new();
    let (mut named, mut anonymous, mut attendances) = (BTreeSet::new(), BTreeSet::new(), 0);
    for r in rows(&g.attendance).iter().filter(|r| in_year(&r[0])) {
        attendances += 1;
        sessions.insert((r[1].clone(), r[0].clone()));
        let e = by_group.entry(r[1].clone()).or_default();
        e.0.insert(r[0].clone());
        e.1 += 1;
        match r[2].split_once(':').unwrap() {
            ("youth", y) => named.insert(y.to_owned()),
            (_, a) => anonymous.insert(a.to_owned()),
        };
    }
    let mut prevention = serde_json::Map::new();
    for kind in KINDS {
        let mine: Vec<_> = rows(&g.prevention)
            .into_iter()
            .filter(|r| in_year(&r[0]) && r[1] == kind)
            .collect();
        let sum = |i: usize| -> u64 { mine.iter().map(|r| r[i].parse::<u64>().unwrap_or(0)).sum() };
        prevention.insert(
            kind.into(),
            json!({"events": mine.len(), "classes": sum(4), "participants": sum(5)}),
        );
    }
    let observed: Vec<_> = rows(&g.observations)
        .into_iter()
        .filter(|r| in_year(&r[0]))
        .collect();
    let by_theme: serde_json::Map<_, _> = THEMES
        .iter()
        .map(|t| {
            let n = observed
                .iter()
                .filter(|r| r[2].split(';').any(|x| x == *t))
                .count();
            ((*t).to_owned(), json!(n))
        })
        .collect();
    json!({
        "groups": {
            "sessions": sessions.len(),
            "attendances": attendances,
            "unique_named": named.len(),
            "unique_anonymous": anonymous.len(),
            "by_group": by_group.into_iter().map(|(k, (s, a))| (k, json!({"sessions": s.len(), "attendances": a}))).collect::<serde_json::Map<_, _>>(),
        },
        "prevention": prevention,
        "observations": {"total": observed.len(), "by_theme": by_theme},
    })
}

fn write_bundle(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn bundle_files(g: &Generated) -> Vec<(&'static str, &str)> {
    vec![
        ("staff.csv", STAFF),
        ("places.csv", PLACES),
        ("youths.csv", &g.youths),
        ("groups.csv", &g.groups),
        ("group_attendance.csv", &g.attendance),
        ("prevention.csv", &g.prevention),
        ("observations.csv", &g.observations),
    ]
}

async fn sections(store: &Store, year: i32) -> serde_json::Value {
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, "team")
        .await
        .unwrap()
        .unwrap();
    let report = serde_json::to_value(
        gatelangs_report::build(&mut conn, &service, year)
            .await
            .unwrap(),
    )
    .unwrap();
    json!({
        "groups": report["groups"],
        "prevention": report["prevention"],
        "observations": report["observations"],
    })
}

async fn counts(store: &Store) -> Vec<i64> {
    let mut conn = store.conn().await.unwrap();
    let mut out = vec![];
    for table in [
        "youth_groups",
        "group_pseudonyms",
        "group_attendance",
        "prevention_events",
        "observations",
    ] {
        out.push(
            gatelangs_testkit::fetch_i64(&mut conn, &format!("SELECT COUNT(*) FROM {table}")).await,
        );
    }
    out
}

async fn fresh_like(db: &TestDb) -> TestDb {
    match db.backend() {
        Backend::Postgres => gatelangs_testkit::postgres().await.unwrap(),
        Backend::Sqlite => gatelangs_testkit::sqlite().await,
    }
}

#[tokio::test]
async fn the_sections_equal_the_rows_a_second_import_changes_nothing_and_export_reproduces_them() {
    let g = generated();
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(dir.path(), &bundle_files(&g));
        import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        for year in [2023, 2024] {
            assert_eq!(
                sections(&db.store, year).await,
                expected(&g, year),
                "{year}"
            );
        }
        let before = counts(&db.store).await;
        assert_eq!(before[1], 13, "pseudonyms are remembered once per service");
        let again = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        assert!(
            again.files.iter().all(|(_, new, _)| *new == 0),
            "{:?}",
            again.files
        );
        assert_eq!(counts(&db.store).await, before);
        // Export, then import into an empty database: the same sections.
        let out = tempfile::tempdir().unwrap();
        export(&db.store, "team", None, out.path(), None)
            .await
            .unwrap();
        let fresh = fresh_like(&db).await;
        import(
            &fresh.store,
            "team",
            &read_bundle(out.path()).unwrap(),
            None,
        )
        .await
        .unwrap();
        for year in [2023, 2024] {
            assert_eq!(sections(&fresh.store, year).await, expected(&g, year));
        }
        assert_eq!(counts(&fresh.store).await, before);
    }
}

#[tokio::test]
async fn bad_rows_are_named_with_their_line_and_nothing_is_written() {
    let g = generated();
    // CRLF, as a spreadsheet writes it.
    let attendance = "date,group,participant\r\n2024-01-10,FLYT,youth:Y1\r\n2024-01-10,FLYT,member:x\r\n2024-01-11,Sjakk,anon:Rook\r\n2024-01-12,FLYT,youth:Y99\r\n";
    let prevention = "date,kind,place,grade,classes,participants\r\n2024-02-01,lecture,,,,\r\n2024-02-02,talk,Nowhere,,,\r\n2024-02-03,talk,,14,,\r\n2024-02-04,talk,,,-1,\r\n";
    let observations = "date,district,themes,summary\r\n2024-03-01,Sentrum,,Tekst\r\n2024-03-02,Sentrum,weather,Tekst\r\n";
    let groups = "group,kind,place\r\nFLYT,flyt,\r\nFLYT,flyt,\r\nSjakk,chess,\r\n";
    let expected = [
        "groups.csv:3: group: FLYT appears twice in the file",
        "groups.csv:4: kind: unknown group kind \"chess\"",
        "group_attendance.csv:3: participant: \"member:x\" is neither youth:REF",
        "group_attendance.csv:4: group: unknown group \"Sjakk\"",
        "group_attendance.csv:5: participant: unknown youth \"Y99\"",
        "prevention.csv:2: kind: unknown prevention kind \"lecture\"",
        "prevention.csv:3: place: unknown place \"Nowhere\"",
        "prevention.csv:4: grade: grade 14 is not a school grade",
        "prevention.csv:5: classes: \"-1\" is not a whole number",
        "observations.csv:2: themes: a value is required",
        "observations.csv:3: themes: unknown theme \"weather\"",
    ];
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("places.csv", PLACES),
                ("youths.csv", &g.youths),
                ("groups.csv", groups),
                ("group_attendance.csv", attendance),
                ("prevention.csv", prevention),
                ("observations.csv", observations),
            ],
        );
        let err = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap_err();
        let ImportError::Invalid(problems) = err else {
            panic!("{err}")
        };
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        for want in expected {
            assert!(
                shown.iter().any(|s| s.starts_with(want)),
                "{want:?} not in {shown:#?}"
            );
        }
        assert_eq!(counts(&db.store).await, vec![0; 5]);
        let mut conn = db.store.conn().await.unwrap();
        assert_eq!(
            gatelangs_testkit::fetch_i64(&mut conn, "SELECT COUNT(*) FROM youths").await,
            0
        );
    }
}

#[tokio::test]
async fn a_file_outside_the_contract_fails_the_import() {
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("vakter.csv", "date,shift,staff\n2024-01-01,evening,kari\n"),
            ],
        );
        let err = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap_err();
        let ImportError::Invalid(problems) = err else {
            panic!("{err}")
        };
        assert!(
            problems.iter().any(|p| p
                .to_string()
                .starts_with("vakter.csv:1: file: unknown file (expected one of")),
            "{problems:?}"
        );
        let mut conn = db.store.conn().await.unwrap();
        assert_eq!(
            gatelangs_testkit::fetch_i64(&mut conn, "SELECT COUNT(*) FROM users").await,
            0
        );
    }
}
