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
    audit::verify(&mut conn, store.audit_key()).await.unwrap()
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
