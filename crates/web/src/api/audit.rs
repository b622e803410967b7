//! `GET /api/v1/audit`: the service's audit log, for leaders.

use crate::auth::ForPrincipal;
use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::ApiError;
use crate::auth::{AuditReader, Principal};
use crate::error::{AppError, AppResult};
use crate::routes::audit_log::{AuditQuery, to_filter};
use crate::state::AppState;

#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only entries by this user (id).
    #[param(format = Uuid)]
    pub user: Option<String>,
    /// From this date (`YYYY-MM-DD`), in the service's time zone.
    #[param(format = Date)]
    pub from: Option<String>,
    /// Up to and including this date (`YYYY-MM-DD`).
    #[param(format = Date)]
    pub to: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryOut {
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub user: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

#[derive(Serialize, ToSchema)]
pub struct AuditLog {
    pub entries: Vec<AuditEntryOut>,
}

#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "audit",
    params(AuditParams),
    responses(
        (status = 200, description = "Newest entries first", body = AuditLog),
        (status = 400, description = "A bad date or user id", body = ApiError),
        (status = 401, description = "Not logged in", body = ApiError),
        (status = 403, description = "Not a leader", body = ApiError)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(params): Query<AuditParams>,
) -> AppResult<Json<AuditLog>> {
    let reader = AuditReader::for_principal(&principal)?;
    super::no_empty_parameters(&[&params.user, &params.from, &params.to])?;
    let q = AuditQuery {
        user: params.user,
        from: params.from,
        to: params.to,
    };
    let filter = to_filter(&q, &principal.tz()).map_err(AppError::BadRequest)?;
    let entries = reader
        .list(&state.store, &filter)
        .await?
        .into_iter()
        .map(|e| AuditEntryOut {
            seq: e.seq,
            at: jiff::Timestamp::from_second(e.at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            user: e.actor_username,
            action: e.action,
            subject: e.subject,
            detail: e.detail,
        })
        .collect();
    Ok(Json(AuditLog { entries }))
}
