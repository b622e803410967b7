//! Named youths in individual follow-up and their journal: the code sets of the contract and
//! the rules that hold whatever screen or file the data comes from.

use jiff::civil::Date;

use crate::ParseError;

code_set!(
    /// What a follow-up conversation was about (`followups.csv` `challenges`).
    Challenge, "challenge" {
        SubstanceUse => "substance_use",
        Crime => "crime",
        Exclusion => "exclusion",
        MentalHealth => "mental_health",
        Other => "other",
    }
);

code_set!(
    /// Where or how a follow-up conversation took place.
    Setting, "setting" {
        Street => "street",
        PlannedMeeting => "planned_meeting",
        School => "school",
        Digital => "digital",
        Phone => "phone",
    }
);

code_set!(
    /// A risk or protective factor of the structured assessment.
    Factor, "factor" {
        SubstanceUse => "substance_use",
        Crime => "crime",
        School => "school",
        Family => "family",
        Network => "network",
        MentalHealth => "mental_health",
        Housing => "housing",
        Leisure => "leisure",
    }
);

code_set!(
    /// Whether an assessed factor is present.
    FactorStatus, "factor status" {
        Present => "present",
        Absent => "absent",
        Unknown => "unknown",
    }
);

/// Parses a `;`-separated list of challenge codes; an empty list is allowed.
pub fn parse_challenges(text: &str) -> Result<Vec<Challenge>, ParseError> {
    let mut out: Vec<Challenge> = Vec::new();
    for item in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let c: Challenge = item.parse()?;
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out.sort();
    Ok(out)
}

/// Challenges as stored and exported: codes joined by `;`.
pub fn join_challenges(challenges: &[Challenge]) -> String {
    challenges
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// A first or last name as typed: trimmed, not empty, at most 100 characters.
pub fn parse_name_part(s: &str, what: &str) -> Result<String, ParseError> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return Err(ParseError(format!("the {what} is missing")));
    }
    if s.chars().count() > 100 {
        return Err(ParseError(format!(
            "the {what} is longer than 100 characters"
        )));
    }
    Ok(s)
}

/// A phone number: digits with an optional leading `+`; spaces are dropped.
pub fn parse_phone(s: &str) -> Result<Option<String>, ParseError> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let digits = compact.strip_prefix('+').unwrap_or(&compact);
    if digits.len() < 5 || digits.len() > 15 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ParseError(format!(
            "invalid phone number {s:?}: expected digits, e.g. 912 34 567 or +4791234567"
        )));
    }
    Ok(Some(compact))
}

/// A birth date of someone the team may follow up: not in the future, at most 30 years ago.
pub fn check_birth_date(birth: Date, today: Date) -> Result<Date, ParseError> {
    if birth > today {
        return Err(ParseError(format!(
            "the birth date {birth} is in the future"
        )));
    }
    if age_on(birth, today) > 30 {
        return Err(ParseError(format!(
            "the birth date {birth} makes the youth older than 30; check the year"
        )));
    }
    Ok(birth)
}

/// Age in whole years on `on`; always computed, never stored.
pub fn age_on(birth: Date, on: Date) -> i16 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// A name as compared: lower case, single spaces. The same form feeds the keyed hash that
/// exact-name search uses, so "Kari  Nordmann" and "kari nordmann" find the same youth.
pub fn normalize_name(first: &str, last: &str) -> String {
    format!("{first} {last}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether two names are close enough to warn of a possible duplicate (typos, a missing middle
/// name, a swapped first and last name).
pub fn names_similar(a: (&str, &str), b: (&str, &str)) -> bool {
    let a_full = normalize_name(a.0, a.1);
    let b_full = normalize_name(b.0, b.1);
    let swapped = normalize_name(b.1, b.0);
    let first_word = |s: &str| s.split_whitespace().next().unwrap_or("").to_lowercase();
    strsim::jaro_winkler(&a_full, &b_full) >= 0.88
        || strsim::jaro_winkler(&a_full, &swapped) >= 0.88
        || (first_word(a.0) == first_word(b.0) && a.1.trim().eq_ignore_ascii_case(b.1.trim()))
}

/// When the contact persons are given: on a form, both are chosen; a bundle import may not know
/// them, and then a leader assigns them later (the youth is listed until they do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactPersonsGiven {
    /// Registration and edit by a user: exactly two.
    Both,
    /// Import: none, one or two; the rest are assigned later.
    SomeMayWait,
}

/// The youth's contact persons: two different staff members. Which people may be chosen is
/// [`crate::Role::may_be_contact_person`] (and the user not being disabled); this checks the
/// number and that the two differ.
pub fn check_contact_persons<T: PartialEq>(
    persons: &[T],
    given: ContactPersonsGiven,
) -> Result<(), ParseError> {
    if persons.len() > 2 {
        return Err(ParseError(format!(
            "at most two contact persons, found {}",
            persons.len()
        )));
    }
    if let [a, b] = persons
        && a == b
    {
        return Err(ParseError(
            "the two contact persons must be different people".into(),
        ));
    }
    match (given, persons.len()) {
        (ContactPersonsGiven::Both, n) if n != 2 => {
            Err(ParseError("choose exactly two contact persons".into()))
        }
        _ => Ok(()),
    }
}

/// Whether a youth still waits for a leader to assign contact persons.
pub fn awaits_contact_persons(assigned: usize) -> bool {
    assigned < 2
}

/// The state of a journal entry version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    Draft,
    Signed,
}

/// Why a journal change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalRefusal {
    #[error("a signed entry cannot be changed; write a correction instead")]
    Signed,
    #[error("only the author may change or sign a draft")]
    NotAuthor,
    #[error("only a signed entry can be corrected; change the draft instead")]
    NotSigned,
    #[error("a correction needs a reason")]
    NoReason,
    #[error("the journal text is empty")]
    Empty,
}

/// A draft is changed and signed by its author only.
pub fn may_edit_draft<U: PartialEq>(
    state: EntryState,
    author: &U,
    user: &U,
) -> Result<(), JournalRefusal> {
    match state {
        EntryState::Signed => Err(JournalRefusal::Signed),
        EntryState::Draft if author != user => Err(JournalRefusal::NotAuthor),
        EntryState::Draft => Ok(()),
    }
}

/// A signed entry is corrected by a new version with a reason; the original stays.
pub fn may_correct(state: EntryState, reason: &str, text: &str) -> Result<(), JournalRefusal> {
    if state == EntryState::Draft {
        return Err(JournalRefusal::NotSigned);
    }
    if reason.trim().is_empty() {
        return Err(JournalRefusal::NoReason);
    }
    if text.trim().is_empty() {
        return Err(JournalRefusal::Empty);
    }
    Ok(())
}

/// How long an unsigned draft may wait before it is shown to its author and the leader.
pub const DRAFT_OVERDUE_SECS: i64 = 24 * 3600;

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn age_counts_whole_years_from_the_birthday() {
        let born = date(2010, 3, 15);
        assert_eq!(age_on(born, date(2026, 3, 14)), 15);
        assert_eq!(age_on(born, date(2026, 3, 15)), 16);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
    }

    #[test]
    fn birth_dates_must_be_plausible() {
        let today = date(2026, 11, 26);
        assert!(check_birth_date(date(2010, 1, 1), today).is_ok());
        assert!(check_birth_date(date(2027, 1, 1), today).is_err());
        assert!(check_birth_date(date(1980, 1, 1), today).is_err());
    }

    #[test]
    fn similar_names_are_caught_and_different_ones_are_not() {
        assert!(names_similar(("Kari", "Nordmann"), ("kari", "nordmann")));
        assert!(names_similar(("Kari", "Nordmann"), ("Karri", "Nordman")));
        assert!(names_similar(("Kari", "Nordmann"), ("Nordmann", "Kari")));
        assert!(names_similar(
            ("Kari Anne", "Nordmann"),
            ("Kari", "Nordmann")
        ));
        assert!(!names_similar(("Kari", "Nordmann"), ("Ola", "Hansen")));
        assert!(!names_similar(("Ahmed", "Ali"), ("Sara", "Berg")));
    }

    #[test]
    fn challenges_parse_as_a_list_and_reject_unknown_codes() {
        assert_eq!(
            parse_challenges("crime; substance_use;crime"),
            Ok(vec![Challenge::SubstanceUse, Challenge::Crime])
        );
        assert_eq!(parse_challenges(""), Ok(vec![]));
        assert!(parse_challenges("drugs").is_err());
    }

    #[test]
    fn phones_and_names_are_checked() {
        assert_eq!(parse_phone("912 34 567"), Ok(Some("91234567".into())));
        assert_eq!(parse_phone(""), Ok(None));
        assert!(parse_phone("call me").is_err());
        assert_eq!(
            parse_name_part("  Kari   Anne ", "first name"),
            Ok("Kari Anne".into())
        );
        assert!(parse_name_part("  ", "first name").is_err());
    }

    #[test]
    fn exactly_two_different_contact_persons() {
        use ContactPersonsGiven::{Both, SomeMayWait};
        assert!(check_contact_persons(&[1, 2], Both).is_ok());
        assert!(check_contact_persons(&[1, 1], Both).is_err());
        assert!(check_contact_persons(&[1], Both).is_err());
        assert!(check_contact_persons::<i32>(&[], Both).is_err());
        assert!(check_contact_persons(&[1, 2, 3], Both).is_err());
        // An import may leave them for a leader to assign, but never names one person twice.
        assert!(check_contact_persons::<i32>(&[], SomeMayWait).is_ok());
        assert!(check_contact_persons(&[1], SomeMayWait).is_ok());
        assert!(check_contact_persons(&[1, 1], SomeMayWait).is_err());
        assert!(check_contact_persons(&[1, 2, 3], SomeMayWait).is_err());
        assert!(awaits_contact_persons(1) && !awaits_contact_persons(2));
    }

    #[test]
    fn drafts_belong_to_their_author_and_signed_entries_are_final() {
        assert!(may_edit_draft(EntryState::Draft, &1, &1).is_ok());
        assert_eq!(
            may_edit_draft(EntryState::Draft, &1, &2),
            Err(JournalRefusal::NotAuthor)
        );
        assert_eq!(
            may_edit_draft(EntryState::Signed, &1, &1),
            Err(JournalRefusal::Signed)
        );
        assert!(may_correct(EntryState::Signed, "wrong date", "new text").is_ok());
        assert_eq!(
            may_correct(EntryState::Signed, " ", "new text"),
            Err(JournalRefusal::NoReason)
        );
        assert_eq!(
            may_correct(EntryState::Draft, "r", "t"),
            Err(JournalRefusal::NotSigned)
        );
    }
}
