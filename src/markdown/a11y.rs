//! Markup that keeps rendered Markdown accessible (WCAG 2.1 AA, checked with axe-core
//! in the browser suite): a checklist box is labelled by its item's text, and code
//! blocks and tables that scroll sideways can be reached with the keyboard.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Opens the label around a task's box and the item text that follows it.
pub fn task_open(done: bool) -> &'static str {
    if done {
        "<label class=\"task\"><input type=\"checkbox\" disabled checked> "
    } else {
        "<label class=\"task\"><input type=\"checkbox\" disabled> "
    }
}

pub const TASK_CLOSE: &str = "</label>";

/// A table sits in a box that scrolls on narrow screens; `tabindex` lets a keyboard
/// user scroll it (a `display: block` table would lose its semantics instead).
pub const TABLE_OPEN: &str = "<div class=\"table-scroll\" tabindex=\"0\">\n";
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
