//! Markdown the author meant as a link that CommonMark reads as plain text: a
//! target with spaces (`[la fiche](ma fiche.md)`, `tel:01 23 45 67 89`), a
//! shortcode pasted from Hugo or Jekyll, a reference with no definition. The page
//! would show the brackets, and the reader would have no link: say so.

use pulldown_cmark::{Event, Tag};

use super::Renderer;

/// The callout kinds Markdown (GitHub's alerts) knows.
const KINDS: [&str; 5] = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

impl Renderer<'_, '_> {
    /// Warns about `[text](target)` or `[text] (target)` left in the text:
    /// Markdown did not read it.
    pub(super) fn check_unread_links(&mut self, text: &str, offset: usize) {
        if !text.contains(']') {
            return;
        }
        let spaced = spaced_links(text)
            .into_iter()
            .map(|(written, link_text, target)| {
                let help =
                    format!("remove the space between `]` and `(`: `[{link_text}]({target})`");
                (written, help)
            });
        let unread = unread_links(text).into_iter().map(|(written, link_text, target)| {
            let help = match self.hyphenated_file(target) {
                Some(file) => format!(
                    "a link's target cannot hold spaces, nor does the file's name: write `[{link_text}]({file})`"
                ),
                None => fix(link_text, target),
            };
            (written, help)
        });
        let found: Vec<(&str, String)> = spaced.chain(unread).collect();
        for (written, help) in found {
            let Some(at) = self.unescaped_at(offset, written) else {
                continue;
            };
            self.warn(
                at,
                written.chars().count(),
                format!("`{written}` is not read as a link: it shows as typed"),
                Some(help),
            );
        }
    }

    /// `target`, written with spaces, once they are hyphens or underscores,
    /// when that names a file and the spaced name none: `activer cellule.md`
    /// for `activer-cellule.md`.
    fn hyphenated_file(&self, target: &str) -> Option<String> {
        let exists = |written: &str| {
            let path = written.split('#').next().unwrap_or(written);
            let rel =
                crate::model::urls::join(self.src.dir, &crate::model::urls::decode_path(path));
            rel.is_some_and(|rel| {
                self.site.page_by_rel(&rel).is_some() || self.site.asset_by_rel(&rel).is_some()
            })
        };
        let target = target.trim();
        if !target.contains(' ') || exists(target) {
            return None;
        }
        ["-", "_"]
            .iter()
            .map(|joint| target.replace(' ', joint))
            .find(|written| exists(written))
    }

    /// Warns about `> [!DANGER]`, a callout kind Markdown does not know, and about
    /// `> [!TIP] Title`: both show the marker as typed.
    pub(super) fn check_callout_marker(&mut self, text: &str, offset: usize) {
        let opens_quote = matches!(
            self.out.as_slice(),
            [
                ..,
                Event::Start(Tag::BlockQuote(None)),
                Event::Start(Tag::Paragraph)
            ]
        );
        let Some(marker) = text
            .strip_prefix("[!")
            .and_then(|rest| rest.split_once(']'))
            .map(|(kind, _)| kind)
            .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic()))
        else {
            return;
        };
        if !opens_quote {
            return;
        }
        let written = format!("[!{marker}]");
        let known = KINDS.iter().any(|k| k.eq_ignore_ascii_case(marker));
        let (message, help) = if known {
            (
                format!(
                    "`{written}` makes a callout only alone on its line: here it shows as typed"
                ),
                "put the text after it on the next line of the quote (`> …`)".to_string(),
            )
        } else {
            (
                format!("`{written}` is not a callout kind: it shows as typed"),
                format!(
                    "use one of {}",
                    KINDS.map(|k| format!("`[!{k}]`")).join(", ")
                ),
            )
        };
        let at = self.dest_offset(offset, &written);
        self.warn(at, written.chars().count(), message, Some(help));
    }

    /// Warns about `[text][label]` and `[text][]` whose label has no definition.
    /// `[Ctrl][Alt]` or `a[i][j]` read the same: a full reference is only taken
    /// for one when the page defines labels or the label is a number (`[1]`).
    pub(super) fn report_undefined_references(
        &mut self,
        found: Vec<(std::ops::Range<usize>, String, bool)>,
        defines_labels: bool,
    ) {
        let body = &self.src.text[self.src.body_offset..];
        let mut reported_to = 0;
        for (span, label, collapsed) in found {
            let numbered = !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit());
            // `[Ctrl][Alt][Suppr]` pairs overlap: one report per run.
            if !(collapsed || defines_labels || numbered) || span.start < reported_to {
                continue;
            }
            reported_to = span.end;
            let written = body.get(span.clone()).unwrap_or_default().to_string();
            let text = written
                .split("][")
                .next()
                .unwrap_or_default()
                .trim_start_matches('[');
            self.warn(
                span.start,
                written.chars().count(),
                format!("`{written}` uses the link label `[{label}]`, which is defined nowhere in this page: it shows as typed"),
                Some(format!(
                    "define it on a line of its own, `[{label}]: ../dossier/fiche.md`, or write the link inline: `[{text}](../dossier/fiche.md)`"
                )),
            );
        }
    }
}

/// Each `[text](target)` in `text`: as written, its text and its target.
fn unread_links(text: &str) -> Vec<(&str, &str, &str)> {
    bracketed(text, "](")
}

/// Each `[text] (target)` in `text` whose target reads as a link's (a path, an
/// anchor, an address with no space): a space between `]` and `(` leaves it
/// text. `[sic] (voir plus bas)` is prose.
fn spaced_links(text: &str) -> Vec<(&str, &str, &str)> {
    let mut found = bracketed(text, "] (");
    found.retain(|(_, _, target)| reads_as_target(target));
    found
}

/// Each `[text]` and `(target)` that `joint` joins in `text`: as written, its
/// text and its target.
fn bracketed<'t>(text: &'t str, joint: &str) -> Vec<(&'t str, &'t str, &'t str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(joint).map(|i| from + i) {
        let target_start = i + joint.len();
        let Some(end) = text[target_start..].find(')').map(|e| target_start + e) else {
            break;
        };
        if let Some(open) = text[from..i].rfind('[').map(|o| from + o) {
            found.push((
                &text[open..=end],
                &text[open + 1..i],
                &text[target_start..end],
            ));
        }
        from = end + 1;
    }
    found
}

fn reads_as_target(target: &str) -> bool {
    let schemes = ["http:", "https:", "mailto:", "tel:"];
    // `(#338)` after a change's name is an issue's number.
    let issue = target
        .strip_prefix('#')
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    !issue
        && !target.contains(char::is_whitespace)
        && (target.contains(".md")
            || target.contains('/')
            || target.starts_with(['#', '@'])
            || schemes.iter().any(|s| target.starts_with(s)))
}

/// How to write the link so that Markdown reads it.
fn fix(text: &str, target: &str) -> String {
    let target = target.trim();
    if target.contains("{{") || target.contains("{%") {
        return "shortcodes of other tools are not read here: link to the file itself, e.g. `[text](../alerte/fiche.md)`".into();
    }
    if let Some(number) = target.strip_prefix("tel:") {
        let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
        return format!("write the number without spaces: `[{text}](tel:{digits})`");
    }
    if target.contains(char::is_whitespace) {
        return format!(
            "a link's target cannot hold spaces: write `[{text}](<{target}>)` or `[{text}]({})`",
            target.replace(' ', "%20")
        );
    }
    "check its brackets and parentheses: `[text](target)`, with nothing between `]` and `(`".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_left_as_text() {
        assert_eq!(
            unread_links("Voir [la fiche](ma fiche.md) et [tel](tel:01 23) fin."),
            [
                ("[la fiche](ma fiche.md)", "la fiche", "ma fiche.md"),
                ("[tel](tel:01 23)", "tel", "tel:01 23")
            ]
        );
        assert!(unread_links("a ](b) sans crochet").is_empty());
        assert!(unread_links("[a](b").is_empty());
    }

    #[test]
    fn finds_links_spaced_from_their_target() {
        assert_eq!(
            spaced_links("Voir [la fiche] (../a/fiche.md), [sic] (voir plus bas), [1] (2020), [fix] (#338) et [b] (#etapes)."),
            [
                ("[la fiche] (../a/fiche.md)", "la fiche", "../a/fiche.md"),
                ("[b] (#etapes)", "b", "#etapes")
            ]
        );
        assert!(spaced_links("[a] (b/c").is_empty());
    }

    #[test]
    fn fixes_say_how_to_write_it() {
        assert_eq!(
            fix("la fiche", "ma fiche.md"),
            "a link's target cannot hold spaces: write `[la fiche](<ma fiche.md>)` or `[la fiche](ma%20fiche.md)`"
        );
        assert_eq!(
            fix("tel", "tel:01 23 45 67 89"),
            "write the number without spaces: `[tel](tel:0123456789)`"
        );
        assert!(fix("x", "{{< ref \"a.md\" >}}").starts_with("shortcodes"));
    }
}
