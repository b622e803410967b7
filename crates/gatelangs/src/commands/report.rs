//! `gatelangs report annual --service SLUG --year Y --format json|html|pdf|xlsx|csv [--public]
//! [-o FILE]`: every format renders the same report (and the public variant the same hidden
//! cells); without `-o` the document goes to standard output.

use std::process::ExitCode;

use anyhow::{Context, bail};
use gatelangs_storage::{Store, services};

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
    let report = gatelangs_report::build(&mut conn, &svc, year).await?;
    let value = if public {
        gatelangs_report::public::public(&report)?
    } else {
        serde_json::to_value(&report)?
    };
    let document = || gatelangs_report::document::document(&value, &svc.name);
    let bytes: Vec<u8> = match format {
        ReportFormat::Json => (serde_json::to_string_pretty(&value)? + "\n").into_bytes(),
        ReportFormat::Html => gatelangs_report::render::html(&document())?.into_bytes(),
        ReportFormat::Pdf => gatelangs_report::render::pdf(&document())
            .map_err(|e| anyhow::anyhow!("the PDF could not be typeset: {e}"))?,
        ReportFormat::Xlsx => gatelangs_report::render::xlsx(&document())?,
        ReportFormat::Csv => gatelangs_report::render::csv_zip(&document())
            .map_err(|e| anyhow::anyhow!("the CSV files could not be written: {e}"))?,
    };
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
