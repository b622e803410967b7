//! The accessibility statement (tilgjengelighetserklæring) that Norwegian rules on universal
//! design ask public-sector web solutions to publish: open to everyone, linked in the footer.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::routing::get;

use super::layout::Layout;
use crate::auth::Visitor;

pub fn router() -> Routes {
    Routes::new().get("/accessibility", get(show))
}

#[derive(Template, WebTemplate)]
#[template(path = "accessibility.html")]
pub struct StatementPage {
    layout: Layout,
    version: &'static str,
}

async fn show(visitor: Visitor) -> StatementPage {
    let layout = match &visitor.principal {
        Some(p) => Layout::for_principal(p, "a11y-title", "accessibility", "/accessibility"),
        None => Layout::public(visitor.tr(), "a11y-title", "/accessibility"),
    };
    StatementPage {
        layout,
        version: env!("CARGO_PKG_VERSION"),
    }
}
