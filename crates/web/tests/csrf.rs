//! State-changing requests from another site are refused before any handler runs.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{PASSWORD, each_app};
use gatelangs_domain::Role;

fn post(path: &str, token: Option<&str>, extra: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(t) = token {
        req = req.header(header::COOKIE, format!("gl_session={t}"));
    }
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    req.body(Body::from(format!(
        "username=kari&password={PASSWORD}&lang=en"
    )))
    .unwrap()
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::Leader).await;
        let token = app.session_for(&user).await;
        let forged: [&[(&str, &str)]; 3] = [
            &[("sec-fetch-site", "cross-site")],
            &[("sec-fetch-site", "same-site")],
            &[("origin", "https://evil.example")],
        ];
        for headers in forged {
            for path in ["/logout", "/language", "/login"] {
                let reply = app.raw(post(path, Some(&token), headers)).await;
                assert_eq!(reply.status, 403, "{} {path} {headers:?}", app.name());
                assert!(reply.body.contains("Du har ikke tilgang"));
            }
        }
        // The session survived every forged logout, and the language did not change.
        let home = app.get("/", Some(&token)).await;
        assert_eq!(home.status, 200);
        assert!(home.body.contains("Logg ut"));

        let same_origin = app
            .raw(post(
                "/language",
                Some(&token),
                &[("origin", "http://127.0.0.1:8080")],
            ))
            .await;
        assert_eq!(same_origin.status, 303, "{}", app.name());
    }
}
