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
}

fn sniff(path: &Path) -> Head {
    use std::io::Read;
    const HEAD_MAX: u64 = 4096; // a key file is a few hundred bytes
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD_MAX).read_to_end(&mut bytes));
    if read.is_err() {
        return Head::Plain;
    }
    let head = String::from_utf8_lossy(&bytes);
    let head = head.strip_prefix('\u{feff}').unwrap_or(&head);
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    if first.starts_with("untrusted comment: minisign") && first.contains("secret key") {
        return Head::SecretKey;
    }
    // A YAML attachment may start with `---` too: a procedure's keys tell them apart.
    let front_matter = first.trim_end() == "---"
        && lines
            .take_while(|l| l.trim_end() != "---")
            .any(|l| ["id:", "tlp:", "title:"].iter().any(|k| l.starts_with(k)));
    if front_matter {
        Head::FrontMatter
    } else {
        Head::Plain
    }
}

pub(super) fn read_asset(
    root: &Path,
    path: PathBuf,
    rel: String,
) -> (Option<Item>, Vec<Diagnostic>) {
    let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    match sniff(&path) {
        Head::Plain => (Some(Item::Asset(AssetSource { rel, path })), Vec::new()),
        Head::SecretKey => {
            let d = Diagnostic::error(
                shown,
                "this is a minisign secret key: it would be published",
            )
            .help("move it out of the handbook (e.g. to your home folder) and keep it private");
            (None, vec![d])
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
            (None, vec![d])
        }
    }
}
