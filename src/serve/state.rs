//! What the rebuild loop tells the request handlers: the build number, whether
//! there is a site to serve, and the overlay to show while the content has errors.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use super::events::Hub;
use super::inject;
use super::rebuild::Outcome;

#[derive(Debug, Clone, Default)]
pub struct Status {
    /// Counts finished rebuilds, successful or not; sent with every event.
    pub generation: u64,
    /// A build has been written to the output folder at least once.
    pub has_output: bool,
    /// The overlay HTML while the latest build failed.
    pub overlay: Option<Arc<str>>,
}

pub struct Shared {
    /// The output folder being served.
    pub site: PathBuf,
    /// Tells this server apart from an earlier one on the same port, whose build
    /// numbers a page still open may have seen: `hello` sends both.
    pub instance: String,
    /// Only requests naming this machine (`localhost`, `127.0.0.1`…) are answered.
    pub loopback_only: bool,
    pub hub: Hub,
    status: RwLock<Status>,
}

impl Shared {
    pub fn new(site: PathBuf, loopback_only: bool) -> Shared {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Shared {
            site,
            instance: format!("{}.{started}", std::process::id()),
            loopback_only,
            hub: Hub::default(),
            status: RwLock::new(Status::default()),
        }
    }

    /// The build `status` names: this server and its build number, as `hello`
    /// sends it and pages carry it.
    pub fn build(&self, status: &Status) -> String {
        format!("{}-{}", self.instance, status.generation)
    }

    pub fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Records a finished rebuild, then tells the open pages to reload: after the
    /// status is updated, so a reloading page sees the new overlay (or none).
    pub fn publish(&self, outcome: &Outcome) {
        let generation = {
            let mut status = self.status.write().unwrap_or_else(|e| e.into_inner());
            // Nothing served changed (an edit to a sheet this preview does not
            // publish, a save with no change): the open pages stay as they are.
            if outcome.written && outcome.unchanged && status.overlay.is_none() {
                return;
            }
            status.generation += 1;
            status.has_output |= outcome.written;
            status.overlay = outcome
                .failed
                .then(|| Arc::from(inject::overlay(&outcome.diagnostics)));
            status.generation
        };
        self.hub.broadcast("reload", &generation.to_string());
    }
}
