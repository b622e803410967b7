//! `consents.csv`, `collaborations.csv`, `inquiries.csv` and `child_welfare.csv` of an export.
//! Consents are exported whole (later years' collaborations may rest on them); the others for
//! the year when one is given.

use gatelangs_storage::services::Service;
use gatelangs_storage::{
    AnyConnection, Store, child_welfare, collaborations, consents, inquiries, youths,
};

use crate::export::ExportError;

type File = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

pub(crate) async fn files(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    year: Option<i32>,
) -> Result<Vec<File>, ExportError> {
    // The age at consent travels only for erased records, whose birth date is gone (decision
    // 0033); a service without them exports the contract's columns only.
    let shells: std::collections::HashSet<String> = youths::shells(conn, service.id)
        .await?
        .into_iter()
        .map(|s| s.reference)
        .collect();
    let mut consent_header = vec![
        "id",
        "youth_ref",
        "given_on",
        "given_by",
        "services",
        "valid_until",
        "withdrawn_on",
        "exception_reason",
    ];
    let consents = consents::all(conn, Some(store.field_keys()), service.id).await?;
    let with_age = consents.iter().any(|(_, r)| shells.contains(r));
    if with_age {
        consent_header.push("age_at_consent");
    }
    let consent_rows = consents
        .into_iter()
        .map(|(c, reference)| {
            let age = match shells.contains(&reference) {
                true => c.age_at_consent.to_string(),
                false => String::new(),
            };
            let mut row = vec![
                c.id.to_string(),
                reference,
                c.period.given_on.to_string(),
                c.given_by.to_string(),
                c.services
                    .iter()
                    .map(|s| s.code.clone())
                    .collect::<Vec<_>>()
                    .join(";"),
                opt(c.period.valid_until),
                opt(c.period.withdrawn_on),
                c.guardians_not_involved.clone().unwrap_or_default(),
            ];
            if with_age {
                row.push(age);
            }
            row
        })
        .collect();
    let collaboration_rows = collaborations::all(conn, store.field_keys(), service.id, year)
        .await?
        .into_iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.day.to_string(),
                c.youth_ref,
                c.direction.to_string(),
                c.service_code,
                c.note.unwrap_or_default(),
            ]
        })
        .collect();
    let mut inquiry_rows: Vec<Vec<String>> = inquiries::list(conn, service.id, year)
        .await?
        .into_iter()
        .map(|i| {
            vec![
                i.id.to_string(),
                i.day.to_string(),
                i.direction.to_string(),
                i.service_code,
                i.topic.unwrap_or_default(),
            ]
        })
        .collect();
    inquiry_rows.reverse();
    let welfare_rows = child_welfare::all(conn, service.id, year)
        .await?
        .into_iter()
        .map(|w| {
            vec![
                w.id.to_string(),
                w.day.to_string(),
                w.youth_ref,
                w.kind.to_string(),
                opt(w.answered_on),
            ]
        })
        .collect();
    Ok(vec![
        ("consents.csv", consent_header, consent_rows),
        (
            "collaborations.csv",
            vec!["id", "date", "youth_ref", "direction", "service", "note"],
            collaboration_rows,
        ),
        (
            "inquiries.csv",
            vec!["id", "date", "direction", "service", "topic"],
            inquiry_rows,
        ),
        (
            "child_welfare.csv",
            vec!["id", "date", "youth_ref", "kind", "answered_on"],
            welfare_rows,
        ),
    ])
}
