//! Writing in the journal: conversations (optionally from a field contact), notes, drafts,
//! signing, corrections, withholding and recorded deletion, and assessments.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use gatelangs_app::journal::{ConversationInput, EntryKind, Text};
use gatelangs_domain::time::{local_instant, parse_date};
use gatelangs_domain::youth::{Challenge, Factor, FactorStatus, Setting};
use gatelangs_domain::{ContactId, EntryId, PersonalDataAccess, UserId};
use gatelangs_storage::assessments::Item;
use gatelangs_storage::{contacts, places};
use serde::Deserialize;

use super::record::done;
use super::staff;
use crate::auth::{Can, Principal, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::routes::choice::Choice;
use crate::routes::layout::Layout;
use crate::state::AppState;

pub fn setting_label(tr: &Tr, s: Setting) -> String {
    tr.t(match s {
        Setting::Street => "setting-street",
        Setting::PlannedMeeting => "setting-planned-meeting",
        Setting::School => "setting-school",
        Setting::Digital => "setting-digital",
        Setting::Phone => "setting-phone",
    })
}

pub fn challenge_label(tr: &Tr, c: Challenge) -> String {
    tr.t(match c {
        Challenge::SubstanceUse => "challenge-substance-use",
        Challenge::Crime => "challenge-crime",
        Challenge::Exclusion => "challenge-exclusion",
        Challenge::MentalHealth => "challenge-mental-health",
        Challenge::Other => "challenge-other",
    })
}

fn entry_id(text: &str) -> Result<EntryId, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

#[derive(Deserialize, Default, Clone)]
pub struct ConversationForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    staff: Vec<String>,
    #[serde(default)]
    setting: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    challenges: Vec<String>,
    #[serde(default)]
    place: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    sign: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_conversation.html")]
pub struct ConversationPage {
    layout: Layout,
    id: String,
    errors: Vec<String>,
    form: ConversationForm,
    staff: Vec<Choice>,
    settings: Vec<Choice>,
    challenges: Vec<Choice>,
    places: Vec<Choice>,
    from_contact: bool,
}

#[derive(Deserialize, Default)]
pub struct FromContact {
    #[serde(default)]
    contact: String,
}

async fn conversation_page(
    state: &AppState,
    p: &Principal,
    youth: gatelangs_domain::YouthId,
    form: ConversationForm,
    errors: Vec<String>,
) -> AppResult<ConversationPage> {
    let tr = p.tr();
    let mut conn = state.store.conn().await?;
    let people = staff(&mut conn, p.service_id()).await?;
    let place_list = places::list_places(&mut conn, p.service_id()).await?;
    Ok(ConversationPage {
        id: youth.to_string(),
        staff: people
            .iter()
            .map(|u| Choice {
                value: u.id.to_string(),
                label: u.name.clone(),
                selected: form.staff.contains(&u.id.to_string()),
            })
            .collect(),
        settings: std::iter::once(Choice {
            value: String::new(),
            label: "–".into(),
            selected: form.setting.is_empty(),
        })
        .chain(Setting::ALL.iter().map(|s| Choice {
            value: s.as_str().into(),
            label: setting_label(&tr, *s),
            selected: form.setting == s.as_str(),
        }))
        .collect(),
        challenges: Challenge::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().into(),
                label: challenge_label(&tr, *c),
                selected: form.challenges.iter().any(|x| x == c.as_str()),
            })
            .collect(),
        places: std::iter::once(Choice {
            value: String::new(),
            label: "–".into(),
            selected: form.place.is_empty(),
        })
        .chain(
            place_list
                .iter()
                .filter(|pl| !pl.archived || pl.id.to_string() == form.place)
                .map(|pl| Choice {
                    value: pl.id.to_string(),
                    label: format!("{} ({})", pl.name, pl.district_name),
                    selected: pl.id.to_string() == form.place,
                }),
        )
        .collect(),
        from_contact: !form.contact.is_empty(),
        errors,
        form,
        layout: Layout::for_principal(
            p,
            "conversation-new-title",
            "youths",
            &format!("/youths/{youth}/conversations/new"),
        ),
    })
}

pub async fn conversation_form(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
    Query(q): Query<FromContact>,
) -> AppResult<ConversationPage> {
    let (rec, mut tx) = super::open(
        &state,
        &p,
        &id,
        PersonalDataAccess::Read,
        "conversation_form",
    )
    .await?;
    let youth = rec.youth();
    let tz = p.tz();
    let now = jiff::Timestamp::now().to_zoned(tz.clone());
    let mut form = ConversationForm {
        date: gatelangs_domain::time::format_day(now.date()),
        time: now.strftime("%H:%M").to_string(),
        staff: vec![rec.user().to_string()],
        ..Default::default()
    };
    // Started from a field contact: its place and time, without typing them again.
    if let Ok(contact) = q.contact.parse::<ContactId>() {
        let c = contacts::get(&mut tx, rec.service(), contact).await?;
        let at = jiff::Timestamp::from_second(c.occurred_at)
            .unwrap_or_default()
            .to_zoned(tz.clone());
        form.date = gatelangs_domain::time::format_day(at.date());
        form.time = at.strftime("%H:%M").to_string();
        form.place = c.place_id.to_string();
        form.contact = contact.to_string();
        form.setting = match c.channel {
            gatelangs_domain::field::Channel::School => "school",
            gatelangs_domain::field::Channel::Digital => "digital",
            gatelangs_domain::field::Channel::Street => "street",
        }
        .into();
    }
    tx.commit().await?;
    conversation_page(&state, &p, youth, form, Vec::new()).await
}

pub async fn create_conversation(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<ConversationForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let tz = p.tz();
    let youth = super::youth_id(&id)?;
    let mut errors = Vec::new();
    let at = local_instant(&form.date, &form.time, &tz);
    if at.is_none() {
        errors.push(tr.t("conversation-error-when"));
    }
    let staff_ids: Vec<UserId> = form.staff.iter().filter_map(|s| s.parse().ok()).collect();
    if staff_ids.is_empty() || staff_ids.len() > 2 {
        errors.push(tr.t("conversation-error-staff"));
    }
    let setting: Option<Setting> = match form.setting.as_str() {
        "" => None,
        s => match s.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(tr.t("error-bad-form"));
                None
            }
        },
    };
    let duration = match form.duration.trim() {
        "" => None,
        d => match d.parse::<i64>() {
            Ok(m) if (1..=1440).contains(&m) => Some(m),
            _ => {
                errors.push(tr.t("conversation-error-duration"));
                None
            }
        },
    };
    let challenges: Vec<Challenge> = form
        .challenges
        .iter()
        .filter_map(|c| c.parse().ok())
        .collect();
    if challenges.len() != form.challenges.len() {
        errors.push(tr.t("error-bad-form"));
    }
    let (Some(at), true) = (at, errors.is_empty()) else {
        // The form again, with what was wrong: showing it is a read of the record.
        let (_, tx) = super::open(
            &state,
            &p,
            &id,
            PersonalDataAccess::Read,
            "conversation_form",
        )
        .await?;
        tx.commit().await?;
        return Ok(conversation_page(&state, &p, youth, form, errors)
            .await?
            .into_response());
    };
    let note = Text {
        body: form.note.clone(),
        signed: form.sign == "1",
    };
    gatelangs_app::journal::record_conversation(
        &state.store,
        &desk,
        &tz,
        youth,
        ConversationInput {
            occurred_at: at,
            setting,
            duration_minutes: duration,
            challenges,
            staff: staff_ids,
            place: form.place.parse().ok(),
            contact: form.contact.parse().ok(),
        },
        Some(note),
    )
    .await?;
    Ok(done(youth, "saved"))
}

#[derive(Deserialize, Default)]
pub struct NoteForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    sign: String,
}

pub async fn create_note(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let youth = super::youth_id(&id)?;
    let tz = p.tz();
    let helped = match (form.date.trim(), form.time.trim()) {
        ("", _) => jiff::Timestamp::now(),
        (d, "") => {
            local_instant(d, "12:00", &tz).ok_or(AppError::BadRequest("conversation-error-when"))?
        }
        (d, t) => {
            local_instant(d, t, &tz).ok_or(AppError::BadRequest("conversation-error-when"))?
        }
    };
    let text = Text {
        body: form.body,
        signed: form.sign == "1",
    };
    gatelangs_app::journal::write(&state.store, &desk, youth, EntryKind::Note, helped, text)
        .await?;
    Ok(done(youth, "saved"))
}

#[derive(Deserialize, Default)]
pub struct TextForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize, Default)]
pub struct RefusalForm {
    #[serde(default)]
    request: String,
    #[serde(default)]
    reason: String,
}

/// A refused request for correction is itself journaled, with the right to complain
/// (helsepersonelloven § 42): a signed entry written in the author's language.
pub async fn refuse_correction(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<RefusalForm>,
) -> AppResult<Response> {
    let youth = super::youth_id(&id)?;
    let (request, reason) = (form.request.trim(), form.reason.trim());
    if request.is_empty() || reason.is_empty() {
        return Err(AppError::BadRequest("refusal-error"));
    }
    let tr = p.tr();
    let body = format!(
        "{}: {request}\n{}: {reason}\n{}",
        tr.t("refusal-request"),
        tr.t("refusal-reason"),
        tr.t("refusal-complaint")
    );
    let text = Text { body, signed: true };
    let kind = EntryKind::CorrectionRefused;
    gatelangs_app::journal::write(
        &state.store,
        &desk,
        youth,
        kind,
        jiff::Timestamp::now(),
        text,
    )
    .await?;
    Ok(done(youth, "saved"))
}

/// The youth and entry named by a journal action's path.
fn entry_target(id: &str, entry: &str) -> AppResult<(gatelangs_domain::YouthId, EntryId)> {
    Ok((super::youth_id(id)?, entry_id(entry)?))
}

pub async fn edit_draft(
    State(state): State<AppState>,
    Can(_, desk): Can<YouthDesk>,
    Path((id, entry)): Path<(String, String)>,
    Form(form): Form<TextForm>,
) -> AppResult<Response> {
    let (youth, entry) = entry_target(&id, &entry)?;
    gatelangs_app::journal::edit_draft(&state.store, &desk, youth, entry, &form.body).await?;
    Ok(done(youth, "saved"))
}

pub async fn sign(
    State(state): State<AppState>,
    Can(_, desk): Can<YouthDesk>,
    Path((id, entry)): Path<(String, String)>,
) -> AppResult<Response> {
    let (youth, entry) = entry_target(&id, &entry)?;
    gatelangs_app::journal::sign(&state.store, &desk, youth, entry).await?;
    Ok(done(youth, "signed"))
}

pub async fn correct(
    State(state): State<AppState>,
    Can(_, desk): Can<YouthDesk>,
    Path((id, entry)): Path<(String, String)>,
    Form(form): Form<TextForm>,
) -> AppResult<Response> {
    let (youth, entry) = entry_target(&id, &entry)?;
    gatelangs_app::journal::correct(&state.store, &desk, youth, entry, &form.body, &form.reason)
        .await?;
    Ok(done(youth, "corrected"))
}

pub async fn withhold(
    State(state): State<AppState>,
    Can(_, desk): Can<YouthDesk>,
    Path((id, entry)): Path<(String, String)>,
    Form(form): Form<TextForm>,
) -> AppResult<Response> {
    let (youth, entry) = entry_target(&id, &entry)?;
    gatelangs_app::journal::withhold(&state.store, &desk, youth, entry, Some(&form.reason)).await?;
    Ok(done(youth, "withheld"))
}

pub async fn delete(
    State(state): State<AppState>,
    Can(_, desk): Can<YouthDesk>,
    Path((id, entry)): Path<(String, String)>,
    Form(form): Form<TextForm>,
) -> AppResult<Response> {
    let (youth, entry) = entry_target(&id, &entry)?;
    gatelangs_app::journal::delete(&state.store, &desk, youth, entry, &form.reason).await?;
    Ok(done(youth, "deleted"))
}

/// The assessment form posts `status_<factor>` and `comment_<factor>` for every factor.
pub async fn create_assessment(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let tz = p.tz();
    let on = match form.get("assessed_on").map(|s| s.trim()) {
        None | Some("") => jiff::Timestamp::now().to_zoned(tz.clone()).date(),
        Some(d) => parse_date(d).ok_or(AppError::BadRequest("youth-error-date"))?,
    };
    let mut items = Vec::new();
    for factor in Factor::ALL {
        let status: FactorStatus = form
            .get(&format!("status_{}", factor.as_str()))
            .map(|s| s.parse())
            .transpose()
            .map_err(|_| AppError::BadRequest("error-bad-form"))?
            .unwrap_or(FactorStatus::Unknown);
        let comment = form
            .get(&format!("comment_{}", factor.as_str()))
            .map(|c| c.trim().to_owned())
            .unwrap_or_default();
        items.push(Item {
            factor: *factor,
            status,
            comment,
        });
    }
    let youth = super::youth_id(&id)?;
    gatelangs_app::journal::assess(&state.store, &desk, youth, on, &items).await?;
    Ok(done(youth, "saved"))
}
