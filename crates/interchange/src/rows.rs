//! Typed rows of each supported file. A cell that does not parse becomes a problem naming its
//! file, line and column; a row with any problem is left out.

use gatelangs_domain::field::{
    AgeGroup, Channel, ContactCount, Gender, PlaceKind, SchoolLevel, Topic, parse_topics,
};
use gatelangs_domain::{ContactId, CounterpartId, DisplayName, PlaceId, Role, UserId, Username};

use crate::Problem;
use crate::csv_file::{self, Row};

/// Reads the cells of one row, recording problems as it goes.
pub(crate) struct Cells<'a> {
    file: &'a str,
    row: &'a Row,
    problems: &'a mut Vec<Problem>,
    pub(crate) failed: bool,
}

impl<'a> Cells<'a> {
    pub(crate) fn new(file: &'a str, row: &'a Row, problems: &'a mut Vec<Problem>) -> Self {
        Self {
            file,
            row,
            problems,
            failed: false,
        }
    }

    pub(crate) fn fail(&mut self, column: &str, message: String) {
        self.problems
            .push(Problem::new(self.file, self.row.line, column, message));
        self.failed = true;
    }

    pub(crate) fn required<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        match self.row.get(column) {
            None => {
                self.fail(column, "a value is required".to_owned());
                None
            }
            Some(v) => parse(v).map_err(|m| self.fail(column, m)).ok(),
        }
    }

    /// `Some(None)` for an empty cell, `None` for a cell that did not parse.
    pub(crate) fn optional<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        match self.row.get(column) {
            None => Some(None),
            Some(v) => parse(v).map(Some).map_err(|m| self.fail(column, m)).ok(),
        }
    }
}

pub(crate) fn code<T: std::str::FromStr<Err = gatelangs_domain::ParseError>>(
    v: &str,
) -> Result<T, String> {
    v.parse().map_err(|e: gatelangs_domain::ParseError| e.0)
}

pub(crate) fn id<T: std::str::FromStr>(v: &str) -> Result<T, String> {
    v.parse().map_err(|_| format!("{v:?} is not a UUID"))
}

pub(crate) fn text(v: &str) -> Result<String, String> {
    if v.chars().count() > 200 {
        return Err("the value is longer than 200 characters".to_owned());
    }
    Ok(v.to_owned())
}

fn coordinate(range: f64) -> impl Fn(&str) -> Result<f64, String> {
    move |v| match v.replace(',', ".").parse::<f64>() {
        Ok(x) if x.is_finite() && x.abs() <= range => Ok(x),
        _ => Err(format!(
            "{v:?} is not a coordinate between -{range} and {range}"
        )),
    }
}

/// `YYYY-MM-DDTHH:MM` (seconds and a space instead of `T` are accepted too).
fn local_date_time(v: &str) -> Result<jiff::civil::DateTime, String> {
    let normalised = v.replacen(' ', "T", 1);
    normalised
        .parse::<jiff::civil::DateTime>()
        .ok()
        .filter(|_| normalised.len() >= 16 && normalised.as_bytes().get(10) == Some(&b'T'))
        .ok_or_else(|| format!("{v:?} is not a local date and time like 2024-03-15T18:30"))
}

pub struct ServiceRow {
    pub line: u64,
    pub id: Option<CounterpartId>,
    pub code: String,
    pub name: String,
}

pub fn services(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<ServiceRow> {
    let rows = csv_file::parse(file, bytes, &["code", "name"], &[], problems);
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let code = c.required("code", |v| {
            if v.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
            {
                Ok(v.to_owned())
            } else {
                Err(format!("{v:?} is not a code of a–z, 0–9 and '_'"))
            }
        });
        let name = c.required("name", text);
        if let (Some(id), Some(code), Some(name), false) = (id, code, name, c.failed) {
            out.push(ServiceRow {
                line: row.line,
                id,
                code,
                name,
            });
        }
    }
    out
}

pub struct StaffRow {
    pub line: u64,
    pub id: Option<UserId>,
    pub username: Username,
    pub name: DisplayName,
    pub role: Role,
}

pub fn staff(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<StaffRow> {
    let rows = csv_file::parse(file, bytes, &["username", "name", "role"], &[], problems);
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let username = c.required("username", |v| Username::parse(v).map_err(|e| e.0));
        let name = c.required("name", |v| DisplayName::parse(v).map_err(|e| e.0));
        let role = c.required("role", code);
        if let (Some(id), Some(username), Some(name), Some(role), false) =
            (id, username, name, role, c.failed)
        {
            out.push(StaffRow {
                line: row.line,
                id,
                username,
                name,
                role,
            });
        }
    }
    out
}

pub struct PlaceRow {
    pub line: u64,
    pub id: Option<PlaceId>,
    pub district: String,
    pub place: String,
    pub kind: PlaceKind,
    pub school_level: Option<SchoolLevel>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

pub fn places(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<PlaceRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["district", "place", "kind"],
        &["school_level", "lat", "lon"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let district = c.required("district", text);
        let place = c.required("place", text);
        let kind = c.required("kind", code);
        let school_level = c.optional("school_level", code);
        let lat = c.optional("lat", coordinate(90.0));
        let lon = c.optional("lon", coordinate(180.0));
        if let (Some(lat), Some(lon)) = (lat, lon)
            && lat.is_some() != lon.is_some()
        {
            c.fail(
                if lat.is_some() { "lon" } else { "lat" },
                "give both lat and lon, or neither".to_owned(),
            );
        }
        if let (
            Some(id),
            Some(district),
            Some(place),
            Some(kind),
            Some(school_level),
            Some(lat),
            Some(lon),
            false,
        ) = (id, district, place, kind, school_level, lat, lon, c.failed)
        {
            out.push(PlaceRow {
                line: row.line,
                id,
                district,
                place,
                kind,
                school_level,
                lat,
                lon,
            });
        }
    }
    out
}

pub struct ContactRow {
    pub line: u64,
    pub id: Option<ContactId>,
    /// Whether the file gave the id (else import derives one).
    pub id_given: bool,
    pub occurred_at: jiff::civil::DateTime,
    pub place: String,
    pub channel: Channel,
    pub age_group: AgeGroup,
    pub gender: Gender,
    pub count: ContactCount,
    pub staff: Option<String>,
    pub topics: Vec<Topic>,
}

pub fn contacts(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<ContactRow> {
    let rows = csv_file::parse(
        file,
        bytes,
        &["occurred_at", "place", "channel", "age_group", "gender"],
        &["count", "staff", "topics"],
        problems,
    );
    let mut out = vec![];
    for row in &rows {
        let mut c = Cells::new(file, row, problems);
        let id = c.optional("id", id);
        let occurred_at = c.required("occurred_at", local_date_time);
        let place = c.required("place", text);
        let channel = c.required("channel", code);
        let age_group = c.required("age_group", code);
        let gender = c.required("gender", code);
        let count = c.optional("count", |v| {
            let n: i64 = v
                .parse()
                .map_err(|_| format!("{v:?} is not a whole number"))?;
            ContactCount::new(n).map_err(|e| e.0)
        });
        let staff = c.optional("staff", |v| Ok(v.to_owned()));
        let topics = c.optional("topics", |v| parse_topics(v).map_err(|e| e.0));
        if let (
            Some(id),
            Some(occurred_at),
            Some(place),
            Some(channel),
            Some(age_group),
            Some(gender),
            Some(count),
            Some(staff),
            Some(topics),
            false,
        ) = (
            id,
            occurred_at,
            place,
            channel,
            age_group,
            gender,
            count,
            staff,
            topics,
            c.failed,
        ) {
            let count = match count {
                Some(n) => n,
                None => match ContactCount::new(1) {
                    Ok(one) => one,
                    Err(_) => continue,
                },
            };
            out.push(ContactRow {
                line: row.line,
                id_given: id.is_some(),
                id,
                occurred_at,
                place,
                channel,
                age_group,
                gender,
                count,
                staff,
                topics: topics.unwrap_or_default(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_cell_is_named() {
        let text = "occurred_at,place,channel,age_group,gender,count\n\
                    2024-13-01T10:00,Torget,street,lower_secondary,female,1\n\
                    2024-05-01T10:00,Torget,bus,lower_secondary,female,1\n\
                    2024-05-01T10:00,Torget,street,teen,female,0\n\
                    2024-05-01T10:00,Torget,street,lower_secondary,female,2\n";
        let mut problems = vec![];
        let rows = contacts("contacts.csv", text.as_bytes(), &mut problems);
        let shown: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.file, p.line, p.column))
            .collect();
        assert_eq!(
            shown,
            vec![
                "contacts.csv:2: occurred_at",
                "contacts.csv:3: channel",
                "contacts.csv:4: age_group",
                "contacts.csv:4: count",
            ]
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].count.get(), 2);
    }

    #[test]
    fn local_times_need_a_date_and_a_time() {
        assert!(local_date_time("2024-03-15T18:30").is_ok());
        assert!(local_date_time("2024-03-15 18:30").is_ok());
        assert!(local_date_time("2024-03-15").is_err());
        assert!(local_date_time("15.03.2024 18:30").is_err());
    }
}
