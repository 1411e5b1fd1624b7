//! Frozen editions: `version cut` copies the current content into
//! `versions/<label>/`, and `build` renders each frozen copy under the same path.
//! A snapshot records the format it was written in, so that a later rename of a
//! field is migrated when the snapshot is read (see `load::migrate`), never by hand.

pub mod changelog;

use std::cmp::Ordering;
use std::fs;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::load::migrate::FORMAT;
use crate::load::yaml::written_at;

pub const VERSIONS_DIR: &str = "versions";
pub const META_FILE: &str = "version.yaml";

#[derive(Debug, Error)]
pub enum VersionError {
    #[error("invalid version label `{0}`: use digits, letters, `.` and `-`, e.g. `2026.1`")]
    BadLabel(String),
    #[error("version label `{0}` is the name of the page listing the versions (versions/index.html); choose another label, e.g. `2026.1`")]
    Reserved(String),
    #[error("version label `{0}` {1}, so a copy on a USB stick or a Windows laptop could not hold versions/{0}/; choose another label")]
    NotPortable(String, String),
    #[error("version `{0}` already exists in versions/{0}/; choose a new label")]
    Exists(String),
    #[error(
        "the content has {0} error(s): fix them (see `planblanc check`) before freezing a version"
    )]
    Dirty(usize),
    #[error("version cut stopped at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Busy(#[from] crate::write::WriteError),
}

/// Removes the `.<label>.tmp` copies that cuts killed or failed midway left in
/// `versions/` (under the lock, no cut is running).
fn sweep_unfinished(versions: &Path) {
    for entry in fs::read_dir(versions).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A frozen version found under `versions/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub label: String,
    /// Its site root: `versions/<label>/`, holding `handbook.yaml` and `content/`.
    pub root: PathBuf,
}

/// The frozen versions of a site, oldest first.
pub fn list(root: &Path) -> Vec<Version> {
    let dir = root.join(VERSIONS_DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<Version> = entries
        .filter_map(Result::ok)
        // A link would publish whatever it leads to (see `problems`).
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| e.path().join(META_FILE).is_file())
        .filter_map(|e| {
            let label = e.file_name().to_str()?.to_string();
            (valid_label(&label) && !reserved(&label)).then(|| Version {
                root: e.path(),
                label,
            })
        })
        .collect();
    out.sort_by(|a, b| compare_labels(&a.label, &b.label));
    out
}

/// What is wrong with the folders under `versions/`, which `list` skips or a copy
/// could not hold: a link (it would publish whatever it leads to), a folder with no
/// `version.yaml` or with a label `cut` would refuse, a `version.yaml` that cannot
/// be read or was written by a newer planblanc, two labels one folder on a USB
/// stick. Hidden entries (`cut`'s own temporary folders) are left alone.
pub fn problems(root: &Path) -> Vec<crate::diag::Diagnostic> {
    use crate::diag::Diagnostic;
    let Ok(entries) = fs::read_dir(root.join(VERSIONS_DIR)) else {
        return Vec::new();
    };
    let mut names: Vec<(String, fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.file_type().ok()?)))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for (i, (name, kind)) in names.iter().enumerate() {
        let shown = Path::new(VERSIONS_DIR).join(name);
        if kind.is_symlink() {
            out.push(
                Diagnostic::error(&shown, "a frozen version is a symbolic link: not built")
                    .help("a frozen version must be a folder of the handbook; copy it in place"),
            );
            continue;
        }
        if !kind.is_dir() {
            continue;
        }
        if !valid_label(name) {
            out.push(
                Diagnostic::warning(
                    &shown,
                    format!("`{name}` is not a version label: not built"),
                )
                .help("labels hold digits, letters, `.` and `-`, e.g. `2026.1`"),
            );
            continue;
        }
        if reserved(name) {
            out.push(
                Diagnostic::warning(
                    &shown,
                    format!("`{name}` is the page listing the versions: not built"),
                )
                .help("rename the folder to its version's label, e.g. `2026.1`"),
            );
            continue;
        }
        if let Some(why) = crate::validate::portable::unportable(name) {
            out.push(Diagnostic::error(
                &shown,
                format!("version label `{name}` {why}"),
            ));
        }
        if let Some((other, _)) = names[..i]
            .iter()
            .find(|(other, _)| other.eq_ignore_ascii_case(name))
        {
            out.push(Diagnostic::error(
                &shown,
                format!("versions `{other}` and `{name}` differ only by case: one folder on a USB stick or Windows"),
            ).help("rename one of them"));
        }
        let meta = root.join(VERSIONS_DIR).join(name).join(META_FILE);
        let meta_shown = shown.join(META_FILE);
        match crate::load::read_regular(&meta) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(
                Diagnostic::warning(
                    &shown,
                    format!("no `{META_FILE}` in this folder: not built"),
                )
                .help("a frozen version is made by `planblanc version cut <label>`"),
            ),
            Err(e) => out.push(Diagnostic::error(
                &meta_shown,
                format!("cannot read: {}", crate::diag::io_reason(&e)),
            )),
            Ok(text) => match crate::load::yaml::parse(&text) {
                Err(e) => out.push(e.report(&meta_shown, "invalid YAML", &text, 0)),
                Ok(crate::load::yaml::Yaml::Map(entries)) => {
                    use crate::load::yaml::Yaml;
                    let format = entries.iter().find(|(k, _)| k == "format").map(|(_, v)| v);
                    // Placed at the value as written, as the content's problems are.
                    let at = |d: Diagnostic, key: &str| match written_value(&text, key) {
                        Some((line, col, value)) => d.at(&text, line, col, value.chars().count()),
                        None => d,
                    };
                    if let Some(bad) = format.filter(|f| !matches!(f, Yaml::Int(0..))) {
                        let shown = written_value(&text, "format")
                            .map_or_else(|| bad.display(), |(.., v)| v);
                        let d = Diagnostic::error(
                            &meta_shown,
                            format!("`format: {shown}` is not a format number (0, 1, …)"),
                        )
                        .help(format!(
                            "write the number `version cut` wrote, without quotes: `format: {FORMAT}` for a version cut by this planblanc"
                        ));
                        out.push(at(d, "format"));
                    }
                    let label = entries
                        .iter()
                        .find(|(k, _)| k == "label")
                        .map(|(_, v)| v.display());
                    if let Some(label) = label.filter(|l| l != name) {
                        let d = Diagnostic::warning(
                            &meta_shown,
                            format!("`label: {label}` differs from the folder's name `{name}`, which is the label used"),
                        )
                        .help("rename the folder or correct `label:`");
                        out.push(at(d, "label"));
                    }
                    let newer = entries.iter().find_map(|(k, v)| match (k.as_str(), v) {
                        ("format", Yaml::Int(n)) if *n > i64::from(FORMAT) => Some(*n),
                        _ => None,
                    });
                    if let Some(n) = newer {
                        let d = Diagnostic::error(
                            &meta_shown,
                            format!("written in format {n} by a newer planblanc; this one reads up to format {FORMAT}"),
                        ).help("build with the planblanc that cut this version, or a newer one");
                        out.push(at(d, "format"));
                    }
                }
                Ok(_) => out.push(Diagnostic::error(
                    &meta_shown,
                    "expected `format:` and `label:` keys",
                )),
            },
        }
    }
    out
}

/// Where the value of top-level `key` starts (line and column, from 1) and how it
/// is written (to the line's end or its comment).
fn written_value(text: &str, key: &str) -> Option<(usize, usize, String)> {
    let (line, col, rest) = written_at(text, key)?;
    let value = rest.split(" #").next().unwrap_or("").trim_end();
    Some((line, col, value.to_string()))
}

/// Labels sort as editions: `2024.1` < `2024.2` < `2024.10` < `2025.1`. Numeric parts
/// compare as numbers, others as text.
pub fn compare_labels(a: &str, b: &str) -> Ordering {
    let parts = |s: &str| s.split(['.', '-']).map(str::to_string).collect::<Vec<_>>();
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(&pb) {
        let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            _ => x.cmp(y),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    pa.len().cmp(&pb.len())
}

/// A label whose folder would take the place of `versions/index.html`, the page
/// that lists every version.
fn reserved(label: &str) -> bool {
    label.eq_ignore_ascii_case("index.html")
}

pub fn valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 40
        && !label.starts_with(['.', '-'])
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
}

/// Freezes `content/` and `handbook.yaml` into `versions/<label>/`. Refuses a label
/// in use and content with errors (a frozen version must build forever).
pub fn cut(root: &Path, label: &str, errors: usize) -> Result<Version, VersionError> {
    if !valid_label(label) {
        return Err(VersionError::BadLabel(label.to_string()));
    }
    if reserved(label) {
        return Err(VersionError::Reserved(label.to_string()));
    }
    if let Some(why) = crate::validate::portable::unportable(label) {
        return Err(VersionError::NotPortable(label.to_string(), why));
    }
    let target = root.join(VERSIONS_DIR).join(label);
    // `V1` beside `v1` is one folder on a USB stick, Windows or macOS, and
    // `2026.01` beside `2026.1` one place in the version list.
    let taken = list(root).into_iter().find(|v| {
        v.label.eq_ignore_ascii_case(label) || compare_labels(&v.label, label) == Ordering::Equal
    });
    // One cut at a time: each clears the copies killed cuts left in versions/.
    let versions = root.join(VERSIONS_DIR);
    fs::create_dir_all(&versions).map_err(io_at(&versions))?;
    let _lock = crate::write::Lock::beside(&versions)?;
    sweep_unfinished(&versions);
    if let Some(existing) = taken {
        return Err(VersionError::Exists(existing.label));
    }
    if target.exists() {
        return Err(VersionError::Exists(label.to_string()));
    }
    if errors > 0 {
        return Err(VersionError::Dirty(errors));
    }
    // Copy aside, then rename: an interrupted cut leaves no half version behind.
    let tmp = root.join(VERSIONS_DIR).join(format!(".{label}.tmp"));
    fs::create_dir_all(&tmp).map_err(io_at(&tmp))?;
    copy_tree(
        &root.join(crate::load::CONTENT_DIR),
        &tmp.join(crate::load::CONTENT_DIR),
    )?;
    let config = root.join(crate::load::config::CONFIG_FILE);
    fs::copy(&config, tmp.join(crate::load::config::CONFIG_FILE)).map_err(io_at(&config))?;
    let meta = format!(
        "# Frozen by `planblanc version cut`; do not edit.\nlabel: \"{label}\"\nformat: {FORMAT}\n"
    );
    fs::write(tmp.join(META_FILE), meta).map_err(io_at(&tmp))?;
    fs::rename(&tmp, &target).map_err(io_at(&target))?;
    Ok(Version {
        label: label.to_string(),
        root: target,
    })
}

/// Copies `content/` into `to`. A link is copied as what it leads to when that is
/// inside `content/`: the build reads through such links, so the frozen copy must
/// hold what they show, or it would never build again. Any other link (leading
/// out, dangling, a loop, an editor's lock file) is left out, as the build leaves
/// it: a link to a secret key beside the handbook must not end up in `versions/`.
fn copy_tree(content: &Path, to: &Path) -> Result<(), VersionError> {
    let real = fs::canonicalize(content).map_err(io_at(content))?;
    copy_dir(content, to, &real, &mut vec![real.clone()])
}

/// An I/O failure on `path`, as a `VersionError`.
fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> VersionError {
    let path = path.to_path_buf();
    move |source| VersionError::Io { path, source }
}

/// Copies `from` into `to`; `copying` holds the real folders being copied, so
/// that links between folders cannot copy forever.
fn copy_dir(
    from: &Path,
    to: &Path,
    content: &Path,
    copying: &mut Vec<PathBuf>,
) -> Result<(), VersionError> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| VersionError::Io {
            path: from.to_path_buf(),
            source: e.into(),
        })?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let dest = to.join(rel);
        let kind = entry.file_type();
        if kind.is_dir() {
            fs::create_dir_all(&dest).map_err(io_at(&dest))?;
        } else if kind.is_file() {
            fs::copy(entry.path(), &dest).map_err(io_at(&dest))?;
        } else if kind.is_symlink() {
            // The build skips hidden names, and reads no folder inside itself.
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let around = entry.path().parent().and_then(|p| fs::canonicalize(p).ok());
            let Some(real) = fs::canonicalize(entry.path()).ok().filter(|real| {
                real.starts_with(content)
                    && !copying.contains(real)
                    && !around.as_ref().is_some_and(|a| a.starts_with(real))
            }) else {
                continue;
            };
            if real.is_dir() {
                copying.push(real.clone());
                copy_dir(&real, &dest, content, copying)?;
                copying.pop();
            } else if real.is_file() {
                fs::copy(&real, &dest).map_err(io_at(&dest))?;
            }
        }
        // A pipe or a device is no content (the build skips it): copying one
        // could wait forever.
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_sort_as_editions() {
        let mut v = vec!["2025.1", "2024.10", "2024.2", "2024.1", "2024.1-rc"];
        v.sort_by(|a, b| compare_labels(a, b));
        assert_eq!(v, ["2024.1", "2024.1-rc", "2024.2", "2024.10", "2025.1"]);
    }

    #[test]
    fn label_alphabet() {
        assert!(valid_label("2026.1"));
        for bad in ["", "../x", "a/b", ".hidden", "2026 1"] {
            assert!(!valid_label(bad), "{bad}");
        }
    }
}
