//! Lists pasted from a word processor: Word's bullets (`•`, `–`, `▪`, its
//! Symbol font's U+F0B7), lettered items (`a)`, `b)`, `A.`) and roman numerals
//! (`i.`, `ii.`, which Pandoc writes too) are not Markdown list markers, so the
//! lines join into one paragraph and the steps of a reflex card run together on
//! one line. A symbol font's bullet shows as an empty box, even on a line alone.
//! So does a lone sub-step `a.` under a list item (Pandoc writes Word's lettered
//! sub-steps so): it joins its step's line.

use super::Renderer;
use crate::load::text::is_private_use;

/// Characters word processors put before list items.
const BULLETS: &[char] = &[
    '•', '–', '—', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '➢', '➤', '►', '→', '✓', '✔',
    '\u{f0a7}', '\u{f0b7}', '\u{f0d8}', '\u{f0fc}', '\u{f076}',
];

impl Renderer<'_, '_> {
    /// Reports a run of pasted list lines once, at its first line, when the text
    /// event at `offset` begins a line of the source; `joined`: a soft line break
    /// comes before it, so it shows at the end of the line above.
    pub(super) fn check_pasted_list(&mut self, text: &str, offset: usize, joined: bool) {
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
            Marker::Bullet(c) => {
                let bullet = |m: Option<Marker>| matches!(m, Some(Marker::Bullet(_)));
                let rest = crate::diag::shorten(after_marker(text));
                if bullet(above) {
                    return;
                } else if bullet(below) {
                    (
                        true,
                        format!("these lines start with {}, a word processor's bullet: Markdown joins them into one line", shown(c)),
                        format!("start each line with `- ` instead: `- {rest}`"),
                    )
                } else {
                    // Alone, `•` shows as meant; a symbol font's bullet is a box.
                    (
                        is_private_use(c),
                        format!("this line starts with {}, a symbol font's bullet: it shows as an empty box", shown(c)),
                        format!("start it with `- ` instead: `- {rest}`"),
                    )
                }
            }
            Marker::Counted(label, close) => {
                let follows = |a: Option<Marker>, b: Option<Marker>| match (a, b) {
                    (Some(Marker::Counted(a, x)), Some(Marker::Counted(b, y))) if x == y => {
                        count(a, b)
                    }
                    _ => None,
                };
                let run = |how: String| {
                    (
                        follows(above, Some(marker)).is_none(),
                        format!(
                            "these lines are {how}, which Markdown does not read as a list: it joins them into one line"
                        ),
                        "number them `1.`, `2.`… or start each with `- `".to_string(),
                    )
                };
                match follows(Some(marker), below) {
                    Some(Count::Letters) => run(format!("lettered `{label}{close}`")),
                    Some(Count::Roman) => run(format!("numbered `{label}{close}` in roman numerals")),
                    // `a.` alone under a step; after prose, `il y en\na.` is a sentence's end.
                    None if joined && label == "a" && above_is_item(body, start) => (
                        true,
                        format!("this line starts with `a{close}`, a lettered sub-step, which Markdown does not read as a list: it joins the step's line above"),
                        "make it a list inside the step: indent it under the step's text and start it with `1.` or `- `".to_string(),
                    ),
                    None => return,
                }
            }
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
    if is_private_use(c) {
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
enum Marker<'t> {
    Bullet(char),
    /// `a)`, `B.`, `iv.`: the label, in letters, and its closing mark.
    Counted(&'t str, char),
}

/// How two labels follow each other.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Count {
    Letters,
    Roman,
}

/// The list marker `line` starts with, followed by a space.
fn item_marker(line: &str) -> Option<Marker<'_>> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if BULLETS.contains(&first) && chars.next()?.is_whitespace() {
        return Some(Marker::Bullet(first));
    }
    // A label is a letter, or a roman numeral of five letters at most (`xviii`).
    let label_len = line
        .bytes()
        .take(5)
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let label = &line[..label_len];
    let mut rest = line[label_len..].chars();
    let close = rest.next().filter(|c| matches!(c, ')' | '.'))?;
    let one_case = label.bytes().all(|b| b.is_ascii_lowercase())
        || label.bytes().all(|b| b.is_ascii_uppercase());
    let counted = label_len == 1 || roman(label).is_some();
    (one_case && counted && rest.next()?.is_whitespace()).then_some(Marker::Counted(label, close))
}

/// Whether `next` comes right after `label`, in letters (`a`, `b`) or in roman
/// numerals (`iv`, `v`); in the same case.
fn count(label: &str, next: &str) -> Option<Count> {
    let same_case =
        label.bytes().next()?.is_ascii_lowercase() == next.bytes().next()?.is_ascii_lowercase();
    if !same_case {
        return None;
    }
    let (a, b) = (label.as_bytes(), next.as_bytes());
    if let ([a], [b]) = (a, b) {
        if b.checked_sub(*a) == Some(1) {
            return Some(Count::Letters);
        }
    }
    (roman(next)? == roman(label)? + 1).then_some(Count::Roman)
}

/// The value of a roman numeral from 1 to 39, written as usual (`iv`, not `iiii`).
fn roman(label: &str) -> Option<u32> {
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let lower = label.to_ascii_lowercase();
    let tens = lower.bytes().take_while(|&b| b == b'x').count().min(3);
    let ones = ONES.iter().position(|o| *o == &lower[tens..])?;
    let value = 10 * tens as u32 + ones as u32;
    (value > 0).then_some(value)
}

fn after_marker(text: &str) -> &str {
    let line = text.lines().next().unwrap_or_default();
    line.split_once(char::is_whitespace)
        .map_or("", |(_, rest)| rest.trim_start())
}

/// The source line that ends at byte `end` (its line feed), without quote marks.
fn line_before(body: &str, end: usize) -> &str {
    let start = body[..end].rfind('\n').map_or(0, |i| i + 1);
    unquoted(&body[start..end])
}

/// Whether the source line above the one at `start` is a Markdown list item's
/// first line (`- x`, `* x`, `+ x`, `1. x`, `1) x`).
fn above_is_item(body: &str, start: usize) -> bool {
    if start == 0 {
        return false;
    }
    let line = line_before(body, start - 1);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match digits {
        0 => line.get(..1).filter(|m| matches!(*m, "-" | "*" | "+")),
        1..=9 => line
            .get(digits..digits + 1)
            .filter(|m| matches!(*m, "." | ")")),
        _ => None,
    };
    marker.is_some_and(|m| {
        let end = digits + m.len();
        line[end..].starts_with([' ', '\t']) && !line[end..].trim().is_empty()
    })
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
        assert_eq!(item_marker("a) Isoler"), Some(Marker::Counted("a", ')')));
        assert_eq!(item_marker("b. Isoler"), Some(Marker::Counted("b", '.')));
        assert_eq!(item_marker("B.  Isoler"), Some(Marker::Counted("B", '.')));
        assert_eq!(item_marker("iv. Isoler"), Some(Marker::Counted("iv", '.')));
        assert_eq!(item_marker("XII) x"), Some(Marker::Counted("XII", ')')));
        for text in [
            "•Isoler",
            "a)Isoler",
            "ab) x",
            "Ii. x",
            "iiii. x",
            "etc. et",
            "→",
            "i.e. ceci",
            "",
        ] {
            assert_eq!(item_marker(text), None, "{text}");
        }
        assert_eq!(after_marker("•  Isoler le poste"), "Isoler le poste");
    }

    #[test]
    fn finds_a_list_item_on_the_line_above() {
        for (above, item) in [
            ("1. Isoler", true),
            ("12) Isoler", true),
            ("- Appeler", true),
            ("> * Appeler", true),
            ("  + x", true),
            ("Il y en", false),
            ("1.Isoler", false),
            ("- ", false),
            ("1234567890. x", false),
            ("", false),
        ] {
            let body = format!("{above}\na. suite");
            assert_eq!(above_is_item(&body, above.len() + 1), item, "{above}");
        }
        assert!(!above_is_item("a. seul", 0));
    }

    #[test]
    fn labels_follow_in_letters_or_roman_numerals() {
        for (a, b, how) in [
            ("a", "b", Some(Count::Letters)),
            ("A", "B", Some(Count::Letters)),
            ("h", "i", Some(Count::Letters)),
            ("i", "ii", Some(Count::Roman)),
            ("iv", "v", Some(Count::Roman)),
            ("IX", "X", Some(Count::Roman)),
            ("xix", "xx", Some(Count::Roman)),
            ("a", "c", None),
            ("a", "B", None),
            ("ii", "I", None),
            ("v", "iv", None),
        ] {
            assert_eq!(count(a, b), how, "{a} → {b}");
        }
    }
}
