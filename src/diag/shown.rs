//! How messages show characters: by their code where no one could see them,
//! or where printing them would move, recolour or reverse the terminal's text;
//! and how a diagnostic shows its source line: control characters as their
//! pictures, a long line in part, the caret under the value.

/// A name for a message: characters no one can see (a line break, a bell, a
/// right-to-left override) as their code, `<U+000A>`; everything else as
/// written, `\\` included (often the very reason it is named).
pub fn shown_name(name: &str) -> String {
    name.chars()
        .map(|c| match unseen(c) {
            true => format!("<{}>", code_point(c)),
            false => c.to_string(),
        })
        .collect()
}

/// `U+00A0`: how messages name a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether `c` shows nothing, or rewrites what follows on a terminal: control
/// characters and Unicode's default-ignorable ones.
pub fn unseen(c: char) -> bool {
    c.is_control() || is_default_ignorable(c)
}

/// Unicode's Default_Ignorable_Code_Point: characters with no visible form.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// `line` with its control characters (but tabs) as their Unicode pictures.
pub(super) fn visible(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains(|c: char| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(line);
    }
    line.chars()
        .map(|c| match c {
            '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// A path as one line of text (see [`one_line`]).
pub(super) fn shown_path(path: &std::path::Path) -> String {
    one_line(&path.to_string_lossy()).into_owned()
}

/// `text` with the characters no one can see named (a newline in a file name
/// becomes `<U+000A>`), so that each diagnostic stays one line for editors and
/// grep, and a right-to-left override cannot turn the rest of it around.
pub(super) fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(unseen) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(shown_name(text))
}

/// Byte range of the offending value within its line, for the caret. `col` counts
/// characters, so convert to bytes; an empty span still gets one caret.
pub(super) fn caret_span(line: &str, col: usize, len: usize) -> std::ops::Range<usize> {
    let start: usize = line
        .chars()
        .take(col.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let width: usize = line[start.min(line.len())..]
        .chars()
        .take(len.max(1))
        .map(char::len_utf8)
        .sum();
    let start = start.min(line.len());
    start..(start + width.max(1)).min(line.len().max(start + 1))
}

/// Lines longer than this are shown in part: a problem repeated along a 500 KB
/// line would otherwise keep a copy of the line each, and print it each.
const EXCERPT_MAX: usize = 400;

/// `line`, or its part around the 1-based column `col` when it is longer than
/// `EXCERPT_MAX` characters, with the count of characters cut before it (a `…`
/// stands for them, one column, so the caret stays under the problem).
pub(super) fn excerpt(line: &str, col: usize, len: usize) -> (String, usize) {
    if line.len() <= EXCERPT_MAX {
        return (line.to_string(), 0);
    }
    const BEFORE: usize = 120;
    let skip = col.saturating_sub(1 + BEFORE);
    let take = BEFORE + len.min(EXCERPT_MAX) + 120;
    let mut chars = line.chars().skip(skip);
    let mut out = String::with_capacity(take + 8);
    if skip > 0 {
        out.push('…');
    }
    out.extend(chars.by_ref().take(take));
    if chars.next().is_some() {
        out.push('…');
    }
    // The `…` takes the place of one cut character in the column count.
    (out, skip.saturating_sub(1))
}
