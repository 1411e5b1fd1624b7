//! Lists pasted from a word processor: Word's bullets (`•`, `–`, `▪`, its
//! Symbol font's U+F0B7) and lettered items (`a)`, `b)`) are not Markdown list
//! markers, so the lines join into one paragraph and the steps of a reflex card
//! run together on one line.

use super::Renderer;

/// Characters word processors put before list items.
const BULLETS: &[char] = &[
    '•', '–', '—', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '➢', '➤', '►', '→', '✓', '✔',
    '\u{f0a7}', '\u{f0b7}', '\u{f0d8}', '\u{f0fc}', '\u{f076}',
];

impl Renderer<'_, '_> {
    /// Reports a run of pasted list lines once, at its first line, when the text
    /// event at `offset` begins a line of the source.
    pub(super) fn check_pasted_list(&mut self, text: &str, offset: usize) {
        let body = &self.src.text[self.src.body_offset..];
        let start = body[..offset].rfind('\n').map_or(0, |i| i + 1);
        let Some(marker) = item_marker(text) else {
            return;
        };
        if !body[start..offset].chars().all(|c| c == ' ' || c == '>') {
            return;
        }
        let above = (start > 0)
            .then(|| line_before(body, start - 1))
            .and_then(item_marker);
        let below = body[offset..]
            .lines()
            .nth(1)
            .map(unquoted)
            .and_then(item_marker);
        let (first_of_run, message, help) = match marker {
            Marker::Bullet(c) => (
                matches!(below, Some(Marker::Bullet(_))) && !matches!(above, Some(Marker::Bullet(_))),
                format!(
                    "these lines start with {}, a word processor's bullet: Markdown joins them into one line",
                    shown(c)
                ),
                format!(
                    "start each line with `- ` instead: `- {}`",
                    crate::diag::shorten(after_marker(text))
                ),
            ),
            Marker::Letter(letter, close) => (
                below == Some(Marker::Letter(next(letter), close))
                    && above != Some(Marker::Letter(prev(letter), close)),
                format!(
                    "these lines are lettered `{letter}{close}`, which Markdown does not read as a list: it joins them into one line"
                ),
                "number them `1.`, `2.`… or start each with `- `".to_string(),
            ),
        };
        if first_of_run {
            let len = text.lines().next().unwrap_or_default().chars().count();
            self.warn(offset, len, message, Some(help));
        }
    }
}

/// A bullet as the author can find it: a private-use one (Word's Symbol font)
/// shows as an empty box, so it is named by its code.
fn shown(c: char) -> String {
    if ('\u{e000}'..='\u{f8ff}').contains(&c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// Whether a text event may start a pasted list item: one cheap look at its start.
pub(super) fn may_start_item(text: &str) -> bool {
    item_marker(text).is_some()
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Marker {
    Bullet(char),
    /// `a)` or `a.`: the letter and its closing mark.
    Letter(char, char),
}

/// The list marker `line` starts with, followed by a space.
fn item_marker(line: &str) -> Option<Marker> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let second = chars.next()?;
    if BULLETS.contains(&first) && second.is_whitespace() {
        return Some(Marker::Bullet(first));
    }
    let third = chars.next()?;
    (first.is_ascii_lowercase() && matches!(second, ')' | '.') && third == ' ')
        .then_some(Marker::Letter(first, second))
}

fn after_marker(text: &str) -> &str {
    let line = text.lines().next().unwrap_or_default();
    line.split_once(char::is_whitespace)
        .map_or("", |(_, rest)| rest.trim_start())
}

fn next(letter: char) -> char {
    char::from_u32(u32::from(letter) + 1).unwrap_or(letter)
}

fn prev(letter: char) -> char {
    char::from_u32(u32::from(letter).saturating_sub(1)).unwrap_or(letter)
}

/// The source line that ends at byte `end` (its line feed), without quote marks.
fn line_before(body: &str, end: usize) -> &str {
    let start = body[..end].rfind('\n').map_or(0, |i| i + 1);
    unquoted(&body[start..end])
}

/// A source line without its indentation and blockquote marks.
fn unquoted(line: &str) -> &str {
    line.trim_start_matches([' ', '>'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_markers_word_processors_write() {
        assert_eq!(item_marker("• Isoler"), Some(Marker::Bullet('•')));
        assert_eq!(
            item_marker("\u{f0b7}\tIsoler"),
            Some(Marker::Bullet('\u{f0b7}'))
        );
        assert_eq!(item_marker("a) Isoler"), Some(Marker::Letter('a', ')')));
        assert_eq!(item_marker("b. Isoler"), Some(Marker::Letter('b', '.')));
        for text in [
            "•Isoler",
            "a)Isoler",
            "A) Isoler",
            "ab) x",
            "→",
            "i.e. ceci",
            "",
        ] {
            assert_eq!(item_marker(text), None, "{text}");
        }
        assert_eq!(after_marker("•  Isoler le poste"), "Isoler le poste");
    }
}
