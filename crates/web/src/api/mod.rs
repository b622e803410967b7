//! The JSON API under `/api/v1`, documented by an OpenAPI document generated from the handlers
//! (`/api/v1/openapi.json`). It uses the same session and the same authorization as the pages.

mod audit;
pub mod contacts;
mod groups;
mod me;
mod report;
mod whole_number;
mod youths;

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Gatelangs API",
        description = "Records and statistics for municipal outreach youth teams. Every call acts in the service of the logged-in user; personal data is only reached under the same rules as in the web interface, and every access is written to the audit log.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    modifiers(&SessionCookie),
    security(("session" = []))
)]
struct ApiDoc;

struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::cookies::SESSION,
            ))),
        );
    }
}

/// The error body of every API error.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiError {
    pub error: ApiErrorBody,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub status: u16,
    /// A short message in the user's language.
    pub message: String,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::me))
        .routes(routes!(audit::list))
        .routes(routes!(contacts::sync))
        .routes(routes!(contacts::list))
        .routes(routes!(groups::sync))
        .routes(routes!(report::annual))
        .routes(routes!(youths::create_collaboration))
}

/// Refuses a query parameter given with no value (`?to=`). The pages' filter forms send empty
/// fields for "any"; an API client that sends one has a bug, and the document says what a value
/// must look like.
pub(crate) fn no_empty_parameters(values: &[&Option<String>]) -> crate::error::AppResult<()> {
    if values
        .iter()
        .any(|v| v.as_deref().is_some_and(|v| v.trim().is_empty()))
    {
        return Err(crate::error::AppError::BadRequest("error-bad-request"));
    }
    Ok(())
}

/// The OpenAPI document, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    router().split_for_parts().1
}
