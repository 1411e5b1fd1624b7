//! The temporary folder the preview is built into, outside the site root so that
//! `public/` is never touched. It goes to `/dev/shm` (memory) when the system has
//! one and `TMPDIR` does not say otherwise: every save rewrites the whole site and
//! deletes the previous one, which on a busy disk took seconds to a minute for a
//! 10,000-page handbook against a third of a second in memory.
//!
//! The folder is readable by its owner only: a preview at `--tlp red` holds
//! TLP:RED pages, and `/dev/shm` is shared by every user of the machine. Ctrl-C
//! and SIGTERM remove it ([`OutputDir::remove_on_signal`]); a server killed
//! harder leaves it behind, and the next server removes such leftovers,
//! recognised by the marker file naming a process that no longer runs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const PREFIX: &str = "planblanc-serve-";
const MARKER: &str = "planblanc-serve.pid";

pub struct OutputDir {
    dir: tempfile::TempDir,
}

impl OutputDir {
    pub fn create() -> io::Result<OutputDir> {
        let memory = memory_dir().and_then(|base| create_in(&base).ok());
        let dir = match memory {
            Some(dir) => dir,
            None => create_in(&std::env::temp_dir())?,
        };
        Ok(OutputDir { dir })
    }

    /// On Ctrl-C or SIGTERM, delete the folder, then exit as interrupted.
    pub fn remove_on_signal(&self) {
        let dir = self.dir.path().to_path_buf();
        // Without a handler (one already set) the leftover is swept next time.
        let _ = ctrlc::set_handler(move || {
            remove_while_building(&dir);
            std::process::exit(130);
        });
    }

    /// Where the site is built: a folder the build creates and swaps atomically.
    pub fn site(&self) -> PathBuf {
        let base = self
            .dir
            .path()
            .canonicalize()
            .unwrap_or_else(|_| self.dir.path().to_path_buf());
        base.join("site")
    }
}

/// Deletes `dir` while a rebuild may still be writing into it: everything but the
/// marker first, again until nothing comes back, and the marker last, so that a
/// folder left half-deleted is still known for a leftover.
fn remove_while_building(dir: &Path) {
    for _ in 0..50 {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let others: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().is_some_and(|n| n != MARKER))
            .collect();
        if others.is_empty() {
            break;
        }
        for path in others {
            let _ = fs::remove_dir_all(&path).or_else(|_| fs::remove_file(&path));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = fs::remove_dir_all(dir);
}

/// `/dev/shm`, unless `TMPDIR` names the place for temporary files.
fn memory_dir() -> Option<PathBuf> {
    let shm = Path::new("/dev/shm");
    (std::env::var_os("TMPDIR").is_none() && shm.is_dir()).then(|| shm.to_path_buf())
}

fn create_in(base: &Path) -> io::Result<tempfile::TempDir> {
    remove_leftovers(base);
    let mut builder = tempfile::Builder::new();
    builder.prefix(PREFIX);
    // (Windows temporary folders are private to their user already.)
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let dir = builder.tempdir_in(base)?;
    fs::write(dir.path().join(MARKER), std::process::id().to_string())?;
    Ok(dir)
}

/// Removes `planblanc-serve-*` folders whose marker names a process that is gone.
/// Only where `/proc` tells which processes run; elsewhere nothing is removed.
fn remove_leftovers(tmp: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with(PREFIX) {
            continue;
        }
        let Ok(pid) = fs::read_to_string(entry.path().join(MARKER)) else {
            // No marker: a cleanup cut short, or a server a moment after creating
            // its folder. Only an old one is a leftover.
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(600));
            if old {
                let _ = fs::remove_dir_all(entry.path());
            }
            continue;
        };
        let Ok(pid) = pid.trim().parse::<u32>() else {
            continue;
        };
        if !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
