//! A heading's `{… key=value}` attributes are written on its tag as they are, so
//! they get the care raw HTML gets: a handler is a script, a style that names a
//! remote address makes a request offline, and a name that is not HTML's is
//! either ignored by browsers or, when it is no name at all (`{="x"}`,
//! `{a"b=1}`), breaks the tag.

use pulldown_cmark::CowStr;

use super::references::SCRIPT_HELP;
use super::Renderer;

type Attrs<'a> = Vec<(CowStr<'a>, Option<CowStr<'a>>)>;

/// The attributes HTML gives every element (`aria-*`, `data-*` and `on…` apart).
const GLOBAL: &[&str] = &[
    "accesskey",
    "autocapitalize",
    "autofocus",
    "contenteditable",
    "dir",
    "draggable",
    "enterkeyhint",
    "hidden",
    "inert",
    "inputmode",
    "is",
    "itemid",
    "itemprop",
    "itemref",
    "itemscope",
    "itemtype",
    "lang",
    "nonce",
    "popover",
    "role",
    "slot",
    "spellcheck",
    "style",
    "tabindex",
    "title",
    "translate",
    "writingsuggestions",
    "xml:lang",
];

impl<'a> Renderer<'a, '_> {
    /// The attributes of the heading at `offset` that may be written: a remote
    /// style and a name that is none are left out, each with a warning; a handler
    /// and an unknown name are kept, as raw HTML's are, with a warning. `class=`
    /// joins the `.classes`, since a tag has one `class`.
    pub(super) fn heading_attrs(
        &mut self,
        classes: &mut Vec<CowStr<'a>>,
        attrs: Attrs<'a>,
        offset: usize,
    ) -> Attrs<'a> {
        let mut kept: Attrs<'a> = Vec::with_capacity(attrs.len());
        // Attributes come in the order written: each is looked for after the last.
        let mut cursor = self.attr_block(offset);
        for (name, value) in attrs {
            let written = match name.is_empty() {
                true => "=",
                false => &*name,
            };
            let span = self.attr_span(offset, written, &mut cursor);
            let lower = name.to_ascii_lowercase();
            let value_text = value.as_deref().unwrap_or("");
            let problem = if !is_attribute_name(&name) {
                Some((
                    format!(
                        "`{name}={}` is not an attribute: it is left out",
                        value.as_deref().unwrap_or("")
                    ),
                    "an attribute's name is letters, digits and `-`, as in `{data-x=1}`"
                        .to_string(),
                    false,
                ))
            } else if lower == "id" {
                Some((
                    "a heading's anchor is written `{#…}`: this `id=` is left out".to_string(),
                    format!("write `{{#{value_text}}}`"),
                    false,
                ))
            } else if lower == "class" {
                classes.extend(
                    value_text
                        .split_ascii_whitespace()
                        .map(|c| CowStr::from(c.to_string())),
                );
                continue;
            } else if kept.iter().any(|(k, _)| k.eq_ignore_ascii_case(&name)) {
                Some((
                    format!("the attribute `{name}` is given twice on this heading: the second is left out"),
                    "keep one".to_string(),
                    false,
                ))
            } else if lower == "style" && super::css::loads_remote(value_text) {
                Some((
                    format!(
                        "heading attribute `style` loads `{}`, which fails offline: it is left out",
                        crate::diag::shorten(value_text)
                    ),
                    "copy the resource into `content/` and reference it by relative path"
                        .to_string(),
                    false,
                ))
            } else if super::html_tags::is_event_handler(&lower) {
                Some((
                    format!("heading attribute `{name}` runs a script in every reader's browser"),
                    SCRIPT_HELP.to_string(),
                    true,
                ))
            } else if !is_known(&lower) {
                Some((
                    format!(
                        "`{name}` is not an HTML attribute: browsers ignore it on this heading"
                    ),
                    format!("for a style or a script of your own, name it `data-{lower}`"),
                    true,
                ))
            } else {
                None
            };
            match problem {
                None => kept.push((name, value)),
                Some((message, help, keep)) => {
                    self.warn(span.0, span.1, message, Some(help));
                    if keep {
                        kept.push((name, value));
                    }
                }
            }
        }
        kept
    }

    /// Where the `{…}` that ends the heading's line at `offset` opens (body
    /// offsets), else the heading's start.
    fn attr_block(&self, offset: usize) -> usize {
        let body = &self.src.text[self.src.body_offset..];
        let line = &body[offset..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        line.rfind('{').map_or(offset, |open| offset + open)
    }

    /// Where `written` (an attribute's name) is, from `cursor` on the heading's
    /// line: its offset and length in characters, else the whole line.
    fn attr_span(&self, offset: usize, written: &str, cursor: &mut usize) -> (usize, usize) {
        let body = &self.src.text[self.src.body_offset..];
        let line_end = body[offset..].find('\n').map_or(body.len(), |i| offset + i);
        match body[*cursor..line_end].find(written) {
            Some(i) => {
                let at = *cursor + i;
                // Past its value too: `id=z =x` has two `=`.
                let token = &body[at..line_end];
                *cursor = at + token.find(char::is_whitespace).unwrap_or(token.len());
                (at, written.chars().count())
            }
            None => (offset, body[offset..line_end].chars().count()),
        }
    }
}

/// A name HTML parses as an attribute's, and the Nu checker accepts: a letter,
/// then letters, digits, `-`, `_`, `.` or `:`.
fn is_attribute_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

fn is_known(lower: &str) -> bool {
    lower.starts_with("data-") || lower.starts_with("aria-") || GLOBAL.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for good in ["data-x", "aria-label", "x", "xml:lang", "a.b_c"] {
            assert!(is_attribute_name(good), "{good}");
        }
        for bad in ["", "=x", "a\"b", "a'b", "1a", "-a", "a<b", "é"] {
            assert!(!is_attribute_name(bad), "{bad}");
        }
        assert!(is_known("data-role") && is_known("lang") && is_known("aria-hidden"));
        assert!(!is_known("myattr") && !is_known("href") && !is_known("onclick"));
    }
}
