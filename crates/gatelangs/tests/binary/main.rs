//! The gatelangs binary's tests: the command line, backup and restore, the demo and the report documents.
//!
//! One test binary per crate, not one per file: each binary links the whole product (Typst
//! included), and a binary per file filled the CI machine's disk and spent minutes linking.
//! Every `.rs` file here must be a module below; `every_file_is_a_module` checks it.

mod backup;
mod cli;
mod common;
mod demo_report;
mod report_documents;

#[test]
fn every_file_is_a_module() {
    gatelangs_testkit::assert_every_test_file_is_a_module(
        env!("CARGO_MANIFEST_DIR"),
        "tests/binary",
        include_str!("main.rs"),
    );
}
