//! Characters an author cannot see: control characters pasted into a procedure
//! (Word's manual line break is U+000B, PDFs bring form feeds). HTML counts them as
//! errors, browsers show nothing, and they can stop the PDF.

/// What to do about a control character.
pub const CONTROL_HELP: &str =
    "delete it: it is invisible, and usually comes from pasted text (Word's line break is U+000B)";

/// `U+000B`.
pub fn describe(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// What an author calls a character that does not show, or looks like another.
pub fn name(c: char) -> &'static str {
    match c {
        '\u{a0}' | '\u{202f}' => "a no-break space",
        '\u{2000}'..='\u{200a}' | ' ' | '\u{3000}' => "a space",
        '\u{200b}' => "a zero-width space",
        '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => "an invisible joiner",
        '\u{ad}' => "a soft hyphen",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "a dash that looks like `-`",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "a text-direction control",
        '\u{e000}'..='\u{f8ff}' => "an empty box in browsers and on paper",
        '\t' => "a tab",
        c if c.is_control() => "a control character",
        c if c.is_alphabetic() => "a letter outside plain ASCII",
        _ => "a character outside plain ASCII",
    }
}

/// The first control character of `text` that HTML does not allow (all but tab,
/// line feed, form feed and carriage return), with its byte offset, and how many
/// there are in all.
pub fn controls(text: &str) -> Option<(usize, char, usize)> {
    // The body of every page comes through here, and nearly every run of 64 bytes
    // is clean: test each run without branches (the compiler makes that a few
    // vector instructions), and look closer only at the runs that hold one.
    const RUN: usize = 64;
    let bytes = text.as_bytes();
    let mut first = None;
    let mut count = 0;
    let mut check = |i: usize| {
        let (b, n) = (bytes[i], bytes.get(i + 1).copied().unwrap_or(0));
        if is_control(b, n) {
            count += 1;
            first.get_or_insert((i, char::from(if b == 0xc2 { n } else { b })));
        }
    };
    // Whole runs with the byte after each (a C1 control takes two bytes).
    let mut start = 0;
    while start + RUN < bytes.len() {
        let run = &bytes[start..start + RUN];
        let next = &bytes[start + 1..start + RUN + 1];
        let hit = (0..RUN).fold(false, |any, k| any | is_control(run[k], next[k]));
        if hit {
            (start..start + RUN).for_each(&mut check);
        }
        start += RUN;
    }
    (start..bytes.len()).for_each(&mut check);
    first.map(|(i, c)| (i, c, count))
}

/// What to do about an invisible character.
const INVISIBLE_HELP: &str = "delete it: it does not show, it splits words for search, \
     and a text-direction control can display what follows backwards (a phone number read reversed)";

/// What to do about the invisible character `c` (see [`invisibles`]).
pub fn invisible_help(c: char) -> &'static str {
    match c {
        '\u{200c}' | '\u{200d}' => {
            "delete it: beside a plain letter or digit it joins nothing, and it splits the word for search"
        }
        _ => INVISIBLE_HELP,
    }
}

/// Characters that show nothing but change the text: zero-width spaces, word
/// joiners, byte-order marks inside the text, line and paragraph separators, and
/// text-direction controls. (Joiners inside emoji, U+200C/U+200D, are meant.)
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// The first invisible character of `text` (see [`is_invisible`], and
/// [`joins_nothing`]), with its byte offset, and how many there are in all.
pub fn invisibles(text: &str) -> Option<(usize, char, usize)> {
    // All of them start with 0xE2 or 0xEF: look only there.
    let mut first = None;
    let mut count = 0;
    for i in memchr::memchr2_iter(0xe2, 0xef, text.as_bytes()) {
        let c = text.get(i..).and_then(|t| t.chars().next());
        if let Some(c) = c.filter(|c| is_invisible(*c) || joins_nothing(text, i, *c)) {
            count += 1;
            first.get_or_insert((i, c));
        }
    }
    first.map(|(i, c)| (i, c, count))
}

/// What to do about a character of a symbol font (see [`symbol_fonts`]).
pub const SYMBOL_FONT_HELP: &str = "type the character it stood for, or a word: Word's Symbol and \
     Wingdings fonts keep their bullets, arrows and ticks there (`•`, `→`, `✓`)";

/// U+E000 to U+F8FF: characters no standard gives a shape to.
pub fn is_private_use(c: char) -> bool {
    ('\u{e000}'..='\u{f8ff}').contains(&c)
}

/// The first private-use character of `text` (U+E000 to U+F8FF), with its byte
/// offset, and how many there are in all. Word writes the bullets, arrows and
/// ticks of its Symbol and Wingdings fonts there; no font of a browser or of the
/// PDF has them. A bullet starting a line is left to the check of pasted lists.
pub fn symbol_fonts(text: &str) -> Option<(usize, char, usize)> {
    // U+E000..U+F8FF is 0xEE 0x80 0x80 to 0xEF 0xA3 0xBF in UTF-8.
    let mut first = None;
    let mut count = 0;
    for i in memchr::memchr2_iter(0xee, 0xef, text.as_bytes()) {
        let c = text.get(i..).and_then(|t| t.chars().next());
        let Some(c) = c.filter(|c| is_private_use(*c)) else {
            continue;
        };
        let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
        let bullet = text[line_start..i]
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '>'))
            && text[i + c.len_utf8()..].starts_with(char::is_whitespace);
        if !bullet {
            count += 1;
            first.get_or_insert((i, c));
        }
    }
    first.map(|(i, c)| (i, c, count))
}

/// Whether `c`, at byte `at` of `text`, is a joiner (U+200C, U+200D) with
/// nothing to join: beside a plain ASCII letter or digit. Emoji sequences and
/// the scripts that use joiners have them beside their own characters, before a
/// space or a full stop too (a Malayalam chillu, a Devanagari half form shown
/// alone); in `ran\u{200d}con` the joiner only hides that the word is not `rancon`.
pub fn joins_nothing(text: &str, at: usize, c: char) -> bool {
    if !matches!(c, '\u{200c}' | '\u{200d}') {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    [before, after]
        .iter()
        .any(|n| n.is_some_and(|n| n.is_ascii_alphanumeric()))
}

/// Whether the character starting with byte `b` (followed by `n`) is a C0 control
/// other than tab, line feed, form feed and carriage return, DEL, or a C1 control
/// (U+0080..U+009F: 0xC2 then 0x80..0x9F). Bitwise, not short-circuit, so that a
/// run of these tests vectorises.
#[inline]
/// `text` with each control character [`controls`] finds made spaces, one per
/// byte, so every offset into it stays true: the page's HTML stays valid, and a
/// Word line break (U+000B) still parts the words around it.
pub fn blank_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let next = bytes.get(1).copied().unwrap_or(0);
        match is_control(bytes[0], next) {
            true => out.extend(std::iter::repeat_n(' ', bytes.len())),
            false => out.push(c),
        }
    }
    out
}

fn is_control(b: u8, n: u8) -> bool {
    let c0 = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0c) & (b != b'\r');
    let c1 = (b == 0xc2) & (0x80..=0x9f).contains(&n);
    c0 | (b == 0x7f) | c1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_spaces_byte_for_byte() {
        let text = "Ligne\u{b}suite\u{85}fin\t\u{c}é\u{7f}";
        let blank = blank_controls(text);
        assert_eq!(blank, "Ligne suite  fin\t\u{c}é ");
        assert_eq!(blank.len(), text.len());
        assert_eq!(controls(&blank), None);
    }

    #[test]
    fn finds_control_characters_but_not_whitespace_or_letters() {
        assert_eq!(controls("Étapes\t1\r\n\u{c}2 — «é» \u{a0}"), None);
        assert_eq!(controls("a\u{b}b\u{1}"), Some((1, '\u{b}', 2)));
        assert_eq!(controls("é\u{85}x\u{7f}"), Some((2, '\u{85}', 2)));
        assert_eq!(describe('\u{b}'), "U+000B");
        // Across the 64-byte runs the scan works in, and astride a run's edge.
        let long = format!("{}\u{1}{}\u{9f}", "a".repeat(31), "«b» ".repeat(40));
        assert_eq!(controls(&long), Some((31, '\u{1}', 2)));
        let edge = format!("{}\u{85}{}", "a".repeat(63), "b".repeat(70));
        assert_eq!(controls(&edge), Some((63, '\u{85}', 1)));
    }

    #[test]
    fn finds_invisible_characters_but_not_typography() {
        assert_eq!(invisibles("l’« ARS » — 01\u{a0}53… 👨\u{200d}⚕️"), None);
        assert_eq!(
            invisibles("06 11\u{202e}22 33\u{202c} zéro\u{200b}largeur"),
            Some((5, '\u{202e}', 3))
        );
        assert_eq!(invisibles("bom\u{feff}"), Some((3, '\u{feff}', 1)));
        // A joiner is meant inside an emoji or a script that uses it, not in a word.
        assert_eq!(invisibles("ran\u{200d}con"), Some((3, '\u{200d}', 1)));
        assert_eq!(invisibles("fin\u{200c}"), Some((3, '\u{200c}', 1)));
        // Malayalam chillu before a space or a full stop, a half form shown
        // alone, an Arabic joining form, an emoji after a letter.
        for meant in [
            "\u{d05}\u{d35}\u{d28}\u{d4d}\u{200d} \u{d35}.",
            "\u{d05}\u{d35}\u{d28}\u{d4d}\u{200d}.",
            "\u{915}\u{94d}\u{200d} puis",
            "\u{647}\u{200d} seul",
            "Alerte\u{1f468}\u{200d}\u{2695}\u{fe0f}",
        ] {
            assert_eq!(invisibles(meant), None, "{meant}");
        }
        assert_eq!(
            invisibles("\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}"),
            None
        );
    }
}
