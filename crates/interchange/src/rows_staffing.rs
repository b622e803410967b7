//! Typed rows of `staffing_plan.csv` and `rota.csv`.

use gatelangs_domain::staffing::{
    ShiftHours, Target, TeamRange, Validity, parse_clock, parse_shift_name,
};
use gatelangs_domain::{RotaTeamId, TargetId};
use jiff::civil::Date;

use crate::Problem;
use crate::csv_file;
use crate::rows::{Cells, code, id, text};
use crate::rows_youth::{date, usernames};

pub struct TargetRow {
    pub line: u64,
    pub id: Option<TargetId>,
    pub target: Target,
}

pub struct RotaRow {
    pub line: u64,
    pub id: Option<RotaTeamId>,
    pub date: Date,
    pub shift: String,
    pub staff: Vec<String>,
    pub district: Option<String>,
}

fn teams(v: &str) -> Result<i64, String> {
    v.parse::<i64>()
        .map_err(|_| format!("{v:?} is not a whole number of field teams"))
}

pub fn staffing_plan(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<TargetRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &[
            "shift",
            "starts",
            "ends",
            "weekday",
            "min_teams",
            "max_teams",
        ],
        &["valid_from", "valid_to"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let shift = c.required("shift", |v| parse_shift_name(v).map_err(|e| e.0));
        let starts = c.required("starts", |v| parse_clock(v).map_err(|e| e.0));
        let ends = c.required("ends", |v| parse_clock(v).map_err(|e| e.0));
        let weekday = c.required("weekday", code);
        let min = c.required("min_teams", teams);
        let max = c.required("max_teams", teams);
        let from = c.optional("valid_from", date);
        let to = c.optional("valid_to", date);
        let (
            Some(id),
            Some(shift),
            Some(starts),
            Some(ends),
            Some(weekday),
            Some(min),
            Some(max),
            Some(from),
            Some(to),
        ) = (id, shift, starts, ends, weekday, min, max, from, to)
        else {
            continue;
        };
        let hours = ShiftHours::new(starts, ends).map_err(|e| c.fail("ends", e.0));
        let teams = TeamRange::new(min, max).map_err(|e| {
            let column = if (0..=i64::from(gatelangs_domain::staffing::MAX_TEAMS)).contains(&min) {
                "max_teams"
            } else {
                "min_teams"
            };
            c.fail(column, e.0)
        });
        let validity = Validity::new(from, to).map_err(|e| c.fail("valid_to", e.0));
        if let (Ok(hours), Ok(teams), Ok(validity), false) = (hours, teams, validity, c.failed) {
            out.push(TargetRow {
                line: row.line,
                id,
                target: Target {
                    shift,
                    hours,
                    weekday,
                    teams,
                    validity,
                },
            });
        }
    }
    out
}

pub fn rota(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<RotaRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "shift", "staff"],
        &["district"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let shift = c.required("shift", |v| parse_shift_name(v).map_err(|e| e.0));
        let staff = c.required("staff", |v| {
            let names = usernames(v)?;
            if names.is_empty() {
                return Err("name the staff of the team".to_owned());
            }
            Ok(names)
        });
        let district = c.optional("district", text);
        if let (Some(id), Some(date), Some(shift), Some(staff), Some(district), false) =
            (id, date, shift, staff, district, c.failed)
        {
            out.push(RotaRow {
                line: row.line,
                id,
                date,
                shift,
                staff,
                district,
            });
        }
    }
    out
}
