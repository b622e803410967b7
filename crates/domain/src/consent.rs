//! Consent to share, collaboration with other services, anonymous inquiries and child-welfare
//! reports: the codes of the contract and the rules of pasient- og brukerrettighetsloven
//! §§ 3-4, 4-3, 4-4 and helsepersonelloven § 33, with no I/O.

use jiff::civil::Date;

code_set!(
    /// Who consented (`consents.csv` `given_by`).
    GivenBy, "given_by" {
        Youth => "youth",
        Guardian => "guardian",
        YouthAndGuardian => "youth_and_guardian",
    }
);

code_set!(
    /// How the consent was given.
    ConsentForm, "consent form" {
        Oral => "oral",
        Written => "written",
    }
);

code_set!(
    /// Whether the other service came to us, or we went to it.
    Direction, "direction" {
        Incoming => "incoming",
        Outgoing => "outgoing",
    }
);

code_set!(
    /// A concern report sent, or an information request received (`child_welfare.csv` `kind`).
    WelfareKind, "kind" {
        ConcernReport => "concern_report",
        InformationRequest => "information_request",
    }
);

code_set!(
    /// Grounds of a concern report.
    ConcernGround, "ground" {
        Neglect => "neglect",
        Violence => "violence",
        SubstanceUse => "substance_use",
        Behaviour => "behaviour",
        MentalHealth => "mental_health",
        Other => "other",
    }
);

/// The counterpart services the reference report names, as (code, name): every new service's
/// catalogue starts with these; leaders add, rename and archive.
pub const DEFAULT_COUNTERPARTS: [(&str, &str); 18] = [
    ("barnevern", "Barnevernstjenesten"),
    ("barnevernsinstitusjon", "Barnevernsinstitusjon"),
    ("foresatte", "Foresatte"),
    ("nav", "NAV"),
    ("ung_i_jobb", "Ung i jobb"),
    ("skole", "Skole"),
    ("politi", "Politi"),
    ("psykisk_helse", "Psykisk helsetjenester"),
    ("psykisk_helse_familie", "Psykisk helse og familiestøtte"),
    ("konfliktradet", "Konfliktrådet"),
    ("oppfolgingstjenesten", "Oppfølgingstjenesten"),
    ("rustjeneste", "Rustjeneste"),
    ("fritid_med_bistand", "Fritid med bistand"),
    ("fritidsklubb", "Fritidsklubb"),
    ("natteravner", "Natteravner"),
    ("skolehelsetjenesten", "Skolehelsetjenesten"),
    ("andre_oppsokende", "Andre oppsøkende tjenester"),
    ("andre_frivillige", "Andre frivillige organisasjoner"),
];

/// The health-law age of consent (pasient- og brukerrettighetsloven § 4-3).
pub const CONSENT_AGE: i16 = 16;
/// Concern reports concern children: under 18 (helsepersonelloven § 33).
pub const ADULT_AGE: i16 = 18;
/// How long before a consent expires the record prompts renewal.
pub const RENEWAL_NOTICE_DAYS: i64 = 30;

/// When a consent is in force. A withdrawal takes effect on its date: nothing is shared on or
/// after the day it was withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentPeriod {
    pub given_on: Date,
    pub valid_until: Option<Date>,
    pub withdrawn_on: Option<Date>,
}

impl ConsentPeriod {
    pub fn in_force_on(&self, day: Date) -> bool {
        self.given_on <= day
            && self.valid_until.is_none_or(|until| day <= until)
            && self.withdrawn_on.is_none_or(|withdrawn| day < withdrawn)
    }

    /// The dates must follow each other.
    pub fn check(&self) -> Result<(), ConsentRefusal> {
        if self.valid_until.is_some_and(|u| u < self.given_on) {
            return Err(ConsentRefusal::EndsBeforeStart);
        }
        if self.withdrawn_on.is_some_and(|w| w < self.given_on) {
            return Err(ConsentRefusal::WithdrawnBeforeGiven);
        }
        Ok(())
    }
}

/// Why a consent cannot be recorded as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConsentRefusal {
    #[error("from the age of 16 the youth consents; a guardian cannot consent alone")]
    YouthMustConsent,
    #[error("under 16 a guardian must consent, unless you record why guardians are not involved")]
    GuardianNeeded,
    #[error("under 16 the youth's own view must be recorded")]
    YouthViewMissing,
    #[error("the consent must cover at least one service")]
    NoService,
    #[error("the consent ends before it starts")]
    EndsBeforeStart,
    #[error("the consent is withdrawn before it was given")]
    WithdrawnBeforeGiven,
}

/// Who must consent at the youth's age on the day (pbrl §§ 4-3, 4-4): from 16 the youth (a
/// guardian alone is refused), under 16 a guardian — or the youth alone where an exception is
/// documented (`exception_reason`: why guardians are not involved). Every path that records a
/// consent asks this (the form, the API, `consents.csv`).
pub fn check_giver(
    age: i16,
    given_by: GivenBy,
    exception_reason: Option<&str>,
) -> Result<(), ConsentRefusal> {
    let filled = exception_reason.is_some_and(|s| !s.trim().is_empty());
    match given_by {
        GivenBy::Guardian if age >= CONSENT_AGE => Err(ConsentRefusal::YouthMustConsent),
        GivenBy::Youth if age < CONSENT_AGE && !filled => Err(ConsentRefusal::GuardianNeeded),
        _ => Ok(()),
    }
}

/// Under 16 the youth's own view is recorded with a consent given in a conversation (pbrl
/// § 3-4). Records moved in from other systems (`consents.csv`) carry no view, so this is the
/// form's duty, not a condition of storing the consent.
pub fn check_youth_view(age: i16, youth_view: Option<&str>) -> Result<(), ConsentRefusal> {
    if age < CONSENT_AGE && youth_view.is_none_or(|s| s.trim().is_empty()) {
        Err(ConsentRefusal::YouthViewMissing)
    } else {
        Ok(())
    }
}

/// Why a consent should be renewed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    /// A guardian consented, and the youth has since turned 16 and now consents alone.
    TurnedSixteen,
    /// The youth has turned 18 since a guardian took part in the consent.
    TurnedEighteen,
    /// The consent ends within [`RENEWAL_NOTICE_DAYS`].
    Expiring,
}

/// The renewals a consent in force asks for today.
pub fn renewals(
    given_by: GivenBy,
    age_at_consent: i16,
    age_today: i16,
    period: &ConsentPeriod,
    today: Date,
) -> Vec<Renewal> {
    let mut out = Vec::new();
    if !period.in_force_on(today) {
        return out;
    }
    let guardian = matches!(given_by, GivenBy::Guardian | GivenBy::YouthAndGuardian);
    if guardian && age_at_consent < CONSENT_AGE && (CONSENT_AGE..ADULT_AGE).contains(&age_today) {
        out.push(Renewal::TurnedSixteen);
    }
    if guardian && age_at_consent < ADULT_AGE && age_today >= ADULT_AGE {
        out.push(Renewal::TurnedEighteen);
    }
    if let Some(until) = period.valid_until
        && let Ok(span) = today.until(until)
        && span.get_days() <= RENEWAL_NOTICE_DAYS as i32
    {
        out.push(Renewal::Expiring);
    }
    out
}

/// A concern report concerns a child: refused when the youth is 18 or older on the day.
pub fn check_concern_report_age(age_on_date: i16) -> Result<(), AdultRefusal> {
    if age_on_date >= ADULT_AGE {
        Err(AdultRefusal)
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the youth is 18 or older on that date; concern reports to the child welfare service concern children under 18"
)]
pub struct AdultRefusal;

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn period(until: Option<Date>, withdrawn: Option<Date>) -> ConsentPeriod {
        ConsentPeriod {
            given_on: date(2024, 3, 1),
            valid_until: until,
            withdrawn_on: withdrawn,
        }
    }

    #[test]
    fn a_consent_is_in_force_from_its_date_until_it_ends_or_is_withdrawn() {
        let p = period(Some(date(2024, 12, 31)), None);
        assert!(!p.in_force_on(date(2024, 2, 29)));
        assert!(p.in_force_on(date(2024, 3, 1)));
        assert!(p.in_force_on(date(2024, 12, 31)));
        assert!(!p.in_force_on(date(2025, 1, 1)));
        let w = period(None, Some(date(2024, 6, 10)));
        assert!(w.in_force_on(date(2024, 6, 9)), "before the withdrawal");
        assert!(
            !w.in_force_on(date(2024, 6, 10)),
            "on the day of withdrawal"
        );
        assert!(!w.in_force_on(date(2024, 6, 11)), "after the withdrawal");
        assert!(period(Some(date(2024, 2, 1)), None).check().is_err());
        assert!(period(None, Some(date(2024, 2, 1))).check().is_err());
    }

    #[test]
    fn the_age_of_consent_decides_who_consents() {
        use ConsentRefusal::*;
        assert_eq!(check_giver(16, GivenBy::Youth, None), Ok(()));
        assert_eq!(check_giver(16, GivenBy::YouthAndGuardian, None), Ok(()));
        assert_eq!(
            check_giver(16, GivenBy::Guardian, None),
            Err(YouthMustConsent)
        );
        assert_eq!(
            check_giver(17, GivenBy::Guardian, Some("any reason")),
            Err(YouthMustConsent)
        );
        assert_eq!(check_giver(15, GivenBy::Youth, None), Err(GuardianNeeded));
        assert_eq!(
            check_giver(13, GivenBy::Youth, Some("  ")),
            Err(GuardianNeeded)
        );
        assert_eq!(
            check_giver(15, GivenBy::Youth, Some("violence at home")),
            Ok(())
        );
        assert_eq!(check_giver(14, GivenBy::Guardian, None), Ok(()));
        assert_eq!(check_giver(13, GivenBy::YouthAndGuardian, None), Ok(()));
    }

    #[test]
    fn under_sixteen_the_youths_view_is_recorded() {
        assert_eq!(
            check_youth_view(14, None),
            Err(ConsentRefusal::YouthViewMissing)
        );
        assert_eq!(check_youth_view(14, Some("agrees")), Ok(()));
        assert_eq!(check_youth_view(16, None), Ok(()));
    }

    #[test]
    fn renewal_is_prompted_at_sixteen_eighteen_and_before_expiry() {
        let today = date(2026, 11, 26);
        let open = ConsentPeriod {
            given_on: date(2025, 1, 1),
            valid_until: None,
            withdrawn_on: None,
        };
        assert_eq!(
            renewals(GivenBy::Guardian, 15, 16, &open, today),
            vec![Renewal::TurnedSixteen]
        );
        assert_eq!(
            renewals(GivenBy::YouthAndGuardian, 17, 18, &open, today),
            vec![Renewal::TurnedEighteen]
        );
        assert_eq!(
            renewals(GivenBy::Youth, 15, 16, &open, today),
            vec![],
            "the youth consented herself"
        );
        assert_eq!(renewals(GivenBy::Guardian, 15, 15, &open, today), vec![]);
        let ending = ConsentPeriod {
            valid_until: Some(date(2026, 12, 20)),
            ..open
        };
        assert_eq!(
            renewals(GivenBy::Youth, 17, 17, &ending, today),
            vec![Renewal::Expiring]
        );
        let later = ConsentPeriod {
            valid_until: Some(date(2027, 6, 1)),
            ..open
        };
        assert_eq!(renewals(GivenBy::Youth, 17, 17, &later, today), vec![]);
        let withdrawn = ConsentPeriod {
            withdrawn_on: Some(date(2026, 1, 1)),
            ..open
        };
        assert_eq!(
            renewals(GivenBy::Guardian, 15, 16, &withdrawn, today),
            vec![]
        );
    }

    #[test]
    fn concern_reports_concern_children() {
        assert!(check_concern_report_age(17).is_ok());
        assert!(check_concern_report_age(18).is_err());
    }
}
