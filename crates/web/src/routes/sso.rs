//! Logging in through the municipality's identity provider (OpenID Connect, decision 0034).
//!
//! `/login/sso` sends the browser to the provider; `/login/sso/callback` takes it back, finds
//! the Gatelangs user named by the configured claim, and starts a session. The provider's
//! `amr`/`acr` stand for the second factor when they assert one
//! (`gatelangs_domain::single_sign_on`); otherwise a user with an authenticator enrolled is asked
//! for its code as after a password, and a service that requires two factors refuses the rest.
//! An account is used through single sign-on only once it has been activated through its
//! one-time link (it has a password). Every outcome is in the audit log.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use gatelangs_domain::single_sign_on::second_factor_asserted;
use gatelangs_domain::{AuditAction, AuditEvent};
use gatelangs_storage::{services, users};

use super::login::{LoginPage, begin_session, session_started};
use crate::auth::sso::{self, Callback, SsoConfig, SsoIdentity};
use crate::auth::{ClientAddr, Visitor, cookies};
use crate::error::{AppError, AppResult};
use crate::routes::table::Routes;
use crate::state::AppState;

const PENDING_COOKIE: &str = "gl_sso";

pub fn router() -> Routes {
    Routes::new()
        .get("/login/sso", get(start))
        .get("/login/sso/callback", get(callback))
}

fn config(state: &AppState) -> AppResult<&SsoConfig> {
    state.config.sso.as_ref().ok_or(AppError::NotFound)
}

/// The callback's public URL: configured, or from the request's host (the provider accepts
/// only the URLs registered with it, so a forged host gains nothing).
fn redirect_url(state: &AppState, config: &SsoConfig, headers: &HeaderMap) -> Option<String> {
    if let Some(url) = &config.redirect_url {
        return Some(url.clone());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    Some(format!("{scheme}://{host}/login/sso/callback"))
}

/// The cookie naming this browser's sign-in under way: only sent back to `/login/sso…`, and
/// Lax, so it comes along when the provider sends the browser back from its own site.
fn pending_cookie(value: &str, max_age: u32, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{PENDING_COOKIE}={value}; Path=/login/sso; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("gl_sso=; Path=/login/sso"))
}

async fn start(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
) -> AppResult<Response> {
    let config = config(&state)?;
    if visitor.principal.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    if state.throttle.is_address_blocked(addr) {
        let status = StatusCode::TOO_MANY_REQUESTS;
        return LoginPage::refused(&state, visitor.tr(), "error-too-many-attempts", status).await;
    }
    let Some(redirect) = redirect_url(&state, config, &headers) else {
        return Err(AppError::BadRequest("error-bad-form"));
    };
    match sso::start(config, &state.sso_pending, &redirect).await {
        Ok((url, id)) => {
            let cookie = pending_cookie(&id, 600, state.config.secure_cookies);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&url)).into_response())
        }
        Err(e) => {
            tracing::warn!("single sign-on could not start: {e}");
            LoginPage::refused(
                &state,
                visitor.tr(),
                "sso-unavailable",
                StatusCode::BAD_GATEWAY,
            )
            .await
        }
    }
}

async fn callback(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Query(answer): Query<Callback>,
) -> AppResult<Response> {
    let config = config(&state)?;
    let address = addr.map(|a| a.to_string()).unwrap_or_default();
    let pending = cookies::get(&headers, PENDING_COOKIE);
    let tr = visitor.tr();
    // Forged answers count against the address, like wrong passwords.
    if state.throttle.is_address_blocked(addr) {
        let status = StatusCode::TOO_MANY_REQUESTS;
        return LoginPage::refused(&state, tr, "error-too-many-attempts", status).await;
    }
    let identity = match sso::finish(config, &state.sso_pending, pending, answer).await {
        Ok(identity) => identity,
        Err(e) => {
            tracing::warn!("single sign-on failed: {e}");
            state.throttle.record_address_failure(addr);
            let event = AuditEvent::new(None, AuditAction::LoginFailed, "sso".to_owned())
                .with_detail(format!("single sign-on: {e} {address}"));
            let mut tx = state.store.begin().await?;
            state.store.audit(&mut tx, None, &event).await?;
            tx.commit().await?;
            return LoginPage::refused(&state, tr, "sso-failed", StatusCode::UNAUTHORIZED).await;
        }
    };
    let mut response = sign_in(&state, config, &identity, &address, tr).await?;
    response.headers_mut().append(
        header::SET_COOKIE,
        pending_cookie("", 0, state.config.secure_cookies),
    );
    Ok(response)
}

/// Starts the session of the user the provider named, or says why not.
async fn sign_in(
    state: &AppState,
    config: &SsoConfig,
    identity: &SsoIdentity,
    address: &str,
    tr: crate::i18n::Tr,
) -> AppResult<Response> {
    let username = identity.username.trim().to_lowercase();
    let asserted =
        second_factor_asserted(&identity.amr, identity.acr.as_deref(), &config.accepted_acr);
    let how = format!(
        "single sign-on (sub {}; amr {}; acr {}; second factor {})",
        identity.subject,
        identity.amr.join(" "),
        identity.acr.as_deref().unwrap_or("-"),
        if asserted {
            "from the provider"
        } else {
            "not asserted"
        },
    );
    let mut tx = state.store.begin().await?;
    let user = users::find_by_username(&mut tx, &username).await?;
    let refusal = match &user {
        None => Some(("sso-no-user", StatusCode::FORBIDDEN, "no such user")),
        Some(u) if u.disabled => Some(("sso-no-user", StatusCode::FORBIDDEN, "account disabled")),
        // interchange.md: imported staff cannot log in until given a password. The same holds
        // for a new account and one an administrator reset: the one-time link activates it.
        Some(u) if u.password_hash.is_none() => Some((
            "sso-not-activated",
            StatusCode::FORBIDDEN,
            "account not activated (no password chosen yet)",
        )),
        Some(u) if u.second_factor_locked() => Some((
            "second-factor-locked",
            StatusCode::LOCKED,
            "second factor locked",
        )),
        Some(u) => {
            let service = services::get(&mut tx, u.service_id).await?;
            (!asserted && gatelangs_app::users::must_enrol(&service, u)).then_some((
                "sso-needs-second-factor",
                StatusCode::FORBIDDEN,
                "the service requires a second factor",
            ))
        }
    };
    if let Some((key, status, why)) = refusal {
        let event = AuditEvent::new(
            user.as_ref().map(|u| u.id),
            AuditAction::LoginFailed,
            format!("user:{username}"),
        )
        .with_detail(format!("{how}: {why} {address}"));
        state
            .store
            .audit(&mut tx, user.as_ref().map(|u| u.service_id), &event)
            .await?;
        tx.commit().await?;
        return LoginPage::refused(state, tr, key, status).await;
    }
    let Some(user) = user else {
        return Err(AppError::NotFound);
    };
    let ask_code = !asserted && user.has_two_factor();
    let (token, stage) =
        begin_session(state, &mut tx, &user, ask_code, format!("{how} {address}")).await?;
    tx.commit().await?;
    Ok(session_started(state, &user, &token, stage))
}
