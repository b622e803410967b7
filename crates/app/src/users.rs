//! Creating a user: one way for the setup page, the command line, bundle import and the demo,
//! so every new account gets the same audit entry. Passwords are checked and hashed by the
//! adapter before (hashing is slow and belongs outside the transaction).

use gatelangs_domain::{AuditAction, AuditEvent, UserId};
use gatelangs_storage::users::{self, NewUser, User};
use gatelangs_storage::{AnyConnection, Store, StoreError};

use crate::error::{Error, Result};

/// The key of a username that is taken (usernames are unique across services, so login needs
/// no service name).
pub const USERNAME_TAKEN: &str = "user-error-taken";

/// Who creates the account, for its audit entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreatedBy {
    /// The operator at the command line, or a bundle imported by no logged-in user.
    Operator,
    /// A logged-in user (an administrator importing a bundle).
    User(UserId),
    /// The first administrator, at setup: the account records its own creation.
    Themselves,
}

/// Creates the user inside the caller's transaction, with the `user_created` audit entry.
/// `how` says on which path (`setup`, `command line`, `import`, `demo`). An imported row keeps
/// its `id`.
pub async fn create(
    conn: &mut AnyConnection,
    store: &Store,
    new: &NewUser<'_>,
    id: Option<UserId>,
    by: CreatedBy,
    how: &str,
) -> Result<User> {
    let user = users::create_with_id(conn, id.unwrap_or_default(), new)
        .await
        .map_err(|e| match e {
            StoreError::Conflict => Error::Conflict(USERNAME_TAKEN),
            e => e.into(),
        })?;
    let actor = match by {
        CreatedBy::Operator => None,
        CreatedBy::User(u) => Some(u),
        CreatedBy::Themselves => Some(user.id),
    };
    let event = AuditEvent::new(
        actor,
        AuditAction::UserCreated,
        format!("user:{}", user.username),
    )
    .with_detail(format!("role={}; {how}", user.role));
    store.audit(conn, Some(new.service), &event).await?;
    Ok(user)
}
