//! HTML comments are the author's notes (a door code, a name on call) that a reader
//! must not find in the page's source: they are removed from raw HTML as a browser
//! would read it, so that `<!--` inside an attribute value or a `<script>` is left
//! alone, and a comment spanning several fragments of one body goes whole.

use std::borrow::Cow;

use super::html_balance::{closes_itself, tag_name, RAW_TEXT};
use super::html_tags::tag_end;

/// Removes the comments of one body's raw HTML, fragment after fragment.
#[derive(Default)]
pub struct CommentStripper {
    state: State,
}

#[derive(Default, Clone, Copy)]
enum State {
    #[default]
    Text,
    Comment,
    /// Inside `<script>`, `<style>`…, whose text runs to its end tag.
    RawText(&'static str),
}

impl CommentStripper {
    /// `html` without its comments (and without the end of a comment begun in an
    /// earlier fragment).
    pub fn strip<'h>(&mut self, html: &'h str) -> Cow<'h, str> {
        let lower = html.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let mut out = String::new();
        let mut removed = matches!(self.state, State::Comment);
        // Start of the text kept since the last comment.
        let mut kept = 0;
        let mut i = 0;
        while i < html.len() {
            match self.state {
                State::Comment => match lower[i..].find("-->") {
                    Some(p) => {
                        i += p + 3;
                        kept = i;
                        self.state = State::Text;
                    }
                    None => i = html.len(),
                },
                State::RawText(name) => match lower[i..].find(&format!("</{name}")) {
                    Some(p) => {
                        i = tag_end(bytes, i + p + 2);
                        self.state = State::Text;
                    }
                    None => i = html.len(),
                },
                State::Text => {
                    let Some(lt) = lower[i..].find('<').map(|p| i + p) else {
                        break;
                    };
                    if lower[lt..].starts_with("<!--") {
                        out.push_str(&html[kept..lt]);
                        removed = true;
                        let body = lt + 4;
                        // `<!-->` and `<!--->` are (odd) complete comments.
                        if lower[body..].starts_with('>') {
                            i = body + 1;
                        } else if lower[body..].starts_with("->") {
                            i = body + 2;
                        } else {
                            i = body;
                            self.state = State::Comment;
                        }
                        kept = i;
                    } else if let Some(name) = tag_name(&lower[lt + 1..]) {
                        // Quoted values may hold `<!--`: the tag is skipped whole.
                        let end = tag_end(bytes, lt + 1);
                        if let Some(raw) = RAW_TEXT.iter().find(|r| **r == name) {
                            if !closes_itself(name, &lower[lt..end]) {
                                self.state = State::RawText(raw);
                            }
                        }
                        i = end;
                    } else {
                        i = lt + 1;
                    }
                }
            }
        }
        if !removed {
            return Cow::Borrowed(html);
        }
        if !matches!(self.state, State::Comment) {
            out.push_str(&html[kept..]);
        }
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(fragments: &[&str]) -> Vec<String> {
        let mut s = CommentStripper::default();
        fragments.iter().map(|f| s.strip(f).into_owned()).collect()
    }

    #[test]
    fn comments_go_across_fragments() {
        assert_eq!(strip(&["<p>a</p>"]), ["<p>a</p>"]);
        assert_eq!(strip(&["a<!-- code 4821 -->b<!---->c<!-->d"]), ["abcd"]);
        assert_eq!(
            strip(&["<div><!-- note", "porte 4821", "fin --></div>"]),
            ["<div>", "", "</div>"]
        );
    }

    #[test]
    fn what_is_not_a_comment_stays() {
        let attr = "Flèche <abbr title=\"a <!-- b\">ab</abbr> texte.";
        assert_eq!(strip(&[attr]), [attr]);
        let script = "<script>if (a<!--b) {}</script><!-- x -->y";
        assert_eq!(strip(&[script]), ["<script>if (a<!--b) {}</script>y"]);
        assert_eq!(
            strip(&[
                "<style>",
                "p::before { content: \"<!--\" }",
                "</style><!--z-->"
            ]),
            ["<style>", "p::before { content: \"<!--\" }", "</style>"]
        );
    }
}
