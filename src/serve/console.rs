//! What the author sees in the terminal: a spinner while building (only when stderr
//! is a terminal, so logs and CI output stay clean), then the diagnostics rendered
//! as `planblanc check` renders them, and a one-line summary.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::rebuild::Outcome;
use crate::diag::{count, Diagnostic};

pub struct Console {
    terminal: bool,
    /// Only errors (`--quiet`).
    quiet: bool,
    /// Also the time of each build step (`--verbose`).
    verbose: bool,
    /// The warnings of the last report.
    shown_warnings: Vec<Diagnostic>,
}

impl Console {
    pub fn new(quiet: bool, verbose: bool) -> Console {
        Console {
            terminal: std::io::stderr().is_terminal(),
            quiet,
            verbose,
            shown_warnings: Vec::new(),
        }
    }

    /// A spinner with `message`; hidden when stderr is not a terminal.
    pub fn spinner(&self, message: &str) -> ProgressBar {
        if !self.terminal {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    }

    /// Prints a rebuild's diagnostics and summary. Warnings identical to the ones
    /// already shown are not printed again: a large handbook can carry thousands,
    /// and after a save the author looks for what that save changed.
    pub fn report(&mut self, outcome: &Outcome) {
        let warnings: Vec<Diagnostic> = outcome
            .diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .cloned()
            .collect();
        let repeated = !warnings.is_empty() && warnings == self.shown_warnings;
        for d in &outcome.diagnostics {
            if !d.is_error() && (self.quiet || repeated) {
                continue;
            }
            if d.file.as_os_str().is_empty() {
                eprintln!("error: {}\n", d.message);
            } else {
                eprintln!("{}\n", d.render(self.terminal));
            }
        }
        self.shown_warnings = warnings;
        if self.verbose {
            for (step, t) in &outcome.timings {
                eprintln!("  {step:<14} {:>8.1} ms", t.as_secs_f64() * 1000.0);
            }
        }
        let seconds = outcome.elapsed.as_secs_f64();
        let unchanged = if repeated { " (inchangés)" } else { "" };
        if outcome.failed {
            eprintln!(
                "échec : {}, {}{unchanged}, {seconds:.2} s — la \
                 dernière version correcte reste servie",
                count(outcome.errors(), "erreur", "erreurs"),
                count(outcome.warnings(), "avertissement", "avertissements"),
            );
        } else if !self.quiet {
            eprintln!(
                "construit : {}, {}{unchanged}, {seconds:.2} s",
                count(outcome.pages, "page", "pages"),
                count(outcome.warnings(), "avertissement", "avertissements"),
            );
        }
    }

    /// Which files triggered a rebuild, relative to the site root.
    pub fn changed(&self, root: &Path, paths: &[PathBuf]) {
        if self.quiet {
            return;
        }
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let shown: Vec<String> = paths
            .iter()
            .take(3)
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        let more = paths.len() - shown.len();
        let more = if more > 0 {
            format!(" et {}", count(more, "autre", "autres"))
        } else {
            String::new()
        };
        eprintln!("modifié : {}{more}", shown.join(", "));
    }

    pub fn warn(&self, message: &str) {
        eprintln!("attention : {message}");
    }
}
