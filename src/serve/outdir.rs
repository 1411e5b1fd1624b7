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
            let _ = fs::remove_dir_all(&dir);
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
