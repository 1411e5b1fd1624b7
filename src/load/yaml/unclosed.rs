//! Where a value that YAML reads on past its line opened: libyaml reports an
//! unclosed quote or bracket where it gave up, often at the next key.

/// The line and column of a value that opens with `"` and has no closing `"` on
/// its line, above `before` (a quoted value may run over several lines, so only
/// one that the error follows counts).
pub(super) fn quote(text: &str, before: usize) -> Option<(usize, usize)> {
    text.lines()
        .take(before.saturating_sub(1))
        .enumerate()
        .find_map(|(i, l)| {
            let (_, value) = l.split_once(": ")?;
            let value = value.trim_start();
            let closed = if let Some(rest) = value.strip_prefix('"') {
                // `\"` escapes a double quote.
                let mut escaped = false;
                rest.chars().any(|c| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
            } else {
                // `''` is a single quote inside single quotes.
                let rest = value.strip_prefix('\'')?;
                rest.replace("''", "").contains('\'')
            };
            let col = l.chars().count() - value.trim_start().chars().count() + 1;
            (!closed).then_some((i + 1, col))
        })
}

/// The line, column and bracket of a `[` or `{` that a value opens and does not
/// close on its line, on one of the five lines above `before`, the nearest first
/// (a flow list may run over several lines, so only one the error follows counts).
pub(super) fn flow(text: &str, before: usize) -> Option<(usize, usize, char)> {
    let lines: Vec<&str> = text.lines().take(before.saturating_sub(1)).collect();
    let from = lines.len().saturating_sub(5);
    (from..lines.len())
        .rev()
        .find_map(|i| unmatched_opener(lines[i]).map(|(col, c)| (i + 1, col, c)))
}

/// The first bracket of `line` left open at its end (1-based column), outside
/// quotes and comments.
fn unmatched_opener(line: &str) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (col, c) in line.chars().enumerate().map(|(i, c)| (i + 1, c)) {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if matches!(prev, ' ' | '[' | '{' | ',' | ':') => quote = Some(c),
            (None, '#') if prev == ' ' => break,
            (None, '[' | '{') => open.push((col, c)),
            (None, ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
        prev = c;
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_bracket_is_found_above_the_error() {
        let text = "id: X\ntags: [crise, \"a]b\", rançon\nweight: 10\n";
        assert_eq!(flow(text, 3), Some((2, 7, '[')));
        assert_eq!(flow("a: {b: [1]\nc: 2\n", 2), Some((1, 4, '{')));
        // Closed, or only in a comment or quotes: nothing.
        assert_eq!(flow("a: [1, 2]\nb: x # [\nc: \"[\"\nd: 1\n", 4), None);
    }
}
