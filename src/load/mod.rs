//! Load: read the site root (config, taxonomies, Markdown, other files) into typed
//! sources. Every problem becomes a diagnostic; nothing here panics on bad input.

mod asset;
pub mod config;
pub mod duration;
pub mod fields;
pub mod frontmatter;
mod localize;
pub mod migrate;
pub mod taxonomy;
pub mod text;
mod text_checks;
pub mod theme;
mod theme_words;
mod walk;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use config::Config;
use fields::Fields;
pub use frontmatter::{FrontMatter, Scope, Status, Tlp};
pub use taxonomy::{Taxonomies, Taxonomy, Term};
pub use walk::is_leftover;
use walk::{rel_string, walk, Entry};

use crate::diag::Diagnostic;

pub const CONTENT_DIR: &str = "content";

/// Top-level output folders the generator writes itself: content may not use them.
pub const RESERVED: &[&str] = &[
    "assets",
    "search",
    "recherche",
    "regions",
    "etablissements",
    "roles",
    "phases",
    "editions",
    "impression",
    "versions",
    "nouveautes",
];

/// Top-level files an archive adds beside the site (`archive::paths`): a file of
/// `content/` by that name would stop `archive`, so `check` says so first.
pub const RESERVED_FILES: &[&str] = &[
    "SHA256SUMS",
    "SHA256SUMS.minisig",
    "a-propos-de-cette-copie.html",
];

/// A procedure: its file, text, where the body starts, and its typed front matter.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// Path under `content/`, `/`-separated: `alerte/rancon.md`.
    pub rel: String,
    /// Path shown to authors, relative to the site root: `content/alerte/rancon.md`.
    pub display: PathBuf,
    pub text: String,
    pub yaml: std::ops::Range<usize>,
    pub body_offset: usize,
    pub front: FrontMatter,
}

impl PageSource {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    pub fn yaml_text(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    /// Diagnostic pointing at front-matter `key` (or one item of it).
    pub fn diag_at(&self, d: Diagnostic, key: &str, item: Option<&str>) -> Diagnostic {
        let f = Fields::new(
            self.display.clone(),
            &self.text,
            self.yaml_text(),
            1,
            Vec::new(),
        );
        match item {
            Some(item) => f.place_item(d, key, item),
            None => f.diag_at_key(d, key),
        }
    }
}

/// A folder of procedures, described by its `_index.md` (or implicit without one).
#[derive(Debug, Clone)]
pub struct SectionSource {
    /// Folder under `content/`, `/`-separated, `""` for the root.
    pub dir: String,
    pub display: PathBuf,
    pub text: String,
    pub body_offset: usize,
    pub title: String,
    pub summary: String,
    pub weight: i64,
    /// No `_index.md`: the folder only holds procedures.
    pub implicit: bool,
}

impl SectionSource {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// Any other file under `content/`: copied to the same relative place.
#[derive(Debug, Clone)]
pub struct AssetSource {
    pub rel: String,
    pub path: PathBuf,
}

#[derive(Debug)]
pub struct Loaded {
    pub root: PathBuf,
    pub config: Config,
    pub taxonomies: Taxonomies,
    pub pages: Vec<PageSource>,
    pub sections: Vec<SectionSource>,
    pub assets: Vec<AssetSource>,
    /// Procedures whose file exists but could not be read (their errors are in
    /// `diags`): links and references to them are not reported again.
    pub unreadable: Vec<Unreadable>,
    /// Attachments not copied (a secret key, a copy of a procedure; their warnings
    /// say why): a link to one is told so, not that the file is missing.
    pub withheld: Vec<String>,
    pub diags: Vec<Diagnostic>,
}

/// A procedure file that failed to load, and its id when one could be made out.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub rel: String,
    pub id: Option<String>,
}

/// Reads the whole site under `root`.
pub fn load(root: &Path) -> Loaded {
    let content_dir = root.join(CONTENT_DIR);
    let (taxonomies, mut diags) = taxonomy::load(root, &content_dir);
    let (config, config_diags) = config::load(root, Some(&taxonomies.regions));
    diags.extend(config_diags);

    let (entries, walk_diags) = walk(root, &content_dir);
    diags.extend(walk_diags);
    let format = snapshot_format(root);

    let results: Vec<(Option<Item>, Vec<Diagnostic>)> = entries
        .into_par_iter()
        .map(|entry| read_entry(root, entry, &taxonomies, format))
        .collect();

    let mut pages = Vec::new();
    let mut sections = Vec::new();
    let mut assets = Vec::new();
    let mut unreadable = Vec::new();
    let mut withheld = Vec::new();
    for (item, d) in results {
        diags.extend(d);
        match item {
            Some(Item::Page(p)) => pages.push(p),
            Some(Item::Section(s)) => sections.push(s),
            Some(Item::Asset(a)) => assets.push(a),
            Some(Item::Unreadable(u)) => unreadable.push(u),
            Some(Item::Withheld(rel)) => withheld.push(rel),
            None => {}
        }
    }
    add_implicit_sections(&pages, &mut sections, &mut diags);
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    sections.sort_by(|a, b| a.dir.cmp(&b.dir));
    assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    Loaded {
        root: root.to_path_buf(),
        config,
        taxonomies,
        pages,
        sections,
        assets,
        unreadable,
        withheld,
        diags,
    }
}

enum Item {
    Page(PageSource),
    Section(SectionSource),
    Asset(AssetSource),
    Unreadable(Unreadable),
    /// An attachment's path, not copied.
    Withheld(String),
}

/// Re-reads one procedure (an incremental rebuild after an edit).
pub fn reload_page(
    root: &Path,
    path: &Path,
    tax: &Taxonomies,
) -> (Option<PageSource>, Vec<Diagnostic>) {
    let content_dir = root.join(CONTENT_DIR);
    let Some(rel) = path.strip_prefix(&content_dir).ok().and_then(rel_string) else {
        return (None, Vec::new());
    };
    match read_page(root, path, rel, tax, snapshot_format(root)) {
        (Some(Item::Page(p)), d) => (Some(p), d),
        (_, d) => (None, d),
    }
}

/// A configuration file's text, refusing what is not a regular file: reading a
/// pipe left where a configuration file belongs would wait forever. A leading
/// byte-order mark (Windows editors write one) is not text: YAML would read it as
/// a first document.
pub fn read_regular(path: &Path) -> std::io::Result<String> {
    read_settings(path, path).map_err(|failure| match failure {
        Unread::Io(e) => e,
        Unread::Text(d) => std::io::Error::new(std::io::ErrorKind::InvalidData, d.message),
    })
}

/// Why a file of settings (`handbook.yaml`, a taxonomy) could not be read.
pub enum Unread {
    Io(std::io::Error),
    /// Not UTF-8: placed at the first bad byte, as for a procedure.
    Text(Diagnostic),
}

/// Reads a regular file as UTF-8 text, without its byte-order mark.
pub fn read_settings(path: &Path, display: &Path) -> Result<String, Unread> {
    let metadata = std::fs::metadata(path).map_err(Unread::Io)?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a folder, not a file"
        } else {
            "not a regular file (a pipe, a socket or a device)"
        };
        return Err(Unread::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            what,
        )));
    }
    let bytes = std::fs::read(path).map_err(Unread::Io)?;
    let text = utf8_text(bytes, display).map_err(Unread::Text)?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The front-matter format of a frozen version (its `version.yaml`), or the current
/// one for the live content.
fn snapshot_format(root: &Path) -> u32 {
    let Ok(text) = read_regular(&root.join(crate::versions::META_FILE)) else {
        return migrate::FORMAT;
    };
    match yaml::parse(&text) {
        Ok(yaml::Yaml::Map(entries)) => entries
            .iter()
            .find(|(k, _)| k == "format")
            .and_then(|(_, v)| match v {
                yaml::Yaml::Int(n) => u32::try_from(*n).ok(),
                _ => None,
            })
            .unwrap_or(0),
        _ => 0,
    }
}

fn read_entry(
    root: &Path,
    entry: Entry,
    tax: &Taxonomies,
    format: u32,
) -> (Option<Item>, Vec<Diagnostic>) {
    match entry {
        Entry::Asset(path, rel) => asset::read_asset(root, path, rel),
        Entry::Page(path, rel) => read_page(root, &path, rel, tax, format),
        Entry::Section(path, rel) => read_section(root, &path, rel),
    }
}

/// Reads a file as UTF-8, pointing at the first invalid byte otherwise.
fn read_text(path: &Path, display: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(display, format!("cannot read file: {e}")))?;
    utf8_text(bytes, display)
}

/// `bytes` as text, or an error at the first byte that is not UTF-8.
fn utf8_text(bytes: Vec<u8>, display: &Path) -> Result<String, Diagnostic> {
    // Windows's "Unicode" is UTF-16: its byte-order mark says so.
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Diagnostic::error(
            display,
            "file is in UTF-16 (Windows's \"Unicode\"), not UTF-8",
        )
        .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, col) = crate::diag::line_col(&prefix, valid);
        let mut d = Diagnostic::error(display, "file is not valid UTF-8")
            .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)");
        d.line = line;
        d.col = col;
        d.source_line = prefix.lines().last().unwrap_or_default().to_string();
        d
    })
}

fn read_page(
    root: &Path,
    path: &Path,
    rel: String,
    tax: &Taxonomies,
    format: u32,
) -> (Option<Item>, Vec<Diagnostic>) {
    let display = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let unreadable = |id: Option<String>, d| {
        (
            Some(Item::Unreadable(Unreadable {
                rel: rel.clone(),
                id,
            })),
            vec![d],
        )
    };
    let text = match read_text(path, &display) {
        Ok(t) => t,
        // A file saved in Latin-1 still names its id: references to it are
        // not reported as unknown on top of its own error.
        Err(d) => {
            let lossy = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
            return unreadable(lossy.ok().as_deref().and_then(yaml::salvage_id), d);
        }
    };
    let split = match frontmatter::split(&display, &text) {
        Ok(s) => s,
        Err(d) => return unreadable(yaml::salvage_id(&text), d),
    };
    let (mut entries, repeats) = match frontmatter::entries(&display, &text, &split) {
        Ok(e) => e,
        Err(d) => return unreadable(yaml::salvage_id(split.yaml), d),
    };
    migrate::front_matter(format, &mut entries);
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let yaml = yaml_start..yaml_start + split.yaml.len();
    let body_offset = split.body_offset;
    let mut f = Fields::new(
        display.clone(),
        &text,
        split.yaml,
        split.yaml_line_offset,
        entries,
    );
    let front = frontmatter::read(&mut f, tax);
    let mut diags = repeats;
    diags.extend(f.finish(frontmatter::PAGE_KEYS));
    let mut text = text;
    diags.extend(text_checks::control_warning(
        &display,
        &mut text,
        body_offset,
    ));
    diags.extend(text_checks::second_front_matter(
        &display,
        &text,
        body_offset,
    ));
    text_checks::closed_early(&display, &text, body_offset, &mut diags);
    let page = PageSource {
        rel,
        display,
        text,
        yaml,
        body_offset,
        front,
    };
    (Some(Item::Page(page)), diags)
}

fn read_section(root: &Path, path: &Path, rel: String) -> (Option<Item>, Vec<Diagnostic>) {
    let display = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let dir = rel
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string());
    let text = match read_text(path, &display) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let (title, summary, weight, body_offset, mut diags) = match frontmatter::split(&display, &text)
    {
        Ok(split) => match frontmatter::entries(&display, &text, &split) {
            Ok((entries, repeats)) => {
                let mut f = Fields::new(
                    display.clone(),
                    &text,
                    split.yaml,
                    split.yaml_line_offset,
                    entries,
                );
                let title = f
                    .line("title", Some("\"Titre de la section\""))
                    .unwrap_or_else(|| dir_title(&dir));
                let summary = f.line("summary", None).unwrap_or_default();
                let weight = f.int("weight").unwrap_or(0);
                let _ = f.bool("draft");
                let mut diags = repeats;
                diags.extend(f.finish(frontmatter::SECTION_KEYS));
                (title, summary, weight, split.body_offset, diags)
            }
            Err(d) => (dir_title(&dir), String::new(), 0, text.len(), vec![d]),
        },
        Err(d) => (dir_title(&dir), String::new(), 0, text.len(), vec![d]),
    };
    let mut text = text;
    diags.extend(text_checks::control_warning(
        &display,
        &mut text,
        body_offset,
    ));
    let section = SectionSource {
        dir,
        display,
        text,
        body_offset,
        title,
        summary,
        weight,
        implicit: false,
    };
    (Some(Item::Section(section)), diags)
}

/// A folder name as a fallback title: `mode-degrade` → `Mode degrade`.
fn dir_title(dir: &str) -> String {
    let name = dir
        .rsplit('/')
        .next()
        .unwrap_or(dir)
        .replace(['-', '_'], " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every folder holding procedures is a section; say so when `_index.md` is missing.
fn add_implicit_sections(
    pages: &[PageSource],
    sections: &mut Vec<SectionSource>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut needed: Vec<String> = vec![String::new()];
    for page in pages {
        let mut dir = page.rel.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            needed.push(parent.to_string());
            dir = parent;
        }
        needed.push(String::new());
    }
    needed.sort();
    needed.dedup();
    for dir in needed {
        if sections.iter().any(|s| s.dir == dir) {
            continue;
        }
        let display = Path::new(CONTENT_DIR).join(&dir).join("_index.md");
        if !dir.is_empty() {
            diags.push(
                Diagnostic::warning(
                    display.clone(),
                    "section has no `_index.md`; its folder name is used as title",
                )
                .help("add an `_index.md` with `title:` and `summary:`"),
            );
        }
        sections.push(SectionSource {
            title: dir_title(&dir),
            dir,
            display,
            text: String::new(),
            body_offset: 0,
            summary: String::new(),
            weight: 0,
            implicit: true,
        });
    }
}
