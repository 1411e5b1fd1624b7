//! Offline archives of the handbook that anyone can verify.
//!
//! Hospitals keep copies of the handbook on laptops and USB sticks. A copy
//! altered to show a fake "CERT" phone number is an attack, so every copy
//! carries what it takes to check it, with planblanc or without:
//!
//! ```text
//! plan-blanc-numerique-2026.1/
//!   index.html, …                   the built site, unchanged
//!   a-propos-de-cette-copie.html    edition, date, TLP, how to verify
//!   SHA256SUMS                      `sha256sum -c SHA256SUMS`
//!   SHA256SUMS.minisig              `minisign -Vm SHA256SUMS -p cle.pub`
//! ```
//!
//! - [`write_archive`] builds a deterministic zip of a built site.
//! - [`keygen`] makes a minisign-compatible key pair.
//! - [`verify`] checks a zip (read in place) or an unpacked folder.

mod about;
mod about_words;
mod error;
mod keys;
mod manifest;
mod paths;
mod report;
mod site;
mod verify;
mod zip_reader;
mod zip_writer;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use about::AboutInfo;
pub use error::ArchiveError;
pub use keys::keygen;
pub use paths::{ABOUT_NAME, SIG_NAME, SUMS_NAME};
pub use report::{CopyKind, SignatureStatus, VerifyReport};
pub use verify::verify;

/// What to archive, where, and how to sign it.
#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    /// A built site: `index.html` at its top, sub-folders, assets. No symlinks.
    pub site_dir: PathBuf,
    /// Wished name of the single top folder in the zip, e.g.
    /// `plan-blanc-numerique-2026.1`; made ASCII and safe (see [`ArchiveReport::top_folder`]).
    pub top_folder: String,
    /// The `.zip` to write. Written beside as a temporary file, then renamed:
    /// never a partial zip at this path.
    pub out_file: PathBuf,
    /// Minisign secret key file; when given, SHA256SUMS is signed.
    pub secret_key: Option<PathBuf>,
    /// Password of an encrypted secret key; `None` for an unencrypted key.
    pub password: Option<String>,
    pub about: AboutInfo,
}

/// What [`write_archive`] produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchiveReport {
    pub out_file: PathBuf,
    /// The top folder name actually used (after sanitizing).
    pub top_folder: String,
    /// Files listed in SHA256SUMS (site files and the about page).
    pub files: usize,
    /// Size of the zip in bytes.
    pub bytes: u64,
    /// SHA-256 of the zip itself, lowercase hex, for publishing beside it.
    pub archive_sha256: String,
    /// Identifier of the signing key, when signed.
    pub key_id: Option<String>,
    /// The minisign trusted comment, when signed.
    pub trusted_comment: Option<String>,
}

/// Writes the archive of a built site.
///
/// Same site and options → byte-identical zip, signed or not: Ed25519
/// signatures are deterministic (RFC 8032, no added noise).
pub fn write_archive(opts: &ArchiveOptions) -> Result<ArchiveReport, ArchiveError> {
    let top = paths::sanitize_top_folder(&opts.top_folder).map_err(|reason| {
        ArchiveError::BadTopFolder {
            given: opts.top_folder.clone(),
            reason,
        }
    })?;
    let about = opts.about.normalized()?;
    let tree = site::collect(&opts.site_dir)?;
    ensure_outside_site(&opts.out_file, &opts.site_dir)?;
    // Load the key before the long work: a wrong password fails at once.
    let signer = match &opts.secret_key {
        Some(path) => Some(keys::Signer::load(path, opts.password.as_deref())?),
        None => None,
    };
    let key_id = signer.as_ref().map(keys::Signer::key_id);

    let mut manifest = site::hash_files(&tree)?;
    let about_html = about::render(&about::AboutPage {
        info: &about,
        top_folder: &top,
        file_count: tree.files.len() + 1,
        key_id: key_id.as_deref(),
    });
    manifest.insert(
        ABOUT_NAME.to_string(),
        manifest::sha256_bytes(about_html.as_bytes()),
    );
    let sums = manifest.to_text();

    let trusted_comment = about.trusted_comment();
    let signature = match &signer {
        Some(signer) => Some(signer.sign(&opts.out_file, sums.as_bytes(), &trusted_comment)?),
        None => None,
    };
    let mut extras: Vec<(&str, &[u8])> = vec![
        (ABOUT_NAME, about_html.as_bytes()),
        (SUMS_NAME, sums.as_bytes()),
    ];
    if let Some(signature) = &signature {
        extras.push((SIG_NAME, signature.as_bytes()));
    }
    let written = zip_writer::write_zip(&opts.out_file, &top, &tree, &manifest, &extras)?;

    Ok(ArchiveReport {
        out_file: opts.out_file.clone(),
        top_folder: top,
        files: manifest.len(),
        bytes: written.bytes,
        archive_sha256: manifest::to_hex(&written.sha256),
        trusted_comment: signature.as_ref().map(|_| trusted_comment),
        key_id,
    })
}

/// A zip written inside the site would end up in the next archive of it.
fn ensure_outside_site(out_file: &Path, site_dir: &Path) -> Result<(), ArchiveError> {
    let parent = match out_file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let out_dir = fs::canonicalize(parent)
        .map_err(|err| ArchiveError::io(parent, "trouver le dossier de l'archive", err))?;
    let site = fs::canonicalize(site_dir)
        .map_err(|err| ArchiveError::io(site_dir, "lire le dossier du site", err))?;
    if out_dir.starts_with(&site) {
        return Err(ArchiveError::OutputInsideSite {
            path: out_file.to_path_buf(),
        });
    }
    Ok(())
}
