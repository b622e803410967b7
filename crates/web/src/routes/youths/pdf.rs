//! The youth's copy (and the archive's) as a PDF, typeset by Typst in-process (tagged PDF, no outside calls). The
//! template is fixed; the copy's text reaches it only as JSON data.

use serde_json::json;

use super::innsyn::Copy;

static TEMPLATE: &str = include_str!("../../../templates/innsyn.typ");

fn data(copy: &Copy) -> serde_json::Value {
    let tr = &copy.tr;
    let t = |k: &str| tr.t(k);
    let mut identity = vec![
        (t("youth-name"), copy.name.clone()),
        (t("youth-reference"), copy.reference.clone()),
        (
            t("youth-birth-date"),
            format!(
                "{} ({})",
                copy.birth_date,
                tr.tn("youth-age-years", "n", copy.age.max(0) as usize)
            ),
        ),
        (t("youth-gender"), copy.gender.clone()),
        (t("youth-municipality"), copy.municipality.clone()),
    ];
    if !copy.phone.is_empty() {
        identity.push((t("youth-phone"), copy.phone.clone()));
    }
    if !copy.school.is_empty() {
        identity.push((t("youth-school"), copy.school.clone()));
    }
    if !copy.guardians.is_empty() {
        identity.push((t("youth-guardians"), copy.guardians.join(", ")));
    }
    json!({
        "lang": tr.code(),
        "title": if copy.archive { t("archive-copy-title") } else { t("innsyn-title") },
        "service": copy.service_name,
        "intro": tr.t1("innsyn-produced", "when", &copy.produced),
        "archive_note": if copy.archive { t("archive-copy-intro") } else { String::new() },
        "identity": identity,
        "labels": {
            "conversations": t("youth-conversations"),
            "groups": t("youth-groups"),
            "journal": t("youth-journal"),
            "assessments": t("youth-assessments"),
            "accesses": t("innsyn-accesses"),
            "none": t("youth-none"),
            "when": t("innsyn-col-when"),
            "staff": t("conversation-staff"),
            "setting": t("conversation-setting"),
            "duration": t("conversation-duration"),
            "challenges": t("conversation-challenges"),
            "reason": t("journal-reason"),
            "factor": t("assessment-factor"),
            "who": t("innsyn-col-who"),
            "what": t("innsyn-col-what"),
            "basis": t("innsyn-col-basis"),
        },
        "accesses_intro": t("innsyn-accesses-intro"),
        "withheld_note": if copy.withheld > 0 { tr.tn("innsyn-withheld", "n", copy.withheld) } else { String::new() },
        "groups": copy.groups,
        "conversations": copy.conversations.iter().map(|c| json!({
            "date": c.date, "staff": c.staff, "setting": c.setting, "duration": c.duration, "challenges": c.challenges,
        })).collect::<Vec<_>>(),
        "entries": copy.entries.iter().map(|e| json!({
            "kind": e.kind,
            "helped": e.helped,
            "withheld": e.withheld.as_ref().map(|r| tr.t1("archive-copy-withheld", "reason", r)).unwrap_or_default(),
            "versions": e.versions.iter().map(|v| json!({
                "heading": version_heading(tr, v.number, &v.author, &v.written, v.signed.as_deref()),
                "reason": v.reason.clone().unwrap_or_default(),
                "body": v.body,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "assessment_dates": copy.assessment_dates,
        "assessment_rows": copy.assessment_rows.iter().map(|r| json!({"label": r.label, "cells": r.cells})).collect::<Vec<_>>(),
        "sharing": [
            {"heading": t("consent-title"), "items": copy.sharing.consents.iter().map(|c| {
                let mut s = format!("{}: {} {}, {}. {}: {}.", c.services, t("consent-given"), c.given, c.given_by, t("consent-until"), c.until);
                if let Some(w) = &c.withdrawn { s.push(' '); s.push_str(&tr.t1("consent-withdrawn", "when", w)); }
                s
            }).collect::<Vec<_>>()},
            {"heading": t("collaboration-title"), "items": copy.sharing.collaborations.iter().map(|c| format!("{}: {} – {}. {}", c.date, c.direction, c.service, c.note)).collect::<Vec<_>>()},
            {"heading": t("welfare-title"), "items": copy.sharing.welfare.iter().map(|w| format!(
                "{} {}. {} {}",
                if w.concern_report { t("welfare-report-sent") } else { t("welfare-request-received") },
                w.date,
                w.details,
                w.answered.as_ref().map(|a| format!("{} {a}: {}", t("welfare-answered"), w.answer)).unwrap_or_default(),
            )).collect::<Vec<_>>()},
        ],
        "accesses": copy.accesses.iter().map(|a| json!({"at": a.at, "who": a.who, "what": a.what, "basis": a.basis})).collect::<Vec<_>>(),
    })
}

pub(super) fn version_heading(
    tr: &crate::i18n::Tr,
    number: i64,
    author: &str,
    written: &str,
    signed: Option<&str>,
) -> String {
    let signed = match signed {
        Some(s) => tr.t1("journal-signed-at", "when", s),
        None => tr.t("journal-draft"),
    };
    format!(
        "{} {number} · {} {author} · {} {written} · {signed}",
        tr.t("journal-version"),
        tr.t("journal-author"),
        tr.t("journal-written"),
    )
}

/// Typesets the copy; the error names the Typst problem for the log.
pub fn render(copy: &Copy) -> Result<Vec<u8>, String> {
    gatelangs_report::typeset::pdf(TEMPLATE, &data(copy))
}
