//! The report's tables as CSV, for the download links beside each table and chart.

use crate::field_contacts::{FieldContacts, WEEKDAYS};

/// A table: a header row and data rows.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Text for a spreadsheet program to open safely: a cell that starts like a formula (a place
/// named "=HYPERLINK(…)") gets a leading apostrophe, so it stays text. Counts never start so.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

impl Table {
    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(vec![]);
        w.write_record(self.header.iter().map(|h| spreadsheet_safe(h).into_owned()))?;
        for row in &self.rows {
            w.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()))?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Contacts per district and place, with last year's figure beside this year's.
pub fn districts(this: &FieldContacts, last: &FieldContacts) -> Table {
    let mut rows = vec![];
    for (district, figures) in &this.by_district {
        for (place, n) in &figures.places {
            let before = last
                .by_district
                .get(district)
                .and_then(|d| d.places.get(place))
                .copied()
                .unwrap_or(0);
            rows.push(vec![
                district.clone(),
                place.clone(),
                n.to_string(),
                before.to_string(),
            ]);
        }
    }
    Table {
        header: vec![
            "district".into(),
            "place".into(),
            "contacts".into(),
            "previous_year".into(),
        ],
        rows,
    }
}

pub fn channels(fc: &FieldContacts) -> Table {
    let c = &fc.by_channel;
    Table {
        header: vec!["channel".into(), "contacts".into()],
        rows: vec![
            vec!["street".into(), c.street.to_string()],
            vec!["school".into(), c.school.to_string()],
            vec!["digital".into(), c.digital.to_string()],
        ],
    }
}

pub fn age_gender(fc: &FieldContacts) -> Table {
    let genders = ["male", "female", "other", "unknown"];
    let rows = fc
        .by_age_group_and_gender
        .iter()
        .map(|(age, by_gender)| {
            let mut row = vec![age.clone()];
            row.extend(
                genders
                    .iter()
                    .map(|g| by_gender.get(*g).copied().unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    let mut header = vec!["age_group".to_owned()];
    header.extend(genders.iter().map(|g| (*g).to_owned()));
    Table { header, rows }
}

pub fn months(fc: &FieldContacts) -> Table {
    Table {
        header: vec!["month".into(), "contacts".into()],
        rows: fc
            .by_month
            .iter()
            .map(|(m, n)| vec![m.clone(), n.to_string()])
            .collect(),
    }
}

pub fn weekday_time_band(fc: &FieldContacts) -> Table {
    let bands = ["day", "evening", "weekend", "night"];
    let rows = WEEKDAYS
        .iter()
        .map(|day| {
            let mut row = vec![(*day).to_owned()];
            let by_band = fc.by_weekday_and_time_band.get(*day);
            row.extend(bands.iter().map(|b| {
                by_band
                    .and_then(|m| m.get(*b))
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            }));
            row
        })
        .collect();
    let mut header = vec!["weekday".to_owned()];
    header.extend(bands.iter().map(|b| (*b).to_owned()));
    Table { header, rows }
}

#[cfg(test)]
mod formula_tests {
    use super::Table;

    #[test]
    fn a_download_keeps_text_that_looks_like_a_formula_as_text() {
        let table = Table {
            header: vec!["Sted".into(), "Treff".into()],
            rows: vec![
                vec!["=HYPERLINK(\"http://x\")".into(), "3".into()],
                vec!["@SUM(A1)".into(), "0".into()],
                vec!["Torget".into(), "12".into()],
            ],
        };
        let csv = table.to_csv().unwrap_or_default();
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",3"), "{csv}");
        assert!(csv.contains("'@SUM(A1),0"), "{csv}");
        assert!(csv.contains("\nTorget,12\n"), "{csv}");
    }
}
