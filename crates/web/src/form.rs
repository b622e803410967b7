//! A form extractor whose rejections are `AppError`s, so a malformed form gets a clear message in
//! the user's language instead of axum's English text. It reads repeated keys (`staff=a&staff=b`)
//! into a `Vec`, which checkbox groups need (serde_html_form; axum's own form reader cannot).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct Form<T>(pub T);

impl<S, T> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                v.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !is_form {
            return Err(AppError::UnsupportedMediaType);
        }
        let body = Bytes::from_request(req, state).await.map_err(|rejection| {
            tracing::debug!(%rejection, "form body rejected");
            match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
                _ => AppError::BadRequest("error-bad-form"),
            }
        })?;
        serde_html_form::from_bytes(&body).map(Form).map_err(|err| {
            tracing::debug!(%err, "form rejected");
            AppError::BadRequest("error-bad-form")
        })
    }
}
