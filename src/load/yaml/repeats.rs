//! Reading YAML past repeated keys, so that one repeat does not hide a page's
//! other problems.

use super::{duplicate_key, parse, Yaml, YamlError};

/// Parses `text` past its repeated keys: each is an error of its own, at the
/// repeat, and the entry it repeats is read without it, so the page's other
/// fields are still checked in the same run.
pub fn parse_past_repeats(text: &str) -> (Result<Yaml, YamlError>, Vec<YamlError>) {
    // A bound, since each repeat costs a parse of the whole text.
    const MAX_REPEATS: usize = 20;
    let mut repeats = Vec::new();
    let mut text = std::borrow::Cow::Borrowed(text);
    loop {
        match parse(&text) {
            Err(mut e) if duplicate_key(&e.message).is_some() && repeats.len() < MAX_REPEATS => {
                let key = duplicate_key(&e.message).unwrap_or_default();
                let rest = match super::locate::flow_repeat(&text, key) {
                    Some(repeat) => Some(blanked(&text, repeat)),
                    None => without_entry(&text, e.line, e.col),
                };
                let Some(rest) = rest else {
                    return (Err(e), repeats);
                };
                // Without serde's path to the mapping (`.[0]: `): the place says it.
                if let Some(at) = e.message.find("duplicate key `") {
                    e.message.drain(..at);
                }
                repeats.push(e);
                text = std::borrow::Cow::Owned(rest);
            }
            result => return (result, repeats),
        }
    }
}

/// `text` with the entry whose key is at `line`:`col` emptied, its lines kept
/// (so that every other place stays where it was): the key's line, and the
/// lines of its value below it, indented deeper or list items at its column.
fn without_entry(text: &str, line: usize, col: usize) -> Option<String> {
    let indent = col - 1;
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines.get(line - 1)?;
    lines[line - 1] = "";
    for l in lines.iter_mut().skip(line) {
        let depth = l.len() - l.trim_start_matches(' ').len();
        let inside = l.trim().is_empty()
            || depth > indent
            || (depth == indent && l[depth..].starts_with("- "));
        if !inside {
            break;
        }
        *l = "";
    }
    Some(lines.join("\n"))
}

/// `text` with the bytes of `range` made spaces, its line breaks kept.
fn blanked(text: &str, range: std::ops::Range<usize>) -> String {
    let blank: String = text[range.clone()]
        .chars()
        .map(|c| if c == '\n' { c } else { ' ' })
        .collect();
    format!("{}{blank}{}", &text[..range.start], &text[range.end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_each_reported_and_the_rest_is_read() {
        let text = "title: a\ntlp: no\ntitle: b\nroles:\n  - x\nroles:\n  - y\n  - z\nphase: p\n";
        let (yaml, repeats) = parse_past_repeats(text);
        let places: Vec<(usize, usize)> = repeats.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(places, [(3, 1), (6, 1)]);
        let Ok(Yaml::Map(entries)) = yaml else {
            panic!("{yaml:?}");
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "tlp", "roles", "phase"]);
        assert_eq!(entries[0].1, Yaml::Str("a".into()));
    }

    #[test]
    fn repeated_keys_of_a_flow_mapping_are_read_past_too() {
        let text = "{title: a, tlp: no,\n title: [b, c], phase: p, tlp: x}\n";
        let (yaml, repeats) = parse_past_repeats(text);
        let places: Vec<(usize, usize)> = repeats.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(places, [(2, 2), (2, 27)], "{repeats:?}");
        let Ok(Yaml::Map(entries)) = yaml else {
            panic!("{yaml:?}");
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "tlp", "phase"]);
        assert_eq!(
            repeats[0].help(),
            "keep one `title:` entry and delete the other"
        );
    }
}
