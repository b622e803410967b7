//! The week as the planner sees it: every weekday × shift is a slot with a start minute in the
//! week, and two slots conflict for one person when the second starts before the first has
//! ended plus the 11 hours of rest (`domain::staffing::MIN_REST_MINUTES`). The week wraps: a
//! Sunday evening is followed by Monday's day shift of the next week.

use gatelangs_domain::staffing::{MIN_REST_MINUTES, Weekday};

use crate::problem::ShiftTemplate;

const DAY: i64 = 24 * 60;
const WEEK: i64 = 7 * DAY;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    pub weekday: Weekday,
    /// Index into the problem's shifts.
    pub shift: usize,
    /// Minutes from Monday 00:00.
    pub start: i64,
    pub minutes: i64,
}

/// Every weekday × shift, weekday first.
pub(crate) fn slots(shifts: &[ShiftTemplate]) -> Vec<Slot> {
    Weekday::ALL
        .iter()
        .flat_map(|&weekday| {
            shifts.iter().enumerate().map(move |(shift, s)| {
                let clock =
                    i64::from(s.hours.starts.hour()) * 60 + i64::from(s.hours.starts.minute());
                Slot {
                    weekday,
                    shift,
                    start: i64::from(weekday.days_from_monday()) * DAY + clock,
                    minutes: s.hours.minutes(),
                }
            })
        })
        .collect()
}

impl Slot {
    /// Whether this slot's work and the rest after it cover minute `at` of the week.
    fn blocks(&self, at: i64) -> bool {
        (at - self.start).rem_euclid(WEEK) < self.minutes + MIN_REST_MINUTES
    }

    pub(crate) fn hours(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let h = self.minutes as f64 / 60.0;
        h
    }
}

/// Whether one person cannot work both slots: one starts inside the other's work and the rest
/// after it.
pub(crate) fn conflict(slots: &[Slot], a: usize, b: usize) -> bool {
    a != b && (slots[a].blocks(slots[b].start) || slots[b].blocks(slots[a].start))
}

/// Every week one person can work among `useful` slots: no two in a conflict set, at most
/// `hours` in all, and maximal (no further useful slot fits), since a plan that needs fewer
/// people on a slot simply leaves one of them off. `None` when there are more than `limit`.
pub(crate) fn weeks_of_one(
    slots: &[Slot],
    useful: &[usize],
    hours: f64,
    limit: usize,
) -> Option<Vec<Vec<usize>>> {
    // Whole minutes, so sums are exact.
    #[allow(clippy::cast_possible_truncation)]
    let cap = (hours * 60.0).floor() as i64;
    let fits = |week: &[usize], minutes: i64, s: usize| {
        minutes + slots[s].minutes <= cap && week.iter().all(|&t| !conflict(slots, s, t))
    };
    let mut out = vec![];
    let mut stack: Vec<(usize, Vec<usize>, i64)> = vec![(0, vec![], 0)];
    while let Some((i, week, minutes)) = stack.pop() {
        if i == useful.len() {
            let maximal = !useful
                .iter()
                .any(|&s| !week.contains(&s) && fits(&week, minutes, s));
            if maximal && !week.is_empty() {
                out.push(week);
                if out.len() > limit {
                    return None;
                }
            }
            continue;
        }
        let s = useful[i];
        if fits(&week, minutes, s) {
            let mut with = week.clone();
            with.push(s);
            stack.push((i + 1, with, minutes + slots[s].minutes));
        }
        stack.push((i + 1, week, minutes));
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use gatelangs_domain::staffing::{ShiftHours, parse_clock};

    fn shift(name: &str, s: &str, e: &str) -> ShiftTemplate {
        ShiftTemplate {
            name: name.into(),
            hours: ShiftHours::new(parse_clock(s).unwrap(), parse_clock(e).unwrap()).unwrap(),
        }
    }

    #[test]
    fn conflicts_follow_the_rest_rule_across_the_week_end() {
        let shifts = [
            shift("day", "08:30", "15:30"),
            shift("evening", "14:30", "22:15"),
            shift("night", "16:00", "01:00"),
        ];
        let slots = slots(&shifts);
        let idx = |w: Weekday, s: usize| {
            slots
                .iter()
                .position(|x| x.weekday == w && x.shift == s)
                .unwrap()
        };
        let conflict = |a: usize, b: usize| conflict(&slots, a, b);
        // Evening ends 22:15; the next day shift starts 08:30: 10 h 15 min of rest.
        assert!(conflict(idx(Weekday::Mon, 1), idx(Weekday::Tue, 0)));
        assert!(conflict(idx(Weekday::Sun, 1), idx(Weekday::Mon, 0)));
        // Night ends 01:00; the next evening starts 14:30: 13 h 30 min.
        assert!(!conflict(idx(Weekday::Fri, 2), idx(Weekday::Sat, 1)));
        // Day 08:30–15:30 and evening next day: far apart.
        assert!(!conflict(idx(Weekday::Mon, 0), idx(Weekday::Tue, 1)));
        // Same day, any two shifts.
        assert!(conflict(idx(Weekday::Wed, 0), idx(Weekday::Wed, 2)));
        // Exactly 11 hours of rest is allowed.
        let shifts = [
            shift("late", "13:00", "21:00"),
            shift("early", "08:00", "12:00"),
        ];
        let slots = super::slots(&shifts);
        let (late_mon, early_tue) = (0, 3);
        assert_eq!(
            (slots[late_mon].weekday, slots[early_tue].weekday),
            (Weekday::Mon, Weekday::Tue)
        );
        assert!(!super::conflict(&slots, late_mon, early_tue));
    }

    #[test]
    fn one_persons_weeks_are_maximal_and_keep_hours_and_rest() {
        let shifts = [
            shift("day", "08:30", "15:30"),
            shift("evening", "14:30", "22:15"),
            shift("night", "16:00", "01:00"),
        ];
        let slots = slots(&shifts);
        let all: Vec<usize> = (0..slots.len()).collect();
        let weeks = weeks_of_one(&slots, &all, 37.5, 100_000).unwrap();
        // Counted independently (a recursive count of the same rules in Python) for this plan.
        assert_eq!(weeks.len(), 1484);
        for w in &weeks {
            let minutes: i64 = w.iter().map(|&s| slots[s].minutes).sum();
            assert!(minutes <= 37 * 60 + 30);
            assert!(
                w.iter()
                    .all(|&a| w.iter().all(|&b| !conflict(&slots, a, b)))
            );
        }
        assert!(weeks_of_one(&slots, &all, 37.5, 1000).is_none());
    }
}
