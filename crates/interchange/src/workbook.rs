//! A bundle given as one .xlsx workbook (teams move in from spreadsheets): each sheet named like
//! a bundle file without `.csv` (`contacts`, `youths`, …) holds that file's columns, header row
//! first. Each sheet is turned into the CSV its file would hold, so the same rows, rules and
//! atomic import apply, and the sheet row of every CSV line is kept, so a problem reads
//! `FILE:SHEET!ROW: COLUMN: message` with ROW as the spreadsheet shows it.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use crate::bundle::{Bundle, MAX_UNPACKED_BYTES, Sheet};
use crate::{Problem, SUPPORTED_FILES};

/// Whether `bytes` are an .xlsx workbook (a .zip with a workbook part) rather than a .zip of
/// CSV files.
pub fn is_workbook(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map(|mut zip| zip.by_name("xl/workbook.xml").is_ok())
        .unwrap_or(false)
}

/// Reads the workbook's sheets into a bundle; `label` names the workbook in problems.
pub fn read_workbook(bytes: Vec<u8>, label: &str) -> Result<Bundle, Problem> {
    let fail = |message: String| Problem::new(label, 1, "file", message);
    unpacks_within(&bytes, label, MAX_UNPACKED_BYTES)?;
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable .xlsx workbook: {e}")))?;
    let mut bundle = Bundle::default();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| fail(format!("cannot read the sheet {name}: {e}")))?;
        let Some((first_row, _)) = range.start() else {
            // An empty sheet (a new workbook's "Sheet1") holds nothing to import.
            continue;
        };
        // `Contacts` is taken for `contacts`: spreadsheet users capitalize sheet names.
        let file = format!("{}.csv", name.trim().to_lowercase());
        if !SUPPORTED_FILES.contains(&file.as_str()) {
            let expected: Vec<&str> = SUPPORTED_FILES
                .iter()
                .map(|f| f.trim_end_matches(".csv"))
                .collect();
            return Err(Problem::in_sheet(
                label,
                &name,
                u64::from(first_row) + 1,
                "sheet",
                format!("unknown sheet (expected one of {})", expected.join(", ")),
            ));
        }
        let (csv, rows) = sheet_csv(&range, first_row, label, &name)?;
        bundle.sheets.push(Sheet {
            file: file.clone(),
            workbook: label.to_owned(),
            name: name.clone(),
            rows,
        });
        bundle.files.push((file, csv));
    }
    bundle.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(bundle)
}

/// The sheet as CSV text, and the sheet row (1-based) of each of its lines. Rows with no value
/// are left out (spreadsheets keep blank rows between blocks).
fn sheet_csv(
    range: &calamine::Range<Data>,
    first_row: u32,
    label: &str,
    sheet: &str,
) -> Result<(Vec<u8>, Vec<u64>), Problem> {
    let mut header: Vec<String> = vec![];
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(vec![]);
    let mut lines = vec![];
    for (i, row) in range.rows().enumerate() {
        let sheet_row = u64::from(first_row) + u64::try_from(i).unwrap_or(u64::MAX) + 1;
        if row.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let mut cells = Vec::with_capacity(row.len());
        for (c, cell) in row.iter().enumerate() {
            let column = header.get(c).map_or("header", String::as_str);
            cells.push(
                cell_text(cell).map_err(|message| {
                    Problem::in_sheet(label, sheet, sheet_row, column, message)
                })?,
            );
        }
        if header.is_empty() {
            header = cells.clone();
        }
        // A cell with a line break spans several CSV lines, each of which is this sheet row.
        let spans = 1 + cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        lines.extend(std::iter::repeat_n(sheet_row, spans));
        out.write_record(&cells)
            .map_err(|e| Problem::in_sheet(label, sheet, sheet_row, "row", e.to_string()))?;
    }
    let csv = out
        .into_inner()
        .map_err(|e| Problem::new(label, 1, "file", e.to_string()))?;
    Ok((csv, lines))
}

/// A cell as the CSV would spell it: dates as `YYYY-MM-DD`, times as `HH:MM`, whole numbers
/// without a decimal point.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date_time(d.as_f64(), uses_1904_dates(d))?,
        Data::Error(e) => return Err(format!("the cell holds the spreadsheet error {e}")),
    })
}

/// Whether the workbook counts dates from 1904 (Excel for Mac's old default, still set in some
/// files). calamine reads the flag but keeps it private; a value equal to the same serial
/// marked 1904 is one.
fn uses_1904_dates(d: &calamine::ExcelDateTime) -> bool {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    [ExcelDateTimeType::DateTime, ExcelDateTimeType::TimeDelta]
        .into_iter()
        .any(|kind| *d == ExcelDateTime::new(d.as_f64(), kind, true))
}

/// Days from 1899-12-30 (the 1900 system's day 0) to 1904-01-01 (the 1904 system's).
const DAYS_1900_TO_1904: i64 = 1462;

/// An Excel serial date-time (days since 1899-12-30 in the 1900 date system, since 1904-01-01 in
/// the 1904 one; below 1 a time of day) in the contract's spelling.
fn excel_date_time(serial: f64, from_1904: bool) -> Result<String, String> {
    let bad = || format!("the date cell {serial} is out of range");
    if !(0.0..2_958_466.0).contains(&serial) {
        return Err(bad());
    }
    // Whole minutes: a time typed as 18:30 is stored as a fraction that rounds back to it.
    let minutes = (serial * 1440.0).round() as i64;
    let (days, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let time = format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
    if days == 0 {
        return Ok(time);
    }
    // Excel counts a 29 February 1900 that never was: serials before it are one day late.
    let days = if from_1904 {
        days + DAYS_1900_TO_1904
    } else if days < 60 {
        days + 1
    } else {
        days
    };
    let date = jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(days))
        .map_err(|_| bad())?;
    Ok(if minute_of_day == 0 {
        date.to_string()
    } else {
        format!("{date}T{time}")
    })
}

/// Refuses a workbook whose parts unpack to more than `limit` bytes (a zip bomb), counted as
/// they unpack.
fn unpacks_within(bytes: &[u8], label: &str, limit: u64) -> Result<(), Problem> {
    let fail = |message: String| Problem::new(label, 1, "file", message);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable .xlsx workbook: {e}")))?;
    let mut left = limit;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| fail(format!("broken .xlsx part: {e}")))?;
        let unpacked = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| fail(format!("cannot unpack the workbook: {e}")))?;
        if unpacked > left {
            return Err(fail(format!(
                "the workbook unpacks to more than {} MiB; split it by year",
                limit / (1024 * 1024)
            )));
        }
        left -= unpacked;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_read_as_the_contract_spells_dates_and_times() {
        assert_eq!(excel_date_time(45_413.0, false).unwrap(), "2024-05-01");
        assert_eq!(
            excel_date_time(45_413.770_833_333, false).unwrap(),
            "2024-05-01T18:30"
        );
        assert_eq!(excel_date_time(0.75, false).unwrap(), "18:00");
        assert_eq!(excel_date_time(61.0, false).unwrap(), "1900-03-01");
        assert_eq!(excel_date_time(59.0, false).unwrap(), "1900-02-28");
        assert!(excel_date_time(-1.0, false).is_err());
    }

    #[test]
    fn a_workbook_counting_from_1904_gives_the_same_days() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // 1 May 2024 is serial 45 413 from 1900 and 43 951 from 1904.
        let from_1904 = Data::DateTime(ExcelDateTime::new(
            43_951.770_833_333,
            ExcelDateTimeType::DateTime,
            true,
        ));
        assert_eq!(cell_text(&from_1904).unwrap(), "2024-05-01T18:30");
        let from_1900 = Data::DateTime(ExcelDateTime::new(
            45_413.0,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(cell_text(&from_1900).unwrap(), "2024-05-01");
        let time = Data::DateTime(ExcelDateTime::new(0.75, ExcelDateTimeType::DateTime, true));
        assert_eq!(cell_text(&time).unwrap(), "18:00");
    }

    #[test]
    fn numbers_lose_no_digits_and_whole_ones_no_decimal_point() {
        assert_eq!(cell_text(&Data::Float(3.0)).unwrap(), "3");
        assert_eq!(cell_text(&Data::Float(59.95)).unwrap(), "59.95");
        assert_eq!(cell_text(&Data::Int(-4)).unwrap(), "-4");
        assert_eq!(cell_text(&Data::Bool(true)).unwrap(), "true");
        assert!(cell_text(&Data::Error(calamine::CellErrorType::Div0)).is_err());
    }
}
