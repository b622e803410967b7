//! `gatelangs user add|passwd|disable|set-role|list`.

use gatelangs_app::users::CreatedBy;
use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use gatelangs_app::users as app_users;
use gatelangs_app::{Actor, Administrator};
use gatelangs_domain::{DisplayName, NewPassword, Role, Username};
use gatelangs_storage::users::{self, NewUser, User};
use gatelangs_storage::{AnyConnection, Store, services};
use gatelangs_web::auth::password;

use crate::cli::UserCommand;

/// The password from standard input, or a generated one that is printed.
fn choose_password(from_stdin: bool, context: &[&str]) -> anyhow::Result<(NewPassword, bool)> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password")?;
        let text = line.trim_end_matches(['\r', '\n']);
        Ok((NewPassword::parse(text, context)?, false))
    } else {
        Ok((NewPassword::parse(&password::generate(), context)?, true))
    }
}

/// The command line's word for the audit entries.
const HOW: &str = "command line";

/// The operator at the command line, as administrator of the user's service.
fn operator_of(user: &User) -> anyhow::Result<Administrator> {
    Ok(Administrator::for_actor(&Actor::operator(user.service_id))?)
}

/// A rule's refusal in words (the keys are the web's message ids).
fn refusal(e: gatelangs_app::Error) -> anyhow::Error {
    match e {
        gatelangs_app::Error::Conflict(app_users::LAST_ADMIN) => {
            anyhow!("refused: the service would have no administrator who can log in")
        }
        gatelangs_app::Error::Conflict(app_users::DISABLED) => {
            anyhow!("refused: the account is disabled; enable it first")
        }
        e => e.into(),
    }
}

async fn find(conn: &mut AnyConnection, username: &str) -> anyhow::Result<User> {
    users::find_by_username(conn, username)
        .await?
        .with_context(|| format!("no user {username:?}"))
}

pub async fn run(store: &Store, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        UserCommand::Add {
            service,
            username,
            name,
            role,
            password_stdin,
        } => {
            let username = Username::parse(&username)?;
            let name = DisplayName::parse(&name)?;
            let role: Role = role.parse()?;
            let (pw, generated) =
                choose_password(password_stdin, &[username.as_str(), name.as_str()])?;
            let shown = generated.then(|| pw.expose().to_owned());
            let hash = password::hash_blocking(&pw).map_err(|e| anyhow!("cannot hash: {e}"))?;
            let mut tx = store.begin().await?;
            let svc = services::find_by_slug(&mut tx, &service)
                .await?
                .with_context(|| format!("no service with slug {service:?}"))?;
            let new = NewUser {
                service: svc.id,
                username: &username,
                name: &name,
                role,
                password_hash: Some(hash),
            };
            let user = match gatelangs_app::users::create(
                &mut tx,
                store,
                &new,
                None,
                CreatedBy::Operator,
                HOW,
            )
            .await
            {
                Err(gatelangs_app::Error::Conflict(_)) => {
                    return Err(anyhow!("the username {username} is taken"));
                }
                other => other?,
            };
            tx.commit().await?;
            println!(
                "Created {} ({}) as {} in {}.",
                user.username, user.name, role, svc.slug
            );
            if let Some(pw) = shown {
                println!("Password: {pw}");
            }
            if app_users::must_enrol(&svc, &user) {
                println!(
                    "The service requires a second factor, which only a one-time link sets up: \
                     `gatelangs user reset --username {username}` prints one (or use /admin/users)."
                );
            }
        }
        UserCommand::Passwd {
            username,
            password_stdin,
        } => {
            let user = {
                let mut conn = store.conn().await?;
                find(&mut conn, &username).await?
            };
            let (pw, generated) = choose_password(password_stdin, &[&user.username, &user.name])?;
            let shown = generated.then(|| pw.expose().to_owned());
            let hash = password::hash_blocking(&pw).map_err(|e| anyhow!("cannot hash: {e}"))?;
            let mut tx = store.begin().await?;
            let admin = operator_of(&user)?;
            app_users::set_password(&mut tx, store, &admin, user.id, &hash, HOW)
                .await
                .map_err(refusal)?;
            tx.commit().await?;
            println!("Set a new password for {username}.");
            if let Some(pw) = shown {
                println!("Password: {pw}");
            }
        }
        UserCommand::Disable { username } => {
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            let admin = operator_of(&user)?;
            app_users::set_disabled(&mut tx, store, &admin, user.id, true, HOW)
                .await
                .map_err(refusal)?;
            tx.commit().await?;
            println!("Disabled {username}; their sessions have ended.");
        }
        UserCommand::Enable { username } => {
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            let admin = operator_of(&user)?;
            app_users::set_disabled(&mut tx, store, &admin, user.id, false, HOW)
                .await
                .map_err(refusal)?;
            tx.commit().await?;
            println!("{username} may log in again.");
        }
        UserCommand::Unlock { username } => {
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            let admin = operator_of(&user)?;
            app_users::unlock_second_factor(&mut tx, store, &admin, user.id, HOW)
                .await
                .map_err(refusal)?;
            tx.commit().await?;
            println!("{username} may enter second-factor codes again.");
        }
        UserCommand::SetRole { username, role } => {
            let role: Role = role.parse()?;
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            let admin = operator_of(&user)?;
            app_users::set_role(&mut tx, store, &admin, user.id, role, HOW)
                .await
                .map_err(refusal)?;
            tx.commit().await?;
            println!("{username} is now {role}.");
        }
        UserCommand::Reset { username } => {
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            let admin = operator_of(&user)?;
            let (_, link) = app_users::reset(&mut tx, store, &admin, user.id, HOW)
                .await
                .map_err(refusal)?;
            tx.commit().await?;
            println!(
                "Reset the password and second factor of {username}; their sessions have ended."
            );
            println!(
                "Hand them this link (after the server's address), valid for {} days: {}",
                app_users::LINK_LIFETIME_SECONDS / 86_400,
                link.path()
            );
        }
        UserCommand::List { service } => {
            let mut conn = store.conn().await?;
            let svc = services::find_by_slug(&mut conn, &service)
                .await?
                .with_context(|| format!("no service with slug {service:?}"))?;
            for u in users::list(&mut conn, svc.id).await? {
                let state = if u.disabled {
                    "disabled"
                } else if u.second_factor_locked() {
                    "locked"
                } else {
                    "active"
                };
                let second = if u.has_two_factor() { "2FA" } else { "-" };
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    u.username, u.name, u.role, state, second
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
