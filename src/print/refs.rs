//! References on paper: where a link or an image of a procedure points, seen from a
//! bundle. A link to a procedure of the bundle becomes "voir ID" (with its page in
//! the PDF), a link elsewhere keeps only the id, a remote URL becomes an endnote, and
//! an image is read from the content's files so the bundle carries it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::PrintError;
use crate::markdown::anchors::{slugify, AnchorSet};
use crate::markdown::{self, links};
use crate::model::editions::Variants;
use crate::model::{urls, Site};

/// A procedure of the bundle: its position and its heading anchors, in order.
struct Member<'a> {
    position: usize,
    anchors: &'a Headings,
}

/// A page's heading anchors in order, the position of each by name (a page of
/// thousands of links to its thousands of headings stays linear), and the ids
/// its raw HTML gives (`<span id>`, `<a name>`), which links may also reach.
struct Headings {
    list: Vec<String>,
    index: rustc_hash::FxHashMap<String, usize>,
    raw: rustc_hash::FxHashSet<String>,
}

impl Headings {
    fn new(anchors: PageAnchors) -> Self {
        let mut index = rustc_hash::FxHashMap::default();
        for (i, a) in anchors.headings.iter().enumerate() {
            index.entry(a.clone()).or_insert(i);
        }
        Headings {
            list: anchors.headings,
            index,
            raw: anchors.raw.into_iter().collect(),
        }
    }
}

/// What the writers need to resolve references inside one bundle.
pub struct Refs<'a> {
    pub site: &'a Site,
    variants: &'a Variants,
    members: HashMap<usize, Member<'a>>,
}

/// Each page's heading anchors, found on first need and kept for every later
/// bundle: `bundle --all` puts a page in its national, role and edition bundles,
/// and each would parse it again.
pub struct AnchorMemo {
    pages: Vec<OnceLock<Headings>>,
}

impl AnchorMemo {
    pub fn new(site: &Site) -> Self {
        AnchorMemo {
            pages: site.pages.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    fn of(&self, site: &Site, page: usize) -> &Headings {
        self.pages[page].get_or_init(|| Headings::new(page_anchors(site.pages[page].src.body())))
    }
}

/// Where a link points, seen from the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A procedure of this bundle, at one of its headings or raw ids, or at its start.
    InBundle { page: usize, anchor: Option<Anchor> },
    /// A published procedure this bundle does not hold.
    Elsewhere { page: usize },
    /// A section of the site: printed as its title.
    Section(String),
    /// A file of the content (a form, a spreadsheet): printed by name.
    Attachment(String),
    /// `https:`, `mailto:`, `tel:`…: printed in full as an endnote.
    External(String),
    /// A page this build does not publish: no title, no id (TLP, draft).
    Unpublished,
    /// Not resolvable (`check` reports it): the link text is kept, nothing else.
    Broken,
}

/// Where in a procedure of the bundle a link lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// Its n-th heading (in [`page_anchors`] order).
    Heading(usize),
    /// An id its raw HTML gives, as written there.
    Raw(String),
}

/// An image of the content, read into memory.
pub struct Image {
    /// Path under `content/`, also its name inside the PDF world.
    pub rel: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl<'a> Refs<'a> {
    pub fn new(
        site: &'a Site,
        variants: &'a Variants,
        memo: &'a AnchorMemo,
        members: &[usize],
    ) -> Refs<'a> {
        let members = members
            .par_iter()
            .enumerate()
            .map(|(position, &p)| {
                let anchors = memo.of(site, p);
                (p, Member { position, anchors })
            })
            .collect();
        Refs {
            site,
            variants,
            members,
        }
    }

    /// Position of a page in the bundle, if it is in it.
    pub fn position(&self, page: usize) -> Option<usize> {
        self.members.get(&page).map(|m| m.position)
    }

    /// Resolves a link written in `from`'s Markdown.
    pub fn link(&self, from: usize, dest: &str) -> Link {
        if links::is_external(dest) {
            return Link::External(dest.to_string());
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        if path.is_empty() {
            return self.to_page(from, anchor);
        }
        if let Some(id) = path.strip_prefix('@') {
            return match self.site.page_by_id(id) {
                Some(p) => self.to_page(p, anchor),
                None => Link::Broken,
            };
        }
        let page = &self.site.pages[from];
        let Some(rel) = urls::join(urls::parent(&page.src.rel), &urls::decode_path(path)) else {
            return Link::Broken;
        };
        // As the site finds it: a name stored with decomposed accents (macOS).
        let rel = self.site.canonical_rel(rel);
        if rel.ends_with("_index.md") {
            return match self.site.section_by_dir(urls::parent(&rel)) {
                Some(s) => Link::Section(self.site.section_title(s).to_string()),
                None => Link::Broken,
            };
        }
        if let Some(p) = self.site.page_by_rel(&rel) {
            return self.to_page(p, anchor);
        }
        if self.site.asset_by_rel(&rel).is_some() {
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            return Link::Attachment(name.to_string());
        }
        Link::Broken
    }

    /// A page link: to it when it is in the bundle, else to the variant that takes its
    /// place in this bundle (an edition prints the regional text where the national
    /// one links), else "elsewhere".
    fn to_page(&self, page: usize, anchor: Option<&str>) -> Link {
        if !self.site.pages[page].published() {
            return Link::Unpublished;
        }
        let in_bundle = std::iter::once(page)
            .chain(self.variants.get(page).iter().copied())
            .find(|p| self.members.contains_key(p));
        match in_bundle {
            Some(p) => Link::InBundle {
                page: p,
                anchor: anchor.and_then(|a| self.anchor_in(p, a)),
            },
            None => Link::Elsewhere { page },
        }
    }

    /// The name of a heading anchor of a procedure of the bundle.
    pub fn anchor(&self, page: usize, index: usize) -> Option<&str> {
        self.members
            .get(&page)?
            .anchors
            .list
            .get(index)
            .map(String::as_str)
    }

    fn anchor_in(&self, page: usize, anchor: &str) -> Option<Anchor> {
        let anchors = self.members.get(&page)?.anchors;
        match anchors.index.get(anchor) {
            Some(&n) => Some(Anchor::Heading(n)),
            None => anchors
                .raw
                .contains(anchor)
                .then(|| Anchor::Raw(anchor.to_string())),
        }
    }

    /// Reads an image referenced from `from`. `None` when it is not a file of the
    /// content (a remote image, a broken path) or not a format both writers show.
    pub fn image(&self, from: usize, dest: &str) -> Result<Option<Image>, PrintError> {
        if let Some(image) = inline_image(dest) {
            return Ok(Some(image));
        }
        if dest.is_empty() || links::is_external(dest) {
            return Ok(None);
        }
        let page = &self.site.pages[from];
        let path = dest.split(['#', '?']).next().unwrap_or(dest);
        let Some(rel) = urls::join(urls::parent(&page.src.rel), &urls::decode_path(path)) else {
            return Ok(None);
        };
        let rel = self.site.canonical_rel(rel);
        let Some(asset) = self.site.asset_by_rel(&rel) else {
            return Ok(None);
        };
        if image_mime(&rel).is_none() {
            return Ok(None);
        }
        let file: &PathBuf = &self.site.assets[asset].path;
        let bytes = std::fs::read(file).map_err(|source| PrintError::Asset {
            path: file.clone(),
            source,
        })?;
        // What the bytes are, whatever the name says (a PNG saved as `.JPG`):
        // the PDF decodes by format, and a file of neither kind prints its text.
        let Some(mime) = sniff_mime(&bytes) else {
            return Ok(None);
        };
        Ok(Some(Image { rel, mime, bytes }))
    }
}

/// A page's anchors: its headings' and its raw HTML's ids.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageAnchors {
    /// As the site computes them (`{#id}` or the slug of the heading text,
    /// numbered when repeated or taken by a raw HTML id before it), in document
    /// order. Headings inside footnote definitions count for the numbering but
    /// are not listed: print gives them no anchor (a footnote is typeset where it
    /// is referenced).
    pub headings: Vec<String>,
    /// The ids of raw HTML elements outside comments.
    pub raw: Vec<String>,
}

pub fn page_anchors(body: &str) -> PageAnchors {
    let events = Parser::new_ext(body, markdown::options());
    // Raw HTML blocks are joined (a tag may run over lines) only where there
    // may be some: most pages have none, and joining costs.
    match body.contains('<') {
        true => anchors_of(markdown::joined_html_blocks(events)),
        false => anchors_of(events),
    }
}

fn anchors_of<'a>(events: impl Iterator<Item = Event<'a>>) -> PageAnchors {
    let mut set = AnchorSet::default();
    let mut anchors = PageAnchors::default();
    let mut in_footnote = 0usize;
    let mut current: Option<(Option<String>, String)> = None;
    let mut comments = markdown::html_comments::CommentStripper::default();
    for event in events {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                for id in markdown::html_check::ids(&comments.strip(&html)) {
                    set.claim(&id);
                    anchors.raw.push(id);
                }
            }
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = in_footnote.saturating_sub(1),
            Event::Start(Tag::Heading { id, .. }) => {
                current = Some((id.map(|i| i.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = current.take() {
                    let anchor = set.unique(id.unwrap_or_else(|| slugify(&text)));
                    if in_footnote == 0 {
                        anchors.headings.push(anchor);
                    }
                }
            }
            _ => {}
        }
    }
    anchors
}

/// An image written into the page as a `data:` address (Notion, Typora and
/// pandoc exports do), named by its digest.
fn inline_image(dest: &str) -> Option<Image> {
    use ct_codecs::{Base64, Decoder};
    use sha2::Digest;
    let rest = dest.strip_prefix("data:")?;
    let (kind, data) = rest.split_once(',')?;
    if !kind.ends_with(";base64") || !kind.starts_with("image/") {
        return None;
    }
    let bytes = Base64::decode_to_vec(data.trim(), Some(b" \n\r\t")).ok()?;
    let mime = sniff_mime(&bytes)?;
    let digest = sha2::Sha256::digest(&bytes);
    let name: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    Some(Image {
        rel: format!("data:{name}"),
        mime,
        bytes,
    })
}

/// The image format of `bytes`, by their first bytes.
fn sniff_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
        (head.contains("<svg") && !svg_links_images(bytes)).then_some("image/svg+xml")
    }
}

/// Whether an SVG draws another file (`<image href="plan.png">`): the PDF holds
/// no file beside it, so it prints its alternative text instead of failing.
fn svg_links_images(bytes: &[u8]) -> bool {
    let lower = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    let linked = crate::markdown::html_tags::tags(&lower)
        .filter(|t| matches!(t.name, "image" | "feimage" | "use"))
        .flat_map(|t| t.attributes().collect::<Vec<_>>())
        .filter(|(name, _)| matches!(*name, "href" | "xlink:href"))
        .any(|(_, value)| {
            let target = lower[value].trim();
            !target.is_empty() && !target.starts_with("data:") && !target.starts_with('#')
        });
    linked
}

fn image_mime(rel: &str) -> Option<&'static str> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// Text for an external link's endnote: the URL as written, without the scheme of
/// `mailto:`/`tel:` (a reader dials a number, not a URI).
pub fn endnote_text(url: &str) -> &str {
    let lower = url.get(..7).unwrap_or("").to_ascii_lowercase();
    if lower == "mailto:" {
        &url[7..]
    } else if lower.starts_with("tel:") {
        &url[4..]
    } else {
        url
    }
}

/// Addresses a reader can use from paper: the web, mail, a phone. A raw
/// `<a href>` to one prints it as an endnote, as a Markdown link does.
pub fn readable_address(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_match_the_site() {
        let body = "## Étapes clés\n\n## Étapes clés\n\n### Code `x` {#mon-id}\n";
        assert_eq!(
            page_anchors(body).headings,
            ["etapes-cles", "etapes-cles-1", "mon-id"]
        );
        // A raw id before a heading takes its name; one in a comment does not.
        let body = "<p id=\"plan\">x</p>\n\n## Plan\n\n<!-- <a name=\"zone\"> -->\n\n## Zone\n";
        let anchors = page_anchors(body);
        assert_eq!(anchors.headings, ["plan-1", "zone"]);
        assert_eq!(anchors.raw, ["plan"]);
    }

    #[test]
    fn endnotes_drop_mailto_and_tel() {
        assert_eq!(endnote_text("mailto:a@b.fr"), "a@b.fr");
        assert_eq!(endnote_text("tel:+33100000000"), "+33100000000");
        assert_eq!(endnote_text("https://x.fr/a"), "https://x.fr/a");
    }
}
