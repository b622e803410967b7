//! Logging in with a password, and logging out.
//!
//! Unknown user and wrong password get the same message and take the same time. Failures are
//! throttled per account name and per client address, and written to the audit log.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_domain::{AuditAction, AuditEvent};
use gatelangs_storage::sessions::{self, Stage};
use gatelangs_storage::users::User;
use gatelangs_storage::{services, users};
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{ClientAddr, Visitor, cookies, password};
use crate::error::AppResult;
use crate::form::Form;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/login", get(show))
        .post("/login", post(submit))
        .post("/logout", post(logout))
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub(crate) struct LoginPage {
    layout: Layout,
    errors: Vec<String>,
    username: String,
    expired: bool,
    password_set: bool,
    demo: bool,
    /// Single sign-on is configured: the page offers it.
    sso: bool,
}

impl LoginPage {
    /// The login page again with one message, for a sign-in that did not succeed.
    pub(crate) async fn refused(
        state: &AppState,
        tr: crate::i18n::Tr,
        key: &str,
        status: StatusCode,
    ) -> AppResult<Response> {
        let page = LoginPage {
            layout: Layout::public(tr, "login-title", "/login"),
            errors: vec![tr.t(key)],
            username: String::new(),
            expired: false,
            password_set: false,
            demo: any_demo_service(state).await?,
            sso: state.config.sso.is_some(),
        };
        Ok((status, page).into_response())
    }
}

#[derive(Deserialize, Default)]
struct LoginQuery {
    expired: Option<String>,
    /// Back from choosing a password through a one-time link.
    password: Option<String>,
}

async fn any_demo_service(state: &AppState) -> AppResult<bool> {
    let mut conn = state.store.conn().await?;
    Ok(services::list(&mut conn).await?.iter().any(|s| s.is_demo))
}

async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<LoginQuery>,
) -> AppResult<Response> {
    if visitor.principal.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    Ok(LoginPage {
        layout: Layout::public(visitor.tr(), "login-title", "/login"),
        errors: vec![],
        username: String::new(),
        expired: q.expired.is_some(),
        password_set: q.password.is_some(),
        demo: any_demo_service(&state).await?,
        sso: state.config.sso.is_some(),
    }
    .into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
}

async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientAddr(addr): ClientAddr,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let username = form.username.trim().to_lowercase();
    let refuse = |status: StatusCode, key: &str, demo: bool| {
        let page = LoginPage {
            layout: Layout::public(tr, "login-title", "/login"),
            errors: vec![tr.t(key)],
            username: username.clone(),
            expired: false,
            password_set: false,
            demo,
            sso: state.config.sso.is_some(),
        };
        (status, page).into_response()
    };
    let demo = any_demo_service(&state).await?;
    if state.throttle.is_blocked(&username, addr) {
        return Ok(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "error-too-many-attempts",
            demo,
        ));
    }

    let user = {
        let mut conn = state.store.conn().await?;
        users::find_by_username(&mut conn, &username).await?
    };
    let stored_hash = user
        .as_ref()
        .filter(|u| !u.disabled)
        .and_then(|u| u.password_hash.clone());
    let ok = password::verify(form.password, stored_hash).await?;
    let detail = addr.map(|a| a.to_string()).unwrap_or_default();
    let users_service = user.as_ref().map(|u| u.service_id);

    let Some(user) = user.filter(|_| ok) else {
        state.throttle.record_failure(&username, addr);
        let mut tx = state.store.begin().await?;
        let event = AuditEvent::new(None, AuditAction::LoginFailed, format!("user:{username}"))
            .with_detail(detail);
        // A failure on a real account shows in its service's log; an unknown name in none.
        state.store.audit(&mut tx, users_service, &event).await?;
        tx.commit().await?;
        return Ok(refuse(StatusCode::UNAUTHORIZED, "error-login-failed", demo));
    };

    if user.second_factor_locked() {
        let mut tx = state.store.begin().await?;
        let event = AuditEvent::new(
            Some(user.id),
            AuditAction::LoginFailed,
            format!("user:{username}"),
        )
        .with_detail(format!("second factor locked {detail}"));
        state
            .store
            .audit(&mut tx, Some(user.service_id), &event)
            .await?;
        tx.commit().await?;
        return Ok(refuse(StatusCode::LOCKED, "second-factor-locked", demo));
    }
    state.throttle.record_success(&username);
    let mut tx = state.store.begin().await?;
    let service = services::get(&mut tx, user.service_id).await?;
    if gatelangs_app::users::must_enrol(&service, &user) {
        // The password alone must not let anyone put their own authenticator on the account:
        // enrolment starts only from a one-time link an administrator issued (or the setup
        // link), which leads straight to it.
        let event = AuditEvent::new(
            Some(user.id),
            AuditAction::LoginFailed,
            format!("user:{username}"),
        )
        .with_detail(format!("no second factor yet {detail}"));
        state
            .store
            .audit(&mut tx, Some(user.service_id), &event)
            .await?;
        tx.commit().await?;
        return Ok(refuse(
            StatusCode::FORBIDDEN,
            "login-needs-enrolment-link",
            demo,
        ));
    }
    let (token, stage) =
        begin_session(&state, &mut tx, &user, user.has_two_factor(), detail).await?;
    tx.commit().await?;

    Ok(session_started(&state, &user, &token, stage))
}

/// Starts `user`'s session in the caller's transaction: at the second-factor step when
/// `ask_code`, else complete, and then the login is in the audit log with `detail`.
pub(crate) async fn begin_session(
    state: &AppState,
    conn: &mut gatelangs_storage::AnyConnection,
    user: &User,
    ask_code: bool,
    detail: String,
) -> AppResult<(String, Stage)> {
    let stage = if ask_code {
        Stage::SecondFactor
    } else {
        Stage::Full
    };
    let token = sessions::create(conn, user.id, user.service_id, stage).await?;
    if stage == Stage::Full {
        let event = AuditEvent::new(
            Some(user.id),
            AuditAction::LoginSucceeded,
            format!("user:{}", user.username),
        )
        .with_detail(detail);
        state
            .store
            .audit(conn, Some(user.service_id), &event)
            .await?;
    }
    Ok((token, stage))
}

/// The answer that hands the browser a new session and sends it where the stage leads.
pub(crate) fn session_started(
    state: &AppState,
    user: &User,
    token: &str,
    stage: Stage,
) -> Response {
    let target = match stage {
        Stage::SecondFactor => "/login/two-factor",
        Stage::MustEnrol => "/account/two-factor",
        Stage::Full => "/",
    };
    let lang = crate::i18n::Lang::from_code(&user.language).unwrap_or_default();
    let mut headers = HeaderMap::new();
    headers.append(
        header::SET_COOKIE,
        cookies::session(token, state.config.secure_cookies),
    );
    headers.append(header::SET_COOKIE, cookies::language(lang));
    (headers, Redirect::to(target)).into_response()
}

async fn logout(State(state): State<AppState>, request_headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = cookies::get(&request_headers, cookies::SESSION) {
        let mut tx = state.store.begin().await?;
        if let Some(session) = sessions::find(&mut tx, token).await? {
            sessions::delete(&mut tx, &session.token_hash).await?;
            let event = AuditEvent::new(
                Some(session.user_id),
                AuditAction::Logout,
                format!("user:{}", session.user_id),
            );
            state
                .store
                .audit(&mut tx, Some(session.service_id), &event)
                .await?;
        }
        tx.commit().await?;
        // After the commit, so no request can cache the state from before it.
        state.sessions.clear();
    }
    let headers = [(
        header::SET_COOKIE,
        cookies::clear_session(state.config.secure_cookies),
    )];
    Ok((headers, Redirect::to("/login")).into_response())
}
