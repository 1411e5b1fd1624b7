//! From a request target to a file of the output folder. The preview server must
//! never read outside that folder, whatever the URL says: the target is decoded once,
//! checked segment by segment, then the file is canonicalized and must still lie
//! under the canonical output folder (which also catches symlinks that leave it).

use std::path::{Path, PathBuf};

/// Where a request leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An existing file inside the output folder (a folder's `index.html` for folders).
    File(PathBuf),
    NotFound,
    /// The target tried to leave the output folder, or cannot be read safely.
    Forbidden,
    /// A folder named without its trailing `/`: the page's relative links only
    /// resolve from `/alerte/`, so the client is sent there (the value).
    AddSlash(String),
}

/// Resolves a raw request target (`/alerte/rancon/index.html?x#y`) under `root`.
pub fn resolve(root: &Path, target: &str) -> Resolved {
    let Some(segments) = request_segments(target) else {
        return Resolved::Forbidden;
    };
    let resolved = locate(root, &segments);
    let path = path_part(target);
    let is_folder = root.join(segments.join("/")).is_dir();
    match resolved {
        Resolved::File(_) if is_folder && !path.ends_with('/') => {
            Resolved::AddSlash(format!("{path}/{}", &target[path.len()..]))
        }
        other => other,
    }
}

/// The path part of a request target, without query or fragment.
pub fn path_part(target: &str) -> &str {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    &target[..end]
}

/// The decoded segments of a request path, or `None` when the path is anything but
/// a plain `/a/b/c` below the root. An empty last segment means a folder (`/a/`).
///
/// Refused: targets not starting with `/` (absolute URLs, `*`), backslashes and NUL
/// (raw or percent-encoded), empty, `.` and `..` segments (raw or encoded, so
/// `%2e%2e` and `..%2f` are caught after decoding), malformed escapes, and any `%`
/// left after one decoding: double encoding (`%252e`) is refused, not guessed at.
pub fn request_segments(target: &str) -> Option<Vec<String>> {
    let path = path_part(target);
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded.contains(['\\', '\0', '%']) || decoded.chars().any(char::is_control) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let folder_marker = i == last && segment.is_empty();
        if folder_marker {
            continue;
        }
        // `:` would name a drive or a stream on Windows; no output file has one.
        if segment.is_empty() || *segment == "." || *segment == ".." || segment.contains(':') {
            return None;
        }
    }
    Some(
        segments
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// Finds the file for checked segments, refusing anything whose real location is
/// outside `root`.
fn locate(root: &Path, segments: &[String]) -> Resolved {
    let Ok(real_root) = root.canonicalize() else {
        return Resolved::NotFound;
    };
    let candidate = segments.iter().fold(real_root.clone(), |p, s| p.join(s));
    let Ok(real) = candidate.canonicalize() else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Resolved::Forbidden;
    }
    if real.is_file() {
        return Resolved::File(real);
    }
    if !real.is_dir() {
        return Resolved::NotFound;
    }
    match real.join("index.html").canonicalize() {
        Ok(index) if !index.starts_with(&real_root) => Resolved::Forbidden,
        Ok(index) if index.is_file() => Resolved::File(index),
        _ => Resolved::NotFound,
    }
}

/// Decodes `%XX` escapes once. `None` for a truncated or non-hex escape, or bytes
/// that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push(hi * 16 + lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(target: &str) -> Option<Vec<String>> {
        request_segments(target)
    }

    #[test]
    fn plain_paths_are_accepted() {
        assert_eq!(segs("/"), Some(vec![]));
        assert_eq!(
            segs("/alerte/rancon/index.html?q=1#x"),
            Some(vec!["alerte".into(), "rancon".into(), "index.html".into()])
        );
        assert_eq!(
            segs("/alerte/"),
            Some(vec!["alerte".into()]),
            "trailing slash is a folder"
        );
        assert_eq!(
            segs("/a%20b/%C3%A9t%C3%A9.html"),
            Some(vec!["a b".into(), "été.html".into()])
        );
    }

    #[test]
    fn escapes_are_refused() {
        for bad in [
            "/../Cargo.toml",
            "/alerte/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/..%2f..%2fetc%2fpasswd",
            "/..%5c..%5cx",
            "/%252e%252e/x",
            "//etc/passwd",
            "/alerte/..\\..\\x",
            "/a%00b",
            "/a\0b",
            "/./x",
            "/a//b",
            "/%zz",
            "/%2",
            "/%ff",
            "http://example.org/x",
            "*",
            "",
            "/c:/windows",
        ] {
            assert_eq!(segs(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn resolves_inside_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("alerte")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("alerte/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        let real = root.canonicalize().unwrap();
        assert_eq!(resolve(&root, "/"), Resolved::File(real.join("index.html")));
        assert_eq!(
            resolve(&root, "/alerte/"),
            Resolved::File(real.join("alerte/index.html"))
        );
        assert_eq!(
            resolve(&root, "/alerte?x=1"),
            Resolved::AddSlash("/alerte/?x=1".into())
        );
        assert_eq!(resolve(&root, "/nope.html"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/../secret.txt"), Resolved::Forbidden);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&root, "/link.txt"), Resolved::Forbidden);
        }
    }
}
