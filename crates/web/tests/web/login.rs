//! Logging in and out: one message for unknown user and wrong password, throttling, session
//! cookies, idle and absolute expiry — on both backends.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::time::Duration;

use common::{PASSWORD, each_app, each_app_with};
use gatelangs_domain::Role;
use gatelangs_web::WebConfig;

#[tokio::test]
async fn a_user_without_two_factor_requirement_logs_in_and_out() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        app.user(&service, "kari", Role::FieldWorker).await;
        let reply = app.login("kari", PASSWORD).await;
        assert_eq!(reply.status, 303, "{}", app.name());
        assert_eq!(reply.location(), "/");
        let cookie = reply
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect::<Vec<_>>();
        let session_cookie = cookie
            .iter()
            .find(|c| c.starts_with("gl_session="))
            .unwrap();
        assert!(session_cookie.contains("HttpOnly") && session_cookie.contains("SameSite=Lax"));
        let token = reply.session_cookie().unwrap();

        let home = app.get("/", Some(&token)).await;
        assert_eq!(home.status, 200);
        assert!(home.body.contains("Name of kari"));

        let out = app.post("/logout", Some(&token), "").await;
        assert_eq!(out.location(), "/login");
        assert_eq!(
            app.get("/", Some(&token)).await.location(),
            "/login?expired=1"
        );
        let codes = app.audit_codes().await;
        assert!(
            codes.ends_with(&["login".to_owned(), "logout".to_owned()]),
            "{codes:?}"
        );
    }
}

#[tokio::test]
async fn unknown_user_and_wrong_password_get_the_same_answer() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        app.user(&service, "kari", Role::FieldWorker).await;
        let wrong = app.login("kari", "not-the-password-at-all").await;
        let unknown = app.login("nobody", PASSWORD).await;
        assert_eq!(wrong.status, 401, "{}", app.name());
        assert_eq!(unknown.status, wrong.status);
        assert!(wrong.body.contains("Feil brukernavn eller passord."));
        assert!(unknown.body.contains("Feil brukernavn eller passord."));
        assert!(wrong.session_cookie().is_none());
        let codes = app.audit_codes().await;
        assert_eq!(codes.iter().filter(|c| *c == "login_failed").count(), 2);
    }
}

#[tokio::test]
async fn a_disabled_user_cannot_log_in() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::FieldWorker).await;
        let token = app.session_for(&user).await;
        let mut conn = app.store().conn().await.unwrap();
        gatelangs_storage::users::set_disabled(&mut conn, service.id, user.id, true)
            .await
            .unwrap();
        drop(conn);
        assert_eq!(
            app.login("kari", PASSWORD).await.status,
            401,
            "{}",
            app.name()
        );
        assert_eq!(
            app.get("/", Some(&token)).await.location(),
            "/login?expired=1"
        );
    }
}

#[tokio::test]
async fn an_account_is_throttled_after_repeated_failures() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        app.user(&service, "kari", Role::FieldWorker).await;
        for _ in 0..5 {
            assert_eq!(app.login("kari", "wrong-password-123").await.status, 401);
        }
        // Even the right password waits now, and an unknown name is treated alike.
        let blocked = app.login("kari", PASSWORD).await;
        assert_eq!(blocked.status, 429, "{}", app.name());
        assert!(blocked.body.contains("For mange forsøk"));
        for _ in 0..5 {
            app.login("ghost", "wrong-password-123").await;
        }
        assert_eq!(app.login("ghost", "wrong-password-123").await.status, 429);
    }
}

#[tokio::test]
async fn a_client_address_is_throttled_across_accounts() {
    let config = WebConfig {
        max_failures_per_address: 3,
        ..WebConfig::default()
    };
    for app in each_app_with(config.clone()).await {
        let service = app.service("team-a", false).await;
        app.user(&service, "kari", Role::FieldWorker).await;
        for name in ["a1", "a2", "a3"] {
            assert_eq!(app.login(name, "wrong-password-123").await.status, 401);
        }
        assert_eq!(
            app.login("kari", PASSWORD).await.status,
            429,
            "{}",
            app.name()
        );
    }
}

#[tokio::test]
async fn an_idle_session_expires() {
    let config = WebConfig {
        session_idle: Duration::from_secs(1),
        ..WebConfig::default()
    };
    for app in each_app_with(config.clone()).await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::Leader).await;
        let token = app.session_for(&user).await;
        assert_eq!(app.get("/", Some(&token)).await.status, 200);
        tokio::time::sleep(Duration::from_millis(2100)).await;
        let expired = app.get("/", Some(&token)).await;
        assert_eq!(expired.location(), "/login?expired=1", "{}", app.name());
        let login_page = app.get("/login?expired=1", None).await;
        assert!(login_page.body.contains("Økten din er utløpt"));
        // The API answers 401 rather than redirecting.
        assert_eq!(app.get("/api/v1/me", Some(&token)).await.status, 401);
    }
}

#[tokio::test]
async fn a_busy_session_still_ends_at_its_absolute_lifetime() {
    let config = WebConfig {
        session_max: Duration::from_secs(2),
        ..WebConfig::default()
    };
    for app in each_app_with(config.clone()).await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::Leader).await;
        let token = app.session_for(&user).await;
        for _ in 0..3 {
            assert_eq!(app.get("/", Some(&token)).await.status, 200);
            tokio::time::sleep(Duration::from_millis(600)).await;
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(
            app.get("/", Some(&token)).await.location(),
            "/login?expired=1",
            "{}",
            app.name()
        );
    }
}

#[tokio::test]
async fn the_language_follows_the_user() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::Leader).await;
        let token = app.session_for(&user).await;
        assert!(app.get("/", Some(&token)).await.body.contains("Logg ut"));
        let switched = app
            .post("/language", Some(&token), "lang=en&next=%2Faudit")
            .await;
        assert_eq!(switched.location(), "/audit");
        let page = app.get("/", Some(&token)).await;
        assert!(
            page.body.contains("Log out") && page.body.contains("lang=\"en\""),
            "{}",
            app.name()
        );
        // Anonymous visitors: the cookie and the browser's wish decide.
        let anon = app.post("/language", None, "lang=en&next=%2Flogin").await;
        assert!(
            anon.headers
                .get("set-cookie")
                .unwrap()
                .to_str()
                .unwrap()
                .contains("gl_lang=en")
        );
    }
}

#[tokio::test]
async fn a_user_disabled_elsewhere_is_out_within_the_session_cache_lifetime() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::FieldWorker).await;
        let token = app.session_for(&user).await;
        assert_eq!(app.get("/", Some(&token)).await.status, 200);
        // Another process (the command line) disables the account behind this server's back.
        let mut conn = app.store().conn().await.unwrap();
        gatelangs_storage::users::set_disabled(&mut conn, service.id, user.id, true)
            .await
            .unwrap();
        drop(conn);
        tokio::time::sleep(gatelangs_web::auth::session_cache::TTL + Duration::from_millis(100))
            .await;
        assert_eq!(
            app.get("/", Some(&token)).await.location(),
            "/login?expired=1",
            "{}",
            app.name()
        );
    }
}

#[tokio::test]
async fn logging_out_ends_the_session_at_once_despite_the_cache() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::FieldWorker).await;
        let token = app.session_for(&user).await;
        assert_eq!(app.get("/api/v1/me", Some(&token)).await.status, 200);
        app.post("/logout", Some(&token), "").await;
        assert_eq!(
            app.get("/api/v1/me", Some(&token)).await.status,
            401,
            "{}",
            app.name()
        );
    }
}

/// A failed login as it reaches the server from `peer`, with `forwarded` as X-Forwarded-For.
fn wrong_login_from(peer: &str, forwarded: &str) -> axum::http::Request<axum::body::Body> {
    let mut req = axum::http::Request::post("/login")
        .header("host", "127.0.0.1:8080")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", forwarded)
        .body(axum::body::Body::from(
            "username=nobody&password=wrong-password-123",
        ))
        .unwrap();
    let addr: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(addr));
    req
}

#[tokio::test]
async fn the_client_behind_a_trusted_proxy_is_throttled_and_logged_not_the_proxy() {
    let config = WebConfig {
        max_failures_per_address: 3,
        max_failures_per_account: 100,
        trusted_proxies: vec!["10.0.0.1".parse().unwrap()],
        ..WebConfig::default()
    };
    for app in each_app_with(config.clone()).await {
        for _ in 0..3 {
            let reply = app.raw(wrong_login_from("10.0.0.1", "203.0.113.5")).await;
            assert_eq!(reply.status, 401, "{}", app.name());
        }
        // The client is throttled; another client behind the same proxy is not.
        assert_eq!(
            app.raw(wrong_login_from("10.0.0.1", "203.0.113.5"))
                .await
                .status,
            429
        );
        assert_eq!(
            app.raw(wrong_login_from("10.0.0.1", "203.0.113.6"))
                .await
                .status,
            401
        );
        // A client not behind the proxy cannot dodge the throttle by naming another address.
        for i in 0..3 {
            let claimed = format!("192.0.2.{i}");
            assert_eq!(
                app.raw(wrong_login_from("198.51.100.7", &claimed))
                    .await
                    .status,
                401
            );
        }
        assert_eq!(
            app.raw(wrong_login_from("198.51.100.7", "192.0.2.99"))
                .await
                .status,
            429
        );
        let logged = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND detail = '203.0.113.5'")
            .await;
        // Unknown names are logged in no service's log, but still by address.
        let any = app
            .count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '10.0.0.1%'")
            .await;
        assert_eq!(
            any,
            0,
            "the proxy's address is never logged: {}",
            app.name()
        );
        assert_eq!(logged, 3, "{}", app.name());
    }
}
