//! What a reader sees of raw HTML: its text, its line and paragraph breaks and
//! its images. The search index reads raw HTML this way, and so does print, where
//! nothing may be referenced outside the printout and Typst knows no HTML.
//!
//! Raw HTML reaches us a line or a fragment at a time (pulldown-cmark's events), so
//! the reader keeps its state between calls: a `<style>` or `<script>` opened on
//! one line hides the lines after it until it closes.

use super::html_balance::{closes_itself, has_attribute, VOID};
use super::html_tags::decode_refs;
use super::html_tags::tag_end;

/// One thing seen in raw HTML, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text, character references decoded and runs of white space made one space.
    Text(String),
    /// `<br>`, and the end of a table row or list item.
    LineBreak,
    /// The start or end of a block (`<p>`, `<div>`, `<table>`, headings…).
    ParagraphBreak,
    /// `<img>`: its address as written (references decoded) and its `alt`.
    Image {
        src: String,
        alt: String,
    },
    /// `<sup>` (`sup`) or `<sub>` opening or closing: text set above or below the
    /// line, where `10<sup>-3</sup>` means a power, not "10-3".
    Script {
        sup: bool,
        open: bool,
    },
    /// A list item's number or bullet (`4. `, `• `): what a reader sees before it,
    /// not words to search.
    Marker(String),
    /// Text of a `<pre>`, references decoded, its spaces and line breaks kept.
    Pre(String),
    /// `<a>` opening, with its `href` (references decoded), and closing: on
    /// paper the address of the text between them has to be printed.
    Link(Option<String>),
    LinkEnd,
}

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "title"];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Reads raw HTML fragments in order (see the module docs).
#[derive(Default)]
pub struct HtmlText {
    /// The hidden element being skipped, until its end tag.
    hidden: Option<&'static str>,
    /// An element the author hid (`hidden`, `aria-hidden="true"`,
    /// `display: none`) being skipped: its name and how deep it nests.
    folded: Option<(String, usize)>,
    /// Whether the table row being read has had a cell yet.
    cell_in_row: bool,
    /// Whether the last piece was text or an image: white space between two
    /// blocks, or before the first, is no text.
    inline: bool,
    /// `<pre>` elements open, and whether the one open has shown text yet (the
    /// line break right after `<pre>` is not its text).
    pre: usize,
    pre_started: bool,
    /// Open `<ol>` (the next item's number) and `<ul>` (`None`), innermost last.
    lists: Vec<Option<i64>>,
}

impl HtmlText {
    /// Calls `piece` for what `html` shows, in order.
    pub fn read(&mut self, html: &str, mut piece: impl FnMut(Piece)) {
        let mut inline = self.inline;
        self.read_pieces(html, &mut |p| {
            if let Piece::Script { .. } | Piece::Link(_) | Piece::LinkEnd = p {
                return piece(p);
            }
            let was_inline = std::mem::replace(
                &mut inline,
                matches!(
                    p,
                    Piece::Text(_) | Piece::Image { .. } | Piece::Marker(_) | Piece::Pre(_)
                ),
            );
            match p {
                Piece::Text(t) if t == " " && !was_inline => inline = false,
                p => piece(p),
            }
        });
        self.inline = inline;
    }

    fn read_pieces(&mut self, html: &str, piece: &mut impl FnMut(Piece)) {
        let bytes = html.as_bytes();
        let mut at = 0;
        while at < html.len() {
            if let Some(name) = self.hidden {
                let lower = html[at..].to_ascii_lowercase();
                match lower.find(&format!("</{name}")) {
                    Some(end) => {
                        self.hidden = None;
                        at = tag_end(bytes, at + end);
                        continue;
                    }
                    None => return,
                }
            }
            let lt = html[at..].find('<').map_or(html.len(), |i| at + i);
            if lt > at && self.folded.is_none() {
                self.text(&html[at..lt], piece);
            }
            if lt >= html.len() {
                return;
            }
            // A `<` that starts no tag (`< 2 h`, `<3`) is text.
            let starts_tag = html[lt + 1..]
                .starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
            if !starts_tag {
                let next = html[lt + 1..].find('<').map_or(html.len(), |i| lt + 1 + i);
                if self.folded.is_none() {
                    self.text(&html[lt..next], piece);
                }
                at = next;
                continue;
            }
            let end = tag_end(bytes, lt + 1);
            self.tag(&html[lt..end], piece);
            at = end;
        }
    }

    fn tag(&mut self, tag: &str, piece: &mut impl FnMut(Piece)) {
        let inner = tag.trim_start_matches('<');
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        if !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // A comment, a declaration or a `<` that starts no tag: a comment's text
            // is not shown, a lone `<` is.
            if !tag.starts_with("<!") && !tag.starts_with("<?") {
                text(tag, piece);
            }
            return;
        }
        let name_len = inner
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>'))
            .unwrap_or(inner.len());
        let name = inner[..name_len].to_ascii_lowercase();
        if let Some((folded, depth)) = &mut self.folded {
            if name == *folded {
                if closing {
                    *depth -= 1;
                } else if !closes_itself(&name, tag) {
                    *depth += 1;
                }
            }
            if *depth == 0 {
                self.folded = None;
            }
            return;
        }
        if !closing && hidden_by_author(tag) {
            if !VOID.contains(&name.as_str()) && !closes_itself(&name, tag) {
                self.folded = Some((name, 1));
            }
            return;
        }
        self.track_blocks(&name, tag, closing, piece);
        if name == "a" {
            match closing {
                true => piece(Piece::LinkEnd),
                false if !closes_itself(&name, tag) => piece(Piece::Link(attribute(tag, "href"))),
                false => {}
            }
            return;
        }
        if let "sup" | "sub" = name.as_str() {
            if closing || !closes_itself(&name, tag) {
                let sup = name == "sup";
                piece(Piece::Script {
                    sup,
                    open: !closing,
                });
            }
            return;
        }
        if closing {
            match name.as_str() {
                "tr" | "li" => piece(Piece::LineBreak),
                n if BLOCKS.contains(&n) => piece(Piece::ParagraphBreak),
                _ => {}
            }
            return;
        }
        match name.as_str() {
            "br" => piece(Piece::LineBreak),
            "img" => piece(Piece::Image {
                src: attribute(tag, "src").unwrap_or_default(),
                alt: attribute(tag, "alt").unwrap_or_default(),
            }),
            "tr" => self.cell_in_row = false,
            "td" | "th" => {
                if std::mem::replace(&mut self.cell_in_row, true) {
                    piece(Piece::Text(" | ".into()));
                }
            }
            n if BLOCKS.contains(&n) => piece(Piece::ParagraphBreak),
            n => {
                if let Some(hidden) = HIDDEN.iter().find(|h| **h == n) {
                    if !closes_itself(&name, tag) {
                        self.hidden = Some(hidden);
                    }
                }
            }
        }
    }
}

impl HtmlText {
    /// Text as a reader sees it: white space collapsed, except in a `<pre>`.
    fn text(&mut self, raw: &str, piece: &mut impl FnMut(Piece)) {
        if self.pre == 0 {
            return text(raw, piece);
        }
        let decoded = decode_text(raw);
        let shown = match std::mem::replace(&mut self.pre_started, true) {
            true => decoded.as_str(),
            false => (decoded.strip_prefix("\r\n"))
                .or(decoded.strip_prefix('\n'))
                .unwrap_or(&decoded),
        };
        if !shown.is_empty() {
            piece(Piece::Pre(shown.to_string()));
        }
    }

    /// Follows `<pre>` and the lists, and gives each list item its marker.
    fn track_blocks(
        &mut self,
        name: &str,
        tag: &str,
        closing: bool,
        piece: &mut impl FnMut(Piece),
    ) {
        match (name, closing) {
            ("pre", false) => {
                self.pre += 1;
                self.pre_started = false;
            }
            ("pre", true) => self.pre = self.pre.saturating_sub(1),
            ("ol", false) => {
                let start = attribute(tag, "start").and_then(|s| s.trim().parse().ok());
                self.lists.push(Some(start.unwrap_or(1)));
            }
            ("ul" | "menu", false) => self.lists.push(None),
            ("ol" | "ul" | "menu", true) => {
                self.lists.pop();
            }
            ("li", false) => {
                let value = attribute(tag, "value").and_then(|s| s.trim().parse().ok());
                let marker = match self.lists.last_mut() {
                    Some(Some(next)) => {
                        let n = value.unwrap_or(*next);
                        *next = n.saturating_add(1);
                        format!("{n}. ")
                    }
                    _ => "• ".to_string(),
                };
                piece(Piece::Marker(marker));
            }
            _ => {}
        }
    }
}

/// Whether a start tag hides its element: `hidden`, `aria-hidden="true"`, a
/// style with `display: none` or `visibility: hidden`.
fn hidden_by_author(tag: &str) -> bool {
    let compact: String = tag
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    has_attribute(tag, "hidden")
        || compact.contains("aria-hidden=\"true\"")
        || compact.contains("aria-hidden='true'")
        || compact.contains("aria-hidden=true")
        || compact.contains("display:none")
        || compact.contains("visibility:hidden")
}

/// The text of `html`, as one string with breaks made spaces: what search reads.
pub fn plain(reader: &mut HtmlText, html: &str, out: &mut String) {
    reader.read(html, |p| match p {
        Piece::Text(t) => out.push_str(&t),
        Piece::Image { alt, .. } => {
            out.push(' ');
            out.push_str(&alt);
            out.push(' ');
        }
        Piece::LineBreak | Piece::ParagraphBreak => out.push(' '),
        Piece::Pre(text) => {
            out.push(' ');
            out.push_str(&text);
            out.push(' ');
        }
        Piece::Script { .. } | Piece::Marker(_) | Piece::Link(_) | Piece::LinkEnd => {}
    });
}

fn text(raw: &str, piece: &mut impl FnMut(Piece)) {
    let decoded = decode_text(raw);
    let mut collapsed = String::with_capacity(decoded.len());
    for word in decoded.split(|c: char| c.is_ascii_whitespace()) {
        if !collapsed.ends_with(' ') && (word.is_empty() || !collapsed.is_empty()) {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    if !collapsed.is_empty() {
        piece(Piece::Text(collapsed));
    }
}

/// Character references as a browser decodes them in text.
fn decode_text(raw: &str) -> String {
    htmlize::unescape(raw).into_owned()
}

/// The decoded value of attribute `name` of one start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let parsed = super::html_tags::tags(&lower).next()?;
    let value = parsed.attributes().find(|(n, _)| *n == name);
    value.map(|(_, range)| decode_refs(&tag[range]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(fragments: &[&str]) -> Vec<Piece> {
        let mut reader = HtmlText::default();
        let mut out = Vec::new();
        for f in fragments {
            reader.read(f, |p| out.push(p));
        }
        out
    }

    fn t(s: &str) -> Piece {
        Piece::Text(s.into())
    }

    #[test]
    fn text_blocks_and_breaks() {
        assert_eq!(
            pieces(&["<p>Appeler le <b>15</b>&nbsp;:<br>astreinte</p>\n"]),
            vec![
                Piece::ParagraphBreak,
                t("Appeler le "),
                t("15"),
                t("\u{a0}:"),
                Piece::LineBreak,
                t("astreinte"),
                Piece::ParagraphBreak,
            ]
        );
    }

    #[test]
    fn superscripts_and_subscripts_open_and_close() {
        let script = |sup, open| Piece::Script { sup, open };
        assert_eq!(
            pieces(&["10 <sup>-3</sup> x<SUB>i</sub>"]),
            vec![
                t("10 "),
                script(true, true),
                t("-3"),
                script(true, false),
                t(" x"),
                script(false, true),
                t("i"),
                script(false, false),
            ]
        );
    }

    #[test]
    fn list_items_get_their_marker_and_pre_keeps_its_lines() {
        let m = |s: &str| Piece::Marker(s.into());
        assert_eq!(
            pieces(&[
                "<ol start=\"4\"><li>a</li><li value=9>b<ul><li>c</li></ul></li><li>d</li></ol>"
            ]),
            vec![
                Piece::ParagraphBreak,
                m("4. "),
                t("a"),
                Piece::LineBreak,
                m("9. "),
                t("b"),
                Piece::ParagraphBreak,
                m("• "),
                t("c"),
                Piece::LineBreak,
                Piece::ParagraphBreak,
                Piece::LineBreak,
                m("10. "),
                t("d"),
                Piece::LineBreak,
                Piece::ParagraphBreak,
            ]
        );
        assert_eq!(
            pieces(&["<pre>\nun   deux\n  <b>trois</b></pre>après  fin"]),
            vec![
                Piece::ParagraphBreak,
                Piece::Pre("un   deux\n  ".into()),
                Piece::Pre("trois".into()),
                Piece::ParagraphBreak,
                t("après fin"),
            ]
        );
    }

    #[test]
    fn a_list_numbered_past_the_largest_number_stays_there() {
        let big = format!("<ol start={}><li>a<li>b</ol>", i64::MAX);
        let markers: Vec<Piece> = (pieces(&[&big]).into_iter())
            .filter(|p| matches!(p, Piece::Marker(_)))
            .collect();
        let max = Piece::Marker(format!("{}. ", i64::MAX));
        assert_eq!(markers, vec![max.clone(), max]);
    }

    /// As in a browser, `/>` closes no HTML element: `<sup/>` raises what
    /// follows and `<style/>` hides it. An SVG element closes itself.
    #[test]
    fn a_slash_closes_no_html_element() {
        assert_eq!(
            pieces(&["<style/>caché</style>vu<sup/>2<circle/>"]),
            vec![
                t("vu"),
                Piece::Script {
                    sup: true,
                    open: true
                },
                t("2"),
            ]
        );
    }

    #[test]
    fn links_open_with_their_address_and_close() {
        assert_eq!(
            pieces(&["<a href=\"tel:01&#52;7\">le standard</a>"]),
            vec![
                Piece::Link(Some("tel:0147".into())),
                t("le standard"),
                Piece::LinkEnd,
            ]
        );
    }

    #[test]
    fn hidden_elements_span_fragments() {
        assert_eq!(
            pieces(&[
                "<style>\n",
                "p { color: red }\n",
                "</style>\n",
                "<div>vu</div>\n"
            ]),
            vec![Piece::ParagraphBreak, t("vu"), Piece::ParagraphBreak]
        );
        assert_eq!(pieces(&["<script>alert('<p>')</script>x"]), vec![t("x")]);
    }

    #[test]
    fn what_the_author_hid_is_not_read() {
        assert_eq!(
            pieces(&[
                "<div hidden><div>caché</div></div><span aria-hidden=\"true\">x</span>",
                "<p style=\"display: none\">y</p><img hidden src=a.png alt=z>vu < 2 h <3 <b>ok</b>",
            ]),
            vec![t("vu "), t("< 2 h "), t("<3 "), t("ok")]
        );
        assert_eq!(
            pieces(&["<template><p>modèle</p></template>fin"]),
            vec![t("fin")]
        );
    }

    #[test]
    fn tables_read_row_by_row() {
        assert_eq!(
            pieces(&["<table><tr><th>Rôle</th><th>Délai</th></tr><tr><td>RSSI</td><td>H+1</td></tr></table>"]),
            vec![
                Piece::ParagraphBreak,
                t("Rôle"),
                t(" | "),
                t("Délai"),
                Piece::LineBreak,
                t("RSSI"),
                t(" | "),
                t("H+1"),
                Piece::LineBreak,
                Piece::ParagraphBreak,
            ]
        );
    }

    #[test]
    fn images_links_and_comments() {
        assert_eq!(
            pieces(&[
                "<a href=\"tel:+33\">01 23</a> <IMG SRC='plan&amp;1.png' alt=\"Plan\"><!-- x -->"
            ]),
            vec![
                Piece::Link(Some("tel:+33".into())),
                t("01 23"),
                Piece::LinkEnd,
                t(" "),
                Piece::Image {
                    src: "plan&1.png".into(),
                    alt: "Plan".into()
                }
            ]
        );
        assert_eq!(pieces(&["a < b"]), vec![t("a "), t("< b")]);
    }
}
