//! Staff accounts. Lookups by username are global (login happens before a service is known);
//! everything else takes the service the caller is acting in.

use gatelangs_domain::{DisplayName, Role, ServiceId, UserId, Username};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::row::{flag, one_row, parse};
use crate::{Result, now};

#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub service_id: ServiceId,
    pub username: String,
    pub name: String,
    pub role: Role,
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub language: String,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
    /// Wrong second-factor codes in a row.
    pub second_factor_failures: i64,
    /// When the second factor was locked after too many wrong codes.
    pub second_factor_locked_at: Option<i64>,
}

impl User {
    pub fn has_two_factor(&self) -> bool {
        self.totp_secret.is_some()
    }

    pub fn second_factor_locked(&self) -> bool {
        self.second_factor_locked_at.is_some()
    }
}

pub(crate) const COLUMNS: &str = "id, service_id, username, name, role, password_hash, disabled, language, \
                       totp_secret, totp_last_step, failed_logins, locked_until, \
                       second_factor_failures, second_factor_locked_at";

fn from_row(row: &AnyRow) -> Result<User> {
    from_row_prefixed(row, "")
}

/// Reads a user from columns named with `prefix` (for joins).
pub(crate) fn from_row_prefixed(row: &AnyRow, prefix: &str) -> Result<User> {
    let col = |c: &str| format!("{prefix}{c}");
    let id: String = row.try_get(col("id").as_str())?;
    let service_id: String = row.try_get(col("service_id").as_str())?;
    let role: String = row.try_get(col("role").as_str())?;
    Ok(User {
        id: parse("users.id", &id)?,
        service_id: parse("users.service_id", &service_id)?,
        username: row.try_get(col("username").as_str())?,
        name: row.try_get(col("name").as_str())?,
        role: parse("users.role", &role)?,
        password_hash: row.try_get(col("password_hash").as_str())?,
        disabled: row.try_get::<i64, _>(col("disabled").as_str())? != 0,
        language: row.try_get(col("language").as_str())?,
        totp_secret: row.try_get(col("totp_secret").as_str())?,
        totp_last_step: row.try_get(col("totp_last_step").as_str())?,
        failed_logins: row.try_get(col("failed_logins").as_str())?,
        locked_until: row.try_get(col("locked_until").as_str())?,
        second_factor_failures: row.try_get(col("second_factor_failures").as_str())?,
        second_factor_locked_at: row.try_get(col("second_factor_locked_at").as_str())?,
    })
}

/// A new account; without a password hash it cannot log in until one is set.
pub struct NewUser<'a> {
    pub service: ServiceId,
    pub username: &'a Username,
    pub name: &'a DisplayName,
    pub role: Role,
    pub password_hash: Option<String>,
}

pub async fn create(conn: &mut AnyConnection, new: &NewUser<'_>) -> Result<User> {
    create_with_id(conn, UserId::new(), new).await
}

/// Creates a user with a given id (an imported row keeps its id).
pub async fn create_with_id(
    conn: &mut AnyConnection,
    id: UserId,
    new: &NewUser<'_>,
) -> Result<User> {
    sqlx::query(
        "INSERT INTO users (id, service_id, username, name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.to_string())
    .bind(new.service.to_string())
    .bind(new.username.as_str())
    .bind(new.name.as_str())
    .bind(new.role.as_str())
    .bind(&new.password_hash)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    get(conn, new.service, id).await
}

pub async fn count_all(conn: &mut AnyConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *conn)
        .await?)
}

pub async fn find_by_username(conn: &mut AnyConnection, username: &str) -> Result<Option<User>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE username = $1"))
        .bind(username)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn get(conn: &mut AnyConnection, service: ServiceId, id: UserId) -> Result<User> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users WHERE id = $1 AND service_id = $2"
    ))
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_one(&mut *conn)
    .await?;
    from_row(&row)
}

pub async fn list(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users WHERE service_id = $1 ORDER BY username"
    ))
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Runs an update of one user row; no row means no such user in that service.
async fn update_one<'q>(
    conn: &mut AnyConnection,
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> Result<()> {
    one_row(query.execute(&mut *conn).await?)
}

pub async fn set_password(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
    hash: &str,
) -> Result<()> {
    let q = sqlx::query(
        "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL \
         WHERE id = $2 AND service_id = $3",
    )
    .bind(hash.to_owned())
    .bind(id.to_string())
    .bind(service.to_string());
    update_one(conn, q).await
}

pub async fn set_disabled(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
    disabled: bool,
) -> Result<()> {
    let q = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2 AND service_id = $3")
        .bind(flag(disabled))
        .bind(id.to_string())
        .bind(service.to_string());
    update_one(conn, q).await?;
    // A disabled account keeps no open sessions.
    crate::sessions::delete_for_user(conn, id).await?;
    Ok(())
}

pub async fn set_role(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
    role: Role,
) -> Result<()> {
    let q = sqlx::query("UPDATE users SET role = $1 WHERE id = $2 AND service_id = $3")
        .bind(role.as_str())
        .bind(id.to_string())
        .bind(service.to_string());
    update_one(conn, q).await
}

/// Takes away a user's password and second factor (secret and recovery codes) and ends their
/// sessions: after a reset they can log in only through a new one-time link, and enrol a new
/// authenticator app.
pub async fn reset_credentials(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
) -> Result<()> {
    let q = sqlx::query(
        "UPDATE users SET password_hash = NULL, totp_secret = NULL, totp_last_step = NULL, \
         failed_logins = 0, locked_until = NULL, second_factor_failures = 0, \
         second_factor_locked_at = NULL WHERE id = $1 AND service_id = $2",
    )
    .bind(id.to_string())
    .bind(service.to_string());
    update_one(conn, q).await?;
    crate::recovery_codes::clear(conn, service, id).await?;
    crate::sessions::delete_for_user(conn, id).await?;
    Ok(())
}

/// How many administrators of `service` can log in, leaving out `except`.
pub async fn active_admins_besides(
    conn: &mut AnyConnection,
    service: ServiceId,
    except: UserId,
) -> Result<i64> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE service_id = $1 AND role = $2 AND disabled = 0 AND id <> $3",
    )
    .bind(service.to_string())
    .bind(Role::Admin.as_str())
    .bind(except.to_string())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n)
}

pub async fn set_language(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
    language: &str,
) -> Result<()> {
    let q = sqlx::query("UPDATE users SET language = $1 WHERE id = $2 AND service_id = $3")
        .bind(language.to_owned())
        .bind(id.to_string())
        .bind(service.to_string());
    update_one(conn, q).await
}

fn totp_place<'a>(service: &'a str, user: &'a str) -> crate::crypto::Place<'a> {
    crate::crypto::Place {
        service,
        table: "users",
        column: "totp_secret",
        row: user,
    }
}

/// Stores a user's TOTP secret, sealed like the other secrets at rest.
pub async fn set_totp(
    conn: &mut AnyConnection,
    keys: &crate::FieldKeys,
    service: ServiceId,
    id: UserId,
    secret: &str,
    step: i64,
) -> Result<()> {
    let sealed = keys.seal(totp_place(&service.to_string(), &id.to_string()), secret);
    let q = sqlx::query(
        "UPDATE users SET totp_secret = $1, totp_last_step = $2 WHERE id = $3 AND service_id = $4",
    )
    .bind(sealed)
    .bind(step)
    .bind(id.to_string())
    .bind(service.to_string());
    update_one(conn, q).await
}

/// The user's TOTP secret in clear, for checking a code. A secret stored by a version before
/// field encryption is read as it is; `keys rotate` seals it.
pub fn totp_secret(keys: &crate::FieldKeys, user: &User) -> Result<Option<String>> {
    match user.totp_secret.as_deref() {
        None => Ok(None),
        Some(legacy) if !crate::crypto::is_sealed(legacy) => Ok(Some(legacy.to_owned())),
        Some(sealed) => keys
            .open(
                totp_place(&user.service_id.to_string(), &user.id.to_string()),
                sealed,
            )
            .map(Some),
    }
}

/// Records an accepted TOTP time step, so the same code cannot be replayed. Returns false when
/// `step` is not newer than the last accepted one.
pub async fn accept_totp_step(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
    step: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET totp_last_step = $1 \
         WHERE id = $2 AND service_id = $3 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts a second-factor attempt before its code is checked, in its own statement so it is
/// committed whatever the check finds: the attempt's number in the current run of wrong codes,
/// or `None` when the second factor is locked.
pub async fn count_second_factor_attempt(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
) -> Result<Option<i64>> {
    let n: Option<i64> = sqlx::query_scalar(
        "UPDATE users SET second_factor_failures = second_factor_failures + 1 \
         WHERE id = $1 AND service_id = $2 AND second_factor_locked_at IS NULL \
         RETURNING second_factor_failures",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(n)
}

/// Locks the second factor (too many wrong codes); true when this call locked it.
pub async fn lock_second_factor(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET second_factor_locked_at = $1 \
         WHERE id = $2 AND service_id = $3 AND second_factor_locked_at IS NULL",
    )
    .bind(now())
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    crate::sessions::delete_for_user(conn, id).await?;
    Ok(done.rows_affected() == 1)
}

/// Starts the count of wrong codes again and lifts a lock: a right code, or an administrator.
pub async fn clear_second_factor_failures(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: UserId,
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET second_factor_failures = 0, second_factor_locked_at = NULL \
         WHERE id = $1 AND service_id = $2",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Counts a failed login; from the `lock_after`th failure in a row the account is locked until
/// `lock_until`.
pub async fn record_failed_login(
    conn: &mut AnyConnection,
    id: UserId,
    lock_after: i64,
    lock_until: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET failed_logins = failed_logins + 1, \
         locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END \
         WHERE id = $3",
    )
    .bind(lock_after)
    .bind(lock_until)
    .bind(id.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn reset_failed_logins(conn: &mut AnyConnection, id: UserId) -> Result<()> {
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}
