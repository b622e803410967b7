//! The demo's staffing plan and rota for `out-lillestrom`: the reference report's 2024 plan
//! (section 3.0: day 08:30–15:30, evening 14:30–22:15, night 16:00–01:00) with the summer
//! reinforcement of weekends and weekday evenings as seasonal overrides, and a rota of two-person
//! field teams for 2023–2024 that keeps to it. July, the common holiday month, has the standing
//! plan, so the plan in force on 1 July is the table the report prints.

use gatelangs_domain::staffing::{
    Duty, ShiftHours, Target, TeamRange, Validity, Weekday, parse_clock, plan_in_force,
};
use gatelangs_domain::{RotaTeamId, ServiceId, TargetId, UserId};
use std::collections::HashSet;

use gatelangs_domain::time_use::TimeCategory;
use gatelangs_storage::staffing::{self, NewTeam};
use gatelangs_storage::time_use::{self, DayEntries};
use gatelangs_storage::users;
use gatelangs_storage::{AnyConnection, Store, StoreError, now, places, schools};
use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::demo_data::Rng;
use crate::demo_youths::corrupt;

/// (shift, starts, ends, [(weekday, min, max)]) of the standing plan.
type ShiftPlan = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(Weekday, i64, i64)],
);

const STANDING_PLAN: [ShiftPlan; 3] = [
    (
        "day",
        "08:30",
        "15:30",
        &[
            (Weekday::Mon, 2, 3),
            (Weekday::Tue, 3, 4),
            (Weekday::Wed, 3, 4),
            (Weekday::Thu, 2, 3),
            (Weekday::Fri, 2, 3),
        ],
    ),
    (
        "evening",
        "14:30",
        "22:15",
        &[
            (Weekday::Mon, 2, 3),
            (Weekday::Tue, 2, 3),
            (Weekday::Wed, 2, 3),
            (Weekday::Thu, 2, 3),
            (Weekday::Sun, 1, 2),
        ],
    ),
    (
        "night",
        "16:00",
        "01:00",
        &[(Weekday::Fri, 1, 2), (Weekday::Sat, 1, 2)],
    ),
];

/// The summer half-year of 2024 around the holiday month: one team more on weekday evenings
/// and at weekends.
const SUMMER_2024: [(Date, Date); 2] = [
    (date(2024, 5, 1), date(2024, 6, 30)),
    (date(2024, 8, 1), date(2024, 9, 30)),
];

/// Field workers beyond those of the follow-up demo, so the rota has the reference team's size
/// (15 positions, two of them vacant much of the year).
const MORE_COLLEAGUES: [(&str, &str); 8] = [
    ("demo-kollega-5", "Knut Kollega"),
    ("demo-kollega-6", "Kaja Kollega"),
    ("demo-kollega-7", "Kasper Kollega"),
    ("demo-kollega-8", "Kari Kollega"),
    ("demo-kollega-9", "Kjetil Kollega"),
    ("demo-kollega-10", "Kamilla Kollega"),
    ("demo-kollega-11", "Kevin Kollega"),
    ("demo-kollega-12", "Klara Kollega"),
];

/// The rota's first and last day.
const ROTA_FROM: Date = date(2023, 1, 1);
const ROTA_TO: Date = date(2024, 12, 31);

fn targets() -> Result<Vec<Target>, StoreError> {
    let mut out = vec![];
    for (shift, starts, ends, days) in STANDING_PLAN {
        let hours = ShiftHours::new(
            parse_clock(starts).map_err(corrupt)?,
            parse_clock(ends).map_err(corrupt)?,
        )
        .map_err(corrupt)?;
        for (weekday, min, max) in days {
            out.push(Target {
                shift: shift.to_owned(),
                hours,
                weekday: *weekday,
                teams: TeamRange::new(*min, *max).map_err(corrupt)?,
                validity: Validity::default(),
            });
            // Summer: one more team on weekday evenings and at weekends.
            let reinforced = matches!(
                (shift, weekday),
                (
                    "evening",
                    Weekday::Mon | Weekday::Tue | Weekday::Wed | Weekday::Thu
                ) | ("evening", Weekday::Sun)
                    | ("night", Weekday::Fri | Weekday::Sat)
            );
            if reinforced {
                for (from, to) in SUMMER_2024 {
                    out.push(Target {
                        shift: shift.to_owned(),
                        hours,
                        weekday: *weekday,
                        teams: TeamRange::new(min + 1, max + 1).map_err(corrupt)?,
                        validity: Validity::new(Some(from), Some(to)).map_err(corrupt)?,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Writes the plan and the rota unless the service has a plan already; returns the teams made.
pub async fn populate(
    conn: &mut AnyConnection,
    store: &Store,
    service: ServiceId,
    tz: &jiff::tz::TimeZone,
    field_worker: UserId,
) -> Result<usize, StoreError> {
    if !staffing::targets(conn, service).await?.is_empty() {
        return Ok(0);
    }
    let plan = targets()?;
    let at = now();
    for target in &plan {
        staffing::create_target(conn, service, TargetId::new(), target, None, at).await?;
    }
    let mut staff = vec![field_worker];
    for n in 1..=4 {
        if let Some(u) = users::find_by_username(conn, &format!("demo-kollega-{n}")).await? {
            staff.push(u.id);
        }
    }
    for (username, name) in MORE_COLLEAGUES {
        staff.push(crate::demo_youths::colleague(conn, store, service, username, name).await?);
    }
    let districts: Vec<_> = places::list_districts(conn, service)
        .await?
        .into_iter()
        .filter(|d| !matches!(d.name.as_str(), "Digitale plattformer" | "Andre steder"))
        .map(|d| d.id)
        .collect();
    let mut duties = rota(&plan, &staff, tz, ROTA_FROM, ROTA_TO);
    // The weeks around today too, so a newcomer finds shifts on the start page and the time
    // page, and the rota's week view has something to show.
    let today = jiff::Zoned::now().with_time_zone(tz.clone()).date();
    let (near_from, near_to) = (
        today.checked_sub(14.days()).unwrap_or(today),
        today.checked_add(14.days()).unwrap_or(today),
    );
    if near_from > ROTA_TO {
        duties.extend(rota(&plan, &staff, tz, near_from, near_to));
    }
    let mut teams = vec![];
    for (i, duty) in duties.iter().enumerate() {
        let team = NewTeam {
            id: RotaTeamId::new(),
            day: duty.day,
            shift: duty.shift.clone(),
            district: (!districts.is_empty()).then(|| districts[i % districts.len()]),
            staff: duty.staff.clone(),
        };
        staffing::create_team(conn, service, &team, None, at).await?;
        teams.push((team.id, duty));
    }
    for entries in time_use_2024(&teams, &staff) {
        time_use::replace(conn, service, &entries, at).await?;
    }
    // School contacts (reference 4.0): two staff per lower secondary school, two evening shifts
    // and two or three day shifts a week.
    let lower_secondary: Vec<_> = places::list_places(conn, service)
        .await?
        .into_iter()
        .filter(|p| p.school_level == Some(gatelangs_domain::field::SchoolLevel::LowerSecondary))
        .collect();
    for (i, school) in lower_secondary.iter().enumerate() {
        let members = [
            staff[(2 * i) % staff.len()],
            staff[(2 * i + 1) % staff.len()],
        ];
        let day_shifts = if i % 2 == 0 { 2 } else { 3 };
        schools::set(conn, service, school.id, day_shifts, 2, &members, at).await?;
    }
    Ok(duties.len())
}

/// The demo's time use in 2024: each shift mostly field work with some documentation and a
/// meeting; one office day a week of follow-up, groups, prevention teaching and records. That
/// gives the reference team's profile (well over 50 % field work, over 70 % direct work).
fn time_use_2024(teams: &[(RotaTeamId, &Duty<UserId>)], staff: &[UserId]) -> Vec<DayEntries> {
    use TimeCategory::*;
    let mut out = vec![];
    let mut on_duty: HashSet<(UserId, Date)> = HashSet::new();
    for (id, duty) in teams.iter().filter(|(_, d)| d.day.year() == 2024) {
        let minutes = duty.hours.minutes();
        for person in &duty.staff {
            on_duty.insert((*person, duty.day));
            out.push(DayEntries {
                user: *person,
                day: duty.day,
                team: Some(*id),
                entries: vec![
                    (FieldWork, minutes - 60),
                    (Documentation, 45),
                    (MeetingsOther, 15),
                ],
            });
        }
    }
    let office = [
        (FollowUp, 180),
        (Groups, 60),
        (Prevention, 45),
        (Documentation, 90),
        (MeetingsOther, 60),
    ];
    for person in staff {
        let mut monday = date(2024, 1, 1);
        while monday.year() == 2024 {
            let free = (0..5)
                .filter_map(|d| monday.checked_add(d.days()).ok())
                .find(|d| d.year() == 2024 && !on_duty.contains(&(*person, *d)));
            if let Some(day) = free {
                out.push(DayEntries {
                    user: *person,
                    day,
                    team: None,
                    entries: office.to_vec(),
                });
            }
            monday = match monday.checked_add(7.days()) {
                Ok(d) => d,
                Err(_) => break,
            };
        }
    }
    out
}

/// A rota that keeps to the plan: the target's least number of teams on each shift (one team
/// short now and then, as sickness makes it), two staff per team, nobody on two shifts at once,
/// 11 hours' rest, at most five shifts a week, the work shared evenly.
fn rota(
    plan: &[Target],
    staff: &[UserId],
    tz: &jiff::tz::TimeZone,
    from: Date,
    to: Date,
) -> Vec<Duty<UserId>> {
    let mut rng = Rng(2024);
    let mut duties: Vec<Duty<UserId>> = vec![];
    // Per person: when their last shift ended, and their shifts in the current week.
    let mut last_end: Vec<Option<jiff::Timestamp>> = vec![None; staff.len()];
    let mut this_week: Vec<u32> = vec![0; staff.len()];
    let mut total: Vec<u32> = vec![0; staff.len()];
    let mut day = from;
    while day <= to {
        if Weekday::of(day) == Weekday::Mon {
            this_week.iter_mut().for_each(|n| *n = 0);
        }
        for shift in plan_in_force(plan, day) {
            let Some(range) = shift.teams.get(&Weekday::of(day)) else {
                continue;
            };
            let Some((start, end)) = shift.hours.instants(day, tz) else {
                continue;
            };
            let short = range.min > 1 && rng.below(40) == 0;
            let teams = range.min - u32::from(short);
            for _ in 0..teams {
                let mut free: Vec<usize> = (0..staff.len())
                    .filter(|p| {
                        this_week[*p] < 5
                            && last_end[*p].is_none_or(|e| {
                                start.as_second() - e.as_second()
                                    >= gatelangs_domain::staffing::MIN_REST_MINUTES * 60
                            })
                    })
                    .collect();
                free.sort_by_key(|p| (this_week[*p], total[*p], *p));
                let chosen: Vec<usize> = free.into_iter().take(2).collect();
                if chosen.len() < 2 {
                    continue;
                }
                for p in &chosen {
                    last_end[*p] = Some(end);
                    this_week[*p] += 1;
                    total[*p] += 1;
                }
                duties.push(Duty {
                    day,
                    shift: shift.shift.clone(),
                    hours: shift.hours,
                    staff: chosen.iter().map(|p| staff[*p]).collect(),
                });
            }
        }
        day = match day.checked_add(1.day()) {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    duties
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use gatelangs_domain::staffing::conflicts;

    #[test]
    fn the_demo_rota_has_no_conflicts_and_meets_the_plan_almost_always() {
        let tz = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
        let plan = targets().unwrap();
        let staff: Vec<UserId> = (0..13).map(|_| UserId::new()).collect();
        let duties = rota(&plan, &staff, &tz, ROTA_FROM, ROTA_TO);
        assert!(conflicts(&duties, &tz).is_empty());
        let mut under = 0;
        let mut slots = 0;
        let mut day = ROTA_FROM;
        while day <= ROTA_TO {
            for shift in plan_in_force(&plan, day) {
                if let Some(range) = shift.teams.get(&Weekday::of(day)) {
                    slots += 1;
                    let n = duties
                        .iter()
                        .filter(|d| d.day == day && d.shift == shift.shift)
                        .count();
                    assert!(n <= range.max as usize);
                    under += usize::from(n < range.min as usize);
                }
            }
            day = day.checked_add(1.day()).unwrap();
        }
        assert!(under > 0 && under * 20 < slots, "{under} of {slots} under");
    }

    #[test]
    fn the_demo_time_use_meets_the_reference_targets_for_every_worker() {
        use gatelangs_domain::time_use::TimeShares;
        let tz = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
        let plan = targets().unwrap();
        let staff: Vec<UserId> = (0..13).map(|_| UserId::new()).collect();
        let duties = rota(&plan, &staff, &tz, ROTA_FROM, ROTA_TO);
        let teams: Vec<(RotaTeamId, &Duty<UserId>)> =
            duties.iter().map(|d| (RotaTeamId::new(), d)).collect();
        let entries = time_use_2024(&teams, &staff);
        for person in &staff {
            let mut shares = TimeShares::default();
            for day in entries.iter().filter(|e| e.user == *person) {
                assert!(gatelangs_domain::time_use::check_day(&day.entries).is_ok());
                for (c, m) in &day.entries {
                    shares.add(*c, *m);
                }
            }
            assert_eq!(shares.meets_targets(), Some(true), "{shares:?}");
        }
    }
}
