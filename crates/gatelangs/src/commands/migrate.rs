//! `gatelangs migrate`: the schema is brought up to date when the store opens; this says so.

use std::process::ExitCode;

use gatelangs_storage::{Backend, Store};

pub async fn run(store: &Store) -> anyhow::Result<ExitCode> {
    let backend = match store.backend() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    println!("The {backend} database is up to date.");
    Ok(ExitCode::SUCCESS)
}
