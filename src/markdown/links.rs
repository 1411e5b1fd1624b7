//! Internal links: by relative `.md` path, by `@ID`, to attachments, or to an anchor
//! of the same page. Each resolves to a relative URL that works from `file://`.

use crate::diag::did_you_mean;
use crate::load::Tlp;
use crate::model::{urls, Hidden, Site};

/// A page or section whose anchors a link relies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Page(usize),
    Section(usize),
}

#[derive(Debug, PartialEq)]
pub enum Resolved {
    /// A file of `content/` (an attachment, an image): `site.assets[asset]`.
    File { href: String, asset: usize },
    /// `https:`, `mailto:`, `tel:`…: left as written.
    External,
    /// A relative URL, and the anchor to check once every page is rendered.
    Internal {
        href: String,
        anchor: Option<(Option<Target>, String)>,
        tlp_warning: Option<Tlp>,
    },
    /// The target exists but is not published in this build: no link, no title.
    Unpublished { tlp_warning: Option<Tlp> },
    Broken {
        message: String,
        help: Option<String>,
    },
}

/// Where a link is written: the page (or section) it sits on.
pub struct From<'a> {
    pub url: &'a str,
    /// Folder of the source file under `content/`.
    pub dir: &'a str,
    pub tlp: Tlp,
}

pub fn resolve(site: &Site, from: &From, dest: &str) -> Resolved {
    if dest.is_empty() {
        return broken("empty link", None);
    }
    if runs_script(dest) {
        return broken(
            format!("link `{dest}` runs a script"),
            Some("link to a procedure, a file or a web address instead".into()),
        );
    }
    // `\\serveur\partage` (Markdown reads `\\` as `\`, so often `\serveur\…`) or
    // `\dossier\x.docx`: a place on the author's network or computer.
    if dest.starts_with('\\') {
        return broken(
            format!("link `{dest}` points to a Windows share or folder, which readers of the copy cannot reach"),
            Some("copy the file into `content/` and link to it by relative path".into()),
        );
    }
    if dest.starts_with("//") {
        return broken(
            format!("link `{dest}` has no scheme: opened from disk, it points to a file share, not to the web"),
            Some(format!("write the scheme: `https:{dest}`")),
        );
    }
    if dest
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("file:"))
    {
        return broken(
            format!("link `{dest}` points to a file on one computer, not in the handbook"),
            Some("copy the file into `content/` and link to it by relative path".into()),
        );
    }
    // `C:/Users/…`, `D:\Partage\…`: one letter is a drive, never a scheme.
    let mut chars = dest.chars();
    if chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.next() == Some(':') {
        return broken(
            format!("link `{dest}` points to a drive of one computer, not to the handbook"),
            Some("copy the file into `content/` and link to it by relative path".into()),
        );
    }
    if let Some(scheme) = ["smb:", "afp:", "nfs:", "cifs:"].into_iter().find(|s| {
        dest.get(..s.len())
            .is_some_and(|d| d.eq_ignore_ascii_case(s))
    }) {
        return broken(
            format!("link `{dest}` points to a `{scheme}` file share, which readers of the copy cannot reach"),
            Some("copy the file into `content/` and link to it by relative path".into()),
        );
    }
    if is_external(dest) {
        return Resolved::External;
    }
    if dest.starts_with('/') {
        let target = dest
            .trim_start_matches('/')
            .split(['#', '?'])
            .next()
            .unwrap_or_default();
        let target = urls::decode_path(target);
        // Docusaurus's `/img/x.png` is a file of its `static/`: found by its name.
        let name = target.rsplit('/').next().unwrap_or_default();
        let found = existing_target(site, &target).or_else(|| {
            site.assets
                .iter()
                .find(|a| !name.is_empty() && a.rel.rsplit('/').next() == Some(name))
                .map(|a| a.rel.clone())
        });
        let fragment = dest.find('#').map_or("", |i| &dest[i..]);
        let help = match found {
            Some(rel) => format!(
                "write it relative to this file, e.g. `{}{fragment}`",
                written_from(from, &rel)
            ),
            None => format!(
                "no `{target}` under `content/`: copy the file there and link to it relative to this file, e.g. `{}`",
                suggest_relative(from.dir, dest)
            ),
        };
        return broken(
            format!("site-absolute link `{dest}` breaks when the handbook is opened from disk"),
            Some(help),
        );
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    if path.is_empty() {
        return Resolved::Internal {
            href: dest.to_string(),
            anchor: anchor.map(|a| (None, a)),
            tlp_warning: None,
        };
    }
    if let Some(id) = path.strip_prefix('@') {
        // Zola's `@/section/page.md`: a path from `content/`.
        if let Some(target) = id.strip_prefix('/') {
            let fragment = anchor.as_ref().map_or(String::new(), |a| format!("#{a}"));
            let help = existing_target(site, &urls::decode_path(target)).map(|rel| {
                format!(
                    "write the path relative to this file: `{}{fragment}`",
                    written_from(from, &rel)
                )
            });
            return broken(format!("link `{dest}` is a Zola internal link"), help);
        }
        return match site.page_by_id(id) {
            Some(p) => to_page(site, from, p, anchor),
            // Its own error says why; the link shows as text.
            None if site.is_unreadable_id(id) => Resolved::Unpublished { tlp_warning: None },
            None => broken(
                format!("link to unknown id `{id}`"),
                did_you_mean(
                    id,
                    site.pages
                        .iter()
                        .map(|p| (p.id(), p.src.front.title.as_str())),
                ),
            ),
        };
    }
    let decoded = urls::decode_path(path);
    let Some(rel) = urls::join(from.dir, &decoded) else {
        return broken(
            format!("link `{dest}` climbs out of the content folder"),
            from_page_address(site, from, path),
        );
    };
    let rel = site.canonical_rel(rel);
    if rel.ends_with("_index.md") {
        let dir = urls::parent(&rel);
        return match site.section_by_dir(dir) {
            Some(s) => Resolved::Internal {
                href: with_anchor(urls::relative(from.url, &site.sections[s].url), &anchor),
                anchor: anchor.map(|a| (Some(Target::Section(s)), a)),
                tlp_warning: None,
            },
            None => broken(format!("link to a missing section `{dest}`"), None),
        };
    }
    if rel.ends_with(".md") {
        return match site.page_by_rel(&rel) {
            Some(p) => to_page(site, from, p, anchor),
            None if site.is_unreadable_rel(&rel) => Resolved::Unpublished { tlp_warning: None },
            None => {
                // `x/index.md`, `x.mdx.md`…: the page another tool's link names.
                if let Some(target) = existing_target(site, &rel).filter(|t| *t != rel) {
                    let help = format!("did you mean `{}`?", written_from(from, &target));
                    return broken(format!("link to a missing page `{dest}`"), Some(help));
                }
                // Suggest in the form the author writes: relative to this file.
                let written: Vec<(String, &str)> = site
                    .pages
                    .iter()
                    .map(|p| (written_from(from, &p.src.rel), p.src.rel.as_str()))
                    .collect();
                let help = did_you_mean(&decoded, written.iter().map(|(w, r)| (w.as_str(), *r)));
                broken(format!("link to a missing page `{dest}`"), help)
            }
        };
    }
    if let Some(asset) = site.asset_by_rel(&rel) {
        return Resolved::File {
            href: with_anchor(urls::relative(from.url, &rel), &anchor),
            asset,
        };
    }
    // `cible`, `cible/`, `cible.html`: another tool's way to name `cible.md`.
    if let Some(target) = existing_target(site, &rel).filter(|t| *t != rel) {
        return broken(
            format!("link to a missing file `{dest}`"),
            Some(format!(
                "link to its Markdown file: `{}`",
                written_from(from, &target)
            )),
        );
    }
    let folder = rel.trim_end_matches('/');
    let section = site.section_by_dir(folder).is_some();
    if let Some(help) = from_page_address(site, from, path).filter(|_| !section) {
        return broken(format!("link to a missing file `{dest}`"), Some(help));
    }
    if section {
        return broken(
            format!("link `{dest}` points to a folder"),
            Some(format!(
                "link to its `_index.md`: `{}/_index.md`",
                path.trim_end_matches('/')
            )),
        );
    }
    // A `/` makes a folder of any name: only one that exists is called one. A
    // folder of images or documents has no page: from disk, a browser shows its
    // raw listing, or nothing.
    let first_file = || {
        let prefix = format!("{folder}/");
        (site.assets.iter()).find(|a| a.rel.starts_with(&prefix))
    };
    if let Some(file) = path.ends_with('/').then(first_file).flatten() {
        return broken(
            format!("link `{dest}` points to a folder"),
            Some(format!(
                "it has no page of its own: link to one of its files, e.g. `{}`",
                written_from(from, &file.rel)
            )),
        );
    }
    if site.is_withheld_rel(&rel) {
        return broken(
            format!("link to `{dest}`, a file that is not published"),
            Some(
                "the warning at that file says why; link to the procedure's `.md` file instead"
                    .to_string(),
            ),
        );
    }
    broken(
        format!("link to a missing file `{dest}`"),
        missing_file_help(site, from, dest, &rel),
    )
}

/// Why a file is not found, when it is almost there: a query string, another
/// case or accent form, an e-mail address written without `mailto:`.
fn missing_file_help(site: &Site, from: &From, dest: &str, rel: &str) -> Option<String> {
    // `fiche #1.md`: the `#` ended the file's name and began an anchor.
    if dest.contains('#') {
        let whole = urls::join(from.dir, &urls::decode_path(dest)).map(|r| site.canonical_rel(r));
        if whole.is_some_and(|r| site.page_by_rel(&r).is_some() || site.asset_by_rel(&r).is_some())
        {
            return Some(format!(
                "`#` begins a place in the page, so the file's name stops before it; write the `#` of a name as `%23`: `{}`",
                dest.replace('#', "%23")
            ));
        }
    }
    if let Some((path, _)) = dest.split_once('?') {
        return Some(format!(
            "links to pages and files take no query string: write `{path}`"
        ));
    }
    if !dest.contains('/') && dest.contains('@') && !dest.starts_with('@') {
        return Some(format!("for an e-mail address, write `mailto:{dest}`"));
    }
    // `../mobilisation/T-MOB-001`: a procedure named by its id, as a path.
    let last = rel
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    if let Some(p) = site.page_by_id(last) {
        return Some(format!(
            "to link by id, write `@{last}`; or link to its file: `{}`",
            written_from(from, &site.pages[p].src.rel)
        ));
    }
    let folded = |s: &str| crate::slug::slugify(s);
    let wanted = folded(rel);
    let files = || {
        site.assets
            .iter()
            .map(|a| a.rel.as_str())
            .chain(site.pages.iter().map(|p| p.src.rel.as_str()))
    };
    if let Some(candidate) = files().find(|candidate| folded(candidate) == wanted) {
        return Some(format!("did you mean `{}`?", written_from(from, candidate)));
    }
    // The file is elsewhere: a page moved, or a link copied from another page.
    let name = |s: &str| folded(s.rsplit('/').next().unwrap_or(s));
    let wanted_name = name(rel);
    if let Some(candidate) = files().find(|candidate| name(candidate) == wanted_name) {
        return Some(format!(
            "a file of that name is in another folder: `{}`",
            written_from(from, candidate)
        ));
    }
    // `cible`, `cible.html` or `cible/index.html` of a page in another folder
    // (not `plan.png`: an image is no page, whatever its name).
    let elsewhere = page_stem(rel).and_then(|stem| {
        (site.pages.iter()).find(|p| page_stem(&p.src.rel).as_ref() == Some(&stem))
    });
    if let Some(page) = elsewhere {
        return Some(format!(
            "a page of that name is in another folder: `{}`",
            written_from(from, &page.src.rel)
        ));
    }
    Some(format!(
        "the address is read from this file's folder: there is no `content/{rel}`"
    ))
}

/// The name a link gives a page, whatever tool's form it takes: `fiche.md`,
/// `fiche.html`, `fiche`, `fiche/` and `fiche/index.html` are all `fiche`.
/// None for a name with another extension (`plan.png`).
fn page_stem(rel: &str) -> Option<String> {
    let rel = rel.trim_end_matches('/');
    let rel = rel.strip_suffix("/index.html").unwrap_or(rel);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = [".md", ".html", ".htm"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    (!stem.contains('.')).then(|| crate::slug::slugify(stem))
}

fn to_page(site: &Site, from: &From, p: usize, anchor: Option<String>) -> Resolved {
    let page = &site.pages[p];
    let front = &page.src.front;
    let tlp_warning = (front.tlp > from.tlp && !front.tlp_unread).then_some(front.tlp);
    match page.hidden {
        Some(Hidden::Tlp) | Some(Hidden::Draft) => Resolved::Unpublished { tlp_warning },
        None => Resolved::Internal {
            href: with_anchor(urls::relative(from.url, &page.url), &anchor),
            anchor: anchor.map(|a| (Some(Target::Page(p)), a)),
            tlp_warning,
        },
    }
}

fn with_anchor(mut href: String, anchor: &Option<String>) -> String {
    if let Some(a) = anchor {
        href.push('#');
        href.push_str(a);
    }
    href
}

fn broken(message: impl Into<String>, help: Option<String>) -> Resolved {
    Resolved::Broken {
        message: message.into(),
        help,
    }
}

/// `scheme:` before any `/`: `https://…`, `mailto:…`, `tel:…`.
pub fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        })
}

/// `javascript:` and `vbscript:` URLs, spelled as a browser reads them: case,
/// leading spaces and controls, tabs and line breaks inside do not matter.
pub(super) fn runs_script(dest: &str) -> bool {
    let scheme: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != ':')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    dest.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript")
}

/// The extension of an image file browsers do not show (Word's `.emf`, an
/// iPhone's `.heic`, a scanner's `.tif`, a PDF), lowercased.
pub fn unshown_image(rel: &str) -> Option<String> {
    const SHOWN: &[&str] = &[
        "apng", "avif", "bmp", "gif", "ico", "jfif", "jpeg", "jpg", "png", "svg", "webp",
    ];
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    (!SHOWN.contains(&ext.as_str()) && !ext.contains('/')).then_some(ext)
}

/// Schemes a reader's phone, mail program or browser opens anywhere.
const EVERYWHERE: &[&str] = &["http", "https", "mailto", "tel", "sms", "geo"];

/// The scheme of an external link that opens only where one application is
/// installed (`obsidian:`, `onenote:`, `msteams:`…), not from a USB copy on
/// another laptop, nor from paper.
pub fn app_scheme(dest: &str) -> Option<&str> {
    let (scheme, _) = dest.split_once(':')?;
    (!EVERYWHERE.iter().any(|s| s.eq_ignore_ascii_case(scheme))).then_some(scheme)
}

/// Whether an external URL is remote (needs a network), as opposed to `mailto:`/`tel:`.
pub fn is_remote(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// The page, section or file a path names, written as planblanc or as another
/// tool writes it: `x.md` itself, `x`, `x/`, `x.html`, `x.mdx`, `x/index.html`
/// for `x.md` or a folder's `_index.md`, `index.md` for `_index.md`.
fn existing_target(site: &Site, rel: &str) -> Option<String> {
    if site.page_by_rel(rel).is_some() || site.asset_by_rel(rel).is_some() {
        return Some(rel.to_string());
    }
    let base = rel.trim_end_matches('/');
    // `x/index.md` (Hugo), `x/index.html` (a published page's address).
    let base = ["/index.md", "/index.html"]
        .iter()
        .find_map(|s| base.strip_suffix(s))
        .unwrap_or(base);
    let stem = [".html", ".htm", ".mdx", ".markdown", ".md"]
        .iter()
        .find_map(|ext| base.strip_suffix(ext))
        .unwrap_or(base);
    let page = format!("{stem}.md");
    if site.page_by_rel(&page).is_some() {
        return Some(page);
    }
    site.section_by_dir(stem).map(|_| {
        format!("{stem}/_index.md")
            .trim_start_matches('/')
            .to_string()
    })
}

/// A link written from the page's address, as Hugo, Zola and browsers read it:
/// the page of `alerte/rancon.md` is `alerte/rancon/index.html`, one folder
/// deeper than its file, so its links hold one `../` more. The help naming the
/// file such a link means, written from this file.
fn from_page_address(site: &Site, from: &From, path: &str) -> Option<String> {
    let rest = path.strip_prefix("../")?;
    let rel = urls::join(from.dir, &urls::decode_path(rest))?;
    let target = existing_target(site, &site.canonical_rel(rel))?;
    Some(format!(
        "written from the page's address, as Hugo and Zola read links: from this file, write `{}`",
        written_from(from, &target)
    ))
}

/// `rel` (under `content/`) as a link written in the page at `from`.
fn written_from(from: &From, rel: &str) -> String {
    urls::relative(&format!("{}/_", from.dir), rel)
}

fn suggest_relative(dir: &str, dest: &str) -> String {
    let depth = dir.split('/').filter(|s| !s.is_empty()).count();
    format!(
        "{}{}",
        "../".repeat(depth),
        dest.trim_start_matches(['/', '\\'])
    )
}

/// The range of an inline link's destination in `link` (which starts with the
/// link's `[` or `![`): after the `](` closing its text, up to the space before
/// a title or the `)` that ends it, or inside `<…>`. None for a reference link.
pub(super) fn written_destination(link: &str) -> Option<std::ops::Range<usize>> {
    let text_end = closing_bracket(link)?;
    let rest = link[text_end + 1..].strip_prefix('(')?;
    let start = text_end + 2 + (rest.len() - rest.trim_start().len());
    let bytes = link.as_bytes();
    if bytes.get(start) == Some(&b'<') {
        let end = link[start..].find('>').map_or(link.len(), |i| start + i);
        return Some(start + 1..end);
    }
    let (mut depth, mut i) = (0usize, start);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b.is_ascii_whitespace() => break,
            _ => {}
        }
        i += 1;
    }
    let end = i.min(link.len());
    (end > start && link.is_char_boundary(end)).then_some(start..end)
}

/// Characters of a reference link as written: `[text]`, `[text][]` or
/// `[text][label]`.
pub(super) fn link_label_len(link: &str) -> usize {
    let Some(text_end) = closing_bracket(link) else {
        return 1;
    };
    let after = &link[text_end + 1..];
    let end = match after.starts_with('[') {
        true => after.find(']').map_or(text_end + 1, |i| text_end + 2 + i),
        false => text_end + 1,
    };
    link[..end].chars().count()
}

/// The `]` that closes the text of the link `link` starts, brackets nested and
/// escaped ones skipped.
fn closing_bracket(link: &str) -> Option<usize> {
    let open = link.find('[')?;
    let bytes = link.as_bytes();
    let (mut depth, mut i) = (0usize, open + 1);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => return Some(i),
            b']' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_detection() {
        assert!(is_external("https://cnil.fr"));
        assert!(is_external("mailto:a@b.fr"));
        assert!(is_external("tel:+33100000000"));
        assert!(!is_external("../alerte/x.md"));
        assert!(!is_external("@PBN-ALE-001"));
        assert!(!is_external("a/b:c.md"));
    }

    #[test]
    fn script_urls_in_any_spelling() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:x",
            " \u{1}java\tscript:x",
            "vbscript:x",
        ] {
            assert!(runs_script(url), "{url:?}");
        }
        for url in [
            "javascript",
            "javascript.md",
            "https://x.fr/javascript:",
            "mailto:a@b.fr",
        ] {
            assert!(!runs_script(url), "{url:?}");
        }
    }
}
