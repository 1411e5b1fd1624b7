//! Starting points for authors: `init` writes a whole new handbook, `procedure`
//! adds one procedure to an existing handbook. Both produce files that pass
//! `planblanc check` with no error and no warning.

pub mod init;
pub mod procedure;

use std::path::PathBuf;

use thiserror::Error;

pub use init::init;
pub use procedure::{create_procedure, Created, NewProcedure};

#[derive(Debug, Error)]
pub enum ScaffoldError {
    #[error("{0} exists and is not an empty folder: choose a new or empty folder")]
    NotEmpty(PathBuf),
    #[error("{0} already exists: planblanc never overwrites a file")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{path}`: {reason}")]
    BadPath { path: String, reason: String },
    #[error("{0} has no content/ folder: is it a handbook? (`planblanc init` creates one)")]
    NotAHandbook(PathBuf),
    #[error("the handbook has no {0}: content/_taxonomies/{0}.yaml is missing or empty")]
    NoTaxonomy(&'static str),
    #[error("unknown {what} `{value}`{}; known: {known}", .help.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    UnknownCode {
        what: &'static str,
        value: String,
        help: Option<String>,
        known: String,
    },
    #[error("cannot tell the phase of `{path}`: pass --phase (one of: {known})")]
    PhaseNeeded { path: String, known: String },
}
