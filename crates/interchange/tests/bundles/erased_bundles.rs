//! Records erased by a retention decision in bundles (decision 0033), on both backends: a
//! `youths.csv` row with `erased_on` is a shell with what past years' reports count; its
//! follow-ups, consents (with `age_at_consent`, the birth date being gone), collaborations,
//! child-welfare cases and attendance travel without texts; any personal value on it is a named
//! problem and nothing is written; a bundle cannot erase a named youth.

#![allow(clippy::unwrap_used)]

use gatelangs_interchange::{ImportError, export, import, read_bundle};
use gatelangs_storage::{Store, services};
use gatelangs_testkit::each_backend;

const SERVICES: &str = "code,name\nnav,NAV\n";
const STAFF: &str = "username,name,role\nkari,Kari Nordmann,field_worker\n";
const YOUTHS: &str = "ref,first_name,last_name,birth_date,gender,municipality,erased_on\n\
GONE,,,,male,0301,2026-11-02\n\
KEPT,Ida,Berg,2008-02-10,female,3205,\n";
const FOLLOWUPS: &str = "date,youth_ref,staff,challenges\n\
2019-03-01,GONE,kari,crime\n\
2019-03-02,KEPT,kari,exclusion\n";
const CONSENTS: &str = "youth_ref,given_on,given_by,services,age_at_consent\n\
GONE,2019-01-01,youth,nav,14\n\
KEPT,2019-01-01,youth_and_guardian,nav,10\n";
const COLLABORATIONS: &str = "date,youth_ref,direction,service\n2019-04-01,GONE,outgoing,nav\n";
const WELFARE: &str = "date,youth_ref,kind\n2019-05-01,GONE,concern_report\n";
const GROUPS: &str = "group,kind\nSpill,gaming\n";
const ATTENDANCE: &str = "date,group,participant\n2019-06-01,Spill,youth:GONE\n";

fn files<'a>(youths: &'a str, consents: &'a str, followups: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("services.csv", SERVICES),
        ("staff.csv", STAFF),
        ("youths.csv", youths),
        ("followups.csv", followups),
        ("consents.csv", consents),
        ("collaborations.csv", COLLABORATIONS),
        ("child_welfare.csv", WELFARE),
        ("groups.csv", GROUPS),
        ("group_attendance.csv", ATTENDANCE),
    ]
}

async fn import_files(store: &Store, files: &[(&str, &str)]) -> Result<(), ImportError> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    import(store, "team", &read_bundle(dir.path()).unwrap(), None)
        .await
        .map(|_| ())
}

async fn report(store: &Store, year: i32) -> serde_json::Value {
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, "team")
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

fn problems(result: Result<(), ImportError>) -> Vec<String> {
    match result {
        Err(ImportError::Invalid(p)) => p.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[tokio::test]
async fn an_erased_record_travels_as_a_shell_and_its_figures_with_it() {
    for db in each_backend().await {
        let name = format!("{:?}", db.backend());
        import_files(&db.store, &files(YOUTHS, CONSENTS, FOLLOWUPS))
            .await
            .unwrap();
        let figures = report(&db.store, 2019).await;
        assert_eq!(figures["follow_up"]["unique_youths"], 2, "{name}");
        assert_eq!(figures["collaborations"]["total"], 1, "{name}");
        assert_eq!(figures["child_welfare"]["concern_reports"], 1, "{name}");
        assert_eq!(figures["groups"]["unique_named"], 1, "{name}");

        // Export → import into an empty database: the same report, the shell still a shell.
        let out = tempfile::tempdir().unwrap();
        export(&db.store, "team", None, out.path(), None)
            .await
            .unwrap();
        let youths = std::fs::read_to_string(out.path().join("youths.csv")).unwrap();
        assert!(
            youths.lines().next().unwrap().ends_with(",erased_on"),
            "{name}"
        );
        assert!(
            youths
                .lines()
                .any(|l| l.ends_with(",GONE,,,,male,0301,,,2026-11-02")),
            "{name}: {youths}"
        );
        let consents = std::fs::read_to_string(out.path().join("consents.csv")).unwrap();
        assert!(
            consents.contains(",14\n") || consents.ends_with(",14"),
            "{name}: {consents}"
        );
        let elsewhere = match db.backend() {
            gatelangs_storage::Backend::Sqlite => gatelangs_testkit::sqlite().await,
            gatelangs_storage::Backend::Postgres => gatelangs_testkit::postgres().await.unwrap(),
        };
        import(
            &elsewhere.store,
            "team",
            &read_bundle(out.path()).unwrap(),
            None,
        )
        .await
        .unwrap();
        assert_eq!(report(&elsewhere.store, 2019).await, figures, "{name}");
        // And the export once more into its own service changes nothing.
        let again = import(&db.store, "team", &read_bundle(out.path()).unwrap(), None)
            .await
            .unwrap();
        assert!(
            again.files.iter().all(|(_, new, _)| *new == 0),
            "{name}: {again:?}"
        );
    }
}

#[tokio::test]
async fn nothing_personal_is_written_about_an_erased_record() {
    for db in each_backend().await {
        let name = format!("{:?}", db.backend());
        let same_id = uuid::Uuid::new_v4();
        let youths = format!(
            "id,ref,first_name,last_name,birth_date,gender,municipality,phone,erased_on\n\
,GONE,Ola,,2007-01-01,male,0301,+4791234567,2026-11-02\n\
,OTHER,,,,female,3205,,2026-11-02\n\
{same_id},TWIN1,,,,female,3205,,2026-11-02\n\
{same_id},TWIN2,Per,Lie,2008-01-01,male,3205,,\n"
        );
        let consents = "youth_ref,given_on,given_by,services,exception_reason,age_at_consent\n\
OTHER,2019-01-01,youth,nav,Told at school,\n\
OTHER,2019-02-01,guardian,nav,,17\n";
        let followups = "date,youth_ref,staff,challenges,note\n2019-03-01,OTHER,kari,crime,Met at the station\n";
        let mut bundle = files(&youths, consents, followups);
        bundle.retain(|(f, _)| {
            ![
                "collaborations.csv",
                "child_welfare.csv",
                "group_attendance.csv",
            ]
            .contains(f)
        });
        let found = problems(import_files(&db.store, &bundle).await);
        for want in [
            "youths.csv:2: first_name: an erased record has no first_name; leave it empty",
            "youths.csv:2: birth_date: an erased record has no birth_date; leave it empty",
            "youths.csv:2: phone: an erased record has no phone; leave it empty",
            "consents.csv:2: age_at_consent: needed for OTHER, an erased record without a birth date",
            "consents.csv:2: exception_reason: an erased record keeps no exception_reason",
            "followups.csv:2: note: an erased record keeps no note",
            "consents.csv:3: given_by: from the age of 16 the youth consents",
        ] {
            assert!(
                found.iter().any(|p| p.starts_with(want)),
                "{name}: {want} in {found:#?}"
            );
        }
        // One of the two rows that share an id (named rows are checked before shells).
        assert!(
            found.iter().any(|p| p.starts_with("youths.csv:")
                && p.ends_with(": id: the id appears twice in the file")),
            "{name}: {found:#?}"
        );
        let mut conn = db.store.conn().await.unwrap();
        let written = gatelangs_testkit::fetch_i64(&mut conn, "SELECT COUNT(*) FROM youths").await;
        assert_eq!(written, 0, "{name}: nothing was written");
    }
}

#[tokio::test]
async fn a_bundle_cannot_erase_a_named_youth_nor_disagree_about_an_age() {
    for db in each_backend().await {
        let name = format!("{:?}", db.backend());
        import_files(&db.store, &[("youths.csv", "ref,first_name,last_name,birth_date,gender,municipality\nKEPT,Ida,Berg,2008-02-10,female,3205\n")])
            .await
            .unwrap();
        let found = problems(
            import_files(
                &db.store,
                &[
                    ("services.csv", SERVICES),
                    ("youths.csv", "ref,first_name,last_name,birth_date,gender,municipality,erased_on\nKEPT,,,,female,3205,2026-11-02\n"),
                    ("consents.csv", "youth_ref,given_on,given_by,services,age_at_consent\nKEPT,2019-01-01,youth_and_guardian,nav,12\n"),
                ],
            )
            .await,
        );
        for want in [
            "youths.csv:2: erased_on: youth KEPT is not erased here; a bundle cannot erase a record",
            "consents.csv:2: age_at_consent: the birth date gives 10 on 2019-01-01",
        ] {
            assert!(
                found.iter().any(|p| p.starts_with(want)),
                "{name}: {want} in {found:#?}"
            );
        }
    }
}

#[tokio::test]
async fn a_service_without_erased_records_exports_the_contracts_columns_only() {
    for db in each_backend().await {
        let name = format!("{:?}", db.backend());
        import_files(
            &db.store,
            &[
                ("services.csv", SERVICES),
                (
                    "youths.csv",
                    "ref,first_name,last_name,birth_date,gender,municipality\nKEPT,Ida,Berg,2008-02-10,female,3205\n",
                ),
                (
                    "consents.csv",
                    "youth_ref,given_on,given_by,services\nKEPT,2019-01-01,youth_and_guardian,nav\n",
                ),
            ],
        )
        .await
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        export(&db.store, "team", None, out.path(), None)
            .await
            .unwrap();
        let header = |file: &str| {
            std::fs::read_to_string(out.path().join(file))
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            header("youths.csv"),
            "id,ref,first_name,last_name,birth_date,gender,municipality,phone,contact_persons",
            "{name}"
        );
        assert_eq!(
            header("consents.csv"),
            "id,youth_ref,given_on,given_by,services,valid_until,withdrawn_on,exception_reason",
            "{name}"
        );
    }
}
