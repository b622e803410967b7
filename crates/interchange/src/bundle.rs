//! Reading a bundle from a folder or a .zip into memory.

use std::io::Read;
use std::path::Path;

use crate::Problem;

/// The CSV files of a bundle, by file name.
#[derive(Debug, Default)]
pub struct Bundle {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Bundle {
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }
}

fn problem(path: &Path, message: impl Into<String>) -> Problem {
    Problem::new(&path.display().to_string(), 1, "file", message)
}

/// Reads the `.csv` files at the top of a folder, or anywhere in a .zip (by their file name).
/// Other files are left alone.
pub fn read_bundle(path: &Path) -> Result<Bundle, Problem> {
    let mut bundle = Bundle::default();
    if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|e| problem(path, format!("cannot read the folder: {e}")))?;
        for entry in entries {
            let entry = entry.map_err(|e| problem(path, format!("cannot read the folder: {e}")))?;
            let file = entry.path();
            let Some(name) = file.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
                continue;
            };
            if file.is_file() && name.to_ascii_lowercase().ends_with(".csv") {
                let bytes = std::fs::read(&file)
                    .map_err(|e| problem(&file, format!("cannot read: {e}")))?;
                bundle.files.push((name, bytes));
            }
        }
    } else {
        let file =
            std::fs::File::open(path).map_err(|e| problem(path, format!("cannot open: {e}")))?;
        bundle = read_zip(file, &path.display().to_string())?;
    }
    bundle.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(bundle)
}

/// Reads the `.csv` files of a .zip (an upload, or a file); `label` names it in problems.
pub fn read_zip<R: Read + std::io::Seek>(reader: R, label: &str) -> Result<Bundle, Problem> {
    let fail = |message: String| Problem::new(label, 1, "file", message);
    let mut zip =
        zip::ZipArchive::new(reader).map_err(|e| fail(format!("not a readable .zip file: {e}")))?;
    let mut bundle = Bundle::default();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| fail(format!("broken .zip entry: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let full = entry.name().replace('\\', "/");
        let name = full.rsplit('/').next().unwrap_or_default().to_owned();
        if name.starts_with("._") || !name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let mut bytes = vec![];
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("cannot unpack {full}: {e}")))?;
        bundle.files.push((name, bytes));
    }
    bundle.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(bundle)
}
