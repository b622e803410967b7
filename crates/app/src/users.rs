//! Staff accounts: creating one (one way for the setup page, the command line, bundle import,
//! the demo and the administrator's page, so every new account gets the same audit entry) and
//! administering them (disable, role, reset with a one-time link), with the rules every path
//! shares: an administrator changes others, not themselves, and a service always keeps an
//! administrator who can log in. Passwords are checked and hashed by the adapter before
//! (hashing is slow and belongs outside the transaction).

use gatelangs_domain::{AuditAction, AuditEvent, DisplayName, Role, UserId, Username};
use gatelangs_storage::services::Service;
use gatelangs_storage::users::{self, NewUser, User};
use gatelangs_storage::{AnyConnection, Store, StoreError, reset_links};

use crate::capabilities::Administrator;
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

/// The key of a change an administrator tries on their own account: another administrator must
/// make it, so nobody locks themselves out with a slip of the mouse.
pub const NOT_YOURSELF: &str = "user-error-yourself";
/// The key of a change that would leave the service without an administrator who can log in.
pub const LAST_ADMIN: &str = "user-error-last-admin";
/// The key of a reset of an account that is disabled (enable it first).
pub const DISABLED: &str = "user-error-disabled";
/// The key of a one-time link that is unknown, used or expired.
pub const LINK_INVALID: &str = "password-link-invalid";

/// Wrong second-factor codes in a row after which the account is locked until an administrator
/// unlocks it: ten guesses at a six-digit code leave a chance of one in a hundred thousand.
pub const SECOND_FACTOR_ATTEMPTS: i64 = 10;

/// How long a one-time link to choose a password is valid: long enough to hand over on the
/// next working day, short enough that a forgotten link soon stops working.
pub const LINK_LIFETIME_SECONDS: i64 = 3 * 24 * 60 * 60;

/// A one-time link's secret, to show the administrator once, and when it stops working.
#[derive(Debug, Clone)]
pub struct OneTimeLink {
    pub token: String,
    pub expires_at: i64,
}

impl OneTimeLink {
    /// The link's path on the site; the adapter puts the site's address before it.
    pub fn path(&self) -> String {
        format!("/password/{}", self.token)
    }
}

/// Whether `user` must enrol a second factor before reaching anything: the service requires one
/// of everyone who can see personal data, and the user has none yet. Such an account enrols only
/// through a one-time link (or the setup link), never on the strength of its password.
pub fn must_enrol(service: &Service, user: &User) -> bool {
    service.require_two_factor && user.role.can_see_personal_data() && !user.has_two_factor()
}

/// The accounts of the administrator's service, and which of them wait for their link.
pub async fn list(
    conn: &mut AnyConnection,
    admin: &Administrator,
) -> Result<(Vec<User>, Vec<UserId>)> {
    let all = users::list(conn, admin.service()).await?;
    let waiting = reset_links::pending(conn, admin.service()).await?;
    Ok((all, waiting))
}

/// One account of the administrator's service (another service's is not found).
pub async fn get(conn: &mut AnyConnection, admin: &Administrator, id: UserId) -> Result<User> {
    users::get(conn, admin.service(), id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => Error::NotFound,
            e => e.into(),
        })
}

/// The account a change is made to: of the administrator's service and not the administrator.
async fn other_account(
    conn: &mut AnyConnection,
    admin: &Administrator,
    id: UserId,
) -> Result<User> {
    let user = get(conn, admin, id).await?;
    if admin.user() == Some(id) {
        return Err(Error::Conflict(NOT_YOURSELF));
    }
    Ok(user)
}

/// Refuses a change that takes `user` away from the administrators who can log in when no
/// other is left.
async fn keep_an_administrator(conn: &mut AnyConnection, user: &User) -> Result<()> {
    if user.role == Role::Admin
        && !user.disabled
        && users::active_admins_besides(conn, user.service_id, user.id).await? == 0
    {
        return Err(Error::Conflict(LAST_ADMIN));
    }
    Ok(())
}

async fn log(
    conn: &mut AnyConnection,
    store: &Store,
    admin: &Administrator,
    action: AuditAction,
    user: &User,
    detail: String,
) -> Result<()> {
    let event = AuditEvent::new(admin.user(), action, format!("user:{}", user.username))
        .with_detail(detail);
    store.audit(conn, Some(admin.service()), &event).await?;
    Ok(())
}

/// Disables an account (its sessions and any one-time link end with it) or lets it log in
/// again. `how` names the path (`web`, `command line`) for the audit entry.
pub async fn set_disabled(
    conn: &mut AnyConnection,
    store: &Store,
    admin: &Administrator,
    id: UserId,
    disabled: bool,
    how: &str,
) -> Result<User> {
    let user = other_account(conn, admin, id).await?;
    if disabled {
        keep_an_administrator(conn, &user).await?;
    }
    users::set_disabled(conn, admin.service(), id, disabled).await?;
    if disabled {
        reset_links::revoke(conn, id).await?;
    }
    let action = if disabled {
        AuditAction::UserDisabled
    } else {
        AuditAction::UserEnabled
    };
    log(conn, store, admin, action, &user, how.to_owned()).await?;
    Ok(User { disabled, ..user })
}

/// A second-factor attempt, counted before its code is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactorAttempt {
    /// The attempt's number in the current run of wrong codes: check the code.
    Counted(i64),
    /// The account is locked: the code is not checked.
    Locked,
}

/// Counts an attempt in its own committed statement, so guesses sent in parallel each take a
/// number and a new login with the password does not start the count again. An attempt past the
/// limit locks the account (if nothing has yet) and is not checked.
pub async fn count_second_factor_attempt(
    store: &Store,
    user: &User,
) -> Result<SecondFactorAttempt> {
    let counted = {
        let mut conn = store.conn().await?;
        users::count_second_factor_attempt(&mut conn, user.service_id, user.id).await?
    };
    match counted.filter(|n| *n <= SECOND_FACTOR_ATTEMPTS) {
        Some(n) => Ok(SecondFactorAttempt::Counted(n)),
        None => {
            lock_second_factor(store, user).await?;
            Ok(SecondFactorAttempt::Locked)
        }
    }
}

/// After a wrong code: the last allowed attempt locks the account. True when it is locked.
pub async fn second_factor_was_wrong(store: &Store, user: &User, attempt: i64) -> Result<bool> {
    if attempt < SECOND_FACTOR_ATTEMPTS {
        return Ok(false);
    }
    lock_second_factor(store, user).await?;
    Ok(true)
}

/// A right code (or recovery code) starts the count of wrong codes again.
pub async fn second_factor_was_right(conn: &mut AnyConnection, user: &User) -> Result<()> {
    users::clear_second_factor_failures(conn, user.service_id, user.id).await?;
    Ok(())
}

/// Locks the account's second factor (its sessions end), with one audit entry.
async fn lock_second_factor(store: &Store, user: &User) -> Result<()> {
    let mut tx = store.begin().await?;
    if users::lock_second_factor(&mut tx, user.service_id, user.id).await? {
        let event = AuditEvent::new(
            Some(user.id),
            AuditAction::SecondFactorLocked,
            format!("user:{}", user.username),
        )
        .with_detail(format!("{SECOND_FACTOR_ATTEMPTS} wrong codes in a row"));
        store.audit(&mut tx, Some(user.service_id), &event).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Lifts a second-factor lock (after too many wrong codes) once the administrator has made sure
/// the owner made them; the count starts again.
pub async fn unlock_second_factor(
    conn: &mut AnyConnection,
    store: &Store,
    admin: &Administrator,
    id: UserId,
    how: &str,
) -> Result<User> {
    let user = other_account(conn, admin, id).await?;
    users::clear_second_factor_failures(conn, admin.service(), id).await?;
    log(
        conn,
        store,
        admin,
        AuditAction::SecondFactorUnlocked,
        &user,
        how.to_owned(),
    )
    .await?;
    Ok(user)
}

/// Gives an account another role.
pub async fn set_role(
    conn: &mut AnyConnection,
    store: &Store,
    admin: &Administrator,
    id: UserId,
    role: Role,
    how: &str,
) -> Result<User> {
    let user = other_account(conn, admin, id).await?;
    if role != Role::Admin {
        keep_an_administrator(conn, &user).await?;
    }
    users::set_role(conn, admin.service(), id, role).await?;
    let detail = format!("{} -> {role}; {how}", user.role);
    log(conn, store, admin, AuditAction::RoleChanged, &user, detail).await?;
    Ok(User { role, ..user })
}

/// Sets a password the operator chose (hashed by the adapter), for `gatelangs user passwd`.
pub async fn set_password(
    conn: &mut AnyConnection,
    store: &Store,
    admin: &Administrator,
    id: UserId,
    hash: &str,
    how: &str,
) -> Result<User> {
    let user = get(conn, admin, id).await?;
    users::set_password(conn, admin.service(), id, hash).await?;
    reset_links::revoke(conn, id).await?;
    log(
        conn,
        store,
        admin,
        AuditAction::PasswordChanged,
        &user,
        how.to_owned(),
    )
    .await?;
    Ok(user)
}

/// Takes away an account's password and second factor, ends its sessions and issues a one-time
/// link to choose a new password (the second factor is enrolled again at the next login where
/// the service requires one).
pub async fn reset(
    conn: &mut AnyConnection,
    store: &Store,
    admin: &Administrator,
    id: UserId,
    how: &str,
) -> Result<(User, OneTimeLink)> {
    let user = other_account(conn, admin, id).await?;
    if user.disabled {
        return Err(Error::Conflict(DISABLED));
    }
    users::reset_credentials(conn, admin.service(), id).await?;
    let link = issue_link(conn, admin, id).await?;
    log(
        conn,
        store,
        admin,
        AuditAction::CredentialsReset,
        &user,
        how.to_owned(),
    )
    .await?;
    Ok((user, link))
}

async fn issue_link(
    conn: &mut AnyConnection,
    admin: &Administrator,
    id: UserId,
) -> Result<OneTimeLink> {
    let expires_at = gatelangs_storage::now() + LINK_LIFETIME_SECONDS;
    let token = reset_links::issue(conn, admin.service(), id, expires_at).await?;
    Ok(OneTimeLink { token, expires_at })
}

/// Creates an account without a password and the one-time link with which its owner chooses
/// one (an administrator in the web never sees or sends a password).
pub async fn create_with_link(
    conn: &mut AnyConnection,
    store: &Store,
    admin: &Administrator,
    username: &Username,
    name: &DisplayName,
    role: Role,
    how: &str,
) -> Result<(User, OneTimeLink)> {
    let new = NewUser {
        service: admin.service(),
        username,
        name,
        role,
        password_hash: None,
    };
    let by = admin.user().map_or(CreatedBy::Operator, CreatedBy::User);
    let user = create(conn, store, &new, None, by, how).await?;
    let link = issue_link(conn, admin, user.id).await?;
    Ok((user, link))
}

/// The account a one-time link is for, while the link is valid and the account may log in.
pub async fn link_owner(conn: &mut AnyConnection, token: &str) -> Result<User> {
    let Some((service, id)) = reset_links::find(conn, token).await? else {
        return Err(Error::Invalid(LINK_INVALID));
    };
    let user = users::get(conn, service, id).await?;
    if user.disabled {
        return Err(Error::Invalid(LINK_INVALID));
    }
    Ok(user)
}

/// Sets the password chosen through a one-time link (hashed by the adapter) and uses the link
/// up; the owner then logs in as usual.
pub async fn redeem_link(
    conn: &mut AnyConnection,
    store: &Store,
    token: &str,
    hash: &str,
) -> Result<User> {
    let user = link_owner(conn, token).await?;
    if !reset_links::consume(conn, token, user.id).await? {
        return Err(Error::Invalid(LINK_INVALID));
    }
    users::set_password(conn, user.service_id, user.id, hash).await?;
    let event = AuditEvent::new(
        Some(user.id),
        AuditAction::PasswordChanged,
        format!("user:{}", user.username),
    )
    .with_detail("one-time link");
    store.audit(conn, Some(user.service_id), &event).await?;
    Ok(user)
}
