//! Typed rows of `consents.csv`, `collaborations.csv`, `inquiries.csv` and `child_welfare.csv`.

use gatelangs_domain::consent::{Direction, GivenBy, WelfareKind};
use gatelangs_domain::{CollaborationId, ConsentId, InquiryId, WelfareId};
use jiff::civil::Date;

use crate::Problem;
use crate::csv_file;
use crate::rows::{Cells, code, id, text};
use crate::rows_youth::date;

pub struct ConsentRow {
    pub line: u64,
    pub id: Option<ConsentId>,
    pub youth_ref: String,
    pub given_on: Date,
    pub given_by: GivenBy,
    pub services: Vec<String>,
    pub valid_until: Option<Date>,
    pub withdrawn_on: Option<Date>,
    /// Why guardians are not involved: what lets a youth under 16 consent alone.
    pub exception_reason: Option<String>,
    /// The youth's age on `given_on`: computed from the birth date, and needed only for a record
    /// erased by a retention decision, whose birth date is gone.
    pub age_at_consent: Option<i16>,
}

pub struct CollaborationRow {
    pub line: u64,
    pub id: Option<CollaborationId>,
    pub date: Date,
    pub youth_ref: String,
    pub direction: Direction,
    pub service: String,
    pub note: Option<String>,
}

pub struct InquiryRow {
    pub line: u64,
    pub id: Option<InquiryId>,
    pub date: Date,
    pub direction: Direction,
    pub service: String,
    pub topic: Option<String>,
}

pub struct WelfareRow {
    pub line: u64,
    pub id: Option<WelfareId>,
    pub date: Date,
    pub youth_ref: String,
    pub kind: WelfareKind,
    pub answered_on: Option<Date>,
}

/// A `;`-separated list of service codes, at least one, each once.
fn codes(v: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for c in v.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        if out.iter().any(|x| x == c) {
            return Err(format!("{c} is listed twice"));
        }
        out.push(c.to_owned());
    }
    if out.is_empty() {
        return Err("at least one service code".to_owned());
    }
    Ok(out)
}

fn free_text(v: &str) -> Result<String, String> {
    if v.chars().count() > 2000 {
        return Err("the text is longer than 2000 characters".to_owned());
    }
    Ok(v.trim().to_owned())
}

pub fn consents(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<ConsentRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["youth_ref", "given_on", "given_by", "services"],
        &[
            "valid_until",
            "withdrawn_on",
            "exception_reason",
            "age_at_consent",
        ],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let youth_ref = c.required("youth_ref", text);
        let given_on = c.required("given_on", date);
        let given_by = c.required("given_by", code);
        let services = c.required("services", codes);
        let valid_until = c.optional("valid_until", date);
        let withdrawn_on = c.optional("withdrawn_on", date);
        let exception_reason = c.optional("exception_reason", free_text);
        let age_at_consent = c.optional("age_at_consent", |v| {
            v.parse::<i16>()
                .ok()
                .filter(|a| (0..=120).contains(a))
                .ok_or_else(|| format!("{v:?} is not an age in whole years"))
        });
        if let (
            Some(id),
            Some(youth_ref),
            Some(given_on),
            Some(given_by),
            Some(services),
            Some(valid_until),
            Some(withdrawn_on),
            Some(exception_reason),
            Some(age_at_consent),
            false,
        ) = (
            id,
            youth_ref,
            given_on,
            given_by,
            services,
            valid_until,
            withdrawn_on,
            exception_reason,
            age_at_consent,
            c.failed,
        ) {
            out.push(ConsentRow {
                line: row.line,
                id,
                youth_ref,
                given_on,
                given_by,
                services,
                valid_until,
                withdrawn_on,
                exception_reason: exception_reason.filter(|r| !r.is_empty()),
                age_at_consent,
            });
        }
    }
    out
}

pub fn collaborations(
    file: &str,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
) -> Vec<CollaborationRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "youth_ref", "direction", "service"],
        &["note"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let youth_ref = c.required("youth_ref", text);
        let direction = c.required("direction", code);
        let service = c.required("service", text);
        let note = c.optional("note", free_text);
        if let (
            Some(id),
            Some(date),
            Some(youth_ref),
            Some(direction),
            Some(service),
            Some(note),
            false,
        ) = (id, date, youth_ref, direction, service, note, c.failed)
        {
            out.push(CollaborationRow {
                line: row.line,
                id,
                date,
                youth_ref,
                direction,
                service,
                note: note.filter(|n| !n.is_empty()),
            });
        }
    }
    out
}

/// An inquiry's direction: `incoming`/`outgoing` as for collaborations; `from`/`to` (the words
/// teams use for inquiries) are read as the same.
fn inquiry_direction(v: &str) -> Result<Direction, String> {
    match v {
        "from" => Ok(Direction::Incoming),
        "to" => Ok(Direction::Outgoing),
        _ => code(v),
    }
}

pub fn inquiries(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<InquiryRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "direction", "service"],
        &["topic"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let direction = c.required("direction", inquiry_direction);
        let service = c.required("service", text);
        let topic = c.optional("topic", free_text);
        if let (Some(id), Some(date), Some(direction), Some(service), Some(topic), false) =
            (id, date, direction, service, topic, c.failed)
        {
            out.push(InquiryRow {
                line: row.line,
                id,
                date,
                direction,
                service,
                topic: topic.filter(|t| !t.is_empty()),
            });
        }
    }
    out
}

pub fn child_welfare(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<WelfareRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "youth_ref", "kind"],
        &["answered_on"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let youth_ref = c.required("youth_ref", text);
        let kind = c.required("kind", code);
        let answered_on = c.optional("answered_on", crate::rows_youth::date);
        if let (Some(id), Some(date), Some(youth_ref), Some(kind), Some(answered_on), false) =
            (id, date, youth_ref, kind, answered_on, c.failed)
        {
            out.push(WelfareRow {
                line: row.line,
                id,
                date,
                youth_ref,
                kind,
                answered_on,
            });
        }
    }
    out
}
