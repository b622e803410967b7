//! `youths.csv` and `followups.csv` in bundles, on both backends: the follow-up figures of the
//! report equal totals computed here from the rows written, importing twice changes nothing,
//! every bad row is named and nothing is written, and export → import reproduces the report.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gatelangs_interchange::{ImportError, export, import, read_bundle};
use gatelangs_storage::{Store, services};
use gatelangs_testkit::each_backend;

const STAFF: &str = "username,name,role\nkari,Kari Nordmann,field_worker\nola,Ola Hansen,field_worker\nlise,Lise Leder,leader\nanna,Anna Analytiker,analyst\n";
const CHALLENGES: [&str; 5] = [
    "substance_use",
    "crime",
    "exclusion",
    "mental_health",
    "other",
];

/// A generated service-year: youths with varied municipalities and follow-ups spread over
/// 2023–2024 with varied challenges. Returns the two files.
fn generated() -> (String, String) {
    let mut youths = String::from(
        "ref,first_name,last_name,birth_date,gender,municipality,phone,contact_persons\n",
    );
    let municipalities = ["3205", "3205", "3205", "0301", "3222"];
    for i in 0..23 {
        youths.push_str(&format!(
            "Y{i},Navn{i},Etternavn{},2008-0{}-1{},{},{},{},{}\n",
            i % 7,
            1 + i % 9,
            i % 10,
            ["female", "male", "other", "unknown"][i % 4],
            municipalities[i % 5],
            if i % 3 == 0 {
                format!("9{:07}", 1000 + i)
            } else {
                String::new()
            },
            ["kari;ola", "ola;lise", "kari", ""][i % 4],
        ));
    }
    let mut followups = String::from("date,youth_ref,staff,challenges,note\n");
    for i in 0..61 {
        let year = if i % 5 == 0 { 2023 } else { 2024 };
        let challenges: Vec<&str> = CHALLENGES
            .iter()
            .enumerate()
            .filter(|(k, _)| (i + k) % 3 == 0)
            .map(|(_, c)| *c)
            .collect();
        followups.push_str(&format!(
            "{year}-{:02}-{:02},Y{},{},{},{}\n",
            1 + i % 12,
            1 + i % 28,
            (i * 7) % 23,
            ["kari", "kari;ola", "lise"][i % 3],
            challenges.join(";"),
            if i % 2 == 0 {
                format!("\"Samtale nr {i}, om skole og venner\"")
            } else {
                String::new()
            },
        ));
    }
    (youths, followups)
}

/// The follow-up section computed directly from the rows, independently of the product code.
fn expected(youths: &str, followups: &str, year: i32) -> serde_json::Value {
    let home_of: BTreeMap<String, String> = youths
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].to_owned(), c[5].to_owned())
        })
        .collect();
    let mut conversations = 0;
    let mut per_youth: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut first_year: BTreeMap<String, i32> = BTreeMap::new();
    for line in followups.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let y: i32 = c[0][..4].parse().unwrap();
        let first = first_year.entry(c[1].to_owned()).or_insert(y);
        *first = (*first).min(y);
        if y != year {
            continue;
        }
        conversations += 1;
        per_youth
            .entry(c[1].to_owned())
            .or_default()
            .extend(c[3].split(';').filter(|s| !s.is_empty()).map(str::to_owned));
    }
    let by_challenge: BTreeMap<&str, usize> = CHALLENGES
        .iter()
        .map(|ch| (*ch, per_youth.values().filter(|s| s.contains(*ch)).count()))
        .collect();
    serde_json::json!({
        "conversations": conversations,
        "unique_youths": per_youth.len(),
        "by_challenge": by_challenge,
        "new_youths": first_year.values().filter(|y| **y == year).count(),
        "youths_in_other_municipalities": per_youth.keys().filter(|r| home_of[*r] != "3205").count(),
    })
}

fn write_bundle(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

async fn follow_up(store: &Store, slug: &str, year: i32) -> serde_json::Value {
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, slug)
        .await
        .unwrap()
        .unwrap();
    let report = gatelangs_report::build(&mut conn, &service, year)
        .await
        .unwrap();
    serde_json::to_value(report).unwrap()["follow_up"].clone()
}

async fn counts(store: &Store) -> Vec<i64> {
    let mut conn = store.conn().await.unwrap();
    let mut out = vec![];
    for table in [
        "youths",
        "youth_contact_persons",
        "conversations",
        "conversation_staff",
        "journal_entries",
        "journal_versions",
    ] {
        out.push(
            gatelangs_testkit::fetch_i64(&mut conn, &format!("SELECT COUNT(*) FROM {table}")).await,
        );
    }
    out
}

/// Sets the service's municipality (import creates services without one).
async fn set_home(store: &Store, slug: &str) {
    sqlx::query("UPDATE services SET municipality = '3205' WHERE slug = $1")
        .bind(slug)
        .execute(store.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn follow_up_figures_equal_the_rows_and_a_second_import_changes_nothing() {
    let (youths, followups) = generated();
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("youths.csv", &youths),
                ("followups.csv", &followups),
            ],
        );
        import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        set_home(&db.store, "team").await;
        for year in [2023, 2024] {
            assert_eq!(
                follow_up(&db.store, "team", year).await,
                expected(&youths, &followups, year),
                "{year} on {:?}",
                db.backend()
            );
        }
        let before = counts(&db.store).await;
        assert_eq!(before[0], 23);
        assert_eq!(before[2], 61);
        assert_eq!(before[4], 31, "one signed entry per note");
        let again = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        assert!(
            again.files.iter().all(|(_, created, _)| *created == 0),
            "{again:?}"
        );
        assert_eq!(counts(&db.store).await, before);
        // Notes are signed and attributed to the first listed staff member.
        let unsigned = gatelangs_testkit::fetch_i64(
            &mut db.store.conn().await.unwrap(),
            "SELECT COUNT(*) FROM journal_versions WHERE signed_at IS NULL",
        )
        .await;
        assert_eq!(unsigned, 0);
        let by_lise = gatelangs_testkit::fetch_i64(
            &mut db.store.conn().await.unwrap(),
            "SELECT COUNT(*) FROM journal_entries e JOIN users u ON u.id = e.author_id WHERE u.username = 'lise'",
        )
        .await;
        assert!(by_lise > 0);
    }
}

/// A bad bundle: its name, its files, and prefixes of the problems expected.
type BadCase = (&'static str, Vec<(&'static str, String)>, Vec<&'static str>);

#[tokio::test]
async fn bad_youth_and_follow_up_rows_are_named_and_nothing_is_written() {
    let cases: Vec<BadCase> = vec![
        (
            "bad youth cells",
            vec![
                ("staff.csv", STAFF.to_owned()),
                ("youths.csv", "ref,first_name,last_name,birth_date,gender,municipality,phone,contact_persons\n\
Y1,Kari,Nordmann,2010-01-01,female,3205,,kari\n\
Y2,,Hansen,2010-13-01,girl,0231,call me,kari;ola;lise\n\
Y1,Kari,Nordmann,2010-01-01,female,3205,,\n\
Y3,Per,Berg,2030-01-01,male,3205,,anna\n\
Y4,Per,Berg,2010-01-01,male,3205,,nobody\n\
Y5,Ida,Lie,2010-01-01,female,3205,,kari;kari\n".to_owned()),
            ],
            vec![
                "youths.csv:3: first_name:",
                "youths.csv:3: birth_date:",
                "youths.csv:3: gender:",
                "youths.csv:3: municipality: 0231 is not the number of a Norwegian municipality",
                "youths.csv:3: phone:",
                "youths.csv:3: contact_persons: at most two",
                "youths.csv:4: ref: Y1 appears twice",
                "youths.csv:5: birth_date:",
                "youths.csv:5: contact_persons: anna is analyst",
                "youths.csv:6: contact_persons: unknown staff \"nobody\"",
                "youths.csv:7: contact_persons: kari is listed twice",
            ],
        ),
        (
            "bad follow-up cells",
            vec![
                ("staff.csv", STAFF.to_owned()),
                ("youths.csv", "ref,first_name,last_name,birth_date,gender,municipality\nY1,Kari,Nordmann,2010-01-01,female,3205\n".to_owned()),
                ("followups.csv", "date,youth_ref,staff,challenges,note\n\
2024-02-30,Y1,kari,crime,\n\
2024-03-01,Y9,kari,crime,\n\
2024-03-01,Y1,kari;ola;lise,crime,\n\
2024-03-01,Y1,nobody,drugs,\n\
2024-03-02,Y1,anna;kari,crime,Notatet skrives av første i listen\n".to_owned()),
            ],
            vec![
                "followups.csv:2: date:",
                "followups.csv:3: youth_ref: unknown youth \"Y9\"",
                "followups.csv:4: staff: one or two",
                "followups.csv:5: challenges: unknown challenge \"drugs\"",
                "followups.csv:6: staff: anna is analyst and cannot write the note in the journal",
            ],
        ),
    ];
    for db in each_backend().await {
        for (case, files, want) in &cases {
            let dir = tempfile::tempdir().unwrap();
            let owned: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
            write_bundle(dir.path(), &owned);
            let before = counts(&db.store).await;
            let result = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None).await;
            let Err(ImportError::Invalid(problems)) = result else {
                panic!("{case}: expected problems, got {result:?}");
            };
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            for w in want {
                assert!(
                    shown.iter().any(|s| s.starts_with(w)),
                    "{case}: {w:?} not in {shown:#?}"
                );
            }
            assert_eq!(
                counts(&db.store).await,
                before,
                "{case}: something was written"
            );
        }
    }
}

#[tokio::test]
async fn export_then_import_into_an_empty_database_reproduces_the_follow_up_section() {
    let (youths, followups) = generated();
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("youths.csv", &youths),
                ("followups.csv", &followups),
            ],
        );
        import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        let out = tempfile::tempdir().unwrap();
        let zip = out.path().join("bundle.zip");
        export(&db.store, "team", None, &zip, None).await.unwrap();
        let exported = gatelangs_testkit::fetch_i64(
            &mut db.store.conn().await.unwrap(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data_export:administration'",
        )
        .await;
        assert_eq!(exported, 23, "one audit entry per exported youth");
        let fresh = gatelangs_testkit::sqlite().await;
        import(&fresh.store, "team", &read_bundle(&zip).unwrap(), None)
            .await
            .unwrap();
        for year in [2023, 2024] {
            assert_eq!(
                follow_up(&fresh.store, "team", year).await,
                follow_up(&db.store, "team", year).await
            );
        }
        assert_eq!(counts(&fresh.store).await, counts(&db.store).await);
    }
}
