//! The web crate's tests: every page and API route, through the real router, on SQLite and PostgreSQL.
//!
//! One test binary per crate, not one per file: each binary links the whole product (Typst
//! included), and a binary per file filled the CI machine's disk and spent minutes linking.
//! Every `.rs` file here must be a module below; `every_file_is_a_module` checks it.

mod audit_page;
mod common;
mod contact_persons;
mod csrf;
mod entry_blocks;
mod errors;
mod field_work;
mod groups;
mod import_upload;
mod login;
mod openapi;
mod presence;
mod report_texts;
mod retention;
mod route_matrix;
mod setup;
mod sso;
mod staffing;
mod tenant_wall;
mod time_use;
mod two_factor;
mod user_admin;
mod youth_access;
mod youth_journal;
mod youth_sharing;

#[test]
fn every_file_is_a_module() {
    gatelangs_testkit::assert_every_test_file_is_a_module(
        env!("CARGO_MANIFEST_DIR"),
        "tests/web",
        include_str!("main.rs"),
    );
}
