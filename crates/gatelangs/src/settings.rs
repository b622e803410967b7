//! Where the data lives: the default data folder, the database URL and the audit key.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use gatelangs_storage::{AuditKey, FieldKeys, Store, redact};

use crate::cli::Cli;

/// `$GATELANGS_DATA_DIR`, else `$XDG_DATA_HOME/gatelangs`, else `~/.local/share/gatelangs`.
pub fn data_dir(cli: &Cli) -> PathBuf {
    if let Some(dir) = &cli.data_dir {
        return dir.clone();
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("gatelangs");
    }
    match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        Some(home) => PathBuf::from(home).join(".local/share/gatelangs"),
        None => PathBuf::from("gatelangs-data"),
    }
}

pub fn database_url(cli: &Cli, data_dir: &Path) -> anyhow::Result<String> {
    if let Some(url) = cli.db.as_deref().filter(|u| !u.is_empty()) {
        return Ok(url.to_owned());
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
    Ok(format!(
        "sqlite://{}",
        data_dir.join("gatelangs.db").display()
    ))
}

/// Reads the audit key, creating a new random one (readable by the owner only) on first use.
fn audit_key(cli: &Cli, data_dir: &Path) -> anyhow::Result<AuditKey> {
    let path = audit_key_path(cli, data_dir);
    if !path.exists() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut bytes = [0_u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        write_private(&path, &hex::encode(bytes))?;
        eprintln!(
            "Created a new audit-log key in {} — back it up with the database.",
            path.display()
        );
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the audit key {}", path.display()))?;
    let bytes = hex::decode(text.trim())
        .with_context(|| format!("{}: the audit key must be hex", path.display()))?;
    if bytes.len() < 32 {
        bail!(
            "{}: the audit key must hold at least 64 hex characters",
            path.display()
        );
    }
    Ok(AuditKey::new(bytes)?)
}

/// `--audit-key-file`, else `audit.key` in the data folder.
pub fn audit_key_path(cli: &Cli, data_dir: &Path) -> PathBuf {
    cli.audit_key_file
        .clone()
        .unwrap_or_else(|| data_dir.join("audit.key"))
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot create {}", path.display()))
}

/// The data keys: `GATELANGS_DATA_KEYS`, else the key file (created with one random key on
/// first use, readable by the owner only).
pub fn field_keys(cli: &Cli) -> anyhow::Result<FieldKeys> {
    if let Ok(lines) = std::env::var("GATELANGS_DATA_KEYS")
        && !lines.trim().is_empty()
    {
        let keys = FieldKeys::parse(&lines.replace(',', "\n"))
            .context("GATELANGS_DATA_KEYS holds no valid data key")?;
        return Ok(keys);
    }
    let path = data_key_path(cli);
    if !path.exists() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let line = FieldKeys::new_key_line(&FieldKeys::new_key_id());
        write_private(
            &path,
            &format!(
                "# Gatelangs data keys: the last line is current. Back this file up apart from the database.\n{line}\n"
            ),
        )?;
        eprintln!(
            "Created a new data-encryption key in {} — back it up apart from the database.",
            path.display()
        );
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the data keys {}", path.display()))?;
    let keys = FieldKeys::parse(&text).with_context(|| format!("{}", path.display()))?;
    Ok(keys)
}

pub fn data_key_path(cli: &Cli) -> PathBuf {
    cli.data_key_file
        .clone()
        .unwrap_or_else(|| data_dir(cli).join("data.keys"))
}

/// Opens the database named on the command line and brings its schema up to date.
pub async fn open_store(cli: &Cli) -> anyhow::Result<Store> {
    let dir = data_dir(cli);
    let url = database_url(cli, &dir)?;
    let key = audit_key(cli, &dir)?;
    let field_keys = field_keys(cli)?;
    let store = Store::connect(&url, key, field_keys)
        .await
        .with_context(|| format!("cannot open the database {}", redact(&url)))?;
    store
        .migrate()
        .await
        .context("cannot bring the database schema up to date")?;
    let missing = {
        let mut conn = store.conn().await?;
        gatelangs_storage::rekey::missing_key(&mut conn, store.field_keys()).await?
    };
    if let Some((column, id)) = missing {
        bail!(
            "the data keys hold no key {id:?}, which sealed values in {column} need: put back the \
             data-key file kept apart from the database's backups ({}), or set GATELANGS_DATA_KEYS \
             to its lines; nothing was started",
            data_key_path(cli).display()
        );
    }
    Ok(store)
}
