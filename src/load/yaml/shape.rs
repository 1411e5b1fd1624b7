//! Slips authors make in a line of YAML, which libyaml and serde name in their
//! own words, often at another line than the one to fix: read from the lines
//! themselves, each gets its place and the line to write.
//!
//! - a value holding `: `, `#` or `*` ([`line_hint`]);
//! - a field without its `:` (`summary "…"`, `owner = rssi`), reported at the
//!   next field as "could not find expected ':'";
//! - a field indented under one that already has its value ("mapping values
//!   are not allowed in this context");
//! - a core tag over a value it cannot read (`title: !!float abc`).

use super::YamlError;

/// What the line an error is on (or one of the two before) says of the fix, in the two
/// cases authors meet most: a value holding `: ` (`title: Étape 1: isoler`), and
/// a `#` that YAML reads as a comment (`tags: [#urgent]`).
/// Also where that value starts (1-based line and column).
pub(super) fn line_hint(text: &str, line: usize) -> Option<(String, (usize, usize))> {
    let lines: Vec<&str> = text.lines().collect();
    // The parser often gives up a line or two after the value (at the next key).
    let candidates = [
        line.checked_sub(1),
        line.checked_sub(2),
        line.checked_sub(3),
    ];
    for i in candidates.into_iter().flatten() {
        let Some((key, value)) = lines.get(i).and_then(|l| l.split_once(": ")) else {
            continue;
        };
        let col = key.chars().count() + 3;
        let value = value.trim();
        // A flow mapping's `{key: value, …}` is not one value.
        if key.starts_with([' ', '-', '#', '{', '[']) || value.starts_with(['"', '\'']) {
            continue;
        }
        let quoted = |v: &str| format!("\"{}\"", v.replace('"', "\\\""));
        // A list: `[…]` alone on the line, or before a comment.
        let list = value.strip_prefix('[').and_then(|rest| {
            let end = rest.rfind(']')?;
            let after = rest[end + 1..].trim();
            (after.is_empty() || after.starts_with('#')).then_some(&rest[..end])
        });
        // `*name` is a YAML alias: a bare `*` (everywhere) is none.
        let star = |item: &str| item.trim() == "*";
        if star(value) || list.is_some_and(|l| l.split(',').any(star)) {
            let hint =
                format!("in YAML, `*` starts a reference to an anchor: quote it, `{key}: [\"*\"]`");
            return Some((hint, (i + 1, col)));
        }
        // `["*]`, `[*"]`: a quote lost on one side.
        let half_quoted = |item: &str| {
            let item = item.trim();
            item.trim_matches(['"', '\'']) == "*" && !matches!(item, "\"*\"" | "'*'")
        };
        if list.is_some_and(|l| l.split(',').any(half_quoted)) {
            let hint = format!("quote `*` on both sides: `{key}: [\"*\"]`");
            return Some((hint, (i + 1, col)));
        }
        if let Some(list) = list.filter(|l| l.contains('#')) {
            let items: Vec<String> = list
                .split(',')
                .map(str::trim)
                .map(|item| {
                    if item.contains('#') {
                        quoted(item)
                    } else {
                        item.to_string()
                    }
                })
                .collect();
            let hint = format!(
                "in YAML, `#` after a space or a `[` starts a comment: quote the items that hold it, `{key}: [{}]`",
                items.join(", ")
            );
            return Some((hint, (i + 1, col)));
        }
        if value.contains(" #") || value.contains("[#") || value.starts_with('#') {
            let hint = format!(
                "in YAML, `#` after a space or a `[` starts a comment: quote the value, `{key}: {}`",
                quoted(value)
            );
            return Some((hint, (i + 1, col)));
        }
        if value.contains(": ") && !value.starts_with(['[', '{']) {
            let hint = format!(
                "the value holds `: `, which YAML reads as a new key: quote it, `{key}: {}`",
                quoted(value)
            );
            return Some((hint, (i + 1, col)));
        }
    }
    None
}

/// A core tag (`!!float`, `!!int`, `!!bool`, `!!null`) over a value it cannot
/// read, which serde says as "invalid value: string "abc", expected a float".
pub(super) fn core_tag(text: &str, line: usize, col: usize, message: &str) -> Option<YamlError> {
    let (_, rest) = message.split_once("invalid value: string \"")?;
    let (value, expected) = rest.rsplit_once("\", expected ")?;
    let at = text.lines().nth(line.checked_sub(1)?)?;
    let from = at.char_indices().nth(col.checked_sub(1)?)?.0;
    let tag = at[from..].split_whitespace().next()?.strip_prefix("!!")?;
    let kind = match expected {
        "a float" | "an integer" => "a number",
        "a boolean" => "`true` or `false`",
        "null" => "no value",
        _ => return None,
    };
    let key = at[..from].trim_end().trim_end_matches(':').trim();
    Some(YamlError {
        line,
        col,
        message: format!("the YAML tag `!!{tag}` asks for {kind}, and `{value}` is not one"),
        hint: Some(format!("remove the tag: `{key}: {value}`")),
    })
}

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

/// A list whose `[` was lost (`regions: "11", "84"]`), on `line` (1-based) or
/// the one before.
pub(super) fn missing_open_bracket(text: &str, line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    (lines.len().saturating_sub(2)..lines.len())
        .rev()
        .find_map(|i| {
            let written = lines[i].trim_end();
            let (_, key, value) = field(written)?;
            let value = value.strip_prefix(' ')?.trim_start();
            if !value.ends_with(']') || value.contains('[') {
                return None;
            }
            Some(YamlError {
                line: i + 1,
                col: written.len() - value.len() + 1,
                message: "this list ends with `]` but does not start with `[`".into(),
                hint: Some(format!("start it with `[`: `{key}: [{value}`")),
            })
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

/// A quote too many around a value, on `line` (1-based) or the one before: an
/// editor that closes quotes as they are typed leaves `title: ""Texte"`, and a
/// list quoted whole leaves `regions: "["11"]`. libyaml says "did not find
/// expected key" or "alphabetic or numeric character", after the empty text.
pub(super) fn stray_quote(text: &str, line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    // A doubled closing quote opens a value that runs to the end: the parser
    // gives up there, any number of lines below.
    (0..lines.len()).rev().find_map(|i| {
        let near = i + 2 >= line;
        let written = lines[i].trim_end();
        let (_, key, value) = field(written)?;
        let value = value.strip_prefix(' ')?.trim_start();
        let col = written.len() - value.len() + 1;
        let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let rest = &value[1..];
        let (message, fixed) = if near && rest.starts_with(quote) && !rest[1..].starts_with(quote) {
            let inner = &rest[1..];
            // `""` alone, or `"" # …`, is an empty value written on purpose.
            if inner.trim().is_empty() || inner.trim_start().starts_with('#') {
                return None;
            }
            let message =
                "the value starts with two quotes: YAML reads the first two as empty text";
            // `""Texte"` keeps one quote; `""rssi`, `""[…]` were meant bare.
            match inner.trim_end().ends_with(quote) && !inner.starts_with('[') {
                true => (message, rest),
                false => (message, inner),
            }
        } else if near && rest.starts_with('[') && rest.ends_with(']') {
            ("a quote before the list's `[` makes its start text", rest)
        } else if value.len() > 3
            && value.ends_with(&format!("{quote}{quote}"))
            && !rest[..rest.len() - 2].contains(quote)
        {
            (
                "the value ends with two quotes: YAML stops at the first",
                &value[..value.len() - 1],
            )
        } else {
            return None;
        };
        Some(YamlError {
            line: i + 1,
            col: col.min(written.chars().count()),
            message: message.into(),
            hint: Some(format!("remove one quote: `{key}: {fixed}`")),
        })
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
fn previous_line(text: &str, line: usize) -> Option<(usize, &str)> {
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
fn field(line: &str) -> Option<(usize, &str, &str)> {
    let item = line.trim_start_matches(' ');
    let item = item
        .strip_prefix("- ")
        .unwrap_or(item)
        .trim_start_matches(' ');
    let (key, rest) = item.split_once(':')?;
    is_key(key).then_some((line.len() - item.len(), key, rest))
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
    fn a_list_without_its_opening_bracket_is_named() {
        for (line, fix) in [
            ("regions: \"*\"]", "start it with `[`: `regions: [\"*\"]`"),
            (
                "roles: \"dsi\", rssi]",
                "start it with `[`: `roles: [\"dsi\", rssi]`",
            ),
        ] {
            let (at, message, help) = said(&format!("id: X\n{line}\nphase: alerte\n"));
            assert_eq!(at.0, 2, "{line}");
            assert_eq!(
                message,
                "this list ends with `]` but does not start with `[`"
            );
            assert_eq!(help, fix);
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

    #[test]
    fn a_star_quoted_on_one_side_gets_both_quotes() {
        for line in ["regions: [\"*]", "regions: [*\"]", "regions: ['*]"] {
            // The parser's column stays when it gave up on this very line.
            let ((l, _), _, help) = said(&format!("id: X\n{line}\nphase: alerte\n"));
            let fix = "quote `*` on both sides: `regions: [\"*\"]`";
            assert_eq!((l, help.as_str()), (2, fix), "{line}");
        }
    }

    #[test]
    fn a_quote_too_many_is_named_with_the_value_to_write() {
        for (text, at, fix) in [
            (
                "id: X\ntitle: \"\"Soutenir les équipes\"\nphase: alerte\n",
                (2, 8),
                "remove one quote: `title: \"Soutenir les équipes\"`",
            ),
            (
                "id: X\nregions: \"[\"*\"]\nphase: alerte\n",
                (2, 10),
                "remove one quote: `regions: [\"*\"]`",
            ),
            (
                "id: X\nowner: \"\"rssi\nphase: alerte\n",
                (2, 8),
                "remove one quote: `owner: rssi`",
            ),
            (
                "id: X\nregions: \"\"[\"*\"]\nphase: alerte\n",
                (2, 10),
                "remove one quote: `regions: [\"*\"]`",
            ),
            (
                "id: X\ntitle: \"Soutenir\"\"\nphase: alerte\n",
                (2, 8),
                "remove one quote: `title: \"Soutenir\"`",
            ),
            (
                "id: X\ntitle: ''Soutenir'\nphase: alerte\n",
                (2, 8),
                "remove one quote: `title: 'Soutenir'`",
            ),
        ] {
            let (place, _, help) = said(text);
            assert_eq!((place, help.as_str()), (at, fix), "{text}");
        }
        // Quotes YAML reads: an empty value, an escaped quote, a quoted list.
        for fine in [
            "id: X\ntitle: \"\"\n",
            "id: X\ntitle: 'l''alerte'\n",
            "id: X\ntitle: \"[brouillon] Alerte\"\n",
            "id: X\ntitle: \"\\\"Alerte\\\"\"\n",
        ] {
            assert!(parse(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn a_core_tag_over_a_value_it_cannot_read_is_said_plainly() {
        assert_eq!(
            said("id: X\ntitle: !!float abc\n"),
            (
                (2, 8),
                "the YAML tag `!!float` asks for a number, and `abc` is not one".into(),
                "remove the tag: `title: abc`".into()
            )
        );
        let e = parse("draft: !!bool oui\n").unwrap_err();
        assert!(
            e.message.contains("asks for `true` or `false`, and `oui`"),
            "{e}"
        );
    }
}
