//! What the renderer is given: the page it renders, what the site asks of it, and
//! the words it writes into pages itself.

use std::path::Path;

use crate::load::Tlp;
use crate::model::Site;

use super::callouts;

/// Everything the renderer needs to know about the page it renders.
pub struct Source<'a> {
    pub file: &'a Path,
    /// The whole file text, and where the body starts in it (for positions).
    pub text: &'a str,
    pub body_offset: usize,
    pub url: &'a str,
    pub dir: &'a str,
    pub tlp: Tlp,
}

impl<'a> Source<'a> {
    pub fn of_page(page: &'a crate::model::Page) -> Self {
        Source {
            file: &page.src.display,
            text: &page.src.text,
            body_offset: page.src.body_offset,
            url: &page.url,
            dir: crate::model::urls::parent(&page.src.rel),
            tlp: page.src.front.tlp,
        }
    }

    pub fn of_section(section: &'a crate::model::Section) -> Self {
        Source {
            file: &section.src.display,
            text: &section.src.text,
            body_offset: section.src.body_offset,
            url: &section.url,
            dir: &section.src.dir,
            tlp: Tlp::Clear,
        }
    }
}

impl<'a> Settings<'a> {
    /// What a site's configuration asks of the renderer.
    pub fn for_site(site: &Site, words: &'a Words) -> Self {
        Settings {
            highlight: site.config.highlight,
            collect_text: site.config.search,
            french: site.config.french_content(),
            words,
        }
    }
}

pub struct Settings<'a> {
    pub highlight: bool,
    pub collect_text: bool,
    pub french: bool,
    pub words: &'a Words,
}

/// What the renderer writes into pages itself, in the handbook's language (the
/// theme's `i18n.yaml`, French where it lacks a key).
#[derive(Debug, Clone)]
pub struct Words {
    /// Shown instead of a link to a page this build does not publish.
    pub unpublished: String,
    /// Callout titles, by kind.
    pub callouts: Vec<(pulldown_cmark::BlockQuoteKind, String)>,
    /// What the link from a footnote back to its call says to screen readers,
    /// before the note's number.
    pub footnote_back: String,
    /// What a footnote call says to screen readers, before its number.
    pub footnote_call: String,
    /// The names of a table's and a code block's scrolling box, before their
    /// number on the page.
    pub table: String,
    pub code: String,
    /// Said after the link that stands for a remote image.
    pub remote_image: String,
}

impl Words {
    pub fn from_strings(strings: &std::collections::BTreeMap<String, String>) -> Words {
        let get = |key: &str, french: &str| strings.get(key).cloned().unwrap_or(french.into());
        Words {
            unpublished: get("unpublished", "fiche non diffusée à ce niveau"),
            callouts: callouts::kinds()
                .map(|kind| (kind, callouts::title_in(strings, kind).to_string()))
                .collect(),
            footnote_back: get("footnote_back", "Revenir à l'appel de note"),
            footnote_call: get("footnote_call", "Note"),
            table: get("table_region", "Tableau"),
            code: get("code_region", "Code"),
            remote_image: get("remote_image", "image en ligne, non chargée"),
        }
    }

    pub(super) fn callout_title(&self, kind: pulldown_cmark::BlockQuoteKind) -> &str {
        let titled = self.callouts.iter().find(|(k, _)| *k == kind);
        titled.map_or("", |(_, title)| title)
    }
}

impl Default for Words {
    fn default() -> Words {
        Words::from_strings(&Default::default())
    }
}
