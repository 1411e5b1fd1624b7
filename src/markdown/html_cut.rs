//! Raw HTML ends at a blank line (or at its closing tag for `<pre>`, `<script>`
//! and comments). Authors lay HTML out with blank lines and indentation, as in
//! any editor; the indented lines after the break then become a code block, which
//! prints its tags as text inside the element left open above it.

use super::Renderer;

/// Whether `code` starts with a tag (`<dd class="x">`, `</td>`), as the next
/// line of raw HTML would.
pub fn starts_with_tag(code: &str) -> bool {
    let Some(rest) = code.trim_start().strip_prefix('<') else {
        return false;
    };
    let name = rest.strip_prefix('/').unwrap_or(rest);
    name.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// Whether a blank line comes right before `offset` in `body`.
fn blank_line_before(body: &str, offset: usize) -> bool {
    let before = body[..offset].trim_end_matches([' ', '\t']);
    let before = before.strip_suffix('\n').unwrap_or(before);
    let before = before.strip_suffix('\r').unwrap_or(before);
    let last = before.rsplit('\n').next().unwrap_or(before);
    last.trim().is_empty()
}

impl Renderer<'_, '_> {
    /// Warns about an indented code block of HTML right after a raw HTML block.
    pub(super) fn report_cut_html(&mut self, code: &str, offset: usize) {
        let line = code.lines().next().unwrap_or_default().trim();
        let body = &self.src.text[self.src.body_offset..];
        let indent = body[offset..].len() - body[offset..].trim_start_matches([' ', '\t']).len();
        let help = if blank_line_before(body, offset) {
            "delete the blank line above it, or start the line at the margin: indented by four spaces after a blank line, text is code"
        } else {
            "start the line at the margin: indented by four spaces after the end of raw HTML, text is code"
        };
        self.warn(
            offset + indent,
            line.chars().count(),
            "this HTML prints as code, its tags as text: the raw HTML above ended before it".into(),
            Some(help.into()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_starts_the_line() {
        assert!(starts_with_tag("  <dd class=\"x\">A</dd>\n"));
        assert!(starts_with_tag("</td>"));
        assert!(!starts_with_tag("a < b"));
        assert!(!starts_with_tag("<- flèche"));
        assert!(!starts_with_tag("<!-- note -->"));
    }

    #[test]
    fn a_blank_line_is_seen_before_the_code() {
        let body = "<dl>\n<dt>x</dt>\n\n    <dd>y</dd>\n";
        assert!(blank_line_before(body, body.find("    <dd").unwrap()));
        let body = "<pre>\nx\n</pre>\n    <p>y</p>\n";
        assert!(!blank_line_before(body, body.find("    <p").unwrap()));
        let body = "<dl>\r\n\r\n    <dd>y</dd>\r\n";
        assert!(blank_line_before(body, body.find("    <dd").unwrap()));
    }
}
