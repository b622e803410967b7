//! The shape a journal entry's history must have, whichever path brings it (the record page
//! writes it one step at a time; a bundle brings it whole): version 1 is the first text, a
//! draft only while it is the only version, every later version a signed correction with a
//! reason, and time moving forward.

code_set!(
    /// What a journal entry is (`journal.csv` `kind`): written with a conversation, a note on
    /// its own, or a refused request for correction journaled with the right to complain
    /// (helsepersonelloven § 42).
    EntryKind, "entry kind" {
        Conversation => "conversation",
        Note => "note",
        CorrectionRefused => "correction_refused",
    }
);

/// One version of a history, as far as the rule needs it (instants in Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryVersion {
    pub version: i64,
    pub written_at: i64,
    pub signed_at: Option<i64>,
    pub has_reason: bool,
    pub has_text: bool,
}

/// A broken rule: the index of the version, the column it is about, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryProblem {
    pub index: usize,
    pub column: &'static str,
    pub message: String,
}

/// Every way `versions` (in the order given) breaks the shape of a history.
pub fn check_history(versions: &[HistoryVersion]) -> Vec<HistoryProblem> {
    let mut out = Vec::new();
    let mut fail = |index: usize, column: &'static str, message: String| {
        out.push(HistoryProblem {
            index,
            column,
            message,
        });
    };
    let last = versions.len().saturating_sub(1);
    for (i, v) in versions.iter().enumerate() {
        let expected = i as i64 + 1;
        if v.version != expected {
            fail(
                i,
                "version",
                format!(
                    "version {} where {expected} was expected: versions are numbered 1, 2, … without gaps",
                    v.version
                ),
            );
        }
        if !v.has_text {
            fail(i, "text", "the journal text is empty".into());
        }
        match v.signed_at {
            None if i > 0 => fail(
                i,
                "signed_at",
                "a correction is signed when it is written".into(),
            ),
            None if i < last => fail(
                i,
                "signed_at",
                "only an entry's single version can be an unsigned draft; a corrected version was signed"
                    .into(),
            ),
            Some(signed) if signed < v.written_at => fail(
                i,
                "signed_at",
                "signed before it was written".into(),
            ),
            _ => {}
        }
        if i > 0 && !v.has_reason {
            fail(i, "reason", "a correction needs a reason".into());
        }
        if i == 0 && v.has_reason {
            fail(
                i,
                "reason",
                "the first version corrects nothing, so it has no reason".into(),
            );
        }
        if let Some(previous) = i.checked_sub(1).and_then(|p| versions.get(p))
            && v.written_at < previous.signed_at.unwrap_or(previous.written_at)
        {
            fail(
                i,
                "written_at",
                "written before the version it corrects was signed".into(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(version: i64, written_at: i64, signed_at: Option<i64>, reason: bool) -> HistoryVersion {
        HistoryVersion {
            version,
            written_at,
            signed_at,
            has_reason: reason,
            has_text: true,
        }
    }

    fn columns(versions: &[HistoryVersion]) -> Vec<(usize, &'static str)> {
        check_history(versions)
            .into_iter()
            .map(|p| (p.index, p.column))
            .collect()
    }

    #[test]
    fn a_draft_a_signed_entry_and_a_corrected_one_are_histories() {
        assert!(columns(&[v(1, 10, None, false)]).is_empty());
        assert!(columns(&[v(1, 10, Some(10), false)]).is_empty());
        assert!(columns(&[v(1, 10, Some(20), false), v(2, 30, Some(30), true)]).is_empty());
    }

    #[test]
    fn broken_histories_name_the_version_and_column() {
        // A gap in the numbering.
        assert_eq!(
            columns(&[v(1, 10, Some(10), false), v(3, 30, Some(30), true)]),
            vec![(1, "version")]
        );
        // A draft that was corrected, and a correction left unsigned.
        assert_eq!(
            columns(&[v(1, 10, None, false), v(2, 30, None, true)]),
            vec![(0, "signed_at"), (1, "signed_at")]
        );
        // A correction without a reason, written before the first was signed.
        assert_eq!(
            columns(&[v(1, 10, Some(20), false), v(2, 15, Some(15), false)]),
            vec![(1, "reason"), (1, "written_at")]
        );
        // Signed before written; a reason on the first version; empty text.
        assert_eq!(columns(&[v(1, 10, Some(5), false)]), vec![(0, "signed_at")]);
        assert_eq!(columns(&[v(1, 10, Some(10), true)]), vec![(0, "reason")]);
        let mut empty = v(1, 10, Some(10), false);
        empty.has_text = false;
        assert_eq!(columns(&[empty]), vec![(0, "text")]);
    }
}
