//! The one door to YAML. Everything else sees `Yaml` values and positions, never
//! serde_yaml types, so the parser can change without touching the pipeline.

mod after_quote;
mod build;
mod indicator;
mod locate;
mod nesting;
mod repeats;
mod shape;
mod unclosed;
mod values;

use std::fmt;

use locate::quoted_key;
pub use locate::{key_lines, locate_in_key, locate_key, nth_item, written_at, ItemCursor};
pub use repeats::parse_past_repeats;

/// A parsed YAML value. Mappings keep their source order (display order matters for
/// taxonomies) and plain scalars that look like dates stay strings.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// What an author would call this kind of value, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Yaml::Null => "nothing",
            Yaml::Bool(_) => "a boolean",
            Yaml::Int(_) | Yaml::Float(_) => "a number",
            Yaml::Str(_) => "a string",
            Yaml::List(_) => "a list",
            Yaml::Map(_) => "a mapping",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A short source-like rendering of the value for messages.
    pub fn display(&self) -> String {
        match self {
            Yaml::Null => "~".into(),
            Yaml::Bool(b) => b.to_string(),
            Yaml::Int(i) => i.to_string(),
            Yaml::Float(f) => f.to_string(),
            Yaml::Str(s) => s.clone(),
            Yaml::List(items) => {
                let inner: Vec<String> = items.iter().map(Yaml::display).collect();
                format!("[{}]", inner.join(", "))
            }
            Yaml::Map(_) => "{…}".into(),
        }
    }
}

/// A syntax error with its 1-based position inside the YAML text.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The fix read from the line itself, when it says more than the message.
    pub hint: Option<String>,
}

impl YamlError {
    /// The error as `file`'s diagnostic, `what` naming the YAML (`invalid YAML in
    /// front matter`), placed in the file's `text`, in which the YAML starts
    /// `line_offset` lines down, with its fix.
    pub fn report(
        &self,
        file: impl Into<std::path::PathBuf>,
        what: &str,
        text: &str,
        line_offset: usize,
    ) -> crate::diag::Diagnostic {
        crate::diag::Diagnostic::error(file, format!("{what}: {}", self.message))
            .at(text, self.line + line_offset, self.col, 1)
            .help(self.help())
    }

    /// What the author should do about it.
    pub fn help(&self) -> String {
        if let Some(hint) = &self.hint {
            return hint.clone();
        }
        if self.message == "this quoted value is never closed" {
            return "end it with `\"` on the same line".into();
        }
        if self.message.starts_with(CONTROL) {
            return super::text::CONTROL_HELP.into();
        }
        if self.message.starts_with("a tab cannot") {
            return "replace the tab with spaces (two per level)".into();
        }
        if self.message == "this number is too large" {
            return "quote it if it is text: `\"…\"`".into();
        }
        match duplicate_key(&self.message) {
            Some(key) => format!("keep one `{key}:` line and delete the other"),
            None => "check quotes, brackets and indentation on this line or the one before".into(),
        }
    }
}

const CONTROL: &str = "control character ";

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Parses one YAML document. An empty document is `Yaml::Null`.
pub fn parse(text: &str) -> Result<Yaml, YamlError> {
    if let Some((line, col)) = nesting::too_deep(text) {
        return Err(YamlError {
            line,
            col,
            message: format!(
                "values are nested more than {} levels deep",
                nesting::MAX_DEPTH
            ),
            hint: Some("write the value flat: fields hold text and lists of text".into()),
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (mut line, mut col) = e
            .location()
            .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
        let message = plain_words(text, line, col, clean_message(&e.to_string()));
        // serde_yaml places errors raised while building a mapping at the
        // mapping's start; point at the repeated key instead.
        if let Some(key) = duplicate_key(&message) {
            // In a flow mapping (`{a: 1, a: 2}`) the entries share a line.
            let hint = locate::flow_repeat(text, key)
                .map(|_| format!("keep one `{key}:` entry and delete the other"));
            (line, col) = locate_repeat(text, line, col, key).unwrap_or((line, col));
            return YamlError {
                line,
                col,
                message,
                hint,
            };
        }
        // libyaml reports these at a byte position of its own, with no line: find
        // the character and name it.
        if message.starts_with("control characters are not allowed") {
            if let Some((offset, c)) = text.char_indices().find(|(_, c)| refused(*c)) {
                (line, col) = crate::diag::line_col(text, offset);
                let message = format!("{CONTROL}{} is not allowed", super::text::describe(c));
                return YamlError {
                    line,
                    col,
                    message,
                    hint: None,
                };
            }
        }
        // An unclosed quote is reported where the parser gave up, often lines
        // below: point at the quote itself.
        if let Some((open_line, open_col)) = unclosed::quote(text, line) {
            let message = "this quoted value is never closed".to_string();
            return YamlError {
                line: open_line,
                col: open_col,
                message,
                hint: None,
            };
        }
        // Nested deeper than serde_yaml reads (block indentation: flow brackets
        // are caught before parsing), said as the flow case is.
        if message.contains("recursion limit exceeded") {
            return YamlError {
                line,
                col,
                message: "values are nested too deep".into(),
                hint: Some("write the value flat: fields hold text and lists of text".into()),
            };
        }
        // Aliases that expand past serde_yaml's limit (a "billion laughs"): at
        // the first alias, where the parser names the start.
        if message.contains("repetition limit exceeded") {
            let first = text.char_indices().find(|&(i, c)| {
                c == '*' && text[i + 1..].starts_with(|n: char| n.is_alphanumeric())
            });
            if let Some((offset, _)) = first {
                (line, col) = crate::diag::line_col(text, offset);
            }
            return YamlError {
                line,
                col,
                message: "aliases (`*name`) repeat values too many times".into(),
                hint: Some("write the values out instead of repeating them with aliases".into()),
            };
        }
        // libyaml gives no place for a second document: its `---` line is it.
        if message.contains("more than one document") {
            let mut second = text.lines().enumerate().skip(1);
            if let Some((i, _)) = second.find(|(_, l)| l.starts_with("---")) {
                return YamlError {
                    line: i + 1,
                    col: 1,
                    message: "a `---` line starts a second YAML document".into(),
                    hint: Some("this file is one document: remove the line".into()),
                };
            }
            if let Some(e) = shape::indented_first_field(text) {
                return e;
            }
        }
        // Slips read from the lines themselves, whatever libyaml called them.
        let dedented = || {
            (message.contains("did not find expected '-' indicator"))
                .then(|| shape::dedented_item_field(text, line))
                .flatten()
        };
        let slip = values::core_tag(text, line, col, &message)
            .or_else(|| values::stray_quote(text, line))
            .or_else(|| shape::colon_without_space(text, line))
            .or_else(|| values::missing_open_bracket(text, line))
            .or_else(|| shape::no_break_indent(text, line))
            .or_else(dedented)
            .or_else(|| after_quote::text_after_quote(text, line))
            .or_else(|| indicator::indicator_start(text, line));
        if let Some(e) = slip {
            return e;
        }
        let shape = if message.contains("could not find expected ':'") {
            shape::missing_colon(text, line)
        } else if message.contains("mapping values are not allowed")
            || message.contains("did not find expected key")
        {
            // The first line without its `:` is read as text, and the parser
            // gives up at the next field.
            shape::indented_field(text, line).or_else(|| shape::missing_colon(text, line))
        } else {
            None
        };
        if let Some(e) = shape {
            return e;
        }
        let (hint, at) = values::line_hint(text, line).unzip();
        // An unclosed `[` or `{` (not one the hint explains, a `#` cutting a list)
        // is reported at the next key: point at it.
        if hint.is_none() && message.contains("did not find expected ',' or") {
            if let Some((open_line, open_col, bracket)) = unclosed::flow(text, line) {
                let close = if bracket == '[' { ']' } else { '}' };
                return YamlError {
                    line: open_line,
                    col: open_col,
                    message: format!("this `{bracket}` is never closed"),
                    hint: Some(format!("end the value with `{close}` on the same line")),
                };
            }
        }
        // Point at the value that caused it, not where the parser gave up.
        if let Some(at) = at.filter(|&(l, _)| l != line) {
            (line, col) = at;
        }
        YamlError {
            line,
            col,
            message,
            hint,
        }
    })
}

/// The id of a front matter YAML refused, when a top-level `id:` line still shows
/// it: other pages' references to it then need no error of their own.
/// Also reads TOML's `id = "…"`, JSON's `"id": "…",` (indented, as JSON is) and a
/// value whose bracket or quote is unclosed: it only spares other pages an
/// error, so it may guess.
pub fn salvage_id(text: &str) -> Option<String> {
    let value = text.lines().find_map(|l| {
        let rest = (l.strip_prefix("id"))
            .or_else(|| l.trim_start().strip_prefix("\"id\""))?
            .trim_start();
        rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))
    })?;
    let value = value.trim().trim_end_matches(',').trim_end();
    let value = value.trim_matches(['"', '\'', '[', ']']);
    (!value.is_empty() && !value.contains([' ', '#', '[', '{', ','])).then(|| value.to_string())
}

/// What YAML does not accept anywhere: control characters but tab and line breaks.
fn refused(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

pub(super) const DUPLICATE: &str = "duplicate key `";

pub(super) fn duplicate_key(message: &str) -> Option<&str> {
    let start = message.find(DUPLICATE)? + DUPLICATE.len();
    message[start..].strip_suffix('`')
}

/// The second `key:` at column `col` of the mapping that starts at `line`.
fn locate_repeat(text: &str, line: usize, col: usize, key: &str) -> Option<(usize, usize)> {
    if let Some(repeat) = locate::flow_repeat(text, key) {
        return Some(crate::diag::line_col(text, repeat.start));
    }
    let indent = col - 1;
    text.lines()
        .enumerate()
        .skip(line - 1)
        .filter(|(_, l)| {
            let Some(rest) = l.get(indent..) else {
                return false;
            };
            let rest = rest.strip_prefix(key).or_else(|| quoted_key(rest, key));
            rest.is_some_and(|r| r.trim_start_matches([' ', '\t']).starts_with(':'))
        })
        .nth(1)
        .map(|(i, _)| (i + 1, col))
}

/// libyaml's and serde's words where an author needs plainer ones.
fn plain_words(text: &str, line: usize, col: usize, message: String) -> String {
    let at = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let tab_here = at.chars().nth(col.saturating_sub(1)) == Some('\t') || at.starts_with('\t');
    if (message.contains("cannot start any token") || message.contains("tab character")) && tab_here
    {
        return "a tab cannot indent YAML: use spaces".into();
    }
    if message.contains(" as u128") || message.contains(" as i128") {
        return "this number is too large".into();
    }
    if message.contains("unit value, expected a plain word as mapping key") {
        return "a key cannot be empty (`~:` or `null:`)".into();
    }
    message
}

/// serde_yaml appends " at line X column Y" to its messages; we show positions ourselves.
fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_indentation_and_alias_bombs_are_said_plainly_at_their_place() {
        let deep: String = (0..200)
            .map(|d| format!("{}k{d}:\n", "  ".repeat(d)))
            .collect();
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.message, "values are nested too deep");
        let mut bomb = "id: X\na: &a [x, x, x, x, x, x, x, x, x, x]\n".to_string();
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g"])
        {
            let items = vec![format!("*{prev}"); 10].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{items}]\n"));
        }
        let e = parse(&bomb).unwrap_err();
        assert!(e.message.contains("aliases"), "{}", e.message);
        assert_eq!((e.line, e.col), (3, 8), "{}", e.message);
    }

    #[test]
    fn keeps_order_and_dates_as_strings() {
        let y = parse("b: 1\na: 2026-01-02\nc: [x, \"01\"]\n").unwrap();
        let Yaml::Map(entries) = y else { panic!() };
        assert_eq!(entries[0], ("b".into(), Yaml::Int(1)));
        assert_eq!(entries[1], ("a".into(), Yaml::Str("2026-01-02".into())));
        assert_eq!(
            entries[2].1,
            Yaml::List(vec![Yaml::Str("x".into()), Yaml::Str("01".into())])
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let text = "id: X\ntitle: \"Mon poste\nsummary: a\nregions: [\"84\"]\n";
        let e = parse(text).unwrap_err();
        assert_eq!(
            (e.line, e.col, e.message.as_str()),
            (2, 8, "this quoted value is never closed")
        );
        assert_eq!(e.help(), "end it with `\"` on the same line");
        let single =
            "id: X\ntitle: 'Mon poste\ntrigger: \"Un message s'affiche.\"\nregions: [\"84\"]\n";
        let e = parse(single).unwrap_err();
        assert_eq!((e.line, e.col), (2, 8), "{e:?}");
        assert!(parse("a: 'l''ARS'\nb: 1\n").is_ok());
        // Escaped quotes close nothing; a value closed on its line is fine.
        assert!(parse("a: \"x \\\" y\"\nb: 1\n").is_ok());
    }

    #[test]
    fn reports_syntax_error_position() {
        let err = parse("title: ok\nroles: [a, b\nphase: x\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "));
    }

    /// Parses `text`, which YAML must refuse, and checks what the author is told.
    fn assert_refused(text: &str, message: &str, at: (usize, usize), help: &str) {
        let err = parse(text).unwrap_err();
        assert_eq!(err.message, message);
        assert_eq!((err.line, err.col), at, "{err:?}");
        assert!(err.help().contains(help), "{}", err.help());
    }

    #[test]
    fn salvages_the_id_of_a_refused_front_matter() {
        assert_eq!(
            salvage_id("title: \"x\ny\nid: T-1\n").as_deref(),
            Some("T-1")
        );
        assert_eq!(salvage_id("id: \"T-2\"\nroles: [").as_deref(), Some("T-2"));
        assert_eq!(salvage_id("  id: nested\n"), None);
        assert_eq!(salvage_id("id: [a, b]\n"), None);
        assert_eq!(salvage_id("id: [T-3\n").as_deref(), Some("T-3"));
        assert_eq!(salvage_id("id = \"T-4\"\n").as_deref(), Some("T-4"));
        let json = "{\n  \"title\": \"x\",\n  \"id\": \"T-6\",\n  \"tlp\": \"clear\"\n}\n";
        assert_eq!(salvage_id(json).as_deref(), Some("T-6"));
        assert_eq!(salvage_id("identifier: T-5\n"), None);
        assert_eq!(salvage_id("title: t\n"), None);
    }

    #[test]
    fn control_characters_are_named_where_they_are() {
        assert_refused(
            "id: X\nsummary: \"Les gestes\u{b} de tout\"\n",
            "control character U+000B is not allowed",
            (2, 21),
            "delete it",
        );
    }

    #[test]
    fn hints_quote_what_yaml_refuses() {
        let hint = |text: &str| parse(text).unwrap_err().help();
        assert!(
            hint("summary: [#urgent] résumé\nid: X\n").contains("`summary: \"[#urgent] résumé\"`")
        );
        assert!(hint("tags: [#urgent]  # mots-clés\nid: X\n").contains("`tags: [\"#urgent\"]`"));
        assert!(hint("tags: [a, #b, \"c\"]\nid: X\n").contains("`tags: [a, \"#b\", \"c\"]`"));
        assert_eq!(
            hint("title: Ce qu'il faut dire :\nid: X\n"),
            "the value ends with `:`, which YAML reads as a new key: quote it, `title: \"Ce qu'il faut dire :\"`"
        );
        for star in [
            "regions: [*]\nid: X\n",
            "regions: *\nid: X\n",
            "regions: [11, *]\n",
        ] {
            assert!(
                hint(star).contains("`regions: [\"*\"]`"),
                "{star}: {}",
                hint(star)
            );
        }
    }

    #[test]
    fn tabs_and_huge_numbers_are_said_plainly() {
        assert_refused(
            "id: X\nroles:\n\t- dsi\n",
            "a tab cannot indent YAML: use spaces",
            (3, 1),
            "replace the tab with spaces",
        );
        let err = parse("weight: 99999999999999999999999999\n").unwrap_err();
        assert_eq!(err.message, "this number is too large");
        assert!(err.help().contains("quote it"));
    }

    #[test]
    fn a_second_document_is_placed_at_its_dashes() {
        let err = parse("title: T\nedition: \"1\"\n---\n").unwrap_err();
        assert_eq!((err.line, err.col), (3, 1), "{err:?}");
        assert!(err.message.contains("second YAML document"), "{err:?}");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        assert_refused(
            "a: 1\nb: 3\na: 2\n",
            "duplicate key `a`",
            (3, 1),
            "keep one `a:` line",
        );
        assert_refused(
            "x: 0\nm:\n  ab: 0\n  a: 1\n  \"a\": 2\ny: 1\n",
            "m: duplicate key `a`",
            (5, 3),
            "keep one `a:` line",
        );
    }

    #[test]
    fn reads_every_kind_of_value() {
        assert_eq!(parse("").unwrap(), Yaml::Null);
        assert_eq!(parse("~").unwrap(), Yaml::Null);
        let y = parse("n: ~\nb: true\ni: -3\nu: 18446744073709551615\nf: 1.5\nq: \"01\"\n1: one\nt: !x tagged\nl: []\nm: {}\n").unwrap();
        let Yaml::Map(entries) = y else { panic!() };
        let got: Vec<(&str, &Yaml)> = entries.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(
            got,
            vec![
                ("n", &Yaml::Null),
                ("b", &Yaml::Bool(true)),
                ("i", &Yaml::Int(-3)),
                ("u", &Yaml::Float(18446744073709551615.0)),
                ("f", &Yaml::Float(1.5)),
                ("q", &Yaml::Str("01".into())),
                ("1", &Yaml::Str("one".into())),
                ("t", &Yaml::Str("tagged".into())),
                ("l", &Yaml::List(vec![])),
                ("m", &Yaml::Map(vec![])),
            ]
        );
    }

    #[test]
    fn refuses_structured_keys_without_a_debug_dump() {
        let err = parse("[a, b]: 1\n").unwrap_err();
        assert!(!err.message.contains("Sequence"), "{}", err.message);
        assert!(err.message.contains("plain word"), "{}", err.message);
    }
}
