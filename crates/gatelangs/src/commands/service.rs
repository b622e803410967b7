//! `gatelangs service add|list|set`.

use std::process::ExitCode;

use anyhow::{Context, anyhow};
use gatelangs_domain::{
    AuditAction, AuditEvent, MunicipalityNumber, ServiceName, ServiceSlug, ServiceTimeZone,
};
use gatelangs_storage::services::NewService;
use gatelangs_storage::{Store, StoreError, services};

use crate::cli::ServiceCommand;

pub async fn run(store: &Store, cmd: ServiceCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ServiceCommand::Add {
            slug,
            name,
            municipality,
            time_zone,
            no_two_factor,
        } => {
            let new = NewService {
                slug: ServiceSlug::parse(&slug)?,
                name: ServiceName::parse(&name)?,
                municipality: municipality
                    .as_deref()
                    .map(MunicipalityNumber::parse)
                    .transpose()?,
                time_zone: ServiceTimeZone::parse(&time_zone)?,
                require_two_factor: !no_two_factor,
                is_demo: false,
            };
            let mut tx = store.begin().await?;
            let service = match services::create(&mut tx, &new).await {
                Err(StoreError::Conflict) => {
                    return Err(anyhow!("a service with slug {slug:?} already exists"));
                }
                other => other?,
            };
            gatelangs_storage::counterparts::seed_defaults(&mut tx, service.id).await?;
            let event = AuditEvent::new(
                None,
                AuditAction::ServiceCreated,
                format!("service:{}", service.slug),
            )
            .with_detail("command line");
            store.audit(&mut tx, Some(service.id), &event).await?;
            tx.commit().await?;
            println!(
                "Created service {} ({}), time zone {}.",
                service.slug, service.name, service.time_zone
            );
        }
        ServiceCommand::List => {
            let mut conn = store.conn().await?;
            for s in services::list(&mut conn).await? {
                let two_factor = if s.require_two_factor {
                    "two-factor required"
                } else {
                    "two-factor optional"
                };
                println!(
                    "{}\t{}\t{}\t{}",
                    s.slug,
                    s.name,
                    s.municipality.unwrap_or_default(),
                    two_factor
                );
            }
        }
        ServiceCommand::Set {
            slug,
            name,
            require_two_factor,
        } => {
            let mut tx = store.begin().await?;
            let service = services::find_by_slug(&mut tx, &slug)
                .await?
                .with_context(|| format!("no service with slug {slug:?}"))?;
            let name = ServiceName::parse(name.as_deref().unwrap_or(&service.name))?;
            let require = require_two_factor.unwrap_or(service.require_two_factor);
            let updated = services::update(&mut tx, service.id, &name, require).await?;
            let event =
                AuditEvent::new(None, AuditAction::ServiceChanged, format!("service:{slug}"))
                    .with_detail(format!(
                        "name={}; require_two_factor={}",
                        updated.name, updated.require_two_factor
                    ));
            store.audit(&mut tx, Some(service.id), &event).await?;
            tx.commit().await?;
            println!("Updated service {slug}.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
