//! Markup that keeps rendered Markdown accessible (WCAG 2.1 AA, checked with axe-core
//! in the browser suite): a checklist box is labelled by its item's text and can be
//! ticked on screen, and code blocks and tables that scroll sideways can be reached
//! with the keyboard, each a region named by its kind and number (the theme's
//! script takes out of the tab order those whose content fits). An image with no
//! alternative text and a link with no text are named.

use pulldown_cmark::{Event, Tag, TagEnd};

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
