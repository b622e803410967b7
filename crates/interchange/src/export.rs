//! Writing a service's records as a bundle (a folder, or a .zip when the path ends in .zip).

use std::io::Write;
use std::path::Path;

use gatelangs_domain::{AuditAction, AuditEvent, UserId};
use gatelangs_storage::{Store, StoreError, contacts, counterparts, places, services, users};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no service with slug {0:?}")]
    NoService(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write the .zip file: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// A use case refused to hand over what was asked for.
    #[error("the export was refused: {0}")]
    Refused(String),
}

impl From<gatelangs_app::Error> for ExportError {
    fn from(e: gatelangs_app::Error) -> Self {
        match e {
            gatelangs_app::Error::Store(e) => ExportError::Store(e),
            other => ExportError::Refused(other.to_string()),
        }
    }
}

impl From<gatelangs_storage::DbError> for ExportError {
    fn from(e: gatelangs_storage::DbError) -> Self {
        ExportError::Store(e.into())
    }
}

fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(header)?;
    for row in rows {
        w.write_record(row)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Csv(csv::Error::from(e.into_error())))
}

fn opt_f64(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// Exports the service `slug` (contacts of `year` only, when given) to `path`; returns the
/// files written with their row counts.
pub async fn export(
    store: &Store,
    slug: &str,
    year: Option<i32>,
    path: &Path,
    actor: Option<UserId>,
) -> Result<Vec<(String, usize)>, ExportError> {
    export_with(store, slug, year, actor, |files| write_files(path, files)).await
}

/// Exports the service `slug` as the bytes of a .zip bundle (a download).
pub async fn export_zip(
    store: &Store,
    slug: &str,
    year: Option<i32>,
    actor: Option<UserId>,
) -> Result<Vec<u8>, ExportError> {
    let mut out = std::io::Cursor::new(vec![]);
    export_with(store, slug, year, actor, |files| write_zip(&mut out, files)).await?;
    Ok(out.into_inner())
}

type Files<'a> = [(&'a str, Vec<u8>, usize)];

/// Collects the files, hands them to `write`, and logs the export in the same transaction.
async fn export_with(
    store: &Store,
    slug: &str,
    year: Option<i32>,
    actor: Option<UserId>,
    write: impl FnOnce(&Files<'_>) -> Result<(), ExportError>,
) -> Result<Vec<(String, usize)>, ExportError> {
    let mut tx = store.begin().await?;
    let service = services::find_by_slug(&mut tx, slug)
        .await?
        .ok_or_else(|| ExportError::NoService(slug.to_owned()))?;
    let tz = service.tz();
    let mut files: Vec<(&str, Vec<u8>, usize)> = vec![];

    let rows: Vec<Vec<String>> = counterparts::list(&mut tx, service.id)
        .await?
        .into_iter()
        .map(|c| vec![c.id.to_string(), c.code, c.name])
        .collect();
    files.push((
        "services.csv",
        csv_bytes(&["id", "code", "name"], rows.clone())?,
        rows.len(),
    ));

    let rows: Vec<Vec<String>> = users::list(&mut tx, service.id)
        .await?
        .into_iter()
        .map(|u| vec![u.id.to_string(), u.username, u.name, u.role.to_string()])
        .collect();
    files.push((
        "staff.csv",
        csv_bytes(&["id", "username", "name", "role"], rows.clone())?,
        rows.len(),
    ));

    let rows: Vec<Vec<String>> = places::list_places(&mut tx, service.id)
        .await?
        .into_iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                p.district_name,
                p.name,
                p.kind.to_string(),
                p.school_level.map(|l| l.to_string()).unwrap_or_default(),
                opt_f64(p.lat),
                opt_f64(p.lon),
            ]
        })
        .collect();
    let header = [
        "id",
        "district",
        "place",
        "kind",
        "school_level",
        "lat",
        "lon",
    ];
    files.push(("places.csv", csv_bytes(&header, rows.clone())?, rows.len()));

    let rows: Vec<Vec<String>> = contacts::all(&mut tx, service.id, year)
        .await?
        .into_iter()
        .map(|c| {
            let local = jiff::Timestamp::from_second(c.occurred_at)
                .map(|t| {
                    t.to_zoned(tz.clone())
                        .datetime()
                        .strftime("%Y-%m-%dT%H:%M")
                        .to_string()
                })
                .unwrap_or_default();
            vec![
                c.id.to_string(),
                local,
                c.place_name,
                c.channel.to_string(),
                c.age_group.to_string(),
                c.gender.to_string(),
                c.count.to_string(),
                c.staff_username.unwrap_or_default(),
                c.topics,
            ]
        })
        .collect();
    let header = [
        "id",
        "occurred_at",
        "place",
        "channel",
        "age_group",
        "gender",
        "count",
        "staff",
        "topics",
    ];
    files.push((
        "contacts.csv",
        csv_bytes(&header, rows.clone())?,
        rows.len(),
    ));

    let (youth_files, exported_youths) =
        crate::export_youth::files(&mut tx, store, &service, year, actor).await?;
    let sharing_files = crate::export_sharing::files(&mut tx, store, &service, year).await?;
    let group_files = crate::export_groups::files(&mut tx, store, &service, year).await?;
    let staffing_files = crate::export_staffing::files(&mut tx, &service, year).await?;
    for (name, header, rows) in youth_files
        .into_iter()
        .chain(sharing_files)
        .chain(group_files)
        .chain(staffing_files)
    {
        files.push((name, csv_bytes(&header, rows.clone())?, rows.len()));
    }

    write(&files)?;
    for youth in exported_youths {
        let event = AuditEvent::new(
            actor,
            AuditAction::PersonalData {
                access: gatelangs_domain::PersonalDataAccess::Export,
                basis: gatelangs_domain::AccessBasis::Administration,
            },
            format!("youth:{youth}"),
        )
        .with_detail("bundle export");
        store.audit(&mut tx, Some(service.id), &event).await?;
    }
    let summary: Vec<(String, usize)> = files
        .iter()
        .map(|(n, _, c)| ((*n).to_owned(), *c))
        .collect();
    let detail = summary
        .iter()
        .map(|(f, n)| format!("{f}: {n}"))
        .collect::<Vec<_>>()
        .join("; ");
    let event = AuditEvent::new(
        actor,
        AuditAction::DataExported,
        format!("service:{}", service.slug),
    )
    .with_detail(detail);
    store.audit(&mut tx, Some(service.id), &event).await?;
    tx.commit().await?;
    Ok(summary)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn write_zip<W: Write + std::io::Seek>(writer: W, files: &Files<'_>) -> Result<(), ExportError> {
    let mut zip = zip::ZipWriter::new(writer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes, _) in files {
        zip.start_file(*name, options)?;
        zip.write_all(bytes).map_err(|source| ExportError::Io {
            path: (*name).to_owned(),
            source,
        })?;
    }
    zip.finish()?;
    Ok(())
}

fn write_files(path: &Path, files: &Files<'_>) -> Result<(), ExportError> {
    let is_zip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if is_zip {
        let file = std::fs::File::create(path).map_err(io(path))?;
        write_zip(file, files)?;
    } else {
        std::fs::create_dir_all(path).map_err(io(path))?;
        for (name, bytes, _) in files {
            let file = path.join(name);
            std::fs::write(&file, bytes).map_err(io(&file))?;
        }
    }
    Ok(())
}
