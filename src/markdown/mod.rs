//! Markdown → HTML with pulldown-cmark: anchors and table of contents, French
//! typography, link rewriting and checking, build-time highlighting, and the plain
//! text of each section for the search index. One pass over the events per page.

pub(crate) mod a11y;
pub mod anchors;
pub mod callouts;
pub(crate) mod css;
mod data_documents;
mod fold;
mod footnotes;
mod foreign;
mod form_labels;
mod heading_attrs;
mod headings;
pub mod highlight;
pub(crate) mod html_balance;
pub(crate) mod html_check;
pub(crate) mod html_comments;
mod html_cut;
pub(crate) mod html_tags;
pub(crate) mod html_text;
mod input;
pub mod links;
mod pasted;
mod references;
mod remote_links;
pub mod typography;
mod unread;
pub(crate) mod verbatim;

use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};

use crate::diag::Diagnostic;
use crate::model::Site;
use anchors::AnchorSet;
use fold::push_collapsed;
pub use footnotes::{note_name, NoteName};
pub use input::{Settings, Source, Words};
pub use links::Target;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A section of plain text for the search index: the text under one heading.
#[derive(Debug, Clone, Default)]
pub struct PlainSection {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// A link to another page's anchor, checked once every page has its anchors.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub target: Option<Target>,
    pub anchor: String,
    /// The destination as written, and where in the body the search for it
    /// starts (the link's own start): what a missing anchor's error underlines,
    /// found only then (a reference link's destination is at the page's end).
    pub dest: String,
    pub search_from: usize,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: Vec<String>,
    /// (loose key of its text, anchor) of each heading given its anchor with
    /// `{#…}`: what a link written after the heading's text means.
    pub titled_anchors: Vec<(String, String)>,
    pub anchor_refs: Vec<AnchorRef>,
    pub sections: Vec<PlainSection>,
    /// Remote URLs of the page's external links, in order, for print endnotes.
    pub external_links: Vec<String>,
    /// Files of `content/` the page links to or shows (`site.assets` indexes).
    pub assets: Vec<usize>,
    pub diags: Vec<Diagnostic>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(site: &Site, src: &Source, settings: &Settings) -> Rendered {
    let body = &src.text[src.body_offset..];
    let mut r = Renderer {
        site,
        src,
        settings,
        out: Vec::with_capacity(body.len() / 16),
        anchors: AnchorSet::default(),
        result: Rendered::default(),
        current: PlainSection::default(),
        skip_link_depth: 0,
        task_label_open: false,
        tables: 0,
        code_blocks: 0,
        heading: String::new(),
        heading_level: 1,
        footnotes: footnotes::Footnotes::default(),
        html_balance: html_balance::Balance::default(),
        comments: html_comments::CommentStripper::default(),
        html_text: html_text::HtmlText::default(),
        raw_ids: Vec::new(),
        inline_style: None,
        image_ends: Vec::new(),
        links_open: Vec::new(),
        verbatim: verbatim::Verbatim::default(),
        line_index: std::cell::OnceCell::new(),
        code_after_html: false,
    };
    // `[text][label]` with no `[label]: …` anywhere shows as typed: noted here,
    // reported once the page is read.
    let undefined = std::cell::RefCell::new(Vec::new());
    let note_undefined = |link: pulldown_cmark::BrokenLink<'_>| {
        use pulldown_cmark::LinkType;
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            let collapsed = link.link_type == LinkType::Collapsed;
            undefined
                .borrow_mut()
                .push((link.span, link.reference.to_string(), collapsed));
        }
        None
    };
    let parser = Parser::new_with_broken_link_callback(body, options(), Some(note_undefined));
    let defines_labels = parser.reference_definitions().iter().next().is_some();
    let mut events = TextMergeWithOffset::new(parser.into_offset_iter()).peekable();
    while let Some((event, range)) = events.next() {
        r.event(event, range.start, &mut events);
    }
    drop(events);
    r.report_undefined_references(undefined.into_inner(), defines_labels);
    r.finish()
}

struct Renderer<'a, 's> {
    site: &'a Site,
    src: &'a Source<'s>,
    settings: &'a Settings<'a>,
    out: Vec<Event<'a>>,
    anchors: AnchorSet,
    result: Rendered,
    current: PlainSection,
    /// >0 while skipping the text of a link to an unpublished page.
    skip_link_depth: usize,
    /// Between a task's box and the end of its text (see `a11y::is_inline`).
    task_label_open: bool,
    footnotes: footnotes::Footnotes,
    /// Tables and code blocks so far, to name each box that may scroll.
    tables: usize,
    code_blocks: usize,
    /// The text of the last heading, which names the boxes under it, and its
    /// level (1 before the first: the page's title).
    heading: String,
    heading_level: u8,
    /// The body's raw HTML, checked for what reaches outside the text.
    html_balance: html_balance::Balance,
    /// Removes the comments of the body's raw HTML.
    comments: html_comments::CommentStripper,
    /// Reads the text of the body's raw HTML blocks, for search.
    html_text: html_text::HtmlText,
    /// Anchors the raw HTML defines (`id="…"`, `<a name="…">`).
    raw_ids: Vec<String>,
    /// Inside a paragraph's `<style>`: its text so far, and where it starts.
    inline_style: Option<(Vec<CowStr<'a>>, usize)>,
    /// One per open image: how it is closed (a remote image is written as a link,
    /// which a page read offline does not fetch, or as text inside a link).
    image_ends: Vec<ImageEnd>,
    /// One per open link: whether its tag was written. A link inside a link
    /// (an image's alternative text, a remote image made a link) keeps only its
    /// text, as a browser would otherwise split the outer link.
    links_open: Vec<bool>,
    /// Raw `<code>`, `<kbd>`… open in the paragraph: their text keeps its spaces.
    verbatim: verbatim::Verbatim,
    /// Built at the first problem: a page with thousands stays linear.
    line_index: std::cell::OnceCell<crate::diag::LineIndex>,
    /// An indented code block comes right after a raw HTML block (see `html_cut`).
    code_after_html: bool,
}

type Events<'a, I> = std::iter::Peekable<I>;

/// What closes an image: its own tag, the link a remote image is written as, or
/// nothing (a remote image inside a link is its text and a note).
#[derive(Clone, Copy, PartialEq)]
enum ImageEnd {
    Image,
    Link,
    Note,
}

/// `events` with each HTML block's lines joined into one `Html` event, as the
/// site reads them (see [`html_block`]): print must see the same fragments.
pub(crate) fn joined_html_blocks<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    let mut events = events.map(|e| (e, 0..0));
    std::iter::from_fn(move || match events.next()? {
        (Event::Start(Tag::HtmlBlock), _) => Some(Event::Html(html_block(&mut events))),
        (event, _) => Some(event),
    })
}

/// The text of an HTML block whose start was just read, up to its end: its lines
/// come one event each.
pub(crate) fn html_block<'a, I>(events: &mut I) -> CowStr<'a>
where
    I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
{
    let mut lines: Vec<CowStr<'a>> = Vec::new();
    for (event, _) in events.by_ref() {
        match event {
            Event::End(TagEnd::HtmlBlock) => break,
            Event::Html(line) | Event::Text(line) => lines.push(line),
            _ => {}
        }
    }
    if lines.len() == 1 {
        if let Some(line) = lines.pop() {
            return line;
        }
    }
    CowStr::from(lines.concat())
}

impl<'a, 's> Renderer<'a, 's> {
    fn event<I>(&mut self, event: Event<'a>, offset: usize, events: &mut Events<'a, I>)
    where
        I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    {
        if self.skip_link_depth > 0 {
            match event {
                Event::Start(Tag::Link { .. }) => self.skip_link_depth += 1,
                Event::End(TagEnd::Link) => self.skip_link_depth -= 1,
                _ => {}
            }
            return;
        }
        if self.task_label_open && !a11y::is_inline(&event) {
            self.close_task_label();
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.heading(level, id, classes, attrs, offset, events),
            Event::Start(Tag::CodeBlock(kind)) => self.code_block(kind, offset, events),
            Event::Start(Tag::HtmlBlock) => {
                // One fragment for the whole block: a tag or an element may run
                // over several of its lines (an attribute on the next line).
                let block = html_block(events);
                self.event(Event::Html(block), offset, events);
                self.code_after_html = matches!(
                    events.peek(),
                    Some((Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)), _))
                );
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(len) = self.empty_label(offset, "[") {
                    self.check_empty_link(&dest_url, offset, len);
                }
                self.link(link_type, dest_url, title, id, offset);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(len) = self.empty_label(offset, "![") {
                    self.check_no_alternative(&dest_url, offset, len);
                }
                self.image(link_type, dest_url, title, id, offset);
            }
            // The sheet of a `<style>` written inside a paragraph: held back until
            // its `</style>` says whether it may be published.
            Event::Text(text) if self.inline_style.is_some() => {
                if let Some((sheet, _)) = self.inline_style.as_mut() {
                    sheet.push(text);
                }
            }
            // Inside a raw `<code>` or `<kbd>`: written as it stands, as code is,
            // and found by search unless it is a script's, which no reader sees.
            Event::Text(text) if self.verbatim.inside() => {
                if !self.verbatim.unshown() {
                    self.collect(&text);
                }
                self.out.push(Event::Text(text));
            }
            Event::Text(text) => {
                self.collect(&text);
                self.check_footnote_calls(&text, offset);
                self.check_unread_links(&text, offset);
                if foreign::may_hold(&text) {
                    self.check_foreign_syntax(&text, offset);
                }
                if text.starts_with("[!") {
                    self.check_callout_marker(&text, offset);
                }
                if pasted::may_start_item(&text) {
                    let joined = matches!(self.out.last(), Some(Event::SoftBreak));
                    self.check_pasted_list(&text, offset, joined);
                }
                self.push_prose(text);
            }
            Event::Code(code) => {
                self.collect(&code);
                self.out.push(Event::Code(code));
            }
            Event::InlineHtml(html) => {
                let html = self.raw_html(html, offset);
                self.inline_style_tag(&html, offset);
                self.verbatim.feed(&html);
                self.out.push(Event::Html(html));
            }
            Event::Html(html) => {
                let html = self.raw_html(html, offset);
                if self.settings.collect_text {
                    // A page written in raw HTML is found by its words too.
                    let mut text = String::new();
                    html_text::plain(&mut self.html_text, &html, &mut text);
                    self.collect(&text);
                }
                self.out.push(Event::Html(html));
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::End(TagEnd::Link) => self.end_link(),
            Event::SoftBreak | Event::HardBreak => {
                self.collect(" ");
                self.out.push(event);
            }
            Event::FootnoteReference(name) => {
                let call = self
                    .footnotes
                    .reference(&name, &self.settings.words.footnote_call);
                self.out.push(Event::Html(CowStr::from(call)));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let (start, earlier) = self.footnotes.start(&name, offset);
                if let Some(first) = earlier {
                    self.report_note_defined_again(&name, offset, first);
                }
                self.out.push(Event::Html(CowStr::from(start)));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let end = self.footnotes.end(&self.settings.words.footnote_back);
                self.out.push(Event::Html(CowStr::from(end)));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let title = self.settings.words.callout_title(kind);
                self.out
                    .push(Event::Html(CowStr::from(callouts::open(kind, title))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.out
                    .push(Event::Html(CowStr::Borrowed(callouts::CLOSE)));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                self.end_inline_style();
                self.verbatim.reset();
                self.collect(" ");
                self.out.push(event);
            }
            Event::TaskListMarker(done) => {
                self.out
                    .push(Event::InlineHtml(CowStr::Borrowed(a11y::task_open(done))));
                self.task_label_open = true;
            }
            Event::Start(Tag::Table(_)) => {
                self.tables += 1;
                let open = a11y::table_open(&self.settings.words.table, self.tables, &self.heading);
                self.out.push(Event::Html(CowStr::from(open)));
                self.out.push(event);
            }
            Event::End(TagEnd::Table) => {
                self.out.push(event);
                self.out
                    .push(Event::Html(CowStr::Borrowed(a11y::TABLE_CLOSE)));
            }
            Event::Rule => {
                self.check_column_rule(offset);
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    fn close_task_label(&mut self) {
        self.out
            .push(Event::InlineHtml(CowStr::Borrowed(a11y::TASK_CLOSE)));
        self.task_label_open = false;
    }

    fn typeset(&self, text: CowStr<'a>) -> CowStr<'a> {
        if self.settings.french && typography::needs_french(&text) {
            CowStr::from(typography::french(&text))
        } else {
            text
        }
    }

    /// Prose as French print sets it: typeset, ordinal letters raised (`1<sup>er</sup>`).
    fn push_prose(&mut self, text: CowStr<'a>) {
        let text = self.typeset(text);
        if self.settings.french {
            typography::push_raising_ordinals(text, &mut self.out);
        } else {
            self.out.push(Event::Text(text));
        }
    }

    fn collect(&mut self, text: &str) {
        if self.settings.collect_text {
            push_collapsed(&mut self.current.text, text);
        }
    }

    fn code_block<I>(&mut self, kind: CodeBlockKind<'a>, offset: usize, events: &mut Events<'a, I>)
    where
        I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    {
        let mut code = String::new();
        for (event, _) in events.by_ref() {
            match event {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) => code.push_str(&t),
                _ => {}
            }
        }
        self.collect(&code);
        if std::mem::take(&mut self.code_after_html) && html_cut::starts_with_tag(&code) {
            self.report_cut_html(&code, offset);
        }
        let lang = match &kind {
            CodeBlockKind::Fenced(info) => highlight::fence_language(info).to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        // What other tools write for "no highlighting, please".
        const PLAIN: &[&str] = &[
            "text",
            "plain",
            "plaintext",
            "none",
            "nohighlight",
            "no-highlight",
            "output",
        ];
        let plain = PLAIN.contains(&lang.to_ascii_lowercase().as_str());
        let raw = self.check_raw_block(&lang, &code, offset);
        let highlighted = if lang.is_empty() || plain || raw || !self.settings.highlight {
            None
        } else {
            let h = highlight::highlight(&code, &lang);
            if h.is_none() {
                self.warn(
                    offset,
                    lang.len() + 3,
                    format!("unknown code language `{lang}`: shown without highlighting"),
                    Some("use e.g. bash, powershell, yaml, json, sql, or no language".into()),
                );
            }
            h
        };
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape_attr(&lang))
        };
        let body = highlighted.unwrap_or_else(|| escape_text(&code));
        self.code_blocks += 1;
        let region =
            a11y::scroll_region(&self.settings.words.code, self.code_blocks, &self.heading);
        self.out.push(Event::Html(CowStr::from(format!(
            "<pre class=\"code\" {region}><code{class}>{body}</code></pre>\n"
        ))));
    }

    fn error(&mut self, offset: usize, len: usize, message: String, help: Option<String>) {
        let d = Diagnostic::error(self.src.file, message);
        self.push_diag(d, offset, len, help);
    }

    fn warn(&mut self, offset: usize, len: usize, message: String, help: Option<String>) {
        let d = Diagnostic::warning(self.src.file, message);
        self.push_diag(d, offset, len, help);
    }

    fn push_diag(&mut self, d: Diagnostic, offset: usize, len: usize, help: Option<String>) {
        let at = self.src.body_offset + offset;
        let lines = self
            .line_index
            .get_or_init(|| crate::diag::LineIndex::new(self.src.text));
        let d = d.at_offset_indexed(self.src.text, lines, at, len);
        self.result.diags.push(d.help_opt(help));
    }

    fn finish(mut self) -> Rendered {
        if self.task_label_open {
            self.close_task_label();
        }
        self.end_inline_style();
        let closers = self.report_html_balance();
        self.report_unlabelled_controls();
        self.report_unnamed_raw_links();
        self.report_uncalled_notes();
        if self.settings.collect_text {
            self.flush_section();
        }
        let mut html_out = String::with_capacity(self.src.text.len() * 3 / 2);
        html::push_html(&mut html_out, self.out.into_iter());
        html_out.push_str(&closers);
        self.result.html = html_out;
        self.result.anchors = self.anchors.list;
        self.result.anchors.append(&mut self.raw_ids);
        self.result
    }
}

pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html_body_text(&mut out, s).ok();
    out
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).ok();
    out
}
