//! A backup of the whole database while the server runs, and its restore into an empty
//! database (decision 28).
//!
//! SQLite writes a consistent copy with `VACUUM INTO`: one read transaction, so the server's
//! writers go on, and everything committed before it began is in the copy. PostgreSQL uses its
//! own tools of the server's version, `pg_dump` (one snapshot) and `pg_restore` (one
//! transaction). The keys are files beside the database and are never in a backup.

use std::path::{Path, PathBuf};
use std::process::Command;

use sqlx::{AnyConnection, Connection};

/// What a backup file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// A SQLite database file (`SQLite format 3`).
    Sqlite,
    /// A `pg_dump` archive in the custom format (`PGDMP`).
    PostgresDump,
}

impl BackupKind {
    fn name(self) -> &'static str {
        match self {
            BackupKind::Sqlite => "SQLite",
            BackupKind::PostgresDump => "PostgreSQL",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists: a backup never overwrites a file; choose a new name")]
    Exists(PathBuf),
    #[error("{0} is not a Gatelangs backup (neither a SQLite database nor a pg_dump archive)")]
    NotABackup(PathBuf),
    #[error(
        "{path} is a {found} backup, but the database is {wanted}: restore it into a {found} database"
    )]
    WrongBackend {
        path: PathBuf,
        found: &'static str,
        wanted: &'static str,
    },
    #[error(
        "the database already holds {services} service(s): restore only into an empty database (a new database, or one that has only been migrated)"
    )]
    NotEmpty { services: i64 },
    #[error("{path}: the SQLite backup is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{0} was not found: install the PostgreSQL client tools of the server's version (Debian: postgresql-client), or set GATELANGS_PG_BIN to their folder"
    )]
    ToolMissing(&'static str),
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] crate::StoreError),
}

type Result<T> = std::result::Result<T, BackupError>;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_owned(),
        source,
    }
}

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// The file of a `sqlite://FILE?…` URL.
fn sqlite_file(url: &str) -> PathBuf {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

async fn connect(url: &str) -> Result<AnyConnection> {
    sqlx::any::install_default_drivers();
    Ok(AnyConnection::connect(url)
        .await
        .map_err(crate::StoreError::from)?)
}

/// What `path` holds, by its first bytes.
pub fn kind_of(path: &Path) -> Result<BackupKind> {
    use std::io::Read;
    let mut head = [0_u8; 16];
    let mut file = std::fs::File::open(path).map_err(io(path))?;
    let n = file.read(&mut head).map_err(io(path))?;
    if head[..n].starts_with(b"SQLite format 3\0") {
        Ok(BackupKind::Sqlite)
    } else if head[..n].starts_with(b"PGDMP") {
        Ok(BackupKind::PostgresDump)
    } else {
        Err(BackupError::NotABackup(path.to_owned()))
    }
}

/// Writes a backup of the database at `url` to `path` (a new file) and returns its size.
pub async fn backup(url: &str, path: &Path) -> Result<u64> {
    if path.exists() {
        return Err(BackupError::Exists(path.to_owned()));
    }
    if is_sqlite(url) {
        let mut conn = connect(url).await?;
        sqlx::query("VACUUM INTO $1")
            .bind(path.to_string_lossy().into_owned())
            .execute(&mut conn)
            .await
            .map_err(crate::StoreError::from)?;
        conn.close().await.map_err(crate::StoreError::from)?;
    } else {
        run_tool(
            "pg_dump",
            &[
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                &path.to_string_lossy(),
                "--dbname",
                url,
            ],
        )?;
    }
    Ok(std::fs::metadata(path).map_err(io(path))?.len())
}

/// How many services the database at `url` holds (0 before the first migration).
async fn services_in(url: &str) -> Result<i64> {
    let mut conn = connect(url).await?;
    let exists: i64 = if is_sqlite(url) {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'services'",
        )
    } else {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'services'",
        )
    }
    .fetch_one(&mut conn)
    .await
    .map_err(crate::StoreError::from)?;
    let services = if exists == 0 {
        0
    } else {
        sqlx::query_scalar("SELECT COUNT(*) FROM services")
            .fetch_one(&mut conn)
            .await
            .map_err(crate::StoreError::from)?
    };
    conn.close().await.map_err(crate::StoreError::from)?;
    Ok(services)
}

/// Restores the backup at `path` into the database at `url`, which must hold no service yet
/// (new, or only migrated). The schema is brought up to date when the database is next
/// opened, so an older backup restores into a newer release.
pub async fn restore(url: &str, path: &Path) -> Result<()> {
    let kind = kind_of(path)?;
    let wanted = if is_sqlite(url) {
        BackupKind::Sqlite
    } else {
        BackupKind::PostgresDump
    };
    if kind != wanted {
        return Err(BackupError::WrongBackend {
            path: path.to_owned(),
            found: kind.name(),
            wanted: wanted.name(),
        });
    }
    let target = is_sqlite(url).then(|| sqlite_file(url));
    if target.as_ref().is_none_or(|t| t.exists()) {
        let services = services_in(url).await?;
        if services > 0 {
            return Err(BackupError::NotEmpty { services });
        }
    }
    match target {
        Some(target) => restore_sqlite(path, &target).await,
        None => run_tool(
            "pg_restore",
            &[
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                url,
                &path.to_string_lossy(),
            ],
        ),
    }
}

/// Checks the copy, then puts it in place of the (empty) database file in one rename.
async fn restore_sqlite(backup: &Path, target: &Path) -> Result<()> {
    let mut conn = connect(&format!("sqlite://{}?mode=ro", backup.display())).await?;
    let check: String = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(&mut conn)
        .await
        .map_err(crate::StoreError::from)?;
    let gatelangs: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('services', '_sqlx_migrations')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(crate::StoreError::from)?;
    conn.close().await.map_err(crate::StoreError::from)?;
    if check != "ok" {
        return Err(BackupError::Damaged {
            path: backup.to_owned(),
            detail: check,
        });
    }
    if gatelangs != 2 {
        return Err(BackupError::NotABackup(backup.to_owned()));
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let staged = target.with_extension("db.restoring");
    std::fs::copy(backup, &staged).map_err(io(&staged))?;
    std::fs::File::open(&staged)
        .and_then(|f| f.sync_all())
        .map_err(io(&staged))?;
    // A write-ahead log left by the empty database must not be replayed into the restored one.
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(&side).map_err(io(&side))?;
        }
    }
    std::fs::rename(&staged, target).map_err(io(target))?;
    Ok(())
}

/// `name` from `GATELANGS_PG_BIN`, else the `PATH`, else Debian's newest
/// `/usr/lib/postgresql/N/bin`.
fn find_tool(name: &'static str) -> Result<PathBuf> {
    let in_dir = |dir: &Path| Some(dir.join(name)).filter(|p| p.is_file());
    if let Some(dir) = std::env::var_os("GATELANGS_PG_BIN") {
        return in_dir(Path::new(&dir)).ok_or(BackupError::ToolMissing(name));
    }
    if let Some(found) = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .find_map(|d| in_dir(&d))
    {
        return Ok(found);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            Some((version, in_dir(&e.path().join("bin"))?))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, p)| p)
        .ok_or(BackupError::ToolMissing(name))
}

fn run_tool(name: &'static str, args: &[&str]) -> Result<()> {
    let tool = find_tool(name)?;
    let out = Command::new(&tool).args(args).output().map_err(io(&tool))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            tool: name,
            message: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite:///var/lib/gl/gatelangs.db?mode=rwc"),
            PathBuf::from("/var/lib/gl/gatelangs.db")
        );
        assert_eq!(sqlite_file("sqlite:data.db"), PathBuf::from("data.db"));
    }
}
