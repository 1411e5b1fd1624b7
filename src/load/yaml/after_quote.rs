//! Text after a value's closing quote, which YAML cannot read and libyaml
//! calls "did not find expected key": a quote inside the value, as French
//! writes them (`title: "Activer le "plan blanc""`, `title: 'L'équipe de
//! garde'`, a list's `- 'L'équipe'`), words added after it, or the next field
//! run onto the line.

use super::shape::field;
use super::YamlError;

/// The slip on `line` (1-based), where the parser gave up.
pub(super) fn text_after_quote(text: &str, line: usize) -> Option<YamlError> {
    let written = text.lines().nth(line.checked_sub(1)?)?.trim_end();
    // What the fix writes before the value: its key, or a list item's dash.
    let (lead, value) = match field(written) {
        Some((_, key, value)) => (format!("{key}: "), value.strip_prefix([' ', '\t'])?),
        None => ("- ".into(), written.trim_start().strip_prefix("- ")?),
    };
    let value = value.trim_start();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let close = closing(value, quote)?;
    let rest = &value[close + 1..];
    let after = rest.trim_start();
    if after.is_empty() || (after.starts_with('#') && rest.len() > after.len()) {
        return None;
    }
    let col_of = |tail: &str| written[..written.len() - tail.len()].chars().count() + 1;
    let mut col = col_of(after);
    let (message, fix) = if let Some((next, _, _)) =
        field(after).filter(|(_, _, v)| v.is_empty() || v.starts_with([' ', '\t']))
    {
        let next = &after[next..after.find(':').unwrap_or(after.len())];
        (
            format!("`{next}:` starts another field on this line"),
            format!("put `{next}:` on a line of its own"),
        )
    } else if after.len() > 1 && after.ends_with(quote) {
        // At the quote that ended the value.
        col = col_of(&value[close..]);
        let inner = &value[1..value.len() - 1];
        (
            format!("this value holds a `{quote}`, which ends it: YAML cannot read the rest of the line"),
            format!("write `{lead}{}`", requoted(inner, other(quote))),
        )
    } else {
        let inner = format!("{}{rest}", &value[1..close]);
        (
            "text after the closing quote: YAML takes the value to end there".to_string(),
            format!(
                "put it inside the quotes: `{lead}{}`",
                requoted(&inner, quote)
            ),
        )
    };
    Some(YamlError {
        line,
        col,
        message,
        hint: Some(fix),
    })
}

/// The byte index of the quote that closes `value`, which opens with `quote`:
/// `\"` escapes a double quote, `''` writes a single one.
fn closing(value: &str, quote: char) -> Option<usize> {
    let bytes = value.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == '"' => i += 1,
            b'\'' if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote as u8 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The quote that is not `quote`.
fn other(quote: char) -> char {
    if quote == '"' {
        '\''
    } else {
        '"'
    }
}

/// `text` quoted so that YAML reads it whole: in `preferred` quotes when they
/// can hold it, else in the others, else in double quotes with escapes.
pub(super) fn requoted(text: &str, preferred: char) -> String {
    let holds = |quote: char| match quote {
        '\'' => !text.contains('\''),
        _ => !text.contains(['"', '\\']),
    };
    match [preferred, other(preferred)]
        .into_iter()
        .find(|&q| holds(q))
    {
        Some(quote) => format!("{quote}{text}{quote}"),
        None => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    /// Where the error of `text` is, what it says and its help.
    fn said(line: &str) -> ((usize, usize), String, String) {
        let e = parse(&format!("id: X\n{line}\nphase: alerte\n")).unwrap_err();
        ((e.line, e.col), e.message.clone(), e.help())
    }

    #[test]
    fn a_quote_inside_a_quoted_value_gets_the_value_requoted() {
        for (line, col, fix) in [
            (
                "title: \"Activer le \"plan blanc\"\"",
                20,
                "write `title: 'Activer le \"plan blanc\"'`",
            ),
            (
                "title: \"Activer le \"plan blanc\" de l'établissement\"",
                20,
                "write `title: \"Activer le \\\"plan blanc\\\" de l'établissement\"`",
            ),
            (
                "title: 'L'équipe de garde'",
                10,
                "write `title: \"L'équipe de garde\"`",
            ),
        ] {
            let (at, message, help) = said(line);
            assert_eq!(at, (2, col), "{line}");
            assert!(message.starts_with("this value holds a `"), "{message}");
            assert_eq!(help, fix, "{line}");
        }
    }

    #[test]
    fn a_list_item_is_requoted_as_a_field_is() {
        let e = parse("id: X\ntags:\n  - urgent\n  - 'L'équipe de garde'\nphase: alerte\n")
            .unwrap_err();
        assert_eq!((e.line, e.col), (4, 7), "{}", e.message);
        assert!(
            e.message.starts_with("this value holds a `'`"),
            "{}",
            e.message
        );
        assert_eq!(e.help(), "write `- \"L'équipe de garde\"`");
    }

    #[test]
    fn words_or_a_field_after_the_quote_are_named() {
        let (at, message, help) = said("title: \"Mon poste\" (urgent)");
        assert_eq!(at, (2, 20));
        assert_eq!(
            message,
            "text after the closing quote: YAML takes the value to end there"
        );
        assert_eq!(
            help,
            "put it inside the quotes: `title: \"Mon poste (urgent)\"`"
        );
        let (at, message, help) = said("title: \"Mon poste\"summary: \"Texte\"");
        assert_eq!(at, (2, 19));
        assert_eq!(message, "`summary:` starts another field on this line");
        assert_eq!(help, "put `summary:` on a line of its own");
    }

    #[test]
    fn escaped_quotes_and_comments_are_left_to_yaml() {
        for text in [
            "title: \"Le \\\"plan\\\" blanc\" # commentaire\n",
            "title: 'L''équipe'\n",
            "title: \"a\"\n",
        ] {
            assert!(parse(text).is_ok(), "{text}");
        }
    }
}
