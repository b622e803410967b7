//! The planner against the rules it must keep and against a brute force on weeks small enough to
//! try every pattern.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use gatelangs_domain::staffing::{Conflict, Duty, ShiftHours, Weekday, conflicts, parse_clock};
use gatelangs_planner::{Pin, PlanError, Problem, Requirement, ShiftTemplate, solve};
use jiff::ToSpan;
use jiff::civil::date;
use jiff::tz::TimeZone;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn shift(name: &str, s: &str, e: &str) -> ShiftTemplate {
    ShiftTemplate {
        name: name.into(),
        hours: ShiftHours::new(parse_clock(s).unwrap(), parse_clock(e).unwrap()).unwrap(),
    }
}

fn reference_shifts() -> Vec<ShiftTemplate> {
    vec![
        shift("day", "08:30", "15:30"),
        shift("evening", "14:30", "22:15"),
        shift("night", "16:00", "01:00"),
    ]
}

/// A small, seeded generator: the same "random" problems on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn value(&mut self) -> f64 {
        // Contacts per team-shift: often nothing, else up to 30 with two decimals.
        if self.next().is_multiple_of(4) {
            0.0
        } else {
            (self.next() % 3000) as f64 / 100.0
        }
    }
}

fn problem(
    staff: u32,
    hours: f64,
    shifts: Vec<ShiftTemplate>,
    districts: &[&str],
    seed: u64,
) -> Problem {
    let mut rng = Lcg(seed);
    let mut value = BTreeMap::new();
    for w in WEEKDAYS {
        for s in &shifts {
            for d in districts {
                value.insert((w, s.name.clone(), (*d).to_owned()), rng.value());
            }
        }
    }
    Problem {
        staff,
        hours_per_week: hours,
        shifts,
        districts: districts.iter().map(|d| (*d).to_owned()).collect(),
        value,
        requirements: vec![],
        pins: vec![],
        max_teams_per_district: 2,
    }
}

/// Every rule a plan must keep, checked from its own rota with the rota's rule book.
fn assert_keeps_the_rules(p: &Problem, plan: &gatelangs_planner::Plan) {
    let tz = TimeZone::get("Europe/Oslo").unwrap();
    let hours_of = |name: &str| p.shifts.iter().find(|s| s.name == name).unwrap().hours;
    assert_eq!(plan.rota.len(), p.staff as usize);
    let mut people_on: BTreeMap<(Weekday, String), u32> = BTreeMap::new();
    for (person, week) in plan.rota.iter().enumerate() {
        let worked: f64 = week
            .iter()
            .map(|(_, s)| hours_of(s).minutes() as f64 / 60.0)
            .sum();
        assert!(
            worked <= p.hours_per_week + 1e-9,
            "person {person} works {worked} h"
        );
        // Two weeks of the pattern in a row, in a week without a clock change, so the rest
        // across Sunday to Monday is checked too.
        let first_monday = date(2024, 3, 4);
        let duties: Vec<Duty<usize>> = (0..14)
            .flat_map(|offset| {
                let day = first_monday.checked_add(offset.days()).unwrap();
                week.iter()
                    .filter(move |(w, _)| *w == Weekday::of(day))
                    .map(move |(_, s)| Duty {
                        day,
                        shift: s.clone(),
                        hours: hours_of(s),
                        staff: vec![person],
                    })
            })
            .collect();
        let broken: Vec<_> = conflicts(&duties, &tz)
            .into_iter()
            .filter(|c| !matches!(c, Conflict::TeamOfOne { .. }))
            .collect();
        assert!(broken.is_empty(), "person {person}: {broken:?} in {week:?}");
        for slot in week {
            *people_on.entry(slot.clone()).or_default() += 1;
        }
    }
    let mut teams_on: BTreeMap<(Weekday, String), u32> = BTreeMap::new();
    for t in &plan.weekly_team_shifts {
        assert!(t.teams >= 1 && t.teams <= p.max_teams_per_district);
        *teams_on.entry((t.weekday, t.shift.clone())).or_default() += t.teams;
    }
    assert_eq!(
        people_on,
        teams_on.iter().map(|(k, n)| (k.clone(), 2 * n)).collect(),
        "every team is two people"
    );
    let team_hours: f64 = plan
        .weekly_team_shifts
        .iter()
        .map(|t| t.teams as f64 * hours_of(&t.shift).minutes() as f64 / 60.0)
        .sum();
    assert!((team_hours - plan.team_hours_per_week).abs() < 0.01);
    assert!(2.0 * plan.team_hours_per_week <= p.staff as f64 * p.hours_per_week + 1e-6);
    for r in &p.requirements {
        let n: u32 = r.slots.iter().map(|(w, s)| plan.teams_on(*w, s)).sum();
        assert!(n >= r.min_teams, "{r:?}");
    }
    for pin in &p.pins {
        let n: u32 = plan
            .weekly_team_shifts
            .iter()
            .filter(|t| {
                t.weekday == pin.weekday && t.shift == pin.shift && t.district == pin.district
            })
            .map(|t| t.teams)
            .sum();
        assert_eq!(n, pin.teams, "{pin:?}");
    }
}

/// The best week for one team (two staff) by trying every set of slots.
fn brute_force_one_team(p: &Problem) -> f64 {
    let slots: Vec<(Weekday, &ShiftTemplate)> = WEEKDAYS
        .iter()
        .flat_map(|w| p.shifts.iter().map(move |s| (*w, s)))
        .collect();
    let best_value = |w: Weekday, s: &ShiftTemplate| {
        p.districts
            .iter()
            .map(|d| p.value[&(w, s.name.clone(), d.clone())])
            .fold(0.0, f64::max)
    };
    let tz = TimeZone::get("Europe/Oslo").unwrap();
    let mut best = 0.0_f64;
    for mask in 0u32..(1 << slots.len()) {
        let chosen: Vec<_> = (0..slots.len()).filter(|i| mask & (1 << i) != 0).collect();
        let hours: f64 = chosen
            .iter()
            .map(|&i| slots[i].1.hours.minutes() as f64 / 60.0)
            .sum();
        if hours > p.hours_per_week {
            continue;
        }
        let value: f64 = chosen
            .iter()
            .map(|&i| best_value(slots[i].0, slots[i].1))
            .sum();
        if value <= best {
            continue;
        }
        let first_monday = date(2024, 3, 4);
        let (slots, chosen) = (&slots, &chosen);
        let duties: Vec<Duty<u8>> = (0..14)
            .flat_map(|offset| {
                let day = first_monday.checked_add(offset.days()).unwrap();
                chosen
                    .iter()
                    .filter(move |&&i| slots[i].0 == Weekday::of(day))
                    .map(move |&i| Duty {
                        day,
                        shift: slots[i].1.name.clone(),
                        hours: slots[i].1.hours,
                        staff: vec![0, 1],
                    })
            })
            .collect();
        if conflicts(&duties, &tz).is_empty() {
            best = value;
        }
    }
    best
}

#[test]
fn the_planner_finds_the_best_week_a_brute_force_finds() {
    let shifts = vec![
        shift("day", "08:30", "15:30"),
        shift("evening", "14:30", "22:15"),
    ];
    for seed in 1..=12 {
        let p = problem(2, 30.0, shifts.clone(), &["Sentrum", "Nord"], seed);
        let plan = solve(&p).unwrap();
        assert_keeps_the_rules(&p, &plan);
        let best = brute_force_one_team(&p);
        assert!(
            (plan.expected_contacts_per_week - best).abs() < 0.011,
            "seed {seed}: planner {} against {best}",
            plan.expected_contacts_per_week
        );
    }
}

#[test]
fn a_known_best_pattern_is_found() {
    // Four staff, 15 hours each: four team-shifts of 7 h fit in 30 team-hours. Fridays and
    // Saturdays in Sentrum are worth most; the evenings cannot follow each other's day shift.
    let mut p = problem(
        4,
        15.0,
        vec![
            shift("day", "08:30", "15:30"),
            shift("evening", "15:00", "22:00"),
        ],
        &["Sentrum", "Nord"],
        0,
    );
    p.value = BTreeMap::new();
    for (w, s, d, v) in [
        (Weekday::Fri, "evening", "Sentrum", 40.0),
        (Weekday::Sat, "evening", "Sentrum", 30.0),
        (Weekday::Sat, "evening", "Nord", 25.0),
        (Weekday::Sat, "day", "Nord", 100.0), // conflicts with Friday's evening for the same people
        (Weekday::Wed, "day", "Nord", 5.0),
    ] {
        p.value.insert((w, s.to_owned(), d.to_owned()), v);
    }
    let plan = solve(&p).unwrap();
    assert_keeps_the_rules(&p, &plan);
    let got: Vec<(Weekday, &str, &str, u32)> = plan
        .weekly_team_shifts
        .iter()
        .map(|t| (t.weekday, t.shift.as_str(), t.district.as_str(), t.teams))
        .collect();
    // Each person has two shifts. Friday's evening leaves under 11 hours before Saturday's day
    // shift, and Saturday's day and evening overlap; so one team takes Saturday day (100) and
    // Wednesday (5), the other Friday and Saturday evening in Sentrum (40 + 30). Saturday
    // evening in Nord (25) would need people who are already out.
    assert_eq!(
        got,
        vec![
            (Weekday::Wed, "day", "Nord", 1),
            (Weekday::Fri, "evening", "Sentrum", 1),
            (Weekday::Sat, "day", "Nord", 1),
            (Weekday::Sat, "evening", "Sentrum", 1),
        ]
    );
    assert_eq!(plan.expected_contacts_per_week, 175.0);
    assert_eq!(plan.team_hours_per_week, 28.0);
}

#[test]
fn plans_keep_every_rule_and_more_staff_never_meet_fewer() {
    for seed in [3, 17] {
        let mut last = 0.0;
        for staff in 2..=8 {
            let mut p = problem(
                staff,
                37.5,
                reference_shifts(),
                &["Sentrum", "Nord", "Sør", "Øst"],
                seed,
            );
            p.requirements.push(Requirement {
                slots: vec![(Weekday::Sat, "night".into())],
                min_teams: 1,
            });
            let plan = solve(&p).unwrap();
            assert_keeps_the_rules(&p, &plan);
            assert!(
                plan.expected_contacts_per_week + 1e-6 >= last,
                "seed {seed}: {staff} staff expect {} < {last}",
                plan.expected_contacts_per_week
            );
            last = plan.expected_contacts_per_week;
        }
    }
}

#[test]
fn must_cover_and_pins_hold_even_where_nothing_is_expected() {
    let mut p = problem(6, 37.5, reference_shifts(), &["Sentrum", "Nord"], 5);
    // Nothing is expected on Sunday nights; the leader wants a team out anyway.
    p.value.retain(|(w, _, _), _| *w != Weekday::Sun);
    p.requirements.push(Requirement {
        slots: vec![(Weekday::Sun, "night".into())],
        min_teams: 1,
    });
    p.requirements.push(Requirement {
        slots: WEEKDAYS[..5]
            .iter()
            .map(|w| (*w, "day".to_owned()))
            .collect(),
        min_teams: 5,
    });
    p.pins.push(Pin {
        weekday: Weekday::Tue,
        shift: "evening".into(),
        district: "Nord".into(),
        teams: 2,
    });
    let plan = solve(&p).unwrap();
    assert_keeps_the_rules(&p, &plan);
    assert_eq!(plan.teams_on(Weekday::Sun, "night"), 1);
    // No team is sent where nothing is expected and no rule asks for one.
    for t in &plan.weekly_team_shifts {
        let v = p
            .value
            .get(&(t.weekday, t.shift.clone(), t.district.clone()))
            .copied()
            .unwrap_or(0.0);
        let ruled = t.weekday == Weekday::Sun
            || t.shift == "day"
            || (t.weekday == Weekday::Tue && t.shift == "evening");
        assert!(v > 0.0 || ruled, "{t:?}");
    }
}

#[test]
fn too_little_staff_for_the_rules_is_named() {
    let mut p = problem(2, 10.0, reference_shifts(), &["Sentrum"], 1);
    p.requirements.push(Requirement {
        slots: vec![
            (Weekday::Fri, "night".into()),
            (Weekday::Sat, "night".into()),
        ],
        min_teams: 2,
    });
    assert!(matches!(solve(&p), Err(PlanError::Infeasible(_))));
    p.pins.push(Pin {
        weekday: Weekday::Fri,
        shift: "dusk".into(),
        district: "Sentrum".into(),
        teams: 1,
    });
    assert!(matches!(solve(&p), Err(PlanError::Invalid(m)) if m.contains("dusk")));
}
