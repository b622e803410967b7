//! The OpenAPI document is generated from the handlers; a snapshot makes every change to the
//! public API visible in review.

#![allow(clippy::unwrap_used)]

use crate::common;

#[test]
fn the_openapi_document_is_stable() {
    let doc = serde_json::to_value(gatelangs_web::api::openapi()).unwrap();
    assert_eq!(doc["info"]["license"]["identifier"], "AGPL-3.0-or-later");
    insta::assert_json_snapshot!(doc);
}

#[tokio::test]
async fn the_document_is_served() {
    let app = common::app_for(gatelangs_testkit::sqlite().await, Default::default());
    let reply = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(reply.status, 200);
    let served: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        served,
        serde_json::to_value(gatelangs_web::api::openapi()).unwrap()
    );
}

/// A path parameter must be in the path's template, and everything else a handler reads from the
/// URL is a query parameter: the document once put `year` of `/api/v1/reports/annual` in the
/// path, so every generated client sent it where the server never looked.
#[test]
fn every_parameter_is_where_the_handler_reads_it() {
    let doc = serde_json::to_value(gatelangs_web::api::openapi()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for param in op["parameters"].as_array().into_iter().flatten() {
                let name = param["name"].as_str().unwrap();
                let placed = param["in"].as_str().unwrap();
                let in_template = path.contains(&format!("{{{name}}}"));
                assert_eq!(
                    placed == "path",
                    in_template,
                    "{method} {path}: `{name}` is documented in {placed}"
                );
            }
        }
    }
}

/// What the fuzz run (`scripts/api-fuzz`) found, kept as plain tests on both backends.
#[tokio::test]
async fn requests_are_refused_or_accepted_as_the_document_says() {
    use gatelangs_domain::Role;
    use serde_json::json;
    for app in common::each_app().await {
        let service = app.service("team", false).await;
        let leader = app.user(&service, "leader", Role::Leader).await;
        let token = app.session_for(&leader).await;
        let name = app.name();
        // An empty value is not a date or an id: 400, not "no filter".
        for path in [
            "/api/v1/audit?user=",
            "/api/v1/audit?from=",
            "/api/v1/contacts?to=",
            "/api/v1/reports/annual",
            "/api/v1/reports/annual?year=10000",
        ] {
            let reply = app.get(path, Some(&token)).await;
            assert_eq!(reply.status, 400, "{name} {path}");
        }
        let reply = app
            .get("/api/v1/reports/annual?year=2024", Some(&token))
            .await;
        assert_eq!(reply.status, 200, "{name}");
        // JSON's 3.0 is the integer 3, as the schema's `integer` allows.
        let call = json!({"roll_calls": [{"id": uuid::Uuid::new_v4(), "group": uuid::Uuid::new_v4(), "date": "2024-05-01", "others": 3.0}]});
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", Some(&token), call)
            .await;
        assert_eq!(reply.status, 200, "{name}: {}", reply.body);
        assert!(reply.body.contains("\"rejected\""), "{}", reply.body);
        let call = json!({"roll_calls": [{"id": uuid::Uuid::new_v4(), "group": uuid::Uuid::new_v4(), "date": "2024-05-01", "others": 3.5}]});
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", Some(&token), call)
            .await;
        assert_eq!(reply.status, 422, "{name}: {}", reply.body);
        // A body that is not JSON: 415, a documented answer.
        let reply = app
            .post("/api/v1/contacts/sync", Some(&token), "ops=1")
            .await;
        assert_eq!(reply.status, 415, "{name}");
        let doc = serde_json::to_value(gatelangs_web::api::openapi()).unwrap();
        assert!(doc["paths"]["/api/v1/contacts/sync"]["post"]["responses"]["415"].is_object());
    }
}
