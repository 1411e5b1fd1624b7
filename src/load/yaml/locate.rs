//! Where keys and values sit in a YAML text. serde_yaml gives no spans for values,
//! and front matter is flat, so line scans place what diagnostics point at.

use std::ops::Range;

use crate::diag::line_col;

/// Where a top-level `key:` sits in a YAML text: the 1-based line, and the column where
/// its value starts (just after `: `). serde_yaml gives no spans for values, and front
/// matter is flat, so a line scan is exact for the keys we report on; a front matter
/// written as one flow mapping (`{id: X, title: Y}`) is split at its own commas.
pub fn locate_key(text: &str, key: &str) -> Option<(usize, usize)> {
    if let Some(entries) = flow_entries(text) {
        let (_, value) = entries
            .into_iter()
            .find(|(k, _)| unquoted(&text[k.clone()]) == key)?;
        return Some(line_col(text, value.start));
    }
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(key).or_else(|| quoted_key(line, key))?;
        let after = rest.trim_start_matches([' ', '\t']);
        let after_colon = after.strip_prefix(':')?;
        let value_start = line.len() - after_colon.trim_start().len();
        Some((i + 1, line[..value_start].chars().count() + 1))
    })
}

/// The value of top-level `key` as written on the line where it starts: to the
/// line's end (a comment included) or, in a flow mapping, to its comma. With its
/// 1-based line and column.
pub fn written_at<'t>(text: &'t str, key: &str) -> Option<(usize, usize, &'t str)> {
    if flow_entries(text).is_some() {
        let span = value_span(text, key)?;
        let (line, col) = line_col(text, span.value.start);
        let value = text[span.value].split('\n').next().unwrap_or_default();
        return Some((line, col, value.trim_end()));
    }
    let (line, col) = locate_key(text, key)?;
    let line_text = text.lines().nth(line - 1)?;
    let from = line_text
        .char_indices()
        .nth(col - 1)
        .map_or(line_text.len(), |(i, _)| i);
    Some((line, col, &line_text[from..]))
}

/// The line and column of each top-level key of a YAML text (the first when
/// repeated), as `locate_key` finds them: reporting many keys of one mapping scans
/// it once. The column is where the key is written, its quote included.
pub fn key_lines(text: &str) -> rustc_hash::FxHashMap<&str, (usize, usize)> {
    let mut out = rustc_hash::FxHashMap::default();
    if let Some(entries) = flow_entries(text) {
        for (key, _) in entries.into_iter().rev() {
            out.insert(unquoted(&text[key.clone()]), line_col(text, key.start));
        }
        return out;
    }
    for (i, line) in text.lines().enumerate() {
        let key = match line.chars().next() {
            Some(q @ ('"' | '\'')) => line[1..].split_once(q).map(|(k, _)| k),
            Some(c) if !c.is_whitespace() && !matches!(c, '#' | '-') => line
                .split_once(':')
                .map(|(k, _)| k.trim_end_matches([' ', '\t'])),
            _ => None,
        };
        if let Some(key) = key {
            out.entry(key).or_insert((i + 1, 1));
        }
    }
    out
}

/// In a text that is one flow mapping, the second entry of `key`: from its key
/// to its value's end, the comma after it included.
pub(super) fn flow_repeat(text: &str, key: &str) -> Option<Range<usize>> {
    let (key_at, value) = flow_entries(text)?
        .into_iter()
        .filter(|(k, _)| unquoted(&text[k.clone()]) == key)
        .nth(1)?;
    let after = &text[value.end..];
    let end = match after.trim_start().strip_prefix(',') {
        Some(rest) => text.len() - rest.len(),
        None => value.end,
    };
    Some(key_at.start..end)
}

fn unquoted(key: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|q| key.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(key)
}

/// The entries of a YAML text that is one flow mapping, `{id: X, roles: [a, b]}`
/// over one line or several: each key's byte range (quotes included) and its
/// value's, or `None` when the text is not a flow mapping.
fn flow_entries(text: &str) -> Option<Vec<(Range<usize>, Range<usize>)>> {
    let open = text.len() - text.trim_start().len();
    if !text[open..].starts_with('{') {
        return None;
    }
    let bytes = text.as_bytes();
    let trimmed = |r: Range<usize>| {
        let part = &text[r.clone()];
        let start = r.start + (part.len() - part.trim_start().len());
        start..start + part.trim().len()
    };
    let (mut entries, mut depth, mut quote) = (Vec::new(), 0usize, None);
    let (mut entry, mut colon, mut comment) = (open + 1, None, None);
    let mut i = open + 1;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth > 0 => depth -= 1,
                // A plain key ends at `: `; a quoted one may be followed by `:` at once.
                b':' if depth == 0 && colon.is_none() => {
                    let next = bytes.get(i + 1).copied();
                    let after_quote = matches!(bytes[i - 1], b'"' | b'\'');
                    if after_quote
                        || next
                            .is_none_or(|n| matches!(n, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'}'))
                    {
                        colon = Some(i);
                    }
                }
                // A comment is part of neither a key nor a value.
                b'#' if matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                    let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                    match colon {
                        None => entry = end,
                        Some(_) => comment = comment.or(Some(i)),
                    }
                    i = end;
                    continue;
                }
                b',' | b'}' if depth == 0 => {
                    if let Some(c) = colon {
                        let value_end = comment.unwrap_or(i);
                        entries.push((trimmed(entry..c), trimmed(c + 1..value_end)));
                    }
                    if b == b'}' {
                        break;
                    }
                    (entry, colon, comment) = (i + 1, None, None);
                }
                _ => {}
            },
        }
        i += 1;
    }
    Some(entries)
}

pub(super) fn quoted_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    ['"', '\'']
        .iter()
        .find_map(|q| line.strip_prefix(*q)?.strip_prefix(key)?.strip_prefix(*q))
}

/// Where `needle` occurs in the value of top-level `key` (which may span several lines,
/// as a block list does): 1-based line and column.
pub fn locate_in_key(text: &str, key: &str, needle: &str) -> Option<(usize, usize)> {
    locate_in_value(text, &value_span(text, key)?, needle)
}

/// Where the value of top-level `key` lies: the key's line after its colon, then
/// the lines indented under it (a block list), up to the next top-level key.
#[derive(Debug, Clone)]
pub struct ValueSpan {
    key_line: usize,
    /// Byte offset of the key's line.
    line_start: usize,
    value: Range<usize>,
}

pub fn value_span(text: &str, key: &str) -> Option<ValueSpan> {
    if let Some(entries) = flow_entries(text) {
        let (_, value) = entries
            .into_iter()
            .find(|(k, _)| unquoted(&text[k.clone()]) == key)?;
        let line_start = text[..value.start].rfind('\n').map_or(0, |i| i + 1);
        let (key_line, _) = line_col(text, value.start);
        return Some(ValueSpan {
            key_line,
            line_start,
            value,
        });
    }
    let (key_line, _) = locate_key(text, key)?;
    let mut line_start = 0;
    for _ in 1..key_line {
        line_start += text[line_start..].find('\n')? + 1;
    }
    let value_start = line_start + text[line_start..].find(':').map_or(0, |c| c + 1);
    let mut end = text[value_start..]
        .find('\n')
        .map_or(text.len(), |e| value_start + e);
    while end < text.len() {
        let line = text[end + 1..].split('\n').next().unwrap_or_default();
        if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break; // the next top-level key: the value ended
        }
        end = (end + 1 + line.len()).min(text.len());
    }
    Some(ValueSpan {
        key_line,
        line_start,
        value: value_start..end,
    })
}

/// Where `needle` occurs in a value: one search over it all, so placing each of
/// thousands of items costs a `find`, not a scan per line.
/// Finds the items of one value in turn: each search starts where the last
/// found one ended (items are checked in the order they are written), so a list
/// of thousands of wrong codes is scanned once, not once per code.
#[derive(Debug, Clone)]
pub struct ItemCursor {
    span: Option<ValueSpan>,
    /// Byte offset the next search starts from, and its 1-based line.
    at: usize,
    line: usize,
}

impl ItemCursor {
    pub fn new(text: &str, key: &str) -> ItemCursor {
        let span = value_span(text, key);
        let (at, line) = span
            .as_ref()
            .map_or((0, 1), |s| (s.value.start, s.key_line));
        ItemCursor { span, at, line }
    }

    /// The 1-based line, column and width of `item` in the value, written bare or
    /// quoted, searched from the last item found on, then from the value's start.
    pub fn find(&mut self, text: &str, item: &str) -> Option<(usize, usize, usize)> {
        let span = self.span.as_ref()?;
        let found = match whole_item(text, self.at..span.value.end, item) {
            Some(found) => found,
            None => {
                let found = whole_item(text, span.value.clone(), item)?;
                (self.at, self.line) = (span.line_start, span.key_line);
                found
            }
        };
        self.line += text[self.at..found.start].matches('\n').count();
        self.at = found.end;
        let line_start = text[..found.start].rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..found.start].chars().count() + 1;
        Some((self.line, col, text[found.clone()].chars().count()))
    }
}

/// The first `item` in `within` that is a whole item, not part of a longer one,
/// with its quotes when it has them.
fn whole_item(text: &str, within: Range<usize>, item: &str) -> Option<Range<usize>> {
    let part =
        |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let mut from = within.start;
    while let Some(i) = text[from..within.end].find(item) {
        let (start, end) = (from + i, from + i + item.len());
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !part(before) && !part(after) {
            let quoted = matches!((before, after), (Some(q @ ('"' | '\'')), Some(a)) if q == a);
            return Some(match quoted {
                true => start - 1..end + 1,
                false => start..end,
            });
        }
        from = end;
    }
    None
}

/// The `index`-th item of the list value of top-level `key` as written (`0x0B`,
/// not the number it reads as): its 1-based line, column and text. Flow lists
/// (`[a, b]`) and block lists (`- a`).
pub fn nth_item<'t>(text: &'t str, key: &str, index: usize) -> Option<(usize, usize, &'t str)> {
    let span = value_span(text, key)?;
    let value = &text[span.value.clone()];
    let start = span.value.start + (value.len() - value.trim_start().len());
    let items = match text[start..span.value.end].starts_with('[') {
        true => flow_items(text, start + 1..span.value.end),
        false => block_items(text, span.value.clone()),
    };
    let item = items.get(index)?.clone();
    let line_start = text[..item.start].rfind('\n').map_or(0, |i| i + 1);
    let line = span.key_line + text[span.line_start..line_start].matches('\n').count();
    let col = text[line_start..item.start].chars().count() + 1;
    Some((line, col, &text[item]))
}

/// The items of a flow list whose `[` ends before `within`: split at its own
/// commas (not those inside quotes or nested brackets), up to its `]`.
fn flow_items(text: &str, within: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let (mut items, mut depth, mut quote, mut from) = (Vec::new(), 0usize, None, within.start);
    let push = |from: usize, to: usize, items: &mut Vec<Range<usize>>| {
        let part = &text[from..to];
        let lead = part.len() - part.trim_start().len();
        if !part.trim().is_empty() {
            items.push(from + lead..from + lead + part.trim().len());
        }
    };
    for i in within {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b @ (b'"' | b'\'')) => quote = Some(b),
            (None, b'[' | b'{') => depth += 1,
            (None, b']' | b'}') if depth > 0 => depth -= 1,
            (None, b']') => {
                push(from, i, &mut items);
                return items;
            }
            (None, b',') if depth == 0 => {
                push(from, i, &mut items);
                from = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// The items of a block list: the text after each `- ` at the list's own indentation.
fn block_items(text: &str, within: Range<usize>) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut indent = None;
    let mut at = within.start;
    for line in text[within.clone()].split('\n') {
        let trimmed = line.trim_start_matches(' ');
        let depth = line.len() - trimmed.len();
        if trimmed.starts_with("- ") && *indent.get_or_insert(depth) == depth {
            let item = trimmed[2..].trim();
            let start = at + depth + 2 + (trimmed[2..].len() - trimmed[2..].trim_start().len());
            items.push(start..start + item.len());
        }
        at += line.len() + 1;
    }
    items
}

pub fn locate_in_value(text: &str, span: &ValueSpan, needle: &str) -> Option<(usize, usize)> {
    let at = span.value.start + text[span.value.clone()].find(needle)?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = span.key_line + text[span.line_start..line_start].matches('\n').count();
    Some((line, text[line_start..at].chars().count() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_and_items() {
        let text = "id: X\nregions: [\"11\", \"85\"]\nroles:\n  - dsi\n  - rsi\nphase: a\n";
        assert_eq!(locate_key(text, "regions"), Some((2, 10)));
        assert_eq!(locate_in_key(text, "regions", "\"85\""), Some((2, 17)));
        assert_eq!(locate_in_key(text, "roles", "rsi"), Some((5, 5)));
        assert_eq!(locate_in_key(text, "roles", "zzz"), None);
        assert_eq!(locate_key(text, "region"), None);
    }

    #[test]
    fn locates_keys_and_items_of_a_flow_mapping() {
        let text = "{id: X, \"title\":\"a, \\\"b: c\", # note, d: e\n roles: [dsi, rsi],\n  url: http://x, n: {a: b}}\n";
        assert_eq!(locate_key(text, "id"), Some((1, 6)));
        assert_eq!(written_at(text, "title"), Some((1, 17, "\"a, \\\"b: c\"")));
        assert_eq!(locate_key(text, "d"), None, "a comment holds no key");
        assert_eq!(locate_in_key(text, "roles", "rsi"), Some((2, 15)));
        assert_eq!(nth_item(text, "roles", 1), Some((2, 15, "rsi")));
        assert_eq!(written_at(text, "url"), Some((3, 8, "http://x")));
        assert_eq!(written_at(text, "n"), Some((3, 21, "{a: b}")));
        let keys = key_lines(text);
        assert_eq!(keys.get("title"), Some(&(1, 9)));
        assert_eq!(keys.get("url"), Some(&(3, 3)));
        assert_eq!(keys.len(), 5, "{keys:?}");
    }

    #[test]
    fn finds_the_nth_item_as_written() {
        let text = "regions: [0x0B, \"a, b\", [c, d], 11.0 ]\nroles:\n  - dsi\n  -   +11\nx: 1\n";
        assert_eq!(nth_item(text, "regions", 0), Some((1, 11, "0x0B")));
        assert_eq!(nth_item(text, "regions", 1), Some((1, 17, "\"a, b\"")));
        assert_eq!(nth_item(text, "regions", 2), Some((1, 25, "[c, d]")));
        assert_eq!(nth_item(text, "regions", 3), Some((1, 33, "11.0")));
        assert_eq!(nth_item(text, "regions", 4), None);
        assert_eq!(nth_item(text, "roles", 1), Some((4, 7, "+11")));
    }

    #[test]
    fn a_cursor_finds_items_in_turn_and_out_of_order() {
        let text = "id: X\nroles:\n  - dsi\n  - rsi\n  - dsi\nphase: a\n";
        let mut cursor = ItemCursor::new(text, "roles");
        assert_eq!(cursor.find(text, "dsi"), Some((3, 5, 3)));
        assert_eq!(cursor.find(text, "rsi"), Some((4, 5, 3)));
        assert_eq!(cursor.find(text, "dsi"), Some((5, 5, 3)));
        // Back to the start for an item already passed.
        assert_eq!(cursor.find(text, "rsi"), Some((4, 5, 3)));
        assert_eq!(cursor.find(text, "zzz"), None);
        assert_eq!(ItemCursor::new(text, "absent").find(text, "dsi"), None);
        // Quoted, and never inside a longer item.
        let text = "roles: [adsi, \"dsi\", 'x-dsi', 'dsi']\n";
        let mut cursor = ItemCursor::new(text, "roles");
        assert_eq!(cursor.find(text, "dsi"), Some((1, 15, 5)));
        assert_eq!(cursor.find(text, "dsi"), Some((1, 31, 5)));
    }
}
