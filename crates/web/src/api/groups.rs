//! The roll-call's sync endpoint: roll-calls a phone queued (also offline), each with an id the
//! phone made, sent in order. Each is stored in its own transaction through the same use case as
//! the form, so the same rules hold: only youths the worker may see, nothing counted twice.

use axum::Json;
use axum::extract::State;
use gatelangs_app::groups::{self as groups_app, Session};
use gatelangs_domain::time::parse_date;
use gatelangs_domain::{GroupId, YouthId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiError;
use crate::auth::{Can, ForPrincipal, GroupWorker, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One roll-call of a session, as the phone queued it.
#[derive(Deserialize, ToSchema)]
pub struct RollCall {
    /// Made by the phone: the same roll-call sent again stores nothing.
    pub id: uuid::Uuid,
    pub group: uuid::Uuid,
    /// The session's day: `26.11.2026` or `2026-11-26`.
    pub date: String,
    /// Named youths ticked (only those the worker may see).
    #[serde(default)]
    pub youths: Vec<uuid::Uuid>,
    /// Nicknames or gamer tags of anonymous participants.
    #[serde(default)]
    pub pseudonyms: Vec<String>,
    /// How many others took part; absent keeps the session's recorded count.
    #[serde(default, deserialize_with = "super::whole_number::option_u32")]
    #[schema(format = Int64, minimum = 0, maximum = 4294967295_u64)]
    pub others: Option<u32>,
}

#[derive(Deserialize, ToSchema)]
pub struct RollCallSyncRequest {
    #[schema(max_items = 100)]
    pub roll_calls: Vec<RollCall>,
}

#[derive(Serialize, ToSchema)]
pub struct RollCallResult {
    pub id: uuid::Uuid,
    /// `stored`, `already_stored` or `rejected`.
    pub status: String,
    /// Attendances written by this roll-call (0 when already stored or rejected).
    pub written: usize,
    /// Why it was rejected, in the user's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RollCallSyncResponse {
    pub results: Vec<RollCallResult>,
}

const MAX_ROLL_CALLS: usize = 100;

#[utoipa::path(
    post,
    path = "/api/v1/groups/roll-calls/sync",
    tag = "groups",
    request_body = RollCallSyncRequest,
    responses(
        (status = 200, description = "One result per roll-call, in order", body = RollCallSyncResponse),
        (status = 400, description = "Not a sync request, or more than 100 roll-calls", body = ApiError),
        (status = 401, description = "Not logged in: keep the queue and send it after login", body = ApiError),
        (status = 403, description = "The role keeps no groups", body = ApiError),
        (status = 413, description = "The body is larger than the server takes", body = ApiError),
        (status = 415, description = "The body is not sent as `application/json`", body = ApiError),
        (status = 422, description = "JSON, but not in the shape of the request schema", body = ApiError)
    )
)]
pub async fn sync(
    State(state): State<AppState>,
    Can(principal, _): Can<GroupWorker>,
    Json(request): Json<RollCallSyncRequest>,
) -> AppResult<Json<RollCallSyncResponse>> {
    let desk = YouthDesk::for_principal(&principal)?;
    if request.roll_calls.len() > MAX_ROLL_CALLS {
        return Err(AppError::BadRequest("groups-too-many"));
    }
    let tr = principal.tr();
    let mut results = Vec::with_capacity(request.roll_calls.len());
    for call in request.roll_calls {
        let id = call.id;
        let outcome = match parse_date(&call.date) {
            None => Err(gatelangs_app::Error::Invalid("youth-error-date")),
            Some(day) => {
                let session = Session {
                    group: GroupId::from_uuid(call.group),
                    day,
                    youths: call.youths.into_iter().map(YouthId::from_uuid).collect(),
                    pseudonyms: call.pseudonyms,
                    others: call.others,
                    receipt: Some(id),
                };
                groups_app::record_session(&state.store, &desk, session).await
            }
        };
        results.push(match outcome {
            Ok(r) => RollCallResult {
                id,
                status: if r.repeated {
                    "already_stored"
                } else {
                    "stored"
                }
                .into(),
                written: r.written,
                message: None,
            },
            Err(gatelangs_app::Error::Store(e)) => return Err(e.into()),
            Err(e) => RollCallResult {
                id,
                status: "rejected".into(),
                written: 0,
                message: e.key().map(|k| tr.t(k)),
            },
        });
    }
    Ok(Json(RollCallSyncResponse { results }))
}
