//! The words for codes, in the user's language. Each code has a message id written out here,
//! so the translation test sees every one.

use gatelangs_domain::field::{AgeGroup, Channel, Gender, PlaceKind, SchoolLevel, TimeBand};

use crate::i18n::Tr;

pub fn age_group(tr: &Tr, a: AgeGroup) -> String {
    tr.t(match a {
        AgeGroup::PrimarySchool => "age-primary-school",
        AgeGroup::LowerSecondary => "age-lower-secondary",
        AgeGroup::UpperSecondary => "age-upper-secondary",
        AgeGroup::YoungAdult => "age-young-adult",
        AgeGroup::Unknown => "age-unknown",
    })
}

pub fn gender(tr: &Tr, g: Gender) -> String {
    tr.t(match g {
        Gender::Male => "gender-male",
        Gender::Female => "gender-female",
        Gender::Other => "gender-other",
        Gender::Unknown => "gender-unknown",
    })
}

/// The short form on the field page's buttons, where the row already says the age.
pub fn gender_short(tr: &Tr, g: Gender) -> String {
    tr.t(match g {
        Gender::Male => "gender-short-male",
        Gender::Female => "gender-short-female",
        Gender::Other => "gender-short-other",
        Gender::Unknown => "gender-short-unknown",
    })
}

pub fn channel(tr: &Tr, c: Channel) -> String {
    tr.t(match c {
        Channel::Street => "channel-street",
        Channel::School => "channel-school",
        Channel::Digital => "channel-digital",
    })
}

pub fn place_kind(tr: &Tr, k: PlaceKind) -> String {
    tr.t(match k {
        PlaceKind::School => "kind-school",
        PlaceKind::Street => "kind-street",
        PlaceKind::Transit => "kind-transit",
        PlaceKind::YouthClub => "kind-youth-club",
        PlaceKind::Mall => "kind-mall",
        PlaceKind::Digital => "kind-digital",
        PlaceKind::Other => "kind-other",
    })
}

pub fn school_level(tr: &Tr, l: SchoolLevel) -> String {
    tr.t(match l {
        SchoolLevel::Primary => "level-primary",
        SchoolLevel::LowerSecondary => "level-lower-secondary",
        SchoolLevel::UpperSecondary => "level-upper-secondary",
    })
}

pub fn time_band(tr: &Tr, t: TimeBand) -> String {
    tr.t(match t {
        TimeBand::Day => "band-day",
        TimeBand::Evening => "band-evening",
        TimeBand::Weekend => "band-weekend",
        TimeBand::Night => "band-night",
    })
}

/// Topics offered on the field page (any code of a–z, 0–9 and `_` is accepted from imports).
pub const TOPICS: [&str; 8] = [
    "substance_use",
    "violence",
    "crime",
    "mental_health",
    "school",
    "family",
    "digital",
    "other",
];

pub fn topic(tr: &Tr, code: &str) -> String {
    match code {
        "substance_use" => tr.t("topic-substance-use"),
        "violence" => tr.t("topic-violence"),
        "crime" => tr.t("topic-crime"),
        "mental_health" => tr.t("topic-mental-health"),
        "school" => tr.t("topic-school"),
        "family" => tr.t("topic-family"),
        "digital" => tr.t("topic-digital"),
        "other" => tr.t("topic-other"),
        other => other.to_owned(),
    }
}

pub fn weekday(tr: &Tr, day: &str) -> String {
    match day {
        "mon" => tr.t("weekday-mon"),
        "tue" => tr.t("weekday-tue"),
        "wed" => tr.t("weekday-wed"),
        "thu" => tr.t("weekday-thu"),
        "fri" => tr.t("weekday-fri"),
        "sat" => tr.t("weekday-sat"),
        "sun" => tr.t("weekday-sun"),
        other => other.to_owned(),
    }
}

pub fn month(tr: &Tr, m: &str) -> String {
    let keys = [
        "month-01", "month-02", "month-03", "month-04", "month-05", "month-06", "month-07",
        "month-08", "month-09", "month-10", "month-11", "month-12",
    ];
    m.parse::<usize>()
        .ok()
        .and_then(|i| keys.get(i.wrapping_sub(1)))
        .map(|k| tr.t(k))
        .unwrap_or_else(|| m.to_owned())
}
