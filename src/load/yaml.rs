//! The one door to YAML. Everything else sees `Yaml` values and positions, never
//! serde_yaml types, so the parser can change without touching the pipeline.

use std::fmt;

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
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Parses one YAML document. An empty document is `Yaml::Null`.
pub fn parse(text: &str) -> Result<Yaml, YamlError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e
            .location()
            .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
        YamlError {
            line,
            col,
            message: clean_message(&e.to_string()),
        }
    })?;
    convert(value).map_err(|message| YamlError {
        line: 1,
        col: 1,
        message,
    })
}

/// serde_yaml appends " at line X column Y" to its messages; we show positions ourselves.
fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn convert(value: serde_yaml::Value) -> Result<Yaml, String> {
    use serde_yaml::Value as V;
    Ok(match value {
        V::Null => Yaml::Null,
        V::Bool(b) => Yaml::Bool(b),
        V::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Int(i),
            None => Yaml::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        V::String(s) => Yaml::Str(s),
        V::Sequence(items) => Yaml::List(items.into_iter().map(convert).collect::<Result<_, _>>()?),
        V::Mapping(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    V::String(s) => s,
                    V::Number(n) => n.to_string(),
                    V::Bool(b) => b.to_string(),
                    other => {
                        return Err(format!("mapping keys must be plain words, found {other:?}"))
                    }
                };
                entries.push((key, convert(v)?));
            }
            Yaml::Map(entries)
        }
        V::Tagged(tagged) => convert(tagged.value)?,
    })
}

/// Where a top-level `key:` sits in a YAML text: the 1-based line, and the column where
/// its value starts (just after `: `). serde_yaml gives no spans for values, and front
/// matter is flat, so a line scan is exact for the keys we report on.
pub fn locate_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(key).or_else(|| quoted_key(line, key))?;
        let after = rest.trim_start_matches([' ', '\t']);
        let after_colon = after.strip_prefix(':')?;
        let value_start = line.len() - after_colon.trim_start().len();
        Some((i + 1, line[..value_start].chars().count() + 1))
    })
}

fn quoted_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    ['"', '\'']
        .iter()
        .find_map(|q| line.strip_prefix(*q)?.strip_prefix(key)?.strip_prefix(*q))
}

/// Where `needle` occurs in the value of top-level `key` (which may span several lines,
/// as a block list does): 1-based line and column.
pub fn locate_in_key(text: &str, key: &str, needle: &str) -> Option<(usize, usize)> {
    let (key_line, _) = locate_key(text, key)?;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate().skip(key_line - 1) {
        if i >= key_line && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break; // the next top-level key: the value ended
        }
        let search_from = if i == key_line - 1 {
            line.find(':').map_or(0, |c| c + 1)
        } else {
            0
        };
        if let Some(pos) = line[search_from..].find(needle) {
            let byte = search_from + pos;
            return Some((i + 1, line[..byte].chars().count() + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn reports_syntax_error_position() {
        let err = parse("title: ok\nroles: [a, b\nphase: x\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        assert!(parse("a: 1\na: 2\n").is_err());
    }

    #[test]
    fn locates_keys_and_items() {
        let text = "id: X\nregions: [\"11\", \"85\"]\nroles:\n  - dsi\n  - rsi\nphase: a\n";
        assert_eq!(locate_key(text, "regions"), Some((2, 10)));
        assert_eq!(locate_in_key(text, "regions", "\"85\""), Some((2, 17)));
        assert_eq!(locate_in_key(text, "roles", "rsi"), Some((5, 5)));
        assert_eq!(locate_in_key(text, "roles", "zzz"), None);
        assert_eq!(locate_key(text, "region"), None);
    }
}
