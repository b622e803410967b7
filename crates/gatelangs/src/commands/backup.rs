//! `gatelangs backup PATH` and `gatelangs restore PATH` (interchange.md's CLI words).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use gatelangs_storage::backup;
use gatelangs_storage::redact;

use crate::cli::Cli;
use crate::settings::{audit_key_path, data_dir, data_key_path, database_url};

pub async fn backup(cli: &Cli, path: &Path) -> anyhow::Result<ExitCode> {
    let url = database_url(cli, &data_dir(cli))?;
    let bytes = backup::backup(&url, path)
        .await
        .with_context(|| format!("no backup of {} was written", redact(&url)))?;
    println!(
        "Backup of {} written to {} ({bytes} bytes).\n\
         The keys are not in it. Keep them apart from the backup, and restore them with it:\n  \
         the audit key   {}\n  the data keys   {}",
        redact(&url),
        path.display(),
        audit_key_path(cli, &data_dir(cli)).display(),
        data_key_path(cli).display(),
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(cli: &Cli, path: &Path) -> anyhow::Result<ExitCode> {
    let url = database_url(cli, &data_dir(cli))?;
    backup::restore(&url, path)
        .await
        .with_context(|| format!("{} was not restored into {}", path.display(), redact(&url)))?;
    println!(
        "Restored {} into {}.\n\
         Before starting Gatelangs, put back the keys kept apart from the backup:\n  \
         the audit key   {}\n  the data keys   {}\n\
         Then `gatelangs audit verify` checks the restored audit log.",
        path.display(),
        redact(&url),
        audit_key_path(cli, &data_dir(cli)).display(),
        data_key_path(cli).display(),
    );
    Ok(ExitCode::SUCCESS)
}
