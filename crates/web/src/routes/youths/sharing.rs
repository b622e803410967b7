//! Sharing about a youth: consents (who, what, for what, which services, how long, withdrawal),
//! collaboration only under a covering consent, and concern reports to and information requests
//! from the child welfare service. Every route goes through the record gate.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gatelangs_app::sharing;
use gatelangs_domain::consent::{
    ConcernGround, ConsentForm, ConsentPeriod, ConsentRefusal, Direction, GivenBy, Renewal,
    WelfareKind, check_giver, check_youth_view, renewals,
};
use gatelangs_domain::time::format_day;
use gatelangs_domain::time::format_seconds;
use gatelangs_domain::time::parse_date;
use gatelangs_domain::youth::age_on;
use gatelangs_domain::{ConsentId, CounterpartId, PersonalDataAccess, WelfareId, YouthId};
use gatelangs_storage::child_welfare::{self, Details, NewWelfare};
use gatelangs_storage::collaborations;
use gatelangs_storage::consents::{self, NewConsent};
use gatelangs_storage::{AnyConnection, FieldKeys, counterparts, youths};
use serde::Deserialize;

use super::record::done;
use crate::auth::{Can, Principal, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::routes::choice::{Choice, of_codes};
use crate::routes::inquiries::{direction_choices, direction_label, service_choices};
use crate::routes::layout::Layout;
use crate::state::AppState;

/// A typed text, trimmed; `None` when empty.
fn text(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|t| !t.is_empty())
}

/// A typed date, or today when the field was left empty.
fn day_or_today(p: &Principal, text: &str) -> AppResult<jiff::civil::Date> {
    match text.trim() {
        "" => Ok(p.today()),
        d => parse_date(d).ok_or(AppError::BadRequest("youth-error-date")),
    }
}

pub fn given_by_label(tr: &Tr, g: GivenBy) -> String {
    tr.t(match g {
        GivenBy::Youth => "consent-by-youth",
        GivenBy::Guardian => "consent-by-guardian",
        GivenBy::YouthAndGuardian => "consent-by-both",
    })
}

fn ground_label(tr: &Tr, g: ConcernGround) -> String {
    tr.t(match g {
        ConcernGround::Neglect => "ground-neglect",
        ConcernGround::Violence => "ground-violence",
        ConcernGround::SubstanceUse => "ground-substance-use",
        ConcernGround::Behaviour => "ground-behaviour",
        ConcernGround::MentalHealth => "ground-mental-health",
        ConcernGround::Other => "ground-other",
    })
}

/// A consent as the record shows it.
pub struct ConsentView {
    pub id: String,
    pub given: String,
    pub given_by: String,
    pub age: i16,
    pub services: String,
    pub until: String,
    pub form: String,
    pub what_shared: String,
    pub purpose: String,
    pub youth_view: String,
    pub guardians_not_involved: String,
    pub recorded: String,
    pub withdrawn: Option<String>,
    pub in_force: bool,
}

pub struct CollaborationView {
    pub date: String,
    pub direction: String,
    pub service: String,
    pub what_shared: String,
    pub note: String,
    pub recorded: String,
}

pub struct WelfareView {
    pub id: String,
    pub concern_report: bool,
    pub date: String,
    pub grounds: String,
    pub details: String,
    pub sent: String,
    pub told: String,
    pub legal_basis: String,
    pub deadline: String,
    pub overdue: bool,
    pub answered: Option<String>,
    pub answer: String,
    pub recorded: String,
}

/// The sharing part of a youth's record.
pub struct SharingView {
    pub covered_today: Vec<String>,
    pub prompts: Vec<String>,
    pub consents: Vec<ConsentView>,
    pub collaborations: Vec<CollaborationView>,
    pub welfare: Vec<WelfareView>,
    pub adult: bool,
}

/// Loads what the record shows about sharing; the caller has opened the record.
pub async fn view(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    p: &Principal,
    youth: &youths::Youth,
) -> AppResult<SharingView> {
    let tr = p.tr();
    let tz = p.tz();
    let today = p.today();
    let service = p.service_id();
    let list = consents::for_youth(conn, keys, service, youth.id).await?;
    let age_today = age_on(youth.fields.birth_date, today);
    let mut covered: Vec<String> = list
        .iter()
        .filter(|c| c.period.in_force_on(today))
        .flat_map(|c| c.services.iter().map(|s| s.name.clone()))
        .collect();
    covered.sort();
    covered.dedup();
    let mut prompts = Vec::new();
    for c in &list {
        for r in renewals(c.given_by, c.age_at_consent, age_today, &c.period, today) {
            let services = c
                .services
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            prompts.push(match r {
                Renewal::TurnedSixteen => tr.t1("consent-renew-16", "services", &services),
                Renewal::TurnedEighteen => tr.t1("consent-renew-18", "services", &services),
                Renewal::Expiring => tr.t1(
                    "consent-renew-expiring",
                    "until",
                    &c.period.valid_until.map(format_day).unwrap_or_default(),
                ),
            });
        }
    }
    let consents = list
        .iter()
        .map(|c| ConsentView {
            id: c.id.to_string(),
            given: format_day(c.period.given_on),
            given_by: given_by_label(&tr, c.given_by),
            age: c.age_at_consent,
            services: c
                .services
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            until: c
                .period
                .valid_until
                .map(format_day)
                .unwrap_or_else(|| tr.t("consent-no-end")),
            form: match c.form {
                Some(ConsentForm::Oral) => tr.t("consent-oral"),
                Some(ConsentForm::Written) => tr.t("consent-written"),
                None => String::new(),
            },
            what_shared: c.what_shared.clone().unwrap_or_default(),
            purpose: c.purpose.clone().unwrap_or_default(),
            youth_view: c.youth_view.clone().unwrap_or_default(),
            guardians_not_involved: c.guardians_not_involved.clone().unwrap_or_default(),
            recorded: format!(
                "{} {}",
                c.recorded_by.clone().unwrap_or_default(),
                format_seconds(c.recorded_at, &tz)
            ),
            withdrawn: c.period.withdrawn_on.map(|w| {
                format!(
                    "{} ({})",
                    format_day(w),
                    c.withdrawn_by.clone().unwrap_or_default()
                )
            }),
            in_force: c.period.in_force_on(today),
        })
        .collect();
    let collaborations = collaborations::for_youth(conn, keys, service, youth.id)
        .await?
        .into_iter()
        .map(|c| CollaborationView {
            date: format_day(c.day),
            direction: direction_label(&tr, c.direction),
            service: c.service_name,
            what_shared: c.what_shared.unwrap_or_default(),
            note: c.note.unwrap_or_default(),
            recorded: format!(
                "{} {}",
                c.recorded_by.unwrap_or_default(),
                format_seconds(c.recorded_at, &tz)
            ),
        })
        .collect();
    let welfare = child_welfare::for_youth(conn, keys, service, youth.id)
        .await?
        .into_iter()
        .map(|w| WelfareView {
            id: w.id.to_string(),
            concern_report: w.kind == WelfareKind::ConcernReport,
            date: format_day(w.day),
            grounds: w
                .grounds
                .iter()
                .map(|g| ground_label(&tr, *g))
                .collect::<Vec<_>>()
                .join(", "),
            details: w.details.unwrap_or_default(),
            sent: w.sent.unwrap_or_default(),
            told: match (w.youth_told, w.guardians_told) {
                (None, None) => String::new(),
                (y, g) => format!(
                    "{}: {}; {}: {}",
                    tr.t("welfare-youth-told"),
                    yes_no(&tr, y),
                    tr.t("welfare-guardians-told"),
                    yes_no(&tr, g)
                ),
            },
            legal_basis: w.legal_basis.unwrap_or_default(),
            deadline: w.deadline.map(format_day).unwrap_or_default(),
            overdue: w.answered_on.is_none() && w.deadline.is_some_and(|d| d < today),
            answered: w.answered_on.map(format_day),
            answer: w.answer.unwrap_or_default(),
            recorded: format!(
                "{} {}",
                w.recorded_by.unwrap_or_default(),
                format_seconds(w.recorded_at, &tz)
            ),
        })
        .collect();
    Ok(SharingView {
        covered_today: covered,
        prompts,
        consents,
        collaborations,
        welfare,
        adult: age_today >= gatelangs_domain::consent::ADULT_AGE,
    })
}

fn yes_no(tr: &Tr, v: Option<bool>) -> String {
    match v {
        Some(true) => tr.t("answer-yes"),
        Some(false) => tr.t("answer-no"),
        None => "–".into(),
    }
}

// ---- consent ----

#[derive(Deserialize, Default, Clone)]
pub struct ConsentFormData {
    #[serde(default)]
    given_on: String,
    #[serde(default)]
    given_by: String,
    #[serde(default)]
    services: Vec<String>,
    #[serde(default)]
    what_shared: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    valid_until: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    youth_view: String,
    #[serde(default)]
    guardians_not_involved: String,
    #[serde(default)]
    service: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_consent.html")]
pub struct ConsentPage {
    layout: Layout,
    id: String,
    errors: Vec<String>,
    age: i16,
    under_16: bool,
    form: ConsentFormData,
    givers: Vec<Choice>,
    services: Vec<Choice>,
    forms: Vec<Choice>,
}

async fn consent_page(
    state: &AppState,
    p: &Principal,
    youth: &youths::Youth,
    form: ConsentFormData,
    errors: Vec<String>,
) -> AppResult<ConsentPage> {
    let tr = p.tr();
    let mut conn = state.store.conn().await?;
    let chosen: Vec<String> = if form.services.is_empty() && !form.service.is_empty() {
        vec![form.service.clone()]
    } else {
        form.services.clone()
    };
    let services = counterparts::list(&mut conn, p.service_id())
        .await?
        .into_iter()
        .filter(|c| !c.archived)
        .map(|c| Choice {
            selected: chosen.contains(&c.code),
            value: c.code,
            label: c.name,
        })
        .collect();
    let age = age_on(
        youth.fields.birth_date,
        parse_date(&form.given_on).unwrap_or_else(|| p.today()),
    );
    Ok(ConsentPage {
        id: youth.id.to_string(),
        under_16: age < gatelangs_domain::consent::CONSENT_AGE,
        age,
        givers: of_codes(
            GivenBy::ALL,
            GivenBy::as_str,
            |g| given_by_label(&tr, g),
            &form.given_by,
        ),
        forms: [
            (ConsentForm::Oral, "consent-oral"),
            (ConsentForm::Written, "consent-written"),
        ]
        .into_iter()
        .map(|(f, key)| Choice {
            value: f.as_str().into(),
            label: tr.t(key),
            selected: form.form == f.as_str(),
        })
        .collect(),
        services,
        errors,
        form,
        layout: Layout::for_principal(
            p,
            "consent-new-title",
            "youths",
            &format!("/youths/{}/consents/new", youth.id),
        ),
    })
}

async fn opened(
    state: &AppState,
    p: &Principal,
    id: &str,
    access: PersonalDataAccess,
    what: &str,
) -> AppResult<(YouthId, youths::Youth, gatelangs_storage::Tx)> {
    let (rec, mut tx) = super::open(state, p, id, access, what).await?;
    let youth = rec.youth();
    let y = youths::get(&mut tx, state.store.field_keys(), rec.service(), youth)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((youth, y, tx))
}

pub async fn consent_form(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
    Query(mut q): Query<ConsentFormData>,
) -> AppResult<ConsentPage> {
    let (_, y, tx) = opened(&state, &p, &id, PersonalDataAccess::Read, "consent_form").await?;
    tx.commit().await?;
    if q.given_on.is_empty() {
        q.given_on = format_day(p.today());
    }
    consent_page(&state, &p, &y, q, Vec::new()).await
}

use gatelangs_app::consent::refusal_key;

pub async fn create_consent(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<ConsentFormData>,
) -> AppResult<Response> {
    let tr = p.tr();
    // Reading the record to check the form; the use case opens it again to store the consent.
    let (youth, y, mut tx) =
        opened(&state, &p, &id, PersonalDataAccess::Read, "consent_form").await?;
    let mut errors = Vec::new();
    let given_on = parse_date(&form.given_on);
    let given_by: Option<GivenBy> = form.given_by.parse().ok();
    let valid_until = match form.valid_until.trim() {
        "" => Some(None),
        d => parse_date(d).map(Some),
    };
    if given_on.is_none() || valid_until.is_none() {
        errors.push(tr.t("youth-error-date"));
    }
    if given_by.is_none() {
        errors.push(tr.t("consent-error-given-by"));
    }
    let mut services: Vec<CounterpartId> = Vec::new();
    for code in &form.services {
        match counterparts::find_by_code(&mut tx, p.service_id(), code).await? {
            Some(c) if !c.archived => services.push(c.id),
            _ => errors.push(tr.t("inquiries-error-service")),
        }
    }
    if services.is_empty() {
        errors.push(tr.t(refusal_key(ConsentRefusal::NoService)));
    }
    let (youth_view, not_involved) = (text(&form.youth_view), text(&form.guardians_not_involved));
    if let (Some(given_on), Some(given_by), Some(valid_until)) = (given_on, given_by, valid_until) {
        let age = age_on(y.fields.birth_date, given_on);
        let period = ConsentPeriod {
            given_on,
            valid_until,
            withdrawn_on: None,
        };
        for r in [
            check_giver(age, given_by, not_involved),
            check_youth_view(age, youth_view),
            period.check(),
        ] {
            if let Err(r) = r {
                errors.push(tr.t(refusal_key(r)));
            }
        }
        if errors.is_empty() {
            let new = NewConsent {
                id: ConsentId::new(),
                youth,
                given_by,
                age_at_consent: age,
                period,
                form: form.form.parse().ok(),
                what_shared: text(&form.what_shared),
                purpose: text(&form.purpose),
                youth_view,
                guardians_not_involved: not_involved,
                services: &services,
                recorded_by: Some(p.user_id()),
            };
            tx.commit().await?;
            gatelangs_app::consent::record(&state.store, &desk, youth, new).await?;
            return Ok(done(youth, "consent"));
        }
    }
    tx.commit().await?;
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        consent_page(&state, &p, &y, form, errors).await?,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct WithdrawForm {
    #[serde(default)]
    withdrawn_on: String,
}

pub async fn withdraw_consent(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path((id, consent)): Path<(String, String)>,
    Form(form): Form<WithdrawForm>,
) -> AppResult<Response> {
    let youth = super::youth_id(&id)?;
    let consent: ConsentId = consent.parse().map_err(|_| AppError::NotFound)?;
    let on = day_or_today(&p, &form.withdrawn_on)?;
    sharing::withdraw_consent(&state.store, &desk, youth, consent, on).await?;
    Ok(done(youth, "withdrawn"))
}

// ---- collaboration ----

#[derive(Deserialize, Default, Clone)]
pub struct CollaborationFormData {
    #[serde(default)]
    date: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    what_shared: String,
    #[serde(default)]
    note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_collaboration.html")]
pub struct CollaborationPage {
    layout: Layout,
    id: String,
    errors: Vec<String>,
    refused: Option<String>,
    form: CollaborationFormData,
    services: Vec<Choice>,
    directions: Vec<Choice>,
    covered_today: String,
}

async fn collaboration_page(
    state: &AppState,
    p: &Principal,
    youth: YouthId,
    form: CollaborationFormData,
    errors: Vec<String>,
    refused: Option<String>,
) -> AppResult<CollaborationPage> {
    let tr = p.tr();
    let mut conn = state.store.conn().await?;
    let today = p.today();
    let mut covered: Vec<String> =
        consents::for_youth(&mut conn, state.store.field_keys(), p.service_id(), youth)
            .await?
            .into_iter()
            .filter(|c| c.period.in_force_on(today))
            .flat_map(|c| c.services.into_iter().map(|s| s.name))
            .collect();
    covered.sort();
    covered.dedup();
    Ok(CollaborationPage {
        id: youth.to_string(),
        services: service_choices(&mut conn, p.service_id(), &tr, &form.service).await?,
        directions: direction_choices(&tr, &form.direction),
        covered_today: if covered.is_empty() {
            tr.t("consent-none-in-force")
        } else {
            covered.join(", ")
        },
        errors,
        refused,
        form,
        layout: Layout::for_principal(
            p,
            "collaboration-new-title",
            "youths",
            &format!("/youths/{youth}/collaborations/new"),
        ),
    })
}

pub async fn collaboration_form(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<CollaborationPage> {
    let (rec, tx) = super::open(
        &state,
        &p,
        &id,
        PersonalDataAccess::Read,
        "collaboration_form",
    )
    .await?;
    let youth = rec.youth();
    tx.commit().await?;
    let form = CollaborationFormData {
        date: format_day(p.today()),
        ..Default::default()
    };
    collaboration_page(&state, &p, youth, form, Vec::new(), None).await
}

pub async fn create_collaboration(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<CollaborationFormData>,
) -> AppResult<Response> {
    let tr = p.tr();
    let youth = super::youth_id(&id)?;
    let mut errors = Vec::new();
    let day = parse_date(&form.date);
    if day.is_none() {
        errors.push(tr.t("youth-error-date"));
    }
    let direction: Option<Direction> = form.direction.parse().ok();
    if direction.is_none() {
        errors.push(tr.t("inquiries-error-direction"));
    }
    let mut refused = None;
    if let (Some(day), Some(direction), true) = (day, direction, errors.is_empty()) {
        let input = sharing::CollaborationInput {
            day,
            direction,
            counterpart_code: form.service.clone(),
            what_shared: text(&form.what_shared).map(str::to_owned),
            note: text(&form.note).map(str::to_owned),
        };
        match sharing::record_collaboration(&state.store, &desk, youth, input).await {
            Ok(_) => return Ok(done(youth, "collaboration")),
            Err(gatelangs_app::Error::Conflict(sharing::NOT_COVERED)) => {
                let mut conn = state.store.read_conn().await?;
                let name = counterparts::find_by_code(&mut conn, p.service_id(), &form.service)
                    .await?
                    .map(|c| c.name)
                    .unwrap_or_else(|| form.service.clone());
                refused = Some(tr.t1(
                    sharing::NOT_COVERED,
                    "service",
                    &format!("{name} ({})", format_day(day)),
                ));
            }
            Err(gatelangs_app::Error::Invalid(key)) => errors.push(tr.t(key)),
            Err(e) => return Err(e.into()),
        }
    }
    let page = collaboration_page(&state, &p, youth, form, errors, refused).await?;
    Ok((StatusCode::CONFLICT, page).into_response())
}

// ---- child welfare ----

#[derive(Deserialize, Default, Clone)]
pub struct WelfareFormData {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    grounds: Vec<String>,
    #[serde(default)]
    details: String,
    #[serde(default)]
    sent: String,
    #[serde(default)]
    youth_told: String,
    #[serde(default)]
    guardians_told: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    deadline: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_welfare.html")]
pub struct WelfarePage {
    layout: Layout,
    id: String,
    errors: Vec<String>,
    report: bool,
    form: WelfareFormData,
    grounds: Vec<Choice>,
}

fn welfare_page(
    p: &Principal,
    youth: YouthId,
    form: WelfareFormData,
    errors: Vec<String>,
) -> WelfarePage {
    let tr = p.tr();
    let report = form.kind != WelfareKind::InformationRequest.as_str();
    WelfarePage {
        id: youth.to_string(),
        grounds: ConcernGround::ALL
            .iter()
            .map(|g| Choice {
                value: g.as_str().into(),
                label: ground_label(&tr, *g),
                selected: form.grounds.iter().any(|x| x == g.as_str()),
            })
            .collect(),
        layout: Layout::for_principal(
            p,
            if report {
                "welfare-report-title"
            } else {
                "welfare-request-title"
            },
            "youths",
            &format!("/youths/{youth}/child-welfare/new"),
        ),
        report,
        errors,
        form,
    }
}

pub async fn welfare_form(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
    Query(mut q): Query<WelfareFormData>,
) -> AppResult<WelfarePage> {
    let (rec, tx) = super::open(
        &state,
        &p,
        &id,
        PersonalDataAccess::Read,
        "child_welfare_form",
    )
    .await?;
    let youth = rec.youth();
    tx.commit().await?;
    q.date = format_day(p.today());
    if q.legal_basis.is_empty() {
        q.legal_basis = p.tr().t("welfare-legal-basis-default");
    }
    Ok(welfare_page(&p, youth, q, Vec::new()))
}

pub async fn create_welfare(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<WelfareFormData>,
) -> AppResult<Response> {
    let tr = p.tr();
    let youth = super::youth_id(&id)?;
    let mut errors = Vec::new();
    let kind: Option<WelfareKind> = form.kind.parse().ok();
    let day = parse_date(&form.date);
    let deadline = match form.deadline.trim() {
        "" => Some(None),
        d => parse_date(d).map(Some),
    };
    if kind.is_none() {
        errors.push(tr.t("error-bad-form"));
    }
    if day.is_none() || deadline.is_none() {
        errors.push(tr.t("youth-error-date"));
    }
    let grounds: Vec<ConcernGround> = form.grounds.iter().filter_map(|g| g.parse().ok()).collect();
    if kind == Some(WelfareKind::ConcernReport) && grounds.is_empty() {
        errors.push(tr.t("welfare-error-grounds"));
    }
    let flag = |v: &str| match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    if let (Some(kind), Some(day), Some(deadline), true) = (kind, day, deadline, errors.is_empty())
    {
        let (details, sent, basis) = (
            text(&form.details),
            text(&form.sent),
            text(&form.legal_basis),
        );
        let new = NewWelfare {
            id: WelfareId::new(),
            youth,
            kind,
            day,
            details: Details {
                grounds: &grounds,
                details,
                sent,
                youth_told: flag(&form.youth_told),
                guardians_told: flag(&form.guardians_told),
                legal_basis: basis,
                deadline,
            },
            answered_on: None,
            answer: None,
            recorded_by: None,
        };
        match sharing::record_welfare(&state.store, &desk, youth, new).await {
            Ok(_) => return Ok(done(youth, "welfare")),
            Err(gatelangs_app::Error::Invalid(key)) => errors.push(tr.t(key)),
            Err(e) => return Err(e.into()),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        welfare_page(&p, youth, form, errors),
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    answered_on: String,
    #[serde(default)]
    answer: String,
}

pub async fn answer_welfare(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path((id, request)): Path<(String, String)>,
    Form(form): Form<AnswerForm>,
) -> AppResult<Response> {
    let youth = super::youth_id(&id)?;
    let request: WelfareId = request.parse().map_err(|_| AppError::NotFound)?;
    let on = day_or_today(&p, &form.answered_on)?;
    sharing::answer_welfare(&state.store, &desk, youth, request, on, &form.answer).await?;
    Ok(done(youth, "answered"))
}
