//! The annual report's document in each file format: CSV (a .zip with one file per table),
//! XLSX (one sheet per section, counts as numbers, the first header frozen), HTML (one page that
//! stands alone) and PDF (A4, typeset by Typst, with contents and page numbers).

use std::io::Write;

use askama::Template;
use rust_xlsxwriter::{Workbook, XlsxError};

use crate::csv_tables::spreadsheet_safe;
use crate::document::{Cell, Document};

/// A cell for a spreadsheet program to open safely (see [`spreadsheet_safe`]); counts, which may
/// be negative in a difference column, are untouched.
fn csv_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => spreadsheet_safe(t).into_owned(),
        _ => cell.text(),
    }
}

/// A .zip holding one CSV per table, named by its section and subject (`2.1-kanal.csv`).
pub fn csv_zip(doc: &Document) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for table in doc.sections.iter().flat_map(|s| &s.tables) {
        let mut w = csv::Writer::from_writer(vec![]);
        w.write_record(&table.header).map_err(|e| e.to_string())?;
        for row in &table.rows {
            w.write_record(row.iter().map(csv_cell))
                .map_err(|e| e.to_string())?;
        }
        let bytes = w.into_inner().map_err(|e| e.to_string())?;
        zip.start_file(format!("{}.csv", table.slug), options)
            .map_err(|e| e.to_string())?;
        zip.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// A sheet's name from its section: `2.1 Oppsøkende sosialt feltarb` (at most 31 characters,
/// none of the characters a sheet name cannot hold).
fn sheet_name(number: &str, title: &str) -> String {
    format!("{number} {title}")
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// A workbook with one sheet per section: its tables one below the other, each under its
/// caption and header in bold; counts are numbers, hidden cells the text "<5"; the first
/// table's header stays in view when scrolling.
pub fn xlsx(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for section in doc.sections.iter().filter(|s| !s.tables.is_empty()) {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&section.number, &section.title))?;
        let mut line: u32 = 0;
        let widest = section
            .tables
            .iter()
            .map(|t| t.header.len())
            .max()
            .unwrap_or(1);
        for c in 0..widest {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.set_column_width(col, if c == 0 { 34 } else { 16 })?;
        }
        for (i, table) in section.tables.iter().enumerate() {
            sheet.write_string_with_format(line, 0, &table.caption, &bold)?;
            line += 1;
            for (c, title) in table.header.iter().enumerate() {
                let col = u16::try_from(c).unwrap_or(u16::MAX);
                sheet.write_string_with_format(line, col, title, &bold)?;
            }
            if i == 0 {
                sheet.set_freeze_panes(line + 1, 0)?;
            }
            line += 1;
            for row in &table.rows {
                for (c, cell) in row.iter().enumerate() {
                    let col = u16::try_from(c).unwrap_or(u16::MAX);
                    match cell {
                        Cell::Count(n) => {
                            // Counts in a year stay far below 2^53: exact as a spreadsheet number.
                            #[allow(clippy::cast_precision_loss)]
                            sheet.write_number(line, col, *n as f64)?;
                        }
                        other => {
                            sheet.write_string(line, col, other.text())?;
                        }
                    }
                }
                line += 1;
            }
            // A blank line between tables.
            line += 1;
        }
    }
    book.save_to_buffer()
}

#[derive(Template)]
#[template(path = "annual.html")]
struct Page<'a> {
    doc: &'a Document,
}

/// One HTML page with its own styles: no outside file is needed to read or print it.
pub fn html(doc: &Document) -> Result<String, askama::Error> {
    Page { doc }.render()
}

/// The file formats of the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Html,
    Pdf,
    Xlsx,
    /// A .zip of CSV tables.
    Csv,
}

/// The annual report (its public variant when `public`) in `format`: the one path the command
/// line and the web take, so both hide the same cells and show the same figures. A document
/// compares with `previous` (the year before) where that year has data; the JSON is the
/// contract's and stands alone. The error says what could not be made.
pub fn annual(
    report: &crate::AnnualReport,
    companions: &crate::companions::Companions,
    public: bool,
    service_name: &str,
    format: Format,
) -> Result<Vec<u8>, String> {
    let variant = |r: &crate::AnnualReport| {
        if public {
            crate::public::public(r)
        } else {
            serde_json::to_value(r)
        }
        .map_err(|e| e.to_string())
    };
    let value = variant(report)?;
    if format == Format::Json {
        let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        return Ok((text + "\n").into_bytes());
    }
    let mut doc = crate::document::document(&value, companions, service_name);
    if let Some(previous) = &companions.previous {
        // Last year's figures only: the time use and the school teams are this year's.
        let before = crate::document::document(
            &variant(previous)?,
            &crate::companions::Companions::default(),
            service_name,
        );
        crate::document::compare_with(&mut doc, &before);
    }
    match format {
        Format::Html => html(&doc)
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        Format::Pdf => pdf(&doc).map_err(|e| format!("the PDF could not be typeset: {e}")),
        Format::Xlsx => xlsx(&doc).map_err(|e| e.to_string()),
        Format::Json | Format::Csv => {
            csv_zip(&doc).map_err(|e| format!("the CSV files could not be written: {e}"))
        }
    }
}

static TYPST_TEMPLATE: &str = include_str!("../templates/annual.typ");

/// A4 PDF with contents, page numbers and the service's name in the header.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, String> {
    let data = serde_json::to_value(doc).map_err(|e| e.to_string())?;
    crate::typeset::pdf(TYPST_TEMPLATE, &data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_looks_like_a_formula_stays_text_in_csv() {
        assert_eq!(
            csv_cell(&Cell::Text("=HYPERLINK(\"x\")".into())),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(csv_cell(&Cell::Text("@sum".into())), "'@sum");
        assert_eq!(csv_cell(&Cell::Text("Torget".into())), "Torget");
        assert_eq!(csv_cell(&Cell::Count(-3)), "-3");
        assert_eq!(csv_cell(&Cell::Hidden), "<5");
    }
}
