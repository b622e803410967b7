//! The bundle import and export tests, on SQLite and PostgreSQL.
//!
//! One test binary per crate, not one per file: each binary links the whole product (Typst
//! included), and a binary per file filled the CI machine's disk and spent minutes linking.
//! Every `.rs` file here must be a module below; `every_file_is_a_module` checks it.

mod erased_bundles;
mod group_bundles;
mod import_bundles;
mod journal_bundles;
mod sharing_bundles;
mod staffing_bundles;
mod workbook_bundles;
mod youth_bundles;

#[test]
fn every_file_is_a_module() {
    gatelangs_testkit::assert_every_test_file_is_a_module(
        env!("CARGO_MANIFEST_DIR"),
        "tests/bundles",
        include_str!("main.rs"),
    );
}
