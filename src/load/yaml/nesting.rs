//! A guard before the parser: libyaml scans a whole document before its own
//! depth limit applies, in time that grows with the square of the nesting, so a
//! value of 100,000 nested brackets would hold a build for an hour.
//!
//! Only brackets that YAML reads as flow collections count: one where a value
//! starts (after `key: `, `- `, an anchor or a tag, at a line's start) or inside
//! a collection already open. Brackets in quoted text, comments, block scalars
//! (`|`, `>`) and plain text (`[3 ; 4[`) are text.

/// Deeper than this, serde_yaml refuses the value anyway ("recursion limit").
pub const MAX_DEPTH: usize = 128;

/// The 1-based line and column of the first `[` or `{` nested deeper than
/// [`MAX_DEPTH`], if any.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut scan = Scan::default();
    for (number, line) in text.split('\n').enumerate() {
        if let Some(at) = scan.line(line) {
            let col = line[..at].chars().count() + 1;
            return Some((number + 1, col));
        }
    }
    None
}

#[derive(Default)]
struct Scan {
    /// Open flow collections.
    depth: usize,
    /// Inside a quoted scalar (which may span lines): its quote.
    quote: Option<u8>,
    /// Inside a block scalar, or a plain one that may go on over the lines
    /// indented under it: the indentation of the line that opened it.
    block_of: Option<usize>,
}

impl Scan {
    /// Reads one line; the byte offset of a bracket past the limit, if any.
    fn line(&mut self, line: &str) -> Option<usize> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        if let Some(opener) = self.block_of {
            // The block scalar goes on while lines are blank or more indented.
            if line.trim().is_empty() || indent > opener {
                return None;
            }
            self.block_of = None;
        }
        let mut i = if self.quote.is_some() { 0 } else { indent };
        let mut value_start = self.quote.is_none();
        // Whether the value starting here follows `key:` or `- ` (a line's first
        // word is a key, whose line opens no scalar).
        let mut after_indicator = false;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = self.quote {
                match b {
                    b'\\' if q == b'"' => i += 1,
                    // `''` is a quote inside single quotes.
                    b'\'' if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
                    _ if b == q => self.quote = None,
                    _ => {}
                }
                i += 1;
                continue;
            }
            match b {
                b' ' | b'\t' => {}
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => return None,
                b'[' | b'{' if value_start || self.depth > 0 => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Some(i);
                    }
                    value_start = true;
                }
                b']' | b'}' if self.depth > 0 => {
                    self.depth -= 1;
                    value_start = false;
                }
                b',' if self.depth > 0 => value_start = true,
                b'"' | b'\'' if value_start => {
                    self.quote = Some(b);
                    value_start = false;
                }
                b'|' | b'>' if value_start && self.depth == 0 => {
                    self.block_of = Some(indent);
                    return None;
                }
                // An anchor or a tag comes before the value it names.
                b'&' | b'!' if value_start => {
                    while i + 1 < bytes.len() && !matches!(bytes[i + 1], b' ' | b'\t') {
                        i += 1;
                    }
                }
                b':' | b'-' | b'?'
                    if bytes.get(i + 1).is_none_or(|n| matches!(n, b' ' | b'\t'))
                        && (b == b':' || value_start) =>
                {
                    value_start = true;
                    after_indicator = true;
                }
                // A plain scalar's text goes on over the lines indented under
                // it (unless it is the key of a mapping in a list: `- a: …`).
                _ if value_start
                    && after_indicator
                    && self.depth == 0
                    && !line.get(i..).is_some_and(is_key) =>
                {
                    self.block_of = Some(indent);
                    return None;
                }
                _ => value_start = false,
            }
            i += 1;
        }
        None
    }
}

/// Whether the plain text starting `rest` is a mapping key (`a: …`, `a:`).
fn is_key(rest: &str) -> bool {
    let rest = rest.split(" #").next().unwrap_or(rest).trim_end();
    rest.contains(": ") || rest.contains(":\t") || rest.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(prefix: &str) -> String {
        format!("{prefix}{}{}", "[".repeat(200), "]".repeat(200))
    }

    #[test]
    fn finds_the_bracket_past_the_limit() {
        let text = format!("id: X\n{}", deep("trigger: "));
        assert_eq!(too_deep(&text), Some((2, 10 + MAX_DEPTH)));
        let mappings = format!("a: {}", "{a: ".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&mappings), Some((1, 4 + 4 * MAX_DEPTH)));
        // However the value is introduced, and across lines.
        for prefix in [
            "a: &x ",
            "a: !!seq ",
            "- ",
            "a:\n  - ",
            "a: [\n",
            "? ",
            "a:\n  b: ",
            "- - ",
            "- a: ",
        ] {
            assert!(too_deep(&deep(prefix)).is_some(), "{prefix:?}");
        }
        // A quote in plain text opens nothing to hide brackets in.
        for prefix in ["note: b:\"\nxx: ", "trigger: l'ARS\nx: ", "a: x -'\nb: "] {
            assert!(too_deep(&deep(prefix)).is_some(), "{prefix:?}");
        }
    }

    #[test]
    fn brackets_that_are_text_pass() {
        let intervals = "[3 ; 4[ ".repeat(200);
        for text in [
            format!("trigger: |\n  {intervals}\n  {intervals}\nnext: x\n"),
            format!("trigger: >-\n  {intervals}\n\n  {intervals}\n"),
            format!("note: intervalles {intervals}\n"),
            format!("title: 'l''ARS {intervals}'\n"),
            format!("title: \"a \\\" {intervals}\"\n"),
            format!("summary: x # {intervals}\n"),
            format!("a: \"{intervals}\n  {intervals}\"\n"),
            format!("note: intervalles\n  {intervals}\n  {intervals}\n"),
            format!("- item\n  {intervals}\n"),
        ] {
            assert_eq!(too_deep(&text), None, "{text}");
        }
        // Letters past ASCII anywhere a value may start read as text, no panic.
        for text in [
            "é: ü\n  é",
            "a: &é [é]",
            "- é: «[",
            "a: [é, {ü: é}]\n",
            "a: 'é''é' [",
            "a:\té",
        ] {
            assert_eq!(too_deep(text), None, "{text}");
        }
        let flat = "roles: [rssi, dpo]\nregions: [\"*\"]\nx: {a: [1, 2], b: c}\n";
        assert_eq!(too_deep(&flat.repeat(1000)), None);
    }
}
