//! `GET /healthz`: the process is up and the database answers.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use crate::error::AppResult;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

async fn health(State(state): State<AppState>) -> AppResult<Json<serde_json::Value>> {
    state.store.ping().await?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}
