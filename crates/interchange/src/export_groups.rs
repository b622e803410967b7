//! `groups.csv`, `group_attendance.csv`, `prevention.csv` and `observations.csv` of an export
//! (attendance, events and observations of `year` only, when given).

use gatelangs_domain::groups::join_themes;
use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, Store, groups, observations, prevention};

use crate::export::ExportError;

type File = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

fn opt(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

pub(crate) async fn files(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    year: Option<i32>,
) -> Result<Vec<File>, ExportError> {
    let group_rows = groups::list(conn, service.id)
        .await?
        .into_iter()
        .map(|g| {
            vec![
                g.id.to_string(),
                g.name,
                g.kind.to_string(),
                g.place_name.unwrap_or_default(),
            ]
        })
        .collect();
    let attendance_rows = groups::attendance(conn, service.id, year)
        .await?
        .into_iter()
        .map(|a| {
            let participant = match (a.youth_ref, a.pseudonym) {
                (Some(r), _) => format!("youth:{r}"),
                (None, label) => format!("anon:{}", label.unwrap_or_default()),
            };
            vec![a.id.to_string(), a.day, a.group, participant]
        })
        .collect();
    let prevention_rows = prevention::all(conn, service.id, year)
        .await?
        .into_iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                e.day,
                e.kind.to_string(),
                e.place.unwrap_or_default(),
                opt(e.grade),
                opt(e.classes),
                opt(e.participants),
            ]
        })
        .collect();
    let observation_rows = observations::all(conn, store.field_keys(), service.id, year)
        .await?
        .into_iter()
        .map(|o| {
            vec![
                o.id.to_string(),
                o.day,
                o.district,
                join_themes(&o.themes),
                o.summary,
            ]
        })
        .collect();
    Ok(vec![
        (
            "groups.csv",
            vec!["id", "group", "kind", "place"],
            group_rows,
        ),
        (
            "group_attendance.csv",
            vec!["id", "date", "group", "participant"],
            attendance_rows,
        ),
        (
            "prevention.csv",
            vec![
                "id",
                "date",
                "kind",
                "place",
                "grade",
                "classes",
                "participants",
            ],
            prevention_rows,
        ),
        (
            "observations.csv",
            vec!["id", "date", "district", "themes", "summary"],
            observation_rows,
        ),
    ])
}
