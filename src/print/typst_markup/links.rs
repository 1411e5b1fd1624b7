//! Where the text points out of itself: links (to a sheet of the bundle, one
//! elsewhere, a file, the web) and footnotes, typeset at their first call.

use pulldown_cmark::Event;

use super::{heading_label, procedure_label, Frame, Kind, Writer};
use crate::markdown;
use crate::print::refs::{endnote_text, Anchor, Link};
use crate::print::typst_syntax::string;
use crate::print::PrintError;

/// Notes typeset inside one another at most (a note calling a note…); deeper
/// calls point to a note typeset after the text. Each level costs Typst's parser
/// a few of its levels, on top of the Markdown nesting inside each note.
const MAX_NOTE_DEPTH: usize = 2;

impl<'e> Writer<'_, '_, 'e> {
    pub(super) fn start_link(&mut self, dest: &str) {
        let (open, close) = match self.refs.link(self.page, dest) {
            Link::InBundle { page, anchor } => {
                let Some(position) = self.refs.position(page) else {
                    return self.closers.push(String::new());
                };
                // Raw HTML prints as its text, with no label to land on: a link
                // to one of its ids goes to the procedure.
                let label = match anchor {
                    Some(Anchor::Heading(n)) => heading_label(position, n),
                    Some(Anchor::Raw(_)) | None => procedure_label(position),
                };
                let id = self.refs.site.pages[page].id();
                (
                    format!("#link({label})["),
                    format!("]; #pb-see({}, {label});", string(id)),
                )
            }
            Link::Elsewhere { page } => (
                String::new(),
                format!(
                    " #pb-see-elsewhere({});",
                    string(self.refs.site.pages[page].id())
                ),
            ),
            Link::Section(title) => (
                String::new(),
                format!(" #pb-see-section({});", string(&title)),
            ),
            Link::Attachment(name) => (
                String::new(),
                format!(" #pb-attachment({});", string(&name)),
            ),
            Link::External(url) => {
                self.endnotes.push(endnote_text(&url).to_string());
                (
                    String::new(),
                    format!("#pb-noteref({});", self.endnotes.len()),
                )
            }
            Link::Unpublished => {
                self.skip_depth = 1;
                self.write("#pb-unpublished();");
                return;
            }
            Link::Broken => (String::new(), String::new()),
        };
        self.write(&open);
        self.closers.push(close);
    }

    /// A raw `<a href>` has no Typst meaning, but its address is what a reader
    /// of paper needs (a phone number behind "le standard"): an endnote, as a
    /// Markdown link to the web gets.
    pub(super) fn raw_link_endnote(&mut self, href: Option<String>) {
        if let Some(url) = href {
            self.endnotes.push(endnote_text(&url).to_string());
            let call = format!("#pb-noteref({});", self.endnotes.len());
            self.write(&call);
        }
    }

    /// At the end of a paragraph or an HTML block: a raw link left open there
    /// still gets its address printed.
    pub(super) fn close_raw_links(&mut self) {
        while let Some(href) = self.raw_links.pop() {
            self.raw_link_endnote(href);
        }
    }

    /// After a heading that called notes: a labelled point in the text where the
    /// footnote counter holds their numbers, and how later calls print them.
    pub(super) fn heading_notes_marker(&mut self) -> String {
        if self.heading_notes.is_empty() {
            return String::new();
        }
        let marker = format!("<pb-{}-fnh{}>", self.position, self.heading_markers);
        self.heading_markers += 1;
        let notes = std::mem::take(&mut self.heading_notes);
        for (i, name) in notes.iter().enumerate() {
            // The counter after the heading counts every note in it.
            let before_last = notes.len() - 1 - i;
            let call = format!(
                "#super[#context str(counter(footnote).at({marker}).first() - {before_last})]"
            );
            self.footnote_labels.insert(name.clone(), call);
        }
        format!("#metadata(none) {marker}\n")
    }

    /// A footnote is typeset at its first reference; later ones point to it.
    pub(super) fn footnote(&mut self, name: &str) -> Result<(), PrintError> {
        let name = markdown::note_name(name);
        if let Some(call) = self.footnote_labels.get(&name) {
            let call = call.clone();
            self.write(&call);
            return Ok(());
        }
        let Some(def) = self.footnotes.get(&name) else {
            return Ok(());
        };
        if self.note_depth >= MAX_NOTE_DEPTH && !self.in_heading {
            let label = format!("<pb-{}-fn{}>", self.position, self.footnote_labels.len());
            let call = format!("#footnote({label});");
            self.write(&call);
            self.footnote_labels.insert(name.clone(), call);
            self.deferred_notes.push((label, name));
            return Ok(());
        }
        // A label inside a heading cannot be referred to later: a note called
        // from a heading is typeset there, unlabelled, and later calls print its
        // number (see `heading_notes_marker`).
        let label = if self.in_heading {
            if !self.in_footnote {
                self.heading_notes.push(name.clone());
            }
            String::new()
        } else {
            let label = format!("<pb-{}-fn{}>", self.position, self.footnote_labels.len());
            let call = format!("#footnote({label});");
            self.footnote_labels.insert(name, call);
            label
        };
        let content = self.note_content(def)?;
        self.write(&format!("#footnote[{content}]{label}"));
        Ok(())
    }

    fn note_content(&mut self, def: &[Event<'e>]) -> Result<String, PrintError> {
        let was_in_footnote = std::mem::replace(&mut self.in_footnote, true);
        let was_in_heading = std::mem::replace(&mut self.in_heading, false);
        self.note_depth += 1;
        self.stack.push(Frame::new(Kind::Root));
        self.events(def)?;
        self.note_depth -= 1;
        self.in_footnote = was_in_footnote;
        self.in_heading = was_in_heading;
        let content = self.stack.pop().map(|f| f.buf).unwrap_or_default();
        Ok(content.trim().to_string())
    }

    /// Notes called too deep inside other notes, typeset after the text under
    /// the label their calls point to; the notes they call in turn nest anew.
    pub(super) fn deferred_notes(&mut self) -> Result<(), PrintError> {
        let mut marks = String::new();
        let mut next = 0;
        while let Some((label, name)) = self.deferred_notes.get(next).cloned() {
            next += 1;
            let Some(def) = self.footnotes.get(&name) else {
                continue;
            };
            marks.push_str(&format!(
                "#hide[#footnote[{}]{label}]",
                self.note_content(def)?
            ));
        }
        if !marks.is_empty() {
            self.write(&format!("\n\n{marks}\n"));
        }
        Ok(())
    }

    /// Notes nothing calls (`check` warns of them) still print, as the site shows
    /// them: numbered at the end of the text, after the called ones. So does a
    /// second definition of a name, which no call reaches.
    pub(super) fn uncalled_notes(&mut self) -> Result<(), PrintError> {
        let notes = self.footnotes;
        let mut marks = String::new();
        for (i, (name, def)) in notes.defs.iter().enumerate() {
            if notes.is_first(i) && self.footnote_labels.contains_key(name) {
                continue;
            }
            marks.push_str(&format!("#footnote[{}]", self.note_content(def)?));
        }
        if !marks.is_empty() {
            self.write(&format!("\n\n{marks}\n"));
        }
        Ok(())
    }
}
