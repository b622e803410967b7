//! Emergency access ("break the glass") with its review, and blocking (sperring).

use crate::auth::ForPrincipal;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use gatelangs_app::access;
use gatelangs_domain::access::{Denial, EMERGENCY_ACCESS_SECS};
use gatelangs_domain::time::format_seconds;
use gatelangs_domain::{AccessBasis, BlockId, EmergencyAccessId, EntryId, Role, UserId};
use gatelangs_storage::record_access as facts;
use gatelangs_storage::youths;
use serde::Deserialize;

use super::record::done;
use super::youth_id;
use crate::auth::{Can, Principal, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::routes::layout::Layout;
use crate::state::AppState;

#[derive(Template, WebTemplate)]
#[template(path = "youth_emergency.html")]
pub struct EmergencyPage {
    layout: Layout,
    id: String,
    reference: String,
    duration: String,
    error: Option<String>,
}

/// What a user may learn before taking emergency access to `youth` — that the record exists,
/// and its `ref` — and whether they need it. A blocked user is refused.
async fn emergency_target(
    state: &AppState,
    desk: &YouthDesk,
    youth: gatelangs_domain::YouthId,
) -> AppResult<(String, Result<AccessBasis, Denial>)> {
    let reference = {
        let mut conn = state.store.read_conn().await?;
        youths::reference_in(&mut conn, desk.service(), youth)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let decision = access::emergency_decision(&state.store, desk, youth).await?;
    Ok((reference, decision))
}

fn emergency_page(
    p: &Principal,
    youth: gatelangs_domain::YouthId,
    reference: String,
    error: Option<String>,
) -> EmergencyPage {
    let tr = p.tr();
    EmergencyPage {
        id: youth.to_string(),
        reference,
        duration: tr.tn(
            "emergency-duration",
            "hours",
            (EMERGENCY_ACCESS_SECS / 3600) as usize,
        ),
        error,
        layout: Layout::for_principal(
            p,
            "emergency-title",
            "youths",
            &format!("/youths/{youth}/emergency"),
        ),
    }
}

fn to_record(youth: gatelangs_domain::YouthId) -> Response {
    Redirect::to(&format!("/youths/{youth}")).into_response()
}

pub async fn emergency_form(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let desk = YouthDesk::for_principal(&p)?;
    let youth = youth_id(&id)?;
    match emergency_target(&state, &desk, youth).await? {
        // Open already (contact person, leader, or emergency access in force).
        (_, Ok(_)) => Ok(to_record(youth)),
        (reference, Err(_)) => Ok(emergency_page(&p, youth, reference, None).into_response()),
    }
}

#[derive(Deserialize, Default)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub async fn take_emergency(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    let youth = youth_id(&id)?;
    match access::take_emergency(&state.store, &desk, youth, &form.reason).await {
        Ok(access::Emergency::NotNeeded) => Ok(to_record(youth)),
        Ok(access::Emergency::Granted(_)) => {
            Ok(Redirect::to(&format!("/youths/{youth}?done=emergency")).into_response())
        }
        Err(gatelangs_app::Error::Invalid(key)) => {
            let (reference, _) = emergency_target(&state, &desk, youth).await?;
            let error = Some(p.tr().t(key));
            Ok(emergency_page(&p, youth, reference, error).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct BlockForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    entry: String,
    #[serde(default)]
    reason: String,
}

pub async fn add_block(
    State(state): State<AppState>,
    Can(_p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<BlockForm>,
) -> AppResult<Response> {
    let youth = youth_id(&id)?;
    let user: UserId = form
        .user
        .parse()
        .map_err(|_| AppError::BadRequest("block-error-person"))?;
    let entry: Option<EntryId> = match form.entry.as_str() {
        "" => None,
        e => Some(
            e.parse()
                .map_err(|_| AppError::BadRequest("error-bad-form"))?,
        ),
    };
    let block = access::NewBlock {
        user,
        entry,
        reason: form.reason,
    };
    access::add_block(&state.store, &desk, youth, block).await?;
    Ok(done(youth, "blocked"))
}

pub async fn lift_block(
    State(state): State<AppState>,
    p: Principal,
    Path((id, block)): Path<(String, String)>,
) -> AppResult<Response> {
    let desk = YouthDesk::for_principal(&p)?;
    let youth = youth_id(&id)?;
    let block: BlockId = block.parse().map_err(|_| AppError::NotFound)?;
    access::lift_block(&state.store, &desk, youth, block).await?;
    Ok(done(youth, "saved"))
}

pub struct GrantRow {
    pub id: String,
    pub youth_id: String,
    pub youth_ref: String,
    pub user_id: String,
    pub user: String,
    pub reason: String,
    pub granted: String,
    pub expires: String,
    pub reviewed: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "access_review.html")]
pub struct ReviewPage {
    layout: Layout,
    open: Vec<GrantRow>,
    reviewed: Vec<GrantRow>,
}

fn leader(p: &Principal) -> Result<(), AppError> {
    if p.role() == Role::Leader {
        Ok(())
    } else {
        Err(AppError::ForbiddenBecause("error-leader-only"))
    }
}

pub async fn review_page(State(state): State<AppState>, p: Principal) -> AppResult<ReviewPage> {
    leader(&p)?;
    let mut conn = state.store.conn().await?;
    let grants =
        facts::emergency_grants(&mut conn, state.store.field_keys(), p.service_id(), None).await?;
    let tz = p.tz();
    let rows = grants.into_iter().map(|g| GrantRow {
        id: g.id.to_string(),
        youth_id: g.youth.to_string(),
        youth_ref: g.youth_ref,
        user_id: g.user.to_string(),
        user: g.user_name,
        reason: g.reason,
        granted: format_seconds(g.granted_at, &tz),
        expires: format_seconds(g.expires_at, &tz),
        reviewed: g.reviewed_at.map(|at| {
            format!(
                "{} – {}{}",
                format_seconds(at, &tz),
                g.reviewed_by.unwrap_or_default(),
                g.review_note
                    .filter(|n| !n.is_empty())
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            )
        }),
    });
    let (reviewed, open): (Vec<_>, Vec<_>) = rows.partition(|r| r.reviewed.is_some());
    Ok(ReviewPage {
        open,
        reviewed,
        layout: Layout::for_principal(&p, "review-title", "youths", "/youths/access-review"),
    })
}

#[derive(Deserialize, Default)]
pub struct ReviewForm {
    #[serde(default)]
    note: String,
}

pub async fn review(
    State(state): State<AppState>,
    Can(_p, desk): Can<YouthDesk>,
    Path(grant): Path<String>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    let grant: EmergencyAccessId = grant.parse().map_err(|_| AppError::NotFound)?;
    access::review_emergency(&state.store, &desk, grant, &form.note).await?;
    Ok(Redirect::to("/youths/access-review").into_response())
}
