//! Youth-record operations over JSON. The same record gate as the pages: need-to-know access,
//! an audit entry per access, and no collaboration without a covering consent.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use gatelangs_app::sharing;
use gatelangs_domain::YouthId;
use gatelangs_domain::consent::Direction;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiError;
use crate::auth::{Can, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct CollaborationRequest {
    /// The day of the collaboration, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    /// `incoming` (the service came to us) or `outgoing` (we referred or worked with it).
    #[schema(pattern = "^(incoming|outgoing)$")]
    pub direction: String,
    /// The counterpart service's code, e.g. `nav`.
    #[schema(pattern = "^[a-z0-9_]{1,50}$")]
    pub service: String,
    #[serde(default)]
    pub what_shared: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CollaborationCreated {
    pub id: uuid::Uuid,
    /// The consent that covers the collaboration.
    pub consent: uuid::Uuid,
}

#[utoipa::path(
    post,
    path = "/api/v1/youths/{id}/collaborations",
    tag = "youths",
    params(("id" = uuid::Uuid, Path, description = "The youth")),
    request_body = CollaborationRequest,
    responses(
        (status = 201, description = "Stored under the consent that covers it", body = CollaborationCreated),
        (status = 400, description = "A bad date, direction or service", body = ApiError),
        (status = 401, description = "Not logged in", body = ApiError),
        (status = 403, description = "No access to this youth's record", body = ApiError),
        (status = 404, description = "No such youth in the service, or no counterpart service with this code in its catalogue", body = ApiError),
        (status = 409, description = "No consent covers the service on the date; nothing was stored", body = ApiError),
        (status = 413, description = "The body is larger than the server takes", body = ApiError),
        (status = 415, description = "The body is not sent as `application/json`", body = ApiError),
        (status = 422, description = "JSON, but not in the shape of the request schema", body = ApiError)
    )
)]
pub async fn create_collaboration(
    State(state): State<AppState>,
    Can(_principal, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Json(request): Json<CollaborationRequest>,
) -> AppResult<(StatusCode, Json<CollaborationCreated>)> {
    let youth: YouthId = id.parse().map_err(|_| AppError::NotFound)?;
    let day: jiff::civil::Date = request
        .date
        .parse()
        .map_err(|_| AppError::BadRequest("youth-error-date"))?;
    let direction: Direction = request
        .direction
        .parse()
        .map_err(|_| AppError::BadRequest("inquiries-error-direction"))?;
    let input = sharing::CollaborationInput {
        day,
        direction,
        counterpart_code: request.service.clone(),
        what_shared: request.what_shared.clone(),
        note: request.note.clone(),
    };
    let (id, consent) = sharing::record_collaboration(&state.store, &desk, youth, input)
        .await
        .map_err(|e| match e {
            // The API names the rule in its own words (the page shows the counterpart's name).
            gatelangs_app::Error::Conflict(sharing::NOT_COVERED) => {
                AppError::Conflict("collaboration-api-not-covered")
            }
            // A well-formed code that the service's catalogue does not have: a missing thing,
            // not a malformed request.
            gatelangs_app::Error::Invalid(sharing::UNKNOWN_COUNTERPART) => AppError::NotFound,
            e => e.into(),
        })?;
    Ok((
        StatusCode::CREATED,
        Json(CollaborationCreated {
            id: id.as_uuid(),
            consent: consent.as_uuid(),
        }),
    ))
}
