//! A plain value that starts with a character YAML gives a meaning to
//! (`owner: @rssi`, `title: - Poste en panne`, `title: [Urgent] Poste`), which
//! libyaml names in its own words ("found character that cannot start any
//! token", "block sequence entries are not allowed in this context").

use super::after_quote::requoted;
use super::shape::field;
use super::YamlError;

/// The slip on `line` (1-based), where the parser gave up.
pub(super) fn indicator_start(text: &str, line: usize) -> Option<YamlError> {
    let written = text.lines().nth(line.checked_sub(1)?)?.trim_end();
    let (_, key, value) = field(written)?;
    let value = value.strip_prefix([' ', '\t'])?.trim_start();
    let first = value.chars().next()?;
    let second = value[first.len_utf8()..].chars().next();
    let spaced = second.is_none_or(|c| c == ' ' || c == '\t');
    let reading = match first {
        '@' | '`' | '%' => "YAML reserves it".to_string(),
        // `regions: *` has a hint of its own: `["*"]`.
        '*' if value != "*" => "YAML reads it as a reference to an anchor".into(),
        '&' => "YAML reads it as the name of an anchor".into(),
        '-' if spaced => "YAML reads `- ` as a list item".into(),
        '>' | '|' if !block_header(&value[1..]) => {
            format!("YAML reads `{first}` as a block of text on the lines below")
        }
        '[' | '{' if text_after_brackets(value) => {
            let (kind, close) = if first == '[' {
                ("a list", ']')
            } else {
                ("a mapping", '}')
            };
            format!("YAML reads `{first}…{close}` as {kind} and cannot read the text after it")
        }
        _ => return None,
    };
    let col = written[..written.len() - value.len()].chars().count() + 1;
    // What is left without the character: a list or a quoted value was
    // meant as such (`related: %[…]`), a word may have been meant either way.
    let bare = value[first.len_utf8()..].trim_start();
    let quoted = format!("`{key}: {}`", requoted(value, '"'));
    let hint = match first {
        // A backtick marks code, meant to show: it cannot be named in backticks.
        '[' | '{' | '`' => format!("quote it: {quoted}"),
        _ if bare.is_empty() => format!("quote it: {quoted}"),
        _ if bare.starts_with(['[', '{', '"', '\'']) => {
            format!("remove the `{first}`: `{key}: {bare}`")
        }
        _ => format!("quote it, {quoted}, or remove the `{first}`: `{key}: {bare}`"),
    };
    Some(YamlError {
        line,
        col,
        message: format!("a value cannot start with `{first}`: {reading}"),
        hint: Some(hint),
    })
}

/// Whether `rest`, after `>` or `|`, is a block scalar's header (`-`, `+`, an
/// indentation digit, a comment), which the parser would not fail on.
fn block_header(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// Whether words follow the bracket that closes `value`'s first one, as in a
/// title (`[Urgent] Poste en panne`); a stray character after a list is not
/// taken for one.
fn text_after_brackets(value: &str) -> bool {
    let close = if value.starts_with('[') { ']' } else { '}' };
    value.find(close).is_some_and(|end| {
        let rest = &value[end + 1..];
        let after = rest.trim_start();
        rest.len() > after.len() && after.starts_with(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn a_value_starting_with_a_yaml_character_is_quoted() {
        for (line, start, fix) in [
            ("owner: @rssi", '@', "quote it, `owner: \"@rssi\"`, or remove the `@`: `owner: rssi`"),
            ("title: `poste` en panne", '`', "quote it: `title: \"`poste` en panne\"`"),
            ("title: * Poste", '*', "quote it, `title: \"* Poste\"`, or remove the `*`: `title: Poste`"),
            ("title: & Poste", '&', "quote it, `title: \"& Poste\"`, or remove the `&`: `title: Poste`"),
            ("title: - Poste", '-', "quote it, `title: \"- Poste\"`, or remove the `-`: `title: Poste`"),
            ("title: > Poste", '>', "quote it, `title: \"> Poste\"`, or remove the `>`: `title: Poste`"),
            ("title: [Urgent] Poste", '[', "quote it: `title: \"[Urgent] Poste\"`"),
            ("title: @l'équipe \"A\"", '@', "quote it, `title: \"@l'équipe \\\"A\\\"\"`, or remove the `@`: `title: l'équipe \"A\"`"),
            ("related: %[PBN-MOB-001]", '%', "remove the `%`: `related: [PBN-MOB-001]`"),
            ("summary: >\"Texte\"", '>', "remove the `>`: `summary: \"Texte\"`"),
        ] {
            let e = parse(&format!("id: X\n{line}\nphase: alerte\n")).unwrap_err();
            let col = line.find(": ").unwrap() + 3;
            assert_eq!((e.line, e.col), (2, col), "{line}: {}", e.message);
            let said = format!("a value cannot start with `{start}`");
            assert!(e.message.starts_with(&said), "{line}: {}", e.message);
            assert_eq!(e.help(), fix, "{line}");
        }
    }

    #[test]
    fn what_yaml_reads_is_left_alone() {
        for text in [
            "title: >\n  Poste en panne\n",
            "title: |- # commentaire\n  Poste\n",
            "title: -5\n",
            "title: -Poste\n",
            "regions: [\"11\"] # Île-de-France\n",
        ] {
            assert!(parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_stray_character_after_a_list_is_no_title_to_quote() {
        for text in ["regions: [\"11\"]!\n", "roles: [a]b\n"] {
            let said = parse(text).unwrap_err().message;
            assert!(!said.starts_with("a value cannot start"), "{text}: {said}");
        }
    }
}
