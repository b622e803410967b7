//! `gatelangs keys rotate`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use gatelangs_domain::{AuditAction, AuditEvent};
use gatelangs_storage::{FieldKeys, Store, rekey};

/// Adds a key line to the key file, re-seals everything under it in one transaction, and only
/// then makes the new file the key file. If the transaction fails, the old file still holds
/// every key the database uses.
pub async fn rotate(store: &Store, key_file: &Path) -> anyhow::Result<ExitCode> {
    if std::env::var("GATELANGS_DATA_KEYS").is_ok_and(|v| !v.trim().is_empty()) {
        bail!(
            "the data keys come from GATELANGS_DATA_KEYS: add a new `KEYID HEX64` line there \
             (e.g. from a key file) and run `keys rotate` with a key file, or rotate through a key file"
        );
    }
    let old = std::fs::read_to_string(key_file)
        .with_context(|| format!("cannot read the data keys {}", key_file.display()))?;
    let id = FieldKeys::new_key_id();
    let new_text = format!("{}\n{}\n", old.trim_end(), FieldKeys::new_key_line(&id));
    let keys = FieldKeys::parse(&new_text)?;
    let rotated = store.with_field_keys(keys);
    let pending = key_file.with_extension("keys.new");
    std::fs::write(&pending, &new_text)
        .with_context(|| format!("cannot write {}", pending.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pending, std::fs::Permissions::from_mode(0o600))?;
    }
    let mut tx = rotated.begin().await?;
    let count = rekey::rotate(&mut tx, rotated.field_keys()).await?;
    rotated
        .audit(
            &mut tx,
            None,
            &AuditEvent::new(None, AuditAction::KeysRotated, format!("key:{id}"))
                .with_detail(format!("{count} values re-sealed")),
        )
        .await?;
    tx.commit().await?;
    std::fs::rename(&pending, key_file).with_context(|| {
        format!(
            "the database now uses the new key, but {} could not replace {}: move it there by hand",
            pending.display(),
            key_file.display()
        )
    })?;
    println!(
        "Rotated to data key {id}: {count} values re-encrypted. Keep the older key lines in {} \
         while backups made before now may be restored.",
        key_file.display()
    );
    Ok(ExitCode::SUCCESS)
}
