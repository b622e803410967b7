//! One module per subcommand.

mod audit;
mod backup;
mod demo;
mod export;
mod import;
mod keys;
mod migrate;
mod plan;
mod report;
mod serve;
mod service;
mod user;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::settings::open_store;

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // A backup or restore works on the database as it is: no migration, no new keys.
    match &cli.command {
        Command::Backup { path } => return backup::backup(&cli, path).await,
        Command::Restore { path } => return backup::restore(&cli, path).await,
        _ => {}
    }
    let store = open_store(&cli).await?;
    let key_file = crate::settings::data_key_path(&cli);
    let result = match cli.command {
        Command::Serve(args) => serve::run(&store, args).await,
        Command::Migrate => migrate::run(&store).await,
        Command::Service(cmd) => service::run(&store, cmd).await,
        Command::User(cmd) => user::run(&store, cmd).await,
        Command::Audit(cmd) => audit::run(&store, cmd).await,
        Command::Import { service, path } => import::run(&store, &service, &path).await,
        Command::Export {
            service,
            year,
            path,
        } => export::run(&store, &service, year, &path).await,
        Command::Report(cmd) => report::run(&store, cmd).await,
        Command::Plan(cmd) => plan::run(&store, cmd).await,
        Command::Demo => demo::run(&store).await,
        Command::Keys(crate::cli::KeysCommand::Rotate) => keys::rotate(&store, &key_file).await,
        Command::Backup { .. } | Command::Restore { .. } => unreachable!("handled above"),
    };
    store.close().await;
    result
}
