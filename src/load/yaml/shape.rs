//! Two slips in the shape of a front-matter line that libyaml names in its own
//! words, at another line than the one to fix: a field without its `:`
//! (`summary "…"`, `owner = rssi`), reported at the next field as "could not
//! find expected ':'"; and a field indented under one that already has its
//! value, reported as "mapping values are not allowed in this context".

use super::YamlError;

/// The line above `line` (1-based) that has no `:` and so is no field, when the
/// parser's "could not find expected ':'" comes from it.
pub(super) fn missing_colon(text: &str, line: usize) -> Option<YamlError> {
    let (i, written) = previous_line(text, line)?;
    if written.starts_with([' ', '\t', '-', '[', '{', '"', '\''])
        || written.contains(": ")
        || written.ends_with(':')
    {
        return None;
    }
    // `key = value`, `key - value`, `key "value"` or `key [list]` mean a field;
    // `deux mots` may as well go on with the value above.
    let separators = [' ', '=', '-'];
    let key_end = written.find(separators).unwrap_or(written.len());
    let (key, rest) = written.split_at(key_end);
    let value = rest.trim_start_matches(separators);
    let between = &rest[..rest.len() - value.len()];
    let meant = between.contains(['=', '-']) || value.starts_with(['"', '\'', '[']);
    let field = (is_key(key) && meant && !value.is_empty()).then_some((key, value));
    let hint = match field {
        Some((key, value)) => format!("a field is written `key: value`: `{key}: {value}`"),
        None => "a field is written `key: value`; a line that goes on with the value above is indented under it".into(),
    };
    Some(YamlError {
        line: i + 1,
        col: 1,
        message: "this line has no `:`, so it is not a field".into(),
        hint: Some(hint),
    })
}

/// `line` (1-based) when it is a field indented under a field that already has
/// its value.
pub(super) fn indented_field(text: &str, line: usize) -> Option<YamlError> {
    let written = text.lines().nth(line.checked_sub(1)?)?;
    let field = written.trim_start();
    let indent = written.len() - field.len();
    let (key, _) = field.split_once(':')?;
    if indent == 0 || !is_key(key) {
        return None;
    }
    let (_, above) = previous_line(text, line)?;
    let (above_key, value) = above.split_once(':')?;
    let value = value.trim();
    // `key:` alone, or a block of text (`|`, `>`), takes indented lines.
    if above.starts_with([' ', '\t']) || value.is_empty() || value.starts_with(['|', '>']) {
        return None;
    }
    Some(YamlError {
        line,
        col: indent + 1,
        message: format!("`{key}:` is indented under `{above_key}:`, which already has its value"),
        hint: Some(format!(
            "start `{key}:` at the beginning of the line, as the other fields"
        )),
    })
}

/// The nearest line above `line` (1-based) that holds something other than a
/// comment, with its 0-based index.
fn previous_line(text: &str, line: usize) -> Option<(usize, &str)> {
    let lines: Vec<&str> = text.lines().take(line.saturating_sub(1)).collect();
    lines
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i, l.trim_end()))
}

fn is_key(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn a_field_without_its_colon_is_named_with_the_fix() {
        let e = parse("id: X\nsummary \"Réunir la cellule.\"\nphase: alerte\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 1), "{e}");
        assert_eq!(e.message, "this line has no `:`, so it is not a field");
        assert_eq!(
            e.help(),
            "a field is written `key: value`: `summary: \"Réunir la cellule.\"`"
        );
        for (line, fix) in [
            ("owner = rssi", "`owner: rssi`"),
            ("title- Alerte", "`title: Alerte`"),
        ] {
            let e = parse(&format!("id: X\n{line}\nphase: alerte\n")).unwrap_err();
            assert_eq!((e.line, e.help().ends_with(fix)), (2, true), "{e}");
        }
        for text in [
            "id: X\nrelat&a [x]\nphase: alerte\n",
            // A value going on at the margin: no field to suggest.
            "id: X\nsummary: Les gestes\nde tout-professionnel\nphase: alerte\n",
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(e.message, "this line has no `:`, so it is not a field");
            assert!(e.help().contains("indented under it"), "{}", e.help());
        }
    }

    #[test]
    fn a_field_indented_under_a_value_is_named() {
        let e = parse("id: X\nsummary: \"Texte.\"\n  phase: alerte\nroles: [a]\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 3), "{e}");
        assert_eq!(
            e.message,
            "`phase:` is indented under `summary:`, which already has its value"
        );
        assert_eq!(
            e.help(),
            "start `phase:` at the beginning of the line, as the other fields"
        );
        // Under a key with no value of its own, indentation is meant.
        assert!(parse("id: X\nextra:\n  phase: alerte\n").is_ok());
    }
}
