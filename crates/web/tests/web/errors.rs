//! Malformed requests get a 4xx with a clear message in the user's language, never a 500 and
//! never internal text; every response carries the security headers.

#![allow(clippy::unwrap_used)]

use crate::common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{TestApp, each_app};
use gatelangs_domain::Role;

async fn leader(app: &TestApp) -> String {
    let service = app.service("team-a", false).await;
    let user = app.user(&service, "lise", Role::Leader).await;
    app.session_for(&user).await
}

fn request(
    method: &str,
    path: &str,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
    lang: &str,
) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::COOKIE, format!("gl_session={token}"))
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn bad_requests_get_clear_messages_not_server_errors() {
    for app in each_app().await {
        let token = leader(&app).await;
        let form = "application/x-www-form-urlencoded";
        let cases: Vec<(Request<Body>, u16, &str)> = vec![
            (
                request("POST", "/login", &token, form, b"username=x".to_vec(), "nb"),
                400,
                "Skjemaet mangler felt",
            ),
            (
                request(
                    "POST",
                    "/login",
                    &token,
                    "application/json",
                    b"{}".to_vec(),
                    "nb",
                ),
                415,
                "Feil innholdstype",
            ),
            (
                request(
                    "POST",
                    "/login",
                    &token,
                    form,
                    vec![b'a'; 3 * 1024 * 1024],
                    "nb",
                ),
                413,
                "for stor",
            ),
            (
                request("GET", "/audit?user=not-an-id", &token, form, vec![], "nb"),
                400,
                "ikke gyldig",
            ),
            (
                request("GET", "/audit?from=31.02.2026", &token, form, vec![], "nb"),
                400,
                "26.11.2026",
            ),
            (
                request("GET", "/no/such/page", &token, form, vec![], "nb"),
                404,
                "finnes ikke",
            ),
            (
                request("DELETE", "/login", &token, form, vec![], "nb"),
                405,
                "ikke tillatt",
            ),
            (
                request("GET", "/setup/unknown-token", &token, form, vec![], "nb"),
                400,
                "ugyldig",
            ),
            (
                request("GET", "/no/such/page", &token, form, vec![], "en-GB,en"),
                404,
                "does not exist",
            ),
            (
                request("GET", "/api/v1/audit?user=x", &token, form, vec![], "en"),
                400,
                "\"status\":400",
            ),
            (
                request("GET", "/api/v1/nothing", &token, form, vec![], "en"),
                404,
                "does not exist",
            ),
            // Numbers at the limits: a clear 400, never an overflow or a 500.
            (
                request(
                    "GET",
                    "/youths?page=9223372036854775807",
                    &token,
                    form,
                    vec![],
                    "nb",
                ),
                400,
                "Skjemaet",
            ),
            (
                request(
                    "GET",
                    "/api/v1/reports/annual?year=-2147483648",
                    &token,
                    form,
                    vec![],
                    "en",
                ),
                400,
                "\"status\":400",
            ),
            (
                request("GET", "/report?year=2147483647", &token, form, vec![], "nb"),
                400,
                "Skriv et årstall",
            ),
        ];
        for (req, status, text) in cases {
            let what = format!("{} {} {}", app.name(), req.method(), req.uri());
            let reply = app.raw(req).await;
            assert_eq!(reply.status.as_u16(), status, "{what}: {}", reply.body);
            assert!(
                reply.body.contains(text),
                "{what}: {text:?} not in {}",
                reply.body
            );
            for leak in ["sqlx", "Failed to deserialize", "axum", "panicked"] {
                assert!(!reply.body.contains(leak), "{what} leaks {leak}");
            }
        }
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for app in each_app().await {
        for path in [
            "/login",
            "/no/such/page",
            "/assets/app.css",
            "/healthz",
            "/api/v1/openapi.json",
        ] {
            let reply = app.get(path, None).await;
            let csp = reply
                .headers
                .get(header::CONTENT_SECURITY_POLICY)
                .unwrap()
                .to_str()
                .unwrap();
            assert!(
                csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
                "{path}"
            );
            assert!(!csp.contains("unsafe-inline"), "{path}");
            assert_eq!(
                reply.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
                "nosniff"
            );
            assert_eq!(
                reply.headers.get(header::REFERRER_POLICY).unwrap(),
                "no-referrer"
            );
        }
        assert_eq!(
            app.get("/healthz", None).await.body,
            r#"{"status":"ok"}"#,
            "{}",
            app.name()
        );
    }
}
