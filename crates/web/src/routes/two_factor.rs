//! The second factor: entering a code at login, and enrolling an authenticator app.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::users::{self as app_users, SecondFactorAttempt};
use gatelangs_domain::{AuditAction, AuditEvent};
use gatelangs_storage::sessions::{self, Stage};
use gatelangs_storage::{recovery_codes, users};
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{ActiveSession, AnySession, ClientAddr, totp};
use crate::error::AppResult;
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

const RECOVERY_CODES: usize = 10;

pub fn router() -> Routes {
    Routes::new()
        .get("/login/two-factor", get(show_challenge))
        .post("/login/two-factor", post(answer_challenge))
        .get("/account/two-factor", get(show_enrolment))
        .post("/account/two-factor", post(confirm_enrolment))
}

fn layout(active: &ActiveSession, title_key: &str, path: &str) -> Layout {
    Layout::for_session(active, title_key, "account", path)
}

fn unix_now() -> u64 {
    u64::try_from(gatelangs_storage::now()).unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "second_factor.html")]
struct ChallengePage {
    layout: Layout,
    errors: Vec<String>,
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

async fn show_challenge(AnySession(active): AnySession) -> Response {
    if active.session.stage != Stage::SecondFactor {
        return Redirect::to("/").into_response();
    }
    ChallengePage {
        layout: layout(&active, "second-factor-title", "/login/two-factor"),
        errors: vec![],
    }
    .into_response()
}

async fn answer_challenge(
    State(state): State<AppState>,
    AnySession(active): AnySession,
    ClientAddr(addr): ClientAddr,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    if active.session.stage != Stage::SecondFactor {
        return Ok(Redirect::to("/").into_response());
    }
    let user = &active.user;
    let tr = Tr::new(active.lang());
    let refuse = |status: StatusCode, key: &str| {
        let page = ChallengePage {
            layout: layout(&active, "second-factor-title", "/login/two-factor"),
            errors: vec![tr.t(key)],
        };
        (status, page).into_response()
    };
    if state.throttle.is_blocked(&user.username, addr) {
        return Ok(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "error-too-many-attempts",
        ));
    }
    let detail = addr.map(|a| a.to_string()).unwrap_or_default();
    let subject = format!("user:{}", user.username);
    let attempt = match app_users::count_second_factor_attempt(&state.store, user).await? {
        SecondFactorAttempt::Counted(n) => n,
        SecondFactorAttempt::Locked => {
            // After the lock's commit, so no request can cache the state from before it.
            state.sessions.clear();
            return Ok(refuse(StatusCode::LOCKED, "second-factor-locked"));
        }
    };
    let mut tx = state.store.begin().await?;
    let secret = users::totp_secret(state.store.field_keys(), user)?;
    let totp_step = secret
        .as_deref()
        .and_then(|secret| totp::matching_step(secret, &form.code, unix_now()));
    let accepted = match totp_step {
        Some(step) => users::accept_totp_step(&mut tx, user.service_id, user.id, step).await?,
        None => false,
    };
    let used_recovery =
        !accepted && recovery_codes::redeem(&mut tx, user.service_id, user.id, &form.code).await?;
    if !accepted && !used_recovery {
        let event = AuditEvent::new(Some(user.id), AuditAction::LoginFailed, subject.clone())
            .with_detail(format!("second factor {detail}"));
        state
            .store
            .audit(&mut tx, Some(user.service_id), &event)
            .await?;
        tx.commit().await?;
        state.throttle.record_failure(&user.username, addr);
        if app_users::second_factor_was_wrong(&state.store, user, attempt).await? {
            state.sessions.clear();
            return Ok(refuse(StatusCode::LOCKED, "second-factor-locked"));
        }
        return Ok(refuse(StatusCode::UNAUTHORIZED, "second-factor-wrong"));
    }
    app_users::second_factor_was_right(&mut tx, user).await?;
    if used_recovery {
        let event = AuditEvent::new(
            Some(user.id),
            AuditAction::RecoveryCodeUsed,
            subject.clone(),
        );
        state
            .store
            .audit(&mut tx, Some(user.service_id), &event)
            .await?;
    }
    sessions::set_stage(&mut tx, &active.session.token_hash, Stage::Full).await?;
    let event =
        AuditEvent::new(Some(user.id), AuditAction::LoginSucceeded, subject).with_detail(detail);
    state
        .store
        .audit(&mut tx, Some(user.service_id), &event)
        .await?;
    tx.commit().await?;
    // After the commit, so no request can cache the state from before it.
    state.sessions.clear();
    state.throttle.record_success(&user.username);
    Ok(Redirect::to("/").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "enrol.html")]
struct EnrolPage {
    layout: Layout,
    errors: Vec<String>,
    already_enrolled: bool,
    required: bool,
    qr_svg: String,
    secret: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "recovery_codes.html")]
struct RecoveryCodesPage {
    layout: Layout,
    codes: Vec<String>,
}

fn enrol_layout(active: &ActiveSession) -> Layout {
    layout(active, "enrol-title", "/account/two-factor")
}

async fn show_enrolment(
    State(state): State<AppState>,
    AnySession(active): AnySession,
) -> AppResult<Response> {
    if active.session.stage == Stage::SecondFactor {
        return Ok(Redirect::to("/login/two-factor").into_response());
    }
    let tr = Tr::new(active.lang());
    if active.user.has_two_factor() {
        let page = EnrolPage {
            layout: enrol_layout(&active),
            errors: vec![],
            already_enrolled: true,
            required: false,
            qr_svg: String::new(),
            secret: String::new(),
        };
        return Ok(page.into_response());
    }
    // The secret stays in the session until confirmed with a code, so a reload shows the same
    // QR code and a half-finished enrolment never locks anyone out.
    let secret = match sessions::pending_totp(state.store.field_keys(), &active.session)? {
        Some(secret) => secret,
        None => {
            let secret = totp::new_secret();
            let mut conn = state.store.conn().await?;
            sessions::set_pending_totp(
                &mut conn,
                state.store.field_keys(),
                &active.session.token_hash,
                &secret,
            )
            .await?;
            state.sessions.clear();
            secret
        }
    };
    Ok(enrol_page(&active, &tr, secret, vec![]).into_response())
}

fn enrol_page(active: &ActiveSession, tr: &Tr, secret: String, errors: Vec<String>) -> EnrolPage {
    EnrolPage {
        layout: enrol_layout(active),
        errors,
        already_enrolled: false,
        required: active.session.stage == Stage::MustEnrol,
        qr_svg: totp::qr_svg(&secret, &active.user.username, &tr.t("enrol-qr-label"))
            .unwrap_or_default(),
        secret,
    }
}

async fn confirm_enrolment(
    State(state): State<AppState>,
    AnySession(active): AnySession,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    if active.session.stage == Stage::SecondFactor || active.user.has_two_factor() {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    let tr = Tr::new(active.lang());
    let Some(secret) = sessions::pending_totp(state.store.field_keys(), &active.session)? else {
        return Ok(Redirect::to("/account/two-factor").into_response());
    };
    let Some(step) = totp::matching_step(&secret, &form.code, unix_now()) else {
        let page = enrol_page(&active, &tr, secret, vec![tr.t("enrol-wrong-code")]);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let user = &active.user;
    let subject = format!("user:{}", user.username);
    let mut tx = state.store.begin().await?;
    users::set_totp(
        &mut tx,
        state.store.field_keys(),
        user.service_id,
        user.id,
        &secret,
        step,
    )
    .await?;
    let codes =
        recovery_codes::regenerate(&mut tx, user.service_id, user.id, RECOVERY_CODES).await?;
    let event = AuditEvent::new(
        Some(user.id),
        AuditAction::TwoFactorEnrolled,
        subject.clone(),
    );
    state
        .store
        .audit(&mut tx, Some(user.service_id), &event)
        .await?;
    if active.session.stage == Stage::MustEnrol {
        let event = AuditEvent::new(Some(user.id), AuditAction::LoginSucceeded, subject);
        state
            .store
            .audit(&mut tx, Some(user.service_id), &event)
            .await?;
    }
    sessions::set_stage(&mut tx, &active.session.token_hash, Stage::Full).await?;
    tx.commit().await?;
    // After the commit, so no request can cache the state from before it.
    state.sessions.clear();
    Ok(RecoveryCodesPage {
        layout: layout(&active, "recovery-title", "/account/two-factor"),
        codes,
    }
    .into_response())
}
