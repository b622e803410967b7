//! One module per subcommand.

mod audit;
mod demo;
mod migrate;
mod serve;
mod service;
mod user;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::settings::open_store;

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let store = open_store(&cli).await?;
    let result = match cli.command {
        Command::Serve(args) => serve::run(&store, args).await,
        Command::Migrate => migrate::run(&store).await,
        Command::Service(cmd) => service::run(&store, cmd).await,
        Command::User(cmd) => user::run(&store, cmd).await,
        Command::Audit(cmd) => audit::run(&store, cmd).await,
    };
    store.close().await;
    result
}
