//! Turns every error response into a message in the user's language: a page for the browser,
//! JSON under `/api`. This catches the framework's own rejections too (unknown route, wrong
//! method, bad query, oversized body), so no English framework text or internal detail leaks.

use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::cookies;
use crate::error::ErrorKey;
use crate::i18n::Tr;
use crate::routes::layout::Layout;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    message: String,
}

fn default_key(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::UNAUTHORIZED => "error-unauthenticated",
        StatusCode::METHOD_NOT_ALLOWED => "error-method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "error-content-type",
        StatusCode::TOO_MANY_REQUESTS => "error-too-many-attempts",
        StatusCode::SERVICE_UNAVAILABLE => "error-unavailable",
        s if s.is_server_error() => "error-internal",
        _ => "error-bad-request",
    }
}

pub async fn render(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let path = request.uri().path().to_owned();
    let tr = Tr::new(cookies::request_language(request.headers()));
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let key = response.extensions().get::<ErrorKey>().map(|k| k.0);
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // A page or JSON body a handler rendered on purpose (a form with its errors) stays.
    let rendered =
        content_type.starts_with("text/html") || content_type.starts_with("application/json");
    if key.is_none() && rendered {
        return response;
    }
    let message = tr.t(key.unwrap_or_else(|| default_key(status)));
    let (mut parts, _body) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut new = if api {
        let body =
            serde_json::json!({ "error": { "status": status.as_u16(), "message": message } });
        axum::Json(body).into_response()
    } else {
        let page = ErrorPage {
            layout: Layout::public(tr, "error-title", &path),
            message,
        };
        match page.render() {
            Ok(html) => axum::response::Html(html).into_response(),
            Err(_) => page.message.into_response(),
        }
    };
    *new.status_mut() = status;
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE {
            new.headers_mut().append(name.clone(), value.clone());
        }
    }
    if new.headers().get(header::CONTENT_TYPE).is_none() {
        new.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
    }
    new
}
