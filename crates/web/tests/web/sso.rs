//! Single sign-on where no provider answers, and a callback this server did not start: the
//! login page says so, nobody is logged in, and the failure is in the audit log. The flow itself
//! runs against a real provider in `browser-tests/tests/sso.test.mjs`.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::each_app_with;
use gatelangs_web::WebConfig;
use gatelangs_web::auth::sso::SsoConfig;

fn config() -> WebConfig {
    WebConfig {
        sso: Some(SsoConfig {
            // Nothing listens on port 9 (discard) here.
            issuer: "http://127.0.0.1:9".into(),
            client_id: "gatelangs".into(),
            client_secret: "secret".into(),
            redirect_url: None,
            user_claim: "preferred_username".into(),
            accepted_acr: vec![],
        }),
        ..WebConfig::default()
    }
}

#[tokio::test]
async fn an_unreachable_provider_and_a_foreign_callback_log_nobody_in() {
    for app in each_app_with(config()).await {
        let name = app.name();
        let login = app.get("/login", None).await;
        assert!(
            login.body.contains("href=\"/login/sso\""),
            "{name}: the page offers single sign-on"
        );
        let start = app.get("/login/sso", None).await;
        assert_eq!(start.status, 502, "{name}");
        assert!(
            start.body.contains("Kommunens innlogging svarer ikke"),
            "{name}"
        );

        let before = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'")
            .await;
        let forged = app
            .get("/login/sso/callback?code=stolen&state=guessed", None)
            .await;
        assert_eq!(forged.status, 401, "{name}");
        assert!(forged.body.contains("ble ikke fullført"), "{name}");
        assert!(forged.session_cookie().is_none(), "{name}");
        let after = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'")
            .await;
        assert_eq!(after, before + 1, "{name}");

        // Forged answers count against the client address, like wrong passwords.
        let limit = WebConfig::default().max_failures_per_address;
        for _ in 1..limit {
            app.get("/login/sso/callback?code=x&state=y", None).await;
        }
        let blocked = app.get("/login/sso/callback?code=x&state=y", None).await;
        assert_eq!(blocked.status, 429, "{name}");
        assert_eq!(app.get("/login/sso", None).await.status, 429, "{name}");
    }
}

#[tokio::test]
async fn without_configuration_there_is_no_single_sign_on() {
    for app in common::each_app().await {
        assert!(!app.get("/login", None).await.body.contains("/login/sso"));
        assert_eq!(app.get("/login/sso", None).await.status, 404);
        assert_eq!(app.get("/login/sso/callback", None).await.status, 404);
    }
}
