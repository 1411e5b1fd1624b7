//! Where bundles go: into the site under `impression/` during `build` (HTML only,
//! so a build stays fast and needs no typesetting), or into a folder with
//! `planblanc bundle`, the PDF beside each HTML file when asked.
//!
//! `build` writes the national bundle and one per role (620 KB for the bundled
//! handbook), and edition bundles only for the regions `print_editions` names:
//! the 180 editions of the bundled handbook (18 regions × 10 types) take about a
//! second to render but weigh 56 MB of HTML (311 KB each), six times the 9 MB site,
//! in every build and every archive, for printouts an establishment makes once per
//! edition. An ARS's own site lists its region; otherwise the edition page shows
//! the `planblanc bundle` command instead of a link.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::select::{self, Bundle, BundleKind};
use super::{PrintError, Printer};
use crate::load::Scope;
use crate::model::editions::Edition;
use crate::model::Site;
use crate::write::{Sink, WriteError};

/// Above this many published procedures `build` leaves the national bundle to
/// `planblanc bundle --national`: a binder of thousands of sheets is not printed
/// from a browser, and one file growing with the site would weigh on every build.
pub const NATIONAL_IN_SITE_MAX: usize = 1000;

/// The national bundle's place in the site, when `build` writes it.
pub fn national_url(site: &Site) -> Option<String> {
    (site.published().count() <= NATIONAL_IN_SITE_MAX).then(|| select::site_url("national"))
}

/// A role's bundle in the site, when it has one (a role without cards has none).
pub fn role_url(site: &Site, code: &str) -> Option<String> {
    let bundle = Bundle::role(site, code);
    (!bundle.members.is_empty()).then(|| select::site_url(&bundle.stem()))
}

/// An edition's bundle in the site, when `build` writes its region's.
pub fn edition_url(site: &Site, edition: Edition) -> Option<String> {
    let in_site = site.config.print_editions.includes(edition.region);
    in_site.then(|| select::site_url(&format!("editions/{}/{}", edition.region, edition.kind)))
}

/// The bundles `build` writes into the site.
pub fn site_bundles(printer: &Printer) -> Vec<Bundle> {
    let site = printer.site;
    let mut bundles = Vec::new();
    if national_url(site).is_some() {
        bundles.push(Bundle::national(site));
    }
    bundles.extend(select::roles_with_cards(site));
    let wanted = &site.config.print_editions;
    if *wanted != Scope::Only(Vec::new()) {
        let editions = Bundle::editions(site, printer.variants());
        bundles.extend(editions.into_iter().filter(|bundle| {
            matches!(&bundle.kind, BundleKind::Edition { region, .. } if wanted.includes(region))
        }));
    }
    bundles
}

/// Writes the site's HTML bundles into `sink`; returns the number of files.
pub fn write_to_site(printer: &Printer, sink: &dyn Sink) -> Result<usize, PrintError> {
    let bundles = site_bundles(printer);
    bundles.par_iter().try_for_each(|bundle| {
        let html = printer.html(bundle)?;
        sink.write(&select::site_url(&bundle.stem()), html.as_bytes())
            .map_err(PrintError::from)
    })?;
    Ok(bundles.len())
}

/// One file `planblanc bundle` wrote.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: usize,
    /// Page count, for a PDF.
    pub pages: Option<usize>,
    /// Characters the PDF could not draw (see `PrintedPdf::unprintable`).
    pub unprintable: Vec<char>,
}

/// Which files `write_to_dir` writes for each bundle.
#[derive(Debug, Clone, Copy)]
pub struct Formats {
    pub html: bool,
    pub pdf: bool,
}

/// Writes each bundle as `<dir>/<stem>.html` and/or `<dir>/<stem>.pdf`, the stem
/// marked with the level above TLP:CLEAR (`national-tlp-amber.pdf`).
pub fn write_to_dir(
    printer: &Printer,
    bundles: &[Bundle],
    dir: &Path,
    formats: Formats,
) -> Result<Vec<Written>, PrintError> {
    let written: Vec<Vec<Written>> = bundles
        .par_iter()
        .map(|bundle| {
            let stem = bundle.stem() + &printer.site.audience.tlp.name_suffix();
            let mut files = Vec::new();
            if formats.html {
                let html = printer.html(bundle)?;
                files.push(write_file(
                    dir,
                    &format!("{stem}.html"),
                    html.as_bytes(),
                    None,
                )?);
            }
            if formats.pdf {
                let pdf = printer.pdf(bundle)?;
                let mut file =
                    write_file(dir, &format!("{stem}.pdf"), &pdf.bytes, Some(pdf.pages))?;
                file.unprintable = pdf.unprintable;
                files.push(file);
            }
            Ok(files)
        })
        .collect::<Result<_, PrintError>>()?;
    Ok(written.into_iter().flatten().collect())
}

/// An earlier bundle may be replaced, not a file of the same name someone else
/// put there: an HTML bundle names its generator in its head, a PDF is a PDF.
fn replaceable(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    let read = std::fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => String::from_utf8_lossy(&head)
            .contains("<meta name=\"generator\" content=\"planblanc\">"),
        Some("pdf") => head.starts_with(b"%PDF-"),
        _ => false,
    }
}

fn write_file(
    dir: &Path,
    rel: &str,
    bytes: &[u8],
    pages: Option<usize>,
) -> Result<Written, PrintError> {
    let path = dir.join(crate::write::safe_rel(rel)?);
    let io = |source| WriteError::Io {
        path: path.clone(),
        source,
    };
    // A link on the way (`editions/`, `84/`) would take the bundle elsewhere: a
    // handbook cloned from anywhere can carry one. (The folder itself is the
    // user's `--out`, or checked by the command.)
    let mut folder = dir.to_path_buf();
    for part in Path::new(rel)
        .parent()
        .into_iter()
        .flat_map(Path::components)
    {
        folder.push(part);
        if crate::write::is_link(&folder) {
            return Err(WriteError::Link(folder).into());
        }
    }
    if path.exists() && !replaceable(&path) {
        return Err(WriteError::ForeignFile(path).into());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    // Written beside and renamed: a reader never sees half a bundle.
    let tmp = path.with_extension("planblanc-tmp");
    // Nor through a link left at the temporary name.
    let _ = std::fs::remove_file(&tmp);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, &path));
    if let Err(e) = written {
        // A full disk leaves no half-written file behind.
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e).into());
    }
    Ok(Written {
        path,
        bytes: bytes.len(),
        pages,
        unprintable: Vec::new(),
    })
}
