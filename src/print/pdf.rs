//! PDF bundles, typeset in-process with the typst crates: no external program, no
//! system font, no network. A minimal `World` serves the generated main source, the
//! layout, the strings, the images read from the content, the fonts embedded by
//! typst-assets, and a fixed date (the content date), so the same bundle always
//! gives the same bytes.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::Datelike;
use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::typst_doc;
use super::{PrintError, PrintedPdf};

/// Fonts are parsed once per process: every bundle uses the same embedded set.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Typesets a bundle's Typst source to PDF/A-2b.
/// `layout`: the theme's `print/bundle.typ`, which `main.typ` imports; it reaches
/// the theme's files as `/theme/<name>`.
pub fn render(
    mut source: typst_doc::Source,
    layout: &str,
    theme_files: &[(String, Vec<u8>)],
    date: Option<chrono::NaiveDate>,
    ident: &str,
) -> Result<PrintedPdf, PrintError> {
    let mut unprintable = BTreeSet::new();
    source.main = printable(&source.main, &mut unprintable);
    source.strings = printable(&source.strings, &mut unprintable);
    let world = BundleWorld::new(source, layout, theme_files, date)?;
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let document = output.map_err(|errors| typeset_error(&world, ident, &errors))?;
    let options = PdfOptions {
        // A stable identifier: the PDF's document id is derived from it, not random.
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("planblanc".to_string())),
        timestamp: world.today.map(Timestamp::new_utc),
        standards: PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| PrintError::Typeset {
            bundle: ident.to_string(),
            message: e.message().to_string(),
        })?,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options)
        .map_err(|errors| typeset_error(&world, ident, &errors))?;
    let pages = document.pages().len();
    // Drop every memoized result: bundles share little, and a run compiles many.
    // (Export still keeps about 130 MB per distinct document for the life of the
    // process, whatever is evicted: `planblanc bundle` batches large PDF runs into
    // child processes for that reason.)
    typst::comemo::evict(0);
    Ok(PrintedPdf {
        bytes,
        pages,
        unprintable: unprintable.into_iter().collect(),
    })
}

/// `text` with every character no embedded font can draw replaced by `□`, or
/// dropped when it is invisible anyway (variation selectors such as the one in
/// "⚠️", a stray BOM): PDF/A refuses a missing glyph, and one emoji would
/// otherwise cost the whole PDF. The generated Typst code itself is ASCII, so
/// only the authors' text and the strings are touched.
fn printable(text: &str, replaced: &mut BTreeSet<char>) -> String {
    const STAND_IN: char = '□';
    let mut known: HashMap<char, bool> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Control characters (a BEL pasted into a link, say) have no form and
        // no font draws them: dropped, as the Typst source's own line breaks
        // and tabs are kept.
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
            continue;
        }
        let drawable = c.is_ascii() || *known.entry(c).or_insert_with(|| has_glyph(c));
        if drawable {
            out.push(c);
        } else {
            replaced.insert(c);
            if !crate::diag::is_default_ignorable(c) {
                out.push(STAND_IN);
            }
        }
    }
    out
}

fn has_glyph(c: char) -> bool {
    // Typst's own breaking and joining marks, which it never draws.
    if matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{AD}') {
        return true;
    }
    FONTS
        .1
        .iter()
        .any(|font| font.info().coverage.contains(c as u32))
}

struct BundleWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl BundleWorld {
    fn new(
        source: typst_doc::Source,
        layout: &str,
        theme_files: &[(String, Vec<u8>)],
        date: Option<chrono::NaiveDate>,
    ) -> Result<Self, PrintError> {
        let main = file_id("/main.typ")?;
        let mut sources = HashMap::new();
        for (path, text) in [
            ("/main.typ", source.main),
            ("/bundle.typ", layout.to_string()),
            ("/strings.typ", source.strings),
        ] {
            let id = file_id(path)?;
            sources.insert(id, Source::new(id, text));
        }
        let mut files = HashMap::new();
        let images = source.images;
        for (path, bytes) in &images.files {
            let bytes = Bytes::new(bytes.clone());
            // A truncated or damaged file would stop the whole PDF with an error
            // about the layout: named here instead. (Decoding is memoized, so
            // Typst does not decode it twice.)
            if let Some(format) = raster_format(path) {
                if let Err(reason) = typst::visualize::RasterImage::plain(bytes.clone(), format) {
                    return Err(PrintError::Image {
                        rel: images.source_of(path).unwrap_or(path).to_string(),
                        reason: reason.split_whitespace().collect::<Vec<_>>().join(" "),
                    });
                }
            }
            files.insert(file_id(path)?, bytes);
        }
        for (name, bytes) in theme_files {
            files.insert(
                file_id(&format!("/theme/{name}"))?,
                Bytes::new(bytes.clone()),
            );
        }
        let today = date.and_then(|d| {
            Datetime::from_ymd(
                d.year(),
                u8::try_from(d.month()).ok()?,
                u8::try_from(d.day()).ok()?,
            )
        });
        Ok(BundleWorld {
            main,
            sources,
            files,
            today,
        })
    }
}

impl World for BundleWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_string()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// The content date, never the wall clock: a bundle is reproducible.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn file_id(path: &str) -> Result<FileId, PrintError> {
    let vpath = VirtualPath::new(path).map_err(|e| PrintError::Typeset {
        bundle: path.to_string(),
        message: format!("invalid virtual path: {e:?}"),
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The raster format of an image the bundle names `/images/<n>.<ext>`.
fn raster_format(path: &str) -> Option<typst::visualize::ExchangeFormat> {
    use typst::visualize::ExchangeFormat;
    match path.rsplit_once('.')?.1 {
        "png" => Some(ExchangeFormat::Png),
        "jpeg" | "jpg" => Some(ExchangeFormat::Jpg),
        "gif" => Some(ExchangeFormat::Gif),
        "webp" => Some(ExchangeFormat::Webp),
        _ => None,
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

/// Typst errors point into the generated source: the message and the line there
/// are what a developer needs (an author's text cannot cause one: it is escaped,
/// and its nesting is bounded). The first few say it all; the rest are counted.
fn typeset_error(world: &BundleWorld, ident: &str, errors: &[SourceDiagnostic]) -> PrintError {
    const SHOWN: usize = 3;
    let mut message = errors
        .iter()
        .take(SHOWN)
        .map(|e| {
            let at = e
                .span
                .id()
                .and_then(|id| {
                    let source = world.sources.get(&id)?;
                    let range = world.range(e.span)?;
                    let line = source.text()[..range.start].lines().count();
                    let text = source.text()[range.clone()]
                        .chars()
                        .take(80)
                        .collect::<String>();
                    Some(format!(
                        " ({}:{line}: `{text}`)",
                        id.get().vpath().get_with_slash()
                    ))
                })
                .unwrap_or_default();
            format!("{}{at}", e.message)
        })
        .collect::<Vec<_>>()
        .join("; ");
    if errors.len() > SHOWN {
        message.push_str(&format!(" (and {} more)", errors.len() - SHOWN));
    }
    PrintError::Typeset {
        bundle: ident.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_and_missing_glyphs_stand_in() {
        let mut replaced = BTreeSet::new();
        let text = "#link(\"http://a\u{7}b\")[x]\n\tfin\u{85}\r\n🦀";
        let out = printable(text, &mut replaced);
        assert_eq!(out, "#link(\"http://ab\")[x]\n\tfin\r\n□");
        assert_eq!(replaced.into_iter().collect::<Vec<_>>(), ['🦀']);
    }
}
