//! Footnotes on the site: numbered in order of first appearance (as pulldown-cmark
//! numbers them), with ids of their own (`fn-N`, `fnref-N`) so a footnote named
//! like a heading (`[^etapes]` beside `## Étapes`) cannot duplicate its anchor, and
//! a link from each note back to where it is first called (when the call comes
//! first, as it usually does).

use unicase::UniCase;

use super::Renderer;
use crate::html::escape;

/// A note's name as pulldown-cmark matches a call to its definition: by Unicode
/// case folding, so `[^Note]` calls `[^note]: …`. Every writer keys notes by it.
pub type NoteName = UniCase<String>;

pub fn note_name(name: &str) -> NoteName {
    UniCase::new(name.to_string())
}

/// Each `[^label]` left in a text event, with its byte offset in `text`. A call
/// to a note that exists is a footnote event by then: these have no note.
fn calls_without_note(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices("[^").filter_map(move |(at, _)| {
        let rest = &text[at + 2..];
        let end = rest.find(']')?;
        let label = &rest[..end];
        let plain = !label.is_empty() && !label.contains(|c: char| c.is_whitespace() || c == '[');
        plain.then(|| (at, &text[at..at + 2 + end + 1]))
    })
}

impl Renderer<'_, '_> {
    /// Warns about `[^label]` calls whose note is nowhere: they print as they are.
    pub(super) fn check_footnote_calls(&mut self, text: &str, offset: usize) {
        if !text.contains("[^") {
            return;
        }
        for (_, call) in calls_without_note(text) {
            let Some(at) = self.unescaped_at(offset, call) else {
                continue;
            };
            let label = &call[2..call.len() - 1];
            self.warn(
                at,
                call.chars().count(),
                format!("footnote `{call}` has no note: it prints as it is"),
                Some(format!(
                    "add the note on a line of its own: `[^{label}]: …`"
                )),
            );
        }
    }
}

#[derive(Default)]
pub struct Footnotes {
    /// Names in order of first appearance, and whether a call has been written.
    names: Vec<(String, bool)>,
    /// Name → its place in `names`: a page with 50,000 notes stays linear.
    numbers: rustc_hash::FxHashMap<NoteName, usize>,
    /// The definition being written.
    open: Option<usize>,
    /// Each note's name and where its definition starts in the body.
    defined: Vec<(String, usize)>,
    /// Name → where its first definition starts.
    first_definition: rustc_hash::FxHashMap<NoteName, usize>,
}

impl Footnotes {
    fn number(&mut self, name: &str) -> usize {
        let key = note_name(name);
        match self.numbers.get(&key) {
            Some(&i) => i + 1,
            None => {
                self.numbers.insert(key, self.names.len());
                self.names.push((name.to_string(), false));
                self.names.len()
            }
        }
    }

    fn called(&self, name: &str) -> bool {
        (self.numbers.get(&note_name(name))).is_some_and(|&i| self.names[i].1)
    }

    /// The call `[^name]`: the first one gets the id the note links back to.
    pub fn reference(&mut self, name: &str, call_label: &str) -> String {
        let n = self.number(name);
        let first = !std::mem::replace(&mut self.names[n - 1].1, true);
        let id = if first {
            format!(" id=\"fnref-{n}\"")
        } else {
            String::new()
        };
        // "Note 1" rather than "1" to a screen reader listing the links.
        format!(
            "<sup class=\"footnote-reference\"{id}><a href=\"#fn-{n}\" aria-label=\"{} {n}\">{n}</a></sup>",
            escape(call_label)
        )
    }

    /// Opens the note `[^name]: …`, whose definition starts at `offset`. A note
    /// defined again prints under the same number without the id, which the
    /// first holds; the offset of that first definition comes back with it.
    pub fn start(&mut self, name: &str, offset: usize) -> (String, Option<usize>) {
        use std::collections::hash_map::Entry;
        let earlier = match self.first_definition.entry(note_name(name)) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(offset);
                self.defined.push((name.to_string(), offset));
                None
            }
        };
        let n = self.number(name);
        self.open = Some(n);
        let id = match earlier {
            None => format!(" id=\"fn-{n}\""),
            Some(_) => String::new(),
        };
        let html = format!(
            "<div class=\"footnote-definition\"{id}><sup class=\"footnote-definition-label\">{n}</sup>\n"
        );
        (html, earlier)
    }

    /// Closes the note, with its way back when it was called before it.
    pub fn end(&mut self, back_label: &str) -> String {
        let back = match self.open.take() {
            Some(n) if self.names[n - 1].1 => format!(
                "<a class=\"footnote-back\" href=\"#fnref-{n}\" aria-label=\"{} {n}\">↩</a>\n",
                escape(back_label)
            ),
            _ => String::new(),
        };
        format!("{back}</div>\n")
    }
}

impl Renderer<'_, '_> {
    /// Warns about notes nothing calls: each prints with a number no text points to.
    pub(super) fn report_uncalled_notes(&mut self) {
        let uncalled: Vec<(String, usize)> = self
            .footnotes
            .defined
            .iter()
            .filter(|(name, _)| !self.footnotes.called(name))
            .cloned()
            .collect();
        for (name, offset) in uncalled {
            let label = format!("[^{name}]");
            self.warn(
                offset,
                label.chars().count(),
                format!("footnote `{label}` is never called: its note prints with nothing pointing to it"),
                Some(format!("call it in the text with `{label}`, or delete the note")),
            );
        }
    }
}

impl Renderer<'_, '_> {
    /// Warns about a second `[^name]: …`: both notes print under one number,
    /// and every call leads to the first.
    pub(super) fn report_note_defined_again(&mut self, name: &str, offset: usize, first: usize) {
        let label = format!("[^{name}]");
        let (line, _) = crate::diag::line_col(self.src.text, self.src.body_offset + first);
        self.warn(
            offset,
            label.chars().count(),
            format!("footnote `{label}` is defined twice: its calls all lead to the note of line {line}, and this one prints under the same number"),
            Some("give this note a label of its own and call it where it belongs, or delete the copy".into()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_by_first_appearance_with_one_way_back() {
        let mut f = Footnotes::default();
        assert_eq!(
            f.reference("b", "Note"),
            "<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\" aria-label=\"Note 1\">1</a></sup>"
        );
        assert_eq!(
            f.reference("b", "Note"),
            "<sup class=\"footnote-reference\"><a href=\"#fn-1\" aria-label=\"Note 1\">1</a></sup>"
        );
        assert!(f.start("a", 0).0.contains("id=\"fn-2\""));
        assert_eq!(f.end("Retour"), "</div>\n", "never called: no way back");
        assert!(f.start("b", 5).0.contains("id=\"fn-1\""));
        assert_eq!(
            f.end("Retour \"au\" texte"),
            "<a class=\"footnote-back\" href=\"#fnref-1\" aria-label=\"Retour &quot;au&quot; texte 1\">↩</a>\n</div>\n"
        );
        let (again, earlier) = f.start("B", 9);
        assert!(
            !again.contains("id="),
            "the id stays with the first note: {again}"
        );
        assert_eq!(earlier, Some(5));
    }
}
