//! Syntax of other writing tools that CommonMark shows as typed: Hugo, Jekyll and
//! mdBook shortcodes, Obsidian's wikilinks, embeds, highlights and comments,
//! Docusaurus and MkDocs admonitions, and what Pandoc writes when it converts a
//! Word document (grid tables, `{…}` attributes, `^sup^` and `~sub~`, dashes
//! typed `--` and `---`, raw blocks). Pages
//! brought from those tools would print braces and brackets where the author meant
//! a link, a figure, a table or a warning box, and an Obsidian comment, meant
//! private, would be published.

use super::Renderer;

/// One piece of foreign syntax found in a text, as written.
struct Found<'t> {
    written: &'t str,
    message: String,
    help: String,
    /// Published against the author's intent (a comment): an error.
    leaks: bool,
    /// Where in the source it must stand to be that syntax.
    place: Place,
    /// What a wikilink holds (`page#heading|text`): its fix is the link to write.
    wikilink: Option<&'t str>,
}

impl<'t> Found<'t> {
    /// A warning at `written`, wherever it stands.
    fn new(written: &'t str, message: String, help: impl Into<String>) -> Self {
        Found {
            written,
            message,
            help: help.into(),
            leaks: false,
            place: Place::Anywhere,
            wikilink: None,
        }
    }

    /// `written`, which is `what` (another tool's syntax), shows as typed.
    fn typed(written: &'t str, what: &str, help: impl Into<String>) -> Self {
        let shown = crate::diag::shorten(written);
        Found::new(
            written,
            format!("`{shown}` is {what}: it shows as typed"),
            help,
        )
    }

    fn at(self, place: Place) -> Self {
        Found { place, ..self }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Place {
    Anywhere,
    /// Right after a `]` or a `)`: Pandoc's attributes of a span, image or link.
    AfterBracket,
    /// The top border of a grid table: the line above is no row of it.
    TableTop,
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
            let body = &self.src.text[self.src.body_offset..];
            let before = &body[..at];
            let help = match found.place {
                Place::Anywhere => found.help,
                Place::AfterBracket if before.ends_with(')') && after_image(before) => {
                    "remove it: images fit the page's width, on screen and on paper".into()
                }
                Place::AfterBracket if before.ends_with(')') => {
                    "remove it: planblanc writes the link itself".into()
                }
                Place::AfterBracket if before.ends_with(']') => found.help,
                Place::AfterBracket => continue,
                Place::TableTop if under_a_grid_row(before) => continue,
                Place::TableTop => found.help,
            };
            let embed = before.ends_with('!');
            let help = (found.wikilink)
                .and_then(|inner| self.wikilink_fix(inner, embed))
                .unwrap_or(help);
            let len = found.written.chars().count();
            if found.leaks {
                self.error(at, len, found.message, Some(help));
            } else {
                self.warn(at, len, found.message, Some(help));
            }
        }
    }

    /// The Markdown to write for the wikilink (or, `embed`, the `![[…]]`)
    /// holding `inner` (`name#heading|text`), when one file answers to its name:
    /// an attachment of any folder for an embed, else a procedure by id, file,
    /// path or title.
    fn wikilink_fix(&self, inner: &str, embed: bool) -> Option<String> {
        let (target, text) = inner.split_once('|').unwrap_or((inner, ""));
        let (name, heading) = target.split_once('#').unwrap_or((target, ""));
        let name = name.trim();
        let from = format!("{}/", self.src.dir);
        if let Some(asset) = self.site.asset_named(name).filter(|_| embed) {
            let rel = &self.site.assets[asset].rel;
            let path = crate::model::urls::relative(&from, rel);
            let file = rel.rsplit('/').next().unwrap_or(rel);
            if super::links::unshown_image(rel).is_some() {
                return Some(format!("write a link to the file: `[{file}]({path})`"));
            }
            let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
            return Some(format!(
                "write an image, its text saying what it shows: `![{stem}]({path})`"
            ));
        }
        let name = name.strip_suffix(".md").unwrap_or(name);
        let page = &self.site.pages[self.site.page_named(name)?];
        let text = match text.trim() {
            // An embed's `|…` is the size it is shown at.
            text if !text.is_empty() && !embed => text,
            _ => page.src.front.title.as_str(),
        };
        let path = crate::model::urls::relative(&from, &page.src.rel);
        let anchor = match heading.trim() {
            "" => String::new(),
            heading => format!("#{}", super::anchors::slugify(heading)),
        };
        Some(format!(
            "write a link to the file: `[{text}]({path}{anchor})`"
        ))
    }

    /// A rule drawn by a line of dash groups, `-------- -----------`, is the column
    /// line of a table Pandoc lined up with spaces (its simple and multiline
    /// tables): CommonMark shows rules, run-together cells, even a heading.
    pub(super) fn check_column_rule(&mut self, offset: usize) {
        let body = &self.src.text[self.src.body_offset..];
        let start = body[..offset].rfind('\n').map_or(0, |i| i + 1);
        let mut lines = body[start..].lines();
        let line = lines.next().unwrap_or_default();
        // A table's last column line has no row below it: only its first is named.
        let row_below = lines.next().is_some_and(|l| !l.trim().is_empty());
        if !row_below || !is_column_line(line.trim_start_matches([' ', '>'])) {
            return;
        }
        let at = start + (line.len() - line.trim_start().len());
        let len = line.trim().chars().count();
        let message = "this is a Pandoc table, its columns lined up with spaces: it shows as rules and run-together text";
        self.warn(at, len, message.into(), Some(TABLE_HELP.into()));
    }

    /// ```` ```{=html} ````: Pandoc's raw block, kept for one output format. Here it
    /// shows as code, most often an empty `<!-- -->` that Pandoc writes between
    /// two lists. Returns whether the block is one.
    pub(super) fn check_raw_block(&mut self, lang: &str, code: &str, offset: usize) -> bool {
        let Some(format) = lang.strip_prefix('=') else {
            return false;
        };
        let message = format!("this is a Pandoc raw block for `{format}`: it shows as code");
        let help = if code.trim() == "<!-- -->" {
            "delete the block: Pandoc writes this empty comment to keep two lists apart".to_string()
        } else if format.eq_ignore_ascii_case("html") {
            "delete its first and last lines to keep the HTML: Markdown takes HTML as it is"
                .to_string()
        } else {
            format!("delete the block: {format} is for another kind of document than a web page or its print")
        };
        let fence = self.src.text.get(self.src.body_offset + offset..);
        let len =
            (fence.and_then(|t| t.lines().next())).map_or(3, |l| l.trim_end().chars().count());
        self.warn(offset, len, message, Some(help));
        true
    }
}

const TABLE_HELP: &str = "write a table of `|` lines: `| Qui | Quoi |`, then `| --- | --- |`, then a line per row (`pandoc -t gfm` converts a document that way)";

/// `------- ------ ----------`: groups of dashes, one per column.
fn is_column_line(line: &str) -> bool {
    let dashes = |g: &str| g.len() >= 3 && g.bytes().all(|b| b == b'-');
    line.split_whitespace().all(dashes) && line.split_whitespace().nth(1).is_some()
}

/// Whether `text` may hold foreign syntax: one fast pass, as most text has none.
/// Text events are short (a line at most), so a table look per byte beats
/// searchers that are set up for each call.
pub(super) fn may_hold(text: &str) -> bool {
    const MARKS: [bool; 256] = {
        let mut marks = [false; 256];
        let mut i = 0;
        while i < 6 {
            marks[b"{%=^~["[i] as usize] = true;
            i += 1;
        }
        marks
    };
    let bytes = text.as_bytes();
    bytes.iter().any(|&b| MARKS[usize::from(b)])
        || text.starts_with(['+', ':', '!'])
        || memchr::memchr_iter(b'-', bytes).any(|i| bytes.get(i + 1) == Some(&b'-'))
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
            out.push(Found::typed(
                written,
                "another tool's shortcode",
                "write it in Markdown: a link `[text](fiche.md)`, an image `![text](image.png)`, or the text itself",
            ));
        }
    }
    for written in spans(text, "[[", "]]") {
        // `[[1, 2], [3, 4]]` is data, not a page name.
        if written[2..written.len() - 2].contains(['[', ']']) {
            continue;
        }
        let embed = text[..written.as_ptr() as usize - text.as_ptr() as usize].ends_with('!');
        let (what, help) = if embed {
            (
                "an Obsidian embed",
                "write an image `![text](image.png)`, or link to the page `[text](fiche.md)`",
            )
        } else {
            (
                "an Obsidian wikilink",
                "write a link to the file: `[text](fiche.md)`",
            )
        };
        out.push(Found {
            wikilink: Some(&written[2..written.len() - 2]),
            ..Found::typed(written, what, help)
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
        let shown = crate::diag::shorten(written);
        let message = format!("`{shown}` is an Obsidian comment: planblanc publishes it as typed");
        let help = "for a note that must not be published, write `<!-- … -->`";
        out.push(Found {
            leaks: true,
            ..Found::new(written, message, help)
        });
    }
    for written in spans(text, "==", "==") {
        let inner = &written[2..written.len() - 2];
        // `==> suite <==` is a pair of arrows.
        let arrows = inner.starts_with('>') || inner.ends_with('<');
        // `+=====+=====+` is a grid table's border, not a highlight.
        let words = inner.chars().any(char::is_alphanumeric);
        if !arrows
            && words
            && !inner.starts_with(' ')
            && !inner.ends_with(' ')
            && !inner.contains("==")
        {
            out.push(Found::typed(
                written,
                "a highlight of other tools",
                "for emphasis, write `**text**`",
            ));
        }
    }
    for marker in [":::", "!!!"] {
        if let Some(line) = text
            .strip_prefix(marker)
            .map(|_| text.lines().next().unwrap_or(text))
        {
            out.push(Found::typed(
                line,
                "an admonition of another tool",
                "write a callout: `> [!WARNING]` on its line, then the text in `> ` lines",
            ));
        }
    }
    pandoc(text, &mut out);
    out
}

/// What Pandoc writes that CommonMark shows as typed: a Word document converted
/// with `pandoc -t markdown` is full of it.
fn pandoc<'t>(text: &'t str, out: &mut Vec<Found<'t>>) {
    for line in text.lines() {
        if is_grid_border(line) {
            let message = "this is a Pandoc grid table: it shows as typed".into();
            out.push(Found::new(line, message, TABLE_HELP).at(Place::TableTop));
        }
    }
    for written in spans(text, "{", "}") {
        if !is_attribute_list(&written[1..written.len() - 1]) {
            continue;
        }
        out.push(
            Found::typed(
                written,
                "a Pandoc attribute",
                "remove it, with the brackets around the text before it",
            )
            .at(Place::AfterBracket),
        );
    }
    for written in dashes(text) {
        let (count, help) = match written.len() {
            2 => ("two", "write `–`, the en dash"),
            _ => ("three", "write `—`, the em dash"),
        };
        let message = format!("`{written}` shows as {count} hyphens, not as a dash");
        let help =
            format!("{help}; `pandoc -t markdown-smart` keeps a document's dashes as they are");
        out.push(Found::new(written, message, help));
    }
    for (mark, name) in [('^', "superscript"), ('~', "subscript")] {
        let delimiter = mark.to_string();
        for written in spans(text, &delimiter, &delimiter) {
            let inner = &written[1..written.len() - 1];
            let sign = inner.chars().all(|c| "+-−".contains(c));
            let word = inner.chars().any(char::is_alphanumeric) || sign;
            if !word || inner.contains(char::is_whitespace) || inner.contains(mark) {
                continue;
            }
            let start = written.as_ptr() as usize - text.as_ptr() as usize;
            let (before, after) = (&text[..start], &text[start + written.len()..]);
            // `~~~x~~~`, `~x~~`: runs of the mark are strikethrough's, or nothing.
            if before.ends_with(mark) || after.starts_with(mark) {
                continue;
            }
            // `1^er^`, `XXI^e^`: typed plainly, the ordinal is raised anyway.
            let word = &before[before.trim_end_matches(|c: char| !c.is_whitespace()).len()..];
            let plain = format!("{word}{inner}");
            let raised = super::typography::ordinals(&plain)
                .is_some_and(|pieces| pieces.last() == Some(&(inner, true)));
            let help = if mark == '^' && raised {
                format!("write `{plain}`: planblanc raises the letters of ordinals")
            } else {
                let tag = &name[..3];
                format!("write `<{tag}>{inner}</{tag}>`")
            };
            out.push(Found::typed(written, &format!("Pandoc's {name}"), help));
        }
    }
}

/// `--` and `---` meant as dashes, as Pandoc writes `–` and `—` (and many
/// people type them): between two words or two spaces, `8h--12h`, `fin -- suite`.
/// A `--option`, an arrow `-->`, a cell holding only `--` and the dashes of
/// a table's lines are left alone.
fn dashes(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(start) = bytes[i..].iter().position(|&b| b == b'-').map(|p| i + p) {
        i = start + bytes[start..].iter().take_while(|&&b| b == b'-').count();
        let (before, after) = (text[..start].chars().next_back(), text[i..].chars().next());
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let gap = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let between_words = word(before) && word(after);
        // `| --- |` is a table's line that did not make a table (named elsewhere).
        let cell =
            text[..start].trim_end().ends_with('|') || text[i..].trim_start().starts_with('|');
        let between_spaces =
            gap(before) && gap(after) && (before.is_some() || after.is_some()) && !cell;
        if (2..=3).contains(&(i - start)) && (between_words || between_spaces) {
            found.push(&text[start..i]);
        }
    }
    found
}

/// `+------+------+` or `+:=====+======+`: a line of a grid table's frame.
fn is_grid_border(line: &str) -> bool {
    let line = line.trim_end();
    line.len() > 2
        && line.starts_with('+')
        && line.ends_with('+')
        && line.contains(['-', '='])
        && line.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// Whether `before` ends with an image, `![text](address)`, rather than a link.
fn after_image(before: &str) -> bool {
    let text_end = before.rfind("](").unwrap_or(0);
    let open = before[..text_end].rfind('[').unwrap_or(0);
    before[..open].ends_with('!')
}

/// Whether the line above `before`'s end is a row or border of a grid table.
fn under_a_grid_row(before: &str) -> bool {
    let start_of_line = before.rfind('\n').map_or(0, |i| i + 1);
    let above = before[..start_of_line].trim_end_matches(['\n', '\r']);
    let above = above[above.rfind('\n').map_or(0, |i| i + 1)..].trim_start();
    above.starts_with(['|', '+'])
}

/// `.underline`, `#fig-1`, `width="3.125in" title="Plan d'accès"`: Pandoc's
/// attributes, each a class, an id or a `key=value`.
fn is_attribute_list(inner: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || "-_:.".contains(c);
    let mut rest = inner.trim_start();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let name_end = |s: &str| s.find(|c| !is_name(c)).unwrap_or(s.len());
        rest = if let Some(name) = rest.strip_prefix(['.', '#']) {
            let end = name_end(name);
            if !name.starts_with(char::is_alphabetic) {
                return false;
            }
            &name[end..]
        } else {
            let key_end = name_end(rest);
            let Some(value) = rest[key_end..].strip_prefix('=').filter(|_| key_end > 0) else {
                return false;
            };
            match value.strip_prefix('"') {
                Some(quoted) => match quoted.find('"') {
                    Some(end) => &quoted[end + 1..],
                    None => return false,
                },
                None if value.is_empty() || value.starts_with(char::is_whitespace) => return false,
                None => &value[value.find(char::is_whitespace).unwrap_or(value.len())..],
            }
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            return false;
        }
        rest = rest.trim_start();
    }
    true
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

    /// What `foreign` finds, in reading order.
    fn written(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = foreign(text).into_iter().map(|f| f.written).collect();
        found.sort_by_key(|w| w.as_ptr() as usize);
        found
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
        assert_eq!(
            written("[a]{.underline} ![b](c.png){width=\"3in\" title=\"Plan d'accès\"}"),
            ["{.underline}", "{width=\"3in\" title=\"Plan d'accès\"}"]
        );
        assert_eq!(
            written("le 1^er^ jour, H~2~O, H^+^"),
            ["^er^", "~2~", "^+^"]
        );
        assert_eq!(written("+----+:===+"), ["+----+:===+"]);
    }

    #[test]
    fn dashes_between_words_or_spaces() {
        assert_eq!(dashes("8h--12h --- fin -- suite"), ["--", "---", "--"]);
        assert_eq!(dashes("-- Allô ? --"), ["--", "--"]);
        for text in [
            "--safe-mode et x --force",
            "<-- et -->",
            "a---",
            "----",
            "--",
            "| -- |",
            "--- | ---",
            "c'est-à-dire",
        ] {
            assert!(dashes(text).is_empty(), "{text}");
        }
        assert!(may_hold("8h--12h") && !may_hold("c'est-à-dire - oui"));
    }

    #[test]
    fn pandoc_ordinals_are_told_to_be_typed_plainly() {
        let help = |text| foreign(text).pop().map(|f| f.help).unwrap_or_default();
        assert!(help("le XXI^e^ siècle").starts_with("write `XXIe`"));
        assert!(help("le 2^nd^ poste").starts_with("write `2nd`"));
        assert_eq!(
            help("(1^er^"),
            "write `(1er`: planblanc raises the letters of ordinals"
        );
        // Not ordinals, as `typography` reads them: the number is not a word.
        assert_eq!(help("H2^e^"), "write `<sup>e</sup>`");
        assert_eq!(help("m^2^"), "write `<sup>2</sup>`");
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
            "2^10 et 2^20",
            "^_^",
            "cd ~/dossier et ~/autre",
            "{a: 1} {.5} {x=} {#} {}",
            "+ plus + et - moins -",
            "a ~~ b ~~ c",
            "~~~pas~~~ et ~tildes~~",
        ] {
            assert!(written(text).is_empty(), "{text}: {:?}", written(text));
            let _ = may_hold(text);
        }
        assert!(!may_hold("Le RSSI isole le poste."));
    }
}
