//! Typed rows of `youths.csv` and `followups.csv`.

use gatelangs_domain::field::Gender;
use gatelangs_domain::youth::{
    Challenge, ContactPersonsGiven, check_contact_persons, parse_challenges, parse_name_part,
    parse_phone,
};
use gatelangs_domain::{ConversationId, MunicipalityNumber, YouthId};
use jiff::civil::Date;

use crate::Problem;
use crate::csv_file;
use crate::rows::{Cells, code, id, text};

pub struct YouthRow {
    pub line: u64,
    pub id: Option<YouthId>,
    pub reference: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Date,
    pub gender: Gender,
    pub municipality: MunicipalityNumber,
    pub phone: Option<String>,
    pub contact_persons: Vec<String>,
}

/// A `youths.csv` row with `erased_on`: what is left of a record erased by a retention decision
/// (decision 0033), carried so past years' figures survive a move. It has no name, birth date,
/// phone or contact persons.
pub struct ShellRow {
    pub line: u64,
    pub id: Option<YouthId>,
    pub reference: String,
    pub gender: Gender,
    pub municipality: MunicipalityNumber,
    pub erased_on: Date,
}

/// The columns an erased record leaves empty.
const ERASED_COLUMNS: [&str; 5] = [
    "first_name",
    "last_name",
    "birth_date",
    "phone",
    "contact_persons",
];

pub struct FollowupRow {
    pub line: u64,
    pub id: Option<ConversationId>,
    pub id_given: bool,
    pub date: Date,
    pub youth_ref: String,
    pub staff: Vec<String>,
    pub challenges: Vec<Challenge>,
    pub note: Option<String>,
}

pub(crate) fn date(v: &str) -> Result<Date, String> {
    v.parse::<Date>()
        .ok()
        .filter(|_| v.len() == 10)
        .ok_or_else(|| format!("{v:?} is not a date like 2024-03-15"))
}

/// A `;`-separated list of usernames, each at most once.
pub(crate) fn usernames(v: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for name in v.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        if out.iter().any(|n| n == name) {
            return Err(format!("{name} is listed twice"));
        }
        out.push(name.to_owned());
    }
    Ok(out)
}

/// The named youths and the erased records' shells of `youths.csv`.
pub fn youths(
    file: &str,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
) -> (Vec<YouthRow>, Vec<ShellRow>) {
    let rows = csv_file::parse(
        file,
        bytes,
        &[
            "ref",
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "municipality",
        ],
        &["phone", "contact_persons", "erased_on"],
        problems,
    );
    let mut out = vec![];
    let mut shells = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let reference = c.required("ref", text);
        if let Some(erased_on) = row.get("erased_on") {
            for column in ERASED_COLUMNS
                .into_iter()
                .filter(|col| row.get(col).is_some())
            {
                c.fail(
                    column,
                    format!("an erased record has no {column}; leave it empty"),
                );
            }
            let erased_on = c.required("erased_on", |_| date(erased_on));
            let gender = c.required("gender", code);
            let municipality = c.required("municipality", |v| {
                MunicipalityNumber::parse(v).map_err(|e| e.0)
            });
            if let (
                Some(id),
                Some(reference),
                Some(gender),
                Some(municipality),
                Some(erased_on),
                false,
            ) = (id, reference, gender, municipality, erased_on, c.failed)
            {
                shells.push(ShellRow {
                    line: row.line,
                    id,
                    reference,
                    gender,
                    municipality,
                    erased_on,
                });
            }
            continue;
        }
        let first_name = c.required("first_name", |v| {
            parse_name_part(v, "first name").map_err(|e| e.0)
        });
        let last_name = c.required("last_name", |v| {
            parse_name_part(v, "last name").map_err(|e| e.0)
        });
        let birth_date = c.required("birth_date", date);
        let gender = c.required("gender", code);
        let municipality = c.required("municipality", |v| {
            MunicipalityNumber::parse(v).map_err(|e| e.0)
        });
        let phone = c.optional("phone", |v| parse_phone(v).map_err(|e| e.0));
        // The domain's rule on how many; who they may be is checked with the service's staff
        // (`import_youth`). Fewer than two are assigned later by a leader.
        let contact_persons = c.optional("contact_persons", |v| {
            let list = usernames(v)?;
            check_contact_persons(&list, ContactPersonsGiven::SomeMayWait).map_err(|e| e.0)?;
            Ok(list)
        });
        if let (
            Some(id),
            Some(reference),
            Some(first_name),
            Some(last_name),
            Some(birth_date),
            Some(gender),
            Some(municipality),
            Some(phone),
            Some(contact_persons),
            false,
        ) = (
            id,
            reference,
            first_name,
            last_name,
            birth_date,
            gender,
            municipality,
            phone,
            contact_persons,
            c.failed,
        ) {
            out.push(YouthRow {
                line: row.line,
                id,
                reference,
                first_name,
                last_name,
                birth_date,
                gender,
                municipality,
                phone: phone.flatten(),
                contact_persons: contact_persons.unwrap_or_default(),
            });
        }
    }
    (out, shells)
}

pub fn followups(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<FollowupRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["date", "youth_ref", "staff", "challenges"],
        &["note"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let date = c.required("date", date);
        let youth_ref = c.required("youth_ref", text);
        let staff = c.required("staff", |v| {
            let list = usernames(v)?;
            if list.is_empty() || list.len() > 2 {
                return Err("one or two staff usernames, separated by ;".to_owned());
            }
            Ok(list)
        });
        let challenges = c.optional("challenges", |v| parse_challenges(v).map_err(|e| e.0));
        let note = c.optional("note", |v| Ok(v.trim().to_owned()));
        if let (
            Some(id),
            Some(date),
            Some(youth_ref),
            Some(staff),
            Some(challenges),
            Some(note),
            false,
        ) = (id, date, youth_ref, staff, challenges, note, c.failed)
        {
            out.push(FollowupRow {
                line: row.line,
                id_given: id.is_some(),
                id,
                date,
                youth_ref,
                staff,
                challenges: challenges.unwrap_or_default(),
                note: note.filter(|n| !n.is_empty()),
            });
        }
    }
    out
}
