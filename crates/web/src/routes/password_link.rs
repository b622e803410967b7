//! `/password/{token}`: the owner of a one-time link an administrator handed them chooses their
//! password, then logs in as usual; where the service requires a second factor they go straight
//! on to enrol one (a password login never leads there).

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::users as app_users;
use serde::Deserialize;

use gatelangs_storage::services;
use gatelangs_storage::sessions::{self, Stage};

use super::layout::Layout;
use super::login;
use crate::auth::{Visitor, password};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/password/{token}", get(show))
        .post("/password/{token}", post(submit))
}

#[derive(Template, WebTemplate)]
#[template(path = "password_link.html")]
struct Page {
    layout: Layout,
    errors: Vec<String>,
    token: String,
    username: String,
}

#[derive(Deserialize, Default)]
struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// An unknown, used or expired link is one answer, so the page tells nothing about which.
fn invalid() -> AppError {
    AppError::BadRequest(app_users::LINK_INVALID)
}

async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let mut conn = state.store.conn().await?;
    let user = app_users::link_owner(&mut conn, &token)
        .await
        .map_err(|_| invalid())?;
    Ok(Page {
        layout: Layout::public(visitor.tr(), "password-link-title", "/password"),
        errors: vec![],
        token,
        username: user.username,
    }
    .into_response())
}

async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let user = {
        let mut conn = state.store.conn().await?;
        app_users::link_owner(&mut conn, &token)
            .await
            .map_err(|_| invalid())?
    };
    let password = match password::check_new(
        &form.password,
        &form.password_again,
        &[&user.username, &user.name],
    ) {
        Ok(password) => password,
        Err(problems) => {
            let page = Page {
                layout: Layout::public(tr, "password-link-title", "/password"),
                errors: problems.into_iter().map(|k| tr.t(k)).collect(),
                token,
                username: user.username,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let hash = password::hash(password).await?;
    let mut tx = state.store.begin().await?;
    let user = app_users::redeem_link(&mut tx, &state.store, &token, &hash)
        .await
        .map_err(|_| invalid())?;
    // Where the service requires a second factor, the link is also the only way to enrol one:
    // its owner goes straight on to the authenticator, in a session that can do nothing else.
    let service = services::get(&mut tx, user.service_id).await?;
    if app_users::must_enrol(&service, &user) {
        let token = sessions::create(&mut tx, user.id, user.service_id, Stage::MustEnrol).await?;
        tx.commit().await?;
        return Ok(login::session_started(
            &state,
            &user,
            &token,
            Stage::MustEnrol,
        ));
    }
    tx.commit().await?;
    Ok(Redirect::to("/login?password=1").into_response())
}
