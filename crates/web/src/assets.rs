//! Static files compiled into the binary: the product runs in closed networks, with no CDN.

use crate::routes::table::Routes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

const APP_CSS: &str = include_str!("../assets/app.css");
const FAVICON: &str = include_str!("../assets/favicon.svg");
const FIELD_JS: &str = include_str!("../assets/field.js");
const ROLL_CALL_JS: &str = include_str!("../assets/rollcall.js");
const NAV_JS: &str = include_str!("../assets/nav.js");
const SERVICE_WORKER: &str = include_str!("../assets/sw.js");
const MANIFEST: &str = include_str!("../assets/manifest.webmanifest");

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
}

/// The service worker, with the cache named after the release so a new version replaces the
/// old assets. Never kept in the browser's HTTP cache, so updates are seen at once.
async fn service_worker() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SERVICE_WORKER.replace("__VERSION__", env!("CARGO_PKG_VERSION")),
    )
}

pub fn router() -> Routes {
    Routes::new()
        .get(
            "/assets/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .get(
            "/assets/favicon.svg",
            get(|| async { asset("image/svg+xml", FAVICON) }),
        )
        .get(
            "/assets/field.js",
            get(|| async { asset("text/javascript; charset=utf-8", FIELD_JS) }),
        )
        .get(
            "/assets/rollcall.js",
            get(|| async { asset("text/javascript; charset=utf-8", ROLL_CALL_JS) }),
        )
        .get(
            "/assets/nav.js",
            get(|| async { asset("text/javascript; charset=utf-8", NAV_JS) }),
        )
        .get(
            "/assets/manifest.webmanifest",
            get(|| async { asset("application/manifest+json", MANIFEST) }),
        )
        .get("/sw.js", get(service_worker))
}
