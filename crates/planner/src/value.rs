//! What one team-shift is expected to meet: the records' contacts per team-hour in its district,
//! weekday and time band (report section "field-team hours"), summed over the shift's quarters
//! of an hour. A district, weekday and band no team was out in has no rate, so the planner never
//! sends a team there on a guess; one with fewer than 5 team-hours behind it is thin, and the
//! plan says so.
//!
//! A few shifts say little: one lucky evening would otherwise draw the whole plan to it. So
//! each rate is shrunk towards the service's rate for the same time band, as if 5 more
//! team-hours at that rate stood behind it: `(contacts + 5 × band rate) / (team-hours + 5)`. A
//! rate with hundreds of team-hours behind it barely moves; a thin one moves most of the way.

use std::collections::BTreeMap;

use gatelangs_domain::field::TimeBand;
use gatelangs_domain::staffing::Weekday;
use jiff::ToSpan;
use jiff::civil::date;

use crate::problem::ShiftTemplate;

/// Team-hours under this many make a rate thin.
pub const THIN_TEAM_HOURS: f64 = 5.0;

/// The records' figure for one district, weekday and time band.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub district: String,
    pub weekday: Weekday,
    pub band: TimeBand,
    pub team_hours: f64,
    pub contacts: i64,
}

/// Expected contacts of one team on a shift starting on `weekday` in `district`, and whether a
/// thin or missing rate stands behind any part of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expected {
    pub contacts: f64,
    pub thin: bool,
}

type Key = (String, Weekday, TimeBand);

/// Rates indexed for look-up.
pub struct Rates(BTreeMap<Key, (f64, bool)>);

impl Rates {
    pub fn new(rates: &[Rate]) -> Self {
        let mut by_band: BTreeMap<TimeBand, (f64, f64)> = BTreeMap::new();
        for r in rates {
            let e = by_band.entry(r.band).or_default();
            #[allow(clippy::cast_precision_loss)]
            let contacts = r.contacts as f64;
            e.0 += contacts;
            e.1 += r.team_hours;
        }
        let band_rate = |band| {
            by_band
                .get(&band)
                .filter(|(_, h)| *h > 0.0)
                .map_or(0.0, |(c, h)| c / h)
        };
        Self(
            rates
                .iter()
                .map(|r| {
                    #[allow(clippy::cast_precision_loss)]
                    let per_hour = (r.contacts as f64 + THIN_TEAM_HOURS * band_rate(r.band))
                        / (r.team_hours + THIN_TEAM_HOURS);
                    (
                        (r.district.clone(), r.weekday, r.band),
                        (per_hour, r.team_hours < THIN_TEAM_HOURS),
                    )
                })
                .collect(),
        )
    }

    /// One team on `shift`, starting on `weekday`, in `district`; a shift past midnight takes
    /// the next day's night rate for its hours after midnight.
    pub fn expected(&self, district: &str, weekday: Weekday, shift: &ShiftTemplate) -> Expected {
        // Any week will do: the plan is in clock time. 1 January 2024 is a Monday.
        let monday = date(2024, 1, 1);
        let offset = i64::from(weekday.days_from_monday());
        let day = monday.checked_add(offset.days()).unwrap_or(monday);
        let (mut at, end) = shift.hours.local(day);
        let mut out = Expected {
            contacts: 0.0,
            thin: false,
        };
        while at < end {
            let key = (
                district.to_owned(),
                Weekday::of(at.date()),
                TimeBand::of(at.date().weekday(), at.hour()),
            );
            match self.0.get(&key) {
                Some((per_hour, thin)) => {
                    out.contacts += per_hour / 4.0;
                    out.thin |= *thin;
                }
                None => out.thin = true,
            }
            at = match at.checked_add(15.minutes()) {
                Ok(next) => next,
                Err(_) => break,
            };
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use gatelangs_domain::staffing::{ShiftHours, parse_clock};

    #[test]
    fn a_night_shift_takes_the_next_days_night_rate_after_midnight() {
        let rates = Rates::new(&[
            Rate {
                district: "Sentrum".into(),
                weekday: Weekday::Fri,
                band: TimeBand::Evening,
                team_hours: 80.0,
                contacts: 160,
            },
            Rate {
                district: "Sentrum".into(),
                weekday: Weekday::Sat,
                band: TimeBand::Night,
                team_hours: 4.0,
                contacts: 20,
            },
        ]);
        let night = ShiftTemplate {
            name: "night".into(),
            hours: ShiftHours::new(parse_clock("16:00").unwrap(), parse_clock("01:00").unwrap())
                .unwrap(),
        };
        // 8 evening hours at (160 + 5 × 2) / 85 = 2 per hour (the band's own rate), 1 night
        // hour at 5 per hour shrunk to (20 + 5 × 5) / 9 = 5 (again the band's rate).
        let e = rates.expected("Sentrum", Weekday::Fri, &night);
        assert!((e.contacts - 21.0).abs() < 1e-9, "{e:?}");
        assert!(e.thin, "the night rate rests on 4 team-hours");
        let e = rates.expected("Nord", Weekday::Fri, &night);
        assert_eq!((e.contacts, e.thin), (0.0, true));
    }

    #[test]
    fn a_thin_rate_is_drawn_towards_its_bands_rate() {
        let rate = |district: &str, team_hours: f64, contacts: i64| Rate {
            district: district.into(),
            weekday: Weekday::Tue,
            band: TimeBand::Day,
            team_hours,
            contacts,
        };
        // Band rate: (95 + 30) / (95 + 2.5) ≈ 1.28 per hour.
        let rates = Rates::new(&[rate("Sentrum", 95.0, 95), rate("Nord", 2.5, 30)]);
        let day = ShiftTemplate {
            name: "day".into(),
            hours: ShiftHours::new(parse_clock("09:00").unwrap(), parse_clock("10:00").unwrap())
                .unwrap(),
        };
        let band = 125.0 / 97.5;
        let nord = rates.expected("Nord", Weekday::Tue, &day);
        assert!(
            (nord.contacts - (30.0 + 5.0 * band) / 7.5).abs() < 1e-9,
            "{nord:?}"
        );
        assert!(
            nord.contacts < 12.0 / 2.0,
            "12 per hour on 2.5 team-hours is shrunk hard"
        );
        let sentrum = rates.expected("Sentrum", Weekday::Tue, &day);
        assert!((sentrum.contacts - (95.0 + 5.0 * band) / 100.0).abs() < 1e-9);
        assert!(!sentrum.thin && nord.thin);
    }
}
