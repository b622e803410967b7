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
