//! `GET /healthz`: the process is up and the database answers.

use crate::routes::table::Routes;
use axum::Json;
use axum::extract::State;
use axum::routing::get;

use crate::error::AppResult;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new().get("/healthz", get(health))
}

async fn health(State(state): State<AppState>) -> AppResult<Json<serde_json::Value>> {
    state.store.ping().await?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}
