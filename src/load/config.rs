//! `handbook.yaml`: the site configuration, typed, with documented defaults.

use std::path::Path;

use chrono::NaiveDate;

use super::fields::Fields;
use super::frontmatter::{check_code, Scope};
use super::taxonomy::Taxonomy;
use super::yaml::{self, Yaml};
use crate::diag::Diagnostic;

/// The handbook's configuration. Every field but `title` and `edition` has a default.
#[derive(Debug, Clone)]
pub struct Config {
    /// Handbook title, shown on every page and on print covers.
    pub title: String,
    /// UI language: `fr` (default) or `en`.
    pub language: String,
    /// Label of the current edition, e.g. `2026.1`.
    pub edition: String,
    /// Content date of the edition. Default: the latest `last_reviewed` in the content.
    /// Used for overdue reviews and print; never the wall clock.
    pub date: Option<NaiveDate>,
    /// Months between two reviews of a procedure (default 12).
    pub review_every_months: u32,
    /// Theme folder under `themes/` (default `default`, built into the binary).
    pub theme: String,
    /// Build-time syntax highlighting of code blocks (default true).
    pub highlight: bool,
    /// Build the offline search index (default true).
    pub search: bool,
    /// Entries per listing page before a listing (term, section, edition,
    /// "Nouveautés") is split into `index.html`, `index-2.html`… (default 500: a
    /// real handbook's lists stay whole, searchable with Ctrl+F and printable,
    /// while no page grows past ~150 KB with the site; 0 never splits).
    pub paginate_by: usize,
    /// Regions whose edition bundles `build` writes into `impression/editions/`,
    /// so each of their edition pages links a printable copy: `["11"]` for an
    /// ARS's own site, `["*"]` for all (311 KB per edition, 56 MB for the
    /// bundled handbook's 180). Default none: `planblanc bundle --edition`
    /// makes them on demand, and the edition page shows that command.
    pub print_editions: Scope,
}

pub const CONFIG_FILE: &str = "handbook.yaml";
pub const LANGUAGES: &[&str] = &["fr", "en"];
const KNOWN: &[&str] = &[
    "title",
    "language",
    "edition",
    "date",
    "review_every_months",
    "theme",
    "highlight",
    "search",
    "paginate_by",
    "print_editions",
];

/// Reads `handbook.yaml` at the site root. Problems come back as diagnostics; the
/// config is returned with defaults in place so the rest of the content is still checked.
/// Region codes are checked against `regions` when given.
pub fn load(root: &Path, regions: Option<&Taxonomy>) -> (Config, Vec<Diagnostic>) {
    let path = root.join(CONFIG_FILE);
    let display = Path::new(CONFIG_FILE).to_path_buf();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::error(display, format!("cannot read the site configuration: {e}"))
                .help(format!(
                    "create `{CONFIG_FILE}` at the site root with at least `title:` and `edition:`"
                ));
            return (Config::fallback(), vec![d]);
        }
    };
    parse(&display, &text, regions)
}

pub fn parse(display: &Path, text: &str, regions: Option<&Taxonomy>) -> (Config, Vec<Diagnostic>) {
    let entries = match yaml::parse(text) {
        Ok(Yaml::Map(entries)) => entries,
        Ok(Yaml::Null) => Vec::new(),
        Ok(other) => {
            let d = Diagnostic::error(
                display,
                format!("expected a mapping of settings, found {}", other.kind()),
            )
            .at(text, 1, 1, 0);
            return (Config::fallback(), vec![d]);
        }
        Err(e) => {
            let d = Diagnostic::error(display, format!("invalid YAML: {}", e.message))
                .at(text, e.line, e.col, 1);
            return (Config::fallback(), vec![d]);
        }
    };
    let mut f = Fields::new(display.to_path_buf(), text, text, 0, entries);
    let fallback = Config::fallback();
    let config = Config {
        title: f
            .string("title", Some("\"Plan blanc numérique\""))
            .unwrap_or(fallback.title),
        language: f
            .one_of("language", LANGUAGES, false)
            .unwrap_or(fallback.language),
        edition: f
            .string("edition", Some("\"2026.1\""))
            .unwrap_or(fallback.edition),
        date: f.date("date", false),
        review_every_months: f
            .months("review_every_months")
            .unwrap_or(fallback.review_every_months),
        theme: f.string("theme", None).unwrap_or(fallback.theme),
        highlight: f.bool("highlight").unwrap_or(true),
        search: f.bool("search").unwrap_or(true),
        paginate_by: f.count("paginate_by").unwrap_or(fallback.paginate_by),
        print_editions: print_editions(&mut f, regions),
    };
    (config, f.finish(KNOWN))
}

/// `print_editions`: `["*"]`, region codes, or nothing (absent or `[]`).
fn print_editions(f: &mut Fields, regions: Option<&Taxonomy>) -> Scope {
    const KEY: &str = "print_editions";
    let Some(codes) = f.string_list(KEY, None) else {
        return Scope::Only(Vec::new());
    };
    if codes.iter().any(|code| code == "*") {
        if codes.len() > 1 {
            f.error_at_key(
                KEY,
                format!("`\"*\"` cannot be mixed with region codes in `{KEY}`"),
                Some("`\"*\"` already includes every region: keep either `[\"*\"]` or the list of codes".into()),
            );
        }
        return Scope::All;
    }
    let valid = codes
        .into_iter()
        .filter(|code| regions.is_none_or(|tax| check_code(f, KEY, code, tax, "region")))
        .collect();
    Scope::Only(valid)
}

impl Config {
    fn fallback() -> Self {
        Config {
            title: "Plan blanc numérique".into(),
            language: "fr".into(),
            edition: "0".into(),
            date: None,
            review_every_months: 12,
            theme: "default".into(),
            highlight: true,
            search: true,
            paginate_by: 500,
            print_editions: Scope::Only(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let (c, d) = parse(
            Path::new("handbook.yaml"),
            "title: T\nedition: \"2026.1\"\n",
            None,
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.language, "fr");
        assert_eq!(c.review_every_months, 12);
        assert!(c.date.is_none());
    }

    #[test]
    fn unknown_key_suggests() {
        let (_, d) = parse(
            Path::new("handbook.yaml"),
            "title: T\nedition: \"1\"\nlangage: fr\n",
            None,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 3);
        assert_eq!(d[0].help.as_deref(), Some("did you mean `language`?"));
    }
}
