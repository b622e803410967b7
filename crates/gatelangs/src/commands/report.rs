//! `gatelangs report annual --service SLUG --year Y --format json [-o FILE]`.

use std::process::ExitCode;

use anyhow::{Context, bail};
use gatelangs_storage::{Store, services};

use crate::cli::{ReportCommand, ReportFormat};

pub async fn run(store: &Store, cmd: ReportCommand) -> anyhow::Result<ExitCode> {
    let ReportCommand::Annual {
        service,
        year,
        format,
        output,
    } = cmd;
    if format != ReportFormat::Json {
        bail!("only --format json is built so far; html, pdf, xlsx and csv will follow");
    }
    if !gatelangs_report::valid_year(year) {
        bail!(
            "--year {year}: expected a year from {} to {}",
            gatelangs_report::YEARS.start(),
            gatelangs_report::YEARS.end()
        );
    }
    let mut conn = store.conn().await?;
    let svc = services::find_by_slug(&mut conn, &service)
        .await?
        .with_context(|| format!("no service with slug {service:?}"))?;
    let report = gatelangs_report::build(&mut conn, &svc, year).await?;
    let json = serde_json::to_string_pretty(&report)?;
    match output {
        Some(path) => std::fs::write(&path, json + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => println!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}
