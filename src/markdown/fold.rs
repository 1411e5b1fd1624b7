//! The search text of a page, folded as it arrives: one space between words.

/// Appends `text` to `out` with each run of whitespace, also one spanning two
/// calls, folded to a single space and none at the start: the search text arrives
/// event by event, and this is `split_whitespace().join(" ")` as it goes. `out` may
/// end with one pending space; `flush_section` drops it. Runs of other characters
/// are copied whole: this sees every byte of every page.
pub fn push_collapsed(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let (mut i, mut run) = (0, 0);
    while i < bytes.len() {
        // Skip to the next byte that may start whitespace.
        if !MAY_BE_SPACE[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let space = whitespace_len(text, i);
        if space == 0 {
            i += 1;
            continue;
        }
        // A lone space after a word is already collapsed: keep it in the run,
        // so prose is copied in one piece rather than word by word.
        if bytes[i] == b' ' && i > run && (i + 1 == bytes.len() || whitespace_len(text, i + 1) == 0)
        {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        i += space;
        run = i;
    }
    out.push_str(&text[run..]);
}

/// ASCII whitespace, and the lead bytes of the non-ASCII whitespace
/// (U+0085, U+00A0, U+1680, U+2000…): every other byte is never whitespace.
static MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [
        b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xc2, 0xe1, 0xe2, 0xe3,
    ];
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// Length of the whitespace character (as `char::is_whitespace`) at byte `i`, or 0.
#[inline]
fn whitespace_len(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
        0xc2 | 0xe1 | 0xe2 | 0xe3 => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::push_collapsed;

    /// Collecting piece by piece gives what joining then collapsing gives.
    #[test]
    fn collapsing_as_text_arrives_matches_collapsing_at_the_end() {
        let cases: &[&[&str]] = &[
            &["  Isoler ", "le\tposte", "\n", " ", "puis", "  appeler  "],
            &["mot", "collé", " ", "\u{a0}espace\u{202f}fine "],
            &["", " ", "", "a", ""],
            &["   "],
            &["\u{85}x\u{1680}y\u{2000}\u{200a}z\u{2028}\u{2029}\u{205f}w\u{3000}"],
            &["é\u{2010}ë « ok »", "\u{2011}\u{3001}"],
        ];
        for pieces in cases {
            let mut out = String::new();
            for p in *pieces {
                push_collapsed(&mut out, p);
            }
            if out.ends_with(' ') {
                out.pop();
            }
            let whole: String = pieces.concat();
            let expected = whole.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(out, expected, "{pieces:?}");
        }
    }
}
