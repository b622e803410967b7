//! What a use case answers when it does not do what was asked. Adapters turn it into their own
//! form (an HTTP status and page, a CLI message, an import problem); the message keys are the
//! Fluent ids the web layer translates.

use gatelangs_storage::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing by that id in the actor's service (or the actor may not know it exists).
    #[error("not found")]
    NotFound,
    /// The actor may not do this; the key says why in words the user can read.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The request breaks a rule of its own (a missing reason, a bad date).
    #[error("invalid: {0}")]
    Invalid(&'static str),
    /// The request is well formed but the record's state refuses it (a signed entry, no consent).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<gatelangs_storage::DbError> for Error {
    fn from(err: gatelangs_storage::DbError) -> Self {
        Error::Store(err.into())
    }
}

impl Error {
    /// The message key for the user, for adapters that show one (`None` for storage failures).
    pub fn key(&self) -> Option<&'static str> {
        match self {
            Error::NotFound => Some("error-not-found"),
            Error::Forbidden(k) | Error::Invalid(k) | Error::Conflict(k) => Some(k),
            Error::Store(_) => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
