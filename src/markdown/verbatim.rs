//! Raw HTML elements written inside a paragraph whose text is code or what a
//! reader types (`<code>`, `<kbd>`, `<samp>`…): French spacing must not touch it,
//! as it does not touch Markdown's own code. Markdown hands such an element over
//! in pieces (the start tag, the text, the end tag), so the open ones are counted.
//! Of those, a `<script>` or a `<style>` shows nothing: its text is no reader's.

/// Elements whose text is shown or run as written.
const ELEMENTS: &[&str] = &[
    "code", "kbd", "samp", "tt", "pre", "textarea", "script", "style",
];
/// Those whose text is run, never shown.
const UNSHOWN: &[&str] = &["script", "style"];

#[derive(Default)]
pub struct Verbatim {
    open: usize,
    unshown: usize,
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
            let unshown = UNSHOWN.iter().any(|e| e.eq_ignore_ascii_case(name));
            if closing {
                self.open = self.open.saturating_sub(1);
                if unshown {
                    self.unshown = self.unshown.saturating_sub(1);
                }
            } else if !tag[..end].ends_with('/') {
                self.open += 1;
                self.unshown += usize::from(unshown);
            }
        }
    }

    /// Whether text read now is inside such an element.
    pub fn inside(&self) -> bool {
        self.open > 0
    }

    /// Whether text read now is a script's or a style sheet's: no reader sees it.
    pub fn unshown(&self) -> bool {
        self.unshown > 0
    }

    /// At the end of a paragraph, an item or a cell: an element left open there
    /// does not reach the next one.
    pub fn reset(&mut self) {
        self.open = 0;
        self.unshown = 0;
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

    #[test]
    fn scripts_and_sheets_are_unshown() {
        let mut v = Verbatim::default();
        v.feed("<code><SCRIPT type=module>");
        assert!(v.inside() && v.unshown());
        v.feed("</script>");
        assert!(v.inside() && !v.unshown(), "the <code> stays open");
        v.feed("<style>");
        v.reset();
        assert!(!v.unshown());
    }
}
