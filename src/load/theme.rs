//! The theme: Tera templates, static files and UI strings. Read from
//! `<root>/themes/<name>/` when the site has one, else the default theme built into
//! the binary, so any handbook (e.g. a generated corpus) builds with no theme folder.

use std::collections::BTreeMap;
use std::path::Path;

use super::yaml::{self, Yaml};
use crate::diag::Diagnostic;

pub struct Theme {
    /// (template name, source)
    pub templates: Vec<(String, String)>,
    /// (output path under `assets/`, bytes)
    pub assets: Vec<(String, Vec<u8>)>,
    /// UI strings in the handbook's language, falling back to French.
    pub strings: BTreeMap<String, String>,
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
    "templates/item.html",
    "templates/pagination.html",
    "css/style.css",
    "js/site.js",
    "js/search.js",
    "i18n.yaml",
];

pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostic> {
    let dir = root.join("themes").join(name);
    let files: Vec<(String, Vec<u8>)> = if dir.is_dir() {
        read_dir(root, &dir)?
    } else if name == "default" {
        DEFAULT
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect()
    } else {
        return Err(Diagnostic::error(
            Path::new("handbook.yaml"),
            format!("theme `{name}` not found in `themes/{name}/`"),
        )
        .help("remove `theme:` to use the built-in default theme"));
    };
    let mut theme = Theme {
        templates: Vec::new(),
        assets: Vec::new(),
        strings: BTreeMap::new(),
    };
    // Strings first: templates are localised with them as they are read.
    if let Some((path, bytes)) = files.iter().find(|(p, _)| p == "i18n.yaml") {
        theme.strings = strings(&dir.join(path), bytes, language)?;
    }
    for (path, bytes) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            let shown = Path::new("themes").join(name_of(&dir)).join(&path);
            let text = String::from_utf8(bytes)
                .map_err(|_| Diagnostic::error(shown.clone(), "template is not valid UTF-8"))?;
            let text = super::localize::localize(&text, &theme.strings)
                .map_err(|e| Diagnostic::error(shown, e))?;
            theme.templates.push((name.to_string(), text));
        } else if path == "i18n.yaml" {
            continue;
        } else if let Some(file) = path
            .strip_prefix("css/")
            .or_else(|| path.strip_prefix("js/"))
        {
            theme.assets.push((file.to_string(), bytes));
        }
    }
    Ok(theme)
}

fn name_of(dir: &Path) -> String {
    dir.file_name()
        .map_or_else(|| "default".into(), |n| n.to_string_lossy().into_owned())
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

/// `i18n.yaml` maps each language to its strings; missing strings fall back to French.
fn strings(
    path: &Path,
    bytes: &[u8],
    language: &str,
) -> Result<BTreeMap<String, String>, Diagnostic> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Diagnostic::error(path, "translations are not valid UTF-8"))?;
    let parsed = yaml::parse(text).map_err(|e| {
        Diagnostic::error(path, format!("invalid YAML: {}", e.message)).at(text, e.line, e.col, 1)
    })?;
    let Yaml::Map(langs) = parsed else {
        return Err(Diagnostic::error(
            path,
            "translations must map a language to its strings",
        ));
    };
    let strings = in_language(&langs, language);
    Ok(strings)
}

/// From a `language → strings` mapping, the strings of `language` over French.
pub fn in_language(langs: &[(String, Yaml)], language: &str) -> BTreeMap<String, String> {
    let table = |lang: &str| -> BTreeMap<String, String> {
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
    };
    let mut strings = table("fr");
    strings.extend(table(language));
    strings
}
