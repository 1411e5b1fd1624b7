//! Raw HTML must stay inside its page's text. An unclosed `<!--` or `<script>`
//! hides everything after it: the rest of the procedure, the page's links, the
//! scripts that run search. A stray `</div>` closes the layout around the text.
//! Browsers never say so; this check does.
//!
//! One body's raw HTML is read as one stream, because a block's `<details>` and
//! its `</details>` arrive as separate events with Markdown between them.

use std::ops::Range;

use super::html_tags::tag_end;

/// Elements that never have content.
pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];
/// Elements whose text runs, unparsed, to their end tag.
pub(super) const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];
/// Elements whose content a browser does not show: left open, they hide the
/// rest of the page (`<template>` content is inert, a `<dialog>` stays closed).
const HIDES_CONTENT: &[&str] = &["template", "dialog"];

/// Whether an element left open hides the rest of the page: one of the above, a
/// `<details>` not shown `open`, or any element marked `hidden`.
pub fn hides_content(name: &str, start_tag: &str) -> bool {
    let has = |attr: &str| has_attribute(start_tag, attr);
    HIDES_CONTENT.contains(&name) || (name == "details" && !has("open")) || has("hidden")
}

/// Whether a start tag (`<div …>`) has attribute `attr`, with a value or
/// without (`hidden`); a word inside a value (`title="non hidden"`) is none.
pub(super) fn has_attribute(start_tag: &str, attr: &str) -> bool {
    let lower = start_tag.to_ascii_lowercase();
    let tag = super::html_tags::tags(&lower).next();
    tag.is_some_and(|t| t.attributes().any(|(name, _)| name == attr))
}
/// HTML's formatting elements. A browser keeps those left open in a list and
/// rebuilds them around all that follows, past the end of their block: an
/// unclosed `<b>` bolds the page's footer, an unclosed `<a>` makes it a link.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The end tags that close the formatting elements `problems` finds left open,
/// last opened first, to write at the end of the text so the rest of the page
/// stays out of them. Browsers ignore the end tag of a formatting element that
/// is no longer open, so one more than needed does no harm. (Other elements
/// left open are closed by the layout's own end tags.)
pub fn closers(problems: &[(Range<usize>, Problem)]) -> String {
    let mut closers = String::new();
    for (_, problem) in problems.iter().rev() {
        if let Problem::Unclosed(name) = problem {
            if FORMATTING.contains(&name.as_str()) {
                closers.push_str(&format!("</{name}>"));
            }
        }
    }
    closers
}

/// Elements whose end tag HTML lets authors leave out.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose end tag closes an open element of the same name anywhere
/// around it, the page layout's included. (A stray `</span>` or `</b>` is
/// simply ignored by browsers.)
const CLOSES_LAYOUT: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "nobr",
    "noembed",
    "noframes",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "body",
    "html",
];

/// HTML's elements (and `svg`, `math`, which hold their own). A tag name not
/// here and without a hyphen (custom elements have one) is most likely a
/// placeholder such as `<nom>` that Markdown took for HTML.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "listing",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "meta",
    "meter",
    "multicol",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "pre",
    "progress",
    "q",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
];

/// Whether start tag `tag` of element `name` (lowercase) closes its element.
/// HTML ignores a final `/`: `<div/>` and `<style/>` open an element as `<div>`
/// and `<style>` do, and a `<style/>` then hides the rest of the page. Only SVG
/// and MathML elements (`<svg/>`, `<path/>`) close themselves so. Names HTML
/// defines (and custom elements) are read as HTML even inside an `<svg>`, where
/// `<title/>` or `<a/>` would close: the rare miss is read as open, the safer
/// side. (`check` below knows what is open, so it needs no such guess.)
pub fn closes_itself(name: &str, tag: &str) -> bool {
    tag.ends_with("/>")
        && (matches!(name, "svg" | "math") || !(ELEMENTS.contains(&name) || name.contains('-')))
}

/// Whether `name` (lowercase) is an element a browser knows, or a custom one.
pub fn is_element(name: &str) -> bool {
    ELEMENTS.contains(&name) || name.contains('-')
}

/// What is wrong, at a range of the concatenated raw HTML (see [`Balance::spans`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `<!--` without `-->`: the rest of the page is a comment.
    OpenComment,
    /// `<script>` (or another raw-text element) without its end tag, or
    /// `<plaintext>`: the rest of the page is its text.
    OpenRawText(String),
    /// `<div>` never closed; the range is its whole start tag.
    Unclosed(String),
    /// `</div>` with no `<div>` open in this page's own HTML: it closes one of
    /// the layout's.
    Stray(String),
}

/// The raw HTML fragments of one body, in order, with where each starts in the
/// Markdown source.
#[derive(Default)]
pub struct Balance {
    text: String,
    /// (start in `text`, offset of the fragment's event in the body)
    starts: Vec<(usize, usize)>,
}

impl Balance {
    pub fn feed(&mut self, html: &str, body_offset: usize) {
        self.starts.push((self.text.len(), body_offset));
        self.text.push_str(html);
    }

    /// The fragments, one after the other: what ranges index.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every problem, with the range of `text` it concerns.
    pub fn problems(&self) -> Vec<(Range<usize>, Problem)> {
        if self.text.is_empty() {
            return Vec::new();
        }
        check(&self.text)
    }

    /// The token at `range`, the body offset of its fragment's event, and how many
    /// times the token is written in that fragment before it: the source is then
    /// searched for it, as the fragment's text may differ from the source by more
    /// than a prefix (the `>` of quotes, an indentation, a tab read as spaces).
    pub fn locate(&self, range: &Range<usize>) -> (&str, usize, usize) {
        let index = self
            .starts
            .partition_point(|(start, _)| *start <= range.start)
            - 1;
        let (start, body_offset) = self.starts[index];
        let token = &self.text[range.clone()];
        let before = self.text[start..range.start].matches(token).count();
        (token, body_offset, before)
    }
}

/// Reads `html` as a browser's tokenizer would, closely enough to find the
/// problems above.
fn check(html: &str) -> Vec<(Range<usize>, Problem)> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut open: Vec<(&str, Range<usize>)> = Vec::new();
    let mut problems = Vec::new();
    let mut at = 0;
    while let Some(lt) = lower[at..].find('<').map(|i| i + at) {
        let rest = &lower[lt..];
        if rest.starts_with("<!--") {
            // `<!-->` and `<!--->` are (odd) complete comments.
            let body = lt + 4;
            let end = if lower[body..].starts_with('>') {
                Some(body + 1)
            } else if lower[body..].starts_with("->") {
                Some(body + 2)
            } else {
                lower[body..].find("-->").map(|i| body + i + 3)
            };
            match end {
                Some(end) => at = end,
                None => {
                    problems.push((lt..lt + 4, Problem::OpenComment));
                    return problems;
                }
            }
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            at = lower[lt..].find('>').map_or(lower.len(), |i| lt + i + 1);
        } else if let Some(name) = tag_name(&lower[lt + 1..]) {
            let end = tag_end(bytes, lt + 1 + name.len());
            // `/>` closes `<svg/>`, `<math/>` and what they hold, nothing else.
            let foreign = matches!(name, "svg" | "math")
                || open.iter().any(|(n, _)| matches!(*n, "svg" | "math"));
            let self_closing = foreign && lower[lt..end].ends_with("/>");
            at = end;
            if name == "plaintext" {
                problems.push((lt..lt + 1 + name.len(), Problem::OpenRawText(name.into())));
                return problems;
            }
            if RAW_TEXT.contains(&name) && !self_closing {
                match lower[at..].find(&format!("</{name}")) {
                    Some(i) => at = tag_end(bytes, at + i + 2 + name.len()),
                    None => {
                        let problem = Problem::OpenRawText(name.into());
                        problems.push((lt..lt + 1 + name.len(), problem));
                        return problems;
                    }
                }
            } else if !VOID.contains(&name) && !self_closing {
                // The whole start tag: a placeholder such as `<nom du cadre>`
                // is reported as written.
                open.push((name, lt..end));
            }
        } else if let Some(name) = lower[lt..].strip_prefix("</").and_then(tag_name) {
            let token = lt..lt + 2 + name.len();
            at = tag_end(bytes, token.end);
            close(&mut open, name, token, &mut problems);
        } else {
            at = lt + 1;
        }
    }
    for (name, range) in open {
        if !OPTIONAL_END.contains(&name) {
            problems.push((range, Problem::Unclosed(name.into())));
        }
    }
    problems.sort_by_key(|(range, _)| range.start);
    problems
}

/// Closes the innermost open `name`, reporting what it leaves unclosed inside;
/// a `name` not open at all is stray when it would close the layout.
fn close(
    open: &mut Vec<(&str, Range<usize>)>,
    name: &str,
    token: Range<usize>,
    problems: &mut Vec<(Range<usize>, Problem)>,
) {
    match open.iter().rposition(|(open_name, _)| *open_name == name) {
        Some(index) => {
            for (inner, range) in open.drain(index..).skip(1) {
                if !OPTIONAL_END.contains(&inner) {
                    problems.push((range, Problem::Unclosed(inner.into())));
                }
            }
        }
        None if CLOSES_LAYOUT.contains(&name) => {
            problems.push((token, Problem::Stray(name.into())));
        }
        None => {}
    }
}

/// The tag name at the start of `s` (after `<` or `</`): a letter, then
/// anything up to whitespace, `/` or `>`.
pub(super) fn tag_name(s: &str) -> Option<&str> {
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let len = s
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(s.len());
    Some(&s[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(html: &str) -> Vec<(String, Problem)> {
        let mut balance = Balance::default();
        balance.feed(html, 0);
        balance
            .problems()
            .into_iter()
            .map(|(range, problem)| (html[range].to_string(), problem))
            .collect()
    }

    #[test]
    fn hiding_is_read_from_attributes_not_from_values() {
        assert!(hides_content("div", "<div hidden>"));
        assert!(hides_content("div", "<DIV class=x HIDDEN=''>"));
        assert!(hides_content("details", "<details title=\"open\">"));
        assert!(!hides_content("details", "<details open>"));
        assert!(!hides_content("div", "<div title=\"rien de hidden ici\">"));
    }

    #[test]
    fn balanced_html_is_fine() {
        assert!(problems("<div class=\"x\"><p>a<br>b<img src=a.png alt='>'></div>").is_empty());
        assert!(problems("<ul><li>a<li>b</ul><table><tr><td>1</table>").is_empty());
        assert!(problems("<svg><path d=\"M0 0\"/></svg><!-- note --><!--><!DOCTYPE x>").is_empty());
        assert!(problems("<script>if (a < b) { x('</div>') }</script>").is_empty());
        assert!(problems("a < b et 3<4</p></span></b></foo>").is_empty());
    }

    #[test]
    fn an_open_comment_or_script_hides_the_rest() {
        assert_eq!(
            problems("<p>a</p>\n<!-- brouillon\n<div>"),
            [("<!--".into(), Problem::OpenComment)]
        );
        assert_eq!(
            problems("<SCRIPT>alert(1)"),
            [("<SCRIPT".into(), Problem::OpenRawText("script".into()))]
        );
        assert_eq!(
            problems("a<plaintext>b</plaintext>"),
            [(
                "<plaintext".into(),
                Problem::OpenRawText("plaintext".into())
            )]
        );
    }

    #[test]
    fn unclosed_and_stray_tags_are_named() {
        assert_eq!(
            problems("<div><span>a</div></section>"),
            [
                ("<span>".into(), Problem::Unclosed("span".into())),
                ("</section".into(), Problem::Stray("section".into())),
            ]
        );
        assert_eq!(
            problems("<details>\n<summary>Titre</summary>\n"),
            [("<details>".into(), Problem::Unclosed("details".into()))]
        );
        assert_eq!(
            problems("<div\n>"),
            [("<div\n>".into(), Problem::Unclosed("div".into()))]
        );
    }

    #[test]
    fn formatting_elements_left_open_are_closed_last_opened_first() {
        let closers = |html: &str| {
            let mut balance = Balance::default();
            balance.feed(html, 0);
            closers(&balance.problems())
        };
        assert_eq!(
            closers("<a href=x><B>gras<div><em>x</div>"),
            "</em></b></a>"
        );
        assert_eq!(closers("<span><div>a"), "");
        assert_eq!(closers("<b>a</b><i>b</i><u>c"), "</u>");
        assert_eq!(closers("<!-- <b>"), "");
    }

    #[test]
    fn placeholders_are_not_elements() {
        assert_eq!(
            problems("Appelez le <numero> puis <Nom du cadre>."),
            [
                ("<numero>".into(), Problem::Unclosed("numero".into())),
                ("<Nom du cadre>".into(), Problem::Unclosed("nom".into())),
            ]
        );
        assert!(!is_element("numero") && !is_element("date"));
        assert!(is_element("time") && is_element("mon-widget"));
    }

    /// HTML ignores `/>` but on SVG and MathML: `<style/>` hides what follows.
    #[test]
    fn a_slash_closes_no_html_element() {
        assert_eq!(
            problems("<style/>\n\nAppelez le 15."),
            [("<style".into(), Problem::OpenRawText("style".into()))]
        );
        assert_eq!(
            problems("<div/>a<details/>"),
            [
                ("<div/>".into(), Problem::Unclosed("div".into())),
                ("<details/>".into(), Problem::Unclosed("details".into())),
            ]
        );
        assert!(problems("<svg/><math/><svg><circle r=\"1\"/><a/></svg>").is_empty());
        assert!(closes_itself("path", "<path/>") && closes_itself("svg", "<svg />"));
        assert!(!closes_itself("textarea", "<textarea/>") && !closes_itself("x-y", "<x-y/>"));
        assert!(!closes_itself("path", "<path>"));
    }

    #[test]
    fn fragments_map_back_to_their_events() {
        let mut balance = Balance::default();
        balance.feed("<details>\n", 10);
        balance.feed("</details>\n", 50);
        balance.feed("<b>", 80);
        let problems = balance.problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(balance.locate(&problems[0].0), ("<b>", 80, 0));
    }
}
