//! Who is asking: sessions, the authenticated [`Principal`], and the capabilities a role grants.

pub mod capabilities;
pub mod cookies;
pub mod password;
mod principal;
pub mod record_gate;
pub mod session_cache;
pub mod throttle;
pub mod totp;

pub use capabilities::{
    Administrator, AuditReader, CatalogueEditor, FieldRecorder, InquiryRecorder, PlaceEditor,
    ReportReader,
};
pub use principal::{ActiveSession, AnySession, AuthRejection, ClientAddr, Principal, Visitor};
pub use record_gate::{OpenRecord, YouthDesk};
