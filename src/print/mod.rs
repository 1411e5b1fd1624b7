//! Print bundles: the handbook on paper, for when the information system is
//! encrypted. A bundle is the national handbook, one establishment's edition, or one
//! role's cards, written as one self-contained HTML file (no script, no external
//! reference, A4 print stylesheet) and, with the `pdf` feature, as a PDF/A typeset
//! in-process by typst from the same content.
//!
//! - `select`: which procedures a bundle holds, in which order;
//! - `facts`: the cover and each procedure's facts, shared by both writers;
//! - `refs`: links and images resolved for paper;
//! - `html` + `html_body`: the HTML bundle; `typst_doc` + `typst_markup`: the Typst
//!   source (`typst_syntax`: escaping and literals); `pdf`: the typst world and the
//!   PDF export;
//! - `output`: writing bundles into the site (`build`) or a folder (`bundle`).

pub mod facts;
mod html;
mod html_body;
pub mod output;
mod raw_html;
pub mod refs;
pub mod select;
mod strings;

// The Typst source is only needed to typeset it.
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
mod typst_doc;
#[cfg(feature = "pdf")]
mod typst_events;
#[cfg(feature = "pdf")]
mod typst_markup;
#[cfg(feature = "pdf")]
mod typst_syntax;

use std::path::PathBuf;

use thiserror::Error;

use crate::load::theme::Theme;
use crate::model::editions::Variants;
use crate::model::Site;
use crate::render::context::Strings;
use crate::write::WriteError;
pub use select::{Bundle, BundleKind};

/// Folder of the bundles inside the site, and default folder of `planblanc bundle`
/// under the site root.
pub const SITE_DIR: &str = "impression";

/// Whether this binary can write PDF bundles (the `pdf` cargo feature).
pub const PDF_SUPPORTED: bool = cfg!(feature = "pdf");

#[derive(Debug, Error)]
pub enum PrintError {
    #[error("cannot read {path}: {source}")]
    Asset {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot typeset the PDF of `{bundle}`: {message}")]
    Typeset { bundle: String, message: String },
    #[error("cannot print the image `content/{rel}` in the PDF: {reason}; export it again (PNG or JPEG), or remove it")]
    Image { rel: String, reason: String },
    #[error("this planblanc was built without PDF support (cargo feature `pdf`)")]
    NoPdf,
}

/// Renders bundles of one site.
pub struct Printer<'a> {
    pub site: &'a Site,
    strings: Strings,
    /// The theme's print stylesheet and Typst layout.
    css: String,
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    layout: String,
    /// The theme's files of `css/`, `js/` and `static/`, which the layout reaches
    /// as `/theme/<name>` (a logo on the cover).
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    theme_files: Vec<(String, Vec<u8>)>,
    variants: Variants,
    anchors: refs::AnchorMemo,
}

impl<'a> Printer<'a> {
    /// The theme's UI strings win over the print defaults, so a theme can reword the
    /// printouts too; its `print/` files lay them out.
    pub fn new(site: &'a Site, theme: &Theme) -> Printer<'a> {
        let mut map = strings::defaults(&site.config.language);
        map.extend(theme.strings.iter().map(|(k, v)| (k.clone(), v.clone())));
        Printer {
            site,
            strings: Strings { map },
            css: theme.print_css.clone(),
            layout: theme.print_layout.clone(),
            theme_files: theme.assets.clone(),
            variants: Variants::of(site),
            anchors: refs::AnchorMemo::new(site),
        }
    }

    pub fn variants(&self) -> &Variants {
        &self.variants
    }

    /// The self-contained HTML file of a bundle.
    pub fn html(&self, bundle: &Bundle) -> Result<String, PrintError> {
        let refs = refs::Refs::new(self.site, &self.variants, &self.anchors, &bundle.members);
        html::render(&refs, &self.strings, bundle, &self.css)
    }

    /// The PDF of a bundle.
    pub fn pdf(&self, bundle: &Bundle) -> Result<PrintedPdf, PrintError> {
        #[cfg(feature = "pdf")]
        {
            let refs = refs::Refs::new(self.site, &self.variants, &self.anchors, &bundle.members);
            let source = typst_doc::source(&refs, &self.strings, bundle)?;
            let ident = format!(
                "{}/{}/{}",
                self.site.config.title,
                self.site.config.edition,
                bundle.stem()
            );
            pdf::render(
                source,
                &self.layout,
                &self.theme_files,
                self.site.date,
                &ident,
            )
        }
        #[cfg(not(feature = "pdf"))]
        {
            let _ = bundle;
            Err(PrintError::NoPdf)
        }
    }
}

/// A bundle's PDF.
pub struct PrintedPdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters no embedded font can draw, sorted: each printed as `□`, or
    /// left out when it is invisible anyway (a variation selector, a BOM).
    pub unprintable: Vec<char>,
}

use crate::html::escape as html_escape;
