//! Build-time syntax highlighting with syntect: HTML with CSS classes, and the
//! stylesheet generated from an accessible palette (AA contrast on the code background).

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::{
    Color, ScopeSelectors, StyleModifier, Theme, ThemeItem, ThemeSettings,
};
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// syntect's defaults plus the extra grammars (PowerShell among them) from two-face.
/// Loaded on first use: a site without code blocks never pays for it.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// Authors write `sh`, `ps1`, `yml`…: map common aliases to the grammar's token.
fn token(lang: &str) -> &str {
    match lang {
        "sh" | "shell" | "zsh" | "console" => "bash",
        "ps" | "ps1" | "pwsh" => "powershell",
        "yml" => "yaml",
        other => other,
    }
}

/// Whether `lang` names a known grammar.
pub fn knows(lang: &str) -> bool {
    syntaxes()
        .find_syntax_by_token(token(&lang.to_ascii_lowercase()))
        .is_some()
}

/// (language, code) → highlighted HTML (None: unknown language).
type Cache = HashMap<(String, String), Option<String>>;

/// Highlighted HTML for a code block, or None if the language is unknown. Handbooks
/// repeat the same commands across many sheets, and syntect costs tens of
/// microseconds per line, so results are memoised (bounded, small blocks only).
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    const MAX_BLOCK: usize = 4096;
    const MAX_ENTRIES: usize = 20_000;
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (lang.to_string(), code.to_string());
    if code.len() <= MAX_BLOCK {
        if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
    }
    let html = highlight_uncached(code, lang);
    if code.len() <= MAX_BLOCK {
        if let Ok(mut c) = cache.lock() {
            if c.len() < MAX_ENTRIES {
                c.insert(key, html.clone());
            }
        }
    }
    html
}

/// Highlights line by line like syntect's `ClassedHTMLGenerator`, but memoises each
/// line: the HTML of a line depends only on its text and the parser and scope state
/// it starts in, so a line seen before in the same state is not parsed again.
/// Handbooks share most commands between sheets in different combinations, which a
/// whole-block cache misses.
fn highlight_uncached(code: &str, lang: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(token(&lang.to_ascii_lowercase()))?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut open_spans: isize = 0;
    let mut html = String::with_capacity(code.len() * 4);
    for line in LinesWithEndings::from(code) {
        let (line_html, delta) = highlight_line(line, &syntax.name, &mut state, &mut stack)?;
        open_spans += delta;
        html.push_str(&line_html);
    }
    for _ in 0..open_spans.max(0) {
        html.push_str("</span>");
    }
    Some(html)
}

/// One memoised line: the states it starts in, the states it ends in, its HTML.
struct LineEntry {
    start: (ParseState, ScopeStack),
    end: (ParseState, ScopeStack),
    html: String,
    delta: isize,
}

type LineCache = HashMap<(String, String), Vec<LineEntry>>;

fn highlight_line(
    line: &str,
    syntax: &str,
    state: &mut ParseState,
    stack: &mut ScopeStack,
) -> Option<(String, isize)> {
    const MAX_LINES: usize = 100_000;
    // Parser states hold oniguruma regions, which are not `Send`: one cache per
    // thread (rayon's workers live for the whole build).
    thread_local! {
        static LINES: std::cell::RefCell<LineCache> = Default::default();
    }
    let key = (syntax.to_string(), line.to_string());
    let hit = LINES.with(|c| {
        let c = c.borrow();
        let entry = c
            .get(&key)?
            .iter()
            .find(|e| e.start.0 == *state && e.start.1 == *stack)?;
        Some((entry.end.clone(), entry.html.clone(), entry.delta))
    });
    if let Some(((end_state, end_stack), html, delta)) = hit {
        *state = end_state;
        *stack = end_stack;
        return Some((html, delta));
    }
    let start = (state.clone(), stack.clone());
    let ops = state.parse_line(line, syntaxes()).ok()?;
    let (html, delta) = line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, stack).ok()?;
    LINES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() < MAX_LINES {
            c.entry(key).or_default().push(LineEntry {
                start,
                end: (state.clone(), stack.clone()),
                html: html.clone(),
                delta,
            });
        }
    });
    Some((html, delta))
}

/// (scope selector, colour): GitHub-like light colours, each ≥ 4.5:1 on #f6f8fa.
const PALETTE: &[(&str, &str)] = &[
    ("comment, punctuation.definition.comment", "#57606a"),
    ("keyword, storage, keyword.operator.word", "#b3261e"),
    ("string, string punctuation.definition.string", "#0a3069"),
    ("constant, constant.numeric, support.constant", "#0550ae"),
    (
        "entity.name.function, support.function, entity.name.tag",
        "#6639ba",
    ),
    (
        "variable, variable.other, punctuation.definition.variable",
        "#953800",
    ),
    (
        "entity.other.attribute-name, support.type, entity.name.type",
        "#0550ae",
    ),
    ("invalid", "#82071e"),
];

/// The stylesheet for highlighted code, generated from the palette.
pub fn stylesheet() -> String {
    let mut theme = Theme {
        settings: ThemeSettings {
            foreground: Some(hex("#1f2328")),
            background: Some(hex("#f6f8fa")),
            ..ThemeSettings::default()
        },
        ..Theme::default()
    };
    for (selector, colour) in PALETTE {
        if let Ok(scope) = ScopeSelectors::from_str(selector) {
            theme.scopes.push(ThemeItem {
                scope,
                style: StyleModifier {
                    foreground: Some(hex(colour)),
                    background: None,
                    font_style: None,
                },
            });
        }
    }
    css_for_theme_with_class_style(&theme, CLASS_STYLE).unwrap_or_default()
}

fn hex(s: &str) -> Color {
    let v = u32::from_str_radix(s.trim_start_matches('#'), 16).unwrap_or(0);
    Color {
        r: (v >> 16) as u8,
        g: (v >> 8) as u8,
        b: v as u8,
        a: 0xff,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_required_languages_with_classes() {
        for lang in ["bash", "powershell", "yaml", "json", "sql", "ps1", "sh"] {
            let html = highlight("echo \"x\" # c\n", lang).unwrap_or_else(|| panic!("{lang}"));
            assert!(html.contains("class=\"hl-"), "{lang}: {html}");
            assert!(!html.contains("style="), "{lang}");
        }
        assert!(highlight("x", "klingon").is_none());
    }

    /// The memoised line-by-line highlighting must equal syntect's own generator,
    /// also when the same line recurs in another parser state (inside a string).
    #[test]
    fn memoised_lines_match_syntect() {
        use syntect::html::ClassedHTMLGenerator;
        let blocks = [
            ("bash", "echo un\ncat <<EOF\necho un\nEOF\necho un\n"),
            ("bash", "x=\"début\necho un\nfin\"\necho un\n"),
            (
                "powershell",
                "Get-Item x\n@\"\nGet-Item x\n\"@\nGet-Item x\n",
            ),
            ("yaml", "a: 1\nb: |\n  a: 1\nc: 2\n"),
        ];
        for _ in 0..2 {
            for (lang, code) in blocks {
                let set = syntaxes();
                let syntax = set.find_syntax_by_token(token(lang)).unwrap();
                let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
                for line in LinesWithEndings::from(code) {
                    gen.parse_html_for_line_which_includes_newline(line)
                        .unwrap();
                }
                assert_eq!(
                    highlight_uncached(code, lang).unwrap(),
                    gen.finalize(),
                    "{lang}: {code}"
                );
            }
        }
    }

    #[test]
    fn stylesheet_has_classes() {
        let css = stylesheet();
        assert!(css.contains(".hl-comment"), "{css}");
    }
}
