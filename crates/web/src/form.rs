//! A form extractor whose rejections are `AppError`s, so a malformed form gets a clear message in
//! the user's language instead of axum's English text.

use axum::extract::rejection::FormRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
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
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Form(value)),
            Err(rejection) => Err(from_rejection(&rejection)),
        }
    }
}

fn from_rejection(rejection: &FormRejection) -> AppError {
    tracing::debug!(%rejection, "form rejected");
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
        _ => AppError::BadRequest("error-bad-form"),
    }
}
