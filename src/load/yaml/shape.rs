//! Slips authors make in the layout of YAML lines, which libyaml and serde
//! name in their own words, often at another line than the one to fix: read
//! from the lines themselves, each gets its place and the line to write. In a
//! front matter, `handbook.yaml` and a taxonomy's list of entries alike:
//!
//! - a field without its `:` (`summary "…"`, `owner = rssi`), reported at the
//!   next field as "could not find expected ':'";
//! - a `:` without its space, or with a no-break one;
//! - a field indented under one that already has its value ("mapping values
//!   are not allowed in this context"), an indented first field, an entry's
//!   field at the margin or indented more than its siblings, a no-break space
//!   in the indentation.
//!
//! What is wrong inside a value (quotes, brackets, `#`, `*`, tags) is in
//! [`super::values`].

use super::YamlError;

/// The line above `line` (1-based) that has no `:` and so is no field, when the
/// parser's "could not find expected ':'" comes from it.
pub(super) fn missing_colon(text: &str, line: usize) -> Option<YamlError> {
    let (i, line_written) = previous_line(text, line)?;
    // In a list's entry, a line indented as the entry's fields is one of them.
    let indent = line_written.len() - line_written.trim_start_matches(' ').len();
    let in_entry = indent > 0
        && previous_line(text, i + 1)
            .is_some_and(|(_, above)| field(above).is_some_and(|(at, _, _)| at == indent));
    let written = if in_entry {
        &line_written[indent..]
    } else {
        line_written
    };
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
        col: indent * usize::from(in_entry) + 1,
        message: "this line has no `:`, so it is not a field".into(),
        hint: Some(hint),
    })
}

/// A field whose `:` is not followed by a space, on `line` (1-based) or one of
/// the three lines above: `id:PBN-ALE-001`, or the no-break space a French
/// keyboard or word processor puts after a colon (`id:\u{a0}PBN-ALE-001`).
/// YAML reads either as text, and says so lines later, in its own words.
pub(super) fn colon_without_space(text: &str, line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    (lines.len().saturating_sub(4)..lines.len()).rev().find_map(|i| {
        let (at, key, rest) = field(lines[i].trim_end())?;
        let after = rest.chars().next()?;
        if after == ' ' || after == '\t' {
            return None;
        }
        let value = rest.trim_start_matches(['\u{a0}', '\u{202f}']);
        let (message, hint) = if value.len() < rest.len() {
            (
                format!("the space after `{key}:` is a no-break space, which YAML does not read as one"),
                format!("type a plain space: `{key}: {}`", value.trim_start()),
            )
        } else {
            (
                format!("`{key}:` has no space after it, so YAML reads the line as text"),
                format!("put a space after the colon: `{key}: {value}`"),
            )
        };
        Some(YamlError {
            line: i + 1,
            col: at + key.len() + 1,
            message,
            hint: Some(hint),
        })
    })
}

/// The first field indented while the others are not: YAML reads the lines
/// that follow as another document, which it refuses.
pub(super) fn indented_first_field(text: &str) -> Option<YamlError> {
    let (i, first) = (text.lines().enumerate())
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let field = first.trim_start();
    let (key, _) = field.split_once(':')?;
    if field.len() == first.len() || !is_key(key) {
        return None;
    }
    Some(YamlError {
        line: i + 1,
        col: first.len() - field.len() + 1,
        message: format!("`{key}:` is indented, and the fields below it are not"),
        hint: Some(format!(
            "start `{key}:` at the beginning of the line, as the other fields"
        )),
    })
}

/// A line indented with a no-break space (pasted from a word processor), on
/// `line` (1-based) or one of the two lines above: YAML reads it as text.
pub(super) fn no_break_indent(text: &str, line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    (lines.len().saturating_sub(3)..lines.len())
        .rev()
        .find_map(|i| {
            let spaces = lines[i].len() - lines[i].trim_start_matches(' ').len();
            let rest = &lines[i][spaces..];
            let c = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '\u{a0}' | '\u{202f}'))?;
            Some(YamlError {
                line: i + 1,
                col: spaces + 1,
                message: format!(
                    "this line is indented with {} ({}), which YAML does not read as a space",
                    super::super::text::describe(c),
                    super::super::text::name(c)
                ),
                hint: Some("indent it with plain spaces".into()),
            })
        })
}

/// A field of a list's entry written at the margin (`description: …` under
/// `- code: …`): YAML then expects the next `- ` entry.
pub(super) fn dedented_item_field(text: &str, line: usize) -> Option<YamlError> {
    let written = text.lines().nth(line.checked_sub(1)?)?.trim_end();
    let (key, _) = written.split_once(':')?;
    let (_, above) = previous_line(text, line)?;
    let (at, _, _) = field(above)?;
    if !is_key(key) || at == 0 {
        return None;
    }
    Some(YamlError {
        line,
        col: 1,
        message: format!("`{key}:` starts at the margin, so it is not a field of the entry above"),
        hint: Some(format!(
            "indent it as the entry's other fields: `{}{written}`",
            " ".repeat(at)
        )),
    })
}

/// `line` (1-based) when it is a field indented under a field that already has
/// its value.
pub(super) fn indented_field(text: &str, line: usize) -> Option<YamlError> {
    let written = text.lines().nth(line.checked_sub(1)?)?;
    let unindented = written.trim_start();
    let indent = written.chars().count() - unindented.chars().count();
    let (key, _) = unindented.split_once(':')?;
    if indent == 0 || !is_key(key) {
        return None;
    }
    let (_, above) = previous_line(text, line)?;
    // `- code: 11` then `  label: …`: the entry's next field, where it belongs.
    match field(above) {
        Some((at, _, _)) if at == indent => return None,
        Some((at, above_key, _)) if at > 0 && indent > at => {
            return Some(YamlError {
                line,
                col: indent + 1,
                message: format!("`{key}:` is indented more than `{above_key}:` above it"),
                hint: Some(format!(
                    "indent it as the entry's other fields: `{}{unindented}`",
                    " ".repeat(at)
                )),
            })
        }
        _ => {}
    }
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
pub(super) fn previous_line(text: &str, line: usize) -> Option<(usize, &str)> {
    let lines: Vec<&str> = text.lines().take(line.saturating_sub(1)).collect();
    lines
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i, l.trim_end()))
}

/// A line's field, at the top level or in a list's entry (`- code: 11`,
/// `  label: …`): the column its key starts at (0-based), the key, and what
/// follows the key's `:`.
pub(super) fn field(line: &str) -> Option<(usize, &str, &str)> {
    let item = line.trim_start_matches(' ');
    let item = item
        .strip_prefix("- ")
        .unwrap_or(item)
        .trim_start_matches(' ');
    let (key, rest) = item.split_once(':')?;
    is_key(key).then_some((line.len() - item.len(), key, rest))
}

pub(super) fn is_key(word: &str) -> bool {
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

    /// Where the error of `text` is, what it says and its help.
    fn said(text: &str) -> ((usize, usize), String, String) {
        let e = parse(text).unwrap_err();
        ((e.line, e.col), e.message.clone(), e.help())
    }

    #[test]
    fn a_field_indented_under_a_value_is_named() {
        assert_eq!(
            said("id: X\nsummary: \"Texte.\"\n  phase: alerte\nroles: [a]\n"),
            (
                (3, 3),
                "`phase:` is indented under `summary:`, which already has its value".into(),
                "start `phase:` at the beginning of the line, as the other fields".into()
            )
        );
        // Under a key with no value of its own, indentation is meant.
        assert!(parse("id: X\nextra:\n  phase: alerte\n").is_ok());
    }

    #[test]
    fn a_colon_without_its_space_is_named_where_it_is() {
        for (text, at, message, help) in [
            (
                "id:PBN-ALE-001\ntitle: \"Alerte\"\nphase: alerte\n",
                (1, 3),
                "`id:` has no space after it, so YAML reads the line as text",
                "put a space after the colon: `id: PBN-ALE-001`",
            ),
            (
                "id: X\ntitle:\u{a0}\"Alerte\"\nphase: alerte\n",
                (2, 6),
                "the space after `title:` is a no-break space, which YAML does not read as one",
                "type a plain space: `title: \"Alerte\"`",
            ),
            (
                "id:\u{202f}PBN-ALE-001\ntitle: \"Alerte\"\n",
                (1, 3),
                "the space after `id:` is a no-break space, which YAML does not read as one",
                "type a plain space: `id: PBN-ALE-001`",
            ),
        ] {
            assert_eq!(said(text), (at, message.into(), help.into()), "{text}");
        }
        // A colon inside a value, or a key with its value on the next lines.
        for fine in [
            "id: X\nsource: http://intranet\n",
            "id: X\nroles:\n  - dsi\n",
        ] {
            assert!(parse(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn slips_in_a_list_of_entries_are_named_as_in_a_front_matter() {
        let entry = |second: &str| format!("- code: a\n  label: \"A\"\n- code: b\n{second}\n");
        for (second, at, message, help) in [
            (
                "  label: \"\"B\"",
                (4, 10),
                "the value starts with two quotes: YAML reads the first two as empty text",
                "remove one quote: `label: \"B\"`",
            ),
            (
                "  label:\"B\"",
                (4, 8),
                "`label:` has no space after it, so YAML reads the line as text",
                "put a space after the colon: `label: \"B\"`",
            ),
            (
                "\u{a0} label: \"B\"",
                (4, 1),
                "this line is indented with U+00A0 (a no-break space), which YAML does not read as a space",
                "indent it with plain spaces",
            ),
            (
                "label: \"B\"",
                (4, 1),
                "`label:` starts at the margin, so it is not a field of the entry above",
                "indent it as the entry's other fields: `  label: \"B\"`",
            ),
        ] {
            assert_eq!(said(&entry(second)), (at, message.into(), help.into()), "{second}");
        }
        for (second, at, message, help) in [
            (
                "    label: \"B\"",
                (4, 5),
                "`label:` is indented more than `code:` above it",
                "indent it as the entry's other fields: `  label: \"B\"`",
            ),
            (
                "  label = \"B\"\n  description: \"Texte\"",
                (4, 3),
                "this line has no `:`, so it is not a field",
                "a field is written `key: value`: `label: \"B\"`",
            ),
        ] {
            assert_eq!(
                said(&entry(second)),
                (at, message.into(), help.into()),
                "{second}"
            );
        }
        let ((line, _), _, help) = said(&entry("\tlabel: \"B\""));
        assert_eq!(
            (line, help.as_str()),
            (4, "replace the tab with spaces (two per level)")
        );
    }

    #[test]
    fn a_first_field_without_its_colon_is_named() {
        assert_eq!(
            said("id = PBN-ALE-001\ntitle: \"Alerte\"\nphase: alerte\n"),
            (
                (1, 1),
                "this line has no `:`, so it is not a field".into(),
                "a field is written `key: value`: `id: PBN-ALE-001`".into()
            )
        );
    }

    #[test]
    fn an_indented_first_field_is_named() {
        assert_eq!(
            said("  id: X\ntitle: \"Alerte\"\nphase: alerte\n"),
            (
                (1, 3),
                "`id:` is indented, and the fields below it are not".into(),
                "start `id:` at the beginning of the line, as the other fields".into()
            )
        );
    }
}
