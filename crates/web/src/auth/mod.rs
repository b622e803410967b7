//! Who is asking: sessions, the authenticated [`Principal`], and the capabilities a role grants.

pub mod capabilities;
pub mod cookies;
pub mod password;
mod principal;
pub mod session_cache;
pub mod sso;
pub mod throttle;
pub mod totp;

pub use capabilities::{
    Administrator, AuditReader, Can, CatalogueEditor, FieldRecorder, ForPrincipal, GroupWorker,
    InquiryRecorder, PlaceEditor, ReportReader, ReportWriter, RotaPlanner, RotaReader,
    TimeRecorder,
};
pub use gatelangs_app::record_gate::{OpenRecord, YouthDesk, subject};
pub use principal::{ActiveSession, AnySession, AuthRejection, ClientAddr, Principal, Visitor};
