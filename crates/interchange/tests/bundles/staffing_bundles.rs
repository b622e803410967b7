//! `staffing_plan.csv` and `rota.csv` on both backends: the report's `staffing_plan` is the plan
//! in force on 1 July (overrides winning, open ends, a shift past midnight, shifts ordered by
//! start) computed here from the rows; importing twice changes nothing; export → import
//! reproduces the plan and the rota; bad rows are named with their line and nothing is written.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use gatelangs_interchange::{ImportError, export, import, read_bundle};
use gatelangs_storage::{Backend, Store, services};
use gatelangs_testkit::{TestDb, each_backend};
use serde_json::{Value, json};

const STAFF: &str = "username,name,role\nana,Ana A,field_worker\nbo,Bo B,field_worker\ncy,Cy C,leader\ndag,Dag D,field_worker\n";
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// (shift, starts, ends), deliberately not in start order.
const SHIFTS: [(&str, &str, &str); 3] = [
    ("night", "20:00", "03:00"),
    ("day", "08:30", "15:30"),
    ("evening", "14:30", "22:15"),
];

/// One row of the generated plan.
struct Row {
    shift: usize,
    weekday: usize,
    min: u32,
    max: u32,
    from: Option<&'static str>,
    to: Option<&'static str>,
}

/// Periods an override may hold: some include 1 July (of 2024 only, or of both years), some
/// do not; at most one including 1 July is used per shift and weekday.
const INCLUDING_2024: [(Option<&str>, Option<&str>); 3] = [
    (Some("2024-06-01"), Some("2024-08-31")),
    (Some("2024-07-01"), None),
    (None, Some("2024-07-01")),
];
const EXCLUDING_2024: [(Option<&str>, Option<&str>); 3] = [
    (Some("2024-05-01"), Some("2024-06-30")),
    (Some("2024-07-02"), None),
    (None, Some("2023-12-31")),
];

fn generated() -> Vec<Row> {
    let mut rows = vec![];
    for shift in 0..SHIFTS.len() {
        for weekday in 0..7 {
            let n = shift * 7 + weekday;
            if n % 5 == 4 {
                continue; // no target at all on this weekday
            }
            let standing = n % 4 != 3;
            if standing {
                rows.push(Row {
                    shift,
                    weekday,
                    min: (n % 3) as u32,
                    max: (n % 3 + n % 2) as u32,
                    from: None,
                    to: None,
                });
            }
            if n % 3 == 0 {
                let (from, to) = INCLUDING_2024[n % 3 / 3 + (n / 3) % 3];
                rows.push(Row {
                    shift,
                    weekday,
                    min: 5,
                    max: 6 + (n % 2) as u32,
                    from,
                    to,
                });
            }
            if n % 2 == 0 {
                let (from, to) = EXCLUDING_2024[n % 3];
                rows.push(Row {
                    shift,
                    weekday,
                    min: 9,
                    max: 9,
                    from,
                    to,
                });
            }
        }
    }
    rows
}

fn plan_csv(rows: &[Row]) -> String {
    let mut out =
        String::from("weekday,shift,starts,ends,min_teams,max_teams,valid_from,valid_to\r\n");
    for r in rows {
        let (shift, starts, ends) = SHIFTS[r.shift];
        out.push_str(&format!(
            "{},{shift},{starts},{ends},{},{},{},{}\r\n",
            WEEKDAYS[r.weekday],
            r.min,
            r.max,
            r.from.unwrap_or_default(),
            r.to.unwrap_or_default()
        ));
    }
    out
}

/// The contract's rule, read plainly: on 1 July of `year`, a row whose period includes the day
/// overrides a row with neither bound; weekdays with a target only; shifts ordered by start.
fn expected_plan(rows: &[Row], year: i32) -> Value {
    let day = format!("{year}-07-01");
    let includes = |r: &Row| {
        (r.from.is_some() || r.to.is_some())
            && r.from.is_none_or(|f| f <= day.as_str())
            && r.to.is_none_or(|t| day.as_str() <= t)
    };
    let mut shifts: BTreeMap<&str, Value> = BTreeMap::new();
    for (s, (shift, starts, ends)) in SHIFTS.iter().enumerate() {
        let mut teams = serde_json::Map::new();
        for (w, weekday) in WEEKDAYS.iter().enumerate() {
            let mine: Vec<&Row> = rows
                .iter()
                .filter(|r| r.shift == s && r.weekday == w)
                .collect();
            let chosen = mine
                .iter()
                .find(|r| includes(r))
                .or_else(|| mine.iter().find(|r| r.from.is_none() && r.to.is_none()));
            if let Some(r) = chosen {
                teams.insert((*weekday).into(), json!([r.min, r.max]));
            }
        }
        if !teams.is_empty() {
            shifts.insert(
                starts,
                json!({"shift": shift, "starts": starts, "ends": ends, "teams": teams}),
            );
        }
    }
    Value::Array(shifts.into_values().collect())
}

fn rota_csv() -> String {
    let mut out = String::from("date,shift,staff,district\n");
    for i in 0..40_u32 {
        let year = if i % 4 == 0 { 2023 } else { 2024 };
        let staff = ["ana;bo", "cy;dag", "bo;ana", "dag"][(i % 4) as usize];
        let district = ["Sentrum", "", "Nordbyen"][(i % 3) as usize];
        out.push_str(&format!(
            "{year}-{:02}-{:02},{},{staff},{district}\n",
            1 + i % 12,
            1 + i % 28,
            SHIFTS[(i % 3) as usize].0
        ));
    }
    // Two equal teams on the same shift: two rows.
    out.push_str("2024-03-03,day,ana;bo,\n2024-03-03,day,ana;bo,\n");
    out
}

fn write_bundle(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

async fn staffing_plan(store: &Store, year: i32) -> Value {
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, "team")
        .await
        .unwrap()
        .unwrap();
    let report = gatelangs_report::build(&mut conn, &service, year)
        .await
        .unwrap();
    serde_json::to_value(report).unwrap()["staffing_plan"].clone()
}

async fn counts(store: &Store) -> Vec<i64> {
    let mut conn = store.conn().await.unwrap();
    let mut out = vec![];
    for table in ["staffing_targets", "rota_teams", "rota_members"] {
        out.push(
            gatelangs_testkit::fetch_i64(&mut conn, &format!("SELECT COUNT(*) FROM {table}")).await,
        );
    }
    out
}

async fn fresh_like(db: &TestDb) -> TestDb {
    match db.backend() {
        Backend::Postgres => gatelangs_testkit::postgres().await.unwrap(),
        Backend::Sqlite => gatelangs_testkit::sqlite().await,
    }
}

/// The rota as exported, without ids, sorted.
fn rota_rows(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("rota.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let mut rows: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .filter(|(h, _)| *h != "id")
                .map(|(_, v)| v.to_owned())
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn the_plan_in_force_on_1_july_equals_the_rows_and_survives_export_and_import() {
    let rows = generated();
    // The data reaches every case: overrides change 2024 but not 2023 or 2025 alike, and the
    // night shift (past midnight) is listed last though it is written first.
    assert_ne!(expected_plan(&rows, 2023), expected_plan(&rows, 2024));
    assert_ne!(expected_plan(&rows, 2025), expected_plan(&rows, 2024));
    assert_eq!(expected_plan(&rows, 2024)[2]["shift"], "night");
    let plan = plan_csv(&rows);
    let rota = rota_csv();
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("staffing_plan.csv", &plan),
                ("rota.csv", &rota),
            ],
        );
        import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        for year in [2023, 2024, 2025] {
            assert_eq!(
                staffing_plan(&db.store, year).await,
                expected_plan(&rows, year),
                "{year}"
            );
        }
        let before = counts(&db.store).await;
        assert_eq!(before[0], rows.len() as i64);
        assert_eq!(before[1], 42, "every row a team, equal rows included");
        let again = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        assert!(
            again.files.iter().all(|(_, new, _)| *new == 0),
            "{:?}",
            again.files
        );
        assert_eq!(counts(&db.store).await, before);

        let out = tempfile::tempdir().unwrap();
        export(&db.store, "team", None, out.path(), None)
            .await
            .unwrap();
        let fresh = fresh_like(&db).await;
        import(
            &fresh.store,
            "team",
            &read_bundle(out.path()).unwrap(),
            None,
        )
        .await
        .unwrap();
        for year in [2023, 2024, 2025] {
            assert_eq!(
                staffing_plan(&fresh.store, year).await,
                expected_plan(&rows, year)
            );
        }
        assert_eq!(counts(&fresh.store).await, before);
        let out_again = tempfile::tempdir().unwrap();
        export(&fresh.store, "team", None, out_again.path(), None)
            .await
            .unwrap();
        assert_eq!(rota_rows(out.path()), rota_rows(out_again.path()));
        let mut input: Vec<String> = rota
            .lines()
            .skip(1)
            .map(|l| {
                let mut cells: Vec<&str> = l.split(',').collect();
                cells.resize(4, "");
                cells.join(",")
            })
            .collect();
        input.sort();
        assert_eq!(rota_rows(out.path()), input);
        // An export of one year holds that year's rota and the whole plan.
        let only_2023 = tempfile::tempdir().unwrap();
        export(&db.store, "team", Some(2023), only_2023.path(), None)
            .await
            .unwrap();
        assert!(
            rota_rows(only_2023.path())
                .iter()
                .all(|r| r.starts_with("2023-"))
        );
        assert_eq!(rota_rows(only_2023.path()).len(), 10);
    }
}

#[tokio::test]
async fn bad_rows_are_named_with_their_line_and_nothing_is_written() {
    let plan = "shift,starts,ends,weekday,min_teams,max_teams,valid_from,valid_to\r\n\
        day,08:30,15:30,mon,2,3,,\r\n\
        day,08:30,15:30,mon,1,1,,\r\n\
        day,8:30,15:30,tue,2,3,,\r\n\
        day,08:30,08:30,wed,2,3,,\r\n\
        day,08:30,15:30,thu,3,2,,\r\n\
        day,08:30,15:30,fri,2,3,2024-08-01,2024-07-01\r\n\
        day,08:30,15:30,monday,2,3,,\r\n\
        day,08:30,15:30,sat,-1,3,,\r\n\
        day,09:00,15:30,sun,1,1,,\r\n";
    let rota = "date,shift,staff,district\r\n\
        2024-01-01,day,ana;bo,\r\n\
        2024-01-02,late,ana;bo,\r\n\
        2024-01-03,day,ana;zed,\r\n\
        2024-01-04,day,,\r\n\
        2024-01-05,day,ana;ana,\r\n\
        2024-13-01,day,ana;bo,\r\n";
    let expected = [
        "staffing_plan.csv:3: weekday: the shift day on mon for this period appears twice",
        "staffing_plan.csv:4: starts: \"8:30\" is not a time written HH:MM",
        "staffing_plan.csv:5: ends: a shift cannot start and end at the same time",
        "staffing_plan.csv:6: max_teams: the least number of teams (3) is above the most (2)",
        "staffing_plan.csv:7: valid_to: the plan is valid to 2024-07-01, before it is valid from 2024-08-01",
        "staffing_plan.csv:8: weekday: unknown weekday \"monday\"",
        "staffing_plan.csv:9: min_teams: a number of teams is from 0 to 50",
        "staffing_plan.csv:10: starts: the shift day has other hours in the standing plan (08:30–15:30)",
        "rota.csv:3: shift: unknown shift \"late\"",
        "rota.csv:4: staff: unknown staff \"zed\"",
        "rota.csv:5: staff: a value is required",
        "rota.csv:6: staff: ana is listed twice",
        "rota.csv:7: date: \"2024-13-01\" is not a date",
    ];
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("staffing_plan.csv", plan),
                ("rota.csv", rota),
            ],
        );
        let err = import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap_err();
        let ImportError::Invalid(problems) = err else {
            panic!("{err}")
        };
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        for want in expected {
            assert!(
                shown.iter().any(|s| s.starts_with(want)),
                "{want:?} not in {shown:#?}"
            );
        }
        assert_eq!(shown.len(), expected.len(), "{shown:#?}");
        assert_eq!(counts(&db.store).await, vec![0; 3]);
    }
}

#[tokio::test]
async fn a_stored_row_differing_from_the_file_is_refused() {
    for db in each_backend().await {
        let first = tempfile::tempdir().unwrap();
        write_bundle(
            first.path(),
            &[
                ("staff.csv", STAFF),
                (
                    "staffing_plan.csv",
                    "shift,starts,ends,weekday,min_teams,max_teams\nday,08:30,15:30,mon,2,3\n",
                ),
            ],
        );
        import(&db.store, "team", &read_bundle(first.path()).unwrap(), None)
            .await
            .unwrap();
        let second = tempfile::tempdir().unwrap();
        write_bundle(
            second.path(),
            &[(
                "staffing_plan.csv",
                "shift,starts,ends,weekday,min_teams,max_teams\nday,08:30,15:30,mon,2,4\n",
            )],
        );
        let err = import(
            &db.store,
            "team",
            &read_bundle(second.path()).unwrap(),
            None,
        )
        .await
        .unwrap_err();
        assert!(
            err.to_string().contains("problem")
                && matches!(&err, ImportError::Invalid(p) if p[0].to_string().starts_with("staffing_plan.csv:2: max_teams: the shift day on mon for this period exists with another value")),
            "{err:?}"
        );
    }
}

/// Field-team hours at the turn of the year: a night shift of 31 December counts its hours after
/// midnight, and the contacts of those hours, for the next year; last year's night shift counts
/// its own for this one.
#[tokio::test]
async fn field_team_hours_keep_to_the_calendar_year() {
    for db in each_backend().await {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(
            dir.path(),
            &[
                ("staff.csv", STAFF),
                ("places.csv", "district,place,kind\nSentrum,Torget,street\n"),
                (
                    "staffing_plan.csv",
                    "shift,starts,ends,weekday,min_teams,max_teams\n\
                     night,20:00,02:00,sun,1,1\nnight,20:00,02:00,tue,1,1\nnight,20:00,02:00,wed,1,1\n",
                ),
                (
                    "rota.csv",
                    "date,shift,staff,district\n2023-12-31,night,ana;bo,Sentrum\n2024-12-31,night,ana;bo,Sentrum\n",
                ),
                (
                    "contacts.csv",
                    "occurred_at,place,channel,age_group,gender,count,staff\n\
                     2024-01-01T01:00,Torget,street,unknown,male,5,ana\n\
                     2024-12-31T21:00,Torget,street,unknown,male,3,bo\n\
                     2025-01-01T01:00,Torget,street,unknown,male,7,ana\n",
                ),
            ],
        );
        import(&db.store, "team", &read_bundle(dir.path()).unwrap(), None)
            .await
            .unwrap();
        let mut conn = db.store.conn().await.unwrap();
        let service = services::find_by_slug(&mut conn, "team")
            .await
            .unwrap()
            .unwrap();
        let cells = gatelangs_report::field_teams::of_year(&mut conn, &service, 2024)
            .await
            .unwrap();
        let shown: Vec<(String, String, f64, i64)> = cells
            .iter()
            .map(|c| {
                (
                    c.weekday.to_string(),
                    c.time_band.to_string(),
                    c.team_hours,
                    c.contacts,
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("mon".into(), "night".into(), 2.0, 5),
                ("tue".into(), "evening".into(), 4.0, 3),
            ]
        );
    }
}
