//! A youth's record: identity, conversations, assessments over time and the journal with every
//! version; and the identity form, contact persons, closing and reopening.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use gatelangs_app::youths as youths_app;
use gatelangs_domain::time::format_seconds;
use gatelangs_domain::youth::{EntryState, Factor, FactorStatus, age_on};
use gatelangs_domain::{AccessBasis, PersonalDataAccess, UserId};
use gatelangs_storage::{assessments, conversations, journal, record_access as facts, youths};
use serde::Deserialize;

use super::form::{self, YouthForm};
use super::list::NewPage;
use super::staff;
use crate::auth::{Can, ForPrincipal, Principal, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::routes::choice::{Choice, of_codes};
use crate::routes::layout::Layout;
use crate::state::AppState;

pub struct VersionView {
    pub number: i64,
    pub author: String,
    pub written: String,
    pub signed: Option<String>,
    pub reason: Option<String>,
    pub body: String,
}

pub struct EntryView {
    pub id: String,
    pub kind: String,
    pub helped: String,
    pub author: String,
    pub draft: bool,
    pub mine: bool,
    pub withheld: Option<String>,
    pub versions: Vec<VersionView>,
    pub latest: String,
}

pub struct ConversationRow {
    pub date: String,
    pub staff: String,
    pub setting: String,
    pub duration: String,
    pub challenges: String,
    pub place: String,
}

pub struct FactorRow {
    pub label: String,
    pub cells: Vec<String>,
}

pub struct BlockRow {
    pub id: String,
    pub person: String,
    pub scope: String,
    pub reason: String,
    pub since: String,
    pub lifted: Option<String>,
}

pub struct DeletionRow {
    pub entry: String,
    pub by: String,
    pub reason: String,
    pub at: String,
}

pub struct FactorInput {
    pub code: &'static str,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_record.html")]
pub struct RecordPage {
    layout: Layout,
    id: String,
    reference: String,
    name: String,
    birth_date: String,
    age: i16,
    gender: String,
    municipality: String,
    elsewhere: bool,
    phone: String,
    school: String,
    guardians: Vec<String>,
    contact_persons: String,
    closed: bool,
    emergency: bool,
    leader: bool,
    notice: Option<String>,
    conversations: Vec<ConversationRow>,
    entries: Vec<EntryView>,
    hidden_entries: usize,
    deletions: Vec<DeletionRow>,
    assessment_dates: Vec<String>,
    assessment_rows: Vec<FactorRow>,
    factors: Vec<FactorInput>,
    statuses: Vec<Choice>,
    blocks: Vec<BlockRow>,
    people: Vec<Choice>,
    contact1: Vec<Choice>,
    contact2: Vec<Choice>,
    entry_choices: Vec<Choice>,
    today: String,
    sharing: super::sharing::SharingView,
    groups: Vec<String>,
}

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

fn notice(tr: &Tr, done: &str) -> Option<String> {
    let key = match done {
        "saved" => "youth-done-saved",
        "signed" => "youth-done-signed",
        "corrected" => "youth-done-corrected",
        "deleted" => "youth-done-deleted",
        "withheld" => "youth-done-withheld",
        "blocked" => "youth-done-blocked",
        "emergency" => "youth-done-emergency",
        "consent" => "youth-done-consent",
        "withdrawn" => "youth-done-withdrawn",
        "collaboration" => "youth-done-collaboration",
        "welfare" => "youth-done-welfare",
        "answered" => "youth-done-answered",
        _ => return None,
    };
    Some(tr.t(key))
}

pub(super) fn kind_label(tr: &Tr, kind: &str) -> String {
    tr.t(match kind {
        "conversation" => "journal-kind-conversation",
        "collaboration" => "journal-kind-collaboration",
        "concern_report" => "journal-kind-concern-report",
        "correction_refused" => "journal-kind-correction-refused",
        _ => "journal-kind-note",
    })
}

pub(super) fn factor_label(tr: &Tr, f: Factor) -> String {
    tr.t(match f {
        Factor::SubstanceUse => "factor-substance-use",
        Factor::Crime => "factor-crime",
        Factor::School => "factor-school",
        Factor::Family => "factor-family",
        Factor::Network => "factor-network",
        Factor::MentalHealth => "factor-mental-health",
        Factor::Housing => "factor-housing",
        Factor::Leisure => "factor-leisure",
    })
}

pub(super) fn status_label(tr: &Tr, s: FactorStatus) -> String {
    tr.t(match s {
        FactorStatus::Present => "factor-present",
        FactorStatus::Absent => "factor-absent",
        FactorStatus::Unknown => "factor-unknown",
    })
}

pub(super) fn entry_views(
    tr: &Tr,
    tz: &jiff::tz::TimeZone,
    entries: &[journal::Entry],
    user: Option<UserId>,
) -> Vec<EntryView> {
    entries
        .iter()
        .map(|e| EntryView {
            id: e.id.to_string(),
            kind: kind_label(tr, &e.kind),
            helped: format_seconds(e.helped_at, tz),
            author: e.author_name.clone(),
            draft: e.state() == EntryState::Draft,
            mine: Some(e.author) == user,
            withheld: e.withheld_reason.clone(),
            latest: e.latest().map(|v| v.body.clone()).unwrap_or_default(),
            versions: e
                .versions
                .iter()
                .map(|v| VersionView {
                    number: v.version,
                    author: v.author_name.clone(),
                    written: format_seconds(v.written_at, tz),
                    signed: v.signed_at.map(|s| format_seconds(s, tz)),
                    reason: v.reason.clone(),
                    body: v.body.clone(),
                })
                .collect(),
        })
        .collect()
}

pub(super) fn conversation_rows(
    tr: &Tr,
    tz: &jiff::tz::TimeZone,
    list: &[conversations::Conversation],
) -> Vec<ConversationRow> {
    list.iter()
        .map(|c| ConversationRow {
            date: format_seconds(c.occurred_at, tz),
            staff: c
                .staff
                .iter()
                .map(|s| s.2.clone())
                .collect::<Vec<_>>()
                .join(", "),
            setting: c
                .setting
                .map(|s| super::journal::setting_label(tr, s))
                .unwrap_or_default(),
            duration: c
                .duration_minutes
                .map(|m| tr.tn("youth-minutes", "n", m.max(0) as usize))
                .unwrap_or_default(),
            challenges: c
                .challenges
                .iter()
                .map(|ch| super::journal::challenge_label(tr, *ch))
                .collect::<Vec<_>>()
                .join(", "),
            place: c.place_name.clone().unwrap_or_default(),
        })
        .collect()
}

pub(super) fn assessment_table(
    tr: &Tr,
    list: &[assessments::Assessment],
) -> (Vec<String>, Vec<FactorRow>) {
    let dates = list
        .iter()
        .map(|a| {
            a.assessed_on
                .parse::<jiff::civil::Date>()
                .map(gatelangs_domain::time::format_day)
                .unwrap_or_else(|_| a.assessed_on.clone())
        })
        .collect();
    let rows = Factor::ALL
        .iter()
        .map(|f| FactorRow {
            label: factor_label(tr, *f),
            cells: list
                .iter()
                .map(|a| {
                    a.items
                        .iter()
                        .find(|i| i.factor == *f)
                        .map(|i| {
                            let s = status_label(tr, i.status);
                            if i.comment.is_empty() {
                                s
                            } else {
                                format!("{s}: {}", i.comment)
                            }
                        })
                        .unwrap_or_else(|| "–".into())
                })
                .collect(),
        })
        .collect();
    (dates, rows)
}

pub async fn show(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> AppResult<RecordPage> {
    let (rec, mut tx) = super::open(&state, &p, &id, PersonalDataAccess::Read, "record").await?;
    let youth = rec.youth();
    let keys = state.store.field_keys();
    let y = youths::get(&mut tx, keys, rec.service(), youth)
        .await?
        .ok_or(AppError::NotFound)?;
    let convs = conversations::for_youth(&mut tx, rec.service(), youth).await?;
    let groups = super::group_attendance(&mut tx, rec.service(), youth).await?;
    let visible = rec.journal(&mut tx, keys).await?;
    let deletions = journal::deletions(&mut tx, keys, rec.service(), youth).await?;
    let assess = assessments::for_youth(&mut tx, keys, rec.service(), youth).await?;
    let leader = rec.require_leader().is_ok();
    let blocks = if leader {
        facts::blocks(&mut tx, keys, rec.service(), youth).await?
    } else {
        Vec::new()
    };
    let people = staff(&mut tx, rec.service()).await?;
    let sharing = super::sharing::view(&mut tx, keys, &p, &y).await?;
    tx.commit().await?;

    let tr = p.tr();
    let tz = p.tz();
    let (assessment_dates, assessment_rows) = assessment_table(&tr, &assess);
    let home = p.service().municipality.as_deref();
    let name_of = |id: &UserId| {
        people
            .iter()
            .find(|u| u.id == *id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let today = jiff::Timestamp::now().to_zoned(tz.clone()).date();
    Ok(RecordPage {
        groups,
        id: youth.to_string(),
        reference: y.fields.reference.clone(),
        name: y.full_name(),
        birth_date: gatelangs_domain::time::format_day(y.fields.birth_date),
        age: age_on(y.fields.birth_date, today),
        gender: crate::routes::labels::gender(&tr, y.fields.gender),
        municipality: format!(
            "{} {}",
            y.fields.municipality.as_str(),
            y.fields.municipality.name()
        ),
        elsewhere: home.is_some_and(|h| h != y.fields.municipality.as_str()),
        phone: y.fields.phone.clone().unwrap_or_default(),
        school: y.fields.school.clone().unwrap_or_default(),
        guardians: y
            .fields
            .guardians
            .iter()
            .map(|g| match &g.phone {
                Some(ph) => format!("{} ({ph})", g.name),
                None => g.name.clone(),
            })
            .collect(),
        contact_persons: y
            .contact_persons
            .iter()
            .map(name_of)
            .collect::<Vec<_>>()
            .join(", "),
        closed: y.closed_at.is_some(),
        emergency: matches!(rec.basis(), AccessBasis::Emergency { .. }),
        leader,
        notice: notice(&tr, &done.done),
        conversations: conversation_rows(&tr, &tz, &convs),
        entries: entry_views(&tr, &tz, &visible, Some(rec.user())),
        hidden_entries: rec.hidden_entries(),
        deletions: deletions
            .iter()
            .map(|d| DeletionRow {
                entry: d.entry.chars().take(8).collect(),
                by: d.decided_by.clone(),
                reason: d.reason.clone(),
                at: format_seconds(d.deleted_at, &tz),
            })
            .collect(),
        assessment_dates,
        assessment_rows,
        factors: Factor::ALL
            .iter()
            .map(|f| FactorInput {
                code: f.as_str(),
                label: factor_label(&tr, *f),
            })
            .collect(),
        statuses: of_codes(
            FactorStatus::ALL,
            FactorStatus::as_str,
            |s| status_label(&tr, s),
            FactorStatus::Unknown.as_str(),
        ),
        blocks: blocks
            .iter()
            .map(|b| BlockRow {
                id: b.id.to_string(),
                person: b.user_name.clone(),
                scope: match b.entry {
                    None => tr.t("block-whole-record"),
                    Some(e) => tr.t1("block-one-entry", "entry", &e.to_string()[..8]),
                },
                reason: b.reason.clone(),
                since: format_seconds(b.created_at, &tz),
                lifted: b.lifted_at.map(|t| format_seconds(t, &tz)),
            })
            .collect(),
        people: form::staff_choices(&tr, &people, ""),
        contact1: form::staff_choices(
            &tr,
            &people,
            &y.contact_persons
                .first()
                .map(|u| u.to_string())
                .unwrap_or_default(),
        ),
        contact2: form::staff_choices(
            &tr,
            &people,
            &y.contact_persons
                .get(1)
                .map(|u| u.to_string())
                .unwrap_or_default(),
        ),
        entry_choices: std::iter::once(Choice {
            value: String::new(),
            label: tr.t("block-whole-record"),
            selected: true,
        })
        .chain(visible.iter().map(|e| Choice {
            value: e.id.to_string(),
            label: format!(
                "{} – {}",
                format_seconds(e.helped_at, &tz),
                kind_label(&tr, &e.kind)
            ),
            selected: false,
        }))
        .collect(),
        today: gatelangs_domain::time::format_day(today),
        sharing,
        layout: Layout::for_principal(
            &p,
            "youth-record-title",
            "youths",
            &format!("/youths/{youth}"),
        ),
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<NewPage> {
    let (rec, mut tx) = super::open(&state, &p, &id, PersonalDataAccess::Read, "identity").await?;
    let youth = rec.youth();
    let y = youths::get(&mut tx, state.store.field_keys(), rec.service(), youth)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    NewPage::render(
        &state,
        &p,
        YouthForm::from_youth(&y),
        Vec::new(),
        Vec::new(),
        format!("/youths/{youth}/edit"),
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<YouthForm>,
) -> AppResult<Response> {
    let youth = super::youth_id(&id)?;
    let tr = p.tr();
    let action = format!("/youths/{youth}/edit");
    // The reference is a pseudonym, not personal data: reading it opens nothing. An emptied
    // field keeps it.
    let old_reference = {
        let mut conn = state.store.read_conn().await?;
        youths::reference_in(&mut conn, desk.service(), youth)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let fields = match form.parse(&tr, &old_reference, p.today()) {
        Ok(f) => f,
        Err(errors) => {
            return Ok(
                NewPage::render(&state, &p, form, errors, Vec::new(), action)
                    .await?
                    .into_response(),
            );
        }
    };
    match youths_app::edit(&state.store, &desk, youth, &fields).await {
        Ok(()) => Ok(done(youth, "saved")),
        Err(e) => {
            let errors = vec![super::list::refused_message(&tr, &e, &fields.reference).ok_or(e)?];
            Ok(
                NewPage::render(&state, &p, form, errors, Vec::new(), action)
                    .await?
                    .into_response(),
            )
        }
    }
}

pub(super) fn done(youth: gatelangs_domain::YouthId, what: &str) -> Response {
    Redirect::to(&format!("/youths/{youth}?done={what}")).into_response()
}

#[derive(Deserialize, Default)]
pub struct ContactPersonsForm {
    #[serde(default)]
    contact1: String,
    #[serde(default)]
    contact2: String,
}

pub async fn set_contact_persons(
    State(state): State<AppState>,
    Can(_p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<ContactPersonsForm>,
) -> AppResult<Response> {
    let youth = super::youth_id(&id)?;
    let persons: Vec<UserId> = [&form.contact1, &form.contact2]
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    youths_app::set_contact_persons(&state.store, &desk, youth, &persons).await?;
    Ok(done(youth, "saved"))
}

async fn set_closed(
    state: &AppState,
    p: &Principal,
    id: &str,
    closed: bool,
) -> AppResult<Response> {
    let desk = YouthDesk::for_principal(p)?;
    let youth = super::youth_id(id)?;
    youths_app::set_closed(&state.store, &desk, youth, closed).await?;
    Ok(done(youth, "saved"))
}

pub async fn close(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    set_closed(&state, &p, &id, true).await
}

pub async fn reopen(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    set_closed(&state, &p, &id, false).await
}
