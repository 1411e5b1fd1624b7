//! Syntax of other writing tools that CommonMark shows as typed: Hugo, Jekyll and
//! mdBook shortcodes, Obsidian's wikilinks, embeds, highlights and comments,
//! Docusaurus and MkDocs admonitions. Pages brought from those tools would print
//! braces and brackets where the author meant a link, a figure or a warning box,
//! and an Obsidian comment, meant private, would be published.

use super::Renderer;

/// One piece of foreign syntax found in a text, as written.
struct Found<'t> {
    written: &'t str,
    message: String,
    help: &'static str,
    /// Published against the author's intent (a comment): an error.
    leaks: bool,
}

impl Renderer<'_, '_> {
    /// Reports the foreign syntax of one text event (see the module docs).
    pub(super) fn check_foreign_syntax(&mut self, text: &str, offset: usize) {
        let mut found = foreign(text);
        // In reading order, each searched for after the one before: two alike
        // (`[[a]]` and `![[a]]`) are two places.
        found.sort_by_key(|f| f.written.as_ptr() as usize);
        let mut from = offset;
        for found in found {
            let Some(at) = self.unescaped_at(from, found.written) else {
                continue;
            };
            from = at + found.written.len();
            let len = found.written.chars().count();
            if found.leaks {
                self.error(at, len, found.message, Some(found.help.into()));
            } else {
                self.warn(at, len, found.message, Some(found.help.into()));
            }
        }
    }
}

/// Whether `text` may hold foreign syntax: one fast pass, as most text has none.
pub(super) fn may_hold(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(b'{', b'%', b'=', bytes).is_some()
        || memchr::memmem::find(bytes, b"[[").is_some()
        || text.starts_with(":::")
        || text.starts_with("!!!")
}

fn foreign(text: &str) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        for written in spans(text, open, close) {
            let before = &text[..written.as_ptr() as usize - text.as_ptr() as usize];
            // In a link's target, the unread link is reported (see `unread`); the
            // `{%…%}` inside a `{{%…%}}` is that one.
            if before.ends_with("](") || before.ends_with('{') {
                continue;
            }
            out.push(Found {
                written,
                message: format!("`{}` is another tool's shortcode: it shows as typed", crate::diag::shorten(written)),
                help: "write it in Markdown: a link `[text](fiche.md)`, an image `![text](image.png)`, or the text itself",
                leaks: false,
            });
        }
    }
    for written in spans(text, "[[", "]]") {
        // `[[1, 2], [3, 4]]` is data, not a page name.
        if written[2..written.len() - 2].contains(['[', ']']) {
            continue;
        }
        let embed = text[..written.as_ptr() as usize - text.as_ptr() as usize].ends_with('!');
        out.push(Found {
            written,
            message: format!(
                "`{written}` is an Obsidian {}: it shows as typed",
                if embed { "embed" } else { "wikilink" }
            ),
            help: if embed {
                "write an image `![text](image.png)`, or link to the page `[text](fiche.md)`"
            } else {
                "write a link to the file: `[text](fiche.md)`"
            },
            leaks: false,
        });
    }
    // A batch file's `%%f`, and an address, hold `%%` too.
    let address = text.contains("://");
    for written in spans(text, "%%", "%%") {
        let inner = &written[2..written.len() - 2];
        let batch_variable = inner.chars().nth(1).is_none_or(|c| !c.is_alphanumeric())
            && inner.starts_with(|c: char| c.is_ascii_alphabetic());
        if address || batch_variable {
            continue;
        }
        out.push(Found {
            written,
            message: format!(
                "`{}` is an Obsidian comment: planblanc publishes it as typed",
                crate::diag::shorten(written)
            ),
            help: "for a note that must not be published, write `<!-- … -->`",
            leaks: true,
        });
    }
    for written in spans(text, "==", "==") {
        let inner = &written[2..written.len() - 2];
        // `==> suite <==` is a pair of arrows.
        let arrows = inner.starts_with('>') || inner.ends_with('<');
        if !arrows && !inner.starts_with(' ') && !inner.ends_with(' ') && !inner.contains("==") {
            out.push(Found {
                written,
                message: format!("`{written}` is a highlight of other tools: it shows as typed"),
                help: "for emphasis, write `**text**`",
                leaks: false,
            });
        }
    }
    for marker in [":::", "!!!"] {
        if let Some(line) = text
            .strip_prefix(marker)
            .map(|_| text.lines().next().unwrap_or(text))
        {
            out.push(Found {
                written: line,
                message: format!(
                    "`{}` is an admonition of another tool: it shows as typed",
                    crate::diag::shorten(line)
                ),
                help: "write a callout: `> [!WARNING]` on its line, then the text in `> ` lines",
                leaks: false,
            });
        }
    }
    out
}

/// Each `open … close` in `text`, on one line and not empty.
fn spans<'t>(text: &'t str, open: &str, close: &str) -> Vec<&'t str> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(open).map(|i| from + i) {
        let inner = start + open.len();
        let Some(end) = text[inner..].find(close).map(|e| inner + e) else {
            break;
        };
        let body = &text[inner..end];
        if !body.trim().is_empty() && !body.contains('\n') {
            found.push(&text[start..end + close.len()]);
        }
        from = end + close.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> Vec<&str> {
        foreign(text).into_iter().map(|f| f.written).collect()
    }

    #[test]
    fn finds_other_tools_syntax() {
        assert_eq!(
            written("voir {{< figure src=\"a.png\" >}} et {% include x %}"),
            ["{{< figure src=\"a.png\" >}}", "{% include x %}"]
        );
        assert_eq!(
            written("voir [[cible|texte]] et ![[plan.png]]"),
            ["[[cible|texte]]", "[[plan.png]]"]
        );
        assert_eq!(written("texte %%note privée%% fin"), ["%%note privée%%"]);
        assert_eq!(written("un ==surligné== mot"), ["==surligné=="]);
        assert_eq!(
            written("!!! warning \"Attention\""),
            ["!!! warning \"Attention\""]
        );
        assert_eq!(written(":::warning"), [":::warning"]);
        assert_eq!(written("{{% notice %}}"), ["{{% notice %}}"]);
        assert!(written("[h]({{< ref \"x\" >}})").is_empty());
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for text in [
            "15 % des postes",
            "Sortie : ==> étape suivante, puis <== retour.",
            "for %%f in (*.log) do del %%f",
            "https://exemple.fr/%%x%%",
            "Les tableaux [[1, 2], [3, 4]] en JSON.",
            "a == b",
            "x = 1",
            "a[i][j]",
            "{x}",
            "50 %% 3",
        ] {
            assert!(written(text).is_empty(), "{text}: {:?}", written(text));
            let _ = may_hold(text);
        }
        assert!(!may_hold("Le RSSI isole le poste."));
    }
}
