//! Importing `journal.csv`: every entry with its whole history (versions, reasons, authors,
//! written and signed instants, drafts, withholding), checked with the rest of the bundle and
//! written in the same transaction through `gatelangs_app::journal_transfer`.
//!
//! A follow-up whose entry `journal.csv` brings does not get a second entry from the `note` of
//! `followups.csv`; that note must then be the entry's latest text.

use std::collections::{BTreeMap, HashMap, HashSet};

use gatelangs_app::journal_transfer;
use gatelangs_domain::journal_history::check_history;
use gatelangs_domain::{ConversationId, EntryId, UserId, YouthId};
use gatelangs_storage::ids::{self, Table};
use gatelangs_storage::journal::{self, Entry, RestoredEntry, RestoredVersion};
use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, Store, StoreError, conversations, users, youths};

use gatelangs_app::record_gate::log_imported;

use crate::Problem;
use crate::import::ImportError;
use crate::import_youth::{KnownStaff, YouthPlan};
use crate::rows_journal::JournalRow;

const F: &str = "journal.csv";

#[derive(Default)]
pub(crate) struct JournalPlan {
    /// New entries, each as its rows in version order.
    pub entries: Vec<Vec<JournalRow>>,
    pub unchanged: usize,
}

impl JournalPlan {
    /// The latest text of the entry each follow-up gets from this file.
    fn notes_by_followup(&self) -> HashMap<ConversationId, (&str, u64)> {
        self.entries
            .iter()
            .filter_map(|rows| {
                let last = rows.last()?;
                Some((last.followup?, (last.text.as_str(), last.line)))
            })
            .collect()
    }
}

/// The facts every row of one entry repeats; they must agree.
fn entry_facts(r: &JournalRow) -> [(&'static str, String); 5] {
    [
        ("youth_ref", r.youth_ref.clone()),
        ("kind", r.kind.to_string()),
        ("helped_at", r.helped_at.to_string()),
        (
            "followup",
            r.followup.map(|f| f.to_string()).unwrap_or_default(),
        ),
        (
            "withheld_reason",
            r.withheld_reason.clone().unwrap_or_default(),
        ),
    ]
}

/// Whether a stored entry is exactly what the rows bring.
fn same_history(
    stored: &Entry,
    youth: YouthId,
    rows: &[JournalRow],
    names: &HashMap<UserId, String>,
) -> bool {
    let Some(first) = rows.first() else {
        return false;
    };
    stored.youth == youth
        && stored.kind == first.kind.as_str()
        && stored.helped_at == first.helped_at
        && stored.conversation == first.followup
        && stored.withheld_reason == first.withheld_reason
        && stored.versions.len() == rows.len()
        && stored.versions.iter().zip(rows).all(|(v, r)| {
            names.get(&v.author) == Some(&r.author)
                && v.body == r.text
                && v.reason == r.reason
                && v.written_at == r.written_at
                && v.signed_at == r.signed_at
        })
}

#[allow(clippy::too_many_arguments)] // the bundle's shared state, as the other checks take it
pub(crate) async fn check(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    rows: Vec<JournalRow>,
    staff: &KnownStaff,
    youth_plan: &YouthPlan,
    plan: &mut JournalPlan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    let mut fail = |line: u64, column: &str, message: String| {
        problems.push(Problem::new(F, line, column, message));
    };
    // The youths and follow-ups rows may name: those of this bundle and those stored.
    let youths_in_file: HashSet<&str> = youth_plan
        .youths
        .iter()
        .map(|(r, _)| r.reference.as_str())
        .collect();
    let followups_in_file: HashMap<ConversationId, &str> = youth_plan
        .followups
        .iter()
        .map(|(r, id)| (*id, r.youth_ref.as_str()))
        .collect();
    let names: HashMap<UserId, String> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let mut by_entry: BTreeMap<EntryId, Vec<JournalRow>> = BTreeMap::new();
    for row in rows {
        by_entry.entry(row.entry).or_default().push(row);
    }
    for (entry, mut rows) in by_entry {
        rows.sort_by_key(|r| (r.version, r.line));
        let mut ok = true;
        let first = &rows[0];
        let mut twice = false;
        for pair in rows.windows(2) {
            if pair[0].version == pair[1].version {
                fail(
                    pair[1].line,
                    "version",
                    format!("version {} of entry {entry} appears twice", pair[1].version),
                );
                twice = true;
            }
        }
        ok &= !twice;
        for r in &rows[1..] {
            for ((column, want), (_, got)) in entry_facts(first).into_iter().zip(entry_facts(r)) {
                if want != got {
                    fail(
                        r.line,
                        column,
                        format!(
                            "differs from the entry's version {} (line {}); an entry's rows repeat the same {column}",
                            first.version, first.line
                        ),
                    );
                    ok = false;
                }
            }
        }
        for r in &rows {
            match staff.get(&r.author) {
                None => {
                    fail(
                        r.line,
                        "author",
                        format!(
                            "unknown staff {:?} (not in staff.csv or the service)",
                            r.author
                        ),
                    );
                    ok = false;
                }
                Some((role, _)) if !role.may_write_journal() => {
                    fail(
                        r.line,
                        "author",
                        format!("{} is {role} and cannot write in the journal", r.author),
                    );
                    ok = false;
                }
                Some(_) => {}
            }
        }
        if youth_plan.is_stored_shell(&first.youth_ref)
            || youth_plan
                .shells
                .iter()
                .any(|(r, _)| r.reference == first.youth_ref)
        {
            fail(
                first.line,
                "youth_ref",
                crate::import_youth::erased_message(&first.youth_ref),
            );
            continue;
        }
        let youth_known = youths_in_file.contains(first.youth_ref.as_str())
            || youths::id_by_ref(conn, service.id, &first.youth_ref)
                .await?
                .is_some();
        if !youth_known {
            fail(
                first.line,
                "youth_ref",
                format!(
                    "unknown youth {:?} (not in youths.csv or the service)",
                    first.youth_ref
                ),
            );
            ok = false;
        }
        if let Some(followup) = first.followup {
            let youth_of_followup = match followups_in_file.get(&followup) {
                Some(r) => Some((*r).to_owned()),
                None => conversations::get(conn, service.id, followup)
                    .await?
                    .map(|c| c.youth_ref),
            };
            match youth_of_followup {
                None => {
                    fail(
                        first.line,
                        "followup",
                        format!(
                            "unknown follow-up {followup} (not in followups.csv or the service)"
                        ),
                    );
                    ok = false;
                }
                Some(r) if r != first.youth_ref => {
                    fail(
                        first.line,
                        "followup",
                        format!(
                            "the follow-up {followup} is with youth {r}, not {}",
                            first.youth_ref
                        ),
                    );
                    ok = false;
                }
                Some(_) => {}
            }
        }
        let history: Vec<_> = rows
            .iter()
            .map(|r| gatelangs_domain::journal_history::HistoryVersion {
                version: r.version,
                written_at: r.written_at,
                signed_at: r.signed_at,
                has_reason: r.reason.as_deref().is_some_and(|s| !s.trim().is_empty()),
                has_text: !r.text.trim().is_empty(),
            })
            .collect();
        for p in check_history(&history).into_iter().filter(|_| !twice) {
            fail(rows[p.index].line, p.column, p.message);
            ok = false;
        }
        if !ok {
            continue;
        }
        match journal::find(conn, store.field_keys(), service.id, entry).await? {
            Some(stored) => {
                let youth = youths::id_by_ref(conn, service.id, &first.youth_ref).await?;
                if youth.is_some_and(|y| same_history(&stored, y, &rows, &names)) {
                    plan.unchanged += 1;
                } else {
                    fail(
                        first.line,
                        "entry",
                        format!(
                            "entry {entry} exists with another history; a signed journal is never overwritten by an import"
                        ),
                    );
                }
            }
            None if ids::taken(conn, Table::JournalEntries, &entry.to_string()).await? => {
                fail(
                    first.line,
                    "entry",
                    "the id belongs to another record".to_owned(),
                );
            }
            None => plan.entries.push(rows),
        }
    }
    Ok(())
}

/// Follow-ups of this bundle whose journal entry comes from `journal.csv`: their `note` is not
/// written a second time, and must be that entry's latest text.
pub(crate) fn reconcile_notes(
    plan: &JournalPlan,
    youth_plan: &mut YouthPlan,
    problems: &mut Vec<Problem>,
) {
    let notes = plan.notes_by_followup();
    for (row, id) in &youth_plan.followups {
        let (Some(note), Some((text, line))) = (&row.note, notes.get(id)) else {
            continue;
        };
        if note.trim() != text.trim() {
            problems.push(Problem::new(
                "followups.csv",
                row.line,
                "note",
                format!(
                    "differs from the latest text of its journal entry in journal.csv (line {line})"
                ),
            ));
        }
    }
    youth_plan.notes_in_journal = notes.keys().copied().collect();
}

pub(crate) async fn apply(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    plan: &JournalPlan,
    actor: Option<UserId>,
) -> Result<(), ImportError> {
    let staff: HashMap<String, UserId> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| (u.username, u.id))
        .collect();
    let mut touched: Vec<YouthId> = Vec::new();
    for rows in &plan.entries {
        let Some(first) = rows.first() else { continue };
        let youth = youths::id_by_ref(conn, service.id, &first.youth_ref)
            .await?
            .ok_or(StoreError::NotFound)?;
        let versions = rows
            .iter()
            .map(|r| {
                Ok(RestoredVersion {
                    author: *staff.get(&r.author).ok_or(StoreError::NotFound)?,
                    body: r.text.clone(),
                    reason: r.reason.clone(),
                    written_at: r.written_at,
                    signed_at: r.signed_at,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let entry = RestoredEntry {
            id: first.entry,
            youth,
            conversation: first.followup,
            kind: first.kind.as_str(),
            helped_at: first.helped_at,
            withheld_reason: first.withheld_reason.clone(),
            versions,
        };
        journal_transfer::store_imported(conn, store, service.id, &entry).await?;
        if !touched.contains(&youth) {
            touched.push(youth);
        }
    }
    log_imported(conn, store, service.id, actor, touched, "journal imported").await?;
    Ok(())
}
