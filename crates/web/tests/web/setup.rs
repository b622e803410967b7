//! First run: the one-time setup link creates the service and its administrator.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{each_app, urlencode};
use gatelangs_storage::{services, setup};

fn form(password: &str, again: &str, slug: &str) -> String {
    format!(
        "service_name=Ungdomsteamet&slug={slug}&municipality=3205&name=Ada+Admin&username=ada&password={}&password_again={}",
        urlencode(password),
        urlencode(again)
    )
}

/// A new setup link's path, checked to open.
async fn working_setup_link(app: &common::TestApp) -> String {
    let token = {
        let mut conn = app.store().conn().await.unwrap();
        setup::issue(&mut conn).await.unwrap()
    };
    let path = format!("/setup/{token}");
    assert_eq!(app.get(&path, None).await.status, 200, "{}", app.name());
    path
}

#[tokio::test]
async fn the_setup_link_creates_the_first_administrator_once() {
    for app in each_app().await {
        let path = working_setup_link(&app).await;

        let bad = app
            .post(
                &path,
                None,
                &form("password1234", "password1234", "Bad Slug"),
            )
            .await;
        assert_eq!(bad.status, 422);
        assert!(
            bad.body.contains("for vanlig") && bad.body.contains("Kortnavnet"),
            "{}",
            bad.body
        );
        let differ = app
            .post(
                &path,
                None,
                &form("tre-blå-busser-kjører", "tre-blå-busser-kjører!", "ung"),
            )
            .await;
        assert!(differ.body.contains("ikke like"));

        let ok = app
            .post(
                &path,
                None,
                &form("tre-blå-busser-kjører", "tre-blå-busser-kjører", "ung"),
            )
            .await;
        // The setup link leads the first administrator straight on to enrol a second factor.
        assert_eq!(ok.location(), "/account/two-factor", "{}", app.name());
        let enrolling = ok.session_cookie().unwrap();
        assert_eq!(
            app.get("/", Some(&enrolling)).await.location(),
            "/account/two-factor"
        );
        // The new service's catalogue starts with the reference report's counterpart services.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM counterpart_services").await,
            18
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM counterpart_services WHERE code = 'barnevern' AND name = 'Barnevernstjenesten'").await,
            1
        );
        let again = app
            .post(
                &path,
                None,
                &form("tre-blå-busser-kjører", "tre-blå-busser-kjører", "ung2"),
            )
            .await;
        assert_eq!(again.status, 400);

        let mut conn = app.store().conn().await.unwrap();
        let service = services::find_by_slug(&mut conn, "ung")
            .await
            .unwrap()
            .unwrap();
        assert!(service.require_two_factor);
        assert_eq!(service.municipality.as_deref(), Some("3205"));
        drop(conn);
        // Not enrolled yet, the password alone leads nowhere.
        assert_eq!(app.login("ada", "tre-blå-busser-kjører").await.status, 403);
        let codes = app.audit_codes().await;
        assert!(codes.starts_with(&[
            "service_created".into(),
            "user_created".into(),
            "setup_completed".into()
        ]));
    }
}

#[tokio::test]
async fn a_setup_link_expires_after_its_lifetime() {
    for app in each_app().await {
        let path = working_setup_link(&app).await;
        // The link was printed a lifetime and a minute ago.
        let mut conn = app.store().conn().await.unwrap();
        sqlx::query("UPDATE setup_tokens SET created_at = created_at - $1")
            .bind(setup::LIFETIME_SECONDS + 60)
            .execute(&mut *conn)
            .await
            .unwrap();
        drop(conn);
        let page = app.get(&path, None).await;
        assert_eq!(page.status, 400, "{}", app.name());
        assert!(page.body.contains("utløpt"), "{}", page.body);
        let post = app
            .post(
                &path,
                None,
                &form("tre-blå-busser-kjører", "tre-blå-busser-kjører", "ung"),
            )
            .await;
        assert_eq!(post.status, 400, "{}", app.name());
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    }
}
