//! `handbook.yaml`: the site configuration, typed, with documented defaults.

use std::path::Path;

use chrono::NaiveDate;

use super::fields::Fields;
use super::frontmatter::{scope_of, Scope};
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
    /// Language the procedures are written in: `fr` or `en` (default: `language`).
    /// French content in an English interface keeps French typography and is
    /// marked `lang="fr"`, so screen readers and hyphenation read it as French.
    pub content_language: String,
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
    /// Groups of words search treats as one: a query for any member also finds
    /// pages with the others, e.g. `[[rançongiciel, ransomware], [PCA, "plan de
    /// continuité d'activité"]]`. A member may be several words (found when
    /// they all appear in a page). Default none.
    pub search_synonyms: Vec<Vec<String>>,
}

pub const CONFIG_FILE: &str = "handbook.yaml";
pub const LANGUAGES: &[&str] = &["fr", "en"];
const KNOWN: &[&str] = &[
    "title",
    "language",
    "content_language",
    "edition",
    "date",
    "review_every_months",
    "theme",
    "highlight",
    "search",
    "paginate_by",
    "print_editions",
    "search_synonyms",
];

/// Reads `handbook.yaml` at the site root. Problems come back as diagnostics; the
/// config is returned with defaults in place so the rest of the content is still checked.
/// Region codes are checked against `regions` when given.
pub fn load(root: &Path, regions: Option<&Taxonomy>) -> (Config, Vec<Diagnostic>) {
    let path = root.join(CONFIG_FILE);
    let display = Path::new(CONFIG_FILE).to_path_buf();
    let text = match super::read_settings(&path, &display) {
        Ok(t) => t,
        Err(super::Unread::Text(d)) => return (Config::fallback(), vec![d]),
        Err(super::Unread::Io(e)) => {
            let help = if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "create `{CONFIG_FILE}` at the site root with at least `title:` and `edition:`"
                )
            } else {
                format!("make `{CONFIG_FILE}` a file you can read")
            };
            let d = Diagnostic::error(
                display,
                format!(
                    "cannot read the site configuration: {}",
                    crate::diag::io_reason(&e)
                ),
            )
            .help(help);
            return (Config::fallback(), vec![d]);
        }
    };
    parse(&display, &text, regions)
}

pub fn parse(display: &Path, text: &str, regions: Option<&Taxonomy>) -> (Config, Vec<Diagnostic>) {
    // A repeated setting is an error of its own: the others are still checked.
    let (yaml, repeats) = yaml::parse_past_repeats(text);
    let mut diags: Vec<Diagnostic> = (repeats.into_iter())
        .map(|e| e.report(display, "invalid YAML", text, 0))
        .collect();
    let entries = match yaml {
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
            let d = e.report(display, "invalid YAML", text, 0);
            return (Config::fallback(), vec![d]);
        }
    };
    let mut f = Fields::new(display.to_path_buf(), text, text, 0, entries);
    let fallback = Config::fallback();
    let language = f
        .one_of("language", LANGUAGES, false)
        .unwrap_or(fallback.language);
    let config = Config {
        title: f
            .line("title", Some("\"Plan blanc numérique\""))
            .unwrap_or(fallback.title),
        content_language: f
            .one_of("content_language", LANGUAGES, false)
            .unwrap_or_else(|| language.clone()),
        language,
        edition: f
            .string("edition", Some("\"2026.1\""))
            .and_then(|e| edition_label(&mut f, e))
            .unwrap_or(fallback.edition),
        date: f.date("date", false),
        review_every_months: f
            .months("review_every_months")
            .unwrap_or(fallback.review_every_months),
        theme: f
            .string("theme", None)
            .and_then(|t| theme_name(&mut f, t))
            .unwrap_or(fallback.theme),
        highlight: f.bool("highlight").unwrap_or(true),
        search: f.bool("search").unwrap_or(true),
        paginate_by: f.count("paginate_by").unwrap_or(fallback.paginate_by),
        print_editions: print_editions(&mut f, regions),
        search_synonyms: search_synonyms(&mut f),
    };
    diags.extend(f.finish(KNOWN));
    (config, diags)
}

/// `theme`: the name of a folder under `themes/`, never a path: a theme's files
/// are published, so it must not reach anywhere else on the disk.
fn theme_name(f: &mut Fields, name: String) -> Option<String> {
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !name.starts_with('~');
    if !plain {
        f.error_at_key(
            "theme",
            format!("`theme` must name a folder under `themes/`, found the path `{name}`"),
            Some("copy the theme into `themes/<name>/` and write `theme: <name>`".into()),
        );
        return None;
    }
    Some(name)
}

/// `edition`: a label that names folders and files (`versions/<label>/`, the
/// archive's name), so letters, digits, `.`, `_`, `-` and `+` only.
fn edition_label(f: &mut Fields, label: String) -> Option<String> {
    let ok = label
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        && label.starts_with(|c: char| c.is_ascii_alphanumeric());
    if !ok {
        f.error_at_key(
            "edition",
            format!("`edition` `{label}` must hold only letters, digits, `.`, `_`, `-` and `+`, starting with a letter or digit"),
            Some("write it as `2026.1`".into()),
        );
        return None;
    }
    Some(label)
}

/// `print_editions`: `["*"]`, region codes, or nothing (absent or `[]`).
fn print_editions(f: &mut Fields, regions: Option<&Taxonomy>) -> Scope {
    match f.string_list("print_editions", None) {
        Some(codes) => scope_of(f, "print_editions", codes, regions, "region"),
        None => Scope::Only(Vec::new()),
    }
}

/// `search_synonyms`: a list of groups, each a list of two or more words or
/// phrases that search can find (not stop words alone).
fn search_synonyms(f: &mut Fields) -> Vec<Vec<String>> {
    const KEY: &str = "search_synonyms";
    const EXAMPLE: &str = "write `search_synonyms: [[rançongiciel, ransomware], [PCA, \"plan de continuité d'activité\"]]`";
    let Some(value) = f.take(KEY) else {
        return Vec::new();
    };
    let Yaml::List(groups) = value else {
        let message = format!(
            "`{KEY}` must be a list of groups of words, found {} `{}`",
            value.kind(),
            value.display()
        );
        f.error_at_key(KEY, message, Some(EXAMPLE.into()));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        let members: Vec<String> = match group {
            Yaml::List(items) => items
                .into_iter()
                .filter_map(|item| match item {
                    Yaml::Str(s) => Some(s),
                    Yaml::Int(i) => Some(i.to_string()),
                    other => {
                        let shown = other.display();
                        let message = format!(
                            "`{KEY}` members must be words, found {} `{shown}`",
                            other.kind()
                        );
                        f.error_at_item(KEY, &shown, message, None);
                        None
                    }
                })
                .collect(),
            other => {
                let shown = other.display();
                let message = format!(
                    "each `{KEY}` group must be a list of words, found {} `{shown}`",
                    other.kind()
                );
                f.error_at_item(KEY, &shown, message, Some(EXAMPLE.into()));
                continue;
            }
        };
        let searchable: Vec<String> = members
            .into_iter()
            .filter(|member| {
                // The index's own analyser decides what a query can find.
                let found = !crate::search::analyze::analyze(member).is_empty();
                if !found {
                    let message = format!(
                        "`{member}` has no word search can find (only stop words or punctuation)"
                    );
                    f.error_at_item(
                        KEY,
                        member,
                        message,
                        Some("remove it from the group".into()),
                    );
                }
                found
            })
            .collect();
        if searchable.len() == 1 {
            let member = &searchable[0];
            let message = format!("the `{KEY}` group of `{member}` has no other member");
            f.error_at_item(
                KEY,
                member,
                message,
                Some("a group needs two or more words that mean the same".into()),
            );
        } else if searchable.len() > 1 {
            out.push(searchable);
        }
    }
    out
}

impl Config {
    /// Whether the procedures get French typography (no-break spaces).
    pub fn french_content(&self) -> bool {
        self.content_language == "fr"
    }

    /// The `lang` the procedures' text is marked with where it sits in the
    /// interface: `None` when both speak the same language.
    pub fn content_lang_attr(&self) -> Option<&str> {
        (self.content_language != self.language).then_some(self.content_language.as_str())
    }

    fn fallback() -> Self {
        Config {
            title: "Plan blanc numérique".into(),
            language: "fr".into(),
            content_language: "fr".into(),
            edition: "0".into(),
            date: None,
            review_every_months: 12,
            theme: "default".into(),
            highlight: true,
            search: true,
            paginate_by: 500,
            print_editions: Scope::Only(Vec::new()),
            search_synonyms: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_language_follows_the_interface_unless_set() {
        let parse_with = |extra: &str| {
            parse(
                Path::new("handbook.yaml"),
                &format!("title: T\nedition: \"1\"\nlanguage: en\n{extra}"),
                None,
            )
        };
        let (c, d) = parse_with("");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            (c.content_language.as_str(), c.content_lang_attr()),
            ("en", None)
        );
        assert!(!c.french_content());
        let (c, _) = parse_with("content_language: fr\n");
        assert_eq!(c.content_lang_attr(), Some("fr"));
        assert!(c.french_content());
        let (_, d) = parse_with("content_language: de\n");
        assert_eq!(d.len(), 1, "{d:?}");
    }

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
    fn search_synonyms_are_groups_of_searchable_words() {
        let text = "title: T\nedition: \"1\"\nsearch_synonyms:\n  - [rançongiciel, ransomware]\n  - [PCA, \"plan de continuité d'activité\"]\n";
        let (c, d) = parse(Path::new("handbook.yaml"), text, None);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.search_synonyms.len(), 2);
        assert_eq!(c.search_synonyms[1][1], "plan de continuité d'activité");

        let text = "title: T\nedition: \"1\"\nsearch_synonyms:\n  - [PCA, \"de la\"]\n  - seul\n";
        let (c, d) = parse(Path::new("handbook.yaml"), text, None);
        let messages: Vec<(&str, usize)> = d.iter().map(|d| (d.message.as_str(), d.line)).collect();
        assert_eq!(
            messages,
            [
                (
                    "`de la` has no word search can find (only stop words or punctuation)",
                    4
                ),
                (
                    "the `search_synonyms` group of `PCA` has no other member",
                    4
                ),
                (
                    "each `search_synonyms` group must be a list of words, found a string `seul`",
                    5
                ),
            ]
        );
        assert!(c.search_synonyms.is_empty());
    }

    /// YAML reads `2026.10` as the number 2026.1: the label keeps what was written.
    #[test]
    fn a_numeric_edition_label_stays_as_written() {
        for (written, label) in [
            ("2026.10", "2026.10"),
            ("2026.10 # octobre", "2026.10"),
            ("0x1F", "0x1F"),
            ("2026", "2026"),
            ("\"2026.10\"", "2026.10"),
        ] {
            let text = format!("title: T\nedition: {written}\n");
            let (c, d) = parse(Path::new("handbook.yaml"), &text, None);
            assert!(d.is_empty(), "{d:?}");
            assert_eq!(c.edition, label, "{written}");
        }
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
