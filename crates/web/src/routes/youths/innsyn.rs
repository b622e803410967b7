//! The youth's own copy of the record (innsyn, pasient- og brukerrettighetsloven § 5-1): identity,
//! conversations, every journal version, assessments, and everyone who accessed the record with
//! time and basis — as HTML and as PDF. Entries a leader withheld are left out, and the copy says
//! so. Producing the copy is itself logged.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gatelangs_domain::PersonalDataAccess;
use gatelangs_domain::time::format_seconds;
use gatelangs_domain::youth::age_on;
use gatelangs_storage::audit::{self, AuditFilter};
use gatelangs_storage::{assessments, conversations, youths};

use super::record::{
    ConversationRow, EntryView, FactorRow, assessment_table, conversation_rows, entry_views,
};
use crate::auth::Principal;
use crate::auth::subject;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;

pub struct AccessRow {
    pub at: String,
    pub who: String,
    pub what: String,
    pub basis: String,
}

/// Everything the copy holds, ready to print in the user's language.
#[derive(Template, WebTemplate)]
#[template(path = "innsyn.html")]
pub struct Copy {
    pub tr: Tr,
    pub service_name: String,
    pub produced: String,
    pub name: String,
    pub reference: String,
    pub birth_date: String,
    pub age: i16,
    pub gender: String,
    pub municipality: String,
    pub phone: String,
    pub school: String,
    pub guardians: Vec<String>,
    pub conversations: Vec<ConversationRow>,
    pub entries: Vec<EntryView>,
    pub withheld: usize,
    pub assessment_dates: Vec<String>,
    pub assessment_rows: Vec<FactorRow>,
    pub accesses: Vec<AccessRow>,
    pub sharing: super::sharing::SharingView,
    pub groups: Vec<String>,
    /// The archive's copy: every entry, those withheld from the youth's copy marked as such.
    pub archive: bool,
}

/// What an access to a youth's record was and on which basis, in words, from the audit action
/// code (`personal_data_read:leader`, `emergency_access_granted`); `None` for other actions.
pub fn access_labels(tr: &Tr, action: &str) -> Option<(String, String)> {
    let (what, basis) = match action.split_once(':') {
        Some((what, basis)) if what.starts_with("personal_data_") => (what, basis),
        _ if action == "emergency_access_granted" => ("emergency", "emergency"),
        _ => return None,
    };
    Some((
        tr.t(match what {
            "personal_data_read" => "innsyn-access-read",
            "personal_data_change" => "innsyn-access-change",
            "personal_data_export" => "innsyn-access-export",
            _ => "innsyn-access-emergency",
        }),
        tr.t(match basis {
            "contact_person" => "basis-contact-person",
            "leader" => "basis-leader",
            "emergency" => "basis-emergency",
            _ => "basis-administration",
        }),
    ))
}

fn access_row(tr: &Tr, tz: &jiff::tz::TimeZone, e: &audit::AuditEntry) -> Option<AccessRow> {
    let (what, basis) = access_labels(tr, &e.action)?;
    Some(AccessRow {
        at: format_seconds(e.at, tz),
        who: e
            .actor_name
            .clone()
            .or_else(|| e.actor_username.clone())
            .unwrap_or_default(),
        what,
        basis,
    })
}

/// Which copy to make.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The youth's copy: what they have a right to see.
    Youth,
    /// The copy deposited with the archive before a record is erased (decision 0033): the
    /// whole journal, by a leader from whom the youth has blocked nothing (else another leader
    /// makes it, so it is complete).
    Archive,
}

async fn build(
    state: &AppState,
    p: &Principal,
    id: &str,
    what: &str,
    kind: Kind,
) -> AppResult<Copy> {
    let (rec, mut tx) = super::open(state, p, id, PersonalDataAccess::Export, what).await?;
    if kind == Kind::Archive {
        // Refused here, the transaction with the access entry is rolled back.
        gatelangs_app::retention::may_copy_for_archive(&rec)?;
    }
    let youth = rec.youth();
    let keys = state.store.field_keys();
    let y = youths::get(&mut tx, keys, rec.service(), youth)
        .await?
        .ok_or(AppError::NotFound)?;
    let convs = conversations::for_youth(&mut tx, rec.service(), youth).await?;
    let groups = super::group_attendance(&mut tx, rec.service(), youth).await?;
    // The copy shows what the person producing it may see: an entry the youth blocked against
    // them stays out of it, as on the record page.
    let entries = rec.journal(&mut tx, keys).await?;
    let assess = assessments::for_youth(&mut tx, keys, rec.service(), youth).await?;
    let sharing = super::sharing::view(&mut tx, keys, p, &y).await?;
    let log = audit::list(
        &mut tx,
        rec.service(),
        &AuditFilter {
            subject: Some(subject(youth)),
            limit: 100_000,
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    let tr = p.tr();
    let tz = p.tz();
    let shown: Vec<_> = entries
        .iter()
        .filter(|e| kind == Kind::Archive || e.withheld_reason.is_none())
        .cloned()
        .collect();
    let (assessment_dates, assessment_rows) = assessment_table(&tr, &assess);
    let now = jiff::Timestamp::now();
    Ok(Copy {
        groups,
        service_name: p.service().name.clone(),
        produced: format_seconds(now.as_second(), &tz),
        name: y.full_name(),
        reference: y.fields.reference.clone(),
        birth_date: gatelangs_domain::time::format_day(y.fields.birth_date),
        age: age_on(y.fields.birth_date, now.to_zoned(tz.clone()).date()),
        gender: crate::routes::labels::gender(&tr, y.fields.gender),
        municipality: format!(
            "{} {}",
            y.fields.municipality.as_str(),
            y.fields.municipality.name()
        ),
        phone: y.fields.phone.clone().unwrap_or_default(),
        school: y.fields.school.clone().unwrap_or_default(),
        guardians: y.fields.guardians.iter().map(|g| g.name.clone()).collect(),
        conversations: conversation_rows(&tr, &tz, &convs),
        entries: entry_views(&tr, &tz, &shown, None),
        withheld: entries.len() - shown.len(),
        assessment_dates,
        assessment_rows,
        accesses: log
            .iter()
            .rev()
            .filter_map(|e| access_row(&tr, &tz, e))
            .collect(),
        sharing,
        archive: kind == Kind::Archive,
        tr,
    })
}

pub async fn html(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Copy> {
    build(&state, &p, &id, "innsyn_html", Kind::Youth).await
}

pub async fn pdf(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let copy = build(&state, &p, &id, "innsyn_pdf", Kind::Youth).await?;
    pdf_download(copy, "innsyn.pdf").await
}

/// The archive's copy of the record as PDF, for a deposit (leaders).
pub async fn archive_pdf(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let copy = build(&state, &p, &id, "archive_copy_pdf", Kind::Archive).await?;
    let name = format!("arkivkopi-{}.pdf", copy.reference);
    pdf_download(copy, &name).await
}

async fn pdf_download(copy: Copy, filename: &str) -> AppResult<Response> {
    let bytes = tokio::task::spawn_blocking(move || super::pdf::render(&copy))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::Internal(e.into()))?;
    // The name is ASCII-only in the header; a reference is the team's own text.
    let filename: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
