//! Raw HTML read as a browser's tokenizer reads tags: names, attributes separated by
//! spaces or `/` (`<img/src=…>`, `alt="x"src=…` count), quoted values that may hold
//! `>`, and the text of `<style>` and `<script>` that is not markup.

use std::ops::Range;

/// One start tag of lowercased HTML: where its text starts (after `<`), its
/// text up to and with `>`, and its name.
pub struct Tag<'a> {
    pub start: usize,
    pub text: &'a str,
    pub name: &'a str,
}

impl<'a> Tag<'a> {
    /// `(name, value range in the whole HTML)` of each attribute.
    pub fn attributes(&self) -> impl Iterator<Item = (&'a str, Range<usize>)> + '_ {
        self.attribute_spans().map(|(name, _, value)| (name, value))
    }

    /// `(name, whole attribute, value)` ranges in the whole HTML, for each
    /// attribute: the whole range runs from its name to the end of its value,
    /// quotes included.
    pub fn attribute_spans(
        &self,
    ) -> impl Iterator<Item = (&'a str, Range<usize>, Range<usize>)> + '_ {
        let start = self.start;
        attribute_values(self.text)
            .into_iter()
            .map(move |(name, whole, r)| {
                (
                    name,
                    start + whole.start..start + whole.end,
                    start + r.start..start + r.end,
                )
            })
    }

    /// Whether `/>` ends this element where it starts; see `closes_itself`.
    pub fn self_closing(&self) -> bool {
        super::html_balance::closes_itself(self.name, self.text)
    }
}

/// The start tags of `lower` (lowercased HTML), in order. End tags, comments and
/// declarations are skipped.
pub fn tags(lower: &str) -> impl Iterator<Item = Tag<'_>> {
    let bytes = lower.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let lt = lower[at..].find('<').map(|i| i + at)?;
        let start = lt + 1;
        if !lower[start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            // An end tag, a comment or a declaration is skipped whole; a `<` in
            // text (`< 2 h`, `<3`) is text, and what follows it is read on.
            at = if lower[start..].starts_with(['/', '!', '?']) {
                tag_end(bytes, start).max(start)
            } else {
                start
            };
            continue;
        }
        let end = tag_end(bytes, start);
        at = end.max(start);
        let text = &lower[start..end];
        let name_len = text
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>'))
            .unwrap_or(text.len());
        return Some(Tag {
            start,
            text,
            name: &text[..name_len],
        });
    })
}

/// The end of a tag (just past its `>`, skipping quoted values), or of the text.
/// As a browser reads it, a quote opens a value only right after `=` (spaces
/// allowed): in `title=a"b` or `<3 l'équipe` it is a character like another.
pub fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (i, &byte) in bytes.iter().enumerate().skip(from) {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if after_equals => quote = Some(byte),
            (None, b'>') => return i + 1,
            (None, _) => {}
        }
        if quote.is_none() {
            after_equals = byte == b'=' || (after_equals && byte.is_ascii_whitespace());
        }
    }
    bytes.len()
}

/// `(name, whole range, value range)` of each attribute in the text of one tag,
/// its name first; an attribute written without `=` has the empty value, as in
/// the browser (`<img alt>`). Browsers separate attributes by spaces and `/`
/// alike, and a closing quote ends a value with no space needed after it.
fn attribute_values(tag: &str) -> Vec<(&str, Range<usize>, Range<usize>)> {
    let bytes = tag.as_bytes();
    let len = bytes.len();
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut out = Vec::new();
    // Past the tag's name.
    let mut i = tag
        .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>'))
        .unwrap_or(len);
    loop {
        while i < len && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= len || bytes[i] == b'>' {
            break;
        }
        // A name stops at an ASCII delimiter, so it ends on a character boundary.
        let name_start = i;
        i += 1;
        while i < len && !(is_space(bytes[i]) || matches!(bytes[i], b'/' | b'>' | b'=')) {
            i += 1;
        }
        let name = &tag[name_start..i];
        let mut j = i;
        while j < len && is_space(bytes[j]) {
            j += 1;
        }
        if j >= len || bytes[j] != b'=' {
            out.push((name, name_start..i, i..i));
            continue;
        }
        j += 1;
        while j < len && is_space(bytes[j]) {
            j += 1;
        }
        let (value, next) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = tag[j + 1..].find(q as char).map_or(len, |c| j + 1 + c);
                (j + 1..close, (close + 1).min(len))
            }
            _ => {
                let end = tag[j..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(len, |e| j + e);
                (j..end, end)
            }
        };
        out.push((name, name_start..next, value));
        i = next;
    }
    out
}

/// Whether attribute `name` (lowercase) is an event handler (`onload`,
/// `onerror`…): script as surely as a `<script>`.
pub fn is_event_handler(name: &str) -> bool {
    name.len() > 2 && name.starts_with("on")
}

/// An attribute value as the browser reads it: character references decoded
/// (`&#106;avascript:` is `javascript:`, `proc&eacute;dure.pdf` is
/// `procédure.pdf`), by HTML's rules and its whole table of names.
pub fn decode_refs(value: &str) -> std::borrow::Cow<'_, str> {
    htmlize::unescape_attribute(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_a_url_can_hide_behind() {
        assert_eq!(decode_refs("&#106;avascript:x"), "javascript:x");
        assert_eq!(decode_refs("java&#115cript:x"), "javascript:x");
        assert_eq!(decode_refs("JaVa&#x09;Script&colon;x"), "JaVa\tScript:x");
        assert_eq!(decode_refs("a&amp;b&unknown;"), "a&b&unknown;");
        assert_eq!(decode_refs("plain.html"), "plain.html");
        assert_eq!(
            decode_refs("proc&eacute;dure&NewLine;.pdf"),
            "procédure\n.pdf"
        );
        // In an attribute, a name without `;` before `=` is not decoded.
        assert_eq!(decode_refs("?a=1&copy=2&copy;"), "?a=1&copy=2©");
    }

    fn attrs(html: &str) -> Vec<(String, String)> {
        tags(html)
            .flat_map(|t| {
                t.attributes()
                    .map(|(n, r)| (n.to_string(), html[r].to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn attributes_as_a_browser_separates_them() {
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            attrs("<img/src=\"a.png\" alt=\"x\"src='b' data-x=1 hidden title=\"a > b\">"),
            pairs(&[
                ("src", "a.png"),
                ("alt", "x"),
                ("src", "b"),
                ("data-x", "1"),
                ("hidden", ""),
                ("title", "a > b")
            ])
        );
        assert_eq!(
            attrs("<meta/http-equiv=refresh content=\"0\">"),
            pairs(&[("http-equiv", "refresh"), ("content", "0")])
        );
        assert!(attrs("</div><!-- <a href=x> --> a < b")
            .iter()
            .all(|(n, _)| n == "href"));
    }
}
