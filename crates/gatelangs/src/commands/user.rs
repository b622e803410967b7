//! `gatelangs user add|passwd|disable|set-role|list`.

use gatelangs_app::users::CreatedBy;
use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use gatelangs_domain::{AuditAction, AuditEvent, DisplayName, NewPassword, Role, Username};
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
                "command line",
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
        }
        UserCommand::Passwd {
            username,
            password_stdin,
        } => {
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            let (pw, generated) = choose_password(password_stdin, &[&user.username, &user.name])?;
            let shown = generated.then(|| pw.expose().to_owned());
            let hash = password::hash_blocking(&pw).map_err(|e| anyhow!("cannot hash: {e}"))?;
            users::set_password(&mut tx, user.service_id, user.id, &hash).await?;
            let event = AuditEvent::new(
                None,
                AuditAction::PasswordChanged,
                format!("user:{username}"),
            )
            .with_detail("command line");
            store.audit(&mut tx, Some(user.service_id), &event).await?;
            tx.commit().await?;
            println!("Set a new password for {username}.");
            if let Some(pw) = shown {
                println!("Password: {pw}");
            }
        }
        UserCommand::Disable { username } => {
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            users::set_disabled(&mut tx, user.service_id, user.id, true).await?;
            let event =
                AuditEvent::new(None, AuditAction::UserDisabled, format!("user:{username}"))
                    .with_detail("command line");
            store.audit(&mut tx, Some(user.service_id), &event).await?;
            tx.commit().await?;
            println!("Disabled {username}; their sessions have ended.");
        }
        UserCommand::SetRole { username, role } => {
            let role: Role = role.parse()?;
            let mut tx = store.begin().await?;
            let user = find(&mut tx, &username).await?;
            users::set_role(&mut tx, user.service_id, user.id, role).await?;
            let event = AuditEvent::new(None, AuditAction::RoleChanged, format!("user:{username}"))
                .with_detail(format!("{} -> {role}; command line", user.role));
            store.audit(&mut tx, Some(user.service_id), &event).await?;
            tx.commit().await?;
            println!("{username} is now {role}.");
        }
        UserCommand::List { service } => {
            let mut conn = store.conn().await?;
            let svc = services::find_by_slug(&mut conn, &service)
                .await?
                .with_context(|| format!("no service with slug {service:?}"))?;
            for u in users::list(&mut conn, svc.id).await? {
                let state = if u.disabled { "disabled" } else { "active" };
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
