//! User administration for administrators: the service's accounts, a new account, a role,
//! disabling and enabling, and a reset of password and second factor. A new account and a reset
//! give a one-time link that the administrator hands over; its owner chooses the password on
//! `/password/{token}`, so no administrator ever sees one. The rules and audit entries are
//! `gatelangs_app::users`', shared with the command line.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::users::{self as app_users, OneTimeLink};
use gatelangs_domain::{DisplayName, Role, UserId, Username};
use gatelangs_storage::reset_links;
use gatelangs_storage::users::User;
use serde::Deserialize;

use super::layout::{Layout, role_label};
use crate::auth::{Administrator, Can, ForPrincipal, Principal};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

const HOW: &str = "web";

pub fn router() -> Routes {
    Routes::new()
        .get("/admin/users", get(list))
        .post("/admin/users", post(create))
        .get("/admin/users/{id}", get(show))
        .post("/admin/users/{id}/role", post(change_role))
        .post("/admin/users/{id}/disabled", post(change_disabled))
        .post("/admin/users/{id}/reset", post(reset))
        .post("/admin/users/{id}/unlock", post(unlock))
}

/// The roles in the order the forms offer them.
const ROLES: [Role; 4] = [Role::FieldWorker, Role::Leader, Role::Analyst, Role::Admin];

pub struct RoleOption {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

fn role_options(tr: &Tr, chosen: Option<Role>) -> Vec<RoleOption> {
    ROLES
        .iter()
        .map(|r| RoleOption {
            code: r.as_str(),
            label: role_label(tr, *r),
            selected: Some(*r) == chosen,
        })
        .collect()
}

pub struct Row {
    pub id: String,
    pub username: String,
    pub name: String,
    pub role: String,
    pub state: String,
    pub second_factor: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "users.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    errors: Vec<String>,
    roles: Vec<RoleOption>,
    username: String,
    name: String,
}

fn state_label(tr: &Tr, user: &User, waiting: bool) -> String {
    if user.disabled {
        tr.t("users-state-disabled")
    } else if user.second_factor_locked() {
        tr.t("users-state-locked")
    } else if waiting {
        tr.t("users-state-link")
    } else if user.password_hash.is_none() {
        tr.t("users-state-no-password")
    } else {
        tr.t("users-state-active")
    }
}

async fn list_page(
    state: &AppState,
    p: &Principal,
    admin: &Administrator,
    errors: Vec<String>,
    form: NewForm,
) -> AppResult<ListPage> {
    let tr = p.tr();
    let (all, waiting) = {
        let mut conn = state.store.conn().await?;
        app_users::list(&mut conn, admin).await?
    };
    let rows = all
        .iter()
        .map(|u| Row {
            id: u.id.to_string(),
            username: u.username.clone(),
            name: u.name.clone(),
            role: role_label(&tr, u.role),
            state: state_label(&tr, u, waiting.contains(&u.id)),
            second_factor: tr.t(if u.has_two_factor() {
                "users-second-factor-yes"
            } else {
                "users-second-factor-no"
            }),
        })
        .collect();
    Ok(ListPage {
        layout: Layout::for_principal(p, "users-title", "users", "/admin/users"),
        rows,
        errors,
        roles: role_options(&tr, form.role.parse().ok()),
        username: form.username,
        name: form.name,
    })
}

async fn list(State(state): State<AppState>, p: Principal) -> AppResult<ListPage> {
    let admin = Administrator::for_principal(&p)?;
    list_page(&state, &p, &admin, vec![], NewForm::default()).await
}

#[derive(Deserialize, Default)]
struct NewForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

/// The page that shows a one-time link, once.
#[derive(Template, WebTemplate)]
#[template(path = "user_link.html")]
struct LinkPage {
    layout: Layout,
    id: String,
    username: String,
    intro: String,
    link: String,
    expires: String,
}

/// The link with the address the administrator reached the site by, so it can be copied as it
/// is; the `Host` header is the browser's own (a forged one only misleads its sender).
fn absolute(state: &AppState, headers: &HeaderMap, link: &OneTimeLink) -> String {
    match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => {
            let scheme = if state.config.secure_cookies {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{host}{}", link.path())
        }
        None => link.path(),
    }
}

fn link_page(
    state: &AppState,
    p: &Principal,
    headers: &HeaderMap,
    user: &User,
    link: &OneTimeLink,
    intro_key: &str,
) -> LinkPage {
    let tr = p.tr();
    LinkPage {
        layout: Layout::for_principal(p, "users-link-title", "users", "/admin/users"),
        id: user.id.to_string(),
        username: user.username.clone(),
        intro: tr.t1(intro_key, "username", &user.username),
        link: absolute(state, headers, link),
        expires: gatelangs_domain::time::format_seconds(link.expires_at, &p.tz()),
    }
}

async fn create(
    State(state): State<AppState>,
    Can(p, admin): Can<Administrator>,
    headers: HeaderMap,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let mut errors = vec![];
    let username = Username::parse(form.username.trim());
    if username.is_err() {
        errors.push(tr.t("setup-bad-username"));
    }
    let name = DisplayName::parse(&form.name);
    if name.is_err() {
        errors.push(tr.t("setup-bad-name"));
    }
    let role = form.role.parse::<Role>();
    if role.is_err() {
        errors.push(tr.t("users-error-role"));
    }
    let (Ok(username), Ok(name), Ok(role)) = (username, name, role) else {
        let page = list_page(&state, &p, &admin, errors, form).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.store.begin().await?;
    let created =
        app_users::create_with_link(&mut tx, &state.store, &admin, &username, &name, role, HOW)
            .await;
    let (user, link) = match created {
        Ok(done) => done,
        Err(gatelangs_app::Error::Conflict(key)) => {
            drop(tx);
            let errors = vec![tr.t1(key, "username", username.as_str())];
            let page = list_page(&state, &p, &admin, errors, form).await?;
            return Ok((StatusCode::CONFLICT, page).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(link_page(&state, &p, &headers, &user, &link, "users-link-new").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "user.html")]
struct UserPage {
    layout: Layout,
    id: String,
    username: String,
    name: String,
    role: String,
    state: String,
    disabled: bool,
    locked: bool,
    is_self: bool,
    roles: Vec<RoleOption>,
    errors: Vec<String>,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
struct Done {
    #[serde(default)]
    done: String,
}

fn parse_id(id: &str) -> AppResult<UserId> {
    id.parse().map_err(|_| AppError::NotFound)
}

async fn user_page(
    state: &AppState,
    p: &Principal,
    admin: &Administrator,
    id: UserId,
    errors: Vec<String>,
    notice: Option<String>,
) -> AppResult<UserPage> {
    let tr = p.tr();
    let mut conn = state.store.conn().await?;
    let user = app_users::get(&mut conn, admin, id).await?;
    let waiting = reset_links::pending_for(&mut conn, user.id).await?;
    Ok(UserPage {
        layout: Layout::for_principal(
            p,
            "users-user-title",
            "users",
            &format!("/admin/users/{id}"),
        ),
        id: user.id.to_string(),
        state: state_label(&tr, &user, waiting),
        role: role_label(&tr, user.role),
        roles: role_options(&tr, Some(user.role)),
        disabled: user.disabled,
        locked: user.second_factor_locked(),
        is_self: user.id == p.user_id(),
        username: user.username,
        name: user.name,
        errors,
        notice,
    })
}

async fn show(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> AppResult<UserPage> {
    let admin = Administrator::for_principal(&p)?;
    let notice = match q.done.as_str() {
        "role" => Some(p.tr().t("users-saved-role")),
        "disabled" => Some(p.tr().t("users-saved-disabled")),
        "enabled" => Some(p.tr().t("users-saved-enabled")),
        "unlocked" => Some(p.tr().t("users-saved-unlocked")),
        _ => None,
    };
    user_page(&state, &p, &admin, parse_id(&id)?, vec![], notice).await
}

/// A rule's refusal shown on the user's page (409), other failures as errors.
async fn refused(
    state: &AppState,
    p: &Principal,
    admin: &Administrator,
    id: UserId,
    error: gatelangs_app::Error,
) -> AppResult<Response> {
    match error {
        gatelangs_app::Error::Conflict(key) => {
            let page = user_page(state, p, admin, id, vec![p.tr().t(key)], None).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        e => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn change_role(
    State(state): State<AppState>,
    Can(p, admin): Can<Administrator>,
    Path(id): Path<String>,
    Form(form): Form<RoleForm>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let role: Role = form
        .role
        .parse()
        .map_err(|_| AppError::BadRequest("users-error-role"))?;
    let mut tx = state.store.begin().await?;
    match app_users::set_role(&mut tx, &state.store, &admin, id, role, HOW).await {
        Ok(_) => {
            tx.commit().await?;
            // The role is read with the session; cached sessions must see the new one.
            state.sessions.clear();
            Ok(Redirect::to(&format!("/admin/users/{id}?done=role")).into_response())
        }
        Err(e) => {
            drop(tx);
            refused(&state, &p, &admin, id, e).await
        }
    }
}

#[derive(Deserialize, Default)]
struct DisabledForm {
    #[serde(default)]
    disabled: String,
}

async fn change_disabled(
    State(state): State<AppState>,
    Can(p, admin): Can<Administrator>,
    Path(id): Path<String>,
    Form(form): Form<DisabledForm>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let disabled = match form.disabled.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest("error-bad-form")),
    };
    let mut tx = state.store.begin().await?;
    match app_users::set_disabled(&mut tx, &state.store, &admin, id, disabled, HOW).await {
        Ok(_) => {
            tx.commit().await?;
            state.sessions.clear();
            let done = if disabled { "disabled" } else { "enabled" };
            Ok(Redirect::to(&format!("/admin/users/{id}?done={done}")).into_response())
        }
        Err(e) => {
            drop(tx);
            refused(&state, &p, &admin, id, e).await
        }
    }
}

async fn reset(
    State(state): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let admin = Administrator::for_principal(&p)?;
    let id = parse_id(&id)?;
    let mut tx = state.store.begin().await?;
    match app_users::reset(&mut tx, &state.store, &admin, id, HOW).await {
        Ok((user, link)) => {
            tx.commit().await?;
            state.sessions.clear();
            Ok(link_page(&state, &p, &headers, &user, &link, "users-link-reset").into_response())
        }
        Err(e) => {
            drop(tx);
            refused(&state, &p, &admin, id, e).await
        }
    }
}

async fn unlock(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let admin = Administrator::for_principal(&p)?;
    let id = parse_id(&id)?;
    let mut tx = state.store.begin().await?;
    match app_users::unlock_second_factor(&mut tx, &state.store, &admin, id, HOW).await {
        Ok(_) => {
            tx.commit().await?;
            state.sessions.clear();
            Ok(Redirect::to(&format!("/admin/users/{id}?done=unlocked")).into_response())
        }
        Err(e) => {
            drop(tx);
            refused(&state, &p, &admin, id, e).await
        }
    }
}
