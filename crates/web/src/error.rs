//! One error type at the edge. A client gets a status and a short message in its language; the
//! full cause is logged once, here, and never sent.
//!
//! Handlers return `AppError`; it becomes an empty response carrying an [`ErrorKey`], which the
//! error-page middleware renders as a page or JSON in the user's language.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gatelangs_storage::StoreError;

/// The translation key of the message for an error response.
#[derive(Debug, Clone, Copy)]
pub struct ErrorKey(pub &'static str);

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Forbidden, with the reason the user should read (e.g. the record is blocked).
    #[error("forbidden: {0}")]
    ForbiddenBecause(&'static str),
    /// The request itself is wrong; the key names the problem for the user.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("request body too large")]
    TooLarge,
    #[error("unsupported content type")]
    UnsupportedMediaType,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("too many attempts")]
    TooManyRequests,
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        AppError::Internal(Box::new(err))
    }

    fn status_and_key(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            AppError::ForbiddenBecause(key) => (StatusCode::FORBIDDEN, key),
            AppError::BadRequest(key) => (StatusCode::BAD_REQUEST, key),
            AppError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "error-too-large"),
            AppError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "error-content-type")
            }
            AppError::Conflict(key) => (StatusCode::CONFLICT, key),
            AppError::TooManyRequests => (StatusCode::TOO_MANY_REQUESTS, "error-too-many-attempts"),
            AppError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "error-unavailable"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal"),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict => AppError::Conflict("error-conflict"),
            e if e.is_unavailable() => AppError::Unavailable,
            e => AppError::internal(e),
        }
    }
}

impl From<gatelangs_app::Error> for AppError {
    fn from(err: gatelangs_app::Error) -> Self {
        use gatelangs_app::Error as E;
        match err {
            E::NotFound => AppError::NotFound,
            E::Forbidden("error-forbidden") => AppError::Forbidden,
            E::Forbidden(key) => AppError::ForbiddenBecause(key),
            E::Invalid(key) => AppError::BadRequest(key),
            E::Conflict(key) => AppError::Conflict(key),
            E::Store(e) => e.into(),
        }
    }
}

impl From<gatelangs_storage::DbError> for AppError {
    fn from(err: gatelangs_storage::DbError) -> Self {
        StoreError::from(err).into()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(error = %cause, cause = ?cause, "request failed");
        }
        let (status, key) = self.status_and_key();
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorKey(key));
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
