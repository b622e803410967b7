//! Group work, prevention work and trend observations: the code sets of the contract
//! (`groups.csv`, `group_attendance.csv`, `prevention.csv`, `observations.csv`) and the rules that
//! hold whichever screen or file the data comes from.

use crate::ParseError;

code_set!(
    /// What a group is (`groups.csv` `kind`): life skills (Sisterhood/Brotherhood), the FLYT
    /// programme, groups met through gaming, or other group work.
    GroupKind, "group kind" {
        LifeSkills => "life_skills",
        Flyt => "flyt",
        Gaming => "gaming",
        Other => "other",
    }
);

code_set!(
    /// What a prevention or information event was (`prevention.csv` `kind`).
    PreventionKind, "prevention kind" {
        DrugPreventionClass => "drug_prevention_class",
        ParentMeeting => "parent_meeting",
        Talk => "talk",
        Information => "information",
    }
);

code_set!(
    /// A theme of a trend observation (`observations.csv` `themes`).
    Theme, "theme" {
        SubstanceUse => "substance_use",
        Violence => "violence",
        Crime => "crime",
        Gangs => "gangs",
        Digital => "digital",
        Exclusion => "exclusion",
        Other => "other",
    }
);

code_set!(
    /// Where a class stands in the yearly 8th-grade programme.
    ClassStatus, "class status" {
        Taught => "taught",
        Planned => "planned",
        NotYet => "not_yet",
    }
);

/// A class's name as the school writes it (`8A`, `8. trinn gruppe 2`): 1–40 characters.
pub fn parse_class_name(text: &str) -> Result<String, ParseError> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 40 {
        return Err(ParseError(format!(
            "{text:?} is not a class name (1–40 characters)"
        )));
    }
    Ok(name)
}

/// The most topics one prevention event can name, and the longest topic.
const MAX_TOPICS: usize = 10;
const MAX_TOPIC_CHARS: usize = 60;

/// The topics of a prevention event as typed (`rus, nettvett; vold i nære relasjoner`): split at
/// commas, semicolons and line breaks, spaces tidied, empty ones dropped, the same topic once
/// (whatever its case); at most 10 of at most 60 characters each.
pub fn parse_topics(text: &str) -> Result<Vec<String>, ParseError> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split([',', ';', '\n']) {
        let topic = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if topic.is_empty() || out.iter().any(|t| t.to_lowercase() == topic.to_lowercase()) {
            continue;
        }
        if topic.chars().count() > MAX_TOPIC_CHARS {
            return Err(ParseError(format!(
                "the topic {topic:?} is longer than {MAX_TOPIC_CHARS} characters"
            )));
        }
        out.push(topic);
    }
    if out.len() > MAX_TOPICS {
        return Err(ParseError(format!(
            "{} topics; at most {MAX_TOPICS}",
            out.len()
        )));
    }
    Ok(out)
}

/// Who attended a group session: a named youth by `ref`, or an anonymous participant known by a
/// pseudonym (a nickname or gamer tag), never linked to a youth.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Participant {
    Youth(String),
    Anonymous(String),
}

/// The longest pseudonym or `ref` a participant cell may hold.
const MAX_LABEL_CHARS: usize = 100;

impl Participant {
    /// `youth:REF` or `anon:LABEL`, as `group_attendance.csv` writes it.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let refuse = || {
            ParseError(format!(
                "{text:?} is neither youth:REF (a named youth) nor anon:LABEL (a pseudonym such as a gamer tag)"
            ))
        };
        let (kind, rest) = text.split_once(':').ok_or_else(refuse)?;
        let label = rest.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
            return Err(refuse());
        }
        match kind.trim() {
            "youth" => Ok(Participant::Youth(label)),
            "anon" => Ok(Participant::Anonymous(label)),
            _ => Err(refuse()),
        }
    }

    /// The cell as written to `group_attendance.csv`.
    pub fn code(&self) -> String {
        match self {
            Participant::Youth(r) => format!("youth:{r}"),
            Participant::Anonymous(l) => format!("anon:{l}"),
        }
    }
}

/// Parses a `;`-separated list of themes; an observation has at least one.
pub fn parse_themes(text: &str) -> Result<Vec<Theme>, ParseError> {
    let mut out: Vec<Theme> = Vec::new();
    for item in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let theme: Theme = item.parse()?;
        if !out.contains(&theme) {
            out.push(theme);
        }
    }
    if out.is_empty() {
        return Err(ParseError("name at least one theme".into()));
    }
    out.sort();
    Ok(out)
}

/// Themes as stored and exported: codes joined by `;`.
pub fn join_themes(themes: &[Theme]) -> String {
    themes
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// A school grade (1–13: primary school to the last year of upper secondary).
pub fn check_grade(grade: i64) -> Result<i64, ParseError> {
    if (1..=13).contains(&grade) {
        Ok(grade)
    } else {
        Err(ParseError(format!(
            "grade {grade} is not a school grade from 1 to 13"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_are_a_youth_or_a_pseudonym() {
        assert_eq!(
            Participant::parse("youth:Y1"),
            Ok(Participant::Youth("Y1".into()))
        );
        assert_eq!(
            Participant::parse("anon: Shadow  Fox "),
            Ok(Participant::Anonymous("Shadow Fox".into()))
        );
        for bad in ["Y1", "anon:", "member:x", "youth: ", ":x", ""] {
            assert!(Participant::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Participant::Anonymous("Fox".into()).code(), "anon:Fox");
    }

    #[test]
    fn themes_are_a_non_empty_set() {
        assert_eq!(
            parse_themes("gangs; crime;gangs"),
            Ok(vec![Theme::Crime, Theme::Gangs])
        );
        assert!(parse_themes("").is_err());
        assert!(parse_themes("weather").is_err());
        assert_eq!(join_themes(&[Theme::Crime, Theme::Gangs]), "crime;gangs");
    }

    #[test]
    fn grades_run_from_1_to_13() {
        assert!(check_grade(8).is_ok());
        assert!(check_grade(0).is_err() && check_grade(14).is_err());
    }

    #[test]
    fn topics_are_tidied_and_named_once() {
        assert_eq!(
            parse_topics(" Rus,  nettvett ;\nrus\n\nVold i nære  relasjoner"),
            Ok(vec![
                "Rus".into(),
                "nettvett".into(),
                "Vold i nære relasjoner".into()
            ])
        );
        assert_eq!(parse_topics(" ; ,"), Ok(vec![]));
        assert!(parse_topics(&"x".repeat(61)).is_err());
        let eleven: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
        assert!(parse_topics(&eleven.join(",")).is_err());
        assert_eq!(
            parse_topics(&eleven[..10].join(",")).map(|t| t.len()),
            Ok(10)
        );
    }
}
