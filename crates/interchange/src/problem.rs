//! One thing wrong with a bundle, located to the file, line and column: `FILE:LINE: COLUMN:
//! message`, or for a workbook's sheet `FILE:SHEET!ROW: COLUMN: message`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// The sheet, when the bundle is a workbook; `line` is then the sheet's row.
    pub sheet: Option<String>,
    pub line: u64,
    pub column: String,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, line: u64, column: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            sheet: None,
            line,
            column: column.to_owned(),
            message: message.into(),
        }
    }
}

impl Problem {
    /// A problem at `row` of the workbook `file`'s `sheet`.
    pub fn in_sheet(
        file: &str,
        sheet: &str,
        row: u64,
        column: &str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            sheet: Some(sheet.to_owned()),
            ..Self::new(file, row, column, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            return write!(
                f,
                "{}:{sheet}!{}: {}: {}",
                self.file, self.line, self.column, self.message
            );
        }
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}
