//! The demo service: one user per role with fresh passwords, two-factor off, so a newcomer can
//! look around at once. Running it again gives new passwords (only hashes are stored).

use anyhow::anyhow;
use gatelangs_domain::{
    AuditAction, AuditEvent, DisplayName, MunicipalityNumber, NewPassword, Role, ServiceName,
    ServiceSlug, ServiceTimeZone, Username,
};
use gatelangs_storage::services::NewService;
use gatelangs_storage::users::{self, NewUser};
use gatelangs_storage::{Store, services};
use gatelangs_web::auth::password;

/// The demo is the reference team itself, so its report can be checked against the reference
/// figures (`shared/fixtures/out-lillestrom-2024.expected.json`).
pub const DEMO_SLUG: &str = "out-lillestrom";

const DEMO_USERS: [(&str, &str, Role); 4] = [
    ("demo-feltarbeider", "Frida Feltarbeider", Role::FieldWorker),
    ("demo-leder", "Leif Leder", Role::Leader),
    ("demo-admin", "Ada Administrator", Role::Admin),
    ("demo-analytiker", "Anna Analytiker", Role::Analyst),
];

pub struct DemoLogin {
    pub username: &'static str,
    pub role: Role,
    pub password: String,
}

pub async fn ensure(store: &Store) -> anyhow::Result<Vec<DemoLogin>> {
    let mut tx = store.begin().await?;
    let service = match services::find_by_slug(&mut tx, DEMO_SLUG).await? {
        Some(s) if s.is_demo => s,
        Some(_) => {
            return Err(anyhow!(
                "a real service with the slug {DEMO_SLUG} exists; the demo never touches it (use another database for the demo)"
            ));
        }
        None => {
            let new = NewService {
                slug: ServiceSlug::parse(DEMO_SLUG)?,
                name: ServiceName::parse("Oppsøkende ungdomsteam (demo)")?,
                municipality: Some(MunicipalityNumber::parse("3205")?),
                time_zone: ServiceTimeZone::oslo(),
                require_two_factor: false,
                is_demo: true,
            };
            let s = services::create(&mut tx, &new).await?;
            let event = AuditEvent::new(
                None,
                AuditAction::ServiceCreated,
                format!("service:{DEMO_SLUG}"),
            )
            .with_detail("demo");
            store.audit(&mut tx, Some(s.id), &event).await?;
            s
        }
    };
    let mut logins = vec![];
    for (username, name, role) in DEMO_USERS {
        let pw = NewPassword::parse(&password::generate(), &[])?;
        let shown = pw.expose().to_owned();
        let hash = password::hash_blocking(&pw).map_err(|e| anyhow!("cannot hash: {e}"))?;
        match users::find_by_username(&mut tx, username).await? {
            Some(existing) if existing.service_id == service.id => {
                users::set_password(&mut tx, service.id, existing.id, &hash).await?;
                let event = AuditEvent::new(
                    None,
                    AuditAction::PasswordChanged,
                    format!("user:{username}"),
                )
                .with_detail("demo");
                store.audit(&mut tx, Some(service.id), &event).await?;
            }
            Some(_) => {
                return Err(anyhow!(
                    "the username {username} belongs to another service"
                ));
            }
            None => {
                let username_parsed = Username::parse(username)?;
                let name = DisplayName::parse(name)?;
                let new = NewUser {
                    service: service.id,
                    username: &username_parsed,
                    name: &name,
                    role,
                    password_hash: Some(hash),
                };
                gatelangs_app::users::create(
                    &mut tx,
                    store,
                    &new,
                    None,
                    gatelangs_app::users::CreatedBy::Operator,
                    "demo",
                )
                .await?;
            }
        }
        logins.push(DemoLogin {
            username,
            role,
            password: shown,
        });
    }
    let worker = users::find_by_username(&mut tx, DEMO_USERS[0].0)
        .await?
        .ok_or_else(|| anyhow!("the demo field worker is missing"))?;
    crate::demo_data::populate(&mut tx, service.id, &service.tz(), worker.id).await?;
    crate::demo_youths::populate(&mut tx, store, service.id, &service.tz(), worker.id).await?;
    crate::demo_sharing::populate(&mut tx, store.field_keys(), service.id, worker.id).await?;
    crate::demo_groups::populate(&mut tx, store, service.id, worker.id).await?;
    crate::demo_staffing::populate(&mut tx, store, service.id, &service.tz(), worker.id).await?;
    tx.commit().await?;
    Ok(logins)
}

/// Prints the demo logins.
pub fn print_logins(logins: &[DemoLogin], login_url: &str) {
    println!("Demo service \"{DEMO_SLUG}\" is ready. Log in at {login_url} as:");
    for login in logins {
        println!(
            "  {:<20} {:<14} password: {}",
            login.username,
            login.role.as_str(),
            login.password
        );
    }
    println!(
        "(Two-factor login is off in the demo service. New passwords are made at every start.)"
    );
}

/// `gatelangs demo`.
pub async fn run(store: &Store) -> anyhow::Result<std::process::ExitCode> {
    let logins = ensure(store).await?;
    print_logins(&logins, "the address `gatelangs serve` prints");
    Ok(std::process::ExitCode::SUCCESS)
}
