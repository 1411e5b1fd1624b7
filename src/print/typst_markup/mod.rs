//! A procedure's Markdown as Typst markup, by walking pulldown-cmark's events.
//!
//! Text is escaped so that nothing an author writes is read as Typst syntax; every
//! structure (lists, tables, code, images, links, footnotes) is written as a function
//! call with content blocks rather than as indentation-sensitive markup, and every
//! embedded call ends with `;` so the text after it cannot extend the expression.
//! The functions called (`pb-…`) are defined in `themes/default/print/bundle.typ`.

mod links;
mod text;

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::typst_events::{split_footnotes, within_depth, Notes, MAX_NESTING};
use super::typst_syntax::{code_call, list_call, string, table_call, ListItem};

use super::refs::Refs;
use super::PrintError;
use crate::markdown::html_text::HtmlText;
use crate::markdown::verbatim::Verbatim;
use crate::markdown::{self, callouts, html_comments, NoteName};

/// The markup of one procedure body and the URLs of its endnotes, in order.
pub struct Body {
    pub markup: String,
    pub endnotes: Vec<String>,
}

/// Images the bundle uses, by their path in the Typst world.
#[derive(Default)]
pub struct Images {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Path under `content/` → path in the Typst world.
    paths: HashMap<String, String>,
}

impl Images {
    /// The Typst path of the image at `rel` under `content/`: `/images/<n>.<ext>`,
    /// ASCII whatever the file is called, since the PDF's source text loses the
    /// characters its fonts lack (an emoji or a CJK file name would no longer be
    /// found).
    fn add(&mut self, image: super::refs::Image) -> String {
        let super::refs::Image { rel, mime, bytes } = image;
        if let Some(path) = self.paths.get(&rel) {
            return path.clone();
        }
        // Named for what the bytes are (Typst decodes by extension): a PNG saved
        // as `.JPG` still prints.
        let ext = mime.trim_start_matches("image/").trim_end_matches("+xml");
        let path = format!("/images/{}.{ext}", self.paths.len() + 1);
        self.paths.insert(rel.to_string(), path.clone());
        self.files.insert(path.clone(), bytes);
        path
    }

    /// The content path of the image at Typst `path`.
    pub fn source_of(&self, path: &str) -> Option<&str> {
        self.paths
            .iter()
            .find(|(_, p)| p.as_str() == path)
            .map(|(rel, _)| rel.as_str())
    }
}

/// Label of a procedure in the bundle (by position: ids may hold any character).
pub fn procedure_label(position: usize) -> String {
    format!("<pb-{position}>")
}

/// Label of the n-th heading (in `refs::page_anchors` order) of a procedure.
fn heading_label(position: usize, n: usize) -> String {
    format!("<pb-{position}-{n}>")
}

pub fn convert(
    refs: &Refs,
    page: usize,
    position: usize,
    images: &mut Images,
) -> Result<Body, PrintError> {
    let site = refs.site;
    let body = site.pages[page].src.body();
    let events = markdown::joined_html_blocks(Parser::new_ext(body, markdown::options()));
    let (main, footnotes) = split_footnotes(within_depth(events, MAX_NESTING));
    let mut w = Writer {
        refs,
        page,
        position,
        french: site.config.french_content(),
        images,
        stack: vec![Frame::new(Kind::Root)],
        closers: Vec::new(),
        skip_depth: 0,
        headings: 0,
        in_footnote: false,
        in_heading: false,
        footnotes: &footnotes,
        footnote_labels: HashMap::new(),
        heading_notes: Vec::new(),
        heading_markers: 0,
        endnotes: Vec::new(),
        word: 0,
        paragraphs: Vec::new(),
        comments: Default::default(),
        html_text: HtmlText::default(),
        verbatim: Verbatim::default(),
        scripts: Vec::new(),
        raw_links: Vec::new(),
        callouts: 0,
        note_depth: 0,
        deferred_notes: Vec::new(),
    };
    w.events(&main)?;
    w.close_raw_links();
    w.deferred_notes()?;
    w.uncalled_notes()?;
    let markup = w.stack.pop().map(|f| f.buf).unwrap_or_default();
    Ok(Body {
        markup,
        endnotes: w.endnotes,
    })
}

enum Kind {
    Root,
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
        loose: bool,
    },
    Item {
        /// Its task box: `Some(ticked)`.
        task: Option<bool>,
    },
    Table {
        aligns: Vec<Alignment>,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Row,
    Cell,
    Image {
        path: Option<String>,
    },
    Code {
        lang: String,
    },
}

struct Frame {
    kind: Kind,
    buf: String,
    /// Cells of the row being read (tables only).
    cells: Vec<String>,
}

impl Frame {
    fn new(kind: Kind) -> Frame {
        Frame {
            kind,
            buf: String::new(),
            cells: Vec::new(),
        }
    }
}

struct Writer<'a, 'r, 'e> {
    refs: &'r Refs<'a>,
    page: usize,
    position: usize,
    french: bool,
    images: &'r mut Images,
    stack: Vec<Frame>,
    /// What closes each open link, innermost last.
    closers: Vec<String>,
    /// >0 while dropping the text of a link to an unpublished page.
    skip_depth: usize,
    /// Headings seen outside footnotes: the index of the next heading label.
    headings: usize,
    in_footnote: bool,
    /// Inside a heading, whose labels Typst does not keep for references.
    in_heading: bool,
    footnotes: &'r Notes<'e>,
    /// Footnote name → how a later reference calls it, once typeset.
    footnote_labels: HashMap<NoteName, String>,
    /// Notes first called in the open heading, in order: Typst keeps no label
    /// there, so later calls print their number, read after the heading.
    heading_notes: Vec<NoteName>,
    /// Headings that called a note: the index of the next marker after one.
    heading_markers: usize,
    endnotes: Vec<String>,
    /// Characters of the word the text written last ends with.
    word: usize,
    /// Where each open paragraph starts: frame depth and offset in its buffer (a
    /// footnote's paragraphs open inside the one that calls it).
    paragraphs: Vec<(usize, usize)>,
    /// Removes the comments of the body's raw HTML.
    comments: html_comments::CommentStripper,
    /// Reads what raw HTML shows.
    html_text: HtmlText,
    /// Raw `<code>`, `<kbd>`… open in the paragraph: their text is printed as code.
    verbatim: Verbatim,
    /// Raw `<sup>` and `<sub>` open in the paragraph (`true` for `sup`),
    /// innermost last: their text is raised or lowered.
    scripts: Vec<bool>,
    /// Raw `<a>` open in the paragraph, innermost last: the web, mail or phone
    /// address each prints as an endnote where it closes.
    raw_links: Vec<Option<String>>,
    /// Callouts open. Only the outermost is kept on one page: keeping measures
    /// its content once more, so each nested keep tripled the typesetting.
    callouts: usize,
    /// Notes being typeset inside one another (a note that calls a note…).
    note_depth: usize,
    /// Notes called too deep inside others, typeset after the text: Typst
    /// refuses source nested past its parser's limit. Label and name.
    deferred_notes: Vec<(String, NoteName)>,
}

impl<'e> Writer<'_, '_, 'e> {
    fn out(&mut self) -> &mut String {
        // The root frame is never popped while events are written.
        let last = self.stack.len() - 1;
        &mut self.stack[last].buf
    }

    /// A paragraph ending with a colon announces what follows (a table, a list,
    /// code): it is made to stick to it, never left alone at a page's foot.
    fn keep_lead_in_with_next(&mut self) {
        let Some((depth, at)) = self.paragraphs.pop() else {
            return;
        };
        // A note's text goes beside its number at the page's foot: stuck to
        // nothing, or the number would sit alone on its line.
        if depth + 1 != self.stack.len() || self.in_footnote {
            return;
        }
        let buf = &mut self.stack[depth].buf;
        if buf.get(at..).is_some_and(|p| p.trim_end().ends_with(':')) {
            buf.insert_str(at, "#block(sticky: true)[");
            buf.push(']');
        }
    }

    fn write(&mut self, s: &str) {
        self.out().push_str(s);
    }

    /// Inside a code block or an image's alternative text, text is taken as it is.
    fn in_raw_frame(&self) -> bool {
        matches!(
            self.stack.last().map(|f| &f.kind),
            Some(Kind::Code { .. } | Kind::Image { .. })
        )
    }

    /// Inside a table cell (or a link, emphasis… in one), where a column may be
    /// narrower than a path or an address.
    fn in_cell(&self) -> bool {
        self.stack.iter().any(|f| matches!(f.kind, Kind::Cell))
    }

    fn events(&mut self, events: &[Event<'e>]) -> Result<(), PrintError> {
        for event in events {
            self.event(event)?;
        }
        Ok(())
    }

    fn event(&mut self, event: &Event<'e>) -> Result<(), PrintError> {
        if self.skip_depth > 0 {
            match event {
                Event::Start(Tag::Link { .. }) => self.skip_depth += 1,
                Event::End(TagEnd::Link) => self.skip_depth -= 1,
                _ => {}
            }
            return Ok(());
        }
        match event {
            Event::Start(tag) => self.start(tag)?,
            Event::End(tag) => self.end(*tag),
            // The text of a paragraph's `<script>` or `<style>`: nothing to print.
            Event::Text(_) | Event::Code(_) if self.verbatim.unshown() && !self.in_raw_frame() => {}
            Event::Text(text) if self.verbatim.inside() && !self.in_raw_frame() => {
                let call = format!("#raw({});", string(text));
                self.write(&call);
            }
            Event::Text(text) if self.in_raw_frame() => self.write(text),
            Event::Text(text) => self.prose(text),
            Event::Code(code) if self.in_raw_frame() => self.write(code),
            Event::Code(code) => self.inline_code(code),
            Event::SoftBreak => self.write(" "),
            Event::HardBreak => self.write("#linebreak();"),
            Event::Rule => self.write("\n#line(length: 100%)\n\n"),
            Event::TaskListMarker(ticked) => {
                if let Some(Frame {
                    kind: Kind::Item { task },
                    ..
                }) = self.stack.last_mut()
                {
                    *task = Some(*ticked);
                }
            }
            Event::FootnoteReference(name) => self.footnote(name)?,
            Event::Html(raw) => {
                self.raw_html(raw, "\n\n")?;
                self.close_raw_links();
            }
            // Inside a paragraph, a block's start or end is no new paragraph.
            Event::InlineHtml(raw) => {
                let kept = self.raw_html(raw, " ")?;
                self.verbatim.feed(&kept);
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
        Ok(())
    }

    fn start(&mut self, tag: &Tag<'e>) -> Result<(), PrintError> {
        match tag {
            Tag::Paragraph => {
                let depth = self.stack.len() - 1;
                let at = self.stack[depth].buf.len();
                self.paragraphs.push((depth, at));
            }
            Tag::Heading { level, .. } => {
                let level = (*level as usize).max(2);
                let marks = "=".repeat(level);
                self.in_heading = true;
                self.write(&format!("\n{marks} "));
            }
            Tag::BlockQuote(Some(kind)) => {
                let keep = if self.callouts == 0 {
                    ""
                } else {
                    ", keep: false"
                };
                let call = format!("\n#pb-callout({}{keep})[", string(callouts::class(*kind)));
                self.callouts += 1;
                self.write(&call);
            }
            Tag::BlockQuote(None) => self.write("\n#pb-quote["),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        markdown::highlight::fence_language(info).to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.stack.push(Frame::new(Kind::Code { lang }));
            }
            Tag::List(start) => self.stack.push(Frame::new(Kind::List {
                start: *start,
                items: Vec::new(),
                loose: false,
            })),
            Tag::Item => self.stack.push(Frame::new(Kind::Item { task: None })),
            Tag::Table(aligns) => self.stack.push(Frame::new(Kind::Table {
                aligns: aligns.clone(),
                head: Vec::new(),
                rows: Vec::new(),
            })),
            Tag::TableHead | Tag::TableRow => self.stack.push(Frame::new(Kind::Row)),
            Tag::TableCell => self.stack.push(Frame::new(Kind::Cell)),
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough if self.in_raw_frame() => {}
            Tag::Emphasis => self.write("#emph["),
            Tag::Strong => self.write("#strong["),
            Tag::Strikethrough => self.write("#strike["),
            Tag::Link { dest_url, .. } => self.start_link(dest_url),
            Tag::Image { dest_url, .. } => {
                let path = match self.refs.image(self.page, dest_url)? {
                    Some(image) => Some(self.images.add(image)),
                    None => None,
                };
                self.stack.push(Frame::new(Kind::Image { path }));
            }
            Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) {
            self.verbatim.reset();
            self.scripts.clear();
            self.close_raw_links();
        }
        match tag {
            TagEnd::Paragraph => {
                self.keep_lead_in_with_next();
                if let Some(Frame {
                    kind: Kind::List { loose, .. },
                    ..
                }) = self.stack.iter_mut().rev().nth(1)
                {
                    *loose = true;
                }
                self.write("\n\n");
            }
            TagEnd::Heading(_) => {
                self.in_heading = false;
                let label = if self.in_footnote {
                    String::new()
                } else {
                    let label = heading_label(self.position, self.headings);
                    self.headings += 1;
                    format!(" {label}")
                };
                let marker = self.heading_notes_marker();
                self.write(&format!("{label}\n{marker}\n"));
            }
            TagEnd::BlockQuote(kind) => {
                self.callouts -= usize::from(kind.is_some());
                self.write("]\n\n");
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                if !self.in_raw_frame() {
                    self.write("];");
                }
            }
            TagEnd::Link => {
                if let Some(closer) = self.closers.pop() {
                    self.write(&closer);
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame {
                    kind: Kind::Code { lang },
                    buf,
                    ..
                }) = self.stack.pop()
                {
                    let lang = if lang.is_empty() {
                        "none".to_string()
                    } else {
                        string(&lang)
                    };
                    let code = buf.strip_suffix('\n').unwrap_or(&buf);
                    self.write(&code_call(&lang, code));
                }
            }
            TagEnd::Item => {
                if let Some(Frame {
                    kind: Kind::Item { task },
                    buf,
                    ..
                }) = self.stack.pop()
                {
                    if let Some(Frame {
                        kind: Kind::List { items, .. },
                        ..
                    }) = self.stack.last_mut()
                    {
                        items.push((task, buf.trim().to_string()));
                    }
                }
            }
            TagEnd::List(_) => {
                if let Some(Frame {
                    kind:
                        Kind::List {
                            start,
                            items,
                            loose,
                        },
                    ..
                }) = self.stack.pop()
                {
                    let call = list_call(start, &items, loose);
                    self.write(&call);
                }
            }
            TagEnd::TableCell => {
                if let Some(cell) = self.stack.pop() {
                    if let Some(row) = self.stack.last_mut() {
                        row.cells.push(cell.buf.trim().to_string());
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(row) = self.stack.pop() {
                    if let Some(Frame {
                        kind: Kind::Table { head, rows, .. },
                        ..
                    }) = self.stack.last_mut()
                    {
                        if tag == TagEnd::TableHead {
                            *head = row.cells;
                        } else {
                            rows.push(row.cells);
                        }
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Frame {
                    kind: Kind::Table { aligns, head, rows },
                    ..
                }) = self.stack.pop()
                {
                    let call = table_call(&aligns, &head, &rows);
                    self.write(&call);
                }
            }
            TagEnd::Image => {
                if let Some(Frame {
                    kind: Kind::Image { path },
                    buf,
                    ..
                }) = self.stack.pop()
                {
                    let call = match path {
                        Some(path) => format!("#pb-image({}, {});", string(&path), string(&buf)),
                        None => format!("#pb-missing-image({});", string(&buf)),
                    };
                    self.write(&call);
                }
            }
            TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }
}
