//! Dates and times as people in the service read them: 26.11.2026 in the service's time zone.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `26.11.2026`
pub fn format_date(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%d.%m.%Y").to_string()
}

/// `26.11.2026 14:05`
pub fn format_date_time(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%d.%m.%Y %H:%M")
        .to_string()
}

/// `26.11.2026` for a calendar day.
pub fn format_day(day: jiff::civil::Date) -> String {
    day.strftime("%d.%m.%Y").to_string()
}

/// `26.11.2026 14:05` for a stored timestamp (Unix seconds) in `tz`; empty if out of range.
pub fn format_seconds(at: i64, tz: &TimeZone) -> String {
    Timestamp::from_second(at)
        .map(|t| format_date_time(t, tz))
        .unwrap_or_default()
}

/// Parses a date typed as `26.11.2026` or `2026-11-26`.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return Some(d);
    }
    jiff::civil::Date::strptime("%d.%m.%Y", s).ok()
}

/// Where a typed date's day starts in `tz`, `plus_days` later, as Unix seconds: a `from` filter
/// uses 0, an inclusive `to` filter 1 (the start of the next day). None when the text is no date.
pub fn day_start(text: &str, plus_days: i64, tz: &TimeZone) -> Option<i64> {
    parse_date(text)?
        .checked_add(jiff::Span::new().days(plus_days))
        .ok()?
        .to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp().as_second())
}

/// A typed date and an `HH:MM` time, as the instant they name in `tz`.
pub fn local_instant(date: &str, time: &str, tz: &TimeZone) -> Option<Timestamp> {
    let date = parse_date(date)?;
    let time = jiff::civil::Time::strptime("%H:%M", time.trim()).ok()?;
    date.to_datetime(time)
        .to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oslo() -> TimeZone {
        TimeZone::get("Europe/Oslo").expect("bundled tz database")
    }

    #[test]
    fn dates_show_in_oslo_time_with_summer_time() {
        // 22:30 UTC on 31 Dec is 23:30 in Oslo (winter, +01:00): still the old year.
        let winter: Timestamp = "2024-12-31T22:30:00Z".parse().expect("valid");
        assert_eq!(format_date_time(winter, &oslo()), "31.12.2024 23:30");
        // 23:30 UTC on 31 Dec is 00:30 on 1 January in Oslo.
        let new_year: Timestamp = "2024-12-31T23:30:00Z".parse().expect("valid");
        assert_eq!(format_date(new_year, &oslo()), "01.01.2025");
        // In July Oslo is +02:00.
        let summer: Timestamp = "2024-07-01T12:00:00Z".parse().expect("valid");
        assert_eq!(format_date_time(summer, &oslo()), "01.07.2024 14:00");
    }

    #[test]
    fn day_bounds_and_local_instants_follow_summer_time() {
        // 30 March 2025 is 23 hours long in Oslo.
        let from = day_start("30.03.2025", 0, &oslo());
        let to = day_start("2025-03-30", 1, &oslo());
        assert_eq!(to.zip(from).map(|(t, f)| t - f), Some(23 * 3600));
        assert_eq!(day_start("31.02.2025", 0, &oslo()), None);
        let at = local_instant("2024-07-01", "14:00", &oslo()).map(|t| t.to_string());
        assert_eq!(at.as_deref(), Some("2024-07-01T12:00:00Z"));
        assert_eq!(local_instant("2024-07-01", "25:00", &oslo()), None);
    }

    #[test]
    fn dates_parse_in_both_written_forms() {
        let d = jiff::civil::date(2026, 11, 26);
        assert_eq!(parse_date("26.11.2026"), Some(d));
        assert_eq!(parse_date("2026-11-26"), Some(d));
        assert_eq!(parse_date("31.02.2026"), None);
    }
}
