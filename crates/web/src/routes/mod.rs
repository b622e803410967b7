//! The HTML pages, one module per resource.

mod accessibility;
pub mod audit_log;
mod charts;
mod choice;
mod classes;
mod contacts;
mod counterparts;
mod field;
mod groups;
mod health;
mod home;
mod import;
mod inquiries;
pub mod labels;
mod language;
pub mod layout;
pub(crate) mod login;
mod password_link;
mod places;
pub(crate) mod presence;
mod prevention;
mod report;
pub(crate) mod report_texts;
pub(crate) mod schools;
mod setup;
mod sso;
pub(crate) mod staffing;
pub mod table;
pub(crate) mod time_use;
mod trend_summary;
mod two_factor;
mod users;
pub mod youths;

use axum::Router;
use axum::http::Uri;
use table::Routes;

use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    routes().into_router()
}

/// Every page route as (method, path template), in the order they are added.
pub fn route_table() -> Vec<(&'static str, &'static str)> {
    routes().paths().to_vec()
}

fn routes() -> Routes {
    Routes::new()
        .merge(home::router())
        .merge(accessibility::router())
        .merge(field::router())
        .merge(contacts::router())
        .merge(places::router())
        .merge(youths::router())
        .merge(counterparts::router())
        .merge(groups::router())
        .merge(inquiries::router())
        .merge(prevention::router())
        .merge(trend_summary::router())
        .merge(classes::router())
        .merge(staffing::router())
        .merge(presence::router())
        .merge(report_texts::router())
        .merge(schools::router())
        .merge(time_use::router())
        .merge(report::router())
        .merge(import::router())
        .merge(users::router())
        .merge(password_link::router())
        .merge(login::router())
        .merge(sso::router())
        .merge(two_factor::router())
        .merge(setup::router())
        .merge(language::router())
        .merge(audit_log::router())
        .merge(health::router())
        .merge(crate::assets::router())
}

pub async fn not_found(uri: Uri) -> AppError {
    tracing::debug!(path = %uri.path(), "no route");
    AppError::NotFound
}
