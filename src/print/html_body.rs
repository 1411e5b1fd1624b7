//! A procedure's Markdown as HTML for print: pulldown-cmark's own HTML writer, fed
//! with rewritten events. Every reference stays inside the file: links between
//! procedures become "voir ID" (an `#anchor` when the target is in the bundle),
//! remote URLs (of Markdown links and of raw `<a href>`) become numbered endnotes
//! printed as text, images become data URIs,
//! task-list items get an empty box to tick.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{html, CowStr, Event, Parser, Tag, TagEnd};

use super::raw_html::{self, RawLink};
use super::refs::{readable_address, Anchor, Link, Refs};
use super::{html_escape, PrintError};
use crate::markdown::verbatim::Verbatim;
use crate::markdown::{self, a11y, callouts, html_balance, html_comments, typography};
use crate::render::context::Strings;

/// The HTML of one procedure body and the URLs of its endnotes, in order.
pub struct Body {
    pub html: String,
    pub endnotes: Vec<String>,
}

/// HTML `id` of a procedure in a bundle.
pub fn procedure_id(id: &str) -> String {
    format!("p-{id}")
}

/// HTML `id` of a heading of a procedure in a bundle.
pub fn anchor_id(id: &str, anchor: &str) -> String {
    format!("p-{id}--{anchor}")
}

/// HTML `id` of an endnote (`n-`) or a footnote (`f-`): other prefixes than the
/// headings', so a heading named "note-1" cannot collide with them.
pub fn note_id(id: &str, n: usize) -> String {
    format!("n-{id}--{n}")
}

fn footnote_id(id: &str, n: usize) -> String {
    format!("f-{id}--{n}")
}

pub fn convert(refs: &Refs, strings: &Strings, page: usize) -> Result<Body, PrintError> {
    let site = refs.site;
    let src = &site.pages[page].src;
    let mut w = Writer {
        refs,
        strings,
        page,
        id: &src.front.id,
        french: site.config.french_content(),
        out: Vec::new(),
        closers: Vec::new(),
        skip_depth: 0,
        headings: crate::markdown::anchors::AnchorSet::default(),
        pending_heading: None,
        in_code: false,
        comments: Default::default(),
        verbatim: Verbatim::default(),
        footnotes: HashMap::new(),
        notes_written: HashSet::new(),
        endnotes: Vec::new(),
        raw_links: Vec::new(),
        tables: 0,
        section: String::new(),
        balance: Default::default(),
    };
    for event in markdown::joined_html_blocks(Parser::new_ext(src.body(), markdown::options())) {
        w.event(event)?;
    }
    let mut html_out = String::with_capacity(src.body().len() * 3 / 2);
    html::push_html(&mut html_out, w.out.into_iter());
    // As on the site: formatting left open stops at the procedure's end, not
    // at the end of the bundle.
    html_out.push_str(&html_balance::closers(&w.balance.problems()));
    Ok(Body {
        html: html_out,
        endnotes: w.endnotes,
    })
}

struct Writer<'a, 'r> {
    refs: &'r Refs<'a>,
    strings: &'r Strings,
    page: usize,
    id: &'r str,
    french: bool,
    out: Vec<Event<'r>>,
    /// What closes each open link or image, innermost last.
    closers: Vec<Option<String>>,
    /// >0 while dropping the text of a link to an unpublished page.
    skip_depth: usize,
    headings: crate::markdown::anchors::AnchorSet,
    /// Start of the heading being read: its index in `out`, level, explicit id, text.
    pending_heading: Option<(usize, pulldown_cmark::HeadingLevel, Option<String>, String)>,
    /// Inside a code block, where text is printed exactly as written.
    in_code: bool,
    /// Removes the comments of the body's raw HTML.
    comments: html_comments::CommentStripper,
    /// Raw `<code>`, `<kbd>`… open in the paragraph: their text keeps its spaces.
    verbatim: Verbatim,
    /// Footnote name → its number, in order of first appearance (as pulldown numbers them).
    footnotes: HashMap<markdown::NoteName, usize>,
    /// Footnotes whose definition is written: a note defined twice keeps its id
    /// on the first.
    notes_written: HashSet<usize>,
    endnotes: Vec<String>,
    /// The raw `<a>` open, innermost last: the address a reader of paper can use
    /// (see [`readable_address`]), printed as an endnote where the link ends.
    raw_links: Vec<Option<String>>,
    /// Tables met so far, and the text of the last heading: the name of a table's
    /// scrolling box.
    tables: usize,
    section: String,
    /// The raw HTML kept, read for the formatting it leaves open.
    balance: html_balance::Balance,
}

/// Adds `url` to the procedure's endnotes and returns the call that points to it.
fn endnote_call(id: &str, endnotes: &mut Vec<String>, url: String) -> String {
    endnotes.push(url);
    let n = endnotes.len();
    format!(
        "<sup class=\"endnote-ref\"><a href=\"#{}\">[{n}]</a></sup>",
        html_escape(&note_id(id, n))
    )
}

impl<'r> Writer<'_, 'r> {
    fn event(&mut self, event: Event<'r>) -> Result<(), PrintError> {
        if self.skip_depth > 0 {
            match event {
                Event::Start(Tag::Link { .. }) => self.skip_depth += 1,
                Event::End(TagEnd::Link) => self.skip_depth -= 1,
                _ => {}
            }
            return Ok(());
        }
        let inline_html = matches!(event, Event::InlineHtml(_));
        if matches!(
            event,
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
        ) {
            self.verbatim.reset();
            self.close_raw_links();
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let id = id.map(|i| i.to_string());
                self.pending_heading = Some((self.out.len(), level, id, String::new()));
                self.out.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => self.end_heading(level),
            Event::Start(Tag::Link { dest_url, .. }) => self.start_link(&dest_url),
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some(Some(closer)) = self.closers.pop() {
                    self.out.push(Event::Html(closer.into()));
                } else if matches!(event, Event::End(TagEnd::Image)) {
                    self.out.push(event);
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.image(link_type, dest_url, title, id)?,
            Event::TaskListMarker(ticked) => {
                // A box to tick with a pen, ticked where the source ticks it.
                // Named, so a screen reader says there is a box, and its state.
                let (key, mark) = match ticked {
                    true => ("print_ticked", '☑'),
                    false => ("print_tick", '☐'),
                };
                let label = html_escape(self.strings.get(key));
                self.out.push(Event::Html(
                    format!(
                        "<span class=\"tick\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
                    )
                    .into(),
                ));
            }
            Event::FootnoteReference(name) => {
                let n = self.footnote_number(&name);
                let target = footnote_id(self.id, n);
                self.out.push(Event::Html(
                    format!(
                        "<sup class=\"footnote-reference\"><a href=\"#{}\">{n}</a></sup>",
                        html_escape(&target)
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = self.footnote_number(&name);
                let id = match self.notes_written.insert(n) {
                    true => format!(" id=\"{}\"", html_escape(&footnote_id(self.id, n))),
                    false => String::new(),
                };
                self.out.push(Event::Html(
                    format!(
                        "<div class=\"footnote-definition\"{id}><sup class=\"footnote-definition-label\">{n}</sup>"
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let title = callouts::title_in(&self.strings.map, kind);
                self.out
                    .push(Event::Html(callouts::open(kind, title).into()));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.out.push(Event::Html(callouts::CLOSE.into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.out.push(Event::Html("</div>\n".into()));
            }
            // A box that scrolls a wide table on a phone's screen, so the page
            // itself never scrolls sideways.
            Event::Start(Tag::Table(alignments)) => {
                self.tables += 1;
                let open = self.table_open();
                self.out.push(Event::Html(open.into()));
                self.out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.out.push(Event::End(TagEnd::Table));
                self.out.push(Event::Html(a11y::TABLE_CLOSE.into()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code = true;
                self.out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                self.out.push(Event::End(TagEnd::CodeBlock));
            }
            // The text of a paragraph's `<script>` or `<style>`, left out with it.
            Event::Text(_) | Event::Code(_) if self.verbatim.unshown() => {}
            Event::Text(text) => {
                if let Some((.., title)) = self.pending_heading.as_mut() {
                    title.push_str(&text);
                }
                let verbatim = self.in_code || self.verbatim.inside();
                let text = if self.french && !verbatim && typography::needs_french(&text) {
                    CowStr::from(typography::french(&text))
                } else {
                    text
                };
                if self.french && !verbatim {
                    typography::push_raising_ordinals(text, &mut self.out);
                } else {
                    self.out.push(Event::Text(text));
                }
            }
            Event::Code(code) => {
                if let Some((.., title)) = self.pending_heading.as_mut() {
                    title.push_str(&code);
                }
                self.out.push(Event::Code(code));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                // One file, no external reference: what raw HTML links or loads is
                // taken out of its tags, its text stays. The author's comments go.
                let raw = self.comments.strip(&raw).into_owned();
                // As on the site, a heading after a raw id steps around it.
                for id in crate::markdown::html_check::ids(&raw) {
                    self.headings.claim(&id);
                }
                let mut failed = None;
                let (mut raw_links, mut endnotes) = (
                    std::mem::take(&mut self.raw_links),
                    std::mem::take(&mut self.endnotes),
                );
                let kept = raw_html::self_contained(
                    &raw,
                    |src, alt| {
                        self.raw_image(src, alt).unwrap_or_else(|e| {
                            failed.get_or_insert(e);
                            String::new()
                        })
                    },
                    |link| match link {
                        RawLink::Open(href) => {
                            raw_links.push(href.filter(|h| readable_address(h)));
                            String::new()
                        }
                        RawLink::Close => raw_links
                            .pop()
                            .flatten()
                            .map(|url| endnote_call(self.id, &mut endnotes, url))
                            .unwrap_or_default(),
                    },
                    |a| anchor_id(self.id, a),
                );
                (self.raw_links, self.endnotes) = (raw_links, endnotes);
                if let Some(e) = failed {
                    return Err(e);
                }
                if inline_html {
                    self.verbatim.feed(&raw);
                }
                if let Some(kept) = kept {
                    self.balance.feed(&kept, 0);
                    self.out.push(Event::Html(kept.into()));
                }
                if !inline_html {
                    self.close_raw_links();
                }
            }
            other => self.out.push(other),
        }
        Ok(())
    }

    /// The table's box, reachable with the keyboard as on the site, and named so
    /// that no two boxes of the bundle share a name: the site's name ("Tableau 2,
    /// Étapes") and the procedure it belongs to.
    fn table_open(&self) -> String {
        let title = &self.refs.site.pages[self.page].src.front.title;
        let place = match self.section.as_str() {
            "" => title.clone(),
            section => format!("{section} ({title})"),
        };
        let word = self
            .strings
            .map
            .get("table_region")
            .map_or("Tableau", String::as_str);
        a11y::table_open(word, self.tables, &place)
    }

    /// Headings get the site's anchor, prefixed by the procedure id so that two
    /// procedures' `#etapes` do not collide in one file, and one level more than
    /// on the site: the bundle's title is its one `h1`, each procedure an `h2`.
    fn end_heading(&mut self, level: pulldown_cmark::HeadingLevel) {
        let Some((at, _, id, title)) = self.pending_heading.take() else {
            return;
        };
        let anchor = self
            .headings
            .unique(id.unwrap_or_else(|| crate::markdown::anchors::slugify(&title)));
        self.section = title;
        let tag = (level as u8 + 1).min(6);
        self.out[at] = Event::Html(
            format!(
                "<h{tag} id=\"{}\">",
                html_escape(&anchor_id(self.id, &anchor))
            )
            .into(),
        );
        self.out.push(Event::Html(format!("</h{tag}>\n").into()));
    }

    fn start_link(&mut self, dest: &str) {
        let (open, close) = match self.refs.link(self.page, dest) {
            Link::InBundle { page, anchor } => {
                let target_id = self.refs.site.pages[page].id();
                let href = match anchor {
                    Some(Anchor::Heading(n)) => self
                        .refs
                        .anchor(page, n)
                        .map_or_else(|| procedure_id(target_id), |a| anchor_id(target_id, a)),
                    // Raw ids are rewritten so, in `raw_html::self_contained`.
                    Some(Anchor::Raw(id)) => anchor_id(target_id, &id),
                    None => procedure_id(target_id),
                };
                let href = html_escape(&href);
                (
                    format!("<a href=\"#{href}\">"),
                    format!(
                        "</a> <span class=\"see\">[<a href=\"#{href}\">{}</a>]</span>",
                        html_escape(target_id)
                    ),
                )
            }
            Link::Elsewhere { page } => (
                String::new(),
                format!(
                    " <span class=\"see\">[{}, {}]</span>",
                    html_escape(self.refs.site.pages[page].id()),
                    html_escape(self.strings.get("print_elsewhere"))
                ),
            ),
            Link::Section(title) => (
                String::new(),
                format!(
                    " <span class=\"see\">[{} {}{}{}]</span>",
                    html_escape(self.strings.get("print_section")),
                    html_escape(self.strings.get("quote_open")),
                    html_escape(&title),
                    html_escape(self.strings.get("quote_close"))
                ),
            ),
            Link::Attachment(name) => (
                String::new(),
                format!(
                    " <span class=\"see\">[{}{}{}]</span>",
                    html_escape(self.strings.get("print_attachment")),
                    html_escape(self.strings.get("colon")),
                    html_escape(&name)
                ),
            ),
            Link::External(url) => (
                String::new(),
                endnote_call(self.id, &mut self.endnotes, url),
            ),
            Link::Unpublished => {
                self.skip_depth = 1;
                let notice = format!(
                    "<span class=\"unpublished\">{}</span>",
                    html_escape(self.strings.get("unpublished"))
                );
                self.out.push(Event::Html(notice.into()));
                return;
            }
            Link::Broken => (String::new(), String::new()),
        };
        if !open.is_empty() {
            self.out.push(Event::Html(open.into()));
        }
        self.closers.push(Some(close));
    }

    /// At the end of a paragraph or an HTML block: a raw link left open there
    /// still gets its address printed.
    fn close_raw_links(&mut self) {
        while let Some(href) = self.raw_links.pop() {
            if let Some(url) = href {
                let call = endnote_call(self.id, &mut self.endnotes, url);
                self.out.push(Event::Html(call.into()));
            }
        }
    }

    fn image(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest: CowStr<'r>,
        title: CowStr<'r>,
        id: CowStr<'r>,
    ) -> Result<(), PrintError> {
        match self.refs.image(self.page, &dest)? {
            Some(image) => {
                let data = format!("data:{};base64,{}", image.mime, base64(&image.bytes));
                self.out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: data.into(),
                    title,
                    id,
                }));
                self.closers.push(None);
            }
            None => {
                // No file to embed: the alternative text stands in its place.
                self.out.push(Event::Html(
                    format!(
                        "<span class=\"missing-image\">[{}{}",
                        html_escape(self.strings.get("print_image")),
                        html_escape(self.strings.get("colon"))
                    )
                    .into(),
                ));
                self.closers.push(Some("]</span>".to_string()));
            }
        }
        Ok(())
    }

    /// A raw `<img>`: embedded as a Markdown image is, or its alternative text.
    fn raw_image(&self, src: &str, alt: &str) -> Result<String, PrintError> {
        Ok(match self.refs.image(self.page, src)? {
            Some(image) => format!(
                "<img src=\"data:{};base64,{}\" alt=\"{}\">",
                image.mime,
                base64(&image.bytes),
                html_escape(alt)
            ),
            None => format!(
                "<span class=\"missing-image\">[{}{}{}]</span>",
                html_escape(self.strings.get("print_image")),
                html_escape(self.strings.get("colon")),
                html_escape(alt)
            ),
        })
    }

    fn footnote_number(&mut self, name: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self
            .footnotes
            .entry(markdown::note_name(name))
            .or_insert(next)
    }
}

/// Standard base64 (RFC 4648, padded), for data URIs.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
