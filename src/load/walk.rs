//! Lists the files of `content/`: procedures, sections and attachments, without
//! what editors leave beside them, refusing links that lead outside and folder
//! names the generator keeps for its own pages.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{taxonomy, RESERVED, RESERVED_FILES};
use crate::diag::Diagnostic;

pub(super) enum Entry {
    Page(PathBuf, String),
    Section(PathBuf, String),
    Asset(PathBuf, String),
}

/// What went wrong reading one entry of `content/`, as an author would put it.
fn walk_error(e: &walkdir::Error, display: &dyn Fn(&Path) -> PathBuf) -> Diagnostic {
    let path = e.path().map(display).unwrap_or_default();
    let link_help = "remove the link, or copy the file into `content/` in its place";
    let (message, help) = if e.loop_ancestor().is_some() {
        (
            "symbolic link leads back to a folder that contains it".to_string(),
            link_help,
        )
    } else if e
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
    {
        (
            "symbolic link leads to nothing: its target does not exist".to_string(),
            link_help,
        )
    } else {
        match e.io_error() {
            Some(io) => (
                format!("cannot read: {}", crate::diag::io_reason(io)),
                crate::diag::unreadable_help(io),
            ),
            None => (
                format!("cannot read: {e}"),
                "check the file, or move it out of `content/`",
            ),
        }
    };
    Diagnostic::error(path, message).help(help)
}

/// Lists the files under `content/`, refusing symlinks that leave it and
/// top-level folders whose names the generator needs for its own pages.
pub(super) fn walk(root: &Path, content_dir: &Path) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut entries = Vec::new();
    let display = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(display(content_dir), "the content folder is missing")
                .help("procedures live in `content/` under the site root (see `planblanc init`)"),
        );
        return (entries, diags);
    }
    // Only `content/` is published: a link to anything else (the signing key at
    // the root, `handbook.yaml`) would publish it too.
    let canonical_content = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_path_buf());
    let mut walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            // Editors leave files beside the one they save; a folder is skipped
            // only when hidden (`sed2026v2/` is an author's folder).
            let name = e.file_name().to_string_lossy();
            let skipped = match e.file_type().is_dir() {
                true => name.starts_with('.'),
                false => is_leftover(&name),
            };
            !skipped && e.file_name() != taxonomy::TAXONOMY_DIR
        });
    while let Some(item) = walker.next() {
        let entry = match item {
            Ok(e) => e,
            Err(e) => {
                // A dangling `.#x.md` is Emacs's lock on an unsaved buffer.
                let name = e.path().and_then(Path::file_name);
                if !name.is_some_and(|n| is_leftover(&n.to_string_lossy())) {
                    diags.push(walk_error(&e, &display));
                }
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            let inside = path
                .canonicalize()
                .map(|t| t.starts_with(&canonical_content))
                .unwrap_or(false);
            if !inside {
                diags.push(
                    Diagnostic::error(
                        display(path),
                        "symbolic link leads outside the content folder",
                    )
                    .help("copy the file into `content/` instead of linking to it"),
                );
                // One error for a linked folder, not one per file in it.
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        let Ok(rel) = path.strip_prefix(content_dir) else {
            continue;
        };
        let Some(rel) = rel_string(rel) else {
            diags.push(
                Diagnostic::error(display(path), "file name is not valid UTF-8")
                    .help("rename it with letters your system writes as UTF-8"),
            );
            continue;
        };
        // Published, `\` would be read as a folder separator (on Windows, in URLs).
        if entry.file_name().to_string_lossy().contains('\\') {
            diags.push(
                Diagnostic::error(
                    display(path),
                    "the name holds `\\`, which Windows and browsers read as a folder separator",
                )
                .help("rename it without `\\` (a `-` reads well)"),
            );
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.depth() == 1 && entry.file_type().is_dir() && RESERVED.contains(&rel.as_str()) {
            diags.push(
                Diagnostic::error(
                    display(path),
                    format!("the folder name `{rel}` is reserved for generated pages"),
                )
                .help(format!(
                    "rename it; reserved names: {}",
                    RESERVED.join(", ")
                )),
            );
            continue;
        }
        if entry.depth() == 1 && RESERVED_FILES.iter().any(|r| r.eq_ignore_ascii_case(&rel)) {
            diags.push(
                Diagnostic::error(
                    display(path),
                    format!(
                        "the name `{rel}` is reserved for the file an archive adds beside the site"
                    ),
                )
                .help(if entry.file_type().is_dir() {
                    "rename it"
                } else {
                    "rename it, or move it into a folder"
                }),
            );
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            if !entry.file_type().is_dir() {
                // A pipe, a socket, a device: reading it could wait forever.
                diags.push(
                    Diagnostic::warning(
                        display(path),
                        "not a regular file (a pipe, a socket or a device): skipped",
                    )
                    .help("replace it with a file, or remove it"),
                );
            }
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let file = path.to_path_buf();
        if name == "index.md" {
            // Hugo's page bundle: here it would be a procedure named "index".
            diags.push(
                Diagnostic::warning(display(path), "`index.md` is published as a procedure named `index`, not as its folder's page")
                    .help("for the folder's page, rename it `_index.md`; for a procedure, give it the procedure's name"),
            );
        }
        if name == "_index.md" {
            entries.push(Entry::Section(file, rel));
        } else if name.ends_with(".md") {
            entries.push(Entry::Page(file, rel));
        } else if let Some(stem) = markdown_stem(&name) {
            // Copied as a file it would publish its text whatever its TLP: skipped.
            diags.push(
                Diagnostic::warning(display(path), "Markdown file not published").help(format!(
                    "rename it `{stem}.md` to publish it as a procedure"
                )),
            );
        } else {
            entries.push(Entry::Asset(file, rel));
        }
    }
    (entries, diags)
}

/// The stem of a Markdown file whose extension is not exactly `.md` (`.MD`,
/// `.markdown`…).
fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    let markdown = ext.eq_ignore_ascii_case("md")
        || ext.eq_ignore_ascii_case("markdown")
        || ext.eq_ignore_ascii_case("mdown");
    (markdown && !stem.is_empty()).then_some(stem)
}

/// Hidden files and what editors and tools leave beside the file they save
/// (backups, swap and lock files, temporary copies): neither published nor
/// watched, since the save that follows them is what counts.
pub fn is_leftover(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || is_sed_temp(name)
        || name == "4913" // Vim's probe for a writable folder
        // What Windows's Explorer leaves in every folder it shows.
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("ehthumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// `sed -i` writes `sedXXXXXX` beside the file it edits, then renames it.
fn is_sed_temp(name: &str) -> bool {
    name.len() == 9
        && name.starts_with("sed")
        && name[3..].bytes().all(|b| b.is_ascii_alphanumeric())
}

pub(super) fn rel_string(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}
