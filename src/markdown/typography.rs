//! French typography: a no-break space before `: ; ! ?` and `»`, and after `«`, so the
//! punctuation never starts a line; and between groups of digits, so a phone number
//! (`01 53 73 22 22`) or an amount (`2 500`) is never cut across two lines.
//! Applied to prose only, never to code. Spaces before `: ; ! ?` are only
//! replaced, never added (`10:30`, `a?b`); guillemets get theirs even when the
//! author typed none. Ordinal letters are raised: `1er`, `2e`, `XXIe`.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event};

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

/// Splits prose around the letters of French ordinal abbreviations, which print
/// raised: `1er`, `1re`, `2e`, `2nde`, `3ème`, `XXIe`, `Ier`. Each piece comes with
/// whether it is raised. `None` when the text holds none, as most text does.
///
/// The number stands alone (`H2e`, `1,5e`, `5e-3` and `0x1e` are not ordinals)
/// and the letters end the word; Roman numerals are read from `I`, `V` and `X`
/// only, so `Ce`, `De` and `Cie` stay words.
pub fn ordinals(text: &str) -> Option<Vec<(&str, bool)>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let (mut plain_from, mut from) = (0, 0);
    // Where a number is followed by a letter an ordinal may begin with; `|` and
    // `&`, not `||` and `&&`: no branch, so a block of pairs is tested at once.
    let candidate = |a: u8, b: u8| {
        let digit = a.wrapping_sub(b'0') < 10;
        let roman = (a == b'I') | (a == b'V') | (a == b'X');
        (digit & ((b == b'e') | (b == b'r') | (b == b'n') | (b == 0xc3)))
            | (roman & ((b == b'e') | (b == b'r')))
    };
    while let Some(last) = next_pair(bytes, from, candidate) {
        let end = last + 1;
        from = end;
        let roman = is_roman(bytes[last]);
        let same_kind = |b: &u8| {
            if roman {
                is_roman(*b)
            } else {
                b.is_ascii_digit()
            }
        };
        let start = end
            - bytes[..end]
                .iter()
                .rev()
                .take_while(|b| same_kind(b))
                .count();
        if !boundary_before(&text[..start]) {
            continue;
        }
        let raised = ordinal_letters(&text[start..end], roman, &text[end..]);
        if let Some(letters) = raised.filter(|l| boundary_after(&text[end + l.len()..])) {
            pieces.push((&text[plain_from..end], false));
            pieces.push((letters, true));
            plain_from = end + letters.len();
            from = plain_from;
        }
    }
    if pieces.is_empty() {
        return None;
    }
    if plain_from < text.len() {
        pieces.push((&text[plain_from..], false));
    }
    Some(pieces)
}

/// Pushes French prose as HTML events, its ordinal letters in `<sup>`.
pub fn push_raising_ordinals<'a>(text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
    let Some(pieces) = ordinals(&text) else {
        out.push(Event::Text(text));
        return;
    };
    for (piece, raised) in pieces {
        let piece = Event::Text(CowStr::from(piece.to_string()));
        if raised {
            out.extend([Event::InlineHtml(CowStr::Borrowed("<sup>")), piece]);
            out.push(Event::InlineHtml(CowStr::Borrowed("</sup>")));
        } else {
            out.push(piece);
        }
    }
}

/// Where a French title's ordinal letters are, as `[start, end)` in UTF-16 code
/// units (how a page's script counts): the search results raise them.
pub fn ordinal_ranges_utf16(is_french: bool, title: &str) -> Vec<[u32; 2]> {
    let Some(pieces) = is_french.then(|| ordinals(title)).flatten() else {
        return Vec::new();
    };
    let mut ranges = Vec::new();
    let mut at = 0;
    for (piece, raised) in pieces {
        let end = at + piece.encode_utf16().count() as u32;
        if raised {
            ranges.push([at, end]);
        }
        at = end;
    }
    ranges
}

/// A title as HTML, escaped: in French, its ordinal letters in `<sup>` as in the
/// text (`Plan de 2<sup>e</sup> niveau`), for headings and lists of titles.
pub fn title_html(is_french: bool, title: &str) -> String {
    let Some(pieces) = is_french.then(|| ordinals(title)).flatten() else {
        return crate::html::escape(title);
    };
    let mut out = String::with_capacity(title.len() + 16);
    for (piece, raised) in pieces {
        if raised {
            out.push_str("<sup>");
        }
        crate::html::escape_into(&mut out, piece);
        if raised {
            out.push_str("</sup>");
        }
    }
    out
}

/// The first `i >= from` whose bytes `i` and `i + 1` pass `test`. Most prose has
/// no such pair: the test runs on every pair of a fixed-size block (the last one
/// padded with zeros, which must not pass) without branching, which the
/// compiler turns into a few vector instructions per block.
fn next_pair(bytes: &[u8], from: usize, test: impl Fn(u8, u8) -> bool) -> Option<usize> {
    const BLOCK: usize = 32;
    let pairs = bytes.len().checked_sub(1)?;
    let (first, second) = (&bytes[..pairs], &bytes[1..]);
    let block_passes = |a: &[u8; BLOCK], b: &[u8; BLOCK]| {
        (0..BLOCK).fold(false, |found, i| found | test(a[i], b[i]))
    };
    let mut at = from;
    while at < pairs {
        let n = (pairs - at).min(BLOCK);
        let passes = match (first[at..at + n].try_into(), second[at..at + n].try_into()) {
            (Ok(a), Ok(b)) => block_passes(a, b),
            _ => {
                let (mut a, mut b) = ([0; BLOCK], [0; BLOCK]);
                a[..n].copy_from_slice(&first[at..at + n]);
                b[..n].copy_from_slice(&second[at..at + n]);
                block_passes(&a, &b)
            }
        };
        if passes {
            return (at..at + n).find(|&i| test(first[i], second[i]));
        }
        at += n;
    }
    None
}

fn is_roman(b: u8) -> bool {
    matches!(b, b'I' | b'V' | b'X')
}

/// The ordinal letters `rest` starts with after `number`, the longest form first.
fn ordinal_letters<'t>(number: &str, roman: bool, rest: &'t str) -> Option<&'t str> {
    const FIRST: &[&str] = &["ères", "ère", "ers", "er", "res", "re"];
    const SECOND: &[&str] = &["ndes", "nde", "nds", "nd"];
    const ANY: &[&str] = &["èmes", "ème", "es", "e"];
    let one = number == if roman { "I" } else { "1" };
    let forms = [
        if one { FIRST } else { &[] },
        if number == "2" { SECOND } else { &[] },
        if roman { &ANY[2..] } else { ANY },
    ];
    let letters = forms
        .into_iter()
        .flatten()
        .find(|f| rest.starts_with(**f))?;
    Some(&rest[..letters.len()])
}

fn boundary_before(before: &str) -> bool {
    (before.chars().next_back()).is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '«' | '"' | '“' | '\'' | '’' | '—' | '–')
    })
}

/// The word ends: a space, the end, or punctuation (not a decimal point, `-` or `/`).
fn boundary_after(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        None => true,
        Some('.') => chars.next().is_none_or(|c| !c.is_alphanumeric()),
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';' | ':' | '!' | '?' | ')' | ']' | '»' | '"' | '”' | '\'' | '’' | '…'
                )
        }
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

/// Cheap test that lets most text events skip the rewrite, a block of bytes at a
/// time. `«` and `»` end in 0xAB and 0xBB; other characters ending so only cost a
/// rewrite that changes nothing.
pub fn needs_french(text: &str) -> bool {
    let bytes = text.as_bytes();
    let special = |b: u8| {
        (b == b':')
            | (b == b';')
            | (b == b'!')
            | (b == b'?')
            | (b == b'%')
            | (b == 0xab)
            | (b == 0xbb)
    };
    let digit = |b: u8| b.wrapping_sub(b'0') < 10;
    if let [only] = bytes {
        return special(*only);
    }
    let mut from = 0;
    while let Some(i) = next_pair(bytes, from, |a, b| {
        special(a) | special(b) | (digit(a) & (b == b' '))
    }) {
        // A digit group: `2 500`.
        if special(bytes[i]) || special(bytes[i + 1]) || bytes.get(i + 2).is_some_and(|&c| digit(c))
        {
            return true;
        }
        from = i + 1;
    }
    false
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

    /// The block-at-a-time test says what the byte-at-a-time one said, on texts
    /// of every length around the block size, whatever byte they hold where.
    #[test]
    fn needs_french_matches_a_byte_by_byte_reading() {
        let naive = |bytes: &[u8]| {
            bytes.iter().enumerate().any(|(i, &b)| match b {
                b':' | b';' | b'!' | b'?' | b'%' | 0xab | 0xbb => true,
                b' ' => {
                    i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                }
                _ => false,
            })
        };
        let alphabet = ["a", "é", " ", "1", "9", ":", "!", "«", "»", "%", "x"];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for len in 0..80 {
            for _ in 0..40 {
                let text: String = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        // Mostly letters, as prose is.
                        let pick = (state % 40) as usize;
                        alphabet[if pick < alphabet.len() { pick } else { 0 }]
                    })
                    .collect();
                assert_eq!(needs_french(&text), naive(text.as_bytes()), "{text:?}");
            }
        }
    }

    #[test]
    fn display_borrows_unless_it_changes_french_text() {
        assert!(matches!(display(true, "Panne du DPI"), Cow::Borrowed(_)));
        assert!(matches!(display(false, "Why? Now!"), Cow::Borrowed(_)));
        assert_eq!(display(true, "Que faire ?"), "Que faire\u{202f}?");
    }

    fn raised(text: &str) -> Vec<&str> {
        let pieces = ordinals(text).unwrap_or_default();
        pieces.into_iter().filter(|p| p.1).map(|p| p.0).collect()
    }

    #[test]
    fn finds_ordinal_letters() {
        assert_eq!(
            ordinals("le 1er étage, la 2e salle."),
            Some(vec![
                ("le 1", false),
                ("er", true),
                (" étage, la 2", false),
                ("e", true),
                (" salle.", false)
            ])
        );
        assert_eq!(
            raised("1re 1ère 1ers 2nde 2nd 3ème 10es"),
            ["re", "ère", "ers", "nde", "nd", "ème", "es"]
        );
        assert_eq!(
            raised("au XXIe siècle, François Ier (IIIe)"),
            ["e", "er", "e"]
        );
        assert_eq!(raised("«\u{a0}2e\u{a0}» et (3e) fin 4e"), ["e", "e", "e"]);
    }

    #[test]
    fn leaves_other_numbers_and_words_alone() {
        for text in [
            "H2e",
            "1,5e",
            "5e-3",
            "0x1e",
            "2e3",
            "v1.2e",
            "1eux",
            "3er",
            "2re",
            "Ce De Le Cie",
            "IIer",
            "Ver",
            "10 e",
            "2es5",
            "1er.5",
            "Xena",
            "page 12",
        ] {
            assert_eq!(ordinals(text), None, "{text}");
        }
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
