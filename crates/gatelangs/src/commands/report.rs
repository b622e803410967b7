//! `gatelangs report annual --service SLUG --year Y --format json|html|pdf|xlsx|csv [--public]
//! [-o FILE]`: every format renders the same report (and the public variant the same hidden
//! cells); without `-o` the document goes to standard output.

use std::process::ExitCode;

use anyhow::{Context, bail};
use gatelangs_storage::{Store, services};

use gatelangs_report::render::{Format, annual};

use crate::cli::{ReportCommand, ReportFormat};

pub async fn run(store: &Store, cmd: ReportCommand) -> anyhow::Result<ExitCode> {
    let ReportCommand::Annual {
        service,
        year,
        format,
        public,
        output,
    } = cmd;
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
    drop(conn);
    let (report, companions) = if matches!(format, ReportFormat::Json) {
        let mut conn = store.read_conn().await?;
        let report = gatelangs_report::build(&mut conn, &svc, year).await?;
        (report, gatelangs_report::companions::Companions::default())
    } else {
        gatelangs_report::companions::with_report(store, &svc, year).await?
    };
    let format = match format {
        ReportFormat::Json => Format::Json,
        ReportFormat::Html => Format::Html,
        ReportFormat::Pdf => Format::Pdf,
        ReportFormat::Xlsx => Format::Xlsx,
        ReportFormat::Csv => Format::Csv,
    };
    let bytes =
        annual(&report, &companions, public, &svc.name, format).map_err(|e| anyhow::anyhow!(e))?;
    match output {
        Some(path) => std::fs::write(&path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
