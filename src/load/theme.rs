//! The theme: Tera templates, static files and UI strings. The default theme is
//! built into the binary, so any handbook (e.g. a generated corpus) builds with no
//! theme folder; `<root>/themes/<name>/` overrides it file by file, and its
//! `i18n.yaml` string by string.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::theme_words;
use super::yaml::{self, Yaml};
use crate::diag::Diagnostic;

pub struct Theme {
    pub templates: Vec<Template>,
    /// (output path under `assets/`, bytes): the files of `css/`, `js/` and
    /// `static/` (a logo, an icon).
    pub assets: Vec<(String, Vec<u8>)>,
    /// UI strings in the handbook's language, falling back to French.
    pub strings: BTreeMap<String, String>,
    /// The printouts: the HTML bundle's stylesheet (`print/print.css`) and the
    /// PDF's Typst layout (`print/bundle.typ`).
    pub print_css: String,
    pub print_layout: String,
    /// What the theme's translations say to no one (see `theme_words`).
    pub warnings: Vec<Diagnostic>,
}

/// A Tera template of the theme.
pub struct Template {
    /// Its name for Tera: its path under `templates/`.
    pub name: String,
    /// Its text as Tera reads it, localised (see `localize`).
    pub text: String,
    /// The file as its author wrote it, and where it is: what a template error
    /// found while rendering points at.
    pub source: String,
    pub shown: PathBuf,
}

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme, compiled in. Paths are relative to `themes/default/`.
const DEFAULT: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/page.html",
    "templates/section.html",
    "templates/taxonomy.html",
    "templates/term.html",
    "templates/search.html",
    "templates/profile.html",
    "templates/editions.html",
    "templates/edition.html",
    "templates/changes.html",
    "templates/versions.html",
    "templates/item.html",
    "templates/pagination.html",
    "css/style.css",
    "js/site.js",
    "js/search-analysis.js",
    "js/search-index.js",
    "js/search-synonyms.js",
    "js/search-engine.js",
    "js/search.js",
    "i18n.yaml",
    "print/i18n.yaml",
    "print/print.css",
    "print/bundle.typ",
];

/// The theme `name`: its own files in `<root>/themes/<name>/` over the built-in
/// default theme, so a theme holds only what it changes (one template, the CSS,
/// a few strings) and inherits the rest.
pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostic> {
    let dir = root.join("themes").join(name);
    let own = if dir.is_dir() {
        read_dir(root, &dir)?
    } else if name == "default" {
        Vec::new()
    } else {
        let d = Diagnostic::error(
            Path::new("handbook.yaml"),
            format!("theme `{name}` not found in `themes/{name}/`"),
        )
        .help("remove `theme:` to use the built-in default theme");
        // At the `theme:` line, when it can be read.
        let config = super::read_regular(&root.join("handbook.yaml")).unwrap_or_default();
        let d = match super::yaml::locate_key(&config, "theme") {
            Some((line, col)) => d.at(&config, line, col, name.chars().count()),
            None => d,
        };
        return Err(d);
    };
    let shown = |path: &str| Path::new("themes").join(name).join(path);
    let built_in = |path: &str| Path::new(DEFAULT_DIR).join(path);
    // Strings first: templates are localised with them as they are read. The
    // theme's strings override the default's, language by language.
    let mut langs = Vec::new();
    let mut defaults = BTreeSet::new();
    for file in [I18N, PRINT_I18N] {
        if let Some((_, bytes)) = DEFAULT.iter().find(|(p, _)| *p == file) {
            let table = i18n_of(&built_in(file), bytes)?;
            defaults.extend(theme_words::keys(&table));
            // The built-in words in every language, under the theme's: a word the
            // theme gives in French only leaves an English handbook English.
            langs.push(table);
        }
    }
    // The printouts' own strings (`print/i18n.yaml`, built in as defaults) may
    // be changed where they are, as the default theme keeps them.
    let mut own_words = Vec::new();
    for file in [PRINT_I18N, I18N] {
        if let Some((_, bytes)) = own.iter().find(|(p, _)| p == file) {
            let table = i18n_of(&shown(file), bytes)?;
            own_words.push((
                shown(file),
                String::from_utf8_lossy(bytes).into_owned(),
                table.clone(),
            ));
            langs.push(table);
        }
    }
    let mut strings = BTreeMap::new();
    for lang in ["fr", language] {
        for table in &langs {
            strings.extend(table_of(table, lang));
        }
    }
    let mut files: BTreeMap<&str, (PathBuf, &[u8])> = DEFAULT
        .iter()
        .map(|(p, b)| (*p, (built_in(p), *b)))
        .collect();
    for (path, bytes) in &own {
        files.insert(path, (shown(path), bytes));
    }
    let mut theme = Theme {
        templates: Vec::new(),
        assets: Vec::new(),
        strings,
        print_css: String::new(),
        print_layout: String::new(),
        warnings: Vec::new(),
    };
    let mut written_as: BTreeMap<&str, (&str, bool)> = BTreeMap::new();
    for (path, (shown, bytes)) in files {
        let text = || {
            std::str::from_utf8(bytes)
                .map_err(|_| Diagnostic::error(shown.clone(), "not valid UTF-8"))
        };
        if path == "print/print.css" {
            theme.print_css = text()?.to_string();
        } else if path == "print/bundle.typ" {
            theme.print_layout = text()?.to_string();
        } else if let Some(name) = path.strip_prefix("templates/") {
            let source = text()?;
            let text = super::localize::localize(source, &theme.strings)
                .map_err(|m| missing_string(&m, source, &shown, &theme.strings))?;
            check_syntax(name, &text, source, &shown)?;
            theme.templates.push(Template {
                name: name.to_string(),
                text,
                source: source.to_string(),
                shown,
            });
        } else if let Some(file) = ["css/", "js/", "static/"]
            .iter()
            .find_map(|folder| path.strip_prefix(folder))
        {
            // css/, js/ and static/ all go to assets/: the theme's file replaces
            // the built-in one of its name, but two of its own would silently
            // make one.
            let own_file = !built_in_file(&shown);
            match written_as.insert(file, (path, own_file)) {
                Some((first, true)) if own_file => {
                    return Err(Diagnostic::error(
                        shown,
                        format!("`{first}` and `{path}` would both be written to assets/{file}"),
                    )
                    .help("rename one of them"));
                }
                Some((_, true)) => continue, // the theme's own stays
                Some((_, false)) => theme.assets.retain(|(name, _)| name != file),
                None => {}
            }
            theme.assets.push((file.to_string(), bytes.to_vec()));
        }
    }
    let used: BTreeSet<String> = (theme.templates.iter())
        .flat_map(|t| theme_words::used_keys(&t.source).map(str::to_string))
        .collect();
    for (shown, text, table) in &own_words {
        let said = theme_words::check(shown, text, table, &defaults, &used, language);
        theme.warnings.extend(said);
    }
    Ok(theme)
}

/// Whether a theme file's shown path is the built-in default theme's.
pub fn built_in_file(shown: &Path) -> bool {
    shown.starts_with(DEFAULT_DIR)
}

const DEFAULT_DIR: &str = "themes/default";
const I18N: &str = "i18n.yaml";
const PRINT_I18N: &str = "print/i18n.yaml";

/// A `t.key` no `i18n.yaml` translates, at its place in the template.
fn missing_string(
    m: &super::localize::Missing,
    source: &str,
    shown: &Path,
    strings: &BTreeMap<String, String>,
) -> Diagnostic {
    let keys = strings.keys().map(|k| (k.as_str(), k.as_str()));
    let help = match crate::diag::closest(&m.key, keys) {
        Some(key) => format!("did you mean `t.{key}`?"),
        None => format!(
            "add `{}: …` under each language of the theme's i18n.yaml",
            m.key
        ),
    };
    Diagnostic::error(
        shown,
        format!("no translation for `t.{}` in i18n.yaml", m.key),
    )
    .at_offset(source, m.offset, m.key.len() + 2)
    .help(help)
}

/// A template Tera cannot parse, reported at its line and column in the theme's
/// file (Tera's own message names neither the file nor the theme).
fn check_syntax(name: &str, text: &str, source: &str, shown: &Path) -> Result<(), Diagnostic> {
    let Err(e) = tera::Template::new(name, None, text) else {
        return Ok(());
    };
    let detail = std::error::Error::source(&e).map_or(e.to_string(), |s| s.to_string());
    // Pest's report: `--> 48:14`, the line, a caret, then `= expected …`.
    let place = detail
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|lc| lc.split_once(':'))
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)));
    let why = detail
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .unwrap_or("invalid template syntax");
    let mut d = Diagnostic::error(shown, format!("template syntax: {why}"))
        .help("check the `{{ … }}` and `{% … %}` tags around this place");
    if let Some((line, col)) = place {
        d.line = line;
        d.col = col;
        d.len = 1;
        d.source_line = source.lines().nth(line - 1).unwrap_or_default().to_string();
    }
    Err(d)
}

fn read_dir(root: &Path, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(
                dir.strip_prefix(root).unwrap_or(dir),
                format!("cannot read theme: {e}"),
            )
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(
                entry.path().strip_prefix(root).unwrap_or(entry.path()),
                format!("cannot read theme file: {e}"),
            )
        })?;
        out.push((rel, bytes));
    }
    Ok(out)
}

/// `i18n.yaml`: each language mapped to its strings.
fn i18n_of(path: &Path, bytes: &[u8]) -> Result<Vec<(String, Yaml)>, Diagnostic> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Diagnostic::error(path, "translations are not valid UTF-8"))?;
    let parsed = yaml::parse(text).map_err(|e| e.report(path, "invalid YAML", text, 0))?;
    let langs = match parsed {
        Yaml::Map(langs) => langs,
        Yaml::Null => Vec::new(),
        _ => {
            return Err(Diagnostic::error(
                path,
                "translations must map a language to its strings",
            ))
        }
    };
    // A list, a mapping or nothing would reach pages as `[a, b]`, `{…}` or `~`.
    for (lang, table) in &langs {
        let Yaml::Map(entries) = table else {
            let d = Diagnostic::error(path, format!("`{lang}` must map each key to its text"));
            return Err(theme_words::at_line(d, text, lang));
        };
        let not_text = entries
            .iter()
            .find(|(_, v)| matches!(v, Yaml::Null | Yaml::List(_) | Yaml::Map(_)));
        if let Some((key, value)) = not_text {
            let d = Diagnostic::error(
                path,
                format!("`{lang}.{key}` is {}, not a text", value.kind()),
            )
            .help(format!(
                "write the words the pages show, in quotes: `{key}: \"…\"`"
            ));
            return Err(theme_words::at_line(d, text, key));
        }
    }
    Ok(langs)
}

/// From a `language → strings` mapping, the strings of `language` over French.
pub fn in_language(langs: &[(String, Yaml)], language: &str) -> BTreeMap<String, String> {
    let mut strings = table_of(langs, "fr");
    strings.extend(table_of(langs, language));
    strings
}

/// The strings of `lang` alone.
fn table_of(langs: &[(String, Yaml)], lang: &str) -> BTreeMap<String, String> {
    langs
        .iter()
        .find(|(k, _)| k == lang)
        .and_then(|(_, v)| match v {
            Yaml::Map(entries) => Some(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.display()))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}
