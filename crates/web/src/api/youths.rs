//! Youth-record operations over JSON. The same record gate as the pages: need-to-know access,
//! an audit entry per access, and no collaboration without a covering consent.

use crate::auth::ForPrincipal;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use gatelangs_domain::consent::Direction;
use gatelangs_domain::{CollaborationId, PersonalDataAccess, YouthId};
use gatelangs_storage::collaborations::{self, CollaborationError, NewCollaboration};
use gatelangs_storage::counterparts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiError;
use crate::auth::{Principal, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct CollaborationRequest {
    /// The day of the collaboration, `YYYY-MM-DD`.
    pub date: String,
    /// `incoming` (the service came to us) or `outgoing` (we referred or worked with it).
    pub direction: String,
    /// The counterpart service's code, e.g. `nav`.
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
        (status = 404, description = "No such youth in the service", body = ApiError),
        (status = 409, description = "No consent covers the service on the date; nothing was stored", body = ApiError)
    )
)]
pub async fn create_collaboration(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
    Json(request): Json<CollaborationRequest>,
) -> AppResult<(StatusCode, Json<CollaborationCreated>)> {
    let desk = YouthDesk::for_principal(&principal)?;
    let youth: YouthId = id.parse().map_err(|_| AppError::NotFound)?;
    let day: jiff::civil::Date = request
        .date
        .parse()
        .map_err(|_| AppError::BadRequest("youth-error-date"))?;
    let direction: Direction = request
        .direction
        .parse()
        .map_err(|_| AppError::BadRequest("inquiries-error-direction"))?;
    let (rec, mut tx) = desk
        .open(
            &state.store,
            youth,
            PersonalDataAccess::Change,
            "collaboration",
        )
        .await?;
    let counterpart = counterparts::find_by_code(&mut tx, rec.service(), &request.service)
        .await?
        .filter(|c| !c.archived)
        .ok_or(AppError::BadRequest("inquiries-error-service"))?;
    let id = CollaborationId::new();
    let new = NewCollaboration {
        id,
        youth,
        day,
        direction,
        counterpart: counterpart.id,
        what_shared: request.what_shared.as_deref(),
        note: request.note.as_deref(),
        recorded_by: Some(rec.user()),
    };
    let consent = collaborations::create(
        &mut tx,
        state.store.field_keys(),
        rec.service(),
        &new,
        gatelangs_storage::now(),
    )
    .await
    .map_err(|e| match e {
        CollaborationError::NotCovered => AppError::Conflict("collaboration-api-not-covered"),
        CollaborationError::Store(e) => e.into(),
    })?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(CollaborationCreated {
            id: id.as_uuid(),
            consent: consent.as_uuid(),
        }),
    ))
}
