//! Data bundles: a folder or a .zip of CSV files, or an .xlsx workbook with a sheet per file,
//! exactly as `interchange.md` describes.
//!
//! Import is atomic: every file is parsed and every row checked (against the bundle and the
//! database) inside one transaction, and nothing is committed unless there is no problem. Each
//! problem is reported as `FILE:LINE: COLUMN: message`, LINE being the line the row starts on.

mod bundle;
mod csv_file;
mod derived;
pub mod export;
mod export_groups;
mod export_sharing;
mod export_staffing;
mod export_youth;
pub mod import;
mod import_groups;
mod import_journal;
mod import_sharing;
mod import_staffing;
mod import_youth;
mod problem;
mod rows;
mod rows_groups;
mod rows_journal;
mod rows_sharing;
mod rows_staffing;
mod rows_youth;
mod workbook;

pub use bundle::{Bundle, Sheet, read_bundle, read_upload, read_zip};
pub use export::{ExportError, export, export_zip};
pub use import::{ImportError, ImportSummary, import};
pub use problem::Problem;

/// The files this version reads and writes, in the order they are applied.
pub const SUPPORTED_FILES: [&str; 17] = [
    "services.csv",
    "staff.csv",
    "places.csv",
    "contacts.csv",
    "youths.csv",
    "followups.csv",
    "journal.csv",
    "consents.csv",
    "collaborations.csv",
    "inquiries.csv",
    "child_welfare.csv",
    "groups.csv",
    "group_attendance.csv",
    "prevention.csv",
    "observations.csv",
    "staffing_plan.csv",
    "rota.csv",
];
