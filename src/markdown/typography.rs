//! French typography: a no-break space before `: ; ! ?` and `»`, and after `«`, so the
//! punctuation never starts a line; and between groups of digits, so a phone number
//! (`01 53 73 22 22`) or an amount (`2 500`) is never cut across two lines.
//! Applied to prose only, never to code. Spaces before `: ; ! ?` are only
//! replaced, never added (`10:30`, `a?b`); guillemets get theirs even when the
//! author typed none.

use std::borrow::Cow;

const NBSP: char = '\u{a0}';
/// Narrow no-break space, the usual choice before `; ! ?` in French print.
const NNBSP: char = '\u{202f}';

/// Rewrites spaces around French punctuation. Only existing spaces are replaced, so
/// `http://`, `10:30` and `a?b` stay untouched.
pub fn french(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | NBSP | NNBSP => match chars.peek().copied() {
                // A colon that ends a word group, not `::1` or `:8080`.
                Some(':') if colon_ends(chars.clone()) => out.push(NBSP),
                Some('»') => out.push(NBSP),
                // `100 %`: the sign stays with its number.
                Some('%') if c == ' ' && ends_in_digit(&out) => out.push(NBSP),
                Some(';') | Some('!') | Some('?') => out.push(NNBSP),
                Some(d) if c == ' ' && d.is_ascii_digit() && ends_in_digit(&out) => out.push(NBSP),
                _ => out.push(c),
            },
            '«' => {
                out.push('«');
                if matches!(chars.peek(), Some(&(' ' | NBSP | NNBSP))) {
                    chars.next();
                }
                out.push(NBSP);
            }
            // `«citation»` gets both spaces, not only the opening one. At the start
            // of the text the word before (in another event) is unknown: left as is.
            '»' if out.chars().next_back().is_some_and(|p| !p.is_whitespace()) => {
                out.push(NBSP);
                out.push('»');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Author text shown outside the Markdown body (a title, a summary, a trigger),
/// typeset like the body when the handbook is French; borrowed when nothing changes.
pub fn display(is_french: bool, text: &str) -> Cow<'_, str> {
    if is_french && needs_french(text) {
        Cow::Owned(french(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether the `:` next in `chars` is punctuation: followed by a space, the end,
/// or a closing mark.
fn colon_ends(mut chars: std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    chars.next();
    chars
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ')' | ']' | '»' | '"' | '.' | ','))
}

fn ends_in_digit(out: &str) -> bool {
    out.as_bytes().last().is_some_and(u8::is_ascii_digit)
}

/// Cheap test that lets most text events skip the rewrite: one pass over the bytes.
/// `«` and `»` end in 0xAB and 0xBB; other characters ending so only cost a rewrite
/// that changes nothing.
pub fn needs_french(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b':' | b';' | b'!' | b'?' | b'%' | 0xab | 0xbb => true,
        b' ' => {
            i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_no_break_spaces() {
        assert_eq!(
            french("Attention : ne pas éteindre !"),
            "Attention\u{a0}: ne pas éteindre\u{202f}!"
        );
        assert_eq!(french("« Plan blanc »"), "«\u{a0}Plan blanc\u{a0}»");
        assert_eq!(french("«Plan»"), "«\u{a0}Plan\u{a0}»");
        assert_eq!(french("«\u{a0}Plan\u{a0}»"), "«\u{a0}Plan\u{a0}»");
        assert_eq!(french("» suite"), "» suite");
    }

    #[test]
    fn keeps_digit_groups_together() {
        assert_eq!(
            french("Appeler le 01 53 73 22 22 pour 2 500 lits"),
            "Appeler le 01\u{a0}53\u{a0}73\u{a0}22\u{a0}22 pour 2\u{a0}500 lits"
        );
        assert!(needs_french("tél. 06 12"));
        assert!(!needs_french("le 15 puis le 18"));
        assert_eq!(french("le 15 puis 18 h"), "le 15 puis 18 h");
    }

    #[test]
    fn display_borrows_unless_it_changes_french_text() {
        assert!(matches!(display(true, "Panne du DPI"), Cow::Borrowed(_)));
        assert!(matches!(display(false, "Why? Now!"), Cow::Borrowed(_)));
        assert_eq!(display(true, "Que faire ?"), "Que faire\u{202f}?");
    }

    #[test]
    fn leaves_urls_and_times_alone() {
        assert_eq!(
            french("https://cyber.gouv.fr à 10:30"),
            "https://cyber.gouv.fr à 10:30"
        );
        assert_eq!(french("a?b"), "a?b");
        assert_eq!(french("IPv6 ::1 et :8080"), "IPv6 ::1 et :8080");
        assert_eq!(french("Note :"), "Note\u{a0}:");
        assert_eq!(french("Taux 100 % ; fin"), "Taux 100\u{a0}%\u{202f}; fin");
        assert_eq!(french("le % de"), "le % de");
    }
}
