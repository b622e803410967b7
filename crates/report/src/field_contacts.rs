//! Section 2.1–2.2 of the reference report: anonymous field contacts.

use std::collections::BTreeMap;

use gatelangs_domain::PlaceId;
use gatelangs_domain::field::{AgeGroup, Channel, Gender, TimeBand};
use gatelangs_storage::contacts::YearAggregates;
use serde::Serialize;

/// What the report needs to know about a place.
#[derive(Debug, Clone)]
pub struct PlaceInfo {
    pub id: PlaceId,
    pub name: String,
    pub district: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByChannel {
    pub street: i64,
    pub school: i64,
    pub digital: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByAgeGroup {
    pub primary_school: i64,
    pub lower_secondary: i64,
    pub upper_secondary: i64,
    pub young_adult: i64,
    pub unknown: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByGender {
    pub male: i64,
    pub female: i64,
    pub other: i64,
    pub unknown: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByTimeBand {
    pub day: i64,
    pub evening: i64,
    pub weekend: i64,
    pub night: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DistrictFigures {
    pub total: i64,
    pub places: BTreeMap<String, i64>,
}

/// The `field_contacts` section of the annual-report JSON. Fields after `by_district` are
/// additions to the contract, for the charts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldContacts {
    pub total: i64,
    pub previous_year_total: Option<i64>,
    pub by_channel: ByChannel,
    pub by_age_group: ByAgeGroup,
    pub by_gender: ByGender,
    pub by_time_band: ByTimeBand,
    pub by_month: BTreeMap<String, i64>,
    pub by_district: BTreeMap<String, DistrictFigures>,
    /// age group → gender → contacts
    pub by_age_group_and_gender: BTreeMap<String, BTreeMap<String, i64>>,
    /// weekday (`mon` … `sun`) → time band → contacts
    pub by_weekday_and_time_band: BTreeMap<String, BTreeMap<String, i64>>,
}

pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl ByChannel {
    fn add(&mut self, c: Channel, n: i64) {
        match c {
            Channel::Street => self.street += n,
            Channel::School => self.school += n,
            Channel::Digital => self.digital += n,
        }
    }
}

impl ByAgeGroup {
    fn add(&mut self, a: AgeGroup, n: i64) {
        match a {
            AgeGroup::PrimarySchool => self.primary_school += n,
            AgeGroup::LowerSecondary => self.lower_secondary += n,
            AgeGroup::UpperSecondary => self.upper_secondary += n,
            AgeGroup::YoungAdult => self.young_adult += n,
            AgeGroup::Unknown => self.unknown += n,
        }
    }
}

impl ByGender {
    fn add(&mut self, g: Gender, n: i64) {
        match g {
            Gender::Male => self.male += n,
            Gender::Female => self.female += n,
            Gender::Other => self.other += n,
            Gender::Unknown => self.unknown += n,
        }
    }
}

impl ByTimeBand {
    fn add(&mut self, t: TimeBand, n: i64) {
        match t {
            TimeBand::Day => self.day += n,
            TimeBand::Evening => self.evening += n,
            TimeBand::Weekend => self.weekend += n,
            TimeBand::Night => self.night += n,
        }
    }
}

/// Computes the section from a year's aggregates. Every figure is a sum of the same contacts,
/// so the totals of every breakdown agree by construction.
pub fn compute(
    agg: &YearAggregates,
    places: &[PlaceInfo],
    previous_year_total: Option<i64>,
) -> FieldContacts {
    let mut fc = FieldContacts {
        previous_year_total,
        ..FieldContacts::default()
    };
    fc.by_month = (1..=12).map(|m| (format!("{m:02}"), 0)).collect();
    for age in AgeGroup::ALL {
        fc.by_age_group_and_gender.insert(
            age.as_str().to_owned(),
            Gender::ALL
                .iter()
                .map(|g| (g.as_str().to_owned(), 0))
                .collect(),
        );
    }
    for day in WEEKDAYS {
        fc.by_weekday_and_time_band.insert(
            day.to_owned(),
            TimeBand::ALL
                .iter()
                .map(|t| (t.as_str().to_owned(), 0))
                .collect(),
        );
    }
    let place_by_id: BTreeMap<PlaceId, &PlaceInfo> = places.iter().map(|p| (p.id, p)).collect();
    for (place, channel, n) in &agg.by_place_channel {
        fc.total += n;
        fc.by_channel.add(*channel, *n);
        if let Some(p) = place_by_id.get(place) {
            let district = fc.by_district.entry(p.district.clone()).or_default();
            district.total += n;
            *district.places.entry(p.name.clone()).or_default() += n;
        }
    }
    for (age, gender, n) in &agg.by_age_gender {
        fc.by_age_group.add(*age, *n);
        fc.by_gender.add(*gender, *n);
        if let Some(row) = fc.by_age_group_and_gender.get_mut(age.as_str()) {
            *row.entry(gender.as_str().to_owned()).or_default() += n;
        }
    }
    for (month, weekday, band, n) in &agg.by_month_weekday_band {
        fc.by_time_band.add(*band, *n);
        *fc.by_month.entry(format!("{month:02}")).or_default() += n;
        let day = usize::try_from(weekday - 1)
            .ok()
            .and_then(|i| WEEKDAYS.get(i));
        if let Some(row) = day.and_then(|d| fc.by_weekday_and_time_band.get_mut(*d)) {
            *row.entry(band.as_str().to_owned()).or_default() += n;
        }
    }
    fc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakdowns_sum_to_the_total_and_maps_hold_every_code() {
        let a = PlaceId::new();
        let b = PlaceId::new();
        let places = vec![
            PlaceInfo {
                id: a,
                name: "Stasjonen".into(),
                district: "Sentrum".into(),
            },
            PlaceInfo {
                id: b,
                name: "Snapchat".into(),
                district: "Digitale plattformer".into(),
            },
        ];
        let agg = YearAggregates {
            by_place_channel: vec![
                (a, Channel::Street, 7),
                (a, Channel::School, 1),
                (b, Channel::Digital, 2),
            ],
            by_age_gender: vec![
                (AgeGroup::LowerSecondary, Gender::Female, 6),
                (AgeGroup::Unknown, Gender::Male, 4),
            ],
            by_month_weekday_band: vec![(1, 6, TimeBand::Weekend, 3), (12, 1, TimeBand::Night, 7)],
        };
        let fc = compute(&agg, &places, None);
        assert_eq!(fc.total, 10);
        assert_eq!(
            fc.by_channel,
            ByChannel {
                street: 7,
                school: 1,
                digital: 2
            }
        );
        assert_eq!(
            fc.by_age_group.lower_secondary + fc.by_age_group.unknown,
            10
        );
        assert_eq!(fc.by_month.len(), 12);
        assert_eq!(fc.by_month["12"], 7);
        assert_eq!(fc.by_district["Sentrum"].total, 8);
        assert_eq!(fc.by_district["Sentrum"].places["Stasjonen"], 8);
        assert_eq!(fc.by_weekday_and_time_band["sat"]["weekend"], 3);
        assert_eq!(fc.by_age_group_and_gender["lower_secondary"]["female"], 6);
        let json = serde_json::to_value(&fc).unwrap_or_default();
        assert_eq!(json["previous_year_total"], serde_json::Value::Null);
        assert_eq!(json["by_gender"].as_object().map(|o| o.len()), Some(4));
    }
}
