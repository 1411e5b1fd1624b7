//! Errors of the archive subsystem: French messages that always name the path.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why an archive could not be written, a key not made, or a copy not checked.
///
/// A copy that *was* checked and found bad is not an error: `verify` returns
/// a `VerifyReport` whose `ok()` is false. These errors mean the work itself
/// could not be done (unreadable file, malformed key, unusable site folder…).
#[derive(Debug, Error)]
pub enum ArchiveError {
    #[error("{path} : impossible {} : {source}", de(action))]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },

    #[error("{path} : lien symbolique dans le site : refusé (une copie doit être autonome et vérifiable)")]
    Symlink { path: PathBuf },

    #[error("{path} : type de fichier non pris en charge (ni fichier ni dossier)")]
    SpecialFile { path: PathBuf },

    #[error("{path} : nom de fichier refusé : {reason}")]
    BadFileName { path: PathBuf, reason: String },

    #[error(
        "{path} : nom réservé à l'archive, le site ne doit pas contenir ce fichier à sa racine"
    )]
    ReservedName { path: PathBuf },

    #[error("{path} : ce n'est pas un site construit ({reason})")]
    NotASite { path: PathBuf, reason: &'static str },

    #[error("nom de dossier de l'archive « {given} » inutilisable : {reason}")]
    BadTopFolder { given: String, reason: &'static str },

    #[error("{path} : l'archive ne peut pas être écrite à l'intérieur du dossier du site")]
    OutputInsideSite { path: PathBuf },

    #[error("informations « à propos » invalides : {field} : {reason}")]
    BadAbout { field: &'static str, reason: String },

    #[error(
        "{path} : le fichier a changé pendant la création de l'archive ; relancez la construction"
    )]
    ChangedWhileArchiving { path: PathBuf },

    #[error(
        "{path} : ce n'est pas un zip, ou sa fin manque (copie interrompue) : copiez-le de nouveau"
    )]
    Truncated { path: PathBuf },

    #[error("{path} : erreur zip : {source}")]
    Zip {
        path: PathBuf,
        #[source]
        source: zip::result::ZipError,
    },

    #[error("{path} : clé inutilisable : {reason}")]
    Key { path: PathBuf, reason: String },

    #[error("{path} : le fichier existe déjà ; utilisez --force pour le remplacer")]
    KeyExists { path: PathBuf },

    #[error("{path} : signature impossible : {reason}")]
    Sign { path: PathBuf, reason: String },

    #[error("{path} : aucune copie à vérifier : {reason}")]
    NoCopy { path: PathBuf, reason: String },

    #[error(
        "{} nom(s) du site ne tiendraient pas sur une clé USB (FAT, exFAT) ou sous Windows : \
         la copie ne s'y décompresserait pas entière ; renommez leurs sources \
         (`planblanc check` les nomme) :\n{}",
        names.len(),
        names.iter().map(|n| format!("  - {n}")).collect::<Vec<_>>().join("\n")
    )]
    Unportable { names: Vec<String> },
}

impl ArchiveError {
    /// Shorthand for the most common case: an I/O error on a path.
    pub(crate) fn io(path: &Path, action: &'static str, source: io::Error) -> Self {
        ArchiveError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    /// A zip error while `action` (lire, écrire): the system's words (a full disk)
    /// say more than the zip crate's "i/o error", and a copy whose end is missing
    /// is said to be cut short.
    pub(crate) fn zip(path: &Path, action: &'static str, source: zip::result::ZipError) -> Self {
        use zip::result::ZipError;
        match source {
            ZipError::Io(e) => ArchiveError::io(path, action, e),
            ZipError::InvalidArchive(why) if why.contains("EOCD") => ArchiveError::Truncated {
                path: path.to_path_buf(),
            },
            source => ArchiveError::Zip {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    pub(crate) fn key(path: &Path, reason: impl Into<String>) -> Self {
        ArchiveError::Key {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

/// `de` before the verb, elided before a vowel: « impossible d'écrire ».
fn de(action: &str) -> String {
    let vowel = action
        .chars()
        .next()
        .is_some_and(|c| "aeiouyéèêàâîôû".contains(c));
    if vowel {
        format!("d'{action}")
    } else {
        format!("de {action}")
    }
}
