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
