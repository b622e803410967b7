//! The architecture rule that makes "every rule on every path" hold: outside this crate, no
//! adapter (web, import/export, the binary and its demo) calls a storage write of personal data
//! itself. ARCHITECTURE.md shows the same check as a `grep`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// Storage writes of personal data, as they are called (`module::function(`).
const WRITES: &[&str] = &[
    "journal::create(",
    "journal::update_draft(",
    "journal::sign(",
    "journal::correct(",
    "journal::delete(",
    "journal::set_withheld(",
    "journal::restore(",
    "assessments::create(",
    "conversations::create(",
    "consents::create(",
    "consents::withdraw(",
    "youths::create(",
    "youths::update(",
    "youths::set_contact_persons(",
    "youths::set_closed(",
    "record_access::grant_emergency(",
    "record_access::review_emergency(",
    "record_access::add_block(",
    "record_access::lift_block(",
    "facts::grant_emergency(",
    "facts::review_emergency(",
    "facts::add_block(",
    "facts::lift_block(",
    "collaborations::create(",
    "child_welfare::create(",
    "child_welfare::answer(",
    "users::create(",
    "users::create_with_id(",
    "groups::add_attendance(",
    "retention::erase(",
    "youths::create_shell(",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_adapter_writes_personal_data_past_the_use_cases() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for adapter in ["web", "interchange", "gatelangs"] {
        rust_files(&crates.join(adapter).join("src"), &mut files);
    }
    assert!(files.len() > 20, "the adapters' sources were not found");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains("gatelangs_app::") {
                continue;
            }
            if let Some(call) = WRITES.iter().find(|w| line.contains(*w)) {
                found.push(format!("{}:{}: {call}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "storage writes of personal data outside the app crate:\n{}",
        found.join("\n")
    );
}
