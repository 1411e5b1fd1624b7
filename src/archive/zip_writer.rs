//! Writing the archive: a deterministic zip, produced atomically.
//!
//! Deterministic means the same input gives the same bytes: entries sorted by
//! name bytes, every folder present as an entry, one fixed timestamp, fixed
//! permissions, one fixed compression level, no extra fields. Atomic means
//! the zip is written to a temporary file beside the target and renamed over
//! it only once complete, so a crash or an error never leaves a partial zip
//! where a reader expects a good one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::error::ArchiveError;
use super::manifest::{sha256_reader, Digest, HashingReader, Manifest};
use super::site::SiteTree;

/// Deflate level 6 (zlib's default): fixed so that output does not change
/// if the library's default ever does.
const COMPRESSION_LEVEL: i64 = 6;
const FILE_MODE: u32 = 0o644;
const DIR_MODE: u32 = 0o755;
/// Files above this need zip64 headers; chosen below 4 GiB to leave room for
/// deflate's overhead on incompressible data.
const LARGE_FILE: u64 = 4_000_000_000;

/// What the writer produced.
#[derive(Debug, Clone)]
pub struct Written {
    pub bytes: u64,
    pub sha256: Digest,
}

/// One zip entry, named relative to the top folder ("" is the top folder itself).
enum Content<'a> {
    Dir,
    Disk {
        path: &'a Path,
        size: u64,
        digest: Digest,
    },
    Memory(&'a [u8]),
}

struct Item<'a> {
    /// Full entry name inside the zip; folders end with `/`.
    name: String,
    content: Content<'a>,
}

/// Writes `out_file`: the site under `top/`, plus the in-memory `extras`
/// (SHA256SUMS, signature, about page) also under `top/`.
///
/// Every site file is hashed again while it is copied and compared with the
/// manifest: a file changed between hashing and zipping would otherwise make
/// a zip whose SHA256SUMS is wrong.
pub fn write_zip(
    out_file: &Path,
    top: &str,
    tree: &SiteTree,
    manifest: &Manifest,
    extras: &[(&str, &[u8])],
) -> Result<Written, ArchiveError> {
    let items = plan_items(top, tree, manifest, extras)?;
    let (pending, file) = PendingFile::create_beside(out_file)?;
    // Errors name the archive being written, not its hidden temporary name.
    write_items(file, out_file, &items)?;
    let written = measure(&pending.path)?;
    pending.commit(out_file)?;
    Ok(written)
}

/// The sorted list of entries: the top folder, its sub-folders, site files, extras.
fn plan_items<'a>(
    top: &str,
    tree: &'a SiteTree,
    manifest: &Manifest,
    extras: &[(&str, &'a [u8])],
) -> Result<Vec<Item<'a>>, ArchiveError> {
    let mut items = vec![Item {
        name: format!("{top}/"),
        content: Content::Dir,
    }];
    for dir in &tree.dirs {
        items.push(Item {
            name: format!("{top}/{dir}/"),
            content: Content::Dir,
        });
    }
    for file in &tree.files {
        let digest =
            *manifest
                .get(&file.relative)
                .ok_or_else(|| ArchiveError::ChangedWhileArchiving {
                    path: file.path.clone(),
                })?;
        items.push(Item {
            name: format!("{top}/{}", file.relative),
            content: Content::Disk {
                path: &file.path,
                size: file.size,
                digest,
            },
        });
    }
    for (name, bytes) in extras {
        items.push(Item {
            name: format!("{top}/{name}"),
            content: Content::Memory(bytes),
        });
    }
    items.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    Ok(items)
}

fn write_items(file: File, path: &Path, items: &[Item]) -> Result<(), ArchiveError> {
    let mut zip = ZipWriter::new(BufWriter::new(file));
    for item in items {
        if let Err(e) = add_item(&mut zip, path, item) {
            // Dropped, the writer would finish the abandoned archive and, the
            // disk being full, print its own Debug message under ours. The
            // temporary file is deleted anyway; its handle closes at exit.
            std::mem::forget(zip);
            return Err(e);
        }
    }
    let buffered = zip
        .finish()
        .map_err(|err| ArchiveError::zip(path, "écrire", err))?;
    let file = buffered
        .into_inner()
        .map_err(|err| ArchiveError::io(path, "écrire", err.into_error()))?;
    // The rename must never publish a zip whose bytes are still in a cache.
    file.sync_all()
        .map_err(|err| ArchiveError::io(path, "écrire sur le disque", err))
}

fn add_item<W: Write + io::Seek>(
    zip: &mut ZipWriter<W>,
    zip_path: &Path,
    item: &Item,
) -> Result<(), ArchiveError> {
    let zip_err = |err| ArchiveError::zip(zip_path, "écrire", err);
    match &item.content {
        Content::Dir => zip
            .add_directory(item.name.as_str(), options(0).unix_permissions(DIR_MODE))
            .map_err(zip_err),
        Content::Memory(bytes) => {
            zip.start_file(item.name.as_str(), options(bytes.len() as u64))
                .map_err(zip_err)?;
            zip.write_all(bytes)
                .map_err(|err| ArchiveError::io(zip_path, "écrire", err))
        }
        Content::Disk { path, size, digest } => {
            zip.start_file(item.name.as_str(), options(*size))
                .map_err(zip_err)?;
            copy_checked(zip, zip_path, path, digest)
        }
    }
}

/// Copies a site file into the current entry and checks it still has the
/// digest written in SHA256SUMS.
fn copy_checked(
    zip: &mut impl Write,
    zip_path: &Path,
    path: &Path,
    digest: &Digest,
) -> Result<(), ArchiveError> {
    let file = File::open(path).map_err(|err| ArchiveError::io(path, "ouvrir", err))?;
    let mut reader = HashingReader::new(file);
    io::copy(&mut reader, zip).map_err(|err| ArchiveError::io(zip_path, "écrire", err))?;
    if reader.digest() != *digest {
        return Err(ArchiveError::ChangedWhileArchiving {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The same options for every entry: only the zip64 flag depends on the size.
fn options(size: u64) -> SimpleFileOptions {
    // A constant date: the fallback (1980-01-01) is unreachable but keeps
    // the output deterministic even if it were ever taken.
    let fixed_time = DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).unwrap_or_default();
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(COMPRESSION_LEVEL))
        .last_modified_time(fixed_time)
        .unix_permissions(FILE_MODE)
        .large_file(size >= LARGE_FILE)
}

fn measure(path: &Path) -> Result<Written, ArchiveError> {
    let file = File::open(path).map_err(|err| ArchiveError::io(path, "relire", err))?;
    let bytes = file
        .metadata()
        .map_err(|err| ArchiveError::io(path, "relire", err))?
        .len();
    let sha256 = sha256_reader(file).map_err(|err| ArchiveError::io(path, "relire", err))?;
    Ok(Written { bytes, sha256 })
}

/// A temporary file beside the target, removed on drop unless committed.
struct PendingFile {
    path: PathBuf,
    committed: bool,
}

impl PendingFile {
    /// Reserves a fresh name (`.<name>.part-<pid>-<n>`) in the target's folder,
    /// so the final rename stays on one file system and is atomic.
    fn create_beside(target: &Path) -> Result<(Self, File), ArchiveError> {
        let name = target
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| {
                ArchiveError::io(
                    target,
                    "créer l'archive",
                    io::Error::other("nom de fichier invalide"),
                )
            })?;
        let dir = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let pid = std::process::id();
        let mut last_error = io::Error::other("aucun nom temporaire libre");
        for attempt in 0..100 {
            let path = dir.join(format!(".{name}.part-{pid}-{attempt}"));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    let pending = PendingFile {
                        path,
                        committed: false,
                    };
                    return Ok((pending, file));
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last_error = err,
                Err(err) => return Err(ArchiveError::io(&path, "créer", err)),
            }
        }
        Err(ArchiveError::io(
            target,
            "créer un fichier temporaire",
            last_error,
        ))
    }

    fn commit(mut self, target: &Path) -> Result<(), ArchiveError> {
        fs::rename(&self.path, target)
            .map_err(|err| ArchiveError::io(target, "remplacer l'archive", err))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: the error that made us give up matters more.
            let _ = fs::remove_file(&self.path);
        }
    }
}
