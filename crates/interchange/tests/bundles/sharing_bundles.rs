//! Consents, collaborations, inquiries and child-welfare rows in bundles, on both backends: the
//! report's three sections equal totals computed here from the rows, an uncovered collaboration
//! or a concern report for an adult is a named problem and nothing is written, importing twice
//! changes nothing, and export → import reproduces the sections.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gatelangs_interchange::{ImportError, export, import, read_bundle};
use gatelangs_storage::{Store, services};
use gatelangs_testkit::each_backend;
use serde_json::{Value, json};

const STAFF: &str = "username,name,role\nkari,Kari Nordmann,field_worker\n";
const SERVICES: &str =
    "code,name\nnav,NAV\nskole,Skole\nbarnevern,Barnevernstjenesten\nforesatte,Foresatte\n";
const YOUTHS: &str = "ref,first_name,last_name,birth_date,gender,municipality\n\
Y1,Ida,Berg,2008-02-10,female,3205\n\
Y2,Ola,Lie,2006-07-01,male,3205\n\
Y3,Sara,Ali,2010-11-30,female,0301\n";
/// Y1: NAV and school all of 2024 (15 then, alone, with the documented exception); Y2: NAV
/// until 30 June; Y3: family, withdrawn 1 September.
const CONSENTS: &str = "youth_ref,given_on,given_by,services,valid_until,withdrawn_on,exception_reason\n\
Y1,2024-01-01,youth,nav;skole,,,\"Violence at home, guardians not told\"\n\
Y2,2024-01-15,youth,nav,2024-06-30,,\n\
Y3,2024-02-01,youth_and_guardian,foresatte;barnevern,,2024-09-01,\n";

fn collaborations() -> String {
    let mut out = String::from("date,youth_ref,direction,service,note\n");
    let plan = [
        ("Y1", "nav", 1..=11),
        ("Y1", "skole", 3..=9),
        ("Y2", "nav", 2..=6),
        ("Y3", "foresatte", 2..=8),
        ("Y3", "barnevern", 4..=8),
    ];
    for (youth, service, months) in plan {
        for m in months {
            let direction = if m % 3 == 0 { "incoming" } else { "outgoing" };
            out.push_str(&format!("2024-{m:02}-15,{youth},{direction},{service},\n"));
        }
    }
    out
}

fn inquiries() -> String {
    let mut out = String::from("date,direction,service,topic\n");
    for i in 0..17 {
        let service = ["nav", "skole", "barnevern", "foresatte"][i % 4];
        let year = if i % 5 == 0 { 2023 } else { 2024 };
        out.push_str(&format!(
            "{year}-{:02}-0{},{},{service},General advice\n",
            1 + i % 12,
            1 + i % 9,
            // Teams also write an inquiry's direction as from/to.
            ["incoming", "outgoing", "from", "to"][i % 4]
        ));
    }
    out
}

/// Y2 turns 18 on 2024-07-01, so only rows before that day are allowed for Y2.
const WELFARE: &str = "date,youth_ref,kind,answered_on\n\
2024-03-01,Y1,concern_report,\n\
2024-06-30,Y2,concern_report,\n\
2024-04-01,Y3,information_request,2024-04-20\n\
2024-10-01,Y3,information_request,\n\
2023-12-01,Y1,information_request,2024-01-05\n";

fn names() -> BTreeMap<&'static str, &'static str> {
    [
        ("nav", "NAV"),
        ("skole", "Skole"),
        ("barnevern", "Barnevernstjenesten"),
        ("foresatte", "Foresatte"),
    ]
    .into()
}

/// The three sections computed from the rows, independently of the product.
fn expected(year: i32) -> Value {
    let names = names();
    let collab = collaborations();
    let rows: Vec<Vec<&str>> = collab
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .filter(|c: &Vec<&str>| c[0].starts_with(&year.to_string()))
        .collect();
    let mut incoming: BTreeMap<&str, i64> = BTreeMap::new();
    let mut outgoing: BTreeMap<&str, i64> = BTreeMap::new();
    for c in &rows {
        let map = if c[2] == "incoming" {
            &mut incoming
        } else {
            &mut outgoing
        };
        *map.entry(names[c[3]]).or_default() += 1;
    }
    let youths: BTreeSet<&str> = rows.iter().map(|c| c[1]).collect();
    let inq = inquiries();
    let inq_rows: Vec<Vec<&str>> = inq
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .filter(|c: &Vec<&str>| c[0].starts_with(&year.to_string()))
        .collect();
    let mut by_service: BTreeMap<&str, i64> = BTreeMap::new();
    for c in &inq_rows {
        *by_service.entry(names[c[2]]).or_default() += 1;
    }
    let welfare: Vec<Vec<&str>> = WELFARE
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .filter(|c: &Vec<&str>| c[0].starts_with(&year.to_string()))
        .collect();
    let requests: Vec<&Vec<&str>> = welfare
        .iter()
        .filter(|c| c[2] == "information_request")
        .collect();
    json!({
        "collaborations": {"total": rows.len(), "unique_youths": youths.len(), "incoming": incoming, "outgoing": outgoing},
        "inquiries": {"total": inq_rows.len(), "by_service": by_service},
        "child_welfare": {
            "concern_reports": welfare.iter().filter(|c| c[2] == "concern_report").count(),
            "information_requests_received": requests.len(),
            "information_requests_answered": requests.iter().filter(|c| !c[3].is_empty()).count(),
        },
    })
}

fn write_bundle(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

async fn sections(store: &Store, year: i32) -> Value {
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
    json!({"collaborations": report["collaborations"], "inquiries": report["inquiries"], "child_welfare": report["child_welfare"]})
}

async fn counts(store: &Store) -> Vec<i64> {
    let mut conn = store.conn().await.unwrap();
    let mut out = vec![];
    for table in [
        "consents",
        "consent_services",
        "collaborations",
        "inquiries",
        "child_welfare",
        "youths",
    ] {
        out.push(
            gatelangs_testkit::fetch_i64(&mut conn, &format!("SELECT COUNT(*) FROM {table}")).await,
        );
    }
    out
}

fn good_bundle(dir: &Path) {
    let (collab, inq) = (collaborations(), inquiries());
    write_bundle(
        dir,
        &[
            ("staff.csv", STAFF),
            ("services.csv", SERVICES),
            ("youths.csv", YOUTHS),
            ("consents.csv", CONSENTS),
            ("collaborations.csv", &collab),
            ("inquiries.csv", &inq),
            ("child_welfare.csv", WELFARE),
        ],
    );
}

#[tokio::test]
async fn the_three_sections_equal_the_rows_and_a_second_import_changes_nothing() {
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        good_bundle(dir.path());
        import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        for year in [2023, 2024] {
            assert_eq!(
                sections(&db.store, year).await,
                expected(year),
                "{year} on {:?}",
                db.backend()
            );
        }
        let before = counts(&db.store).await;
        let again = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        assert!(
            again.files.iter().all(|(_, created, _)| *created == 0),
            "{again:?}"
        );
        assert_eq!(counts(&db.store).await, before);
    }
}

#[tokio::test]
async fn an_uncovered_collaboration_or_an_adults_concern_report_is_named_and_nothing_is_written() {
    let cases: Vec<(&str, &str, String, &str)> = vec![
        ("before the consent", "collaborations.csv", "date,youth_ref,direction,service\n2024-01-10,Y2,outgoing,nav\n".into(), "collaborations.csv:2: service: no consent of youth Y2 covers nav on 2024-01-10"),
        ("after it expired", "collaborations.csv", "date,youth_ref,direction,service\n2024-07-01,Y2,outgoing,nav\n".into(), "collaborations.csv:2: service: no consent of youth Y2 covers nav"),
        ("on the day of withdrawal", "collaborations.csv", "date,youth_ref,direction,service\n2024-01-05,Y1,outgoing,nav\n2024-09-01,Y3,incoming,foresatte\n".into(), "collaborations.csv:3: service: no consent of youth Y3 covers foresatte on 2024-09-01"),
        ("a service not covered", "collaborations.csv", "date,youth_ref,direction,service\n2024-05-01,Y2,outgoing,skole\n".into(), "collaborations.csv:2: service: no consent"),
        ("an unknown service", "collaborations.csv", "date,youth_ref,direction,service\n2024-05-01,Y1,outgoing,politi\n".into(), "collaborations.csv:2: service: unknown service code"),
        ("a bad direction", "collaborations.csv", "date,youth_ref,direction,service\n2024-05-01,Y1,sideways,nav\n".into(), "collaborations.csv:2: direction:"),
        ("an adult on the date", "child_welfare.csv", "date,youth_ref,kind\n2024-07-01,Y2,concern_report\n".into(), "child_welfare.csv:2: date: 2024-07-01: the youth is 18 or older"),
        ("an unknown kind", "child_welfare.csv", "date,youth_ref,kind\n2024-03-01,Y1,bekymring\n".into(), "child_welfare.csv:2: kind:"),
        ("a consent ending before it starts", "consents.csv", "youth_ref,given_on,given_by,services,valid_until\nY1,2024-05-01,youth,nav,2024-04-01\n".into(), "consents.csv:2: valid_until:"),
        ("a 13-year-old alone without a documented exception", "consents.csv", "youth_ref,given_on,given_by,services\nY3,2024-05-01,youth,nav\n".into(), "consents.csv:2: given_by: under 16 a guardian must consent"),
        ("an empty exception", "consents.csv", "youth_ref,given_on,given_by,services,exception_reason\nY3,2024-05-01,youth,nav,\" \"\n".into(), "consents.csv:2: given_by: under 16 a guardian must consent"),
        ("a guardian alone for a 17-year-old", "consents.csv", "youth_ref,given_on,given_by,services,exception_reason\nY2,2024-05-01,guardian,nav,reason\n".into(), "consents.csv:2: given_by: from the age of 16 the youth consents"),
        ("a guardian alone on the 16th birthday", "consents.csv", "youth_ref,given_on,given_by,services\nY1,2024-02-10,guardian,nav\n".into(), "consents.csv:2: given_by: from the age of 16"),
        ("a consent for an unknown youth", "consents.csv", "youth_ref,given_on,given_by,services\nY9,2024-05-01,youth,nav\n".into(), "consents.csv:2: youth_ref:"),
        ("an inquiry to an unknown service", "inquiries.csv", "date,direction,service,topic\n2024-05-01,incoming,politi,x\n".into(), "inquiries.csv:2: service:"),
    ];
    for db in each_backend().await {
        let base = tempfile::tempdir().unwrap();
        write_bundle(
            base.path(),
            &[
                ("staff.csv", STAFF),
                ("services.csv", SERVICES),
                ("youths.csv", YOUTHS),
                ("consents.csv", CONSENTS),
            ],
        );
        import(&db.store, "team", &read_bundle(base.path()).unwrap(), None)
            .await
            .unwrap();
        for (case, file, text, want) in &cases {
            let dir = tempfile::tempdir().unwrap();
            // A good inquiry travels along and must not be written either.
            write_bundle(
                dir.path(),
                &[
                    (file, text.as_str()),
                    (
                        "inquiries.csv",
                        if *file == "inquiries.csv" {
                            text.as_str()
                        } else {
                            "date,direction,service\n2024-01-01,incoming,nav\n"
                        },
                    ),
                ],
            );
            let before = counts(&db.store).await;
            let result = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None).await;
            let Err(ImportError::Invalid(problems)) = result else {
                panic!("{case}: expected problems, got {result:?}")
            };
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert!(
                shown.iter().any(|s| s.starts_with(want)),
                "{case}: {want:?} not in {shown:#?}"
            );
            assert_eq!(
                counts(&db.store).await,
                before,
                "{case}: something was written"
            );
        }
    }
}

#[tokio::test]
async fn export_then_import_into_an_empty_database_reproduces_the_sections() {
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        good_bundle(dir.path());
        import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        let out = tempfile::tempdir().unwrap();
        let zip = out.path().join("bundle.zip");
        export(&db.store, "team", None, &zip, None).await.unwrap();
        let fresh = gatelangs_testkit::sqlite().await;
        import(&fresh.store, "team", &read_bundle(&zip).unwrap(), None)
            .await
            .unwrap();
        for year in [2023, 2024] {
            assert_eq!(
                sections(&fresh.store, year).await,
                sections(&db.store, year).await
            );
        }
        assert_eq!(counts(&fresh.store).await, counts(&db.store).await);
    }
}
