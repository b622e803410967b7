//! Typst in-process: a fixed template and its data as JSON become a tagged PDF, with no outside
//! calls (the youth's copy and the annual report both use it). The template reads
//! `/data.json`; it can open no other file.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    library: LazyHash<Library>,
}

/// Fonts and the standard library load once per process.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            library: LazyHash::new(Library::default()),
        }
    })
}

fn file_id(path: &str) -> FileId {
    // The paths are constants, so they always parse.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("constant path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

struct TemplateWorld {
    main: Source,
    data: Bytes,
    data_id: FileId,
}

impl World for TemplateWorld {
    fn library(&self) -> &LazyHash<Library> {
        &fonts().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        let now = jiff::Zoned::now();
        Datetime::from_ymd(
            i32::from(now.year()),
            u8::try_from(now.month()).ok()?,
            u8::try_from(now.day()).ok()?,
        )
    }
}

/// Typesets `template` with `data` as `/data.json`; the error names the Typst problem.
pub fn pdf(template: &str, data: &serde_json::Value) -> Result<Vec<u8>, String> {
    let json = serde_json::to_vec(data).map_err(|e| e.to_string())?;
    let world = TemplateWorld {
        main: Source::new(file_id("/main.typ"), template.to_owned()),
        data: Bytes::new(json),
        data_id: file_id("/data.json"),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| format!("{errors:?}"))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| format!("{errors:?}"))
}

/// Whether `bytes` is an image Typst can draw (a logo is checked so before it is stored, since a
/// broken one would stop every PDF of the service).
pub fn image_draws(bytes: &[u8]) -> bool {
    let data = serde_json::json!({ "image": bytes });
    pdf(
        "#let d = json(\"/data.json\")\n#image(bytes(d.image), width: 1cm)\n",
        &data,
    )
    .is_ok()
}
