//! The Gatelangs web layer: server-rendered pages with progressive enhancement, and the JSON API
//! under `/api/v1`.
//!
//! The request path: security headers → error pages → CSRF check → body limit → router →
//! extractors (session → [`Principal`](auth::Principal)) → handler → storage. A handler that
//! needs a service's data gets the service id from the `Principal`, never from the request.

pub mod api;
pub mod assets;
pub mod auth;
pub mod config;
pub mod error;
pub mod form;
pub mod i18n;
pub mod middleware;
pub mod routes;
pub mod state;

pub use config::WebConfig;
pub use state::AppState;

use axum::Router;

/// The whole application, ready to serve.
pub fn app(state: AppState) -> Router {
    let (api_router, openapi) = api::router().split_for_parts();
    let openapi = std::sync::Arc::new(openapi);
    let api_router = api_router.route(
        "/api/v1/openapi.json",
        axum::routing::get(move || async move { axum::Json(openapi.as_ref().clone()) }),
    );
    routes::router()
        .merge(api_router)
        .fallback(routes::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.max_body_bytes,
        ))
        .layer(axum::middleware::from_fn(
            middleware::csrf::reject_cross_site,
        ))
        .layer(axum::middleware::from_fn(middleware::error_pages::render))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::headers::security_headers,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
