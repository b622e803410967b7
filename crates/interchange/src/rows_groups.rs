//! Typed rows of `groups.csv`, `group_attendance.csv`, `prevention.csv` and `observations.csv`.

use gatelangs_domain::groups::{
    GroupKind, Participant, PreventionKind, Theme, check_grade, parse_themes,
};
use gatelangs_domain::{AttendanceId, GroupId, ObservationId, PreventionId};
use jiff::civil::Date;

use crate::Problem;
use crate::csv_file;
use crate::rows::{Cells, code, id, text};
use crate::rows_youth::date;

pub struct GroupRow {
    pub line: u64,
    pub id: Option<GroupId>,
    pub group: String,
    pub kind: GroupKind,
    pub place: Option<String>,
}

pub struct AttendanceRow {
    pub line: u64,
    pub id: Option<AttendanceId>,
    pub date: Date,
    pub group: String,
    pub participant: Participant,
}

pub struct PreventionRow {
    pub line: u64,
    pub id: Option<PreventionId>,
    pub date: Date,
    pub kind: PreventionKind,
    pub place: Option<String>,
    pub grade: Option<i64>,
    pub classes: Option<i64>,
    pub participants: Option<i64>,
}

pub struct ObservationRow {
    pub line: u64,
    pub id: Option<ObservationId>,
    pub date: Date,
    pub district: String,
    pub themes: Vec<Theme>,
    pub summary: String,
}

/// A whole number from 0 up.
fn count(v: &str) -> Result<i64, String> {
    v.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| format!("{v:?} is not a whole number of 0 or more"))
}

pub fn groups(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<GroupRow> {
    let rows = csv_file::parse(file, bytes, &["group", "kind"], &["place"], problems);
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let group = c.required("group", text);
        let kind = c.required("kind", code);
        let place = c.optional("place", text);
        if let (Some(id), Some(group), Some(kind), Some(place), false) =
            (id, group, kind, place, c.failed)
        {
            out.push(GroupRow {
                line: row.line,
                id,
                group,
                kind,
                place,
            });
        }
    }
    out
}

pub fn attendance(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<AttendanceRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "group", "participant"],
        &[],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let group = c.required("group", text);
        let participant = c.required("participant", |v| Participant::parse(v).map_err(|e| e.0));
        if let (Some(id), Some(date), Some(group), Some(participant), false) =
            (id, date, group, participant, c.failed)
        {
            out.push(AttendanceRow {
                line: row.line,
                id,
                date,
                group,
                participant,
            });
        }
    }
    out
}

pub fn prevention(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<PreventionRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "kind"],
        &["place", "grade", "classes", "participants"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let kind = c.required("kind", code);
        let place = c.optional("place", text);
        let grade = c.optional("grade", |v| {
            let n = v
                .parse::<i64>()
                .map_err(|_| format!("{v:?} is not a school grade from 1 to 13"))?;
            check_grade(n).map_err(|e| e.0)
        });
        let classes = c.optional("classes", count);
        let participants = c.optional("participants", count);
        if let (
            Some(id),
            Some(date),
            Some(kind),
            Some(place),
            Some(grade),
            Some(classes),
            Some(participants),
            false,
        ) = (
            id,
            date,
            kind,
            place,
            grade,
            classes,
            participants,
            c.failed,
        ) {
            out.push(PreventionRow {
                line: row.line,
                id,
                date,
                kind,
                place,
                grade,
                classes,
                participants,
            });
        }
    }
    out
}

pub fn observations(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<ObservationRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "district", "themes", "summary"],
        &[],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let district = c.required("district", text);
        let themes = c.required("themes", |v| parse_themes(v).map_err(|e| e.0));
        let summary = c.required("summary", |v| {
            if v.chars().count() > 4000 {
                return Err("the summary is longer than 4000 characters".to_owned());
            }
            Ok(v.to_owned())
        });
        if let (Some(id), Some(date), Some(district), Some(themes), Some(summary), false) =
            (id, date, district, themes, summary, c.failed)
        {
            out.push(ObservationRow {
                line: row.line,
                id,
                date,
                district,
                themes,
                summary,
            });
        }
    }
    out
}
