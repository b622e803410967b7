//! `gatelangs audit verify [--checkpoint V]` and `gatelangs audit checkpoint`.

use std::process::ExitCode;

use gatelangs_storage::{Store, audit};

use crate::cli::AuditCommand;

pub async fn run(store: &Store, cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AuditCommand::Checkpoint => {
            let mut conn = store.conn().await?;
            println!("{}", audit::checkpoint(&mut conn).await?);
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Verify { checkpoint } => {
            let mut conn = store.conn().await?;
            let v = audit::verify(&mut conn, store.audit_key(), checkpoint.as_deref()).await?;
            match v.first_broken {
                None => {
                    println!(
                        "The audit log is intact: {} entries checked.",
                        v.entries_checked
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Some(broken) => {
                    println!(
                        "The audit log is broken at entry {}: {} ({} entries before it are intact).",
                        broken.seq, broken.problem, v.entries_checked
                    );
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}
