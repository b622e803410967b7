//! Capabilities come from the use-case layer (`gatelangs_app::capabilities`); here a logged-in
//! [`Principal`] asks for one. The check itself lives in the app crate, so the web layer cannot
//! build a capability without passing it. See `docs/decisions/0007-authorization.md`.

pub use gatelangs_app::capabilities::{
    Administrator, AuditReader, CatalogueEditor, FieldRecorder, GroupWorker, InquiryRecorder,
    PlaceEditor, ReportReader, ReportWriter, RotaPlanner, RotaReader, TimeRecorder,
};
pub use gatelangs_app::record_gate::YouthDesk;

use super::Principal;
use crate::error::AppError;

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
