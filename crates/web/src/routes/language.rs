//! Switching the interface language; remembered per user and in a cookie.

use crate::routes::table::Routes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use gatelangs_domain::{AuditAction, AuditEvent};
use gatelangs_storage::users;
use serde::Deserialize;

use crate::auth::{Visitor, cookies};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Lang;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new().post("/language", post(switch))
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// Only a clean path on this site, so the form cannot be used to send someone elsewhere.
/// Browsers drop tabs and line breaks from a `Location`, so "/<TAB>/evil.example" would become
/// "//evil.example": any control character, like a backslash or a leading "//", is refused.
fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control) =>
        {
            p
        }
        _ => "/",
    }
}

async fn switch(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    let lang = Lang::from_code(&form.lang).ok_or(AppError::BadRequest("error-bad-form"))?;
    if let Some(p) = &visitor.principal {
        let mut tx = state.store.begin().await?;
        users::set_language(&mut tx, p.service_id(), p.user_id(), lang.code()).await?;
        let event = AuditEvent::new(
            Some(p.user_id()),
            AuditAction::LanguageChanged,
            format!("user:{}", p.username()),
        )
        .with_detail(lang.code());
        state
            .store
            .audit(&mut tx, Some(p.service_id()), &event)
            .await?;
        tx.commit().await?;
        // After the commit, so no request can cache the state from before it.
        state.sessions.clear();
    }
    let target = local_path(form.next.as_deref()).to_owned();
    Ok((
        [(header::SET_COOKIE, cookies::language(lang))],
        Redirect::to(&target),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/audit?x=1")), "/audit?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\u{0}x",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad}");
        }
        assert_eq!(local_path(None), "/");
    }
}
