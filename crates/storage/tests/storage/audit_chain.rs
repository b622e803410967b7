//! The audit chain holds when untouched and names the first broken link after tampering, on
//! both backends.

#![allow(clippy::unwrap_used)]

use gatelangs_domain::{AuditAction, AuditEvent, ServiceId};
use gatelangs_storage::audit::{self, AuditFilter};
use gatelangs_storage::{AuditKey, Backend, Store};
use gatelangs_testkit::{TestDb, each_backend};

async fn write_entries(store: &Store, n: usize) -> ServiceId {
    let service = ServiceId::new();
    for i in 0..n {
        let mut tx = store.begin().await.unwrap();
        let event = AuditEvent::new(None, AuditAction::LoginFailed, format!("user:u{i}"));
        audit::append(&mut tx, store.audit_key(), Some(service), &event)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    service
}

async fn verify(store: &Store) -> audit::Verification {
    let mut conn = store.conn().await.unwrap();
    audit::verify(&mut conn, store.audit_key(), None)
        .await
        .unwrap()
}

/// What an intruder with database access does first: removes the append-only guard.
async fn drop_guard(db: &TestDb) {
    let sql: &[&str] = match db.backend() {
        Backend::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        Backend::Postgres => &["DROP TRIGGER audit_log_no_change ON audit_log"],
    };
    for s in sql {
        sqlx::query(s).execute(db.store.pool()).await.unwrap();
    }
}

#[tokio::test]
async fn an_untouched_chain_verifies() {
    for db in each_backend().await {
        write_entries(&db.store, 5).await;
        let v = verify(&db.store).await;
        assert_eq!(v.entries_checked, 5, "{:?}", db.backend());
        assert_eq!(v.first_broken, None, "{:?}", db.backend());
    }
}

#[tokio::test]
async fn the_log_refuses_updates_and_deletes() {
    for db in each_backend().await {
        write_entries(&db.store, 1).await;
        let update = sqlx::query("UPDATE audit_log SET subject = 'x'")
            .execute(db.store.pool())
            .await;
        assert!(update.is_err(), "{:?}", db.backend());
        let delete = sqlx::query("DELETE FROM audit_log")
            .execute(db.store.pool())
            .await;
        assert!(delete.is_err(), "{:?}", db.backend());
    }
}

#[tokio::test]
async fn an_edited_entry_is_the_first_broken_link() {
    for db in each_backend().await {
        write_entries(&db.store, 6).await;
        drop_guard(&db).await;
        sqlx::query("UPDATE audit_log SET subject = 'user:someone-else' WHERE seq = 3")
            .execute(db.store.pool())
            .await
            .unwrap();
        let broken = verify(&db.store).await.first_broken.unwrap();
        assert_eq!(broken.seq, 3, "{:?}", db.backend());
        assert!(broken.problem.contains("changed"), "{}", broken.problem);
    }
}

#[tokio::test]
async fn a_deleted_entry_is_found() {
    for db in each_backend().await {
        write_entries(&db.store, 6).await;
        drop_guard(&db).await;
        sqlx::query("DELETE FROM audit_log WHERE seq = 4")
            .execute(db.store.pool())
            .await
            .unwrap();
        let broken = verify(&db.store).await.first_broken.unwrap();
        assert_eq!(broken.seq, 4, "{:?}", db.backend());
        assert!(broken.problem.contains("missing"), "{}", broken.problem);
    }
}

#[tokio::test]
async fn deleting_the_newest_entries_is_found() {
    for db in each_backend().await {
        write_entries(&db.store, 6).await;
        drop_guard(&db).await;
        sqlx::query("DELETE FROM audit_log WHERE seq >= 5")
            .execute(db.store.pool())
            .await
            .unwrap();
        let broken = verify(&db.store).await.first_broken.unwrap();
        assert_eq!(broken.seq, 5, "{:?}", db.backend());
    }
}

/// Deletes the entries from `seq` on and moves the head back to the entry before, as an
/// intruder who knows the schema would.
async fn cut_back(db: &TestDb, seq: i64) {
    drop_guard(db).await;
    sqlx::query("DELETE FROM audit_log WHERE seq >= $1")
        .bind(seq)
        .execute(db.store.pool())
        .await
        .unwrap();
    sqlx::query(
        "UPDATE audit_head SET seq = $1, mac = (SELECT mac FROM audit_log WHERE seq = $1) WHERE id = 1",
    )
    .bind(seq - 1)
    .execute(db.store.pool())
    .await
    .unwrap();
}

#[tokio::test]
async fn a_head_moved_back_after_deleting_the_newest_entries_is_found() {
    for db in each_backend().await {
        write_entries(&db.store, 6).await;
        cut_back(&db, 5).await;
        let broken = verify(&db.store).await.first_broken.unwrap();
        assert!(
            broken.problem.contains("head"),
            "{:?}: {broken:?}",
            db.backend()
        );
    }
}

#[tokio::test]
async fn a_checkpoint_kept_outside_finds_an_old_head_put_back() {
    for db in each_backend().await {
        write_entries(&db.store, 4).await;
        // The intruder copies the whole head row now...
        let old: (i64, String, String) =
            sqlx::query_as("SELECT seq, mac, head_mac FROM audit_head WHERE id = 1")
                .fetch_one(db.store.pool())
                .await
                .unwrap();
        write_entries(&db.store, 2).await;
        // ...while the operator keeps a checkpoint after entry 6.
        let kept = {
            let mut conn = db.store.conn().await.unwrap();
            audit::checkpoint(&mut conn).await.unwrap()
        };
        assert!(kept.starts_with("6:"), "{kept}");
        let mut conn = db.store.conn().await.unwrap();
        let with = audit::verify(&mut conn, db.store.audit_key(), Some(&kept))
            .await
            .unwrap();
        assert_eq!(with.first_broken, None, "{:?}", db.backend());
        drop(conn);
        // Entries 5 and 6 deleted and the old head put back: the chain alone cannot tell...
        cut_back(&db, 5).await;
        sqlx::query("UPDATE audit_head SET head_mac = $1 WHERE id = 1")
            .bind(&old.2)
            .execute(db.store.pool())
            .await
            .unwrap();
        assert_eq!(
            verify(&db.store).await.first_broken,
            None,
            "{:?}",
            db.backend()
        );
        // ...the checkpoint can.
        let mut conn = db.store.conn().await.unwrap();
        let broken = audit::verify(&mut conn, db.store.audit_key(), Some(&kept))
            .await
            .unwrap()
            .first_broken
            .unwrap();
        assert_eq!(broken.seq, 5, "{:?}", db.backend());
        assert!(broken.problem.contains("checkpoint"), "{broken:?}");
        assert!(
            audit::verify(&mut conn, db.store.audit_key(), Some("not a checkpoint"))
                .await
                .is_err()
        );
    }
}

#[tokio::test]
async fn a_chain_rewritten_without_the_key_does_not_verify() {
    for db in each_backend().await {
        write_entries(&db.store, 3).await;
        // The same rows checked with another key: nobody without the key can forge a chain.
        let other = Store::connect(
            &db.url,
            AuditKey::new(vec![9; 32]).unwrap(),
            gatelangs_testkit::field_keys(),
        )
        .await
        .unwrap();
        let broken = verify(&other).await.first_broken.unwrap();
        assert_eq!(broken.seq, 1, "{:?}", db.backend());
        other.close().await;
    }
}

#[tokio::test]
async fn an_entry_rolls_back_with_its_action() {
    for db in each_backend().await {
        let service = ServiceId::new();
        let mut tx = db.store.begin().await.unwrap();
        let event = AuditEvent::new(None, AuditAction::Logout, "user:x");
        audit::append(&mut tx, db.store.audit_key(), Some(service), &event)
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        let v = verify(&db.store).await;
        assert_eq!(
            (v.entries_checked, v.first_broken),
            (0, None),
            "{:?}",
            db.backend()
        );
    }
}

#[tokio::test]
async fn a_service_sees_only_its_own_entries_filtered_by_date() {
    for db in each_backend().await {
        let mine = write_entries(&db.store, 3).await;
        let theirs = write_entries(&db.store, 2).await;
        let mut conn = db.store.conn().await.unwrap();
        let all = AuditFilter::default();
        assert_eq!(audit::list(&mut conn, mine, &all).await.unwrap().len(), 3);
        assert_eq!(audit::list(&mut conn, theirs, &all).await.unwrap().len(), 2);
        let future = AuditFilter {
            from: Some(gatelangs_storage::now() + 3600),
            ..all
        };
        assert!(
            audit::list(&mut conn, mine, &future)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
