//! Sections 2.4 (groups), 2.7 (prevention and information work) and 2.8 (trends) of the annual
//! report. Maps over fixed code sets hold every code, zeros included (the contract).

use std::collections::BTreeMap;

use gatelangs_domain::groups::{PreventionKind, Theme};
use gatelangs_storage::groups::YearFigures;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GroupFigures {
    pub sessions: u64,
    pub attendances: u64,
}

/// `groups`: sessions are distinct (group, date) pairs; `by_group` holds the groups that met.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Groups {
    pub sessions: u64,
    pub attendances: u64,
    pub unique_named: u64,
    pub unique_anonymous: u64,
    pub by_group: BTreeMap<String, GroupFigures>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PreventionFigures {
    pub events: u64,
    pub classes: u64,
    pub participants: u64,
}

/// `observations`: `by_theme` counts the observations naming each theme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Observations {
    pub total: u64,
    pub by_theme: BTreeMap<String, u64>,
}

pub fn groups(f: YearFigures) -> Groups {
    Groups {
        sessions: f.sessions,
        attendances: f.attendances,
        unique_named: f.unique_named,
        unique_anonymous: f.unique_anonymous,
        by_group: f
            .by_group
            .into_iter()
            .map(|(name, (sessions, attendances))| {
                (
                    name,
                    GroupFigures {
                        sessions,
                        attendances,
                    },
                )
            })
            .collect(),
    }
}

/// Every prevention kind, from (events, classes, participants) per kind.
pub fn prevention(
    f: &BTreeMap<PreventionKind, (u64, u64, u64)>,
) -> BTreeMap<String, PreventionFigures> {
    PreventionKind::ALL
        .iter()
        .map(|kind| {
            let (events, classes, participants) = f.get(kind).copied().unwrap_or_default();
            (
                kind.as_str().to_owned(),
                PreventionFigures {
                    events,
                    classes,
                    participants,
                },
            )
        })
        .collect()
}

pub fn observations(total: u64, by_theme: &BTreeMap<Theme, u64>) -> Observations {
    Observations {
        total,
        by_theme: Theme::ALL
            .iter()
            .map(|t| (t.as_str().to_owned(), by_theme.get(t).copied().unwrap_or(0)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_theme_is_in_the_maps() {
        let p = prevention(&BTreeMap::from([(PreventionKind::Talk, (2, 0, 40))]));
        assert_eq!(p.len(), PreventionKind::ALL.len());
        assert_eq!(p["talk"].participants, 40);
        assert_eq!(p["parent_meeting"], PreventionFigures::default());
        let o = observations(3, &BTreeMap::from([(Theme::Gangs, 2)]));
        assert_eq!(o.by_theme.len(), Theme::ALL.len());
        assert_eq!((o.by_theme["gangs"], o.by_theme["violence"]), (2, 0));
    }
}

/// A count as published for the collaboration forums: counts from 1 to 4 are not shown, so a
/// small group of youths cannot be recognised from a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Count(u64),
    UnderFive,
}

impl Cell {
    pub fn of(n: u64) -> Self {
        if (1..5).contains(&n) {
            Cell::UnderFive
        } else {
            Cell::Count(n)
        }
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Count(n) => write!(f, "{n}"),
            Cell::UnderFive => f.write_str("<5"),
        }
    }
}

/// One district's row of the trend summary: its notes and how many named each theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRow {
    pub district: String,
    pub notes: Cell,
    pub by_theme: Vec<Cell>,
}

/// The trend summary of a period: a row per district that has notes (by name), themes in the
/// order of [`Theme::ALL`], every count from 1 to 4 hidden.
pub fn trend_summary<'a>(notes: impl IntoIterator<Item = (&'a str, &'a [Theme])>) -> Vec<TrendRow> {
    let mut per: BTreeMap<&str, (u64, BTreeMap<Theme, u64>)> = BTreeMap::new();
    for (district, themes) in notes {
        let e = per.entry(district).or_default();
        e.0 += 1;
        for t in themes {
            *e.1.entry(*t).or_default() += 1;
        }
    }
    per.into_iter()
        .map(|(district, (n, themes))| TrendRow {
            district: district.to_owned(),
            notes: Cell::of(n),
            by_theme: Theme::ALL
                .iter()
                .map(|t| Cell::of(themes.get(t).copied().unwrap_or(0)))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod trend_tests {
    use super::*;

    #[test]
    fn no_count_from_one_to_four_is_shown() {
        assert_eq!(Cell::of(0).to_string(), "0");
        assert_eq!(Cell::of(1).to_string(), "<5");
        assert_eq!(Cell::of(4).to_string(), "<5");
        assert_eq!(Cell::of(5).to_string(), "5");
        let gangs: &[Theme] = &[Theme::Gangs];
        let both: &[Theme] = &[Theme::Gangs, Theme::Crime];
        let mut notes = vec![("Sentrum", both); 2];
        notes.extend(vec![("Sentrum", gangs); 4]);
        notes.push(("Nord", gangs));
        let rows = trend_summary(notes);
        assert_eq!(rows[0].district, "Nord");
        assert_eq!(rows[0].notes, Cell::UnderFive);
        assert_eq!(rows[1].notes, Cell::Count(6));
        let at = |t: Theme| Theme::ALL.iter().position(|x| *x == t).unwrap();
        assert_eq!(rows[1].by_theme[at(Theme::Gangs)], Cell::Count(6));
        assert_eq!(rows[1].by_theme[at(Theme::Crime)], Cell::UnderFive);
        assert_eq!(rows[1].by_theme[at(Theme::Violence)], Cell::Count(0));
    }
}
