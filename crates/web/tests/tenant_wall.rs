//! No route, as any role, returns or changes another service's data.
//!
//! Two services with users and log entries; every page and every API path (read from the
//! OpenAPI document, so new API routes are covered without editing this test) is requested by
//! every role of service A, also with B's ids in the query. Nothing of B may show, and B's data
//! must be unchanged afterwards.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::Method;
use common::each_app;
use gatelangs_domain::Role;

/// Pages of the web interface, with `{other_user}` standing for an id from the other service.
const PAGES: &[&str] = &[
    "/",
    "/audit",
    "/audit?user={other_user}",
    "/account/two-factor",
    "/login",
    "/healthz",
];

const POSTS: &[(&str, &str)] = &[("/language", "lang=en&next=%2F")];

fn api_paths() -> Vec<String> {
    let doc = serde_json::to_value(gatelangs_web::api::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(!paths.is_empty());
    let mut out = vec![];
    for (path, item) in paths {
        assert!(
            item.as_object()
                .unwrap()
                .keys()
                .all(|m| m == "get" || m == "parameters"),
            "{path}: a new API method needs a tenant-wall case here"
        );
        out.push(path.clone());
        out.push(format!("{path}?user={{other_user}}"));
    }
    out
}

#[tokio::test]
async fn nothing_crosses_from_one_service_to_another() {
    for app in each_app().await {
        let a = app.service("team-a", false).await;
        let b = app.service("team-b", false).await;
        let mut a_users = vec![];
        for role in Role::ALL {
            a_users.push(
                app.user(&a, &format!("a-{}", role.as_str().replace('_', "-")), role)
                    .await,
            );
        }
        let b_leader = app.user(&b, "secret-b-leader", Role::Leader).await;
        let b_worker = app.user(&b, "secret-b-worker", Role::FieldWorker).await;
        // B's own activity puts entries in B's log.
        let b_token = app.session_for(&b_leader).await;
        app.post("/language", Some(&b_token), "lang=en&next=%2F")
            .await;
        let b_log_before = app.get("/api/v1/audit", Some(&b_token)).await.body;
        assert!(b_log_before.contains("secret-b-leader"));

        let mut targets: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
        targets.extend(api_paths());
        for user in &a_users {
            let token = app.session_for(user).await;
            for target in &targets {
                let path = target.replace("{other_user}", &b_worker.id.to_string());
                let reply = app.get(&path, Some(&token)).await;
                assert!(
                    reply.status.as_u16() < 500,
                    "{} {path}: {}",
                    app.name(),
                    reply.status
                );
                for secret in ["secret-b", "Team team-b", &b_worker.id.to_string()] {
                    if path.contains(secret) {
                        continue;
                    }
                    assert!(
                        !reply.body.contains(secret),
                        "{} as {:?} saw {secret} at {path}",
                        app.name(),
                        user.role
                    );
                }
            }
            for (path, form) in POSTS {
                app.send(Method::POST, path, Some(&token), Some(form)).await;
            }
        }
        // B's users and log are as they were.
        let b_log_after = app.get("/api/v1/audit", Some(&b_token)).await.body;
        assert_eq!(b_log_before, b_log_after, "{}", app.name());
        let mut conn = app.store().conn().await.unwrap();
        let b_users = gatelangs_storage::users::list(&mut conn, b.id)
            .await
            .unwrap();
        assert_eq!(b_users.len(), 2);
        assert!(
            b_users
                .iter()
                .all(|u| u.language != "en" || u.id == b_leader.id)
        );
    }
}

#[tokio::test]
async fn a_leader_sees_only_their_own_services_log() {
    for app in each_app().await {
        let a = app.service("team-a", false).await;
        let b = app.service("team-b", false).await;
        let a_leader = app.user(&a, "a-leader", Role::Leader).await;
        app.user(&b, "b-someone", Role::FieldWorker).await;
        let token = app.session_for(&a_leader).await;
        let page = app.get("/audit", Some(&token)).await;
        assert_eq!(page.status, 200, "{}", app.name());
        assert!(page.body.contains("user:a-leader"));
        assert!(!page.body.contains("b-someone"));
    }
}
