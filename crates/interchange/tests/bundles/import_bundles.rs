//! Bundle import and export on both backends: good bundles import, every kind of bad row is
//! named by file and line and leaves the database as it was, and export → import reproduces the
//! same report.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use gatelangs_interchange::{ImportError, export, import, read_bundle};
use gatelangs_storage::{Store, services};
use gatelangs_testkit::each_backend;

const PLACES: &str = "district,place,kind,school_level,lat,lon\n\
Sentrum,Torget,street,,59.955,11.049\n\
Sentrum,Stav skole,school,lower_secondary,,\n\
Digitale plattformer,Snapchat,digital,,,\n";

const STAFF: &str = "username,name,role\nkari,Kari Nordmann,field_worker\nlise,Lise Leder,leader\n";

const SERVICES: &str = "code,name\nnav,NAV\nbarnevern,Barnevernstjenesten\n";

const CONTACTS: &str = "occurred_at,place,channel,age_group,gender,count,staff,topics\n\
2024-01-01T00:30,Torget,street,lower_secondary,female,3,kari,rus\n\
2023-12-31T23:59,Torget,street,upper_secondary,male,2,,\n\
2024-07-05T16:30,Snapchat,digital,young_adult,other,,lise,\n\
2024-03-15T12:00,Stav skole,school,lower_secondary,male,4,kari,\n\
2024-03-15T12:00,Stav skole,school,lower_secondary,male,4,kari,\n";

fn write_bundle(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Row counts of every table an import writes, to prove a failed import wrote nothing.
async fn table_counts(store: &Store) -> Vec<i64> {
    let mut conn = store.conn().await.unwrap();
    let mut out = vec![];
    for table in [
        "services",
        "users",
        "districts",
        "places",
        "contacts",
        "counterpart_services",
        "audit_log",
    ] {
        let n =
            gatelangs_testkit::fetch_i64(&mut conn, &format!("SELECT COUNT(*) FROM {table}")).await;
        out.push(n);
    }
    out
}

async fn report_json(store: &Store, slug: &str, year: i32) -> serde_json::Value {
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, slug)
        .await
        .unwrap()
        .unwrap();
    serde_json::to_value(
        gatelangs_report::build(&mut conn, &service, year)
            .await
            .unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn a_good_bundle_imports_and_importing_it_again_changes_nothing() {
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("places.csv", PLACES),
                ("staff.csv", STAFF),
                ("services.csv", SERVICES),
                ("contacts.csv", CONTACTS),
            ],
        );
        let bundle = read_bundle(dir.path()).unwrap();
        let summary = import(&db.store, "out-test", &bundle, None).await.unwrap();
        assert!(summary.service_created);
        assert_eq!(
            summary.files.iter().find(|f| f.0 == "contacts.csv"),
            Some(&("contacts.csv".to_owned(), 5, 0))
        );
        let report = report_json(&db.store, "out-test", 2024).await;
        let fc = &report["field_contacts"];
        // 3 + 1 (count defaults to 1) + 4 + 4; the 2023-12-31 row belongs to 2023.
        assert_eq!(fc["total"], 12, "{:?}", db.backend());
        assert_eq!(fc["previous_year_total"], 2);
        assert_eq!(fc["by_district"]["Sentrum"]["places"]["Stav skole"], 8);

        let before = table_counts(&db.store).await;
        let again = import(&db.store, "out-test", &bundle, None).await.unwrap();
        assert!(
            again.files.iter().all(|(_, created, _)| *created == 0),
            "{again:?}"
        );
        let after = table_counts(&db.store).await;
        assert_eq!(before[..6], after[..6], "only the audit log grows");
    }
}

/// A bad bundle: its name, its files, and the problem lines expected (prefixes of
/// `FILE:LINE: COLUMN`).
type BadCase = (&'static str, Vec<(&'static str, String)>, Vec<&'static str>);

fn bad_cases() -> Vec<BadCase> {
    let contacts_with = |row: &str| {
        format!(
            "occurred_at,place,channel,age_group,gender,count\n2024-05-01T10:00,Torget,street,lower_secondary,female,1\n{row}\n"
        )
    };
    vec![
        ("bad date", vec![("contacts.csv", contacts_with("2024-02-30T10:00,Torget,street,lower_secondary,female,1"))], vec!["contacts.csv:3: occurred_at:"]),
        ("unknown place", vec![("contacts.csv", contacts_with("2024-05-01T10:00,Månen,street,lower_secondary,female,1"))], vec!["contacts.csv:3: place: unknown place"]),
        ("bad code", vec![("contacts.csv", contacts_with("2024-05-01T10:00,Torget,street,teen,female,1"))], vec!["contacts.csv:3: age_group: unknown age group"]),
        ("count 0", vec![("contacts.csv", contacts_with("2024-05-01T10:00,Torget,street,lower_secondary,female,0"))], vec!["contacts.csv:3: count:"]),
        ("unknown column", vec![("contacts.csv", "occurred_at,place,channel,age_group,gender,colour\n2024-05-01T10:00,Torget,street,lower_secondary,female,red\n".to_owned())], vec!["contacts.csv:1: colour: unknown column"]),
        ("short row", vec![("contacts.csv", contacts_with("2024-05-01T10:00,Torget,street"))], vec!["contacts.csv:3: age_group: missing"]),
        (
            "quoted newline before the bad row",
            vec![("places.csv", "district,place,kind\nSentrum,\"Torget\nnord\",street\nSentrum,Plassen,tram\n".to_owned())],
            vec!["places.csv:4: kind: unknown place kind"],
        ),
        ("unknown file", vec![("kontakter.csv", "a\n1\n".to_owned())], vec!["kontakter.csv:1: file: unknown file"]),
        ("bad staff role", vec![("staff.csv", "username,name,role\nola,Ola,boss\n".to_owned())], vec!["staff.csv:2: role: unknown role"]),
        ("unknown staff", vec![("contacts.csv", "occurred_at,place,channel,age_group,gender,staff\n2024-05-01T10:00,Torget,street,lower_secondary,female,nobody\n".to_owned())], vec!["contacts.csv:2: staff: unknown staff"]),
        (
            "id that differs",
            vec![("contacts.csv", "id,occurred_at,place,channel,age_group,gender\n0b4c8c3e-36a4-4c0e-9d7f-5a8f0a1d2e3f,2024-05-01T10:00,Torget,street,lower_secondary,female\n".to_owned())],
            vec!["contacts.csv:2: gender:"],
        ),
    ]
}

#[tokio::test]
async fn every_bad_row_is_named_and_nothing_is_written() {
    for db in each_backend().await {
        // A service with one place and one contact whose id the last case reuses.
        let base = tempfile::tempdir().unwrap();
        write_bundle(
            base.path(),
            &[
                ("places.csv", "district,place,kind\nSentrum,Torget,street\n"),
                (
                    "contacts.csv",
                    "id,occurred_at,place,channel,age_group,gender\n0b4c8c3e-36a4-4c0e-9d7f-5a8f0a1d2e3f,2024-05-01T10:00,Torget,street,lower_secondary,male\n",
                ),
            ],
        );
        import(
            &db.store,
            "out-test",
            &read_bundle(base.path()).unwrap(),
            None,
        )
        .await
        .unwrap();

        for (case, files, expected) in bad_cases() {
            let dir = tempfile::tempdir().unwrap();
            let owned: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
            write_bundle(dir.path(), &owned);
            let before = table_counts(&db.store).await;
            let result = import(
                &db.store,
                "out-test",
                &read_bundle(dir.path()).unwrap(),
                None,
            )
            .await;
            let Err(ImportError::Invalid(problems)) = result else {
                panic!("{case}: expected problems, got {result:?}");
            };
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            for want in &expected {
                assert!(
                    shown.iter().any(|p| p.starts_with(want)),
                    "{case} ({:?}): {want} not in {shown:?}",
                    db.backend()
                );
            }
            assert_eq!(shown.len(), expected.len(), "{case}: {shown:?}");
            assert_eq!(
                table_counts(&db.store).await,
                before,
                "{case}: the database changed"
            );
        }
        // A bad row in a bundle for a new service does not even create the service.
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[("places.csv", "district,place,kind\nA,B,spaceship\n")],
        );
        assert!(
            import(
                &db.store,
                "new-team",
                &read_bundle(dir.path()).unwrap(),
                None
            )
            .await
            .is_err()
        );
        let mut conn = db.store.conn().await.unwrap();
        assert!(
            services::find_by_slug(&mut conn, "new-team")
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn export_then_import_into_an_empty_database_reproduces_the_report() {
    for (i, db) in each_backend().await.into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("places.csv", PLACES),
                ("staff.csv", STAFF),
                ("services.csv", SERVICES),
                ("contacts.csv", CONTACTS),
            ],
        );
        import(
            &db.store,
            "out-test",
            &read_bundle(dir.path()).unwrap(),
            None,
        )
        .await
        .unwrap();
        let original = report_json(&db.store, "out-test", 2024).await;

        for target in ["bundle.zip", "bundle"] {
            let out = tempfile::tempdir().unwrap();
            let path = out.path().join(target);
            export(&db.store, "out-test", None, &path, None)
                .await
                .unwrap();
            // Re-importing the export into the same database changes nothing.
            let same = import(&db.store, "out-test", &read_bundle(&path).unwrap(), None)
                .await
                .unwrap();
            assert!(
                same.files.iter().all(|(_, created, _)| *created == 0),
                "{same:?}"
            );

            let fresh = if i == 0 {
                gatelangs_testkit::sqlite().await
            } else {
                gatelangs_testkit::postgres().await.unwrap()
            };
            import(&fresh.store, "out-test", &read_bundle(&path).unwrap(), None)
                .await
                .unwrap();
            assert_eq!(
                report_json(&fresh.store, "out-test", 2024).await,
                original,
                "{target} {:?}",
                db.backend()
            );
            assert_eq!(
                report_json(&fresh.store, "out-test", 2023).await,
                report_json(&db.store, "out-test", 2023).await
            );
        }
    }
}

/// A bundle for service A that names service B's username and B's contact id is refused, and
/// the problems neither name B nor say that B has them.
#[tokio::test]
async fn import_messages_reveal_nothing_of_another_service() {
    const B_CONTACT: &str = "7d1f3c2a-5b6e-4f80-9a1b-2c3d4e5f6a7b";
    for db in each_backend().await {
        let b = tempfile::tempdir().unwrap();
        write_bundle(
            b.path(),
            &[
                ("places.csv", "district,place,kind\nSentrum,Torget,street\n"),
                (
                    "staff.csv",
                    "username,name,role\nsecret-b-kari,Kari B,field_worker\n",
                ),
                (
                    "contacts.csv",
                    &format!(
                        "id,occurred_at,place,channel,age_group,gender\n{B_CONTACT},2024-05-01T10:00,Torget,street,lower_secondary,male\n"
                    ),
                ),
            ],
        );
        import(&db.store, "team-b", &read_bundle(b.path()).unwrap(), None)
            .await
            .unwrap();

        let a = tempfile::tempdir().unwrap();
        write_bundle(
            a.path(),
            &[
                ("places.csv", "district,place,kind\nSentrum,Torget,street\n"),
                (
                    "staff.csv",
                    "username,name,role\nsecret-b-kari,Kari A,field_worker\n",
                ),
                (
                    "contacts.csv",
                    &format!(
                        "id,occurred_at,place,channel,age_group,gender\n{B_CONTACT},2024-05-02T10:00,Torget,street,lower_secondary,male\n"
                    ),
                ),
            ],
        );
        let result = import(&db.store, "team-a", &read_bundle(a.path()).unwrap(), None).await;
        let Err(ImportError::Invalid(problems)) = result else {
            panic!("{:?}: expected problems, got {result:?}", db.backend());
        };
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("staff.csv:2: username:")
                || shown[1].starts_with("staff.csv:2: username:"),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|p| p.starts_with("contacts.csv:2: id:")),
            "{shown:?}"
        );
        for problem in &shown {
            for secret in ["team-b", "Kari B", "another service", "other service"] {
                assert!(!problem.contains(secret), "{problem} reveals {secret}");
            }
        }
    }
}
