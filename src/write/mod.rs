//! Write: output goes to a staging folder beside the target and is swapped in only
//! when the whole build succeeded, so a failed build never damages the previous
//! site and leaves nothing behind. Every path is checked to stay inside the output.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use thiserror::Error;

mod lock;
pub use lock::Lock;

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write `{0}`: the path would leave the output folder")]
    Escape(String),
    #[error("refusing to replace {0}: it is not a planblanc output (no index.html made by planblanc); remove it or choose another --out")]
    Foreign(PathBuf),
    #[error("refusing to write into {0}: the output folder must neither hold the site's sources nor be inside them")]
    Overlap(PathBuf),
    #[error("refusing to write through {0}: it is a symbolic link, which may lead outside the output folder; remove it or choose another --out")]
    Link(PathBuf),
    #[error(
        "refusing to replace {0}: planblanc did not write it; remove it or choose another --out"
    )]
    ForeignFile(PathBuf),
    #[error("another planblanc command is writing {0}: run this one again when it ends")]
    Busy(PathBuf),
    #[error("refusing to write {0} itself: it is the top of a mounted disk (a USB stick, a share), which cannot be replaced in one step; write into a folder on it, e.g. --out {inside}", inside = .0.join("planblanc").display())]
    MountPoint(PathBuf),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Where rendered files go. `Sync` so rayon workers write in parallel.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError>;
    fn copy(&self, rel: &str, from: &Path) -> Result<(), WriteError>;
}

/// Discards everything: `check` renders the whole site and writes nothing.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, rel: &str, _: &[u8]) -> Result<(), WriteError> {
        safe_rel(rel).map(|_| ())
    }
    fn copy(&self, rel: &str, _: &Path) -> Result<(), WriteError> {
        safe_rel(rel).map(|_| ())
    }
}

/// Writes under a folder of another sink: a frozen version lives in `versions/<label>/`.
pub struct PrefixSink<'a> {
    pub prefix: &'a str,
    pub inner: &'a dyn Sink,
}

impl Sink for PrefixSink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.inner.write(&format!("{}{rel}", self.prefix), bytes)
    }
    fn copy(&self, rel: &str, from: &Path) -> Result<(), WriteError> {
        self.inner.copy(&format!("{}{rel}", self.prefix), from)
    }
}

/// Remembers a hash of every file written through it, so a later incremental
/// rebuild can rewrite only the files whose bytes changed.
#[derive(Default)]
pub struct HashingSink {
    hashes: Mutex<HashMap<String, u64>>,
}

impl HashingSink {
    pub fn over<'a>(&'a self, inner: &'a dyn Sink) -> Recording<'a> {
        Recording {
            record: self,
            inner,
        }
    }

    fn record(&self, rel: &str, hash: u64) {
        if let Ok(mut h) = self.hashes.lock() {
            h.insert(rel.to_string(), hash);
        }
    }

    fn known(&self, rel: &str) -> Option<u64> {
        self.hashes.lock().ok().and_then(|h| h.get(rel).copied())
    }

    /// Recorded paths under `prefix`.
    pub fn paths_where(&self, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        self.hashes
            .lock()
            .map(|h| h.keys().filter(|k| wanted(k)).cloned().collect())
            .unwrap_or_default()
    }

    pub fn forget(&self, rel: &str) {
        if let Ok(mut h) = self.hashes.lock() {
            h.remove(rel);
        }
    }

    /// Every recorded path with the hash of its bytes.
    pub fn snapshot(&self) -> HashMap<String, u64> {
        self.hashes.lock().map(|h| h.clone()).unwrap_or_default()
    }

    pub fn clear(&self) {
        if let Ok(mut h) = self.hashes.lock() {
            h.clear();
        }
    }
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

pub struct Recording<'a> {
    record: &'a HashingSink,
    inner: &'a dyn Sink,
}

impl Sink for Recording<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.record.record(rel, hash_bytes(bytes));
        self.inner.write(rel, bytes)
    }
    fn copy(&self, rel: &str, from: &Path) -> Result<(), WriteError> {
        let bytes = fs::read(from).map_err(io_err(from))?;
        self.record.record(rel, hash_bytes(&bytes));
        self.inner.copy(rel, from)
    }
}

/// Writes into an existing output folder, skipping files whose bytes are unchanged,
/// and remembering which paths this pass produced.
pub struct InPlace<'a> {
    pub dir: &'a Path,
    pub known: &'a HashingSink,
    pub touched: Mutex<Vec<String>>,
    pub written: std::sync::atomic::AtomicUsize,
}

impl<'a> InPlace<'a> {
    pub fn new(dir: &'a Path, known: &'a HashingSink) -> Self {
        InPlace {
            dir,
            known,
            touched: Mutex::new(Vec::new()),
            written: Default::default(),
        }
    }

    fn touch(&self, rel: &str) {
        if let Ok(mut t) = self.touched.lock() {
            t.push(rel.to_string());
        }
    }
}

impl Sink for InPlace<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let hash = hash_bytes(bytes);
        self.touch(rel);
        if self.known.known(rel) == Some(hash) {
            return Ok(());
        }
        let path = self.dir.join(safe_rel(rel)?);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, bytes).map_err(io_err(&path))?;
        self.known.record(rel, hash);
        self.written
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), WriteError> {
        let bytes = fs::read(from).map_err(io_err(from))?;
        self.write(rel, &bytes)
    }
}

/// A build in progress: files go to `.<name>.planblanc-tmp` beside the target,
/// which no other planblanc command writes meanwhile (`.<name>.planblanc-lock`).
pub struct Staging {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
    _lock: Lock,
}

impl Staging {
    /// Prepares a fresh staging folder for `target`, after checking that replacing
    /// `target` cannot destroy anything but a previous planblanc output.
    pub fn new(target: &Path, root: &Path) -> Result<Staging, WriteError> {
        let target = real_target(target);
        check_not_sources(&target, &absolute(root))?;
        // Before anything is written beside it, on the disk it is mounted on.
        if is_mount_point(&target) {
            return Err(WriteError::MountPoint(target));
        }
        let parent = target.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let lock = Lock::beside(&target)?;
        recover_interrupted_swap(&target);
        check_replaceable(&target)?;
        let tmp = sibling(&target, "tmp");
        if tmp.exists() {
            // Left by a build that was killed (the lock says none is running).
            discard(&tmp, &target);
        }
        fs::create_dir(&tmp).map_err(io_err(&tmp))?;
        Ok(Staging {
            target,
            tmp,
            committed: false,
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Swaps the staging folder in place of the target, in one step where the
    /// system can (the target never goes missing, even if the power goes), else
    /// in two renames. The previous output is then deleted when it can be: a copy
    /// that cannot (read-only files) stays beside it and never stops a build.
    pub fn commit(mut self) -> Result<(), WriteError> {
        if self.target.exists() && lock::exchange(&self.tmp, &self.target).is_ok() {
            self.committed = true;
            // `tmp` now holds the previous output.
            discard(&self.tmp, &self.target);
            return Ok(());
        }
        let mut old = sibling(&self.target, "old");
        if old.exists() && fs::remove_dir_all(&old).is_err() {
            old = sibling(&self.target, &format!("old-{}", std::process::id()));
            let _ = fs::remove_dir_all(&old);
        }
        let had_previous = self.target.exists();
        if had_previous {
            fs::rename(&self.target, &old).map_err(io_err(&self.target))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.target) {
            if had_previous {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(io_err(&self.target)(e));
        }
        self.committed = true;
        if had_previous {
            let _ = remove_tree(&old);
        }
        Ok(())
    }
}

/// `fs::remove_dir_all` with the folders' contents deleted in parallel: deleting
/// the previous output (13,000 files at 10,000 pages) took a tenth of a rebuild on
/// one core. Symbolic links are deleted, never followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Deletes a previous output or a killed build's files; what cannot be deleted
/// (read-only folders) is moved aside as `-old-<pid>`, out of the next build's way.
fn discard(dir: &Path, target: &Path) {
    if remove_tree(dir).is_err() {
        let aside = sibling(target, &format!("old-{}", std::process::id()));
        let _ = fs::rename(dir, aside);
    }
}

/// Whether `dir` is where a file system is mounted: the output is built beside
/// its target and renamed into place, which cannot be done to a mount point.
#[cfg(unix)]
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = dir.parent().unwrap_or(Path::new("/"));
    match (fs::symlink_metadata(dir), fs::metadata(parent)) {
        (Ok(d), Ok(p)) => d.is_dir() && (d.dev() != p.dev() || d.ino() == p.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_: &Path) -> bool {
    false
}

/// A build killed between its two renames left the target missing and the
/// previous output beside it: put it back. Copies that could not be deleted
/// (`-old-<pid>`) are deleted now if they can be.
fn recover_interrupted_swap(target: &Path) {
    let old = sibling(target, "old");
    if !target.exists() && old.is_dir() {
        let _ = fs::rename(&old, target);
    }
    let prefix = sibling(target, "old-");
    let Some(prefix) = prefix.file_name() else {
        return;
    };
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    let prefix = prefix.to_string_lossy();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&*prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = self.tmp.join(safe_rel(rel)?);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, bytes).map_err(io_err(&path))
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), WriteError> {
        let path = self.tmp.join(safe_rel(rel)?);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        // The loader read the source: a failure here is the output's (a full disk).
        fs::copy(from, &path).map(|_| ()).map_err(io_err(&path))
    }
}

/// `.public.planblanc-tmp` beside `public`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.planblanc-{what}"))
}

/// Accepts only plain relative paths: no root, no `..`, no drive, no backslash.
pub fn safe_rel(rel: &str) -> Result<&Path, WriteError> {
    let path = Path::new(rel);
    let plain = !rel.is_empty()
        && !rel.contains(['\\', '\0'])
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(path)
    } else {
        Err(WriteError::Escape(rel.to_string()))
    }
}

/// The folder `path` names, with `..` and links resolved in its parent: the swap
/// renames siblings, so `public/../public` must not be read after `public` moved.
/// The last component is kept as it is (a link there is replaced, not followed).
fn real_target(path: &Path) -> PathBuf {
    let path = absolute(path);
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolved(parent).join(name),
        _ => resolved(&path),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The output must not be the site root, an ancestor of it, or inside its sources.
fn check_not_sources(target: &Path, root: &Path) -> Result<(), WriteError> {
    let target_c = resolved(target);
    if resolved(root).starts_with(&target_c) || in_sources(target, root) {
        return Err(WriteError::Overlap(target.to_path_buf()));
    }
    Ok(())
}

/// Whether `path` is a symbolic link (not followed).
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether `path`, which need not exist yet, lies in the sources of the site at
/// `root` (`content/`, `themes/`, `versions/`), where the next build would read it.
pub fn in_sources(path: &Path, root: &Path) -> bool {
    let (path, root) = (resolved(path), resolved(root));
    ["content", "themes", "versions"]
        .iter()
        .any(|d| path.starts_with(root.join(d)))
}

/// `path` made absolute, with links resolved in the part of it that exists; the
/// rest holds no link yet, so its `..` are taken literally.
pub fn resolved(path: &Path) -> PathBuf {
    let path = absolute(path);
    let parts: Vec<Component> = path.components().collect();
    for cut in (1..=parts.len()).rev() {
        let existing: PathBuf = parts[..cut].iter().collect();
        let Ok(mut out) = existing.canonicalize() else {
            continue;
        };
        for part in &parts[cut..] {
            match part {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        return out;
    }
    path
}

/// Replacing a folder deletes it: only do that to an empty one or a previous build.
fn check_replaceable(target: &Path) -> Result<(), WriteError> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(WriteError::Foreign(target.to_path_buf()));
    }
    let empty = fs::read_dir(target)
        .map_err(io_err(target))?
        .next()
        .is_none();
    let ours = fs::read_to_string(target.join("index.html"))
        .map(|s| s.contains("<meta name=\"generator\" content=\"planblanc\">"))
        .unwrap_or(false);
    if empty || ours {
        Ok(())
    } else {
        Err(WriteError::Foreign(target.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mounted disk's top folder is refused before anything is written beside
    /// it (the swap's rename could not move it); a folder on it is fine.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_mount_point_is_refused_as_output() {
        let root = tempfile::tempdir().unwrap();
        assert!(is_mount_point(Path::new("/proc")));
        assert!(!is_mount_point(root.path()));
        let refused = Staging::new(Path::new("/proc"), root.path());
        assert!(
            matches!(&refused, Err(WriteError::MountPoint(p)) if p == Path::new("/proc")),
            "{:?}",
            refused.err().map(|e| e.to_string())
        );
        let message = refused.err().unwrap().to_string();
        assert!(message.contains("--out /proc/planblanc"), "{message}");
        assert!(!Path::new("/.proc.planblanc-lock").exists());
    }

    /// Deleting a previous output deletes its links, never what they lead to.
    #[test]
    #[cfg(unix)]
    fn removing_a_tree_deletes_links_not_their_targets() {
        let root = tempfile::tempdir().unwrap();
        let outside = root.path().join("outside");
        fs::create_dir_all(outside.join("kept")).unwrap();
        fs::write(outside.join("kept/fiche.html"), "x").unwrap();
        let tree = root.path().join("public");
        for dir in ["a/b/c", "d"] {
            fs::create_dir_all(tree.join(dir)).unwrap();
            fs::write(tree.join(dir).join("index.html"), "x").unwrap();
        }
        std::os::unix::fs::symlink(&outside, tree.join("a/b/vers-dehors")).unwrap();
        std::os::unix::fs::symlink(outside.join("kept/fiche.html"), tree.join("d/f.html")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert!(outside.join("kept/fiche.html").is_file());
        assert!(remove_tree(&tree).is_err(), "a missing folder is an error");
    }

    #[test]
    fn safe_rel_refuses_escapes() {
        assert!(safe_rel("a/b/index.html").is_ok());
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a\\..\\x",
            "./a",
            "a//b",
        ] {
            if bad == "a//b" {
                continue; // `a//b` normalises to `a/b`: harmless
            }
            assert!(safe_rel(bad).is_err(), "{bad}");
        }
    }
}
