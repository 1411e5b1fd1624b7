//! Output URLs. Every URL is a file path relative to the site root, ending in a file
//! (`…/index.html`), so pages work from `file://` with no server to resolve folders.

/// `alerte/rancon.md` → `alerte/rancon/index.html`.
pub fn page_url(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    format!("{stem}/index.html")
}

/// Section folder `alerte` → `alerte/index.html`; the root → `index.html`.
/// Where page `number` (from 1) of the listing at `url` (`…/index.html`) goes:
/// beside the first, so links and listing items are the same on every page.
pub fn listing_page_url(url: &str, number: usize) -> String {
    if number <= 1 {
        return url.to_string();
    }
    let folder = url.strip_suffix("index.html").unwrap_or(url);
    format!("{folder}index-{number}.html")
}

/// True for a later page of a listing (`…/index-2.html`): a generated name, which
/// a file of `content/` must not take.
pub fn is_listing_page(rel: &str) -> bool {
    file_name(rel)
        .strip_prefix("index-")
        .and_then(|n| n.strip_suffix(".html"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `a/b/index-2.html` → `index-2.html`: the link between pages of one folder.
pub fn file_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

pub fn section_url(dir: &str) -> String {
    if dir.is_empty() {
        "index.html".to_string()
    } else {
        format!("{dir}/index.html")
    }
}

/// The folder part of a URL or path: `a/b/index.html` → `a/b`.
pub fn parent(url: &str) -> &str {
    url.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Prefix that leads from a page's folder back to the site root: `../../` or ``.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Relative href from the page at `from` to the file at `to` (both root-relative),
/// percent-encoded so names with spaces or `#` still resolve.
pub fn relative(from: &str, to: &str) -> String {
    // Walk `from`'s folders: those `to` starts with are shared (never `to`'s file
    // name, so a folder link still names its file); each of the others is a `../`.
    let mut rest = to;
    let mut up = 0;
    let mut shared = true;
    for dir in parent(from).split('/').filter(|s| !s.is_empty()) {
        if shared {
            match rest.split_once('/') {
                Some((head, tail)) if head == dir => {
                    rest = tail;
                    continue;
                }
                _ => shared = false,
            }
        }
        up += 1;
    }
    let mut out = String::with_capacity(3 * up + rest.len() + 8);
    for _ in 0..up {
        out.push_str("../");
    }
    push_encoded(&mut out, rest);
    out
}

/// Joins a relative link onto a folder, resolving `.` and `..`. None if it climbs
/// above the root: such a link can only point outside the site.
pub fn join(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Percent-encodes what a path segment cannot hold literally; keeps `/` and UTF-8
/// letters as bytes encoded, so every browser resolves the same file.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    push_encoded(&mut out, path);
    out
}

fn push_encoded(out: &mut String, path: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = 0;
    for (i, b) in path.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            continue;
        }
        // A run of kept bytes is ASCII, so both of its ends are char boundaries.
        if start < i {
            out.push_str(&path[start..i]);
        }
        out.push('%');
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
        start = i + 1;
    }
    if start < path.len() {
        out.push_str(&path[start..]);
    }
}

/// Inverse of `encode_path`, for links authors wrote with `%20`.
pub fn decode_path(path: &str) -> String {
    String::from_utf8(percent_decoded(path)).unwrap_or_else(|_| path.to_string())
}

/// The bytes of a `%XX`-encoded text; a `%` not followed by two hex digits stays.
pub fn percent_decoded(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_sit_beside_the_first() {
        assert_eq!(
            listing_page_url("roles/dsi/index.html", 1),
            "roles/dsi/index.html"
        );
        assert_eq!(
            listing_page_url("roles/dsi/index.html", 3),
            "roles/dsi/index-3.html"
        );
        assert_eq!(listing_page_url("index.html", 2), "index-2.html");
        assert!(is_listing_page("roles/dsi/index-12.html"));
        assert!(is_listing_page("index-2.html"));
        assert!(!is_listing_page("roles/dsi/index.html"));
        assert!(!is_listing_page("roles/dsi/index-.html"));
        assert!(!is_listing_page("roles/dsi/index-2a.html"));
        assert!(!is_listing_page("a/index-2.html/x"));
    }

    #[test]
    fn urls_end_in_files() {
        assert_eq!(page_url("alerte/rancon.md"), "alerte/rancon/index.html");
        assert_eq!(section_url(""), "index.html");
        assert_eq!(section_url("alerte"), "alerte/index.html");
    }

    #[test]
    fn relative_links() {
        assert_eq!(
            relative(
                "alerte/rancon/index.html",
                "mobilisation/cellule/index.html"
            ),
            "../../mobilisation/cellule/index.html"
        );
        assert_eq!(
            relative("alerte/rancon/index.html", "alerte/index.html"),
            "../index.html"
        );
        assert_eq!(
            relative("index.html", "alerte/index.html"),
            "alerte/index.html"
        );
        assert_eq!(
            relative("alerte/index.html", "alerte/index.html"),
            "index.html"
        );
        assert_eq!(relative("a/b/index.html", "a/b/index.html"), "index.html");
        assert_eq!(
            relative("a/b/index.html", "a/img one.png"),
            "../img%20one.png"
        );
        assert_eq!(
            relative("a/b/c/index.html", "a/x/index.html"),
            "../../x/index.html"
        );
        assert_eq!(
            relative("a/b/index.html", "a/b/c/index.html"),
            "c/index.html"
        );
        assert_eq!(relative("a/index.html", "a"), "../a");
        assert_eq!(relative("été/index.html", "été/a b#c.png"), "a%20b%23c.png");
        assert_eq!(
            relative("index.html", "régions/île/index.html"),
            "r%C3%A9gions/%C3%AEle/index.html"
        );
        assert_eq!(root_prefix("a/b/index.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }

    /// The plain definition `relative` computes without allocating: common folders
    /// dropped (never the file name), one `../` per folder left, the rest encoded.
    fn relative_by_definition(from: &str, to: &str) -> String {
        let from_dir: Vec<&str> = parent(from).split('/').filter(|s| !s.is_empty()).collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let common = from_dir
            .iter()
            .zip(&to_parts)
            .take_while(|(a, b)| a == b)
            .count()
            .min(to_parts.len() - 1);
        "../".repeat(from_dir.len() - common) + &encode_path(&to_parts[common..].join("/"))
    }

    #[test]
    fn relative_matches_its_definition() {
        let paths = [
            "index.html",
            "a",
            "a/index.html",
            "a/b/index.html",
            "a/b/c/index.html",
            "a/x/index.html",
            "b/a/index.html",
            "a//b/index.html",
            "é t/#/index.html",
            "a/b",
        ];
        for from in paths {
            for to in paths {
                assert_eq!(
                    relative(from, to),
                    relative_by_definition(from, to),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn join_resolves_dots_and_refuses_escape() {
        assert_eq!(
            join("alerte", "../mobilisation/x.md").as_deref(),
            Some("mobilisation/x.md")
        );
        assert_eq!(join("", "./a.md").as_deref(), Some("a.md"));
        assert_eq!(join("alerte", "../../x.md"), None);
    }

    #[test]
    fn decode_roundtrip() {
        assert_eq!(decode_path("img%20one.png"), "img one.png");
        assert_eq!(decode_path(&encode_path("fiche é.pdf")), "fiche é.pdf");
        assert_eq!(decode_path("100%"), "100%");
    }
}
