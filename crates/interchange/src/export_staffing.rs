//! `staffing_plan.csv` (every row, seasonal overrides included) and `rota.csv` (the teams of
//! `year` only, when given) of an export.

use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, staffing};
use jiff::civil::Date;

use crate::export::ExportError;

type File = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

pub(crate) async fn files(
    conn: &mut AnyConnection,
    service: &Service,
    year: Option<i32>,
) -> Result<Vec<File>, ExportError> {
    let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let plan_rows = staffing::targets(conn, service.id)
        .await?
        .into_iter()
        .map(|s| {
            let t = s.target;
            vec![
                s.id.to_string(),
                t.shift,
                t.hours.starts.strftime("%H:%M").to_string(),
                t.hours.ends.strftime("%H:%M").to_string(),
                t.weekday.to_string(),
                t.teams.min.to_string(),
                t.teams.max.to_string(),
                day(t.validity.from),
                day(t.validity.to),
            ]
        })
        .collect();
    let bounds = year.and_then(|y| {
        let y = i16::try_from(y).ok()?;
        Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
    });
    let rota_rows = staffing::teams(conn, service.id, bounds.map(|b| b.0), bounds.map(|b| b.1))
        .await?
        .into_iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.day.to_string(),
                t.shift.clone(),
                t.usernames().join(";"),
                t.district.unwrap_or_default(),
            ]
        })
        .collect();
    Ok(vec![
        (
            "staffing_plan.csv",
            vec![
                "id",
                "shift",
                "starts",
                "ends",
                "weekday",
                "min_teams",
                "max_teams",
                "valid_from",
                "valid_to",
            ],
            plan_rows,
        ),
        (
            "rota.csv",
            vec!["id", "date", "shift", "staff", "district"],
            rota_rows,
        ),
    ])
}
