//! Attachments of `content/` are copied as they are, unless their first bytes
//! say they must not be: a signing key, or a procedure saved under another name.

use std::path::{Path, PathBuf};

use super::{AssetSource, Item};
use crate::diag::Diagnostic;

/// What the first bytes of a file of `content/` say about copying it as is.
enum Head {
    Plain,
    /// A minisign secret key: anyone could then sign a forged copy.
    SecretKey,
    /// Front matter, as a procedure starts: an editor's backup (`x.md.bak`,
    /// `#x.md#`) or another tool's Markdown (`.mdx`, `.txt`). Copied, it would publish
    /// its text whatever its TLP.
    FrontMatter,
    /// It cannot be read: copying it would fail the build with no place to fix.
    Unreadable(std::io::Error),
}

fn sniff(path: &Path) -> Head {
    use std::io::Read;
    // A key file is a few hundred bytes, a procedure's front matter a few dozen lines.
    const HEAD_MAX: u64 = 16 * 1024;
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD_MAX).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Head::Unreadable(e);
    }
    let head = String::from_utf8_lossy(&bytes);
    let head = head.strip_prefix('\u{feff}').unwrap_or(&head);
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    if first.starts_with("untrusted comment: minisign") && first.contains("secret key") {
        return Head::SecretKey;
    }
    // A YAML attachment may start with `---` too: a procedure's front matter has a
    // `tlp` key (required), however YAML lets it be written (`tlp : red`,
    // `"tlp": red`, `{id: x, tlp: red}`).
    let front_matter = first.trim_end() == "---"
        && lines
            .take_while(|l| !matches!(l.trim_end(), "---" | "..."))
            .any(has_tlp_key);
    if front_matter {
        Head::FrontMatter
    } else {
        Head::Plain
    }
}

/// Whether a YAML line sets `tlp`, in block or flow style, quoted or not.
fn has_tlp_key(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.match_indices("tlp").any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let word_start = before.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
        let rest = lower[at + 3..].trim_start_matches(['"', '\'']).trim_start();
        word_start && rest.starts_with(':')
    })
}

/// An editor's or a merge tool's copy of a procedure (`x.md.bak`, `x.md.orig`,
/// `x.md.1`): whatever it holds now, it holds a sheet's text.
fn is_markdown_copy(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    name.contains(".md.") || name.contains(".markdown.")
}

pub(super) fn read_asset(
    root: &Path,
    path: PathBuf,
    rel: String,
) -> (Option<Item>, Vec<Diagnostic>) {
    let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    let head = match sniff(&path) {
        Head::Plain if is_markdown_copy(&rel) => Head::FrontMatter,
        head => head,
    };
    match head {
        Head::Plain => (Some(Item::Asset(AssetSource { rel, path })), Vec::new()),
        Head::SecretKey => {
            let d = Diagnostic::error(
                shown,
                "this is a minisign secret key: it would be published",
            )
            .help("move it out of the handbook (e.g. to your home folder) and keep it private");
            (Some(Item::Withheld(rel)), vec![d])
        }
        Head::Unreadable(e) => {
            let d = Diagnostic::error(
                shown,
                format!("cannot read this file: {}", crate::diag::io_reason(&e)),
            )
            .help(crate::diag::unreadable_help(&e));
            (Some(Item::Withheld(rel)), vec![d])
        }
        Head::FrontMatter => {
            let d = Diagnostic::warning(
                shown,
                "this file starts with front matter but is not a `.md` file: not published",
            )
            .help(
                "an editor's backup or a copy can be deleted; to publish it as a procedure, \
                 give it the `.md` extension",
            );
            (Some(Item::Withheld(rel)), vec![d])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tlp_key_in_any_yaml_spelling() {
        for line in [
            "tlp: red",
            "tlp : red",
            "\"tlp\": red",
            "'TLP': amber",
            "{id: x, tlp: red}",
        ] {
            assert!(has_tlp_key(line), "{line}");
        }
        for line in ["title: TLP", "mytlp: x", "tlps: 1", "# tlp"] {
            assert!(!has_tlp_key(line), "{line}");
        }
    }

    #[test]
    fn copies_of_markdown_files_by_name() {
        assert!(is_markdown_copy("alerte/rouge.md.bak"));
        assert!(is_markdown_copy("alerte/ROUGE.MD.orig"));
        assert!(!is_markdown_copy("alerte/mdm.pdf"));
        assert!(!is_markdown_copy("alerte/plan.pdf"));
    }
}
