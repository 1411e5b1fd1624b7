//! Slips authors make inside a YAML value, which libyaml and serde name in
//! their own words, often at another line than the one to fix:
//!
//! - a value holding `: `, `#` or `*` ([`line_hint`]);
//! - a quote too many (`title: ""Texte"`), a list quoted whole or missing its
//!   `[`, a star quoted on one side;
//! - a core tag over a value it cannot read (`title: !!float abc`).

use super::shape::field;
use super::YamlError;

/// What the line an error is on (or one of the two before) says of the fix, in the
/// cases authors meet most: a value holding `: ` (`title: Étape 1: isoler`) or
/// ending with `:`, and a `#` that YAML reads as a comment (`tags: [#urgent]`).
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
        // French spaces its colons: `title: Ce qu'il faut dire :`.
        if value.ends_with(':') && !value.starts_with(['[', '{']) {
            let hint = format!(
                "the value ends with `:`, which YAML reads as a new key: quote it, `{key}: {}`",
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

#[cfg(test)]
mod tests {
    use super::super::parse;

    /// Where the error of `text` is, what it says and its help.
    fn said(text: &str) -> ((usize, usize), String, String) {
        let e = parse(text).unwrap_err();
        ((e.line, e.col), e.message.clone(), e.help())
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
