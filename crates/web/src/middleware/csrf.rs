//! Cross-site request forgery protection for every state-changing request, and for the reads
//! that write: a youth's record (each opening is an audit entry), the audit log and the
//! administrator's export.
//!
//! Browsers say where a request comes from: `Sec-Fetch-Site` (all current browsers) or, failing
//! that, `Origin`. A POST from another site is refused before any handler runs. Requests with
//! neither header do not come from a browser page and carry no ambient cookies to abuse; the
//! session cookie is also `SameSite=Lax`. See `docs/decisions/0006-csrf.md`.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

pub async fn reject_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !is_same_origin(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        return AppError::Forbidden.into_response();
    }
    // A link on another site would otherwise make a logged-in user's browser open a record (an
    // audit entry in their name) or download an export: the session cookie is `SameSite=Lax`,
    // which top-level navigations still carry.
    if safe && reads_that_write(request.uri().path()) && is_from_another_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "cross-site read refused");
        return AppError::ForbiddenBecause("error-cross-site-read").into_response();
    }
    next.run(request).await
}

/// Paths whose GET writes an audit entry or hands out personal data in bulk.
fn reads_that_write(path: &str) -> bool {
    [
        "/youths",
        "/api/v1/youths",
        "/admin/",
        "/audit",
        "/api/v1/audit",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

/// Whether the browser says the request came from another site. A request the user started
/// (`none`: typed, bookmarked) and one without the header (not from a browser page) are not.
fn is_from_another_site(headers: &HeaderMap) -> bool {
    matches!(
        headers.get("sec-fetch-site").map(|v| v.to_str()),
        Some(Ok("cross-site" | "same-site"))
    )
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        // "none" is a request the user started (typed address, bookmark), never a forged one.
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let origin_host = origin
                .to_str()
                .ok()
                .and_then(|o| o.split_once("://"))
                .map(|(_, rest)| rest.trim_end_matches('/'));
            matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn reads_that_write_are_the_record_the_log_and_the_export() {
        for path in [
            "/youths",
            "/youths/1/journal",
            "/api/v1/youths/1",
            "/admin/export",
            "/audit",
        ] {
            assert!(reads_that_write(path), "{path}");
        }
        for path in ["/", "/report", "/field/", "/login", "/contacts"] {
            assert!(!reads_that_write(path), "{path}");
        }
        assert!(is_from_another_site(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(is_from_another_site(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
        assert!(!is_from_another_site(&headers(&[(
            "sec-fetch-site",
            "none"
        )])));
        assert!(!is_from_another_site(&headers(&[])));
    }

    #[test]
    fn fetch_metadata_decides_first() {
        assert!(is_same_origin(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_same_origin(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!is_same_origin(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
    }

    #[test]
    fn origin_must_match_host() {
        let ok = headers(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert!(is_same_origin(&ok));
        let evil = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert!(!is_same_origin(&evil));
        let null = headers(&[("origin", "null"), ("host", "127.0.0.1:8080")]);
        assert!(!is_same_origin(&null));
    }
}
