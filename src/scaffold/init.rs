//! `planblanc init`: a new handbook that builds and passes `check --strict` as it
//! is, to be adapted. The files are built into the binary.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::ScaffoldError;

/// (path in the new handbook, contents). `.gitignore` is stored as `gitignore` so
/// that git does not apply it to this source tree.
pub const FILES: &[(&str, &str)] = &[
    ("handbook.yaml", include_str!("site/handbook.yaml")),
    (".gitignore", include_str!("site/gitignore")),
    ("content/_index.md", include_str!("site/content/_index.md")),
    (
        "content/_taxonomies/regions.yaml",
        include_str!("site/content/_taxonomies/regions.yaml"),
    ),
    (
        "content/_taxonomies/establishment_types.yaml",
        include_str!("site/content/_taxonomies/establishment_types.yaml"),
    ),
    (
        "content/_taxonomies/roles.yaml",
        include_str!("site/content/_taxonomies/roles.yaml"),
    ),
    (
        "content/_taxonomies/phases.yaml",
        include_str!("site/content/_taxonomies/phases.yaml"),
    ),
    (
        "content/alerte/_index.md",
        include_str!("site/content/alerte/_index.md"),
    ),
    (
        "content/alerte/rancon-poste.md",
        include_str!("site/content/alerte/rancon-poste.md"),
    ),
    (
        "content/mobilisation/_index.md",
        include_str!("site/content/mobilisation/_index.md"),
    ),
    (
        "content/mobilisation/activer-cellule.md",
        include_str!("site/content/mobilisation/activer-cellule.md"),
    ),
];

/// Writes a new handbook into `dir`, which must be missing or empty. Returns the
/// files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    check_empty(dir)?;
    let mut written = Vec::with_capacity(FILES.len());
    for (rel, text) in FILES {
        let path = dir.join(rel);
        write_new(&path, text)?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// An existing file, or a folder with anything in it, is never written over.
fn check_empty(dir: &Path) -> Result<(), ScaffoldError> {
    match fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(ScaffoldError::NotEmpty(dir.to_path_buf())),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if dir.exists() => Err(ScaffoldError::NotEmpty(dir.to_path_buf())),
        Err(source) => Err(ScaffoldError::Io {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// Creates `path` and its folders; fails rather than replace an existing file.
pub fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io_err = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_err)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists(path.to_path_buf())
            } else {
                io_err(source)
            }
        })?;
    file.write_all(text.as_bytes()).map_err(io_err)
}
