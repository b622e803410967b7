//! The leader's prose of a year — foreword, mandate, history — kept with the year, and live
//! values in it: `{{ field_contacts.total }}` is replaced by that figure of the report the text
//! goes into (the public variant's "<5" in a public document), so the text and the tables can
//! never disagree.

use serde_json::Value;

use crate::document::group_thousands;

/// The kinds of prose a year has, in the order the report prints them.
pub const KINDS: [&str; 3] = ["foreword", "mandate", "history"];

/// A year's prose; an empty text is left out of the documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    pub foreword: String,
    pub mandate: String,
    pub history: String,
}

impl Prose {
    pub fn get(&self, kind: &str) -> &str {
        match kind {
            "foreword" => &self.foreword,
            "mandate" => &self.mandate,
            _ => &self.history,
        }
    }

    pub fn set(&mut self, kind: &str, text: String) {
        match kind {
            "foreword" => self.foreword = text,
            "mandate" => self.mandate = text,
            _ => self.history = text,
        }
    }
}

/// The most characters a text may hold: a few pages.
pub const MAX_CHARS: usize = 20_000;

/// A figure of the report by its dotted path, as the documents print it.
fn figure(report: &Value, path: &str) -> Option<String> {
    let mut at = report;
    for part in path.split('.') {
        at = match at {
            Value::Object(map) => map.get(part)?,
            Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match at {
        Value::Number(n) => Some(match n.as_i64() {
            Some(i) => group_thousands(i),
            None => n.to_string().replace('.', ","),
        }),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// `text` with every `{{ path }}` replaced by its figure in `report`; the paths that name no
/// single figure are returned, and stay in the text as `{{ path }}` so they are seen.
pub fn fill(text: &str, report: &Value) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut unknown = vec![];
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..open]);
        let path = rest[open + 2..open + 2 + close].trim();
        match figure(report, path) {
            Some(value) => out.push_str(&value),
            None => {
                unknown.push(path.to_owned());
                out.push_str(&rest[open..open + 2 + close + 2]);
            }
        }
        rest = &rest[open + 2 + close + 2..];
    }
    out.push_str(rest);
    (out, unknown)
}

/// The prose of `year` as stored.
pub async fn load(
    conn: &mut gatelangs_storage::AnyConnection,
    service: gatelangs_domain::ServiceId,
    year: i32,
) -> gatelangs_storage::Result<Prose> {
    let mut prose = Prose::default();
    for (kind, body) in gatelangs_storage::report_texts::of_year(conn, service, year).await? {
        if KINDS.contains(&kind.as_str()) {
            prose.set(&kind, body);
        }
    }
    Ok(prose)
}

/// Paragraphs: split on blank lines, lines within one joined by a space. Only ASCII white space
/// is folded: the no-break space that groups a figure's thousands stays.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| {
            p.split(|c: char| c.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn live_values_come_from_the_report_and_unknown_ones_are_named() {
        let report = json!({
            "field_contacts": {"total": 41878, "by_channel": {"school": "<5"}},
            "follow_up": {"share": 0.5},
        });
        let (text, unknown) = fill(
            "Vi hadde {{ field_contacts.total }} kontakter, {{field_contacts.by_channel.school}} på skolen, \
             {{ follow_up.share }} og {{ field_contacts.totl }}; {{ field_contacts }} er ingen figur. {{ åpen",
            &report,
        );
        assert_eq!(
            text,
            "Vi hadde 41\u{a0}878 kontakter, <5 på skolen, 0,5 og {{ field_contacts.totl }}; \
             {{ field_contacts }} er ingen figur. {{ åpen"
        );
        assert_eq!(unknown, vec!["field_contacts.totl", "field_contacts"]);
    }

    #[test]
    fn paragraphs_split_on_blank_lines_for_lf_and_crlf() {
        assert_eq!(
            paragraphs("Første linje\nfortsetter.\r\n\r\nAndre med 41\u{a0}878.\n\n\n"),
            vec!["Første linje fortsetter.", "Andre med 41\u{a0}878."]
        );
    }
}
