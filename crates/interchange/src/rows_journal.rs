//! Typed rows of `journal.csv`: one row per version of a journal entry (a contract addition,
//! see `docs/interchange-additions.md`).

use gatelangs_domain::journal_history::EntryKind;
use gatelangs_domain::{ConversationId, EntryId};

use crate::Problem;
use crate::csv_file;
use crate::rows::{Cells, code, id, text};

pub struct JournalRow {
    pub line: u64,
    pub entry: EntryId,
    pub version: i64,
    pub youth_ref: String,
    pub kind: EntryKind,
    pub helped_at: i64,
    pub author: String,
    pub written_at: i64,
    pub signed_at: Option<i64>,
    pub reason: Option<String>,
    pub followup: Option<ConversationId>,
    pub withheld_reason: Option<String>,
    pub text: String,
}

/// An exact instant: RFC 3339 with an offset, as the export writes it.
fn instant(v: &str) -> Result<i64, String> {
    v.parse::<jiff::Timestamp>()
        .map(|t| t.as_second())
        .map_err(|_| {
            format!("{v:?} is not a date and time with its offset, like 2024-03-15T18:30:00+01:00")
        })
}

fn version(v: &str) -> Result<i64, String> {
    v.parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("{v:?} is not a version number (1, 2, …)"))
}

pub fn journal(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<JournalRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &[
            "entry",
            "version",
            "youth_ref",
            "kind",
            "helped_at",
            "author",
            "written_at",
            "text",
        ],
        &["signed_at", "reason", "followup", "withheld_reason"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let entry = c.required("entry", id);
        let version = c.required("version", version);
        let youth_ref = c.required("youth_ref", text);
        let kind = c.required("kind", code);
        let helped_at = c.required("helped_at", instant);
        let author = c.required("author", |v| Ok(v.to_owned()));
        let written_at = c.required("written_at", instant);
        let body = c.required("text", |v| Ok(v.to_owned()));
        let signed_at = c.optional("signed_at", instant);
        let reason = c.optional("reason", |v| Ok(v.to_owned()));
        let followup = c.optional("followup", id);
        let withheld_reason = c.optional("withheld_reason", |v| Ok(v.to_owned()));
        if let (
            Some(entry),
            Some(version),
            Some(youth_ref),
            Some(kind),
            Some(helped_at),
            Some(author),
            Some(written_at),
            Some(body),
            Some(signed_at),
            Some(reason),
            Some(followup),
            Some(withheld_reason),
            false,
        ) = (
            entry,
            version,
            youth_ref,
            kind,
            helped_at,
            author,
            written_at,
            body,
            signed_at,
            reason,
            followup,
            withheld_reason,
            c.failed,
        ) {
            out.push(JournalRow {
                line: row.line,
                entry,
                version,
                youth_ref,
                kind,
                helped_at,
                author,
                written_at,
                signed_at,
                reason,
                followup,
                withheld_reason,
                text: body,
            });
        }
    }
    out
}
