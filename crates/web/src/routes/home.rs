//! The start page after login.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::get;

use super::layout::{Layout, role_label};
use crate::auth::Principal;

pub fn router() -> Router<crate::AppState> {
    Router::new().route("/", get(home))
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    name: String,
    service_name: String,
    role: String,
    two_factor: bool,
    show_audit: bool,
}

async fn home(principal: Principal) -> HomePage {
    let tr = principal.tr();
    HomePage {
        name: principal.name().to_owned(),
        service_name: principal.service().name.clone(),
        role: role_label(&tr, principal.role()),
        two_factor: principal.has_two_factor(),
        show_audit: principal.role().can_review_audit_log(),
        layout: Layout::for_principal(&principal, "home-title", "home", "/"),
    }
}
