//! `journal.csv` on both backends: export → import of a record with a draft, a corrected entry,
//! a corrected conversation note, a standalone note and a withheld entry leaves every version,
//! reason, author and instant unchanged; a second import changes nothing; broken histories are
//! named row by row and nothing is written; an entry blocked against the exporter does not
//! leave with their export.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use gatelangs_app::journal::{self, EntryKind, Text};
use gatelangs_app::{Actor, YouthDesk};
use gatelangs_domain::{EntryId, Role, ServiceId, UserId, YouthId};
use gatelangs_interchange::{ImportError, export, import, read_bundle};
use gatelangs_storage::services::Service;
use gatelangs_storage::{Backend, Store, record_access, services, users, youths};
use gatelangs_testkit::{TestDb, each_backend};

const STAFF: &str = "username,name,role\nkari,Kari Nordmann,field_worker\nola,Ola Hansen,field_worker\nlise,Lise Leder,leader\nada,Ada Admin,admin\nanna,Anna Analytiker,analyst\n";
const YOUTHS: &str = "ref,first_name,last_name,birth_date,gender,municipality,contact_persons\nY1,Solveig,Kvernbakken,2010-05-17,female,3205,kari;ola\n";
const FOLLOWUPS: &str = "id,date,youth_ref,staff,challenges,note\n\
    0b9c6a52-8d43-4f4e-9d57-1f0c2a3b4c5d,2024-03-03,Y1,kari;ola,crime,Snakket om helgen.\n";

fn write_bundle(dir: &Path, files: &[(&str, &str)]) {
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap();
    }
}

async fn fresh_like(db: &TestDb) -> TestDb {
    match db.backend() {
        Backend::Postgres => gatelangs_testkit::postgres().await.unwrap(),
        Backend::Sqlite => gatelangs_testkit::sqlite().await,
    }
}

struct Team {
    service: Service,
    youth: YouthId,
    kari: UserId,
    ola: UserId,
    lise: UserId,
    ada: UserId,
}

async fn team(store: &Store) -> Team {
    let dir = tempfile::tempdir().unwrap();
    write_bundle(
        dir.path(),
        &[
            ("staff.csv", STAFF),
            ("youths.csv", YOUTHS),
            ("followups.csv", FOLLOWUPS),
        ],
    );
    import(store, "team", &read_bundle(dir.path()).unwrap(), None)
        .await
        .unwrap();
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, "team")
        .await
        .unwrap()
        .unwrap();
    let staff = users::list(&mut conn, service.id).await.unwrap();
    let id = |name: &str| staff.iter().find(|u| u.username == name).unwrap().id;
    let youth = youths::id_by_ref(&mut conn, service.id, "Y1")
        .await
        .unwrap()
        .unwrap();
    Team {
        youth,
        kari: id("kari"),
        ola: id("ola"),
        lise: id("lise"),
        ada: id("ada"),
        service,
    }
}

fn desk(service: ServiceId, user: UserId, role: Role) -> YouthDesk {
    YouthDesk::for_actor(&Actor::user(service, user, role)).unwrap()
}

fn at(text: &str) -> jiff::Timestamp {
    text.parse().unwrap()
}

/// A journal with every kind of history; returns the entries written.
async fn write_history(store: &Store, t: &Team) -> Vec<EntryId> {
    let kari = desk(t.service.id, t.kari, Role::FieldWorker);
    let ola = desk(t.service.id, t.ola, Role::FieldWorker);
    let lise = desk(t.service.id, t.lise, Role::Leader);
    let text = |body: &str, signed| Text {
        body: body.to_owned(),
        signed,
    };
    // A draft, never signed (in summer time).
    let draft = journal::write(
        store,
        &kari,
        t.youth,
        EntryKind::Note,
        at("2024-07-01T21:15:00+02:00"),
        text("Utkast: ringte mor.", false),
    )
    .await
    .unwrap();
    // A signed note that Ola corrects, and Kari corrects again.
    let corrected = journal::write(
        store,
        &kari,
        t.youth,
        EntryKind::Note,
        at("2024-02-10T16:00:00+01:00"),
        text("Møtte Solveig på skolen.", true),
    )
    .await
    .unwrap();
    journal::correct(
        store,
        &ola,
        t.youth,
        corrected,
        "Møtte Solveig på fritidsklubben.",
        "Feil sted",
    )
    .await
    .unwrap();
    journal::correct(
        store,
        &kari,
        t.youth,
        corrected,
        "Møtte Solveig på fritidsklubben, sammen med Ola.",
        "Ola var også der",
    )
    .await
    .unwrap();
    // The follow-up's note, corrected.
    let mut conn = store.conn().await.unwrap();
    let entries =
        gatelangs_storage::journal::for_youth(&mut conn, store.field_keys(), t.service.id, t.youth)
            .await
            .unwrap();
    drop(conn);
    let conversation_note = entries
        .iter()
        .find(|e| e.conversation.is_some())
        .unwrap()
        .id;
    journal::correct(
        store,
        &ola,
        t.youth,
        conversation_note,
        "Snakket om helgen og skolen.",
        "Manglet skolen",
    )
    .await
    .unwrap();
    // A signed note the leader withholds from the youth's copy.
    let withheld = journal::write(
        store,
        &lise,
        t.youth,
        EntryKind::Note,
        at("2024-05-05T10:00:00+02:00"),
        text("Opplysning fra tredjeperson.", true),
    )
    .await
    .unwrap();
    journal::withhold(
        store,
        &lise,
        t.youth,
        withheld,
        Some("Tredjepersons opplysning"),
    )
    .await
    .unwrap();
    vec![draft, corrected, conversation_note, withheld]
}

/// The journal as comparable text: every fact of every entry and version.
async fn journal_of(store: &Store, slug: &str) -> Vec<String> {
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, slug)
        .await
        .unwrap()
        .unwrap();
    let names: std::collections::HashMap<_, _> = users::list(&mut conn, service.id)
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let mut out = Vec::new();
    for y in youths::list(&mut conn, store.field_keys(), service.id, None)
        .await
        .unwrap()
    {
        for e in
            gatelangs_storage::journal::for_youth(&mut conn, store.field_keys(), service.id, y.id)
                .await
                .unwrap()
        {
            for v in &e.versions {
                out.push(
                    format!(
                        "{} {} {} {} {:?} {:?} {} {} {} {:?} {:?} {}",
                        e.id,
                        y.fields.reference,
                        e.kind,
                        e.helped_at,
                        e.conversation,
                        e.withheld_reason,
                        names[&e.author],
                        v.version,
                        names[&v.author],
                        v.reason,
                        v.signed_at,
                        v.written_at,
                    ) + &format!(" {}", v.body),
                );
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn export_then_import_keeps_every_version_reason_author_and_instant() {
    for db in each_backend().await {
        let t = team(&db.store).await;
        let written = write_history(&db.store, &t).await;
        let before = journal_of(&db.store, "team").await;
        assert_eq!(before.len(), 1 + 3 + 2 + 1, "versions written");
        let out = tempfile::tempdir().unwrap();
        export(&db.store, "team", None, out.path(), None)
            .await
            .unwrap();
        let journal_csv = std::fs::read_to_string(out.path().join("journal.csv")).unwrap();
        assert!(
            journal_csv.contains("2024-07-01T21:15:00+02:00"),
            "instants carry the service's offset: {journal_csv}"
        );
        let fresh = fresh_like(&db).await;
        let summary = import(
            &fresh.store,
            "team",
            &read_bundle(out.path()).unwrap(),
            None,
        )
        .await
        .unwrap();
        assert!(
            summary
                .files
                .iter()
                .any(|(f, n, _)| f == "journal.csv" && *n == written.len()),
            "{:?}",
            summary.files
        );
        assert_eq!(journal_of(&fresh.store, "team").await, before);
        // The follow-up's note was not written a second time from followups.csv.
        let notes = gatelangs_testkit::fetch_i64(
            &mut fresh.store.conn().await.unwrap(),
            "SELECT COUNT(*) FROM journal_entries WHERE conversation_id IS NOT NULL",
        )
        .await;
        assert_eq!(notes, 1);
        // Importing the same bundle again changes nothing, into either database.
        for store in [&fresh.store, &db.store] {
            let again = import(store, "team", &read_bundle(out.path()).unwrap(), None)
                .await
                .unwrap();
            assert!(
                again
                    .files
                    .iter()
                    .any(|(f, n, same)| f == "journal.csv" && *n == 0 && *same == written.len()),
                "{:?}",
                again.files
            );
            assert_eq!(journal_of(store, "team").await, before);
        }
        // And the copy exports the same journal.csv.
        let again = tempfile::tempdir().unwrap();
        export(&fresh.store, "team", None, again.path(), None)
            .await
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(again.path().join("journal.csv")).unwrap(),
            journal_csv
        );
    }
}

#[tokio::test]
async fn an_entry_blocked_against_the_exporter_does_not_leave_with_their_export() {
    for db in each_backend().await {
        let t = team(&db.store).await;
        let written = write_history(&db.store, &t).await;
        let mut conn = db.store.conn().await.unwrap();
        // The youth blocks the follow-up's note (index 2) against the administrator.
        record_access::add_block(
            &mut conn,
            db.store.field_keys(),
            t.service.id,
            record_access::NewBlock {
                youth: t.youth,
                user: t.ada,
                entry: Some(written[2]),
                reason: "Ønsker ikke at administrasjonen ser dette",
                by: t.lise,
            },
            gatelangs_storage::now(),
        )
        .await
        .unwrap();
        drop(conn);
        let out = tempfile::tempdir().unwrap();
        export(&db.store, "team", None, out.path(), Some(t.ada))
            .await
            .unwrap();
        let journal_csv = std::fs::read_to_string(out.path().join("journal.csv")).unwrap();
        let followups = std::fs::read_to_string(out.path().join("followups.csv")).unwrap();
        assert!(!journal_csv.contains(&written[2].to_string()));
        assert!(!journal_csv.contains("Snakket om helgen"), "{journal_csv}");
        assert!(!followups.contains("Snakket om helgen"), "{followups}");
        assert!(journal_csv.contains(&written[1].to_string()));
        // The operator's export (command line) carries it.
        let operator = tempfile::tempdir().unwrap();
        export(&db.store, "team", None, operator.path(), None)
            .await
            .unwrap();
        let all = std::fs::read_to_string(operator.path().join("journal.csv")).unwrap();
        assert!(all.contains(&written[2].to_string()));
    }
}

#[tokio::test]
async fn broken_histories_are_named_row_by_row_and_nothing_is_written() {
    let entry = "7d3f1b2a-0c4e-4d5f-8a6b-9c0d1e2f3a4b";
    let other = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    let third = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
    let header = "entry,version,youth_ref,kind,helped_at,author,written_at,signed_at,reason,followup,withheld_reason,text\r\n";
    let rows = [
        // line 2–3: a draft that was corrected, the correction without a reason
        format!(
            "{entry},1,Y1,note,2024-03-01T12:00:00+01:00,kari,2024-03-01T12:00:00+01:00,,,,,Første\r\n"
        ),
        format!(
            "{entry},2,Y1,note,2024-03-01T12:00:00+01:00,ola,2024-03-02T12:00:00+01:00,2024-03-02T12:00:00+01:00,,,,Andre\r\n"
        ),
        // line 4: an analyst as author
        format!(
            "{other},1,Y1,note,2024-03-01T12:00:00+01:00,anna,2024-03-01T12:00:00+01:00,2024-03-01T12:00:00+01:00,,,,Tekst\r\n"
        ),
        // line 5: version 3 after 1 (a gap), and another youth than version 1's
        format!(
            "{other},3,Y2,note,2024-03-01T12:00:00+01:00,kari,2024-03-03T12:00:00+01:00,2024-03-03T12:00:00+01:00,Grunn,,,Tekst\r\n"
        ),
        // line 6: a local time without offset; an unknown follow-up on line 7
        format!("{third},1,Y1,note,2024-03-01 12:00,kari,2024-03-01T12:00:00+01:00,,,,,Tekst\r\n"),
        format!(
            "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f,1,Y1,conversation,2024-03-01T12:00:00+01:00,kari,2024-03-01T12:00:00+01:00,,,{third},,Tekst\r\n"
        ),
    ];
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        let youths = format!("{YOUTHS}Y2,Per,Berg,2009-01-02,male,3205,kari;ola\n");
        let journal = format!("{header}{}", rows.concat());
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("youths.csv", &youths),
                ("journal.csv", &journal),
            ],
        );
        let err = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap_err();
        let ImportError::Invalid(problems) = err else {
            panic!("{err}")
        };
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        for expected in [
            "journal.csv:2: signed_at: only an entry's single version can be an unsigned draft",
            "journal.csv:3: reason: a correction needs a reason",
            "journal.csv:4: author: anna is analyst",
            "journal.csv:5: youth_ref: differs from the entry's version 1 (line 4)",
            "journal.csv:5: version: version 3 where 2 was expected",
            "journal.csv:6: helped_at: \"2024-03-01 12:00\" is not a date and time with its offset",
            &format!("journal.csv:7: followup: unknown follow-up {third}"),
        ] {
            assert!(
                text.iter().any(|t| t.starts_with(expected)),
                "{expected:?} not in {text:#?}"
            );
        }
        // Nothing was written, not even the staff and youths that were fine.
        let mut conn = db.store.conn().await.unwrap();
        for table in ["users", "youths", "journal_entries", "journal_versions"] {
            assert_eq!(
                gatelangs_testkit::fetch_i64(&mut conn, &format!("SELECT COUNT(*) FROM {table}"))
                    .await,
                0,
                "{table}"
            );
        }
    }
}
