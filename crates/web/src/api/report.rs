//! `GET /api/v1/reports/annual`: the annual-report JSON of the contract, for the user's service.

use crate::auth::ForPrincipal;
use axum::Json;
use axum::extract::{Query, State};
use gatelangs_storage::services;
use serde::Deserialize;
use utoipa::IntoParams;

use super::ApiError;
use crate::auth::{Principal, ReportReader};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The calendar year in the service's time zone.
    #[param(minimum = 1900, maximum = 9999)]
    pub year: i32,
}

#[utoipa::path(
    get,
    path = "/api/v1/reports/annual",
    tag = "reports",
    params(YearQuery),
    responses(
        (status = 200, description = "The annual report (sections built so far), as in interchange.md", body = serde_json::Value),
        (status = 400, description = "No or a bad year", body = ApiError),
        (status = 401, description = "Not logged in", body = ApiError)
    )
)]
pub async fn annual(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<YearQuery>,
) -> AppResult<Json<gatelangs_report::AnnualReport>> {
    let reader = ReportReader::for_principal(&principal)?;
    if !gatelangs_report::valid_year(q.year) {
        return Err(AppError::BadRequest("report-bad-year"));
    }
    let mut conn = state.store.read_conn().await?;
    let service = services::get(&mut conn, reader.service()).await?;
    Ok(Json(
        gatelangs_report::build(&mut conn, &service, q.year).await?,
    ))
}
