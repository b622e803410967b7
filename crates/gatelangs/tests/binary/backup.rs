//! `gatelangs backup` and `gatelangs restore` on both backends, as an operator runs them: a
//! backup taken while taps are being registered holds every tap acknowledged before it began;
//! restored into an empty database (with the keys put back) it gives the same annual report and
//! an audit log that verifies; a restore into a database with records, a file that is no backup
//! and a backup over an existing file are refused with a message that names the problem.

#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::Instant;

use gatelangs_domain::ContactId;
use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender};
use gatelangs_storage::Store;
use gatelangs_storage::contacts::{self, NewContact};

use crate::common;
use common::{Install, text};

/// A fresh empty PostgreSQL database (migrated, no service), or `None` on SQLite.
async fn empty_pg(pg: bool) -> (Option<String>, Option<gatelangs_testkit::TestDb>) {
    if !pg {
        return (None, None);
    }
    let db = gatelangs_testkit::postgres().await.unwrap();
    (Some(db.url.clone()), Some(db))
}

fn report(install: &Install) -> serde_json::Value {
    let out = install.run(&[
        "report",
        "annual",
        "--service",
        "team",
        "--year",
        "2024",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

async fn contact_ids(url: &str) -> Vec<String> {
    let store = Store::connect(
        url,
        gatelangs_testkit::audit_key(),
        gatelangs_testkit::field_keys(),
    )
    .await
    .unwrap();
    let mut conn = store.conn().await.unwrap();
    gatelangs_testkit::fetch_text_rows(&mut conn, "SELECT id FROM contacts").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_taps_are_registered_restores_into_an_empty_database() {
    let mut backends = vec![false];
    if gatelangs_testkit::postgres().await.is_some() {
        backends.push(true);
    }
    for pg in backends {
        let (db, _source_db) = empty_pg(pg).await;
        let source = Install {
            dir: tempfile::tempdir().unwrap(),
            db,
        };
        let bundle = tempfile::tempdir().unwrap();
        gatelangs_testkit::presence_bundle::write(bundle.path());
        let out = source.run(&[
            "import",
            "--service",
            "team",
            bundle.path().to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out));

        // Taps go on, one transaction each, while the backup is written.
        let store = Store::connect(
            &source.url(),
            gatelangs_testkit::audit_key(),
            gatelangs_testkit::field_keys(),
        )
        .await
        .unwrap();
        let (service, place) = {
            let mut conn = store.conn().await.unwrap();
            let service = gatelangs_storage::services::find_by_slug(&mut conn, "team")
                .await
                .unwrap()
                .unwrap();
            let place = gatelangs_storage::places::list_places(&mut conn, service.id)
                .await
                .unwrap()[0]
                .id;
            (service, place)
        };
        let acknowledged: Arc<Mutex<Vec<(ContactId, Instant)>>> = Arc::default();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let tapping = {
            let (store, acknowledged, stop) = (store.clone(), acknowledged.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let id = ContactId::new();
                    let new = NewContact {
                        id,
                        occurred_at: "2024-06-01T18:00:00Z".parse().unwrap(),
                        place,
                        channel: Channel::Street,
                        age_group: AgeGroup::UpperSecondary,
                        gender: Gender::Female,
                        count: ContactCount::new(1).unwrap(),
                        staff: None,
                        topics: String::new(),
                    };
                    let mut tx = store.begin().await.unwrap();
                    contacts::register(&mut tx, service.id, &jiff::tz::TimeZone::UTC, &new, None)
                        .await
                        .unwrap();
                    tx.commit().await.unwrap();
                    acknowledged.lock().unwrap().push((id, Instant::now()));
                }
            })
        };
        while acknowledged.lock().unwrap().len() < 20 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let backups = tempfile::tempdir().unwrap();
        let during = backups.path().join("during.backup");
        let started = Instant::now();
        let mut backup = source.cmd(&["backup", during.to_str().unwrap()]);
        let out = tokio::task::spawn_blocking(move || backup.output().unwrap())
            .await
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        assert!(
            text(&out).contains("The keys are not in it"),
            "{}",
            text(&out)
        );
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        tapping.await.unwrap();
        let before: Vec<String> = acknowledged
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, at)| *at < started)
            .map(|(id, _)| id.to_string())
            .collect();
        assert!(before.len() >= 20);
        // No key is in the backup.
        let bytes = std::fs::read(&during).unwrap();
        for key in ["audit.key", "data.keys"] {
            let key = std::fs::read_to_string(source.dir.path().join(key)).unwrap();
            for line in key.lines().filter(|l| !l.starts_with('#')) {
                let secret = line.split_whitespace().last().unwrap();
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "a key is in the backup"
                );
            }
        }

        // Restored into an empty database with the keys put back: every tap acknowledged
        // before the backup began is there, and the audit log verifies.
        let (db, _during_db) = empty_pg(pg).await;
        let restored = source.sibling(db);
        let out = restored.run(&["restore", during.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("put back the keys"), "{}", text(&out));
        let ids = contact_ids(&restored.url()).await;
        let missing: Vec<&String> = before.iter().filter(|id| !ids.contains(id)).collect();
        assert!(missing.is_empty(), "{} taps missing", missing.len());
        let out = restored.run(&["audit", "verify"]);
        assert!(out.status.success(), "{}", text(&out));

        // Once the taps stop, a backup restores to the same annual report.
        let quiet = backups.path().join("quiet.backup");
        let out = source.run(&["backup", quiet.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
        let (db, _quiet_db) = empty_pg(pg).await;
        let again = source.sibling(db);
        let out = again.run(&["restore", quiet.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(report(&again), report(&source));
        let out = again.run(&["audit", "verify"]);
        assert!(out.status.success(), "{}", text(&out));

        // Refused, and named: a database that holds records, a file that is no backup, a
        // backup over an existing file, a backup of the other backend.
        let out = source.run(&["restore", quiet.to_str().unwrap()]);
        assert!(!out.status.success());
        assert!(
            text(&out).contains("restore only into an empty database"),
            "{}",
            text(&out)
        );
        let junk = backups.path().join("notes.txt");
        std::fs::write(&junk, "not a backup").unwrap();
        let (db, _junk_db) = empty_pg(pg).await;
        let out = source.sibling(db).run(&["restore", junk.to_str().unwrap()]);
        assert!(!out.status.success());
        assert!(
            text(&out).contains("is not a Gatelangs backup"),
            "{}",
            text(&out)
        );
        let out = source.run(&["backup", quiet.to_str().unwrap()]);
        assert!(!out.status.success());
        assert!(text(&out).contains("already exists"), "{}", text(&out));
        if pg {
            let sqlite = Install {
                dir: tempfile::tempdir().unwrap(),
                db: None,
            };
            let out = sqlite.run(&["restore", quiet.to_str().unwrap()]);
            assert!(!out.status.success());
            assert!(
                text(&out).contains("is a PostgreSQL backup"),
                "{}",
                text(&out)
            );
        }
    }
}
