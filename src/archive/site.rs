//! Reading the built site folder that goes into the archive.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::error::ArchiveError;
use super::manifest::{sha256_reader, Manifest};
use super::paths::{check_relative_path, is_reserved_name};

/// A regular file of the site.
#[derive(Debug, Clone)]
pub struct SiteFile {
    /// Path relative to the site folder, `/`-separated (`assets/app.css`).
    pub relative: String,
    /// Where it is on disk.
    pub path: PathBuf,
    pub size: u64,
}

/// Everything under the site folder, already checked against the path rules.
#[derive(Debug, Default)]
pub struct SiteTree {
    /// Sub-folders, relative, `/`-separated (kept so empty folders survive).
    pub dirs: Vec<String>,
    pub files: Vec<SiteFile>,
}

/// Lists the site folder. Refuses symlinks (a copy must not point outside
/// itself), special files, names the archive cannot carry safely, and the
/// names the archive adds at its top.
pub fn collect(site_dir: &Path) -> Result<SiteTree, ArchiveError> {
    ensure_is_site(site_dir)?;
    let mut tree = SiteTree::default();
    let walker = WalkDir::new(site_dir)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1);
    for entry in walker {
        let entry = entry.map_err(|err| walk_error(site_dir, err))?;
        add_entry(&mut tree, site_dir, &entry)?;
    }
    ensure_portable(&tree)?;
    Ok(tree)
}

/// An archive goes onto USB sticks and Windows laptops: a name they refuse
/// (`q?x.pdf`, `aux`) would stop `unzip` there, and two names that differ only by
/// case or accent encoding would overwrite each other. `check` warns the author;
/// the archive refuses, before a distributor finds out at the stick.
fn ensure_portable(tree: &SiteTree) -> Result<(), ArchiveError> {
    use unicode_normalization::UnicodeNormalization;
    let paths = tree
        .dirs
        .iter()
        .chain(tree.files.iter().map(|f| &f.relative));
    let mut names = Vec::new();
    let mut folded: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for path in paths {
        if path
            .split('/')
            .any(|part| crate::validate::portable::refused_by_sticks(part).is_some())
        {
            names.push(format!("{path} : caractère ou nom refusé"));
        }
        let key = path.nfc().collect::<String>().to_lowercase();
        if let Some(other) = folded.insert(key, path) {
            names.push(format!(
                "{path} : ne diffère de {other} que par la casse ou l'écriture d'un accent"
            ));
        }
    }
    match names.is_empty() {
        true => Ok(()),
        false => Err(ArchiveError::Unportable { names }),
    }
}

fn ensure_is_site(site_dir: &Path) -> Result<(), ArchiveError> {
    let metadata = fs::metadata(site_dir)
        .map_err(|err| ArchiveError::io(site_dir, "lire le dossier du site", err))?;
    if !metadata.is_dir() {
        return Err(ArchiveError::NotASite {
            path: site_dir.to_path_buf(),
            reason: "ce n'est pas un dossier",
        });
    }
    // The archive tells readers to open index.html: it must exist, as a file.
    let index = site_dir.join("index.html");
    match fs::symlink_metadata(&index) {
        Ok(meta) if meta.is_file() => Ok(()),
        _ => Err(ArchiveError::NotASite {
            path: site_dir.to_path_buf(),
            reason: "pas de fichier index.html à sa racine",
        }),
    }
}

fn add_entry(
    tree: &mut SiteTree,
    site_dir: &Path,
    entry: &walkdir::DirEntry,
) -> Result<(), ArchiveError> {
    let path = entry.path();
    let relative = relative_name(site_dir, path)?;
    let file_type = entry.file_type();
    if file_type.is_symlink() {
        return Err(ArchiveError::Symlink {
            path: path.to_path_buf(),
        });
    }
    if file_type.is_dir() {
        tree.dirs.push(relative);
        return Ok(());
    }
    if !file_type.is_file() {
        return Err(ArchiveError::SpecialFile {
            path: path.to_path_buf(),
        });
    }
    if is_reserved_name(&relative) {
        return Err(ArchiveError::ReservedName {
            path: path.to_path_buf(),
        });
    }
    let size = entry
        .metadata()
        .map_err(|err| walk_error(site_dir, err))?
        .len();
    tree.files.push(SiteFile {
        relative,
        path: path.to_path_buf(),
        size,
    });
    Ok(())
}

/// `/`-separated UTF-8 path relative to the site folder, checked against the rules.
fn relative_name(site_dir: &Path, path: &Path) -> Result<String, ArchiveError> {
    let bad = |reason: String| ArchiveError::BadFileName {
        path: path.to_path_buf(),
        reason,
    };
    let relative = path
        .strip_prefix(site_dir)
        .map_err(|_| bad("hors du dossier du site".into()))?;
    // Named as published (`mobilisation/x.csv`), not in the temporary build folder.
    let bad = |reason: String| ArchiveError::BadFileName {
        path: relative.to_path_buf(),
        reason,
    };
    let mut parts = Vec::new();
    for component in relative.components() {
        let part = component
            .as_os_str()
            .to_str()
            .ok_or_else(|| bad("nom qui n'est pas de l'UTF-8 valide".into()))?;
        parts.push(part);
    }
    let joined = parts.join("/");
    check_relative_path(&joined).map_err(bad)?;
    Ok(joined)
}

fn walk_error(site_dir: &Path, err: walkdir::Error) -> ArchiveError {
    let path = err.path().unwrap_or(site_dir).to_path_buf();
    let source = err
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("boucle de liens dans le dossier"));
    ArchiveError::Io {
        path,
        action: "parcourir le dossier du site",
        source,
    }
}

/// Hashes every site file (streamed) into a new manifest.
pub fn hash_files(tree: &SiteTree) -> Result<Manifest, ArchiveError> {
    let mut manifest = Manifest::new();
    for file in &tree.files {
        let reader = fs::File::open(&file.path)
            .map_err(|err| ArchiveError::io(&file.path, "ouvrir", err))?;
        let digest =
            sha256_reader(reader).map_err(|err| ArchiveError::io(&file.path, "lire", err))?;
        manifest.insert(file.relative.clone(), digest);
    }
    Ok(manifest)
}
