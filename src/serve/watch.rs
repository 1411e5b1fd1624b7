//! Watching the sources: `content/`, `themes/`, `versions/` and `handbook.yaml`,
//! debounced so that an editor's burst of writes (temporary file, rename, chmod)
//! makes one rebuild.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventHandler, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_mini::{
    new_debouncer_opt, Config, DebounceEventResult, DebouncedEvent, Debouncer,
};

use crate::load::config::CONFIG_FILE;
use crate::load::CONTENT_DIR;

/// Quiet time after the last event before a rebuild starts: editors finish a save
/// (write, rename) within a few milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// Silence that ends a burst of batches from the debouncer.
const SETTLE: Duration = Duration::from_millis(20);

/// Source folders watched recursively, when they exist.
const FOLDERS: [&str; 3] = [CONTENT_DIR, "themes", "versions"];

pub struct SourceWatcher {
    root: PathBuf,
    debouncer: Debouncer<ChangesOnly>,
    events: Receiver<DebounceEventResult>,
    /// Folders under watch; the root itself is watched alone, to see
    /// `handbook.yaml` and folders created after the start.
    watched: BTreeSet<&'static str>,
}

impl SourceWatcher {
    pub fn new(root: &Path) -> Result<SourceWatcher, notify::Error> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (tx, events) = mpsc::channel();
        let config = Config::default().with_timeout(DEBOUNCE);
        let mut debouncer = new_debouncer_opt::<_, ChangesOnly>(config, tx)?;
        debouncer
            .watcher()
            .watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = SourceWatcher {
            root,
            debouncer,
            events,
            watched: BTreeSet::new(),
        };
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Blocks until sources change and returns the changed paths, or `None` when the
    /// watcher has stopped. Watch errors are returned as `Some(Err)`: the caller
    /// reports them and keeps going.
    pub fn next_change(&mut self) -> Option<Result<Vec<PathBuf>, notify::Error>> {
        loop {
            let mut changed = Vec::new();
            match self.events.recv().ok()? {
                Ok(batch) => self.absorb(batch, &mut changed),
                Err(e) => return Some(Err(e)),
            }
            // One save can arrive as two batches (an editor's temporary file, then the
            // rename over the real one), and changes may have queued up during the
            // last rebuild: take everything that comes until a short silence. An
            // error in between is dropped: the rebuild that follows shows its effect.
            while let Ok(next) = self.events.recv_timeout(SETTLE) {
                if let Ok(batch) = next {
                    self.absorb(batch, &mut changed);
                }
            }
            if let Err(e) = self.watch_new_folders() {
                return Some(Err(e));
            }
            if !changed.is_empty() {
                changed.sort();
                changed.dedup();
                return Some(Ok(changed));
            }
        }
    }

    /// Adds a batch's source paths to `changed`. A source folder that was itself
    /// created, removed or replaced (a `git checkout`, a restored backup) is marked
    /// for a new recursive watch.
    fn absorb(&mut self, batch: Vec<DebouncedEvent>, changed: &mut Vec<PathBuf>) {
        for event in batch {
            if let Some(folder) = FOLDERS.iter().find(|f| event.path == self.root.join(f)) {
                self.watched.remove(folder);
            }
            if is_source(&self.root, &event.path) {
                changed.push(event.path);
            }
        }
    }

    /// Starts watching the source folders that exist and are not watched yet.
    fn watch_new_folders(&mut self) -> Result<(), notify::Error> {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if !self.watched.contains(folder) && path.is_dir() {
                self.debouncer
                    .watcher()
                    .watch(&path, RecursiveMode::Recursive)?;
                self.watched.insert(folder);
            }
        }
        Ok(())
    }
}

/// The platform's watcher without read accesses. inotify reports every open and
/// close, and each build opens every source: passing those on would rebuild forever.
/// (The debouncer forgets event kinds, so they are dropped before it.)
pub struct ChangesOnly(RecommendedWatcher);

impl Watcher for ChangesOnly {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let inner = RecommendedWatcher::new(
            move |event: notify::Result<Event>| {
                if event.as_ref().map_or(true, |e| changes_content(&e.kind)) {
                    handler.handle_event(event);
                }
            },
            config,
        )?;
        Ok(ChangesOnly(inner))
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> notify::WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// Everything but reads; closing a file opened for writing is a save.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A file that can change the site: `handbook.yaml`, or anything under a source
/// folder except editor leftovers (hidden files, backups, Vim's probe file), which
/// the loader ignores too.
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let names: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => n.to_str(),
            _ => None,
        })
        .collect();
    let Some((first, _)) = names.split_first() else {
        return false;
    };
    if names.len() == 1 && *first == CONFIG_FILE {
        return true;
    }
    FOLDERS.contains(first) && !names.iter().any(|n| crate::load::is_leftover(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_recognised() {
        let root = Path::new("/site");
        for yes in [
            "/site/handbook.yaml",
            "/site/content/alerte/a.md",
            "/site/content",
            "/site/themes/default/css/style.css",
            "/site/versions/2025.1/x.md",
        ] {
            assert!(is_source(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/site/public/index.html",
            "/site/.git/index",
            "/site/content/alerte/.a.md.swp",
            "/site/content/alerte/a.md~",
            "/site/content/alerte/4913",
            "/site/content/alerte/sedkLNpYF",
            "/site/content/alerte/#a.md#",
            "/site/content/alerte/a.md___jb_tmp___",
            "/site/README.md",
            "/elsewhere/content/a.md",
            "/site",
        ] {
            assert!(!is_source(root, Path::new(no)), "{no}");
        }
    }
}
