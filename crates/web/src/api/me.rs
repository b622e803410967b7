//! `GET /api/v1/me`: who is logged in, in which service.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::ApiError;
use crate::auth::Principal;

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub username: String,
    pub name: String,
    /// `field_worker`, `leader`, `admin` or `analyst`.
    pub role: String,
    /// `nb` or `en`.
    pub language: String,
    pub two_factor: bool,
    pub service: ServiceInfo,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceInfo {
    pub slug: String,
    pub name: String,
    pub time_zone: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    responses(
        (status = 200, description = "The logged-in user", body = Me),
        (status = 401, description = "Not logged in", body = ApiError)
    )
)]
pub async fn me(principal: Principal) -> Json<Me> {
    let service = principal.service();
    Json(Me {
        username: principal.username().to_owned(),
        name: principal.name().to_owned(),
        role: principal.role().as_str().to_owned(),
        language: principal.lang().code().to_owned(),
        two_factor: principal.has_two_factor(),
        service: ServiceInfo {
            slug: service.slug.clone(),
            name: service.name.clone(),
            time_zone: service.time_zone.clone(),
        },
    })
}
