//! Shared helpers for integration tests: temporary fixture sites, the CLI binary,
//! and a walk over built HTML that checks every reference resolves offline.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use planblanc::build::{build, BuildOptions, BuildReport};
use planblanc::diag::Diagnostic;
use planblanc::load::Tlp;
use planblanc::model::Audience;

pub mod pdf;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of a fixture site in a temporary folder, to modify freely.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn minimal() -> Fixture {
        Fixture::copy_of(&repo_root().join("tests/fixtures/minimal"))
    }

    pub fn copy_of(src: &Path) -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(src, dir.path());
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.root().join(rel)).unwrap();
        self
    }

    /// Adds `text` at the end of the file `rel`, on a line of its own.
    pub fn append(&self, rel: &str, text: &str) -> &Self {
        let before = self.read(rel);
        self.write(rel, &format!("{before}\n{text}\n"))
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Validates at every TLP level, as `planblanc check` does.
    pub fn check(&self) -> BuildReport {
        build(&BuildOptions {
            root: self.root().to_path_buf(),
            out: None,
            audience: Audience {
                tlp: Tlp::Red,
                drafts: true,
            },
        })
        .expect("check ran")
    }

    pub fn build_to(&self, out: &Path, tlp: Tlp) -> BuildReport {
        build(&BuildOptions {
            root: self.root().to_path_buf(),
            out: Some(out.to_path_buf()),
            audience: Audience { tlp, drafts: false },
        })
        .expect("build ran")
    }

    pub fn cli(&self, args: &[&str]) -> Output {
        cli(self.root(), args)
    }

    /// `cli` on a disk that is full after `kib` KiB: `ulimit -f` makes writes past
    /// it fail (`File too large`) rather than kill the process.
    #[cfg(target_os = "linux")]
    pub fn cli_on_full_disk(&self, kib: u32, args: &[&str]) -> Output {
        Command::new("bash")
            .arg("-c")
            .arg(format!("trap '' XFSZ; ulimit -f {kib}; exec \"$@\""))
            .arg("bash")
            .arg(env!("CARGO_BIN_EXE_planblanc"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("run planblanc")
    }
}

pub fn cli(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run planblanc")
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The one diagnostic whose message contains `needle`; fails with all of them listed.
pub fn find<'a>(report: &'a BuildReport, needle: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect();
    assert!(
        !found.is_empty(),
        "no diagnostic containing {needle:?}; got:\n{}",
        report
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    found[0]
}

/// All files under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}

/// Every `href`/`src` in HTML, and `url(...)` in CSS, must be relative, end in a
/// file, and resolve to an existing file when read from disk. Remote URLs are allowed
/// only as `<a href>` (links authors wrote). Returns the problems found.
pub fn broken_references(site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for rel in files(site) {
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "css" | "js") {
            continue;
        }
        let text = fs::read_to_string(site.join(&rel)).unwrap();
        let refs = match ext {
            "html" => html_refs(&text),
            "css" => css_refs(&text),
            _ => js_refs(&text),
        };
        for (tag, url) in refs {
            if let Some(p) = check_ref(site, &rel, &tag, &url) {
                problems.push(format!("{}: {p}", rel.display()));
            }
        }
    }
    problems
}

fn check_ref(site: &Path, from: &Path, tag: &str, url: &str) -> Option<String> {
    let url = decode_entities(url);
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return (tag != "a").then(|| format!("remote reference in <{tag}>: {url}"));
    }
    if lower.starts_with("mailto:") || lower.starts_with("tel:") {
        return None;
    }
    // Print bundles carry their images inline, as data URIs; an address taken
    // out of raw HTML (a remote load) is the empty `data:,`, which loads nothing.
    if lower == "data:," {
        return None;
    }
    if lower.starts_with("data:") {
        return (tag != "img").then(|| format!("data: URI outside <img>: {url:.60}"));
    }
    if lower.contains(':') && !lower.starts_with('#') {
        return Some(format!("unexpected scheme: {url}"));
    }
    let (path, _anchor) = url.split_once('#').unwrap_or((&url, ""));
    if path.is_empty() {
        return None;
    }
    let path = path.split('?').next().unwrap_or(path);
    if path.starts_with('/') {
        return Some(format!("site-absolute reference: {url}"));
    }
    if path.ends_with('/') {
        return Some(format!("reference to a folder: {url}"));
    }
    let decoded = percent_decode(path);
    let target = site
        .join(from.parent().unwrap_or(Path::new("")))
        .join(&decoded);
    let normal = normalize(&target);
    if !normal.starts_with(site) {
        return Some(format!("reference leaves the site: {url}"));
    }
    if !normal.is_file() {
        return Some(format!("missing file: {url}"));
    }
    None
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn html_refs(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag_text = &after[..end];
        let name: String = tag_text
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        for attr in [" href=\"", " src=\"", " href='", " src='"] {
            let mut search = tag_text;
            while let Some(pos) = search.find(attr) {
                let value = &search[pos + attr.len()..];
                let quote = attr.chars().last().unwrap();
                let v = &value[..value.find(quote).unwrap_or(value.len())];
                out.push((name.clone(), v.to_string()));
                search = &value[v.len()..];
            }
        }
        rest = &after[end.min(after.len())..];
    }
    out
}

fn css_refs(css: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = css;
    while let Some(pos) = rest.find("url(") {
        let value = &rest[pos + 4..];
        let end = value.find(')').unwrap_or(value.len());
        let v = value[..end].trim().trim_matches(['"', '\'']);
        if !v.starts_with("data:") {
            out.push(("css".to_string(), v.to_string()));
        }
        rest = &value[end..];
    }
    out
}

/// Scripts must not fetch anything: flag remote URLs and network APIs.
fn js_refs(js: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for needle in [
        "fetch(",
        "new XMLHttpRequest",
        "import(",
        "new Worker",
        "http://",
        "https://",
    ] {
        if js.contains(needle) {
            out.push(("script".to_string(), format!("https://forbidden/{needle}")));
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

fn percent_decode(s: &str) -> String {
    planblanc::model::urls::decode_path(s)
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn read_all(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| {
            let b = fs::read(dir.join(&f)).unwrap();
            (f, b)
        })
        .collect()
}

/// Every diagnostic of `report` as one line (`file:line:col: severity: message`).
pub fn messages(report: &BuildReport) -> Vec<String> {
    report.diagnostics.iter().map(|d| d.to_string()).collect()
}

/// The errors only, as [`messages`] shows them.
pub fn errors(report: &BuildReport) -> Vec<String> {
    (report.diagnostics.iter())
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}
