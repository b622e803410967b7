//! The youth form: what is typed, and how it becomes `YouthFields` or a list of problems.

use gatelangs_domain::field::Gender;
use gatelangs_domain::time::parse_date;
use gatelangs_domain::youth::{check_birth_date, parse_name_part, parse_phone};
use gatelangs_domain::{MunicipalityNumber, UserId};
use gatelangs_storage::youths::{Guardian, Youth, YouthFields};
use serde::Deserialize;

use crate::i18n::Tr;
use crate::routes::choice::{Choice, of_codes};
use crate::routes::labels;

#[derive(Deserialize, Default, Clone)]
pub struct YouthForm {
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub municipality: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub school: String,
    #[serde(default)]
    pub guardian1_name: String,
    #[serde(default)]
    pub guardian1_phone: String,
    #[serde(default)]
    pub guardian2_name: String,
    #[serde(default)]
    pub guardian2_phone: String,
    #[serde(default)]
    pub contact1: String,
    #[serde(default)]
    pub contact2: String,
    /// Set when the user saw the duplicate warning and chose to register anyway.
    #[serde(default)]
    pub confirmed: String,
}

impl YouthForm {
    pub fn from_youth(y: &Youth) -> Self {
        let g = |i: usize| y.fields.guardians.get(i).cloned();
        let f = &y.fields;
        Self {
            reference: f.reference.clone(),
            first_name: f.first_name.clone(),
            last_name: f.last_name.clone(),
            birth_date: gatelangs_domain::time::format_day(f.birth_date),
            gender: f.gender.as_str().to_owned(),
            municipality: f.municipality.as_str(),
            phone: f.phone.clone().unwrap_or_default(),
            school: f.school.clone().unwrap_or_default(),
            guardian1_name: g(0).map(|g| g.name).unwrap_or_default(),
            guardian1_phone: g(0).and_then(|g| g.phone).unwrap_or_default(),
            guardian2_name: g(1).map(|g| g.name).unwrap_or_default(),
            guardian2_phone: g(1).and_then(|g| g.phone).unwrap_or_default(),
            contact1: y
                .contact_persons
                .first()
                .map(|u| u.to_string())
                .unwrap_or_default(),
            contact2: y
                .contact_persons
                .get(1)
                .map(|u| u.to_string())
                .unwrap_or_default(),
            confirmed: String::new(),
        }
    }

    /// The fields, or every problem in the user's language. An empty reference gets `fallback`.
    pub fn parse(
        &self,
        tr: &Tr,
        fallback_ref: &str,
        today: jiff::civil::Date,
    ) -> Result<YouthFields, Vec<String>> {
        let mut errors = Vec::new();
        let mut take = |r: Result<String, gatelangs_domain::ParseError>, key: &str| match r {
            Ok(v) => v,
            Err(_) => {
                errors.push(tr.t(key));
                String::new()
            }
        };
        let first_name = take(
            parse_name_part(&self.first_name, "first name"),
            "youth-error-first-name",
        );
        let last_name = take(
            parse_name_part(&self.last_name, "last name"),
            "youth-error-last-name",
        );
        let birth_date = parse_date(&self.birth_date).and_then(|d| check_birth_date(d, today).ok());
        if birth_date.is_none() {
            errors.push(tr.t("youth-error-birth-date"));
        }
        let gender: Option<Gender> = self.gender.parse().ok();
        if gender.is_none() {
            errors.push(tr.t("youth-error-gender"));
        }
        let municipality = MunicipalityNumber::parse(self.municipality.trim()).ok();
        if municipality.is_none() {
            errors.push(tr.t("youth-error-municipality"));
        }
        let mut phone_of = |text: &str| match parse_phone(text) {
            Ok(p) => p,
            Err(_) => {
                errors.push(tr.t1("youth-error-phone", "value", text));
                None
            }
        };
        let phone = phone_of(&self.phone);
        let mut guardians = Vec::new();
        for (name, phone_text) in [
            (&self.guardian1_name, &self.guardian1_phone),
            (&self.guardian2_name, &self.guardian2_phone),
        ] {
            let phone = phone_of(phone_text);
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if !name.is_empty() {
                guardians.push(Guardian { name, phone });
            }
        }
        let reference = match self.reference.trim() {
            "" => fallback_ref.to_owned(),
            r => r.to_owned(),
        };
        match (birth_date, gender, municipality) {
            (Some(birth_date), Some(gender), Some(municipality)) if errors.is_empty() => {
                Ok(YouthFields {
                    reference,
                    first_name,
                    last_name,
                    birth_date,
                    gender,
                    municipality,
                    phone,
                    school: Some(self.school.trim().to_owned()).filter(|s| !s.is_empty()),
                    guardians,
                })
            }
            _ => Err(errors),
        }
    }

    /// The chosen contact persons that parse, in order.
    pub fn contact_persons(&self) -> Vec<UserId> {
        [&self.contact1, &self.contact2]
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect()
    }
}

pub fn gender_choices(tr: &Tr, chosen: &str) -> Vec<Choice> {
    of_codes(
        Gender::ALL,
        Gender::as_str,
        |g| labels::gender(tr, g),
        chosen,
    )
}

pub fn municipality_choices(chosen: &str) -> Vec<Choice> {
    MunicipalityNumber::all()
        .map(|(code, name)| Choice {
            value: code.to_owned(),
            label: format!("{code} {name}"),
            selected: code == chosen,
        })
        .collect()
}

pub fn staff_choices(
    tr: &Tr,
    staff: &[gatelangs_storage::users::User],
    chosen: &str,
) -> Vec<Choice> {
    let mut out = vec![Choice {
        value: String::new(),
        label: tr.t("youth-choose-person"),
        selected: chosen.is_empty(),
    }];
    out.extend(staff.iter().map(|u| Choice {
        value: u.id.to_string(),
        label: u.name.clone(),
        selected: u.id.to_string() == chosen,
    }));
    out
}

/// A short reference for a youth registered on the web: `U-` and eight hex digits.
pub fn new_reference(id: gatelangs_domain::YouthId) -> String {
    format!("U-{}", &id.to_string()[..8]).to_uppercase()
}
