//! The leader's prose of a report year (foreword, mandate, history). A live value
//! (`{{ field_contacts.total }}`) must name a figure of that year's report, checked when the
//! text is saved, so a typo is named then rather than printed in March.

use gatelangs_report::prose::{KINDS, MAX_CHARS, Prose, fill};
use gatelangs_storage::{Store, now, report_texts, services};

use crate::capabilities::ReportWriter;
use crate::error::{Error, Result};

/// Saves the year's three texts; `Ok(Err(paths))` names the live values that are no figure of
/// the year's report, and nothing is saved.
pub async fn save(
    store: &Store,
    writer: &ReportWriter,
    year: i32,
    prose: &Prose,
) -> Result<std::result::Result<(), Vec<String>>> {
    if !gatelangs_report::valid_year(year) {
        return Err(Error::Invalid("report-bad-year"));
    }
    if KINDS
        .iter()
        .any(|k| prose.get(k).chars().count() > MAX_CHARS)
    {
        return Err(Error::Invalid("report-texts-error-long"));
    }
    let mut tx = store.begin().await?;
    let service = services::get(&mut tx, writer.service()).await?;
    let report = gatelangs_report::build(&mut tx, &service, year).await?;
    let value = serde_json::to_value(&report)
        .map_err(|e| Error::Store(gatelangs_storage::StoreError::Corrupt(e.to_string())))?;
    let unknown: Vec<String> = KINDS
        .iter()
        .flat_map(|k| fill(prose.get(k), &value).1)
        .collect();
    if !unknown.is_empty() {
        return Ok(Err(unknown));
    }
    let at = now();
    for kind in KINDS {
        report_texts::save(
            &mut tx,
            writer.service(),
            year,
            kind,
            prose.get(kind).trim(),
            writer.user(),
            at,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// The largest logo taken: a logo, not a photograph.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The image type of `bytes` by their first bytes: PNG or JPEG, which every format can show.
fn logo_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Sets the service's logo for its report documents (`None` removes it). Only PNG and JPEG up
/// to [`MAX_LOGO_BYTES`] are taken, recognised by their content, not their name, and only one
/// the PDF's typesetter can draw.
pub async fn set_logo(store: &Store, writer: &ReportWriter, bytes: Option<&[u8]>) -> Result<()> {
    let logo = match bytes {
        None => None,
        Some(b) if b.len() > MAX_LOGO_BYTES => {
            return Err(Error::Invalid("report-logo-error-size"));
        }
        Some(b) => {
            let media_type = logo_media_type(b).ok_or(Error::Invalid("report-logo-error-type"))?;
            if !gatelangs_report::typeset::image_draws(b) {
                return Err(Error::Invalid("report-logo-error-type"));
            }
            Some(gatelangs_storage::logos::Logo {
                media_type: media_type.to_owned(),
                bytes: b.to_vec(),
            })
        }
    };
    let mut tx = store.begin().await?;
    gatelangs_storage::logos::set(&mut tx, writer.service(), logo.as_ref(), now()).await?;
    tx.commit().await?;
    Ok(())
}
