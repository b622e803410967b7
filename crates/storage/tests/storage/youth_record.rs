//! The youth record in storage, on both backends: identity sealed at rest and found by keyed
//! hashes, journal rules that hold below the web layer, and key rotation.

#![allow(clippy::unwrap_used)]

use gatelangs_domain::field::Gender;
use gatelangs_domain::youth::{Challenge, JournalRefusal};
use gatelangs_domain::{
    ConversationId, EntryId, MunicipalityNumber, Role, ServiceId, UserId, YouthId,
};
use gatelangs_storage::journal::{self, EntryKey, JournalError, NewEntry};
use gatelangs_storage::youths::{self, Guardian, YouthFields};
use gatelangs_storage::{Backend, FieldKeys, Store, conversations, rekey};
use gatelangs_testkit::{TestDb, each_backend};
use jiff::civil::date;

const SECRET_NOTE: &str = "Snakket om rusbruk hjemme hos Solveig";

async fn service(store: &Store, slug: &str) -> ServiceId {
    gatelangs_testkit::fixtures::service(store, slug).await
}

async fn user(store: &Store, service: ServiceId, name: &str) -> UserId {
    gatelangs_testkit::fixtures::user(store, service, name, Role::FieldWorker).await
}

fn solveig() -> YouthFields {
    YouthFields {
        reference: "Y1".into(),
        first_name: "Solveig".into(),
        last_name: "Kvernbakken".into(),
        birth_date: date(2010, 5, 17),
        gender: Gender::Female,
        municipality: MunicipalityNumber::parse("3205").unwrap(),
        phone: Some("98765432".into()),
        school: Some("Stav skole".into()),
        guardians: vec![Guardian {
            name: "Torbjørg Kvernbakken".into(),
            phone: Some("91112222".into()),
        }],
    }
}

struct Fixture {
    service: ServiceId,
    kari: UserId,
    ola: UserId,
    youth: YouthId,
}

async fn fixture(db: &TestDb) -> Fixture {
    let service = service(&db.store, "team-a").await;
    let kari = user(&db.store, service, "kari").await;
    let ola = user(&db.store, service, "ola").await;
    let youth = YouthId::new();
    let mut conn = db.store.conn().await.unwrap();
    youths::create(
        &mut conn,
        db.store.field_keys(),
        service,
        youths::NewYouth {
            id: youth,
            fields: &solveig(),
            contact_persons: &[kari, ola],
            created_by: Some(kari),
        },
        1_700_000_000,
    )
    .await
    .unwrap();
    Fixture {
        service,
        kari,
        ola,
        youth,
    }
}

fn key(f: &Fixture, entry: EntryId) -> EntryKey {
    EntryKey {
        service: f.service,
        youth: f.youth,
        entry,
    }
}

async fn draft(db: &TestDb, f: &Fixture, author: UserId, body: &str) -> EntryId {
    let id = EntryId::new();
    let mut conn = db.store.conn().await.unwrap();
    journal::create(
        &mut conn,
        db.store.field_keys(),
        f.service,
        &NewEntry {
            id,
            youth: f.youth,
            conversation: None,
            kind: "note",
            helped_at: 1_700_000_000,
            author,
            body: body.into(),
            signed: false,
        },
        1_700_000_100,
    )
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn a_youth_round_trips_and_is_found_only_by_exact_name_and_birth_date() {
    for db in each_backend().await {
        let f = fixture(&db).await;
        let keys = db.store.field_keys();
        let mut conn = db.store.conn().await.unwrap();
        let got = youths::get(&mut conn, keys, f.service, f.youth)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(got.fields, solveig());
        assert_eq!(got.contact_persons.len(), 2);
        let exact = youths::find_exact(
            &mut conn,
            keys,
            f.service,
            " solveig ",
            "KVERNBAKKEN",
            date(2010, 5, 17),
        )
        .await
        .unwrap();
        assert_eq!(exact, vec![f.youth], "{:?}", db.backend());
        for (first, last, birth) in [
            ("Solveig", "Kvernbakken", date(2010, 5, 18)),
            ("Solveig", "Kvern", date(2010, 5, 17)),
        ] {
            assert!(
                youths::find_exact(&mut conn, keys, f.service, first, last, birth)
                    .await
                    .unwrap()
                    .is_empty()
            );
        }
        // Another service never finds it.
        drop(conn);
        let other = service(&db.store, "team-b").await;
        let mut conn = db.store.conn().await.unwrap();
        assert!(
            youths::find_exact(
                &mut conn,
                keys,
                other,
                "Solveig",
                "Kvernbakken",
                date(2010, 5, 17)
            )
            .await
            .unwrap()
            .is_empty()
        );
        assert!(
            youths::get(&mut conn, keys, other, f.youth)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn possible_duplicates_by_similar_name_and_birth_date_or_phone() {
    for db in each_backend().await {
        let f = fixture(&db).await;
        let keys = db.store.field_keys();
        let mut conn = db.store.conn().await.unwrap();
        let mut typo = solveig();
        typo.first_name = "Solveigh".into();
        typo.phone = None;
        let found = youths::possible_duplicates(&mut conn, keys, f.service, &typo, None)
            .await
            .unwrap();
        assert_eq!(
            found.iter().map(|y| y.id).collect::<Vec<_>>(),
            vec![f.youth]
        );
        let mut same_phone = solveig();
        same_phone.first_name = "Per".into();
        same_phone.last_name = "Hansen".into();
        same_phone.birth_date = date(2009, 1, 1);
        assert_eq!(
            youths::possible_duplicates(&mut conn, keys, f.service, &same_phone, None)
                .await
                .unwrap()
                .len(),
            1
        );
        let mut stranger = same_phone.clone();
        stranger.phone = Some("40000000".into());
        assert!(
            youths::possible_duplicates(&mut conn, keys, f.service, &stranger, None)
                .await
                .unwrap()
                .is_empty()
        );
        // A different name on the same birth date is not a duplicate.
        let mut namesake = solveig();
        namesake.first_name = "Ahmed".into();
        namesake.last_name = "Ali".into();
        namesake.phone = None;
        assert!(
            youths::possible_duplicates(&mut conn, keys, f.service, &namesake, None)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn drafts_belong_to_the_author_and_signed_entries_never_change() {
    for db in each_backend().await {
        let f = fixture(&db).await;
        let keys = db.store.field_keys();
        let entry = draft(&db, &f, f.kari, "first text").await;
        let mut conn = db.store.conn().await.unwrap();
        let refused =
            journal::update_draft(&mut conn, keys, key(&f, entry), f.ola, "ola's text", 1).await;
        assert!(matches!(
            refused,
            Err(JournalError::Refused(JournalRefusal::NotAuthor))
        ));
        journal::update_draft(
            &mut conn,
            keys,
            key(&f, entry),
            f.kari,
            "second text",
            1_700_000_200,
        )
        .await
        .unwrap();
        assert!(matches!(
            journal::sign(&mut conn, keys, key(&f, entry), f.ola, 1).await,
            Err(JournalError::Refused(JournalRefusal::NotAuthor))
        ));
        journal::sign(&mut conn, keys, key(&f, entry), f.kari, 1_700_000_300)
            .await
            .unwrap();
        assert!(matches!(
            journal::update_draft(&mut conn, keys, key(&f, entry), f.kari, "sneaky", 1).await,
            Err(JournalError::Refused(JournalRefusal::Signed))
        ));
        // Not even SQL beside the application can change any column of a signed entry — its
        // text (kept under the same key), its date of help, author, kind or youth — or delete
        // it without a recorded decision.
        let sealed: String = sqlx::query_scalar("SELECT body FROM journal_versions")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let same_key_other_text = keys.seal(
            gatelangs_storage::crypto::Place {
                service: &f.service.to_string(),
                table: "journal_versions",
                column: "body",
                row: &format!("{entry}/1"),
            },
            "rewritten history",
        );
        assert_ne!(sealed, same_key_other_text);
        let rewrite_body = format!("UPDATE journal_versions SET body = '{same_key_other_text}'");
        for sql in [
            "UPDATE journal_versions SET signed_at = NULL",
            "UPDATE journal_versions SET written_at = 5",
            "UPDATE journal_versions SET author_id = (SELECT id FROM users WHERE username = 'ola')",
            rewrite_body.as_str(),
            "UPDATE journal_versions SET body = 'plain text'",
            "UPDATE journal_entries SET helped_at = 5",
            "UPDATE journal_entries SET kind = 'conversation'",
            "UPDATE journal_entries SET author_id = (SELECT id FROM users WHERE username = 'ola')",
            "DELETE FROM journal_versions",
            "DELETE FROM journal_entries",
        ] {
            assert!(
                sqlx::query(sql).execute(&mut *conn).await.is_err(),
                "{sql} on {:?}",
                db.backend()
            );
        }
        // A correction is a new version with a reason; the original stays.
        assert!(matches!(
            journal::correct(&mut conn, keys, key(&f, entry), f.ola, "fixed", " ", 1).await,
            Err(JournalError::Refused(JournalRefusal::NoReason))
        ));
        let v = journal::correct(
            &mut conn,
            keys,
            key(&f, entry),
            f.ola,
            "fixed text",
            "wrong place",
            1_700_000_400,
        )
        .await
        .unwrap();
        assert_eq!(v, 2);
        let e = journal::get(&mut conn, keys, key(&f, entry))
            .await
            .unwrap()
            .unwrap();
        let texts: Vec<_> = e
            .versions
            .iter()
            .map(|v| (v.body.as_str(), v.reason.as_deref(), v.written_at))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("second text", None, 1_700_000_200),
                ("fixed text", Some("wrong place"), 1_700_000_400)
            ]
        );
        assert_eq!(e.versions[1].author, f.ola);
        assert_eq!(e.author, f.kari);
        // Deletion removes the text and keeps the decision.
        journal::delete(
            &mut conn,
            keys,
            key(&f, entry),
            f.kari,
            "registered on the wrong youth",
            9,
        )
        .await
        .unwrap();
        assert!(
            journal::get(&mut conn, keys, key(&f, entry))
                .await
                .unwrap()
                .is_none()
        );
        let d = journal::deletions(&mut conn, keys, f.service, f.youth)
            .await
            .unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].reason, "registered on the wrong youth");
        assert_eq!(d[0].entry, entry.to_string());
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM journal_versions")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(left, 0);
    }
}

#[tokio::test]
async fn overdue_drafts_surface_to_the_author_and_the_leader() {
    for db in each_backend().await {
        let f = fixture(&db).await;
        draft(&db, &f, f.kari, "old draft").await;
        let mut conn = db.store.conn().await.unwrap();
        let day_later = 1_700_000_100 + 24 * 3600 + 1;
        assert_eq!(
            journal::overdue_drafts(&mut conn, f.service, Some(f.kari), day_later)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            journal::overdue_drafts(&mut conn, f.service, None, day_later)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(
            journal::overdue_drafts(&mut conn, f.service, Some(f.ola), day_later)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            journal::overdue_drafts(&mut conn, f.service, None, 1_700_000_000)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

/// Every byte of the database as text, to look for plaintext.
async fn raw_contents(db: &TestDb) -> String {
    match db.backend() {
        Backend::Sqlite => {
            // Checkpoint the write-ahead log so every row is in the main file.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(db.store.pool())
                .await
                .unwrap();
            let path = db
                .url
                .trim_start_matches("sqlite://")
                .split('?')
                .next()
                .unwrap()
                .to_owned();
            let mut bytes = std::fs::read(&path).unwrap();
            if let Ok(wal) = std::fs::read(format!("{path}-wal")) {
                bytes.extend(wal);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Backend::Postgres => {
            let mut all = String::new();
            for table in [
                "youths",
                "journal_versions",
                "journal_entries",
                "conversations",
                "assessments",
                "record_blocks",
                "journal_deletions",
            ] {
                let rows: Vec<String> =
                    sqlx::query_scalar(&format!("SELECT CAST(t.* AS TEXT) FROM {table} t"))
                        .fetch_all(db.store.pool())
                        .await
                        .unwrap();
                all.push_str(&rows.join("\n"));
            }
            all
        }
    }
}

#[tokio::test]
async fn no_name_phone_or_note_is_stored_in_clear_and_rotation_keeps_everything_readable() {
    for db in each_backend().await {
        let f = fixture(&db).await;
        let entry = draft(&db, &f, f.kari, SECRET_NOTE).await;
        {
            let mut conn = db.store.conn().await.unwrap();
            conversations::create(
                &mut conn,
                f.service,
                &jiff::tz::TimeZone::get("Europe/Oslo").unwrap(),
                &conversations::NewConversation {
                    id: ConversationId::new(),
                    youth: f.youth,
                    occurred_at: "2024-03-01T10:00:00Z".parse().unwrap(),
                    setting: None,
                    duration_minutes: Some(30),
                    challenges: vec![Challenge::Crime],
                    staff: vec![f.kari],
                    place: None,
                    contact: None,
                    created_by: Some(f.kari),
                },
                1,
            )
            .await
            .unwrap();
        }
        let raw = raw_contents(&db).await;
        assert!(
            raw.contains("gl1:test1:"),
            "sealed values expected on {:?}",
            db.backend()
        );
        for secret in [
            "Solveig",
            "Kvernbakken",
            "2010-05-17",
            "98765432",
            "Torbjørg",
            "Stav skole",
            "rusbruk",
            SECRET_NOTE,
        ] {
            assert!(
                !raw.contains(secret),
                "{secret:?} in clear on {:?}",
                db.backend()
            );
        }

        // Rotate to a new key: everything still opens, under the new key, and search works.
        let k2 = FieldKeys::new_key_line("k2");
        let keys =
            FieldKeys::parse(&format!("{}\n{k2}", gatelangs_testkit::FIELD_KEY_LINE)).unwrap();
        let rotated = db.store.with_field_keys(keys);
        let mut tx = rotated.begin().await.unwrap();
        let count = rekey::rotate(&mut tx, rotated.field_keys()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            count,
            7,
            "six identity fields and one note on {:?}",
            db.backend()
        );
        let raw = raw_contents(&db).await;
        if db.backend() == Backend::Postgres {
            assert!(!raw.contains("gl1:test1:"), "old key still in use");
        }
        let mut conn = rotated.conn().await.unwrap();
        let k = rotated.field_keys();
        assert_eq!(
            youths::get(&mut conn, k, f.service, f.youth)
                .await
                .unwrap()
                .unwrap()
                .fields,
            solveig()
        );
        let e = journal::get(&mut conn, k, key(&f, entry))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.versions[0].body, SECRET_NOTE);
        assert_eq!(
            youths::find_exact(
                &mut conn,
                k,
                f.service,
                "Solveig",
                "Kvernbakken",
                date(2010, 5, 17)
            )
            .await
            .unwrap(),
            vec![f.youth]
        );
        // A second rotation run finds nothing left to do.
        drop(conn);
        let mut tx = rotated.begin().await.unwrap();
        assert_eq!(rekey::rotate(&mut tx, k).await.unwrap(), 0);
        tx.commit().await.unwrap();
        let mut conn = rotated.conn().await.unwrap();
        // The new key alone opens everything: the old one is no longer needed.
        let new_only = db.store.with_field_keys(FieldKeys::parse(&k2).unwrap());
        let k = new_only.field_keys();
        assert_eq!(
            youths::get(&mut conn, k, f.service, f.youth)
                .await
                .unwrap()
                .unwrap()
                .fields,
            solveig()
        );
        assert_eq!(
            journal::for_youth(&mut conn, k, f.service, f.youth)
                .await
                .unwrap()
                .len(),
            1
        );
    }
}
