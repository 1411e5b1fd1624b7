//! Raw HTML elements written inside a paragraph whose text is code or what a
//! reader types (`<code>`, `<kbd>`, `<samp>`…): French spacing must not touch it,
//! as it does not touch Markdown's own code. Markdown hands such an element over
//! in pieces (the start tag, the text, the end tag), so the open ones are counted.

/// Elements whose text is shown or run as written.
const ELEMENTS: &[&str] = &[
    "code", "kbd", "samp", "tt", "pre", "textarea", "script", "style",
];

#[derive(Default)]
pub struct Verbatim {
    open: usize,
}

impl Verbatim {
    /// Counts the verbatim elements `html` (inline raw HTML, comments removed)
    /// opens and closes.
    pub fn feed(&mut self, html: &str) {
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            rest = &rest[lt + 1..];
            let (closing, tag) = match rest.strip_prefix('/') {
                Some(after) => (true, after),
                None => (false, rest),
            };
            let len = tag
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len());
            let name = &tag[..len];
            if !ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name)) {
                continue;
            }
            let end = tag.find('>').unwrap_or(tag.len());
            if closing {
                self.open = self.open.saturating_sub(1);
            } else if !tag[..end].ends_with('/') {
                self.open += 1;
            }
        }
    }

    /// Whether text read now is inside such an element.
    pub fn inside(&self) -> bool {
        self.open > 0
    }

    /// At the end of a paragraph, an item or a cell: an element left open there
    /// does not reach the next one.
    pub fn reset(&mut self) {
        self.open = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside_after(pieces: &[&str]) -> bool {
        let mut v = Verbatim::default();
        pieces.iter().for_each(|p| v.feed(p));
        v.inside()
    }

    #[test]
    fn counts_code_elements_across_pieces() {
        assert!(inside_after(&["<code>"]));
        assert!(inside_after(&["<KBD class=\"k\">"]));
        assert!(!inside_after(&["<code>", "</code>"]));
        assert!(inside_after(&["<kbd>", "<kbd>", "</kbd>"]));
        assert!(!inside_after(&["<codex>", "<b>", "<code/>"]));
        assert!(!inside_after(&["</code>", "</code>"]));
        assert!(inside_after(&["</code>", "<samp>"]));
    }
}
