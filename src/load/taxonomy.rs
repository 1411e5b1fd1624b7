//! Taxonomies are data: YAML lists in `content/_taxonomies/`, in display order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::fields::Fields;
use super::yaml::{self, Yaml};
use crate::diag::{closest, Diagnostic};

const KNOWN: &[&str] = &["code", "label", "description"];

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub code: String,
    pub label: String,
    pub description: Option<String>,
    /// Free-form extra strings (`ars`, `finess`, …), shown where templates want them.
    pub extra: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub terms: Vec<Term>,
    /// Codes of entries refused as invalid (as written, and as their slug), each
    /// with its own error: their uses in pages are not reported again.
    pub rejected: Vec<String>,
    /// Each term's position by code: every code of every page is looked up.
    index: FxHashMap<String, usize>,
}

impl Taxonomy {
    pub fn new(terms: Vec<Term>, rejected: Vec<String>) -> Taxonomy {
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.code.clone(), i))
            .collect();
        Taxonomy {
            terms,
            rejected,
            index,
        }
    }

    pub fn get(&self, code: &str) -> Option<&Term> {
        self.position(code).map(|i| &self.terms[i])
    }

    pub fn position(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.get(code).map_or(code, |t| t.label.as_str())
    }

    /// `(code, label)` pairs, for suggestions.
    pub fn candidates(&self) -> impl Iterator<Item = (&str, &str)> {
        self.terms
            .iter()
            .map(|t| (t.code.as_str(), t.label.as_str()))
    }
}

/// The four taxonomies every handbook has.
#[derive(Debug, Clone, Default)]
pub struct Taxonomies {
    pub regions: Taxonomy,
    pub types: Taxonomy,
    pub roles: Taxonomy,
    pub phases: Taxonomy,
}

pub const TAXONOMY_DIR: &str = "_taxonomies";

/// (file stem, what the author calls it)
const FILES: [(&str, &str); 4] = [
    ("regions", "regions"),
    ("establishment_types", "establishment types"),
    ("roles", "roles"),
    ("phases", "phases"),
];

pub fn load(root: &Path, content_dir: &Path) -> (Taxonomies, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut loaded: Vec<Taxonomy> = FILES
        .iter()
        .map(|(stem, _)| {
            let path = content_dir.join(TAXONOMY_DIR).join(format!("{stem}.yaml"));
            let display = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let (taxonomy, d) = load_file(&path, display);
            diags.extend(d);
            taxonomy
        })
        .collect();
    let phases = loaded.pop().unwrap_or_default();
    let roles = loaded.pop().unwrap_or_default();
    let types = loaded.pop().unwrap_or_default();
    let regions = loaded.pop().unwrap_or_default();
    (
        Taxonomies {
            regions,
            types,
            roles,
            phases,
        },
        diags,
    )
}

fn load_file(path: &Path, display: PathBuf) -> (Taxonomy, Vec<Diagnostic>) {
    let text = match super::read_settings(path, &display) {
        Ok(t) => t,
        Err(super::Unread::Text(d)) => return (Taxonomy::default(), vec![d]),
        Err(super::Unread::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            let d = Diagnostic::error(display, "this taxonomy file is missing")
                .help("every handbook has `regions.yaml`, `establishment_types.yaml`, `roles.yaml` and `phases.yaml` in `content/_taxonomies/`: a YAML list of `- code: …` / `label: …` entries");
            return (Taxonomy::default(), vec![d]);
        }
        Err(super::Unread::Io(e)) => {
            let help = if e.kind() == std::io::ErrorKind::NotADirectory {
                "`content/_taxonomies` is a file: make it a folder holding the four taxonomy files"
            } else {
                "each taxonomy is a YAML list of `- code: …` / `label: …` entries"
            };
            let reason = crate::diag::io_reason(&e);
            let d =
                Diagnostic::error(display, format!("cannot read taxonomy: {reason}")).help(help);
            return (Taxonomy::default(), vec![d]);
        }
    };
    parse(display, &text)
}

pub fn parse(display: PathBuf, text: &str) -> (Taxonomy, Vec<Diagnostic>) {
    // A repeated key is an error of its own: the other terms are still checked.
    let (yaml, repeats) = yaml::parse_past_repeats(text);
    let repeats: Vec<Diagnostic> = (repeats.into_iter())
        .map(|e| e.report(display.clone(), "invalid YAML", text, 0))
        .collect();
    let items = match yaml {
        Ok(Yaml::List(items)) => items,
        Ok(other) => {
            let d = Diagnostic::error(
                display,
                format!("a taxonomy must be a list, found {}", other.kind()),
            )
            .at(text, 1, 1, 0)
            .help("write one `- code: …` entry per term");
            return (Taxonomy::default(), vec![d]);
        }
        Err(e) => {
            let d = e.report(display, "invalid YAML", text, 0);
            return (Taxonomy::default(), vec![d]);
        }
    };
    if items.is_empty() {
        let d = Diagnostic::error(display, "this taxonomy has no term")
            .at(text, 1, 1, 0)
            .help("write one `- code: …` / `label: …` entry per term");
        return (Taxonomy::default(), vec![d]);
    }
    let lines: Vec<&str> = text.lines().collect();
    let entry_lines = entry_start_lines(&lines);
    let mut diags = repeats;
    let mut terms: Vec<Term> = Vec::new();
    let mut codes: FxHashMap<String, usize> = FxHashMap::default();
    let mut rejected: Vec<String> = Vec::new();
    // The line of each term's entry, for duplicates to point back at.
    let mut term_lines: Vec<usize> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let start = entry_lines.get(i).copied().unwrap_or(1);
        let entry_text = entry_text(&lines, &entry_lines, i);
        let Yaml::Map(entries) = item else {
            diags.push(
                Diagnostic::error(
                    display.clone(),
                    format!(
                        "taxonomy entry {} must be a mapping with `code` and `label`",
                        i + 1
                    ),
                )
                .at(text, start, 1, 0),
            );
            continue;
        };
        // Entries are `- code: x` blocks; strip the list marker so keys start at column 1.
        let mut f = Fields::new(display.clone(), text, &entry_text, start - 1, entries)
            .with_anchor_line(start)
            .with_col_offset(2);
        let code = f.string("code", Some("\"code\""));
        let code_at = code_position(&entry_text, start);
        let label = f.string("label", Some("\"Libellé\""));
        let description = f.string("description", None);
        let mut extra = BTreeMap::new();
        // A key close to a known one is that key misspelt, not an extra field:
        // `finish` reports it at the key, in place of the field said missing.
        let mut misspelt = Vec::new();
        for (key, value) in f.rest() {
            if closest(&key, KNOWN.iter().map(|k| (*k, *k))).is_some() {
                misspelt.push((key, value));
                continue;
            }
            match value {
                Yaml::Str(s) => {
                    extra.insert(key, s);
                }
                Yaml::Int(_) | Yaml::Float(_) | Yaml::Bool(_) => {
                    extra.insert(key, value.display());
                }
                other => f.error_at_key(
                    &key,
                    format!(
                        "extra field `{key}` must be a string, found {}",
                        other.kind()
                    ),
                    None,
                ),
            }
        }
        f.put_back(misspelt);
        diags.extend(f.finish(KNOWN));
        let (code, label) = match (code, label) {
            (Some(code), Some(label)) => (code, label),
            // A valid code whose label is wrong is still meant: pages that use it
            // need no error of their own.
            (code, _) => {
                rejected.extend(code.filter(|c| valid_code(c)));
                continue;
            }
        };
        let (line, col, len) = code_at.unwrap_or((start, 1, 0));
        if !valid_code(&code) {
            let mut help = "codes use lowercase ASCII letters, digits and hyphens".to_string();
            // As a slug (`Clinique Privée` → `clinique-privee`), when it has letters
            // to make one of (a slug of nothing is `section`).
            let fixed = crate::slug::slugify(&code);
            if valid_code(&fixed) && code.chars().any(char::is_alphanumeric) {
                help = format!("{help}: `{fixed}`");
            }
            diags.push(
                Diagnostic::error(display.clone(), format!("invalid code `{code}`"))
                    .at(text, line, col, len)
                    .help(help),
            );
            // Pages may use it as it is meant (`rssi` for `RSSI`): spare them too.
            rejected.push(fixed);
            rejected.push(code);
            continue;
        }
        if let Some(&first) = codes.get(&code) {
            diags.push(
                Diagnostic::error(display.clone(), format!("duplicate code `{code}`"))
                    .at(text, line, col, len)
                    .help(format!(
                        "it is already the code of the entry at line {}: give each term its own code",
                        term_lines[first]
                    )),
            );
            continue;
        }
        term_lines.push(start);
        codes.insert(code.clone(), terms.len());
        terms.push(Term {
            code,
            label,
            description,
            extra,
        });
    }
    (Taxonomy::new(terms, rejected), diags)
}

/// Codes end up in URLs (`regions/84/index.html`): keep them to a safe alphabet.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !code.starts_with('-')
}

/// Where the `code:` value of the entry starting at `start` is in the file: line,
/// column and width (entry text is shifted two columns left of the file).
fn code_position(entry_text: &str, start: usize) -> Option<(usize, usize, usize)> {
    let (line, col, value) = yaml::written_at(entry_text, "code")?;
    let width = value.chars().count();
    Some((start + line - 1, col + 2, width))
}

/// 1-based lines where each top-level `- ` list entry starts.
fn entry_start_lines(lines: &[&str]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || **l == "-")
        .map(|(i, _)| i + 1)
        .collect()
}

/// The text of entry `i` with the list indentation removed, so keys sit at column 1.
fn entry_text(lines: &[&str], starts: &[usize], i: usize) -> String {
    let Some(&start) = starts.get(i) else {
        return String::new();
    };
    let end = starts.get(i + 1).copied().unwrap_or(lines.len() + 1);
    lines[start - 1..end - 1]
        .iter()
        .enumerate()
        .map(|(n, l)| (n + start - 1, l))
        .map(|(n, l)| {
            if n + 1 == start {
                l.get(2..).unwrap_or("").to_string()
            } else {
                l.strip_prefix("  ").unwrap_or(l).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_in_order() {
        let text = "- code: \"11\"\n  label: Île-de-France\n  ars: ARS IDF\n- code: \"84\"\n  label: ARA\n";
        let (t, d) = parse("r.yaml".into(), text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.terms.len(), 2);
        assert_eq!(t.terms[0].extra["ars"], "ARS IDF");
        assert_eq!(t.position("84"), Some(1));
    }

    #[test]
    fn reports_entry_problems_at_their_line() {
        let text = "- code: a\n  label: A\n- code: b\n  lable: B\n- code: c\n";
        let (t, d) = parse("r.yaml".into(), text);
        // The misspelt key is the one problem of its entry, at the key; an entry
        // with no label at all is reported at its first line.
        let places: Vec<(usize, usize, &str)> = d
            .iter()
            .map(|d| (d.line, d.col, d.message.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                (4, 3, "unknown field `lable`"),
                (5, 1, "missing required field `label`")
            ]
        );
        // Pages that use `b` or `c` are spared an error of their own.
        assert_eq!(t.rejected, ["b", "c"]);
    }
}
