//! Typed reading of a YAML mapping, field by field, collecting every problem with its
//! position instead of stopping at the first (serde's derive would stop at one).

mod dates;
mod slips;
mod unknown;

use std::path::PathBuf;

use chrono::NaiveDate;

use super::yaml::{self, Yaml};
use crate::diag::{did_you_mean, Diagnostic, LineIndex};

/// One YAML mapping inside a source file. `line_offset` maps YAML lines to file lines.
pub struct Fields<'a> {
    pub file: PathBuf,
    source: &'a str,
    yaml_text: &'a str,
    line_offset: usize,
    entries: Vec<(String, Yaml)>,
    seen: Vec<String>,
    /// Keys written with no value (`title:`), told apart from absent ones.
    empty: Vec<String>,
    /// Required keys reported missing, with their diagnostic's index: a
    /// misspelt key found later replaces that report.
    missing: Vec<(String, usize)>,
    anchor_line: usize,
    col_offset: usize,
    /// Where each key's items were last found: a list of thousands of unknown
    /// codes places each without scanning the text again.
    items: std::cell::RefCell<rustc_hash::FxHashMap<String, yaml::ItemCursor>>,
    /// Where each key is, once looked for, and the source's line starts: a key
    /// with thousands of problems places each without a scan from the top.
    keys: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<(usize, usize)>>>,
    lines: std::cell::OnceCell<LineIndex>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    pub fn new(
        file: PathBuf,
        source: &'a str,
        yaml_text: &'a str,
        line_offset: usize,
        entries: Vec<(String, Yaml)>,
    ) -> Self {
        Fields {
            file,
            source,
            yaml_text,
            line_offset,
            entries,
            seen: Vec::new(),
            empty: Vec::new(),
            missing: Vec::new(),
            anchor_line: line_offset.max(1),
            col_offset: 0,
            items: Default::default(),
            keys: Default::default(),
            lines: Default::default(),
            diags: Vec::new(),
        }
    }

    /// Columns to add when the YAML text was cut out of an indented block.
    pub fn with_col_offset(mut self, cols: usize) -> Self {
        self.col_offset = cols;
        self
    }

    /// The line that whole-block problems (a missing field) point at.
    pub fn with_anchor_line(mut self, line: usize) -> Self {
        self.anchor_line = line.max(1);
        self
    }

    /// Removes and returns a field's value; `Null` counts as absent.
    pub fn take(&mut self, key: &str) -> Option<Yaml> {
        self.seen.push(key.to_string());
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        match self.entries.remove(i).1 {
            Yaml::Null => {
                self.empty.push(key.to_string());
                None
            }
            v => Some(v),
        }
    }

    pub fn error_at_key(&mut self, key: &str, message: String, help: Option<String>) {
        let d = self.diag_at_key(Diagnostic::error(self.file.clone(), message), key);
        self.diags.push(d.help_opt(help));
    }

    pub fn warning_at_key(&mut self, key: &str, message: String, help: Option<String>) {
        let d = self.diag_at_key(Diagnostic::warning(self.file.clone(), message), key);
        self.diags.push(d.help_opt(help));
    }

    pub fn error_at_item(&mut self, key: &str, item: &str, message: String, help: Option<String>) {
        let d = Diagnostic::error(self.file.clone(), message);
        let d = self.place_item(d, key, item);
        self.diags.push(d.help_opt(help));
    }

    /// Positions a diagnostic on the value of `key` (or the top of the block if absent).
    pub fn diag_at_key(&self, d: Diagnostic, key: &str) -> Diagnostic {
        match self.key_at(key) {
            Some((line, col)) => {
                let width = yaml::written_at(self.yaml_text, key)
                    .map_or(0, |(_, _, value)| value.trim_end().chars().count());
                self.place(d, line + self.line_offset, col + self.col_offset, width)
            }
            None => self.place(d, self.anchor_line, 1, 0),
        }
    }

    /// Where `key`'s value starts (see `yaml::locate_key`), found once per key.
    fn key_at(&self, key: &str) -> Option<(usize, usize)> {
        *self
            .keys
            .borrow_mut()
            .entry(key.to_string())
            .or_insert_with(|| yaml::locate_key(self.yaml_text, key))
    }

    /// `d` at a 1-based line and column of the source.
    fn place(&self, d: Diagnostic, line: usize, col: usize, len: usize) -> Diagnostic {
        let lines = self.lines.get_or_init(|| LineIndex::new(self.source));
        let at = lines.offset_of(self.source, line, col);
        d.at_offset_indexed(self.source, lines, at, len)
    }

    /// Positions a diagnostic on one item inside a key's value, e.g. one code of a list.
    pub fn place_item(&self, d: Diagnostic, key: &str, item: &str) -> Diagnostic {
        let found = self
            .items
            .borrow_mut()
            .entry(key.to_string())
            .or_insert_with(|| yaml::ItemCursor::new(self.yaml_text, key))
            .find(self.yaml_text, item);
        match found {
            Some((line, col, width)) => {
                self.place(d, line + self.line_offset, col + self.col_offset, width)
            }
            None => self.diag_at_key(d, key),
        }
    }

    /// The plain scalar value of `key` as it stands in the source, without a
    /// trailing comment.
    fn written(&self, key: &str) -> Option<String> {
        let value = self.line_value(key)?;
        let value = value.split(" #").next().unwrap_or_default().trim();
        let plain = !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '!', '&', '*']);
        plain.then(|| value.to_string())
    }

    /// What follows `key:` on its line, comment included.
    fn line_value(&self, key: &str) -> Option<String> {
        yaml::written_at(self.yaml_text, key).map(|(_, _, value)| value.to_string())
    }

    fn wrong_type(&mut self, key: &str, expected: &str, found: &Yaml, help: Option<String>) {
        // `status:` with no value, then `  last_reviewed: …` indented below it:
        // YAML makes the indented fields `status`'s value.
        let help = help.or_else(|| match found {
            Yaml::Map(entries) => entries.first().map(|(inner, _)| {
                format!(
                    "`{inner}:` is indented under `{key}:`: start it at the beginning of \
                     the line, and write the value of `{key}` after its colon"
                )
            }),
            _ => None,
        });
        let message = format!(
            "`{key}` must be {expected}, found {} `{}`",
            found.kind(),
            found.display()
        );
        self.error_at_key(key, message, help);
    }

    fn missing(&mut self, key: &str, example: &str) {
        if self.empty.iter().any(|k| k == key) {
            let d = Diagnostic::error(self.file.clone(), format!("`{key}` has no value"));
            let d = self.diag_at_key(d, key);
            let d = d.help(format!("write it after the colon: `{key}: {example}`"));
            self.diags.push(d);
            return;
        }
        let d = Diagnostic::error(self.file.clone(), format!("missing required field `{key}`"))
            .at(self.source, self.anchor_line, 1, 3)
            .help(format!("add a line `{key}: {example}`"));
        self.missing.push((key.to_string(), self.diags.len()));
        self.diags.push(d);
    }

    pub fn string(&mut self, key: &str, required: Option<&str>) -> Option<String> {
        match self.take(key) {
            Some(Yaml::Str(s)) if !s.trim().is_empty() => {
                self.check_characters(key, &s);
                Some(s)
            }
            Some(Yaml::Str(_)) => {
                self.error_at_key(key, format!("`{key}` is empty"), None);
                None
            }
            // Numbers and booleans are fine as text where text is expected (a title
            // `2026`), but as the author wrote them: YAML reads `2026.10` as the
            // number 2026.1 and `0x1F` as 31.
            Some(v @ (Yaml::Int(_) | Yaml::Float(_) | Yaml::Bool(_))) => {
                Some(self.written(key).unwrap_or_else(|| v.display()))
            }
            Some(other) => {
                self.wrong_type(key, "a string", &other, None);
                None
            }
            None => {
                if let Some(example) = required {
                    self.missing(key, example);
                }
                None
            }
        }
    }

    /// A one-line text (a title, a summary): the line breaks and indentation of a
    /// YAML block (`title: |`, `title: >`) read as single spaces, and the block's
    /// final newline goes, so that a listing, a `<title>` and a PDF heading show the
    /// same words on one line.
    pub fn line(&mut self, key: &str, required: Option<&str>) -> Option<String> {
        self.string(key, required).map(|s| one_line(&s))
    }

    /// A list of strings; a single string is accepted as a one-item list.
    pub fn string_list(&mut self, key: &str, required: Option<&str>) -> Option<Vec<String>> {
        let value = match self.take(key) {
            Some(v) => v,
            None => {
                if let Some(example) = required {
                    self.missing(key, example);
                }
                return None;
            }
        };
        let items = match value {
            Yaml::List(items) => items,
            Yaml::Str(s) => vec![Yaml::Str(s)],
            other => {
                self.wrong_type(
                    key,
                    "a list of strings",
                    &other,
                    Some(format!("write `{key}: [a, b]`")),
                );
                return None;
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            // A number is named as written (`0x0B`, `11.0`), not as it reads,
            // at its own place in the list.
            if matches!(item, Yaml::Int(_) | Yaml::Float(_)) {
                if let Some((line, col, written)) = yaml::nth_item(self.yaml_text, key, index) {
                    let d = Diagnostic::error(
                        self.file.clone(),
                        format!("`{key}` items must be strings, found the number `{written}`"),
                    )
                    .help(format!("quote it: `\"{}\"`", quoted_number(&item, written)));
                    let d = self.place(
                        d,
                        line + self.line_offset,
                        col + self.col_offset,
                        written.chars().count(),
                    );
                    self.diags.push(d);
                    continue;
                }
            }
            match item {
                Yaml::Str(s) if s.trim().is_empty() => self.error_at_key(
                    key,
                    format!("`{key}` has an empty item"),
                    Some("remove it, or write the code or word it stands for".into()),
                ),
                Yaml::Str(s) => out.push(s),
                Yaml::Int(i) => {
                    // `[01]` is parsed as the number 1: codes are strings, say how to quote.
                    let shown = i.to_string();
                    self.error_at_item(
                        key,
                        &shown,
                        format!("`{key}` items must be strings, found the number `{shown}`"),
                        Some(format!("quote it: `\"{}\"`", zero_pad_hint(i))),
                    );
                }
                other => {
                    let shown = other.display();
                    self.error_at_item(
                        key,
                        &shown,
                        format!(
                            "`{key}` items must be strings, found {} `{shown}`",
                            other.kind()
                        ),
                        None,
                    );
                }
            }
        }
        Some(out)
    }

    pub fn int(&mut self, key: &str) -> Option<i64> {
        match self.take(key)? {
            Yaml::Int(i) => Some(i),
            other => {
                // `"10"`: the quotes made it text.
                let unquoted = match &other {
                    Yaml::Str(s) => s.trim().parse::<i64>().ok(),
                    _ => None,
                };
                let help = (unquoted.map(|n| format!("remove the quotes: `{key}: {n}`")))
                    .or_else(|| months_in_words(key, &other.display()));
                self.wrong_type(key, "a whole number", &other, help);
                None
            }
        }
    }

    /// A review period in months (1 to 120).
    pub fn months(&mut self, key: &str) -> Option<u32> {
        let n = self.int(key)?;
        match u32::try_from(n) {
            Ok(m) if (1..=120).contains(&m) => Some(m),
            _ => {
                self.error_at_key(
                    key,
                    format!("`{key}` must be between 1 and 120, found `{n}`"),
                    None,
                );
                None
            }
        }
    }

    /// A count: a whole number from 0 up.
    pub fn count(&mut self, key: &str) -> Option<usize> {
        let n = self.int(key)?;
        match usize::try_from(n) {
            Ok(c) => Some(c),
            Err(_) => {
                self.error_at_key(
                    key,
                    format!("`{key}` cannot be negative, found `{n}`"),
                    None,
                );
                None
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        match self.take(key)? {
            Yaml::Bool(b) => Some(b),
            other => {
                // `oui`, `non`, `"true"`: say which one was meant.
                let meant = match other.display().trim().to_lowercase().as_str() {
                    "oui" | "yes" | "vrai" | "on" | "1" | "true" => Some(true),
                    "non" | "no" | "faux" | "off" | "0" | "false" => Some(false),
                    _ => None,
                };
                let help = match meant {
                    Some(b) => format!("write `{key}: {b}`"),
                    None => format!("write `{key}: true` or `{key}: false`"),
                };
                self.wrong_type(key, "`true` or `false`", &other, Some(help));
                None
            }
        }
    }

    pub fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let text = self.string(key, required.then_some("2026-01-31"))?;
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) if text.len() == 10 => Some(d),
            _ => {
                let help = dates::fix(&text);
                self.error_at_key(
                    key,
                    format!("`{key}` is not a valid date: `{text}`"),
                    Some(help),
                );
                None
            }
        }
    }

    /// One value out of a closed set, with a suggestion for near misses.
    pub fn one_of(&mut self, key: &str, allowed: &[&str], required: bool) -> Option<String> {
        self.one_of_hinted(key, allowed, required, |_| None)
    }

    /// [`Fields::one_of`], with a fix of the caller's for values other tools write.
    pub fn one_of_hinted(
        &mut self,
        key: &str,
        allowed: &[&str],
        required: bool,
        hint: impl Fn(&str) -> Option<String>,
    ) -> Option<String> {
        let value = self.string(key, required.then(|| allowed[0]))?;
        if allowed.contains(&value.as_str()) {
            return Some(value);
        }
        let help = hint(&value)
            .or_else(|| did_you_mean(&value, allowed.iter().map(|a| (*a, *a))))
            .unwrap_or_else(|| format!("expected one of: {}", allowed.join(", ")));
        self.error_at_key(
            key,
            format!("`{key}` has an unknown value `{value}`"),
            Some(help),
        );
        None
    }

    /// The remaining entries, for callers that accept free-form extra keys.
    pub fn rest(&mut self) -> Vec<(String, Yaml)> {
        std::mem::take(&mut self.entries)
    }

    /// Gives back entries taken with [`Fields::rest`] that the caller found to be
    /// misspelt known keys: [`Fields::finish`] reports them as unknown.
    pub fn put_back(&mut self, entries: Vec<(String, Yaml)>) {
        self.entries.extend(entries);
    }
}

/// `review_every_months: 12 mois` or `2 ans`: the number of months to write.
fn months_in_words(key: &str, text: &str) -> Option<String> {
    if !key.ends_with("_months") {
        return None;
    }
    let text = text.trim().to_lowercase();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n: i64 = text[..digits].parse().ok()?;
    let months = match text[digits..].trim().trim_end_matches('.') {
        "mois" | "month" | "months" => n,
        "an" | "ans" | "année" | "années" | "annee" | "annees" | "year" | "years" => {
            n.checked_mul(12)?
        }
        _ => return None,
    };
    Some(format!(
        "write the number of months alone: `{key}: {months}`"
    ))
}

/// What to quote for a number written where text was meant: `1` is most
/// likely the code `01`; otherwise the number as written (`0x0B`, `11.0`).
fn quoted_number(item: &Yaml, written: &str) -> String {
    match item {
        Yaml::Int(i) if written == i.to_string() => zero_pad_hint(*i),
        _ => written.to_string(),
    }
}

fn zero_pad_hint(i: i64) -> String {
    if (0..10).contains(&i) {
        format!("0{i}")
    } else {
        i.to_string()
    }
}

/// `text` with each run of whitespace that holds a line break made one space, and
/// no whitespace at either end. Spaces within a line are the author's and stay.
fn one_line(text: &str) -> String {
    let text = text.trim();
    if !text.contains(['\n', '\r']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}
