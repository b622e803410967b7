//! `gatelangs export --service SLUG [--year Y] PATH`.

use std::path::Path;
use std::process::ExitCode;

use gatelangs_storage::Store;

pub async fn run(
    store: &Store,
    service: &str,
    year: Option<i32>,
    path: &Path,
) -> anyhow::Result<ExitCode> {
    let files = gatelangs_interchange::export(store, service, year, path, None).await?;
    for (file, rows) in files {
        println!("{file}: {rows} rows");
    }
    println!("Wrote {}.", path.display());
    Ok(ExitCode::SUCCESS)
}
