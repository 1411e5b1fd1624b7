//! Two planblanc commands must not write the same output at once: each one's
//! clean-up of a killed run's leftovers would delete the other's files. A lock
//! file beside the target says one is at work; the system releases it when the
//! process ends, however it ends.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::{io_err, WriteError};

/// Held while a command writes its target; the lock file goes when it ends.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: Option<File>,
}

impl Lock {
    /// Locks `.<name>.planblanc-lock` beside `target`, or says another command
    /// holds it.
    pub fn beside(target: &Path) -> Result<Lock, WriteError> {
        let path = lock_path(target);
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(io_err(&path))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(WriteError::Busy(target.to_path_buf()))
                }
                // A file system without locks (some network shares): work as
                // before locks, rather than not at all.
                Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Lock { path, file: None });
                }
                Err(TryLockError::Error(e)) => return Err(io_err(&path)(e)),
            }
            // The holder before us may have deleted the file between our open
            // and our lock: a lock on a deleted file guards nothing, so again.
            if same_file(&file, &path) {
                return Ok(Lock {
                    path,
                    file: Some(file),
                });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Deleted while still locked: a command waiting on it then tries again.
        let _ = fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.planblanc-lock"))
}

/// Swaps two paths in one step (Linux's `renameat2` with `RENAME_EXCHANGE`):
/// neither is ever missing. Fails where the system or file system cannot.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_target_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = Lock::beside(&target).unwrap();
        assert!(matches!(Lock::beside(&target), Err(WriteError::Busy(_))));
        assert!(Lock::beside(&dir.path().join("autre")).is_ok());
        drop(first);
        assert!(Lock::beside(&target).is_ok());
    }

    #[test]
    fn exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "a").unwrap();
        // Where the file system cannot, nothing moves (the caller renames twice).
        let swapped = exchange(&a, &b).is_ok();
        assert_eq!(b.join("x").is_file(), swapped);
        assert_eq!(a.join("x").is_file(), !swapped);
        #[cfg(target_os = "linux")]
        assert!(swapped, "tmpfs and ext4 exchange folders");
    }
}
