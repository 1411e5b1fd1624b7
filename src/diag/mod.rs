//! Author-facing diagnostics: every content problem as a value with a file position,
//! the offending source line, and a fix. Rendered rustc-style with annotate-snippets.

mod shown;
mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

use shown::{caret_span, excerpt, one_line, shown_path, visible};
pub use shown::{code_point, is_default_ignorable, shown_name, unseen};
pub use suggest::{closest, did_you_mean};

/// An I/O error as a sentence, without the " (os error 2)" that means nothing to
/// an author.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

/// What to do about a file of `content/` that cannot be read, by what the system
/// said.
pub fn unreadable_help(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "make it readable (its permissions), or move it out of `content/`"
        }
        std::io::ErrorKind::InvalidFilename => {
            "shorten the names of the file and its folders, or move it out of `content/`"
        }
        _ => "check the file (the disk, the copy it came from), or move it out of `content/`",
    }
}

/// A long value (a shortcode, a style, an address) cut for a message.
pub fn shorten(written: &str) -> String {
    const MAX: usize = 60;
    match written.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &written[..i]),
        None => written.to_string(),
    }
}

/// `text` with every value quoted in it (between backticks) cut to its first 100
/// characters: a message names a mistyped code or a pasted blob, and a value of a
/// megabyte would otherwise fill the terminal. The place and the source excerpt
/// still show where it is.
fn clip_quoted(text: String) -> String {
    const MAX: usize = 100;
    let too_long = |quoted: &str| quoted.char_indices().nth(MAX).map(|(i, _)| i);
    if text.len() <= MAX
        || !text
            .split('`')
            .skip(1)
            .step_by(2)
            .any(|q| too_long(q).is_some())
    {
        return text;
    }
    let mut out = String::with_capacity(MAX * 4);
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        match too_long(part).filter(|_| i % 2 == 1) {
            Some(cut) => {
                out.push_str(&part[..cut]);
                out.push('…');
            }
            None => out.push_str(part),
        }
    }
    out
}

/// `n` and its noun with French agreement: 0 and 1 take the singular
/// ("0 erreur", "1 page", "2 pages").
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n < 2 { one } else { many })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place. `line` and `col` are 1-based; `len` is the width of the
/// offending value on that line (0 when the problem is the whole line or file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub len: usize,
    pub message: String,
    /// The line, or on a very long line (minified HTML, a pasted blob) the part
    /// around the problem, `…` marking what is cut.
    pub source_line: String,
    /// Characters of the line cut before `source_line` begins (0 for the whole line).
    pub cut_before: usize,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, message)
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, message)
    }

    fn new(severity: Severity, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            line: 0,
            col: 0,
            len: 0,
            message: clip_quoted(message.into()),
            source_line: String::new(),
            cut_before: 0,
            help: None,
        }
    }

    /// Places the diagnostic at a 1-based `line`/`col` of `source`, keeping that line's text.
    pub fn at(mut self, source: &str, line: usize, col: usize, len: usize) -> Self {
        self.line = line;
        self.col = col.max(1);
        self.len = len;
        let text = source
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or_default();
        (self.source_line, self.cut_before) = excerpt(text, self.col, len);
        self
    }

    /// Places the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize, len: usize) -> Self {
        let (line, col) = line_col(source, offset);
        self.at(source, line, col, len)
    }

    /// [`Diagnostic::at_offset`] with the line starts of `source` known, so a
    /// file with thousands of problems is not rescanned from the top for each.
    pub fn at_offset_indexed(
        mut self,
        source: &str,
        lines: &LineIndex,
        offset: usize,
        len: usize,
    ) -> Self {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = lines.starts.partition_point(|&start| start <= offset);
        let start = lines.starts[line - 1];
        let end = lines
            .starts
            .get(line)
            .map_or(source.len(), |&next| next - 1);
        let text = &source[start..end];
        self.line = line;
        self.col = source[start..offset].chars().count() + 1;
        self.len = len;
        // As `str::lines` gives it: without the `\r` of a CRLF ending.
        let text = text.strip_suffix('\r').unwrap_or(text);
        (self.source_line, self.cut_before) = excerpt(text, self.col, len);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(clip_quoted(help.into()));
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help.map(clip_quoted).or(self.help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders with a source excerpt and caret, like rustc. `styled` adds terminal colours.
    pub fn render(&self, styled: bool) -> String {
        use annotate_snippets::{Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        // Separators as `/`, then unseen characters named (`<U+000A>`).
        let origin = one_line(&self.file.to_string_lossy().replace('\\', "/")).into_owned();
        // A control character in the line would ring, move or recolour the terminal:
        // shown as its picture (␇, ␛), one column wide like the character it stands for.
        let source_line = visible(&self.source_line);
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let title = one_line(&self.message);
        let mut message = level.title(&title);
        if self.line > 0 {
            let span = caret_span(&source_line, self.col - self.cut_before, self.len);
            message = message.snippet(
                Snippet::source(&source_line)
                    .line_start(self.line)
                    .origin(&origin)
                    .annotation(level.span(span)),
            );
        }
        let help = self.help.as_deref().map(one_line);
        if self.line > 0 {
            if let Some(help) = &help {
                message = message.footer(Level::Help.title(help));
            }
            let shown = renderer.render(message).to_string();
            // annotate-snippets counts the column in the excerpt it is given: the
            // `-->` line names the file's own.
            let place = |col: usize| format!("{origin}:{}:{col}", self.line);
            return match self.cut_before {
                0 => shown,
                _ => shown.replacen(&place(self.col - self.cut_before), &place(self.col), 1),
            };
        }
        // No source line to show: the place comes right under the title, as it
        // does with a snippet, and the help after it.
        let mut out = renderer.render(message).to_string();
        out.push_str(&format!("\n  --> {origin}"));
        if let Some(help) = &help {
            out.push_str(&format!("\n   = help: {help}"));
        }
        out
    }
}

impl Diagnostic {
    /// One JSON object: `severity`, `file` (with `/`), `line`, `column` and `length`
    /// (null when the problem has no place in a line), `message`, `help`,
    /// `source_line`.
    pub fn to_json(&self) -> String {
        let placed = |n: usize| (self.line > 0).then_some(n);
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        serde_json::json!({
            "severity": severity,
            "file": self.file.to_string_lossy().replace('\\', "/"),
            "line": placed(self.line),
            "column": placed(self.col),
            "length": placed(self.len),
            "message": self.message,
            "help": self.help,
            "source_line": (self.line > 0).then_some(&self.source_line),
        })
        .to_string()
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `path:line:col: error: message` (the format editors jump to).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", shown_path(&self.file))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col)?;
        }
        write!(f, ": {kind}: {}", one_line(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, " ({})", one_line(help))?;
        }
        Ok(())
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where each line of a source starts.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let after_newlines = source.match_indices('\n').map(|(i, _)| i + 1);
        LineIndex {
            starts: std::iter::once(0).chain(after_newlines).collect(),
        }
    }

    /// The byte offset of 1-based `line` and character `col` of `source` (the
    /// line's end when it is shorter).
    pub fn offset_of(&self, source: &str, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return source.len();
        };
        let end = self.starts.get(line).map_or(source.len(), |&next| next - 1);
        let text = &source[start..end];
        start
            + text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i)
    }
}

/// The problems of one run, collected from every stage and reported together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, line and column, deduplicated: the order authors fix them in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Path shown to authors: relative to the site root when possible.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_quoted_value_is_cut_in_messages_and_help() {
        let long = "é".repeat(5000);
        let d = super::Diagnostic::error("a.md", format!("unknown phase `{long}`, see `b`"))
            .help(format!("replace `{long}`"));
        let cut = format!("`{}…`", "é".repeat(100));
        assert_eq!(d.message, format!("unknown phase {cut}, see `b`"));
        assert_eq!(d.help.as_deref(), Some(format!("replace {cut}").as_str()));
        // Words outside backticks, and values of 100 characters, are kept whole.
        let words = format!("{} `{}`", "mot ".repeat(50), "x".repeat(100));
        assert_eq!(
            super::Diagnostic::warning("a.md", words.clone()).message,
            words
        );
    }

    #[test]
    fn an_unreadable_file_gets_the_fix_its_error_calls_for() {
        use std::io::{Error, ErrorKind};
        let help = |kind| unreadable_help(&Error::from(kind));
        assert!(help(ErrorKind::PermissionDenied).contains("permissions"));
        assert!(help(ErrorKind::InvalidFilename).contains("shorten"));
        assert!(!help(ErrorKind::Other).contains("permissions"));
    }

    use super::*;

    #[test]
    fn a_very_long_line_is_shown_around_the_problem() {
        let line = format!("{}<div>{}", "é".repeat(100_000), "x".repeat(100_000));
        let d = Diagnostic::error("f.md", "m").at(&line, 1, 100_001, 5);
        assert_eq!(d.col, 100_001);
        assert!(
            d.source_line.chars().count() < 400,
            "{}",
            d.source_line.len()
        );
        assert!(d.source_line.starts_with('…') && d.source_line.ends_with('…'));
        let shown = d.render(false);
        let caret_line = shown.lines().find(|l| l.contains("^^^^^")).unwrap();
        let source = shown.lines().find(|l| l.contains("<div>")).unwrap();
        // The caret sits under `<div>`.
        let at = source.chars().position(|c| c == '<').unwrap();
        assert_eq!(
            caret_line.chars().position(|c| c == '^'),
            Some(at),
            "{shown}"
        );
        assert!(shown.contains("--> f.md:1:100001\n"), "{shown}");
        let short = Diagnostic::error("f.md", "m").at("court <div>", 1, 7, 5);
        assert_eq!(
            (short.source_line.as_str(), short.cut_before),
            ("court <div>", 0)
        );
    }

    #[test]
    fn indexed_placement_matches_the_plain_one() {
        let src = "a\r\nété: x\n\nfin sans retour";
        let lines = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            let plain = Diagnostic::warning("f.md", "m").at_offset(src, offset, 1);
            let indexed =
                Diagnostic::warning("f.md", "m").at_offset_indexed(src, &lines, offset, 1);
            assert_eq!(plain, indexed, "offset {offset}");
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let src = "a\nété: x\n";
        assert_eq!(line_col(src, 0), (1, 1));
        let off = src.find(':').unwrap();
        assert_eq!(line_col(src, off), (2, 4));
    }

    #[test]
    fn render_points_at_value() {
        let src = "---\nregions: [\"85\"]\n---\n";
        let d = Diagnostic::error("content/a.md", "unknown region `85`")
            .at(src, 2, 11, 4)
            .help("did you mean `84`?");
        let out = d.render(false);
        assert!(out.contains("content/a.md:2:11"), "{out}");
        assert!(out.contains("regions: [\"85\"]"), "{out}");
        assert!(out.contains("^^^^"), "{out}");
        assert!(out.contains("did you mean `84`?"), "{out}");
    }

    #[test]
    fn json_has_every_field_and_nulls_without_a_place() {
        let d = Diagnostic::error("content/a.md", "unknown region `85`")
            .at("---\nregions: [\"85\"]\n", 2, 11, 4)
            .help("did you mean `84`?");
        let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(v["severity"], "error");
        assert_eq!(v["file"], "content/a.md");
        assert_eq!(
            (
                v["line"].as_u64(),
                v["column"].as_u64(),
                v["length"].as_u64()
            ),
            (Some(2), Some(11), Some(4))
        );
        assert_eq!(v["help"], "did you mean `84`?");
        assert_eq!(v["source_line"], "regions: [\"85\"]");
        let lineless = Diagnostic::warning("content/x", "odd \"file\"");
        let v: serde_json::Value = serde_json::from_str(&lineless.to_json()).unwrap();
        assert!(v["line"].is_null() && v["column"].is_null() && v["help"].is_null());
        assert_eq!(
            (v["severity"].as_str(), v["message"].as_str()),
            (Some("warning"), Some("odd \"file\""))
        );
    }

    #[test]
    fn render_never_sends_control_characters_to_the_terminal() {
        let d = Diagnostic::warning("content/nl\nb.md", "odd \u{202e}txt.exe").at(
            "Corps \u{7}bell \u{1b}[31mrouge\n",
            1,
            7,
            1,
        );
        let out = d.render(false);
        assert!(!out.contains(['\u{7}', '\u{1b}']), "{out:?}");
        assert!(
            out.contains("Corps \u{2407}bell \u{241b}[31mrouge"),
            "{out}"
        );
        assert!(out.contains("--> content/nl<U+000A>b.md:1:7"), "{out}");
        // A right-to-left override would turn the rest of the line around.
        assert!(out.contains("odd <U+202E>txt.exe"), "{out}");
    }

    #[test]
    fn render_without_a_line_puts_the_place_before_the_help() {
        let d = Diagnostic::error("content/a.md", "empty file").help("delete it");
        let out = d.render(false);
        assert_eq!(
            out, "error: empty file\n  --> content/a.md\n   = help: delete it",
            "{out}"
        );
    }
}
