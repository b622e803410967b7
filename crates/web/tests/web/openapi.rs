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
