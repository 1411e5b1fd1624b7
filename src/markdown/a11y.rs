//! Markup that keeps rendered Markdown accessible (WCAG 2.1 AA, checked with axe-core
//! in the browser suite): a checklist box is labelled by its item's text and can be
//! ticked on screen, and code blocks and tables that scroll sideways can be reached
//! with the keyboard, each a region named by its kind and number (the theme's
//! script takes out of the tab order those whose content fits). An image with no
//! alternative text and a link with no text, in Markdown or raw HTML, are named.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::form_labels::without_comments;
use super::html_tags::{tag_end, tags};
use super::Renderer;

impl Renderer<'_, '_> {
    /// When the link or image written at `offset`, opened by `open`, has
    /// nothing but spaces between its brackets (`[](x)`, `![ ][ref]`): the
    /// length of its brackets, in characters.
    pub(super) fn empty_label(&self, offset: usize, open: &str) -> Option<usize> {
        let body = &self.src.text[self.src.body_offset..];
        let label = body.get(offset..)?.strip_prefix(open)?;
        let spaces = label.len() - label.trim_start().len();
        label[spaces..]
            .starts_with(']')
            .then(|| open.chars().count() + label[..spaces].chars().count() + 1)
    }

    /// `[](fiche.md)`: a link with no text shows as nothing on the page and on
    /// paper, and a screen reader reads out its address.
    pub(super) fn check_empty_link(&mut self, dest: &str, offset: usize, len: usize) {
        self.warn(
            offset,
            len,
            "this link has no text: it shows as nothing, and a screen reader reads out its address"
                .into(),
            Some(format!(
                "write what it leads to between the brackets: `[…]({})`",
                crate::diag::shorten(dest)
            )),
        );
    }

    /// `![](plan.png)`: an image with no alternative text. A screen reader skips
    /// it as decoration, and where it cannot show (a remote image offline, a
    /// print without images) nothing says what it was. A Google Docs export
    /// writes every image so (`![][image1]`).
    pub(super) fn check_no_alternative(&mut self, dest: &str, offset: usize, len: usize) {
        // The image's own file in the fix, unless it is an address or data.
        let file = (dest.rsplit('/').next())
            .filter(|f| !f.is_empty() && !f.contains([':', ',', '?', '#']))
            .unwrap_or("plan.png");
        self.warn(
            offset,
            len,
            "this image has no alternative text: a screen reader skips it, and where the image does not show nothing says what it was".into(),
            Some(format!(
                "describe it between the brackets, `![Plan du 2e étage]({file})`; an image that only decorates can be written `<img src=\"{file}\" alt=\"\">`"
            )),
        );
    }

    /// `<a href="fiche.md"></a>`, or a link around an icon or an image with no
    /// alternative text: as `[](fiche.md)`, a raw link with no name shows as
    /// nothing, and a screen reader reads out its address (WCAG 2.4.4, 4.1.2).
    pub(super) fn report_unnamed_raw_links(&mut self) {
        for (range, href) in unnamed_candidates(self.html_balance.text()) {
            let (at, len) = self.locate_raw(&range);
            let body = &self.src.text[self.src.body_offset..];
            // What the reader sees is read from the source, where Markdown
            // text between the tags is as good a name as raw text.
            let written = body.get(at..at + 2);
            if !written.is_some_and(|w| w.eq_ignore_ascii_case("<a")) {
                continue;
            }
            let content = tag_end(body.as_bytes(), at + 1);
            if !names_nothing(&body[content..], quote_depth(body, at)) {
                continue;
            }
            self.warn(
                at,
                len,
                "raw HTML link has no text: it shows as nothing, and a screen reader reads out its address".into(),
                Some(format!(
                    "write what it leads to before `</a>`: `<a href=\"{}\">Fiche d'alerte</a>`; a link around an image is named by the image's `alt`",
                    crate::diag::shorten(&href)
                )),
            );
        }
    }
}

/// Name-giving attributes: on the link itself or on what it holds.
const NAMING: &[&str] = &["aria-label", "aria-labelledby", "title"];
/// Elements a link may hold that show no text of their own (an icon font's
/// `<i class="…"></i>`, a line break).
const TEXTLESS: &[&str] = &["span", "i", "b", "em", "strong", "small", "br", "wbr"];

/// The `<a` (its range in `stream`, one body's raw HTML) and `href` of each raw
/// link that no attribute of its own names.
fn unnamed_candidates(stream: &str) -> Vec<(Range<usize>, String)> {
    // Most pages' raw HTML holds no link: look no further.
    if !stream.contains("<a") && !stream.contains("<A") {
        return Vec::new();
    }
    let lower = without_comments(&stream.to_ascii_lowercase());
    let mut links = Vec::new();
    for tag in tags(&lower).filter(|t| t.name == "a") {
        let value = |name: &str| {
            (tag.attributes())
                .find(|(attr, _)| *attr == name)
                .map(|(_, range)| range)
        };
        let named = NAMING
            .iter()
            .any(|attr| value(attr).is_some_and(|r| !lower[r].trim().is_empty()));
        if let (Some(href), false) = (value("href"), named) {
            links.push((tag.start - 1..tag.start + 1, stream[href].to_string()));
        }
    }
    links
}

/// How many block quotes hold the line of `body` where `at` is: the `>`
/// markers that open it.
fn quote_depth(body: &str, at: usize) -> usize {
    let line = body[..at].rfind('\n').map_or(0, |i| i + 1);
    (body[line..at].chars())
        .take_while(|c| matches!(c, ' ' | '\t' | '>'))
        .filter(|&c| c == '>')
        .count()
}

/// Whether what follows a raw link's start tag, `rest`, reaches its `</a>`
/// with nothing to name the link: only spaces, comments, `&nbsp;`, textless
/// elements and images with an empty `alt`. Anything else (text,
/// Markdown, an `<svg>` that may hold a `<title>`) is taken to name it, and a
/// link never closed is left to the balance check. The link's line sits in
/// `quotes` block quotes, whose markers open each line after it.
fn names_nothing(rest: &str, quotes: usize) -> bool {
    let mut at = 0;
    loop {
        let s = rest[at..].trim_start();
        let new_line = rest[at..rest.len() - s.len()].contains('\n');
        at = rest.len() - s.len();
        if new_line && quotes > 0 {
            let unquoted = without_quote_markers(s, quotes);
            if unquoted.len() < s.len() {
                at = rest.len() - unquoted.len();
                continue;
            }
        }
        if let Some(comment) = s.strip_prefix("<!--") {
            let Some(end) = comment.find("-->") else {
                return false;
            };
            at += 4 + end + 3;
            continue;
        }
        let space = ["&nbsp;", "&#160;", "&#xa0;"]
            .iter()
            .find(|r| s.get(..r.len()).is_some_and(|p| p.eq_ignore_ascii_case(r)));
        if let Some(space) = space {
            at += space.len();
            continue;
        }
        if !s.starts_with('<') {
            return false;
        }
        let end = tag_end(rest.as_bytes(), at + 1);
        let tag = rest[at..end].to_ascii_lowercase();
        if let Some(name) = tag.strip_prefix("</") {
            let name = name.trim_end_matches('>').trim_end();
            if name == "a" {
                return true;
            }
            if !TEXTLESS.contains(&name) {
                return false;
            }
        } else {
            let Some(element) = tags(&tag).next() else {
                return false;
            };
            let named = element.attributes().any(|(attr, value)| {
                (attr == "alt" || NAMING.contains(&attr)) && !tag[value].trim().is_empty()
            });
            // An `<img>` with no `alt` at all has a warning of its own.
            let image = element.name == "img" && element.attributes().any(|(a, _)| a == "alt");
            if named || !(image || TEXTLESS.contains(&element.name)) {
                return false;
            }
        }
        at = end;
    }
}

/// `line` without the `>` markers of up to `quotes` block quotes, and the
/// spaces after each.
fn without_quote_markers(line: &str, quotes: usize) -> &str {
    let mut rest = line;
    for _ in 0..quotes {
        match rest.trim_start_matches([' ', '\t']).strip_prefix('>') {
            Some(after) => rest = after.trim_start_matches([' ', '\t']),
            None => break,
        }
    }
    rest
}

/// Opens the label around a task's box and the item text that follows it. The box
/// is not disabled: staff tick steps on screen as on paper, and a screen reader
/// would announce a disabled box as unavailable.
pub fn task_open(done: bool) -> &'static str {
    if done {
        "<label class=\"task\"><input type=\"checkbox\" checked> "
    } else {
        "<label class=\"task\"><input type=\"checkbox\"> "
    }
}

pub const TASK_CLOSE: &str = "</label>";

/// The attributes of a box that may scroll sideways: `tabindex` lets a keyboard
/// user scroll it, and a focusable box needs a role and a name, unique on the page
/// and telling what it holds: `name` and `n`, then the heading it sits under
/// ("Tableau 2, Matrice des responsabilités").
pub fn scroll_region(name: &str, n: usize, heading: &str) -> String {
    let label = match heading {
        "" => format!("{name} {n}"),
        heading => format!("{name} {n}, {heading}"),
    };
    format!(
        "role=\"region\" aria-label=\"{}\" tabindex=\"0\"",
        crate::html::escape(&label)
    )
}

/// A table sits in a box that scrolls on narrow screens (a `display: block` table
/// would lose its semantics instead); `n` counts the page's tables from 1.
pub fn table_open(name: &str, n: usize, heading: &str) -> String {
    format!(
        "<div class=\"table-scroll\" {}>\n",
        scroll_region(name, n, heading)
    )
}
pub const TABLE_CLOSE: &str = "</div>\n";

/// Whether `event` stays inside a paragraph: the label of a task ends at the first
/// event that does not (a nested list, the end of the item or of its paragraph).
pub fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_nothing_until_text_or_a_named_image() {
        for empty in [
            "</a>",
            " \n\n </A >",
            "<!-- icône --><i class=\"icon-phone\"></i></a>",
            "&nbsp;<img src=\"x.png\" alt></a>",
            "<img src=\"x.png\" alt=\" \"><br></a> suite",
        ] {
            assert!(names_nothing(empty, 0), "{empty}");
        }
        for named in [
            "Fiche</a>",
            "**Fiche**</a>",
            "<img src=\"x.png\" alt=\"Fiche\"></a>",
            "<span aria-label=\"Fiche\"></span></a>",
            "<svg><title>Fiche</title></svg></a>",
            "<abbr>ARS</abbr></a>",
            "<img src=\"x.png\"></a>",
            "",
            "<!-- jamais fermé </a>",
        ] {
            assert!(!names_nothing(named, 0), "{named}");
        }
        // Block quotes' markers open the lines after the link's.
        assert!(names_nothing(" \n> >  \n> > &nbsp;</a>", 2));
        assert!(!names_nothing("\n> </a>", 0));
        assert!(!names_nothing("\n> > x</a>", 2));
        assert!(!names_nothing("\n> > </a>", 1));
        assert_eq!(quote_depth("a\n > > - <a", 9), 2);
        assert_eq!(quote_depth("> Voir <a", 7), 1);
    }

    #[test]
    fn only_links_with_an_address_and_no_name_of_their_own() {
        let stream =
            "<a name=\"ancre\"></a><A HREF=\"Fiche.md\"></a><a href=x title=\"Fiche\"></a>\
                      <!-- <a href=y></a> --><abbr><a\nhref=\"\"></a>";
        let found: Vec<_> = unnamed_candidates(stream)
            .into_iter()
            .map(|(r, href)| (&stream[r], href))
            .collect();
        assert_eq!(
            found,
            [("<A", "Fiche.md".to_string()), ("<a", String::new())]
        );
    }
}
