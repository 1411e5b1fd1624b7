//! French typography: a no-break space before `: ; ! ?` and `»`, and after `«`, so the
//! punctuation never starts a line. Applied to prose only, never to code. Spaces
//! before `: ; ! ?` are only replaced, never added (`10:30`, `a?b`); guillemets get
//! theirs even when the author typed none.

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
            ' ' | NBSP | NNBSP => match chars.peek() {
                Some(':') | Some('»') => out.push(NBSP),
                Some(';') | Some('!') | Some('?') => out.push(NNBSP),
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

/// Cheap test that lets most text events skip the rewrite: one pass over the bytes.
/// `«` and `»` end in 0xAB and 0xBB; other characters ending so only cost a rewrite
/// that changes nothing.
pub fn needs_french(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b':' | b';' | b'!' | b'?' | 0xab | 0xbb))
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
    fn leaves_urls_and_times_alone() {
        assert_eq!(
            french("https://cyber.gouv.fr à 10:30"),
            "https://cyber.gouv.fr à 10:30"
        );
        assert_eq!(french("a?b"), "a?b");
    }
}
