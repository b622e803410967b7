//! The rules every bundle file shares: UTF-8 (a byte-order mark is accepted), RFC 4180, a
//! header row naming the columns in any order, no unknown or duplicate column, and rows as long
//! as the header.

use std::collections::HashMap;

use crate::Problem;

/// One data row: its starting line and its cells by column name (trimmed; empty = no value).
pub struct Row {
    pub line: u64,
    cells: HashMap<String, String>,
}

impl Row {
    pub fn get(&self, column: &str) -> Option<&str> {
        self.cells
            .get(column)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Parses `bytes` as file `name` whose columns are `required` and `optional` (`id` is always
/// allowed). Problems are pushed to `problems`; the rows that could be read are returned.
/// The line a record starting at a byte offset is on, as a text editor counts (the first line
/// is 1), for LF and CRLF files alike. The csv reader's own line count is one short after CRLF:
/// it reports a record's start before it has read the `\n` that ends the previous one. So skip
/// the line ending the position may still point at, then count the `\n`s before it. Records
/// come in order, so counting goes on from the previous record (a file is read once, not once
/// per row).
struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    newlines: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            counted_to: 0,
            newlines: 0,
        }
    }

    fn at(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at < self.counted_to {
            // Never expected (positions only grow); count afresh rather than be wrong.
            self.counted_to = 0;
            self.newlines = 0;
        }
        self.newlines += self.bytes[self.counted_to..at]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.counted_to = at;
        1 + self.newlines
    }
}

pub fn parse(
    name: &str,
    bytes: &[u8],
    required: &[&str],
    optional: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<Row> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        problems.push(Problem::new(
            name,
            line as u64,
            "file",
            "the file is not UTF-8 text",
        ));
        return vec![];
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            problems.push(Problem::new(
                name,
                1,
                "file",
                "the file is empty; the first row must name the columns",
            ));
            return vec![];
        }
        Some(Err(e)) => {
            problems.push(Problem::new(
                name,
                1,
                "file",
                format!("cannot read the header: {e}"),
            ));
            return vec![];
        }
        Some(Ok(h)) => h,
    };
    let mut lines = Lines::new(bytes);
    let header_line = header.position().map_or(1, |p| lines.at(p.byte()));
    let columns: Vec<String> = header.iter().map(|c| c.trim().to_owned()).collect();
    let allowed: Vec<&str> = required
        .iter()
        .chain(optional)
        .copied()
        .chain(["id"])
        .collect();
    let mut header_ok = true;
    for (i, col) in columns.iter().enumerate() {
        if !allowed.contains(&col.as_str()) {
            let expected = required
                .iter()
                .map(|c| (*c).to_owned())
                .chain(optional.iter().map(|c| format!("[{c}]")))
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(Problem::new(
                name,
                header_line,
                col,
                format!("unknown column (expected {expected}, [id])"),
            ));
            header_ok = false;
        } else if columns[..i].contains(col) {
            problems.push(Problem::new(
                name,
                header_line,
                col,
                "the column appears twice",
            ));
            header_ok = false;
        }
    }
    for req in required {
        if !columns.iter().any(|c| c == req) {
            problems.push(Problem::new(
                name,
                header_line,
                req,
                "missing required column",
            ));
            header_ok = false;
        }
    }
    if !header_ok {
        return vec![];
    }
    let mut rows = vec![];
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(p.byte()));
                problems.push(Problem::new(
                    name,
                    line,
                    "row",
                    format!("cannot read the row: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.at(p.byte()));
        if record.len() == 1 && record.get(0).is_some_and(|v| v.trim().is_empty()) {
            continue;
        }
        if record.len() < columns.len() {
            let missing = &columns[record.len()];
            problems.push(Problem::new(
                name,
                line,
                missing,
                format!(
                    "missing: the row has {} fields, the header {}",
                    record.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        if record.len() > columns.len() {
            problems.push(Problem::new(
                name,
                line,
                &format!("field {}", columns.len() + 1),
                format!(
                    "the row has {} fields, the header only {}",
                    record.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let cells = columns
            .iter()
            .cloned()
            .zip(record.iter().map(|v| v.trim().to_owned()))
            .collect();
        rows.push(Row { line, cells });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<Row>, Vec<String>) {
        let mut problems = vec![];
        let rows = parse("t.csv", text.as_bytes(), &["a", "b"], &["c"], &mut problems);
        (rows, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn columns_may_come_in_any_order_with_a_bom_and_crlf() {
        let (rows, problems) = run("\u{feff}b,a\r\n2,1\r\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            (rows[0].get("a"), rows[0].get("b"), rows[0].get("c")),
            (Some("1"), Some("2"), None)
        );
    }

    #[test]
    fn header_problems_are_named() {
        let (_, problems) = run("a,colour\n1,2\n");
        assert_eq!(
            problems,
            vec![
                "t.csv:1: colour: unknown column (expected a, b, [c], [id])".to_owned(),
                "t.csv:1: b: missing required column".to_owned(),
            ]
        );
    }

    #[test]
    fn rows_start_on_the_right_line_after_a_quoted_newline() {
        let (rows, problems) = run("a,b,c\n1,\"two\nlines\",x\n3\n");
        assert_eq!(rows[0].line, 2);
        assert_eq!(
            problems,
            vec!["t.csv:4: b: missing: the row has 1 fields, the header 3".to_owned()]
        );
    }

    #[test]
    fn bad_bytes_are_located() {
        let mut problems = vec![];
        parse(
            "t.csv",
            b"a,b\n1,2\n3,\xff\n",
            &["a", "b"],
            &[],
            &mut problems,
        );
        assert_eq!(
            problems[0].to_string(),
            "t.csv:3: file: the file is not UTF-8 text"
        );
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    fn lines(text: &str) -> Vec<u64> {
        let mut problems = vec![];
        let rows = parse("f.csv", text.as_bytes(), &["a"], &["b"], &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn lines_are_counted_as_an_editor_shows_them_for_lf_and_crlf() {
        let lf = "a,b\n1,x\n\n2,\"two\nlines\"\n3,y\n";
        assert_eq!(lines(lf), vec![2, 4, 6]);
        assert_eq!(lines(&lf.replace('\n', "\r\n")), vec![2, 4, 6]);
        // The last row without a line ending; a byte-order mark before the header.
        assert_eq!(lines("a,b\r\n1,x\r\n2,y"), vec![2, 3]);
        assert_eq!(
            lines(&format!("\u{feff}{}", lf.replace('\n', "\r\n"))),
            vec![2, 4, 6]
        );
    }

    #[test]
    fn a_problem_in_a_crlf_file_names_its_line() {
        let mut problems = vec![];
        parse(
            "f.csv",
            b"a,b\r\n1,x\r\n2,y,z\r\n",
            &["a"],
            &["b"],
            &mut problems,
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
    }
}
