//! Two-factor login: enrolment required by the service, codes that cannot be replayed, and
//! one-time recovery codes.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{PASSWORD, TestApp, each_app};
use gatelangs_domain::Role;
use totp_rs::{Algorithm, Secret, TOTP};

fn code_at(secret: &str, step_offset: i64) -> String {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes, None, "x".into()).unwrap();
    let now = u64::try_from(gatelangs_storage::now() + step_offset * 30).unwrap();
    totp.generate(now)
}

fn secret_from(page: &str) -> String {
    let start = page.find("id=\"totp-secret\">").unwrap() + "id=\"totp-secret\">".len();
    page[start..].split('<').next().unwrap().to_owned()
}

fn recovery_codes(page: &str) -> Vec<String> {
    page.split("<li><code>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_owned())
        .collect()
}

/// Enrols kari through a one-time link (her password stays [`PASSWORD`]); returns the secret,
/// the code used to enrol and the recovery codes.
async fn enrol(app: &TestApp) -> (String, String, Vec<String>) {
    // The password alone does not lead to enrolment.
    let refused = app.login("kari", PASSWORD).await;
    assert_eq!(refused.status, 403, "{}", app.name());
    assert!(refused.body.contains("engangslenke"), "{}", refused.body);
    assert!(refused.session_cookie().is_none());
    let mut conn = app.store().conn().await.unwrap();
    let kari = gatelangs_storage::users::find_by_username(&mut conn, "kari")
        .await
        .unwrap()
        .unwrap();
    let link = gatelangs_storage::reset_links::issue(
        &mut conn,
        kari.service_id,
        kari.id,
        gatelangs_storage::now() + 3600,
    )
    .await
    .unwrap();
    drop(conn);
    let pw = common::urlencode(PASSWORD);
    let reply = app
        .post(
            &format!("/password/{link}"),
            None,
            &format!("password={pw}&password_again={pw}"),
        )
        .await;
    assert_eq!(reply.location(), "/account/two-factor", "{}", app.name());
    let token = reply.session_cookie().unwrap();
    // Until enrolled, the service is out of reach.
    assert_eq!(
        app.get("/", Some(&token)).await.location(),
        "/account/two-factor"
    );
    let page = app.get("/account/two-factor", Some(&token)).await;
    assert!(
        page.body.contains("<svg role=\"img\""),
        "the QR code is drawn inline"
    );
    let secret = secret_from(&page.body);
    assert_eq!(
        secret_from(&app.get("/account/two-factor", Some(&token)).await.body),
        secret
    );

    let wrong = app
        .post("/account/two-factor", Some(&token), "code=000000")
        .await;
    assert_eq!(wrong.status, 422);
    let used = code_at(&secret, 0);
    let done = app
        .post("/account/two-factor", Some(&token), &format!("code={used}"))
        .await;
    assert_eq!(done.status, 200);
    let codes = recovery_codes(&done.body);
    assert_eq!(codes.len(), 10);
    assert_eq!(app.get("/", Some(&token)).await.status, 200);
    app.post("/logout", Some(&token), "").await;
    (secret, used, codes)
}

#[tokio::test]
async fn the_service_requires_enrolment_then_asks_for_a_code() {
    for app in each_app().await {
        let service = app.service("team-a", true).await;
        app.user(&service, "kari", Role::FieldWorker).await;
        let (secret, used, _) = enrol(&app).await;
        // The secret is sealed at rest, never stored as the code-generating text.
        let stored = app
            .count(&format!("SELECT COUNT(*) FROM users WHERE totp_secret LIKE 'gl1:%' AND totp_secret NOT LIKE '%{secret}%'"))
            .await;
        assert_eq!(stored, 1, "{}", app.name());

        let reply = app.login("kari", PASSWORD).await;
        assert_eq!(reply.location(), "/login/two-factor", "{}", app.name());
        let token = reply.session_cookie().unwrap();
        assert_eq!(
            app.get("/", Some(&token)).await.location(),
            "/login/two-factor"
        );
        assert_eq!(app.get("/api/v1/me", Some(&token)).await.status, 401);

        // The code used to enrol was spent; the next step's code is accepted once.
        let replay = app
            .post("/login/two-factor", Some(&token), &format!("code={used}"))
            .await;
        assert_eq!(replay.status, 401);
        let next = code_at(&secret, 1);
        let ok = app
            .post("/login/two-factor", Some(&token), &format!("code={next}"))
            .await;
        assert_eq!(ok.location(), "/");
        assert_eq!(app.get("/", Some(&token)).await.status, 200);

        let codes = app.audit_codes().await;
        assert!(codes.contains(&"two_factor_enrolled".to_owned()));
        assert_eq!(codes.last().map(String::as_str), Some("login"));
    }
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    for app in each_app().await {
        let service = app.service("team-a", true).await;
        app.user(&service, "kari", Role::Leader).await;
        let (_, _, codes) = enrol(&app).await;
        for expected in [303, 401] {
            let token = app.login("kari", PASSWORD).await.session_cookie().unwrap();
            let reply = app
                .post(
                    "/login/two-factor",
                    Some(&token),
                    &format!("code={}", codes[3].to_uppercase()),
                )
                .await;
            assert_eq!(reply.status, expected, "{}", app.name());
        }
        assert!(
            app.audit_codes()
                .await
                .contains(&"recovery_code_used".to_owned())
        );
    }
}

#[tokio::test]
async fn the_analyst_is_not_asked_to_enrol() {
    for app in each_app().await {
        let service = app.service("team-a", true).await;
        app.user(&service, "kari", Role::Analyst).await;
        assert_eq!(
            app.login("kari", PASSWORD).await.location(),
            "/",
            "{}",
            app.name()
        );
    }
}

/// A wrong code for kari's secret (the code of a step long past).
fn wrong_code(secret: &str) -> String {
    code_at(secret, -1000)
}

#[tokio::test]
async fn wrong_codes_lock_the_account_across_logins_until_an_administrator_unlocks_it() {
    // The in-memory throttle is set out of the way: the stored count must hold on its own.
    let config = gatelangs_web::WebConfig {
        max_failures_per_account: 1000,
        max_failures_per_address: 1000,
        ..gatelangs_web::WebConfig::default()
    };
    for app in common::each_app_with(config).await {
        let service = app.service("team-a", true).await;
        app.user(&service, "kari", Role::FieldWorker).await;
        let admin = app.user(&service, "ada", Role::Admin).await;
        let (secret, _, _) = enrol(&app).await;
        let limit = usize::try_from(gatelangs_app::users::SECOND_FACTOR_ATTEMPTS).unwrap();
        // A fresh login with the password after every two wrong codes does not start again.
        let mut token = String::new();
        for i in 0..limit {
            if i % 2 == 0 {
                token = app.login("kari", PASSWORD).await.session_cookie().unwrap();
            }
            let reply = app
                .post(
                    "/login/two-factor",
                    Some(&token),
                    &format!("code={}", wrong_code(&secret)),
                )
                .await;
            let expected = if i + 1 == limit { 423 } else { 401 };
            assert_eq!(reply.status, expected, "{} attempt {}", app.name(), i + 1);
        }
        // Locked: the right code does not help, nor does the password.
        assert_ne!(
            app.get("/", Some(&token)).await.status,
            200,
            "the session ended"
        );
        let login = app.login("kari", PASSWORD).await;
        assert_eq!(login.status, 423, "{}", app.name());
        assert!(login.body.contains("låst"), "{}", login.body);
        let codes = app.audit_codes().await;
        assert_eq!(
            codes
                .iter()
                .filter(|c| *c == "second_factor_locked")
                .count(),
            1,
            "{}",
            app.name()
        );

        // The administrator sees the lock and lifts it; the right code then works.
        let ada = app.session_for(&admin).await;
        let kari = app.count("SELECT COUNT(*) FROM users WHERE username = 'kari' AND second_factor_locked_at IS NOT NULL").await;
        assert_eq!(kari, 1);
        let mut conn = app.store().conn().await.unwrap();
        let kari = gatelangs_storage::users::find_by_username(&mut conn, "kari")
            .await
            .unwrap()
            .unwrap();
        drop(conn);
        let page = app
            .get(&format!("/admin/users/{}", kari.id), Some(&ada))
            .await;
        assert!(
            page.body.contains("Låst etter feil koder"),
            "{}",
            app.name()
        );
        let unlocked = app
            .post(&format!("/admin/users/{}/unlock", kari.id), Some(&ada), "")
            .await;
        assert_eq!(
            unlocked.location(),
            format!("/admin/users/{}?done=unlocked", kari.id)
        );
        let token = app.login("kari", PASSWORD).await.session_cookie().unwrap();
        let ok = app
            .post(
                "/login/two-factor",
                Some(&token),
                &format!("code={}", code_at(&secret, 1)),
            )
            .await;
        assert_eq!(ok.location(), "/", "{}: {}", app.name(), ok.body);
        assert!(
            app.audit_codes()
                .await
                .contains(&"second_factor_unlocked".to_owned())
        );
        // A right code starts the count again.
        assert_eq!(
            app.count("SELECT second_factor_failures FROM users WHERE username = 'kari'")
                .await,
            0
        );
    }
}

#[tokio::test]
async fn guesses_sent_in_parallel_are_each_counted_before_they_are_checked() {
    let config = gatelangs_web::WebConfig {
        max_failures_per_account: 1000,
        max_failures_per_address: 1000,
        ..gatelangs_web::WebConfig::default()
    };
    for app in common::each_app_with(config).await {
        let service = app.service("team-a", true).await;
        app.user(&service, "kari", Role::FieldWorker).await;
        let (secret, _, _) = enrol(&app).await;
        let token = app.login("kari", PASSWORD).await.session_cookie().unwrap();
        let form = format!("code={}", wrong_code(&secret));
        let guesses = (0..40).map(|_| app.post("/login/two-factor", Some(&token), &form));
        let replies = futures::future::join_all(guesses).await;
        let checked = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND detail LIKE 'second factor%'")
            .await;
        let limit = gatelangs_app::users::SECOND_FACTOR_ATTEMPTS;
        assert!(
            checked <= limit,
            "{}: {checked} codes were checked",
            app.name()
        );
        assert!(
            replies.iter().filter(|r| r.status == 423).count()
                >= 40 - usize::try_from(limit).unwrap()
        );
        assert_eq!(
            app.login("kari", PASSWORD).await.status,
            423,
            "{}",
            app.name()
        );
    }
}
