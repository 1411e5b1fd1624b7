//! Checking a copy, zip or folder, against its SHA256SUMS and signature.
//!
//! Both kinds of copy go through the same `check`: a copy is listed first
//! (and refused outright if its layout is unsafe), then SHA256SUMS is read,
//! the signature checked, and every file hashed and compared.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use minisign::PublicKey;
use walkdir::WalkDir;

use super::error::ArchiveError;
use super::keys::{
    check_signature, load_public_key, signature_key_id, SignatureCheck, MAX_SIGNATURE_FILE,
};
use super::manifest::{sha256_reader, Digest, Manifest};
use super::paths::{check_relative_path, is_os_metadata, SIG_NAME, SUMS_NAME};
use super::report::{CopyKind, SignatureStatus, VerifyReport};
use super::zip_reader::ZipCopy;

/// SHA256SUMS for a very large site is a few MB; more is not ours.
const MAX_SUMS_FILE: u64 = 32 * 1024 * 1024;

/// What a copy contains, as seen before reading any content.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Name of the single top folder, when there is exactly one.
    pub top: Option<String>,
    /// Regular files, relative to the top folder.
    pub files: BTreeSet<String>,
    /// Why the copy is refused (unsafe names, links, layout); empty when fine.
    pub refused: Vec<String>,
    /// Entries outside the top folder that only an operating system adds (a
    /// Finder zip's `__MACOSX/`), by their full name.
    pub ignored: Vec<String>,
}

/// A copy whose files can be read by their path relative to the top folder.
pub trait CopySource {
    fn listing(&self) -> &Listing;
    /// Whole content of a small file, `Ok(None)` when absent, `Err(reason)`
    /// when unreadable or larger than `limit`.
    fn read_small(&mut self, relative: &str, limit: u64) -> Result<Option<Vec<u8>>, String>;
    /// SHA-256 of a file, streamed.
    fn sha256(&mut self, relative: &str) -> Result<Digest, String>;
    /// Whether `relative`, as the pages name it, opens a file of this copy even
    /// though the listing shows it in another case (a case-insensitive disk).
    fn resolves(&self, _relative: &str) -> bool {
        false
    }
}

/// Checks a copy: a `.zip`, its unpacked top folder, or the folder that
/// contains that top folder. With `pubkey`, the signature must be valid.
///
/// Returns `Err` only when the check could not be done (unreadable path,
/// not a zip, malformed public key). A copy that is bad, unsafe or tampered
/// with gives `Ok(report)` with `report.ok() == false`. A zip is read in
/// place: nothing is extracted to disk.
pub fn verify(path: &Path, pubkey: Option<&Path>) -> Result<VerifyReport, ArchiveError> {
    let public = pubkey.map(load_public_key).transpose()?;
    let metadata = fs::metadata(path).map_err(|err| ArchiveError::io(path, "lire", err))?;
    if metadata.is_dir() {
        let top = locate_top_folder(path)?;
        let mut copy = FolderCopy::open(&top)?;
        Ok(check(&mut copy, top, CopyKind::Folder, public.as_ref()))
    } else {
        let mut copy = ZipCopy::open(path)?;
        Ok(check(
            &mut copy,
            path.to_path_buf(),
            CopyKind::Zip,
            public.as_ref(),
        ))
    }
}

/// Finds the top folder of an unpacked copy from `path`, which may be the top
/// folder itself or the folder it was unpacked into.
fn locate_top_folder(path: &Path) -> Result<PathBuf, ArchiveError> {
    if is_file(&path.join(SUMS_NAME)) {
        return Ok(path.to_path_buf());
    }
    let subdirs = real_subdirs(path)?;
    let with_sums: Vec<&PathBuf> = subdirs
        .iter()
        .filter(|d| is_file(&d.join(SUMS_NAME)))
        .collect();
    match with_sums.as_slice() {
        [only] => return Ok((*only).clone()),
        [] => {}
        several => {
            let names: Vec<String> = several.iter().map(|d| d.display().to_string()).collect();
            return Err(ArchiveError::NoCopy {
                path: path.to_path_buf(),
                reason: format!(
                    "plusieurs copies ({}) : indiquez laquelle",
                    names.join(", ")
                ),
            });
        }
    }
    // No SHA256SUMS anywhere: still check the copy if we can tell which it
    // is, so that a deleted SHA256SUMS is reported rather than hidden.
    if is_file(&path.join("index.html")) {
        return Ok(path.to_path_buf());
    }
    match subdirs.as_slice() {
        [only] => Ok(only.clone()),
        _ => Err(ArchiveError::NoCopy {
            path: path.to_path_buf(),
            reason: format!("aucun {SUMS_NAME} ici ni dans un sous-dossier"),
        }),
    }
}

fn is_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file())
}

/// Sub-folders of `path`, symlinks excluded, sorted.
fn real_subdirs(path: &Path) -> Result<Vec<PathBuf>, ArchiveError> {
    let entries =
        fs::read_dir(path).map_err(|err| ArchiveError::io(path, "lire le dossier", err))?;
    let mut dirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| ArchiveError::io(path, "lire le dossier", err))?;
        // A stick's `System Volume Information` or trash is no second copy.
        let system = crate::archive::paths::is_os_metadata(&format!(
            "{}/x",
            entry.file_name().to_string_lossy()
        ));
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) && !system {
            dirs.push(entry.path());
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// The common check, for any kind of copy.
pub fn check(
    source: &mut impl CopySource,
    copy: PathBuf,
    kind: CopyKind,
    public: Option<&PublicKey>,
) -> VerifyReport {
    let listing = source.listing().clone();
    let mut report = VerifyReport {
        copy,
        kind,
        top_folder: listing.top.clone(),
        refused: listing.refused.clone(),
        manifest_problems: Vec::new(),
        listed: 0,
        missing: Vec::new(),
        extra: Vec::new(),
        ignored: listing.ignored.clone(),
        modified: Vec::new(),
        unreadable: Vec::new(),
        recased: Vec::new(),
        signature: SignatureStatus::NotChecked { key_id: None },
    };
    // An unsafe copy is not worth hashing: it must not be used at all.
    if !report.refused.is_empty() {
        return report;
    }
    let sums = read_sums(source, &mut report);
    report.signature = signature_status(source, public, sums.as_deref());
    if let Some(sums) = sums {
        let parsed = Manifest::parse(&sums);
        report.manifest_problems.extend(parsed.problems);
        report.listed = parsed.manifest.len();
        compare(source, &listing, &parsed.manifest, &mut report);
    }
    report
}

fn read_sums(source: &mut impl CopySource, report: &mut VerifyReport) -> Option<Vec<u8>> {
    match source.read_small(SUMS_NAME, MAX_SUMS_FILE) {
        Ok(Some(bytes)) => Some(bytes),
        Ok(None) => {
            report.manifest_problems.push(format!(
                "{SUMS_NAME} absent : le contenu ne peut pas être vérifié"
            ));
            None
        }
        Err(reason) => {
            report
                .manifest_problems
                .push(format!("{SUMS_NAME} : {reason}"));
            None
        }
    }
}

fn signature_status(
    source: &mut impl CopySource,
    public: Option<&PublicKey>,
    sums: Option<&[u8]>,
) -> SignatureStatus {
    let signature = match source.read_small(SIG_NAME, MAX_SIGNATURE_FILE) {
        Ok(Some(signature)) => signature,
        Ok(None) => {
            return SignatureStatus::Missing {
                expected: public.is_some(),
            }
        }
        Err(reason) => return SignatureStatus::Bad { reason },
    };
    let Some(public) = public else {
        return SignatureStatus::NotChecked {
            key_id: signature_key_id(&signature),
        };
    };
    let Some(sums) = sums else {
        return SignatureStatus::Bad {
            reason: format!("{SUMS_NAME} absent ou illisible : rien à vérifier"),
        };
    };
    match check_signature(public, &signature, sums) {
        SignatureCheck::Valid {
            key_id,
            trusted_comment,
        } => SignatureStatus::Valid {
            key_id,
            trusted_comment,
        },
        SignatureCheck::Bad { reason } => SignatureStatus::Bad { reason },
    }
}

/// Fills missing, modified, unreadable and extra files.
fn compare(
    source: &mut impl CopySource,
    listing: &Listing,
    manifest: &Manifest,
    report: &mut VerifyReport,
) {
    // A FAT stick read without its case flags (Linux's `shortname=win95`, some
    // readers) shows short lowercase names in capitals: `ASSETS/STYLE.CSS`. On
    // that disk the pages' `assets/style.css` still opens it: the copy works
    // there, and its bytes are checked under the name the pages use.
    let unlisted: std::collections::HashMap<String, &String> = listing
        .files
        .iter()
        .filter(|f| !manifest.contains(f))
        .map(|f| (f.to_lowercase(), f))
        .collect();
    let mut recased = std::collections::HashSet::new();
    for (relative, expected) in manifest.iter() {
        if !listing.files.contains(relative) {
            match unlisted.get(&relative.to_lowercase()) {
                Some(shown) if source.resolves(relative) => {
                    report.recased.push(format!("{shown} ({relative})"));
                    recased.insert(shown.as_str());
                }
                _ => {
                    report.missing.push(relative.to_string());
                    continue;
                }
            }
        }
        match source.sha256(relative) {
            Ok(actual) if actual == *expected => {}
            Ok(_) => report.modified.push(relative.to_string()),
            Err(reason) => report.unreadable.push(format!("{relative} : {reason}")),
        }
    }
    let ours = |relative: &str| relative == SUMS_NAME || relative == SIG_NAME;
    for relative in &listing.files {
        if ours(relative) || manifest.contains(relative) || recased.contains(relative.as_str()) {
            continue;
        }
        if added_by_the_system(source, relative) {
            report.ignored.push(relative.clone());
        } else {
            report.extra.push(relative.clone());
        }
    }
}

/// Whether an unlisted file is one Windows or macOS adds: by its name, and for
/// those whose format is known, by its first bytes too (`._page.html` keeps the
/// extension of the file it describes; a `.DS_Store` could hold a page).
fn added_by_the_system(source: &mut impl CopySource, relative: &str) -> bool {
    const APPLE_DOUBLE: &[u8] = &[0x00, 0x05, 0x16, 0x07];
    const DS_STORE: &[u8] = b"\0\0\0\x01Bud1";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !is_os_metadata(relative) {
        return false;
    }
    let name = relative
        .rsplit('/')
        .next()
        .unwrap_or(relative)
        .to_ascii_lowercase();
    let expected: Option<&[u8]> = if name.starts_with("._") {
        Some(APPLE_DOUBLE)
    } else if name == ".ds_store" {
        Some(DS_STORE)
    } else if name == "thumbs.db" || name == "ehthumbs.db" {
        Some(OLE)
    } else {
        None
    };
    let Ok(Some(bytes)) = source.read_small(relative, 1 << 20) else {
        return false;
    };
    match expected {
        Some(magic) => bytes.starts_with(magic),
        // `desktop.ini` is a few lines of settings; markup is not one.
        None if name == "desktop.ini" => !bytes.contains(&b'<'),
        // In a system folder (`__MACOSX/`, `.Trashes/`, `FOUND.000/`…): only
        // the records systems keep there. A trash holds anything thrown away,
        // so `Procédure.pdf.exe` or a page there counts as added, not ignored.
        None => is_system_record(&name),
    }
}

/// A file name systems keep in their folders: no extension (Spotlight stores,
/// fseventsd logs, `IndexerVolumeGuid`), or one of their record formats.
fn is_system_record(name: &str) -> bool {
    const RECORDS: &[&str] = &[
        "dat",
        "log",
        "db",
        "plist",
        "ini",
        "trashinfo",
        "chk",
        "tmp",
        "state",
        "journal",
        "shadow",
        "updates",
        "lock",
        "cab",
        "sys",
    ];
    name.rsplit_once('.')
        .is_none_or(|(_, ext)| RECORDS.contains(&ext))
}

/// An unpacked copy on disk.
pub struct FolderCopy {
    top: PathBuf,
    listing: Listing,
}

impl FolderCopy {
    /// Lists the folder without following links; links and special files
    /// make it refused.
    pub fn open(top: &Path) -> Result<Self, ArchiveError> {
        // `verify .` names the folder too: its name says the edition and level.
        let named = top.canonicalize().unwrap_or_else(|_| top.to_path_buf());
        let mut listing = Listing {
            top: named
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
            ..Listing::default()
        };
        for entry in WalkDir::new(top).follow_links(false).min_depth(1) {
            let entry = entry.map_err(|err| {
                let path = err.path().unwrap_or(top).to_path_buf();
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("boucle de liens"));
                ArchiveError::Io {
                    path,
                    action: "parcourir la copie",
                    source,
                }
            })?;
            list_folder_entry(&mut listing, top, &entry);
        }
        Ok(FolderCopy {
            top: top.to_path_buf(),
            listing,
        })
    }
}

fn list_folder_entry(listing: &mut Listing, top: &Path, entry: &walkdir::DirEntry) {
    let shown = entry.path().strip_prefix(top).unwrap_or(entry.path());
    let relative = match folder_relative_name(shown) {
        Ok(relative) => relative,
        Err(reason) => {
            listing
                .refused
                .push(format!("{} : {reason}", shown.display()));
            return;
        }
    };
    let kind = entry.file_type();
    if kind.is_symlink() {
        listing
            .refused
            .push(format!("{relative} : lien symbolique"));
    } else if kind.is_file() {
        listing.files.insert(relative);
    } else if !kind.is_dir() {
        listing
            .refused
            .push(format!("{relative} : type de fichier spécial"));
    }
}

fn folder_relative_name(relative: &Path) -> Result<String, String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        let part = component
            .as_os_str()
            .to_str()
            .ok_or_else(|| "nom qui n'est pas de l'UTF-8 valide".to_string())?;
        parts.push(part);
    }
    let joined = parts.join("/");
    check_relative_path(&joined)?;
    Ok(joined)
}

impl CopySource for FolderCopy {
    fn listing(&self) -> &Listing {
        &self.listing
    }

    fn read_small(&mut self, relative: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
        if !self.listing.files.contains(relative) {
            return Ok(None);
        }
        let file = File::open(self.top.join(relative)).map_err(|err| err.to_string())?;
        let mut bytes = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| err.to_string())?;
        if bytes.len() as u64 > limit {
            return Err(format!("fichier trop grand (plus de {limit} octets)"));
        }
        Ok(Some(bytes))
    }

    fn sha256(&mut self, relative: &str) -> Result<Digest, String> {
        let file = File::open(self.top.join(relative)).map_err(|err| err.to_string())?;
        sha256_reader(file).map_err(|err| err.to_string())
    }

    fn resolves(&self, relative: &str) -> bool {
        fs::symlink_metadata(self.top.join(relative)).is_ok_and(|meta| meta.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy in memory, its files listed in capitals as a FAT stick read without
    /// its case flags shows them; `insensitive` is whether its disk opens a name
    /// in any case.
    struct Shouting {
        listing: Listing,
        files: std::collections::BTreeMap<String, Vec<u8>>,
        insensitive: bool,
    }

    impl Shouting {
        fn new(files: &[(&str, &str)], insensitive: bool) -> Shouting {
            let mut manifest = Manifest::new();
            let mut stored = std::collections::BTreeMap::new();
            for (name, text) in files {
                manifest.insert(name.to_string(), sha256_reader(text.as_bytes()).unwrap());
                stored.insert(name.to_uppercase(), text.as_bytes().to_vec());
            }
            stored.insert(SUMS_NAME.to_string(), manifest.to_text().into_bytes());
            let listing = Listing {
                top: Some("copie".into()),
                files: stored.keys().cloned().collect(),
                ..Listing::default()
            };
            Shouting {
                listing,
                files: stored,
                insensitive,
            }
        }

        fn open(&self, relative: &str) -> Option<&Vec<u8>> {
            let shown = match self.insensitive {
                true => relative.to_uppercase(),
                false => relative.to_string(),
            };
            self.files.get(relative).or(self.files.get(&shown))
        }
    }

    impl CopySource for Shouting {
        fn listing(&self) -> &Listing {
            &self.listing
        }
        fn read_small(&mut self, relative: &str, _: u64) -> Result<Option<Vec<u8>>, String> {
            Ok(self.open(relative).cloned())
        }
        fn sha256(&mut self, relative: &str) -> Result<Digest, String> {
            let bytes = self.open(relative).ok_or("absent")?;
            sha256_reader(bytes.as_slice()).map_err(|e| e.to_string())
        }
        fn resolves(&self, relative: &str) -> bool {
            self.open(relative).is_some()
        }
    }

    #[test]
    fn names_in_capitals_pass_only_where_the_disk_opens_them() {
        let files = [("assets/style.css", "body{}"), ("index.html", "<p>")];
        let mut stick = Shouting::new(&files, true);
        let report = check(&mut stick, "copie".into(), CopyKind::Folder, None);
        assert!(report.ok(), "{report}");
        assert_eq!(report.recased.len(), 2, "{report}");
        assert!(report
            .to_string()
            .contains("ASSETS/STYLE.CSS (assets/style.css)"));

        // Copied on from the stick to a case-sensitive disk, the pages break.
        let mut copied = Shouting::new(&files, false);
        let report = check(&mut copied, "copie".into(), CopyKind::Folder, None);
        assert!(!report.ok());
        assert_eq!(
            (report.missing.len(), report.extra.len()),
            (2, 2),
            "{report}"
        );

        // A file changed under its new name is still found changed.
        let mut tampered = Shouting::new(&files, true);
        tampered
            .files
            .insert("INDEX.HTML".into(), b"<script>".to_vec());
        let report = check(&mut tampered, "copie".into(), CopyKind::Folder, None);
        assert_eq!(report.modified, ["index.html"], "{report}");
    }
}
