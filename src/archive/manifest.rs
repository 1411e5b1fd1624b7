//! `SHA256SUMS`: the list of every file of a copy with its SHA-256.
//!
//! The format is exactly what coreutils `sha256sum` writes and
//! `sha256sum -c` reads: `<64 lowercase hex><two spaces><path>\n`, one line
//! per file, sorted by path bytes. Paths are relative to the top folder with
//! `/` separators. `sha256sum` would escape names containing a newline or a
//! backslash; such names are refused upstream (see `paths`), so no line is
//! ever escaped.

use std::collections::BTreeMap;
use std::io::{self, Read};

use sha2::{Digest as _, Sha256};

use super::paths::{check_relative_path, SIG_NAME, SUMS_NAME};

/// A SHA-256 digest.
pub type Digest = [u8; 32];

/// Relative path → digest, kept sorted by path bytes (`String` orders by UTF-8 bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    entries: BTreeMap<String, Digest>,
}

/// What `Manifest::parse` understood, and what it could not.
#[derive(Debug, Default)]
pub struct ParsedManifest {
    pub manifest: Manifest,
    /// One French sentence per malformed line (`SHA256SUMS ligne 3 : …`).
    pub problems: Vec<String>,
}

impl Manifest {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file. The caller has already checked the path with `check_relative_path`.
    pub fn insert(&mut self, path: String, digest: Digest) {
        self.entries.insert(path, digest);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn get(&self, path: &str) -> Option<&Digest> {
        self.entries.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }

    /// Entries in path-byte order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Digest)> {
        self.entries
            .iter()
            .map(|(path, digest)| (path.as_str(), digest))
    }

    /// The `SHA256SUMS` text, byte for byte what `sha256sum` would print.
    pub fn to_text(&self) -> String {
        let mut text = String::with_capacity(self.entries.len() * 100);
        for (path, digest) in &self.entries {
            text.push_str(&to_hex(digest));
            text.push_str("  ");
            text.push_str(path);
            text.push('\n');
        }
        text
    }

    /// Reads a `SHA256SUMS` file. Never fails: every line it cannot accept
    /// becomes a problem, and the good lines are still used so the report can
    /// list everything at once.
    pub fn parse(bytes: &[u8]) -> ParsedManifest {
        let mut parsed = ParsedManifest::default();
        let Ok(text) = std::str::from_utf8(bytes) else {
            parsed
                .problems
                .push(format!("{SUMS_NAME} n'est pas un texte UTF-8 valide"));
            return parsed;
        };
        // A final newline ends the last line; it does not start an empty one.
        let body = text.strip_suffix('\n').unwrap_or(text);
        if body.is_empty() {
            parsed
                .problems
                .push(format!("{SUMS_NAME} ne liste aucun fichier"));
            return parsed;
        }
        // Saved again by a Windows editor: one problem, said once, and the lines
        // read without their `\r` so the files are still compared.
        let windows = body.split('\n').all(|line| line.ends_with('\r'));
        if windows {
            parsed.problems.push(format!(
                "{SUMS_NAME} a des fins de ligne Windows (CRLF) : un éditeur l'a réenregistré ; \
                 recopiez-le depuis l'archive"
            ));
        }
        for (index, line) in body.split('\n').enumerate() {
            let line = match windows {
                true => line.strip_suffix('\r').unwrap_or(line),
                false => line,
            };
            if let Err(reason) = parsed.add_line(line) {
                let number = index + 1;
                parsed
                    .problems
                    .push(format!("{SUMS_NAME} ligne {number} : {reason}"));
            }
        }
        parsed
    }
}

impl ParsedManifest {
    fn add_line(&mut self, line: &str) -> Result<(), String> {
        let (digest, path) = split_line(line)?;
        check_relative_path(path)
            .map_err(|reason| format!("chemin « {path} » refusé : {reason}"))?;
        if path == SUMS_NAME || path == SIG_NAME {
            return Err(format!("{path} ne peut pas se lister lui-même"));
        }
        if self.manifest.contains(path) {
            return Err(format!("« {path} » est listé deux fois"));
        }
        self.manifest.insert(path.to_string(), digest);
        Ok(())
    }
}

/// Splits `<hex>  <path>` (or `<hex> *<path>`, sha256sum's binary-mode
/// marker, which means the same bytes on every system we target).
fn split_line(line: &str) -> Result<(Digest, &str), String> {
    let invalid =
        || "ligne mal formée (attendu : <64 chiffres hexadécimaux>  <chemin>)".to_string();
    let hex = line.get(..64).ok_or_else(invalid)?;
    let rest = line.get(64..).ok_or_else(invalid)?;
    let path = rest
        .strip_prefix("  ")
        .or_else(|| rest.strip_prefix(" *"))
        .ok_or_else(invalid)?;
    let digest = from_hex(hex).ok_or_else(|| "empreinte SHA-256 invalide".to_string())?;
    Ok((digest, path))
}

/// Lowercase hex, as `sha256sum` prints it.
pub fn to_hex(digest: &Digest) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

/// Parses 64 lowercase hex digits. Uppercase is refused: we only ever write
/// lowercase, so anything else means the file was not produced by us or by
/// `sha256sum`.
fn from_hex(hex: &str) -> Option<Digest> {
    let bytes = hex.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut digest = [0u8; 32];
    for (out, pair) in digest.iter_mut().zip(bytes.chunks_exact(2)) {
        *out = (hex_value(pair[0])? << 4) | hex_value(pair[1])?;
    }
    Some(digest)
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}

/// SHA-256 of everything a reader yields, streamed (never the whole file in memory).
pub fn sha256_reader(mut reader: impl Read) -> io::Result<Digest> {
    let mut hasher = Sha256::new();
    io::copy(&mut reader, &mut hasher)?;
    Ok(hasher.finalize().into())
}

pub fn sha256_bytes(bytes: &[u8]) -> Digest {
    Sha256::digest(bytes).into()
}

/// A reader that hashes what passes through it, so a file can be copied into
/// the zip and checked against its manifest digest in the same read.
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
        }
    }

    pub fn digest(self) -> Digest {
        self.hasher.finalize().into()
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.hasher.update(&buf[..read]);
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `printf 'hello\n' | sha256sum`
    const HELLO: &str = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    /// `printf '' | sha256sum`
    const EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn sample() -> Manifest {
        let mut manifest = Manifest::new();
        manifest.insert("index.html".into(), sha256_bytes(b"hello\n"));
        manifest.insert("assets/vide.css".into(), sha256_bytes(b""));
        manifest.insert("Zèbre.html".into(), sha256_bytes(b""));
        manifest
    }

    #[test]
    fn text_is_exactly_sha256sum_output_sorted_by_bytes() {
        let expected =
            format!("{EMPTY}  Zèbre.html\n{EMPTY}  assets/vide.css\n{HELLO}  index.html\n");
        assert_eq!(sample().to_text(), expected);
    }

    #[test]
    fn parse_reads_back_what_to_text_writes() {
        let parsed = Manifest::parse(sample().to_text().as_bytes());
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.manifest, sample());
    }

    #[test]
    fn parse_accepts_binary_marker_and_missing_final_newline() {
        let parsed = Manifest::parse(format!("{HELLO} *index.html").as_bytes());
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(
            parsed.manifest.get("index.html"),
            Some(&sha256_bytes(b"hello\n"))
        );
    }

    #[test]
    fn parse_reports_each_bad_line_and_keeps_the_good_ones() {
        let upper = HELLO.to_uppercase();
        let text = format!(
            "{HELLO}  index.html\n\
             {HELLO} index2.html\n\
             {upper}  a.html\n\
             {HELLO}  ../evil\n\
             {HELLO}  index.html\n\
             \n\
             {HELLO}  SHA256SUMS\n\
             zz  b.html\n\
             {HELLO}  c\\d\n"
        );
        let parsed = Manifest::parse(text.as_bytes());
        assert_eq!(parsed.manifest.len(), 1);
        let lines: Vec<&str> = parsed
            .problems
            .iter()
            .map(|p| p.split(" : ").next().unwrap_or(""))
            .collect();
        let expected: Vec<String> = [2, 3, 4, 5, 6, 7, 8, 9]
            .iter()
            .map(|n| format!("SHA256SUMS ligne {n}"))
            .collect();
        assert_eq!(lines, expected, "{:#?}", parsed.problems);
    }

    #[test]
    fn windows_line_ends_are_one_problem_and_the_files_still_compared() {
        let text = sample().to_text().replace('\n', "\r\n");
        let parsed = Manifest::parse(text.as_bytes());
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        assert!(parsed.problems[0].contains("CRLF"));
        assert_eq!(parsed.manifest, sample());
    }

    #[test]
    fn parse_refuses_empty_and_non_utf8() {
        assert_eq!(Manifest::parse(b"").problems.len(), 1);
        assert_eq!(Manifest::parse(b"\n").problems.len(), 1);
        assert_eq!(Manifest::parse(&[0xff, 0xfe]).problems.len(), 1);
    }

    #[test]
    fn parse_never_panics_on_multibyte_text_near_the_hex_boundary() {
        let text = "é".repeat(40);
        assert_eq!(Manifest::parse(text.as_bytes()).problems.len(), 1);
    }

    #[test]
    fn hashing_reader_matches_direct_hash() {
        let mut reader = HashingReader::new(&b"hello\n"[..]);
        let mut sink = Vec::new();
        reader.read_to_end(&mut sink).unwrap();
        assert_eq!(to_hex(&reader.digest()), HELLO);
        assert_eq!(to_hex(&sha256_reader(&b""[..]).unwrap()), EMPTY);
    }
}
