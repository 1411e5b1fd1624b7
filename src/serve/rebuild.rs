//! How the site is rebuilt after a change. The server only knows the `Rebuild`
//! trait; `IncrementalRebuild` plugs the engine's incremental session into it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::build::{BuildError, BuildOptions, BuildReport, Session};
use crate::diag::Diagnostic;

/// Rebuilds the site into its output folder. Implementations must replace the output
/// atomically (as `build::build` does) and leave it untouched when the content has
/// errors: the server keeps serving whatever is there.
pub trait Rebuild: Send {
    /// `changed` holds the absolute paths the watcher reported since the last
    /// rebuild; it is empty for the first build, which must be complete.
    fn rebuild(&mut self, changed: &[PathBuf]) -> Result<BuildReport, BuildError>;
}

/// The first build is complete; later ones go through an incremental
/// `build::Session`, which re-renders only what an edit touches (and falls back to
/// a full build for anything structural).
pub struct IncrementalRebuild {
    options: BuildOptions,
    session: Option<Session>,
}

impl IncrementalRebuild {
    pub fn new(options: BuildOptions) -> Self {
        IncrementalRebuild {
            options,
            session: None,
        }
    }
}

impl Rebuild for IncrementalRebuild {
    fn rebuild(&mut self, changed: &[PathBuf]) -> Result<BuildReport, BuildError> {
        match &mut self.session {
            Some(session) if !changed.is_empty() => session.rebuild(changed),
            _ => {
                let (session, report) = Session::start(self.options.clone())?;
                self.session = Some(session);
                Ok(report)
            }
        }
    }
}

/// What the server needs to know of one rebuild.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// The content had errors (or the build could not run): the output was kept.
    pub failed: bool,
    /// The output folder now holds this build.
    pub written: bool,
    /// No file of the output changed: open pages need no reload.
    pub unchanged: bool,
    pub pages: usize,
    pub elapsed: Duration,
    /// Time of each build step, as `build --verbose` prints them.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Runs one rebuild and folds a build that could not run (disk, theme) into the
/// same shape as content errors, so authors see it in the console and on the page.
pub fn run(rebuilder: &mut dyn Rebuild, changed: &[PathBuf]) -> Outcome {
    let started = Instant::now();
    let result = rebuilder.rebuild(changed);
    let elapsed = started.elapsed();
    match result {
        Ok(report) => Outcome {
            failed: report.errors() > 0 || !report.written,
            written: report.written,
            unchanged: report.unchanged,
            pages: report.pages,
            diagnostics: report.diagnostics,
            elapsed,
            timings: report.timings,
        },
        Err(e) => Outcome {
            diagnostics: vec![Diagnostic::error("", format!("the build failed: {e}"))],
            failed: true,
            written: false,
            unchanged: false,
            pages: 0,
            elapsed,
            timings: Vec::new(),
        },
    }
}
