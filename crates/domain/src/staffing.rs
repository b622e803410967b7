//! The staffing plan and the rota (reference report section 3.0): shift hours that may run past
//! midnight, targets of field teams per weekday and shift with seasonal overrides, the plan in
//! force on a date, and the conflicts of a rota. Pure rules, so the form, an import and the
//! report cannot disagree about them.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::ParseError;

code_set!(
    /// A day of the week as `staffing_plan.csv` and the report's `teams` map write it.
    Weekday, "weekday" {
        Mon => "mon",
        Tue => "tue",
        Wed => "wed",
        Thu => "thu",
        Fri => "fri",
        Sat => "sat",
        Sun => "sun",
    }
);

impl Weekday {
    /// Days after Monday: 0 for Monday, 6 for Sunday.
    pub fn days_from_monday(self) -> i8 {
        match self {
            Weekday::Mon => 0,
            Weekday::Tue => 1,
            Weekday::Wed => 2,
            Weekday::Thu => 3,
            Weekday::Fri => 4,
            Weekday::Sat => 5,
            Weekday::Sun => 6,
        }
    }

    pub fn of(day: Date) -> Self {
        use jiff::civil::Weekday as W;
        match day.weekday() {
            W::Monday => Weekday::Mon,
            W::Tuesday => Weekday::Tue,
            W::Wednesday => Weekday::Wed,
            W::Thursday => Weekday::Thu,
            W::Friday => Weekday::Fri,
            W::Saturday => Weekday::Sat,
            W::Sunday => Weekday::Sun,
        }
    }
}

/// The longest shift name (`day`, `evening`, `night`, `summer weekend`, …).
pub const MAX_SHIFT_NAME_CHARS: usize = 40;

/// A shift's name with its spaces tidied; `;` is refused since lists use it.
pub fn parse_shift_name(text: &str) -> Result<String, ParseError> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX_SHIFT_NAME_CHARS || name.contains(';') {
        return Err(ParseError(format!(
            "{text:?} is not a shift name (1–{MAX_SHIFT_NAME_CHARS} characters, no ';')"
        )));
    }
    Ok(name)
}

/// A clock time written `HH:MM` (00:00–23:59), exactly as the contract writes times.
pub fn parse_clock(text: &str) -> Result<Time, ParseError> {
    let t = text.trim();
    let b = t.as_bytes();
    let shaped =
        b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|i| b[*i].is_ascii_digit());
    shaped
        .then(|| Time::strptime("%H:%M", t).ok())
        .flatten()
        .ok_or_else(|| ParseError(format!("{text:?} is not a time written HH:MM")))
}

/// When a shift starts and ends; it ends the next day when `ends` is earlier than `starts`
/// (the reference team's 16:00–01:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShiftHours {
    pub starts: Time,
    pub ends: Time,
}

impl ShiftHours {
    pub fn new(starts: Time, ends: Time) -> Result<Self, ParseError> {
        if starts == ends {
            return Err(ParseError(
                "a shift cannot start and end at the same time".into(),
            ));
        }
        Ok(Self { starts, ends })
    }

    pub fn past_midnight(&self) -> bool {
        self.ends < self.starts
    }

    /// The shift's length on the clock (a day with a summer-time change aside).
    pub fn minutes(&self) -> i64 {
        let of = |t: Time| i64::from(t.hour()) * 60 + i64::from(t.minute());
        let raw = of(self.ends) - of(self.starts);
        if raw < 0 { raw + 24 * 60 } else { raw }
    }

    /// Start and end on the clock of a shift that starts on `day`.
    pub fn local(&self, day: Date) -> (DateTime, DateTime) {
        let start = day.to_datetime(self.starts);
        let end_day = if self.past_midnight() {
            day.checked_add(1.day()).unwrap_or(day)
        } else {
            day
        };
        (start, end_day.to_datetime(self.ends))
    }

    /// The instants a shift that starts on `day` begins and ends in `tz`. A clock time that a
    /// summer-time change skips or repeats is read the way clocks are set (jiff's "compatible").
    pub fn instants(&self, day: Date, tz: &TimeZone) -> Option<(Timestamp, Timestamp)> {
        let (start, end) = self.local(day);
        let at = |dt: DateTime| dt.to_zoned(tz.clone()).ok().map(|z| z.timestamp());
        Some((at(start)?, at(end)?))
    }

    /// `08:30–15:30`
    pub fn label(&self) -> String {
        format!(
            "{}–{}",
            self.starts.strftime("%H:%M"),
            self.ends.strftime("%H:%M")
        )
    }
}

/// Monday and Sunday of the week `day` is in.
pub fn week_of(day: Date) -> (Date, Date) {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    let monday = day.checked_sub(back.days()).unwrap_or(day);
    (monday, monday.checked_add(6.days()).unwrap_or(monday))
}

/// The most field teams a target may name for one shift.
pub const MAX_TEAMS: u32 = 50;

/// A target of field teams: at least `min`, at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TeamRange {
    pub min: u32,
    pub max: u32,
}

impl TeamRange {
    pub fn new(min: i64, max: i64) -> Result<Self, ParseError> {
        let in_range = |n: i64| u32::try_from(n).ok().filter(|n| *n <= MAX_TEAMS);
        match (in_range(min), in_range(max)) {
            (Some(min), Some(max)) if min <= max => Ok(Self { min, max }),
            (Some(_), Some(_)) => Err(ParseError(format!(
                "the least number of teams ({min}) is above the most ({max})"
            ))),
            _ => Err(ParseError(format!(
                "a number of teams is from 0 to {MAX_TEAMS}"
            ))),
        }
    }

    /// As the reference report prints it: `2 - 3`, or `2` when both ends are equal.
    pub fn label(&self) -> String {
        if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{} - {}", self.min, self.max)
        }
    }

    /// Whether `planned` teams meet the target.
    pub fn cover(&self, planned: u32) -> Cover {
        if planned < self.min {
            Cover::Under
        } else if planned > self.max {
            Cover::Over
        } else {
            Cover::Within
        }
    }
}

/// How a shift's planned teams stand against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    Under,
    Within,
    Over,
}

/// When a row of the plan holds: from `from` to `to`, both inclusive, either end open. A row
/// with neither is the standing plan; a row with either is a seasonal override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Validity {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Validity {
    pub fn new(from: Option<Date>, to: Option<Date>) -> Result<Self, ParseError> {
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            return Err(ParseError(format!(
                "the plan is valid to {t}, before it is valid from {f}"
            )));
        }
        Ok(Self { from, to })
    }

    pub fn is_standing(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    pub fn includes(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

/// One row of the staffing plan: the target of field teams for a shift on a weekday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub shift: String,
    pub hours: ShiftHours,
    pub weekday: Weekday,
    pub teams: TeamRange,
    pub validity: Validity,
}

/// The target in force on `day` among rows of one shift and weekday: an override whose validity
/// includes the day wins over the standing row (interchange.md). Should two overrides include
/// the day, the one that starts latest is the most recent decision and wins, then the narrower.
pub fn target_in_force<'a>(
    rows: impl IntoIterator<Item = &'a Target>,
    day: Date,
) -> Option<&'a Target> {
    // Later start first (an open start is the earliest), then the earlier end (an open end is
    // the latest).
    let precedence = |t: &Target| {
        (
            t.validity.from,
            std::cmp::Reverse(t.validity.to.unwrap_or(Date::MAX)),
        )
    };
    let mut standing = None;
    let mut best: Option<&Target> = None;
    for row in rows {
        if row.validity.is_standing() {
            standing = standing.or(Some(row));
        } else if row.validity.includes(day) && best.is_none_or(|b| precedence(row) > precedence(b))
        {
            best = Some(row);
        }
    }
    best.or(standing)
}

/// The target in force for `shift` on the date `day` (that date's weekday).
pub fn target_on<'a>(targets: &'a [Target], shift: &str, day: Date) -> Option<&'a Target> {
    let weekday = Weekday::of(day);
    target_in_force(
        targets
            .iter()
            .filter(|t| t.shift == shift && t.weekday == weekday),
        day,
    )
}

/// The hours `shift` already has in the standing plan, when a standing row with `hours` would
/// give it others. One set of hours per shift in the standing plan: the rota takes a team's hours
/// from its shift, and the report lists a shift once. Overrides may change a shift's hours.
pub fn standing_hours_clash<'a>(
    plan: impl IntoIterator<Item = &'a Target>,
    shift: &str,
    hours: ShiftHours,
    validity: Validity,
) -> Option<ShiftHours> {
    if !validity.is_standing() {
        return None;
    }
    plan.into_iter()
        .find(|t| t.shift == shift && t.validity.is_standing() && t.hours != hours)
        .map(|t| t.hours)
}

/// One shift of the plan in force: its hours and its target on each weekday that has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedShift {
    pub shift: String,
    pub hours: ShiftHours,
    pub teams: BTreeMap<Weekday, TeamRange>,
}

/// The plan in force on `day`: per shift and weekday the row in force (see
/// [`target_in_force`]), shifts ordered by when they start. A shift whose override changes its
/// hours is listed once per set of hours.
pub fn plan_in_force(targets: &[Target], day: Date) -> Vec<PlannedShift> {
    let mut by_slot: BTreeMap<(&str, Weekday), Vec<&Target>> = BTreeMap::new();
    for t in targets {
        by_slot
            .entry((t.shift.as_str(), t.weekday))
            .or_default()
            .push(t);
    }
    let mut shifts: BTreeMap<(ShiftHours, &str), BTreeMap<Weekday, TeamRange>> = BTreeMap::new();
    for ((shift, weekday), rows) in by_slot {
        if let Some(t) = target_in_force(rows, day) {
            shifts
                .entry((t.hours, shift))
                .or_default()
                .insert(weekday, t.teams);
        }
    }
    shifts
        .into_iter()
        .map(|((hours, shift), teams)| PlannedShift {
            shift: shift.to_owned(),
            hours,
            teams,
        })
        .collect()
}

/// The hours of `shift` on `day`: those of the row in force that day, else of any row with the
/// name (a team may be on duty on a day the plan sets no target for).
pub fn hours_on(targets: &[Target], shift: &str, day: Date) -> Option<ShiftHours> {
    target_on(targets, shift, day)
        .or_else(|| targets.iter().find(|t| t.shift == shift))
        .map(|t| t.hours)
}

/// A field team on duty, as the rota's rules see it; `P` names a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty<P> {
    pub day: Date,
    pub shift: String,
    pub hours: ShiftHours,
    pub staff: Vec<P>,
}

/// The working-environment rule: at least 11 hours off between two shifts.
pub const MIN_REST_MINUTES: i64 = 11 * 60;

/// What is wrong with a rota; indexes point into the duties given to [`conflicts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict<P> {
    /// A field team is two staff; this one has fewer.
    TeamOfOne { duty: usize },
    /// The person is on two teams whose shifts overlap.
    TwiceAtOnce {
        person: P,
        first: usize,
        second: usize,
    },
    /// Less than 11 hours between the end of one of the person's shifts and the next.
    ShortRest {
        person: P,
        first: usize,
        second: usize,
        rest_minutes: i64,
    },
}

/// Every conflict of `duties`, with times read in `tz` (a night across a summer-time change is
/// an hour shorter or longer, and so is the rest after it).
pub fn conflicts<P: Clone + Ord>(duties: &[Duty<P>], tz: &TimeZone) -> Vec<Conflict<P>> {
    let mut out = vec![];
    let mut shifts_of: BTreeMap<&P, Vec<(Timestamp, Timestamp, usize)>> = BTreeMap::new();
    for (i, duty) in duties.iter().enumerate() {
        if duty.staff.len() < 2 {
            out.push(Conflict::TeamOfOne { duty: i });
        }
        if let Some((start, end)) = duty.hours.instants(duty.day, tz) {
            for person in &duty.staff {
                shifts_of.entry(person).or_default().push((start, end, i));
            }
        }
    }
    for (person, mut shifts) in shifts_of {
        shifts.sort();
        // The shift that ends last so far: a long shift can overlap one that is not its
        // immediate neighbour.
        let mut latest: Option<(Timestamp, usize)> = None;
        for (start, end, i) in shifts {
            if let Some((prev_end, prev)) = latest {
                let rest = (start.as_second() - prev_end.as_second()) / 60;
                if rest < 0 {
                    out.push(Conflict::TwiceAtOnce {
                        person: person.clone(),
                        first: prev,
                        second: i,
                    });
                } else if rest < MIN_REST_MINUTES {
                    out.push(Conflict::ShortRest {
                        person: person.clone(),
                        first: prev,
                        second: i,
                        rest_minutes: rest,
                    });
                }
            }
            if latest.is_none_or(|(e, _)| end > e) {
                latest = Some((end, i));
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn hours(s: &str, e: &str) -> ShiftHours {
        ShiftHours::new(parse_clock(s).unwrap(), parse_clock(e).unwrap()).unwrap()
    }

    fn target(shift: &str, weekday: Weekday, min: i64, max: i64, validity: Validity) -> Target {
        Target {
            shift: shift.into(),
            hours: hours("16:00", "01:00"),
            weekday,
            teams: TeamRange::new(min, max).unwrap(),
            validity,
        }
    }

    #[test]
    fn clock_times_are_hh_mm_only() {
        assert!(parse_clock("08:30").is_ok());
        for bad in ["8:30", "24:00", "08.30", "0830", "08:3", "08:60", ""] {
            assert!(parse_clock(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_shift_may_end_after_midnight() {
        let night = hours("16:00", "01:00");
        assert!(night.past_midnight());
        assert_eq!(night.minutes(), 9 * 60);
        let (s, e) = night.local(date(2024, 12, 31));
        assert_eq!(s, date(2024, 12, 31).at(16, 0, 0, 0));
        assert_eq!(e, date(2025, 1, 1).at(1, 0, 0, 0));
        assert!(ShiftHours::new(night.starts, night.starts).is_err());
    }

    #[test]
    fn a_night_over_the_autumn_change_lasts_an_hour_longer() {
        let tz = TimeZone::get("Europe/Oslo").unwrap();
        let night = hours("20:00", "04:00");
        let (s, e) = night.instants(date(2024, 10, 26), &tz).unwrap();
        assert_eq!(e.as_second() - s.as_second(), 9 * 3600);
        let (s, e) = night.instants(date(2024, 3, 30), &tz).unwrap();
        assert_eq!(e.as_second() - s.as_second(), 7 * 3600);
    }

    #[test]
    fn team_ranges_are_ordered_and_bounded() {
        assert_eq!(TeamRange::new(2, 3).unwrap().label(), "2 - 3");
        assert_eq!(TeamRange::new(1, 1).unwrap().label(), "1");
        assert!(TeamRange::new(3, 2).is_err());
        assert!(TeamRange::new(-1, 2).is_err());
        assert!(TeamRange::new(0, 51).is_err());
        let t = TeamRange::new(2, 3).unwrap();
        assert_eq!(t.cover(1), Cover::Under);
        assert_eq!(t.cover(3), Cover::Within);
        assert_eq!(t.cover(4), Cover::Over);
    }

    #[test]
    fn an_override_wins_only_on_the_days_it_includes() {
        let standing = target("night", Weekday::Sat, 1, 2, Validity::default());
        let summer = target(
            "night",
            Weekday::Sat,
            2,
            3,
            Validity::new(Some(date(2024, 5, 1)), Some(date(2024, 6, 30))).unwrap(),
        );
        let open_end = target(
            "night",
            Weekday::Sat,
            0,
            1,
            Validity::new(Some(date(2025, 1, 1)), None).unwrap(),
        );
        let rows = [standing.clone(), summer.clone(), open_end.clone()];
        let on = |d| target_in_force(rows.iter(), d).map(|t| t.teams);
        assert_eq!(on(date(2024, 4, 30)), Some(standing.teams));
        assert_eq!(on(date(2024, 5, 1)), Some(summer.teams));
        assert_eq!(on(date(2024, 6, 30)), Some(summer.teams));
        assert_eq!(on(date(2024, 7, 1)), Some(standing.teams));
        assert_eq!(on(date(2031, 7, 1)), Some(open_end.teams));
        // Without a standing row, a day outside every override has no target.
        let only_summer = [summer];
        assert_eq!(target_in_force(only_summer.iter(), date(2024, 7, 1)), None);
    }

    #[test]
    fn of_two_overrides_the_later_decision_wins() {
        let season = target(
            "day",
            Weekday::Mon,
            1,
            1,
            Validity::new(Some(date(2024, 1, 1)), Some(date(2024, 12, 31))).unwrap(),
        );
        let week = target(
            "day",
            Weekday::Mon,
            4,
            4,
            Validity::new(Some(date(2024, 7, 1)), Some(date(2024, 7, 7))).unwrap(),
        );
        let rows = [season, week];
        assert_eq!(
            target_in_force(rows.iter(), date(2024, 7, 1)).map(|t| t.teams.min),
            Some(4)
        );
        assert_eq!(
            target_in_force(rows.iter(), date(2024, 7, 8)).map(|t| t.teams.min),
            Some(1)
        );
    }

    #[test]
    fn the_plan_lists_weekdays_with_a_target_and_orders_shifts_by_start() {
        let mut rows = vec![
            target("night", Weekday::Fri, 1, 2, Validity::default()),
            Target {
                hours: hours("08:30", "15:30"),
                ..target("day", Weekday::Mon, 2, 3, Validity::default())
            },
        ];
        rows.push(Target {
            hours: hours("08:30", "15:30"),
            ..target(
                "day",
                Weekday::Tue,
                3,
                4,
                Validity::new(None, Some(date(2024, 6, 30))).unwrap(),
            )
        });
        let plan = plan_in_force(&rows, date(2024, 7, 1));
        assert_eq!(
            plan.iter().map(|s| s.shift.as_str()).collect::<Vec<_>>(),
            ["day", "night"]
        );
        assert_eq!(plan[0].teams.keys().collect::<Vec<_>>(), [&Weekday::Mon]);
        let earlier = plan_in_force(&rows, date(2024, 6, 30));
        assert_eq!(earlier[0].teams.len(), 2);
    }

    #[test]
    fn a_standing_shift_keeps_one_set_of_hours() {
        let night = target("night", Weekday::Fri, 1, 2, Validity::default());
        let summer = Validity::new(Some(date(2024, 5, 1)), None).unwrap();
        let later = hours("18:00", "02:00");
        let plan = [night.clone()];
        assert_eq!(
            standing_hours_clash(&plan, "night", later, Validity::default()),
            Some(night.hours)
        );
        assert_eq!(standing_hours_clash(&plan, "night", later, summer), None);
        assert_eq!(
            standing_hours_clash(&plan, "night", night.hours, Validity::default()),
            None
        );
        assert_eq!(
            standing_hours_clash(&plan, "late", later, Validity::default()),
            None
        );
    }

    fn duty(day: Date, h: ShiftHours, staff: &[&'static str]) -> Duty<&'static str> {
        Duty {
            day,
            shift: "x".into(),
            hours: h,
            staff: staff.to_vec(),
        }
    }

    #[test]
    fn conflicts_name_a_team_of_one_a_double_booking_and_short_rest() {
        let tz = TimeZone::get("Europe/Oslo").unwrap();
        let d = date(2024, 3, 1);
        let duties = [
            duty(d, hours("16:00", "01:00"), &["ana", "bo"]),
            duty(d, hours("14:30", "22:15"), &["ana", "cy"]),
            duty(
                d.checked_add(1.day()).unwrap(),
                hours("08:30", "15:30"),
                &["bo", "dag"],
            ),
            duty(
                d.checked_add(3.days()).unwrap(),
                hours("08:30", "15:30"),
                &["eli"],
            ),
        ];
        let found = conflicts(&duties, &tz);
        assert!(found.contains(&Conflict::TeamOfOne { duty: 3 }));
        assert!(found.contains(&Conflict::TwiceAtOnce {
            person: "ana",
            first: 1,
            second: 0
        }));
        assert!(found.contains(&Conflict::ShortRest {
            person: "bo",
            first: 0,
            second: 2,
            rest_minutes: 7 * 60 + 30
        }));
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn eleven_hours_of_rest_is_enough() {
        let tz = TimeZone::get("Europe/Oslo").unwrap();
        let d = date(2024, 3, 1);
        let duties = [
            duty(d, hours("14:30", "22:15"), &["ana", "bo"]),
            duty(
                d.checked_add(1.day()).unwrap(),
                hours("09:15", "15:30"),
                &["ana", "bo"],
            ),
        ];
        assert!(conflicts(&duties, &tz).is_empty());
    }
}
