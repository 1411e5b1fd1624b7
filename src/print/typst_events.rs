//! The events of a procedure's Markdown made ready for Typst: nesting bounded
//! (Typst refuses source nested past its parser's limit), and footnote
//! definitions set apart (Typst typesets a footnote where it is referenced).

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::{note_name, NoteName};

/// Markdown nesting (quotes, lists, emphasis…) kept in the PDF. Typst refuses
/// source nested past its parser's limit, and each Markdown level costs a few of
/// its levels; no real procedure comes near this.
pub(super) const MAX_NESTING: usize = 24;

/// The events with every container opened deeper than `max` left out, its content
/// kept: text nested 5,000 quotes deep prints as text instead of failing the PDF.
pub(super) fn within_depth<'e>(
    events: impl Iterator<Item = Event<'e>>,
    max: usize,
) -> impl Iterator<Item = Event<'e>> {
    // Whether each open container was kept, innermost last.
    let mut open: Vec<bool> = Vec::new();
    let mut kept_depth = 0;
    events.filter(move |event| match event {
        Event::Start(tag) if nests(&tag.to_end()) => {
            let keep = kept_depth < max;
            kept_depth += usize::from(keep);
            open.push(keep);
            keep
        }
        Event::End(tag) if nests(tag) => {
            let keep = open.pop().unwrap_or(true);
            kept_depth -= usize::from(keep);
            keep
        }
        _ => true,
    })
}

fn nests(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
    )
}

/// A procedure's footnote definitions, in the order they are written.
#[derive(Default)]
pub(super) struct Notes<'e> {
    pub defs: Vec<(NoteName, Vec<Event<'e>>)>,
    /// Name → its first definition, the one a call shows (as on the site).
    first: HashMap<NoteName, usize>,
}

impl<'e> Notes<'e> {
    pub fn get(&self, name: &NoteName) -> Option<&[Event<'e>]> {
        self.first.get(name).map(|&i| self.defs[i].1.as_slice())
    }

    /// Whether definition `i` is the one calls to its name show.
    pub fn is_first(&self, i: usize) -> bool {
        self.first.get(&self.defs[i].0) == Some(&i)
    }
}

/// Footnote definitions are taken out of the stream: Typst typesets a footnote where
/// it is referenced, so each definition is converted at its (first) reference.
pub(super) fn split_footnotes<'e>(
    events: impl Iterator<Item = Event<'e>>,
) -> (Vec<Event<'e>>, Notes<'e>) {
    let mut main = Vec::new();
    let mut notes = Notes::default();
    let mut current: Option<(NoteName, Vec<Event<'e>>)> = None;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(name)) => {
                current = Some((note_name(&name), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((name, body)) = current.take() {
                    let i = notes.defs.len();
                    notes.first.entry(name.clone()).or_insert(i);
                    notes.defs.push((name, body));
                }
            }
            other => match current.as_mut() {
                Some((_, body)) => body.push(other),
                None => main.push(other),
            },
        }
    }
    (main, notes)
}
