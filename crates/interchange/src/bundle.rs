//! Reading a bundle from a folder or a .zip into memory.

use std::io::Read;
use std::path::Path;

use crate::Problem;

/// The CSV files of a bundle, by file name.
#[derive(Debug, Default)]
pub struct Bundle {
    pub files: Vec<(String, Vec<u8>)>,
    /// Where files read from a workbook's sheets came from, to name sheet rows in problems.
    pub sheets: Vec<Sheet>,
}

/// A file of the bundle that was a workbook's sheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The bundle file it stands for (`contacts.csv`).
    pub file: String,
    /// The workbook, as problems name it.
    pub workbook: String,
    /// The sheet's name.
    pub name: String,
    /// The sheet row of each line of the file (index 0 is line 1).
    pub rows: Vec<u64>,
}

impl Bundle {
    /// The problem located where its owner will look: a line of a file read from a sheet
    /// becomes that sheet's row in the workbook; other problems are left as they are.
    pub fn locate(&self, problem: Problem) -> Problem {
        let Some(sheet) = self.sheets.iter().find(|s| s.file == problem.file) else {
            return problem;
        };
        let index = usize::try_from(problem.line.saturating_sub(1)).unwrap_or(usize::MAX);
        let row = sheet
            .rows
            .get(index)
            .or(sheet.rows.last())
            .copied()
            .unwrap_or(1);
        Problem::in_sheet(
            &sheet.workbook,
            &sheet.name,
            row,
            &problem.column,
            problem.message,
        )
    }

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
        let bytes = std::fs::read(path).map_err(|e| problem(path, format!("cannot open: {e}")))?;
        bundle = read_upload(bytes, &path.display().to_string())?;
    }
    bundle.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(bundle)
}

/// Reads a bundle file of either kind: an .xlsx workbook (named in problems by its file name,
/// as a CSV file is) or a .zip of CSV files.
pub fn read_upload(bytes: Vec<u8>, label: &str) -> Result<Bundle, Problem> {
    if crate::workbook::is_workbook(&bytes) {
        let name = label.rsplit(['/', '\\']).next().unwrap_or(label);
        return crate::workbook::read_workbook(bytes, name);
    }
    read_zip(std::io::Cursor::new(bytes), label)
}

/// The most a .zip bundle may unpack to: ten years of a large service are a few tens of MB, and
/// a small upload that unpacks to gigabytes (a zip bomb) must not fill the server's memory.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// A file that unpacks to more than this many times its packed size, and is larger than
/// [`RATIO_FROM_BYTES`], is refused: real CSV packs ten to fifty times, a bomb a thousand. The
/// packed size is the one the .zip declares, so this names a bomb early and clearly; what bounds
/// memory is [`MAX_UNPACKED_BYTES`], counted as the bytes come out.
pub const MAX_PACKING_RATIO: u64 = 500;
/// Below this a file's packing ratio is not looked at (a tiny file of one repeated row is fine).
pub const RATIO_FROM_BYTES: u64 = 8 * 1024 * 1024;

/// Reads the `.csv` files of a .zip (an upload, or a file); `label` names it in problems.
pub fn read_zip<R: Read + std::io::Seek>(reader: R, label: &str) -> Result<Bundle, Problem> {
    read_zip_within(reader, label, MAX_UNPACKED_BYTES)
}

/// As [`read_zip`], refusing a .zip whose `.csv` files unpack to more than `limit` bytes. The
/// bytes are counted as they are unpacked, not taken from the sizes the .zip declares.
pub fn read_zip_within<R: Read + std::io::Seek>(
    reader: R,
    label: &str,
    limit: u64,
) -> Result<Bundle, Problem> {
    let fail = |message: String| Problem::new(label, 1, "file", message);
    let mut left = limit;
    let mut zip =
        zip::ZipArchive::new(reader).map_err(|e| fail(format!("not a readable .zip file: {e}")))?;
    let mut bundle = Bundle::default();
    // (file name, path in the .zip) of the files read so far.
    let mut paths: Vec<(String, String)> = Vec::new();
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
        // Two files of one name (in two folders, or in two spellings) would leave it to chance
        // which one is imported.
        if let Some((_, earlier)) = paths
            .iter()
            .find(|(seen, _)| seen.eq_ignore_ascii_case(&name))
        {
            return Err(fail(format!(
                "{name} is in the .zip twice ({earlier} and {full}); keep one"
            )));
        }
        paths.push((name.clone(), full.clone()));
        let packed = entry.compressed_size();
        let mut bytes = vec![];
        (&mut entry)
            .take(left + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("cannot unpack {full}: {e}")))?;
        let unpacked = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if unpacked > left {
            return Err(fail(format!(
                "the .zip unpacks to more than {} MiB of CSV files (at {full}); split the bundle by year",
                limit / (1024 * 1024)
            )));
        }
        if unpacked > RATIO_FROM_BYTES && unpacked / packed.max(1) > MAX_PACKING_RATIO {
            return Err(fail(format!(
                "{full} unpacks to more than {MAX_PACKING_RATIO} times its packed size; this is not a bundle of CSV files"
            )));
        }
        left -= unpacked;
        bundle.files.push((name, bytes));
    }
    bundle.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(bundle)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in files {
            out.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_that_unpacks_beyond_the_limit_is_refused_by_what_it_unpacks_to() {
        // 4 000 zeros compress to a few bytes: the size that counts is the unpacked one.
        let zeros = vec![b'0'; 4000];
        let bomb = zip_of(&[
            ("places.csv", b"district,place,kind\n"),
            ("contacts.csv", &zeros),
        ]);
        assert!(bomb.len() < 1000);
        let refused = read_zip_within(std::io::Cursor::new(&bomb), "upload.zip", 3000).unwrap_err();
        let text = refused.to_string();
        assert!(text.starts_with("upload.zip:1:"), "{text}");
        assert!(
            text.contains("unpacks to more than") && text.contains("contacts.csv"),
            "{text}"
        );
        // The limit counts all files together; within it, everything is read.
        let ok = read_zip_within(std::io::Cursor::new(&bomb), "upload.zip", 4020).unwrap();
        assert_eq!(ok.get("contacts.csv").unwrap().len(), 4000);
        assert!(read_zip_within(std::io::Cursor::new(&bomb), "upload.zip", 4010).is_err());
    }

    #[test]
    fn a_zip_with_one_file_name_twice_is_refused() {
        let twice = zip_of(&[("2023/contacts.csv", b"a\n"), ("2024/Contacts.CSV", b"b\n")]);
        let refused = read_zip(std::io::Cursor::new(&twice), "upload.zip").unwrap_err();
        assert_eq!(
            refused.to_string(),
            "upload.zip:1: file: Contacts.CSV is in the .zip twice (2023/contacts.csv and 2024/Contacts.CSV); keep one"
        );
    }

    #[test]
    fn a_file_that_unpacks_a_thousand_times_its_size_is_refused_within_the_total_limit() {
        let repeated = vec![b'a'; 9 * 1024 * 1024];
        let bomb = zip_of(&[("contacts.csv", &repeated)]);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let refused = read_zip(std::io::Cursor::new(&bomb), "upload.zip").unwrap_err();
        assert!(
            refused.to_string().contains("times its packed size"),
            "{refused}"
        );
        // Varied rows of the same size pack far less and are read.
        let rows: String = (0..400_000)
            .map(|i| format!("2024-05-01T10:{:02},{i},street\n", i % 60))
            .collect();
        let real = zip_of(&[("contacts.csv", rows.as_bytes())]);
        assert!(rows.len() as u64 > RATIO_FROM_BYTES);
        assert!(read_zip(std::io::Cursor::new(&real), "upload.zip").is_ok());
    }
}
