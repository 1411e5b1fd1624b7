//! Reading a zip copy in place, without extracting anything to disk.
//!
//! Before any content is read, every entry is checked: a name that would
//! land outside the folder when unzipped (`../x`, `/x`, `C:/x`, `a\b`), a
//! symlink, a special file, an encrypted entry, a duplicated name, a legacy
//! (non UTF-8) name, or more than one top folder makes the copy refused.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use zip::read::ZipFile;
use zip::ZipArchive;

use super::error::ArchiveError;
use super::manifest::{sha256_reader, Digest};
use super::paths::{check_relative_path, is_os_metadata};
use super::verify::{CopySource, Listing};

const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;
const S_IFLNK: u32 = 0o120_000;
/// Signature of a central directory record, "PK\x01\x02".
const CENTRAL_RECORD: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];

/// A zip copy, open for reading.
pub struct ZipCopy {
    archive: ZipArchive<BufReader<File>>,
    listing: Listing,
    /// Relative path → full entry name in the zip.
    entries: BTreeMap<String, String>,
}

/// What an entry whose bytes cannot be read (zeroed by a failing stick, cut by
/// a full one) is, and what to do.
const DAMAGED: &str = "contenu endommagé (clé ou disque défectueux ?) : recopiez l'archive";

/// One entry that passed the safety checks.
struct SafeEntry {
    top: String,
    /// Path under the top folder; `None` for the top folder entry itself.
    relative: Option<String>,
    is_dir: bool,
}

impl ZipCopy {
    /// Opens and lists the zip. `Err` only when it is unreadable or not a zip.
    pub fn open(path: &Path) -> Result<Self, ArchiveError> {
        let file = File::open(path).map_err(|err| ArchiveError::io(path, "ouvrir", err))?;
        let mut archive = ZipArchive::new(BufReader::new(file))
            .map_err(|err| ArchiveError::zip(path, "lire", err))?;
        let mut lister = Lister::default();
        let directory_end = lister.check_duplicates(path, &archive);
        let mut headers = Vec::with_capacity(archive.len());
        let mut spans = Vec::with_capacity(archive.len());
        for index in 0..archive.len() {
            if let Ok(entry) = archive.by_index_raw(index) {
                headers.push((entry.header_start(), entry.name_raw().to_vec()));
                spans.push(Span {
                    header: entry.header_start(),
                    data_end: entry.data_start().saturating_add(entry.compressed_size()),
                });
                lister.add(&entry);
                continue;
            }
            // A damaged stick zeroes blocks: the entry's own header is gone, but
            // the central directory still names it. Listed by that name, it is
            // reported unreadable, like any file whose bytes are lost.
            match archive.name_for_index(index) {
                Some(name) => lister.damaged(name),
                None => lister.refuse(&format!("entrée n°{index}"), DAMAGED),
            }
        }
        lister.check_local_names(path, &headers);
        let damaged = spans.len() < archive.len();
        lister.check_layout(path, &archive, spans, damaged, directory_end);
        let (listing, entries) = lister.finish();
        Ok(ZipCopy {
            archive,
            listing,
            entries,
        })
    }

    /// Opens an entry for reading, by its path relative to the top folder.
    fn entry(&mut self, relative: &str) -> Result<Option<ZipFile<'_, BufReader<File>>>, String> {
        let Some(name) = self.entries.get(relative) else {
            return Ok(None);
        };
        self.archive
            .by_name(name)
            .map(Some)
            .map_err(|_| DAMAGED.into())
    }
}

/// Builds the listing entry by entry.
#[derive(Default)]
struct Lister {
    listing: Listing,
    entries: BTreeMap<String, String>,
    tops: BTreeSet<String>,
}

impl Lister {
    /// The zip library keeps only the last of several entries with one name,
    /// while `unzip -n` would keep the first: count the central directory
    /// records ourselves and refuse any duplicate. Returns where the central
    /// directory ends, once it was read whole.
    fn check_duplicates(
        &mut self,
        path: &Path,
        archive: &ZipArchive<BufReader<File>>,
    ) -> Option<u64> {
        let names = archive.len();
        let refusal = match count_central_records(path, archive.central_directory_start(), names) {
            Ok((count, end)) if count <= names => return Some(end),
            Ok((count, _)) => {
                format!("noms d'entrées en double ({count} entrées pour {names} noms)")
            }
            Err(err) => format!("répertoire central illisible : {err}"),
        };
        self.listing.refused.push(refusal);
        None
    }

    /// Each entry's own header names it as the central directory does: tools
    /// that unpack as they read (streaming unzippers) go by the former, this
    /// check by the latter, and a copy must mean one thing to both.
    fn check_local_names(&mut self, path: &Path, headers: &[(u64, Vec<u8>)]) {
        let Ok(file) = File::open(path) else { return };
        let mut reader = BufReader::new(file);
        for (start, central) in headers {
            let mut fixed = [0u8; 30];
            let local = reader
                .seek(SeekFrom::Start(*start))
                .and_then(|_| reader.read_exact(&mut fixed))
                .and_then(|()| {
                    let len = usize::from(u16::from_le_bytes([fixed[26], fixed[27]]));
                    let mut name = vec![0u8; len];
                    reader.read_exact(&mut name).map(|()| name)
                });
            if local
                .as_deref()
                .is_ok_and(|name| name != central.as_slice())
            {
                let shown = String::from_utf8_lossy(central);
                self.refuse(
                    &shown,
                    "nommée autrement dans son en-tête local (archive retouchée)",
                );
            }
        }
    }

    /// The file is one zip and nothing else, its entries side by side: bytes
    /// before it, after it or between entries (a second archive joined to it,
    /// entries sharing data) let other tools unpack other contents than this
    /// check reads, or inflate the same bytes again and again. `planblanc
    /// archive` writes none. With entries `damaged`, gaps are where they were:
    /// only overlaps and bytes around the archive are refused.
    fn check_layout(
        &mut self,
        path: &Path,
        archive: &ZipArchive<BufReader<File>>,
        mut spans: Vec<Span>,
        damaged: bool,
        directory_end: Option<u64>,
    ) {
        // What may follow an entry's data: its data descriptor (zip64, signed).
        const DESCRIPTOR: u64 = 24;
        let altered = "archive retouchée ou jointe à une autre";
        if archive.offset() != 0 {
            return self.listing.refused.push(format!(
                "{} avant l'archive : {altered}",
                bytes(archive.offset())
            ));
        }
        spans.sort_unstable_by_key(|s| s.header);
        // Each entry, then the central directory, starts where the data before
        // it ends (or its descriptor); the first entry at the file's start.
        let starts = spans.iter().map(|s| (s.header, Some(s.data_end)));
        let mut end = 0;
        let mut allowed = 0;
        for (start, data_end) in starts.chain([(archive.central_directory_start(), None)]) {
            if start < end {
                return self.listing.refused.push(format!(
                    "entrées qui se chevauchent (octet {start}) : {altered}"
                ));
            }
            if !damaged && start - end > allowed {
                return self.listing.refused.push(format!(
                    "{} de trop à l'octet {end} : {altered}",
                    bytes(start - end)
                ));
            }
            allowed = DESCRIPTOR;
            end = data_end.unwrap_or(end);
        }
        // An unreadable directory is refused already, for what it is.
        let Some(directory_end) = directory_end else {
            return;
        };
        if let Err(reason) = end_records_end_the_file(path, archive, directory_end) {
            self.listing.refused.push(format!("{reason} : {altered}"));
        }
    }

    /// An entry whose own header is unreadable, by its central directory name:
    /// a file of the copy when the name is one, else a reason to refuse.
    fn damaged(&mut self, name: &str) {
        if let Some(folder) = name.strip_suffix('/') {
            // A folder holds no bytes to lose; its files say what is missing.
            match check_relative_path(folder) {
                Ok(()) => {
                    let top = folder.split('/').next().unwrap_or(folder);
                    self.tops.insert(top.to_string());
                }
                Err(reason) => self.refuse(name, &reason),
            }
            return;
        }
        // An unsafe name is refused for what it is, damaged or not.
        if let Err(reason) = check_relative_path(name.strip_suffix('/').unwrap_or(name)) {
            return self.refuse(name, &reason);
        }
        let file = name
            .split_once('/')
            .filter(|(_, relative)| !relative.is_empty() && !name.ends_with('/'));
        let Some((top, relative)) = file else {
            return self.refuse(name, DAMAGED);
        };
        self.tops.insert(top.to_string());
        self.listing.files.insert(relative.to_string());
        self.entries.insert(relative.to_string(), name.to_string());
    }

    fn add<R: Read>(&mut self, entry: &ZipFile<'_, R>) {
        let name = entry.name();
        let safe = match safe_entry(entry) {
            Ok(safe) => safe,
            Err(reason) => return self.refuse(name, &reason),
        };
        // A zip made by macOS's Finder holds `__MACOSX/` beside the copy; a
        // `._page.html` at the top could be opened as a page, so it stays refused.
        let beside = safe.relative.is_none() && !safe.top.starts_with("._");
        // Finder's `__MACOSX/` holds only AppleDouble `._*` files.
        let apple_double = name
            .rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with("._") || n.is_empty());
        if (safe.top == "__MACOSX" && apple_double) || (beside && is_os_metadata(&safe.top)) {
            if !safe.is_dir {
                self.listing.ignored.push(name.to_string());
            }
            return;
        }
        self.tops.insert(safe.top);
        match (safe.relative, safe.is_dir) {
            (_, true) => {}
            (Some(relative), false) => {
                self.listing.files.insert(relative.clone());
                self.entries.insert(relative, name.to_string());
            }
            (None, false) => self.refuse(name, "fichier hors du dossier principal"),
        }
    }

    fn refuse(&mut self, name: &str, reason: &str) {
        let shown = crate::diag::shown_name(name);
        self.listing.refused.push(format!("{shown} : {reason}"));
    }

    /// Settles the top folder: exactly one, or the copy is refused.
    fn finish(mut self) -> (Listing, BTreeMap<String, String>) {
        let mut tops = self.tops.into_iter();
        match (tops.next(), tops.next()) {
            (Some(top), None) => self.listing.top = Some(top),
            (None, _) => self.listing.refused.push("archive vide".into()),
            (Some(first), Some(second)) => {
                let mut names = vec![first, second];
                names.extend(tops);
                self.listing.refused.push(format!(
                    "plusieurs dossiers principaux ({}) : une copie n'en a qu'un",
                    names.join(", ")
                ));
            }
        }
        (self.listing, self.entries)
    }
}

/// Checks one entry's name and type; returns where it goes, or why it is refused.
fn safe_entry<R: Read>(entry: &ZipFile<'_, R>) -> Result<SafeEntry, String> {
    // A name without the UTF-8 flag is decoded as CP437; readers disagree on
    // it, so only names whose bytes are the same both ways are accepted.
    if entry.name().as_bytes() != entry.name_raw() {
        return Err("nom dans un encodage ancien (non UTF-8)".into());
    }
    let name = entry.name();
    let is_dir = name.ends_with('/');
    let path = name.strip_suffix('/').unwrap_or(name);
    check_relative_path(path)?;
    check_entry_type(entry, is_dir)?;
    if entry.encrypted() {
        return Err("entrée chiffrée".into());
    }
    let (top, relative) = match path.split_once('/') {
        Some((top, rest)) => (top.to_string(), Some(rest.to_string())),
        None => (path.to_string(), None),
    };
    Ok(SafeEntry {
        top,
        relative,
        is_dir,
    })
}

/// Only plain files and folders: a symlink could point anywhere once unzipped.
fn check_entry_type<R: Read>(entry: &ZipFile<'_, R>, is_dir: bool) -> Result<(), String> {
    let Some(mode) = entry.unix_mode() else {
        return Ok(());
    };
    match mode & S_IFMT {
        S_IFLNK => Err("lien symbolique".into()),
        0 | S_IFREG if !is_dir => Ok(()),
        0 | S_IFDIR if is_dir => Ok(()),
        _ => Err("type d'entrée spécial ou incohérent".into()),
    }
}

/// A count of bytes, as French writes it (`1 octet`, `2 octets`).
fn bytes(n: u64) -> String {
    match n {
        1 => "1 octet".into(),
        n => format!("{n} octets"),
    }
}

/// Where an entry's header starts and its data ends, in the file.
struct Span {
    header: u64,
    data_end: u64,
}

/// Signatures of the end records: zip64's, then the classic one.
const ZIP64_END: [u8; 4] = [0x50, 0x4b, 0x06, 0x06];
const END: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];

/// Whether the central directory (ending at `at`) is followed by its end
/// records and they by the end of the file: the end record a reader finds last
/// must be the one that follows the directory read, or two archives share the file.
fn end_records_end_the_file(
    path: &Path,
    archive: &ZipArchive<BufReader<File>>,
    mut at: u64,
) -> Result<(), String> {
    let unreadable = |err: io::Error| format!("fin d'archive illisible ({err})");
    let mut reader = BufReader::new(File::open(path).map_err(unreadable)?);
    let len = reader.seek(SeekFrom::End(0)).map_err(unreadable)?;
    let mut head = [0u8; 12];
    reader.seek(SeekFrom::Start(at)).map_err(unreadable)?;
    reader.read_exact(&mut head).map_err(unreadable)?;
    if head[..4] == ZIP64_END {
        // The zip64 record (its size after the first 12 bytes), then its locator.
        let mut size = [0u8; 8];
        size.copy_from_slice(&head[4..12]);
        at = at
            .saturating_add(12)
            .saturating_add(u64::from_le_bytes(size))
            .saturating_add(20);
        reader.seek(SeekFrom::Start(at)).map_err(unreadable)?;
        reader.read_exact(&mut head[..4]).map_err(unreadable)?;
    }
    let comment = archive.comment().len() as u64;
    if head[..4] != END || at.saturating_add(22).saturating_add(comment) != len {
        let after = len.saturating_sub(at.saturating_add(22).saturating_add(comment));
        return Err(match after {
            0 => "fin d'archive déplacée".to_string(),
            n => format!("{} après la fin de l'archive", bytes(n)),
        });
    }
    Ok(())
}

/// Counts central directory records from `start`, stopping after `max + 1`, and
/// says where the last one counted ends.
fn count_central_records(path: &Path, start: u64, max: usize) -> io::Result<(usize, u64)> {
    let mut reader = BufReader::new(File::open(path)?);
    reader.seek(SeekFrom::Start(start))?;
    let mut header = [0u8; 46];
    let mut count = 0;
    let mut end = start;
    while count <= max {
        if reader.read_exact(&mut header).is_err() || header[..4] != CENTRAL_RECORD {
            break;
        }
        let field = |at: usize| i64::from(u16::from_le_bytes([header[at], header[at + 1]]));
        // File name, extra field and comment lengths follow the fixed part.
        let variable = field(28) + field(30) + field(32);
        reader.seek_relative(variable)?;
        end += 46 + variable as u64;
        count += 1;
    }
    Ok((count, end))
}

impl CopySource for ZipCopy {
    fn listing(&self) -> &Listing {
        &self.listing
    }

    fn read_small(&mut self, relative: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
        let Some(entry) = self.entry(relative)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        // The declared size may lie; `take` bounds what is actually inflated.
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| DAMAGED.to_string())?;
        if bytes.len() as u64 > limit {
            return Err(format!("entrée trop grande (plus de {limit} octets)"));
        }
        Ok(Some(bytes))
    }

    fn sha256(&mut self, relative: &str) -> Result<Digest, String> {
        match self.entry(relative)? {
            Some(entry) => sha256_reader(entry).map_err(|_| DAMAGED.to_string()),
            None => Err("entrée absente".into()),
        }
    }
}
