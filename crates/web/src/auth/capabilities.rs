//! Capabilities come from the use-case layer (`gatelangs_app::capabilities`); here a logged-in
//! [`Principal`] asks for one. The check itself lives in the app crate, so the web layer cannot
//! build a capability without passing it. See `docs/decisions/0007-authorization.md`.

pub use gatelangs_app::capabilities::{
    Administrator, AuditReader, CatalogueEditor, FieldRecorder, GroupWorker, InquiryRecorder,
    PlaceEditor, ReportReader, ReportWriter, RotaPlanner, RotaReader, TimeRecorder,
};
pub use gatelangs_app::record_gate::YouthDesk;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use super::Principal;
use crate::error::AppError;
use crate::state::AppState;

/// Asks for a capability as the logged-in user.
pub trait ForPrincipal: Sized {
    fn for_principal(principal: &Principal) -> Result<Self, AppError>;
}

macro_rules! for_principal {
    ($($name:ident),*) => {$(
        impl ForPrincipal for $name {
            fn for_principal(principal: &Principal) -> Result<Self, AppError> {
                Ok($name::for_actor(&principal.actor())?)
            }
        }
    )*};
}

for_principal!(
    Administrator,
    AuditReader,
    CatalogueEditor,
    FieldRecorder,
    GroupWorker,
    InquiryRecorder,
    PlaceEditor,
    ReportReader,
    ReportWriter,
    RotaPlanner,
    RotaReader,
    TimeRecorder,
    YouthDesk
);

/// The logged-in user and capability `C`, as an extractor. Listed before the body in a handler's
/// arguments, it refuses a user without the capability before the body is read, so a refused
/// user gets 403 (not a 400 about their form) and an upload of theirs is never parsed.
pub struct Can<C>(pub Principal, pub C);

impl<C: ForPrincipal> FromRequestParts<AppState> for Can<C> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let principal = Principal::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let capability = C::for_principal(&principal).map_err(IntoResponse::into_response)?;
        Ok(Can(principal, capability))
    }
}
