//! `gatelangs import --service SLUG PATH`.

use std::path::Path;
use std::process::ExitCode;

use gatelangs_interchange::{ImportError, import, read_bundle};
use gatelangs_storage::Store;

pub async fn run(store: &Store, service: &str, path: &Path) -> anyhow::Result<ExitCode> {
    let bundle = match read_bundle(path) {
        Ok(b) => b,
        Err(problem) => {
            eprintln!("{problem}");
            return Ok(ExitCode::from(1));
        }
    };
    match import(store, service, &bundle, None).await {
        Ok(summary) => {
            if summary.service_created {
                println!("Created service {service}.");
            }
            for (file, created, unchanged) in &summary.files {
                println!("{file}: {created} new, {unchanged} already present");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("{} problem(s); nothing was imported.", problems.len());
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}
