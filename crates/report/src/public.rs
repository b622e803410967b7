//! The public variant of the annual report (`--public`): counts from 1 to 4 are hidden as `"<5"`
//! (primary suppression), and in every table whose total is known, more cells are hidden until no
//! hidden cell can be worked out from the total and the visible cells (secondary suppression).
//!
//! Secondary suppression hides the smallest visible count above zero (never a zero, which a
//! reader may know to be zero); the contract has one marker, so a secondarily hidden count reads
//! "<5" too (documented in docs/decisions/0023-public-report-suppression.md). It works on the
//! report as JSON so every format renders the very same hidden cells.

use serde_json::Value;

use crate::AnnualReport;

/// How a hidden count is written.
pub const HIDDEN: &str = "<5";

/// Sections that hold no counts of people (the year, the staffing plan's targets).
const NOT_COUNTS: [&str; 3] = ["service", "year", "staffing_plan"];

/// A leaf's place in the report: object keys from the top.
type Path = Vec<String>;

/// A total and the cells that add up to it.
struct Group {
    total: Path,
    cells: Vec<Path>,
}

fn path(parts: &[&str]) -> Path {
    parts.iter().map(|s| (*s).to_owned()).collect()
}

fn get<'a>(v: &'a Value, p: &[String]) -> Option<&'a Value> {
    p.iter().try_fold(v, |node, key| node.get(key))
}

fn get_mut<'a>(v: &'a mut Value, p: &[String]) -> Option<&'a mut Value> {
    p.iter().try_fold(v, |node, key| node.get_mut(key))
}

fn keys(v: &Value, p: &[String]) -> Vec<String> {
    get(v, p)
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn child(p: &[String], key: &str) -> Path {
    let mut out = p.to_vec();
    out.push(key.to_owned());
    out
}

/// Whether a cell of a two-way table can hold a count at all: a weekday has no `weekend` band
/// and Saturday and Sunday no `day` or `evening` (those cells are zero by definition, and
/// everyone knows it, so they protect nothing).
fn can_hold(table: &str, row: &str, column: &str) -> bool {
    if table != "by_weekday_and_time_band" {
        return true;
    }
    let weekend = matches!(row, "sat" | "sun");
    match column {
        "weekend" => weekend,
        "day" | "evening" => !weekend,
        _ => true,
    }
}

/// Every total of the report with the cells that add up to it.
fn groups(v: &Value) -> Vec<Group> {
    let mut out = vec![];
    let fc = path(&["field_contacts"]);
    let total = child(&fc, "total");
    for map in [
        "by_channel",
        "by_age_group",
        "by_gender",
        "by_time_band",
        "by_month",
    ] {
        let m = child(&fc, map);
        out.push(Group {
            total: total.clone(),
            cells: keys(v, &m).iter().map(|k| child(&m, k)).collect(),
        });
    }
    let districts = child(&fc, "by_district");
    out.push(Group {
        total: total.clone(),
        cells: keys(v, &districts)
            .iter()
            .map(|d| child(&child(&districts, d), "total"))
            .collect(),
    });
    for d in keys(v, &districts) {
        let district = child(&districts, &d);
        let places = child(&district, "places");
        out.push(Group {
            total: child(&district, "total"),
            cells: keys(v, &places).iter().map(|k| child(&places, k)).collect(),
        });
    }
    // Two-way tables: each row adds up to a cell of one one-way table, each column to another.
    for (table, rows_total, columns_total) in [
        ("by_age_group_and_gender", Some("by_age_group"), "by_gender"),
        ("by_weekday_and_time_band", None, "by_time_band"),
    ] {
        let t = child(&fc, table);
        let rows = keys(v, &t);
        let columns: Vec<String> = rows
            .first()
            .map(|r| keys(v, &child(&t, r)))
            .unwrap_or_default();
        if let Some(rt) = rows_total {
            for r in &rows {
                out.push(Group {
                    total: child(&child(&fc, rt), r),
                    cells: columns.iter().map(|c| child(&child(&t, r), c)).collect(),
                });
            }
        }
        for c in &columns {
            out.push(Group {
                total: child(&child(&fc, columns_total), c),
                cells: rows
                    .iter()
                    .filter(|r| can_hold(table, r, c))
                    .map(|r| child(&child(&t, r), c))
                    .collect(),
            });
        }
    }
    let groups = path(&["groups"]);
    let by_group = child(&groups, "by_group");
    for figure in ["sessions", "attendances"] {
        out.push(Group {
            total: child(&groups, figure),
            cells: keys(v, &by_group)
                .iter()
                .map(|g| child(&child(&by_group, g), figure))
                .collect(),
        });
    }
    let collab = path(&["collaborations"]);
    out.push(Group {
        total: child(&collab, "total"),
        cells: ["incoming", "outgoing"]
            .iter()
            .flat_map(|dir| {
                let m = child(&collab, dir);
                keys(v, &m)
                    .into_iter()
                    .map(move |k| child(&m, &k))
                    .collect::<Vec<_>>()
            })
            .collect(),
    });
    let inquiries = path(&["inquiries"]);
    let by_service = child(&inquiries, "by_service");
    out.push(Group {
        total: child(&inquiries, "total"),
        cells: keys(v, &by_service)
            .iter()
            .map(|k| child(&by_service, k))
            .collect(),
    });
    out
}

/// Hides every count from 1 to 4 under `node`.
fn hide_small(node: &mut Value) {
    match node {
        Value::Object(map) => map.values_mut().for_each(hide_small),
        Value::Array(items) => items.iter_mut().for_each(hide_small),
        Value::Number(n) if n.as_i64().is_some_and(|n| (1..=4).contains(&n)) => {
            *node = Value::from(HIDDEN);
        }
        _ => {}
    }
}

fn is_hidden(v: &Value, p: &[String]) -> bool {
    get(v, p).is_some_and(Value::is_string)
}

/// Hides more cells until no table has exactly one hidden member (which its total and the
/// visible cells would give away).
fn hide_recomputable(v: &mut Value, groups: &[Group]) {
    loop {
        let mut changed = false;
        for g in groups {
            let members: Vec<&Path> = std::iter::once(&g.total).chain(g.cells.iter()).collect();
            if members.iter().any(|p| get(v, p).is_none()) {
                continue;
            }
            if members.iter().filter(|p| is_hidden(v, p)).count() != 1 {
                continue;
            }
            // The smallest visible count above zero (at least 5, so the hidden cells add up to
            // more than any small count); the total only if no such cell is left. A zero is never
            // chosen: a reader may know it is zero (a month still to come), so hiding it hides
            // nothing.
            let pick = g
                .cells
                .iter()
                .filter_map(|p| get(v, p).and_then(Value::as_i64).map(|n| (n, p)))
                .filter(|(n, _)| *n > 0)
                .min_by_key(|(n, _)| *n)
                .map(|(_, p)| p)
                .or_else(|| (!is_hidden(v, &g.total)).then_some(&g.total));
            if let Some(p) = pick.cloned()
                && let Some(cell) = get_mut(v, &p)
            {
                *cell = Value::from(HIDDEN);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The public variant of `report` as JSON, with `"suppressed": true`.
pub fn public(report: &AnnualReport) -> Result<Value, serde_json::Error> {
    let mut v = serde_json::to_value(report)?;
    let groups = groups(&v);
    if let Value::Object(map) = &mut v {
        for (key, section) in map.iter_mut() {
            if !NOT_COUNTS.contains(&key.as_str()) {
                hide_small(section);
            }
        }
    }
    hide_recomputable(&mut v, &groups);
    if let Value::Object(map) = &mut v {
        map.insert("suppressed".into(), Value::Bool(true));
    }
    Ok(v)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report_with(by_channel: Value, districts: Value) -> Value {
        json!({
            "service": "s", "year": 2024,
            "field_contacts": {"total": 40, "by_channel": by_channel, "by_district": districts},
            "staffing_plan": [{"shift": "day", "teams": {"mon": [1, 2]}}]
        })
    }

    fn run(mut v: Value) -> Value {
        let groups = groups(&v);
        if let Value::Object(map) = &mut v {
            for (key, section) in map.iter_mut() {
                if !NOT_COUNTS.contains(&key.as_str()) {
                    hide_small(section);
                }
            }
        }
        hide_recomputable(&mut v, &groups);
        v
    }

    #[test]
    fn a_lone_small_cell_never_takes_a_zero_with_it_and_targets_stay() {
        let v = run(report_with(
            json!({"street": 3, "school": 0, "digital": 37}),
            json!({}),
        ));
        let c = &v["field_contacts"]["by_channel"];
        assert_eq!(c["street"], HIDDEN);
        assert_eq!(c["school"], 0, "a zero protects nothing");
        assert_eq!(c["digital"], HIDDEN);
        assert_eq!(v["staffing_plan"][0]["teams"]["mon"], json!([1, 2]));
        assert_eq!(v["year"], 2024);
    }

    #[test]
    fn without_a_zero_the_smallest_other_cell_is_hidden() {
        let v = run(report_with(
            json!({"street": 3, "school": 12, "digital": 25}),
            json!({}),
        ));
        let c = &v["field_contacts"]["by_channel"];
        assert_eq!(
            (c["street"].clone(), c["school"].clone()),
            (json!(HIDDEN), json!(HIDDEN))
        );
        assert_eq!(c["digital"], 25);
    }

    #[test]
    fn cells_that_are_zero_by_definition_are_no_cover() {
        // Saturday's weekend count of 3: Friday's weekend cell is zero by definition, so Sunday's
        // must be hidden with it.
        let mut v = report_with(json!({"street": 43, "school": 0, "digital": 0}), json!({}));
        v["field_contacts"]["by_time_band"] =
            json!({"day": 0, "evening": 0, "weekend": 43, "night": 0});
        let mut table = serde_json::Map::new();
        for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
            let weekend = match d {
                "sat" => 3,
                "sun" => 40,
                _ => 0,
            };
            table.insert(
                d.into(),
                json!({"day": 0, "evening": 0, "weekend": weekend, "night": 0}),
            );
        }
        v["field_contacts"]["by_weekday_and_time_band"] = Value::Object(table);
        let v = run(v);
        let t = &v["field_contacts"]["by_weekday_and_time_band"];
        assert_eq!(t["sat"]["weekend"], HIDDEN);
        assert_eq!(t["sun"]["weekend"], HIDDEN);
        assert_eq!(t["fri"]["weekend"], 0);
    }

    #[test]
    fn hiding_cascades_from_places_to_districts() {
        // One district with a place of 2 and a place of 8: the district total (10) stays
        // visible, so the 8 is hidden too; the districts' own table is then untouched.
        let v = run(report_with(
            json!({"street": 40, "school": 0, "digital": 0}),
            json!({"A": {"total": 10, "places": {"p": 2, "q": 8}}, "B": {"total": 30, "places": {"r": 30}}}),
        ));
        let d = &v["field_contacts"]["by_district"];
        assert_eq!(d["A"]["places"]["p"], HIDDEN);
        assert_eq!(d["A"]["places"]["q"], HIDDEN);
        assert_eq!(d["A"]["total"], 10);
        // A district with one place of 3: place and district hidden, then another district.
        let v = run(report_with(
            json!({"street": 40, "school": 0, "digital": 0}),
            json!({"A": {"total": 3, "places": {"p": 3}}, "B": {"total": 37, "places": {"r": 37}}}),
        ));
        let d = &v["field_contacts"]["by_district"];
        assert_eq!(d["A"]["total"], HIDDEN);
        assert_eq!(d["B"]["total"], HIDDEN, "else 40 − 37 gives A away");
        assert_eq!(d["B"]["places"]["r"], HIDDEN, "else B's place gives B away");
    }
}
