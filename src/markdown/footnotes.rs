//! Footnotes on the site: numbered in order of first appearance (as pulldown-cmark
//! numbers them), with ids of their own (`fn-N`, `fnref-N`) so a footnote named
//! like a heading (`[^etapes]` beside `## Étapes`) cannot duplicate its anchor, and
//! a link from each note back to where it is first called (when the call comes
//! first, as it usually does).

use crate::html::escape;

#[derive(Default)]
pub struct Footnotes {
    /// Names in order of first appearance, and whether a call has been written.
    names: Vec<(String, bool)>,
    /// The definition being written.
    open: Option<usize>,
}

impl Footnotes {
    fn number(&mut self, name: &str) -> usize {
        match self.names.iter().position(|(n, _)| n == name) {
            Some(i) => i + 1,
            None => {
                self.names.push((name.to_string(), false));
                self.names.len()
            }
        }
    }

    /// The call `[^name]`: the first one gets the id the note links back to.
    pub fn reference(&mut self, name: &str) -> String {
        let n = self.number(name);
        let first = !std::mem::replace(&mut self.names[n - 1].1, true);
        let id = if first {
            format!(" id=\"fnref-{n}\"")
        } else {
            String::new()
        };
        format!("<sup class=\"footnote-reference\"{id}><a href=\"#fn-{n}\">{n}</a></sup>")
    }

    /// Opens the note `[^name]: …`.
    pub fn start(&mut self, name: &str) -> String {
        let n = self.number(name);
        self.open = Some(n);
        format!(
            "<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
        )
    }

    /// Closes the note, with its way back when it was called before it.
    pub fn end(&mut self, back_label: &str) -> String {
        let back = match self.open.take() {
            Some(n) if self.names[n - 1].1 => format!(
                "<a class=\"footnote-back\" href=\"#fnref-{n}\" aria-label=\"{}\">↩</a>\n",
                escape(back_label)
            ),
            _ => String::new(),
        };
        format!("{back}</div>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_by_first_appearance_with_one_way_back() {
        let mut f = Footnotes::default();
        assert_eq!(
            f.reference("b"),
            "<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup>"
        );
        assert_eq!(
            f.reference("b"),
            "<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup>"
        );
        assert!(f.start("a").contains("id=\"fn-2\""));
        assert_eq!(f.end("Retour"), "</div>\n", "never called: no way back");
        assert!(f.start("b").contains("id=\"fn-1\""));
        assert_eq!(
            f.end("Retour \"au\" texte"),
            "<a class=\"footnote-back\" href=\"#fnref-1\" aria-label=\"Retour &quot;au&quot; texte\">↩</a>\n</div>\n"
        );
    }
}
