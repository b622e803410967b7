//! The binary run as an operator runs it, shared by the command-line tests.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// One installation: a data folder (keys, and the SQLite file unless `db` is given).
pub struct Install {
    pub dir: tempfile::TempDir,
    pub db: Option<String>,
}

impl Install {
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gatelangs"));
        cmd.args(args)
            .env("GATELANGS_DATA_DIR", self.dir.path())
            .env_remove("GATELANGS_DATABASE_URL")
            .env_remove("GATELANGS_AUDIT_KEY_FILE")
            .env_remove("GATELANGS_DATA_KEY_FILE")
            .env_remove("GATELANGS_DATA_KEYS")
            .env("GATELANGS_LOG", "warn");
        if let Some(db) = &self.db {
            cmd.env("GATELANGS_DATABASE_URL", db);
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).stdin(Stdio::null()).output().unwrap()
    }

    pub fn url(&self) -> String {
        self.db.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}",
                self.dir.path().join("gatelangs.db").display()
            )
        })
    }

    /// A new installation with this one's keys, as an operator restores them.
    pub fn sibling(&self, db: Option<String>) -> Install {
        let dir = tempfile::tempdir().unwrap();
        for key in ["audit.key", "data.keys"] {
            std::fs::copy(self.dir.path().join(key), dir.path().join(key)).unwrap();
        }
        Install { dir, db }
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
