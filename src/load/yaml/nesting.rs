//! A guard before the parser: libyaml scans a whole document before its own
//! depth limit applies, in time that grows with the square of the nesting, so a
//! value of 100,000 nested brackets would hold a build for an hour.

/// Deeper than this, serde_yaml refuses the value anyway ("recursion limit").
pub const MAX_DEPTH: usize = 128;

/// The 1-based line and column of the first `[` or `{` nested deeper than
/// [`MAX_DEPTH`], if any. Quoted text and comments are skipped; a bracket inside
/// plain text counts too, which is harmless at this depth.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut line_start) = (0usize, 1, 0);
    let mut quote = None;
    let (mut comment, mut escaped) = (false, false);
    // The byte before, and the last one that was not a space: a quote opens a
    // value only where a value starts (`l'ARS` holds none).
    let (mut prev, mut last_sign) = (b'\n', b'\n');
    for (i, b) in text.bytes().enumerate() {
        match (quote, b) {
            // Flow collections and quoted text may span lines; comments do not.
            (_, b'\n') => (line, line_start, comment) = (line + 1, i + 1, false),
            _ if comment => {}
            _ if escaped => escaped = false,
            (Some(b'"'), b'\\') => escaped = true,
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'')
                if matches!(last_sign, b':' | b'-' | b'[' | b'{' | b',' | b'\n') =>
            {
                quote = Some(b)
            }
            (None, b'#') if matches!(prev, b' ' | b'\t' | b'\n') => comment = true,
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let col = text[line_start..i].chars().count() + 1;
                    return Some((line, col));
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = b;
        if !matches!(b, b' ' | b'\t') {
            last_sign = b;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_bracket_past_the_limit() {
        let deep = format!("id: X\ntrigger: {}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(too_deep(&deep), Some((2, 10 + MAX_DEPTH)));
        let mappings = format!("a: {}", "{a: ".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&mappings), Some((1, 4 + 4 * MAX_DEPTH)));
    }

    #[test]
    fn ordinary_values_pass() {
        let flat = "roles: [rssi, dpo]\ntitle: \"[[[[\\\"[[\" # [[[[\nsummary: '{{{'\n";
        assert_eq!(too_deep(&flat.repeat(500)), None);
        let balanced = "- [a]\n".repeat(10_000);
        assert_eq!(too_deep(&balanced), None);
        // An apostrophe inside plain text opens no quote to hide brackets in.
        let hidden = format!("trigger: l'ARS {}", "[".repeat(MAX_DEPTH + 1));
        assert!(too_deep(&hidden).is_some());
    }
}
