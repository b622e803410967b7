//! `youths.csv` and `followups.csv` of an export. Every exported youth gets its own audit entry
//! (written by the caller once the files are out), so the youth's access list shows the export.

use std::collections::HashMap;

use gatelangs_domain::YouthId;
use gatelangs_domain::youth::join_challenges;
use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, Store, conversations, journal, users, youths};

use crate::export::ExportError;

type File = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

/// The two files, and the youths whose data they hold.
pub(crate) async fn files(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    year: Option<i32>,
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
    youth_rows.sort_by(|a, b| a[1].cmp(&b[1]));
    let notes = journal::conversation_notes(conn, keys, service.id).await?;
    let followup_rows: Vec<Vec<String>> = conversations::all(conn, service.id, year)
        .await?
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
        (
            "youths.csv",
            vec![
                "id",
                "ref",
                "first_name",
                "last_name",
                "birth_date",
                "gender",
                "municipality",
                "phone",
                "contact_persons",
            ],
            youth_rows,
        ),
        (
            "followups.csv",
            vec!["id", "date", "youth_ref", "staff", "challenges", "note"],
            followup_rows,
        ),
    ];
    Ok((files, list.iter().map(|y| y.id).collect()))
}
