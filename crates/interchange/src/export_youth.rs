//! `youths.csv`, `followups.csv` and `journal.csv` of an export. Every exported youth gets its
//! own audit entry (written by the caller once the files are out), so the youth's access list
//! shows the export. The journal is what `gatelangs_app::journal_transfer::exportable` lets the
//! exporter carry: an entry the youth has blocked against them is neither in `journal.csv` nor
//! the `note` of `followups.csv`.

use std::collections::{HashMap, HashSet};

use gatelangs_app::journal_transfer;
use gatelangs_domain::youth::join_challenges;
use gatelangs_domain::{ConversationId, UserId, YouthId};
use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, Store, conversations, users, youths};

use crate::export::ExportError;

type File = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

/// The two files, and the youths whose data they hold.
pub(crate) async fn files(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    year: Option<i32>,
    exporter: Option<UserId>,
) -> Result<(Vec<File>, Vec<YouthId>), ExportError> {
    let keys = store.field_keys();
    let usernames: HashMap<_, _> = users::list(conn, service.id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let list = youths::list(conn, keys, service.id, None).await?;
    let mut youth_rows: Vec<Vec<String>> = list
        .iter()
        .map(|y| {
            let f = &y.fields;
            vec![
                y.id.to_string(),
                f.reference.clone(),
                f.first_name.clone(),
                f.last_name.clone(),
                f.birth_date.to_string(),
                f.gender.to_string(),
                f.municipality.as_str(),
                f.phone.clone().unwrap_or_default(),
                y.contact_persons
                    .iter()
                    .filter_map(|id| usernames.get(id).cloned())
                    .collect::<Vec<_>>()
                    .join(";"),
            ]
        })
        .collect();
    // Erased records travel as shells (decision 0033): what past years' reports count, and
    // the day they were erased.
    let tz = service.tz();
    let shells = youths::shells(conn, service.id).await?;
    let mut youth_header = vec![
        "id",
        "ref",
        "first_name",
        "last_name",
        "birth_date",
        "gender",
        "municipality",
        "phone",
        "contact_persons",
    ];
    // A service without erased records exports the contract's columns only.
    if !shells.is_empty() {
        youth_header.push("erased_on");
        for row in &mut youth_rows {
            row.push(String::new());
        }
    }
    for shell in shells {
        let erased_on = jiff::Timestamp::from_second(shell.erased_at)
            .map(|t| t.to_zoned(tz.clone()).date().to_string())
            .unwrap_or_default();
        youth_rows.push(vec![
            shell.id.to_string(),
            shell.reference,
            String::new(),
            String::new(),
            String::new(),
            shell.gender.to_string(),
            shell.municipality.as_str(),
            String::new(),
            String::new(),
            erased_on,
        ]);
    }
    youth_rows.sort_by(|a, b| a[1].cmp(&b[1]));
    let conversations = conversations::all(conn, service.id, year).await?;
    let exported: HashSet<ConversationId> = conversations.iter().map(|c| c.id).collect();
    let in_year = |at: i64| {
        year.is_none_or(|y| {
            jiff::Timestamp::from_second(at)
                .is_ok_and(|t| t.to_zoned(tz.clone()).year() as i32 == y)
        })
    };
    let mut notes: HashMap<ConversationId, String> = HashMap::new();
    let mut journal_rows: Vec<Vec<String>> = Vec::new();
    for y in &list {
        let entries = journal_transfer::exportable(conn, keys, service.id, exporter, y.id).await?;
        for e in entries {
            let carried = match e.conversation {
                Some(c) => exported.contains(&c),
                None => in_year(e.helped_at),
            };
            if !carried {
                continue;
            }
            if let (Some(c), Some(latest)) = (e.conversation, e.latest()) {
                notes.insert(c, latest.body.clone());
            }
            for v in &e.versions {
                journal_rows.push(vec![
                    e.id.to_string(),
                    v.version.to_string(),
                    y.fields.reference.clone(),
                    e.kind.clone(),
                    instant(e.helped_at, &tz),
                    usernames.get(&v.author).cloned().unwrap_or_default(),
                    instant(v.written_at, &tz),
                    v.signed_at.map(|t| instant(t, &tz)).unwrap_or_default(),
                    v.reason.clone().unwrap_or_default(),
                    e.conversation.map(|c| c.to_string()).unwrap_or_default(),
                    e.withheld_reason.clone().unwrap_or_default(),
                    v.body.clone(),
                ]);
            }
        }
    }
    let followup_rows: Vec<Vec<String>> = conversations
        .into_iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.local_date.clone(),
                c.youth_ref.clone(),
                c.staff
                    .iter()
                    .map(|s| s.1.clone())
                    .collect::<Vec<_>>()
                    .join(";"),
                join_challenges(&c.challenges),
                notes.get(&c.id).cloned().unwrap_or_default(),
            ]
        })
        .collect();
    let files = vec![
        ("youths.csv", youth_header, youth_rows),
        (
            "followups.csv",
            vec!["id", "date", "youth_ref", "staff", "challenges", "note"],
            followup_rows,
        ),
        ("journal.csv", JOURNAL_HEADER.to_vec(), journal_rows),
    ];
    Ok((files, list.iter().map(|y| y.id).collect()))
}

/// The columns of `journal.csv`, one row per version of an entry.
pub(crate) const JOURNAL_HEADER: [&str; 12] = [
    "entry",
    "version",
    "youth_ref",
    "kind",
    "helped_at",
    "author",
    "written_at",
    "signed_at",
    "reason",
    "followup",
    "withheld_reason",
    "text",
];

/// An instant as RFC 3339 with the service's offset at that moment, e.g.
/// `2024-03-03T18:30:00+01:00`: exact, and readable as local time.
fn instant(at: i64, tz: &jiff::tz::TimeZone) -> String {
    jiff::Timestamp::from_second(at)
        .map(|t| t.display_with_offset(tz.to_offset(t)).to_string())
        .unwrap_or_default()
}
