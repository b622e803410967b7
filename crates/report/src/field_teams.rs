//! Field-team hours: how many hours field teams were out, by district, weekday and time band,
//! and the contacts met per team-hour — the basis for presence planning.
//!
//! A contact is linked to the team on duty when it was registered: the team of the member of
//! staff who registered it, whose shift covers its time; failing that, a team on duty in the
//! contact's district at that time. Contacts no team was out for are not counted here. A team's
//! hours are split over the weekdays and time bands its shift covers, a quarter of an hour at a
//! time in the service's time zone (so a night over the autumn change has its extra hour).

use std::collections::BTreeMap;

use gatelangs_domain::UserId;
use gatelangs_domain::field::TimeBand;
use gatelangs_domain::staffing::Weekday;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

/// A team on duty: when, where and who.
#[derive(Debug, Clone)]
pub struct TeamOnDuty {
    pub start: Timestamp,
    pub end: Timestamp,
    pub district: Option<String>,
    pub staff: Vec<UserId>,
}

/// A registered contact: when, where, by whom, how many youths.
#[derive(Debug, Clone)]
pub struct Met {
    pub at: Timestamp,
    pub district: String,
    pub staff: Option<UserId>,
    pub count: i64,
    /// Met at a school (the school channel).
    pub at_school: bool,
}

/// Team-hours under this many make a figure thin: a few shifts say little.
pub const THIN_TEAM_HOURS: f64 = 5.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub district: String,
    pub weekday: Weekday,
    pub time_band: TimeBand,
    /// Team-hours, in quarters of an hour.
    pub team_hours: f64,
    pub contacts: i64,
    /// Of `contacts`, those met at a school: day shifts at schools meet youths other shifts
    /// do not.
    pub school_contacts: i64,
    pub contacts_per_team_hour: f64,
    /// Fewer than [`THIN_TEAM_HOURS`] team-hours stand behind the figure.
    pub thin: bool,
}

/// The district a team is counted under when the rota names none.
pub const NO_DISTRICT: &str = "(uten område)";

const QUARTER: i64 = 15 * 60;

fn slot(at: Timestamp, tz: &TimeZone) -> (Weekday, TimeBand) {
    let z = at.to_zoned(tz.clone());
    (Weekday::of(z.date()), TimeBand::of(z.weekday(), z.hour()))
}

/// The teams on duty at a moment, found by their start: a shift is shorter than a day.
struct OnDuty<'a> {
    teams: &'a [TeamOnDuty],
    by_start: Vec<(Timestamp, usize)>,
}

impl<'a> OnDuty<'a> {
    fn new(teams: &'a [TeamOnDuty]) -> Self {
        let mut by_start: Vec<(Timestamp, usize)> = teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.start, i))
            .collect();
        by_start.sort();
        Self { teams, by_start }
    }

    /// Teams whose shift covers `at`, in start order.
    fn at(&self, at: Timestamp) -> impl Iterator<Item = usize> + '_ {
        let earliest = Timestamp::from_second(at.as_second() - 24 * 3600).unwrap_or(at);
        let from = self.by_start.partition_point(|(s, _)| *s < earliest);
        let to = self.by_start.partition_point(|(s, _)| *s <= at);
        self.by_start[from..to]
            .iter()
            .map(|(_, i)| *i)
            .filter(move |i| at < self.teams[*i].end)
    }

    /// The team a contact is linked to, by the rule above.
    fn team_of(&self, met: &Met) -> Option<usize> {
        met.staff
            .and_then(|s| self.at(met.at).find(|i| self.teams[*i].staff.contains(&s)))
            .or_else(|| {
                self.at(met.at)
                    .find(|i| self.teams[*i].district.as_deref() == Some(met.district.as_str()))
            })
    }
}

/// Team-hours and linked contacts per district, weekday and time band, in that order.
pub fn compute(teams: &[TeamOnDuty], met: &[Met], tz: &TimeZone) -> Vec<Cell> {
    type Key = (String, Weekday, TimeBand);
    let mut quarters: BTreeMap<Key, i64> = BTreeMap::new();
    let mut contacts: BTreeMap<Key, i64> = BTreeMap::new();
    let mut at_school: BTreeMap<Key, i64> = BTreeMap::new();
    for t in teams {
        let district = t.district.clone().unwrap_or_else(|| NO_DISTRICT.to_owned());
        let mut at = t.start;
        while at < t.end {
            let (weekday, band) = slot(at, tz);
            *quarters
                .entry((district.clone(), weekday, band))
                .or_default() += 1;
            at = match Timestamp::from_second(at.as_second() + QUARTER) {
                Ok(next) => next,
                Err(_) => break,
            };
        }
    }
    let on_duty = OnDuty::new(teams);
    for m in met {
        if let Some(i) = on_duty.team_of(m) {
            let district = teams[i]
                .district
                .clone()
                .unwrap_or_else(|| NO_DISTRICT.to_owned());
            let (weekday, band) = slot(m.at, tz);
            if m.at_school {
                *at_school
                    .entry((district.clone(), weekday, band))
                    .or_default() += m.count;
            }
            *contacts.entry((district, weekday, band)).or_default() += m.count;
        }
    }
    quarters
        .into_iter()
        .map(|((district, weekday, time_band), q)| {
            #[allow(clippy::cast_precision_loss)]
            let team_hours = q as f64 / 4.0;
            let key = (district.clone(), weekday, time_band);
            let n = contacts.get(&key).copied().unwrap_or(0);
            let school_contacts = at_school.get(&key).copied().unwrap_or(0);
            #[allow(clippy::cast_precision_loss)]
            let per = if team_hours > 0.0 {
                (n as f64 / team_hours * 100.0).round() / 100.0
            } else {
                0.0
            };
            Cell {
                district,
                weekday,
                time_band,
                team_hours,
                contacts: n,
                school_contacts,
                contacts_per_team_hour: per,
                thin: team_hours < THIN_TEAM_HOURS,
            }
        })
        .collect()
}

/// The year's field-team hours of a service, from its rota, plan and contacts.
pub async fn of_year(
    conn: &mut gatelangs_storage::AnyConnection,
    service: &gatelangs_storage::services::Service,
    year: i32,
) -> gatelangs_storage::Result<Vec<Cell>> {
    use gatelangs_domain::staffing::hours_on;
    let tz = service.tz();
    let (Ok(first), Ok(last)) = (
        jiff::civil::Date::new(i16::try_from(year).unwrap_or(0), 1, 1),
        jiff::civil::Date::new(i16::try_from(year).unwrap_or(0), 12, 31),
    ) else {
        return Ok(vec![]);
    };
    let plan = gatelangs_storage::staffing::plan(conn, service.id).await?;
    // The year in instants: a night shift of 31 December counts its hour after midnight for the
    // next year, and last year's counts its own for this one.
    let bound = |d: jiff::civil::Date| d.to_zoned(tz.clone()).ok().map(|z| z.timestamp());
    let (Some(year_start), Some(year_end)) = (
        bound(first),
        last.checked_add(jiff::Span::new().days(1))
            .ok()
            .and_then(bound),
    ) else {
        return Ok(vec![]);
    };
    let day_before = first
        .checked_sub(jiff::Span::new().days(1))
        .unwrap_or(first);
    let teams: Vec<TeamOnDuty> =
        gatelangs_storage::staffing::teams(conn, service.id, Some(day_before), Some(last))
            .await?
            .into_iter()
            .filter_map(|t| {
                let (start, end) = hours_on(&plan, &t.shift, t.day)?.instants(t.day, &tz)?;
                let (start, end) = (start.max(year_start), end.min(year_end));
                if start >= end {
                    return None;
                }
                Some(TeamOnDuty {
                    start,
                    end,
                    district: t.district,
                    staff: t.staff.into_iter().map(|(id, _)| id).collect(),
                })
            })
            .collect();
    if teams.is_empty() {
        return Ok(vec![]);
    }
    let met: Vec<Met> = gatelangs_storage::contacts::all(conn, service.id, Some(year))
        .await?
        .into_iter()
        .filter_map(|c| {
            Some(Met {
                at: Timestamp::from_second(c.occurred_at).ok()?,
                district: c.district_name,
                staff: c.staff_id,
                count: c.count,
                at_school: c.channel == gatelangs_domain::field::Channel::School,
            })
        })
        .collect();
    Ok(compute(&teams, &met, &tz))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(tz: &TimeZone, y: i16, m: i8, d: i8, h: i8, min: i8) -> Timestamp {
        date(y, m, d)
            .at(h, min, 0, 0)
            .to_zoned(tz.clone())
            .unwrap()
            .timestamp()
    }

    #[test]
    fn hours_split_over_bands_and_contacts_follow_their_team() {
        let tz = TimeZone::get("Europe/Oslo").unwrap();
        let (ana, bo, cy) = (UserId::new(), UserId::new(), UserId::new());
        // Monday 3 June 2024, 14:30–22:15 in Sentrum: 1.5 h of day, 6.25 h of evening.
        let teams = [
            TeamOnDuty {
                start: at(&tz, 2024, 6, 3, 14, 30),
                end: at(&tz, 2024, 6, 3, 22, 15),
                district: Some("Sentrum".into()),
                staff: vec![ana, bo],
            },
            // Friday 16:00 – Saturday 01:00 in Nord: 8 h of evening, 1 h of Saturday night.
            TeamOnDuty {
                start: at(&tz, 2024, 6, 7, 16, 0),
                end: at(&tz, 2024, 6, 8, 1, 0),
                district: Some("Nord".into()),
                staff: vec![cy],
            },
        ];
        let met = [
            // Registered by Ana in another district: still her team's (Sentrum).
            Met {
                at: at(&tz, 2024, 6, 3, 15, 0),
                district: "Nord".into(),
                staff: Some(ana),
                count: 4,
                at_school: true,
            },
            Met {
                at: at(&tz, 2024, 6, 3, 20, 0),
                district: "Sentrum".into(),
                staff: None,
                count: 10,
                at_school: false,
            },
            Met {
                at: at(&tz, 2024, 6, 8, 0, 30),
                district: "Nord".into(),
                staff: None,
                count: 3,
                at_school: false,
            },
            // No team out: not counted.
            Met {
                at: at(&tz, 2024, 6, 4, 12, 0),
                district: "Sentrum".into(),
                staff: Some(ana),
                count: 7,
                at_school: false,
            },
        ];
        let cells = compute(&teams, &met, &tz);
        let find = |d: &str, w: Weekday, b: TimeBand| {
            cells
                .iter()
                .find(|c| c.district == d && c.weekday == w && c.time_band == b)
                .unwrap()
        };
        let day = find("Sentrum", Weekday::Mon, TimeBand::Day);
        assert_eq!((day.team_hours, day.contacts, day.thin), (1.5, 4, true));
        assert_eq!(day.school_contacts, 4, "met at a school");
        let evening = find("Sentrum", Weekday::Mon, TimeBand::Evening);
        assert_eq!((evening.team_hours, evening.contacts), (6.25, 10));
        assert_eq!(evening.school_contacts, 0);
        assert_eq!(evening.contacts_per_team_hour, 1.6);
        assert_eq!(
            find("Nord", Weekday::Fri, TimeBand::Evening).team_hours,
            8.0
        );
        let night = find("Nord", Weekday::Sat, TimeBand::Night);
        assert_eq!((night.team_hours, night.contacts), (1.0, 3));
        assert_eq!(cells.len(), 4);
        assert_eq!(cells.iter().map(|c| c.contacts).sum::<i64>(), 17);
    }
}
