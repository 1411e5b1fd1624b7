//! Build-time syntax highlighting with syntect: one `hl-…` class per kind of token
//! (comment, keyword, string…), and the stylesheet of their colours, an accessible
//! palette (AA contrast on the code background).

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::{Color, Highlighter, ScopeSelectors, StyleModifier, Theme, ThemeItem};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

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

/// Highlights line by line and memoises each line: the HTML of a line depends only on
/// its text and the parser and scope state it starts in, so a line seen before in the
/// same state is not parsed again. Handbooks share most commands between sheets in
/// different combinations, which a whole-block cache misses.
fn highlight_uncached(code: &str, lang: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(token(&lang.to_ascii_lowercase()))?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 2);
    for line in LinesWithEndings::from(code) {
        html.push_str(&highlight_line(line, &syntax.name, &mut state, &mut stack)?);
    }
    Some(html)
}

/// One memoised line: the states it starts in, the states it ends in, its HTML.
struct LineEntry {
    start: (ParseState, ScopeStack),
    end: (ParseState, ScopeStack),
    html: String,
}

type LineCache = HashMap<(String, String), Vec<LineEntry>>;

fn highlight_line(
    line: &str,
    syntax: &str,
    state: &mut ParseState,
    stack: &mut ScopeStack,
) -> Option<String> {
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
        Some((entry.end.clone(), entry.html.clone()))
    });
    if let Some(((end_state, end_stack), html)) = hit {
        *state = end_state;
        *stack = end_stack;
        return Some(html);
    }
    let start = (state.clone(), stack.clone());
    let ops = state.parse_line(line, syntaxes()).ok()?;
    let mut spans = Spans::default();
    let mut pos = 0;
    for (at, op) in &ops {
        spans.push(&line[pos..*at], kind_of(stack));
        stack.apply(op).ok()?;
        pos = *at;
    }
    spans.push(&line[pos..], kind_of(stack));
    let html = spans.finish();
    LINES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() < MAX_LINES {
            c.entry(key).or_default().push(LineEntry {
                start,
                end: (state.clone(), stack.clone()),
                html: html.clone(),
            });
        }
    });
    Some(html)
}

/// The HTML of one line: runs of text of the same kind share one span, and no span
/// stays open past the line.
#[derive(Default)]
struct Spans {
    html: String,
    open: Option<usize>,
}

impl Spans {
    fn push(&mut self, text: &str, kind: Option<usize>) {
        if text.is_empty() {
            return;
        }
        if self.open != kind {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            if let Some(k) = kind {
                self.html.push_str("<span class=\"hl-");
                self.html.push_str(PALETTE[k].class);
                self.html.push_str("\">");
            }
            self.open = kind;
        }
        crate::html::escape_into(&mut self.html, text);
    }

    fn finish(mut self) -> String {
        if self.open.is_some() {
            self.html.push_str("</span>");
        }
        self.html
    }
}

/// A kind of token: its class (`hl-…`), the TextMate scopes it covers and its colour.
struct Kind {
    class: &'static str,
    scopes: &'static str,
    colour: &'static str,
}

/// GitHub-like light colours, each ≥ 4.5:1 on the code background #f6f8fa.
const PALETTE: &[Kind] = &[
    Kind {
        class: "comment",
        scopes: "comment, punctuation.definition.comment",
        colour: "#57606a",
    },
    Kind {
        class: "keyword",
        scopes: "keyword, storage, keyword.operator.word",
        colour: "#b3261e",
    },
    Kind {
        class: "string",
        scopes: "string, string punctuation.definition.string",
        colour: "#0a3069",
    },
    Kind {
        class: "constant",
        scopes: "constant, constant.numeric, support.constant",
        colour: "#0550ae",
    },
    Kind {
        class: "function",
        scopes: "entity.name.function, support.function, entity.name.tag",
        colour: "#6639ba",
    },
    Kind {
        class: "variable",
        scopes: "variable, variable.other, punctuation.definition.variable",
        colour: "#953800",
    },
    Kind {
        class: "type",
        scopes: "entity.other.attribute-name, support.type, entity.name.type",
        colour: "#0550ae",
    },
    Kind {
        class: "invalid",
        scopes: "invalid",
        colour: "#82071e",
    },
];

/// The palette entry whose scopes best match `stack`, by TextMate's rules (syntect's
/// highlighter). The theme's "colours" are palette indexes plus one, not colours:
/// two kinds may share a colour and still keep their own class.
fn kind_of(stack: &ScopeStack) -> Option<usize> {
    static HIGHLIGHTER: OnceLock<Highlighter<'static>> = OnceLock::new();
    let highlighter = HIGHLIGHTER.get_or_init(|| {
        static THEME: OnceLock<Theme> = OnceLock::new();
        Highlighter::new(THEME.get_or_init(palette_theme))
    });
    let id = highlighter.style_for_stack(stack.as_slice()).foreground.r;
    (id > 0).then(|| usize::from(id) - 1)
}

fn palette_theme() -> Theme {
    let mut theme = Theme::default();
    theme.settings.foreground = Some(Color::BLACK);
    // Palette index + 1 as the "colour": 0, the foreground, is plain text.
    for (id, kind) in (1u8..).zip(PALETTE) {
        if let Ok(scope) = ScopeSelectors::from_str(kind.scopes) {
            theme.scopes.push(ThemeItem {
                scope,
                style: StyleModifier {
                    foreground: Some(Color {
                        r: id,
                        g: 0,
                        b: 0,
                        a: 0xff,
                    }),
                    background: None,
                    font_style: None,
                },
            });
        }
    }
    theme
}

/// The stylesheet for highlighted code: one rule per kind of token.
pub fn stylesheet() -> String {
    let mut css = String::from("/* Highlighted code (generated by planblanc). */\n");
    for kind in PALETTE {
        css.push_str(&format!(
            ".hl-{} {{ color: {}; }}\n",
            kind.class, kind.colour
        ));
    }
    css
}

/// The language of a fence's info string: its first word (`sh title=x` → `sh`),
/// or its first class in Pandoc's form (`{.bash .numberLines}` → `bash`).
pub fn fence_language(info: &str) -> &str {
    let info = info.trim_start();
    let info = info
        .strip_prefix('{')
        .map_or(info, |rest| rest.trim_start().trim_start_matches('.'));
    info.split([' ', ',', '{', '}']).next().unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_languages_in_every_form() {
        for (info, lang) in [
            ("bash", "bash"),
            ("sh title=x", "sh"),
            ("{.bash .numberLines}", "bash"),
            ("{ .yaml }", "yaml"),
            ("c++", "c++"),
            ("python,linenos", "python"),
            ("", ""),
        ] {
            assert_eq!(fence_language(info), lang, "{info:?}");
        }
    }

    #[test]
    fn highlights_required_languages_with_classes() {
        for lang in ["bash", "powershell", "yaml", "json", "sql", "ps1", "sh"] {
            let html = highlight("echo \"x\" # c\n", lang).unwrap_or_else(|| panic!("{lang}"));
            assert!(html.contains("class=\"hl-"), "{lang}: {html}");
            assert!(!html.contains("style="), "{lang}");
        }
        assert!(highlight("x", "klingon").is_none());
    }

    /// The memoised line-by-line highlighting must equal syntect's own highlighter
    /// run over the whole block, also when the same line recurs in another parser
    /// state (inside a string, a heredoc).
    #[test]
    fn memoised_lines_match_syntect() {
        use syntect::easy::HighlightLines;
        let blocks = [
            ("bash", "echo un\ncat <<EOF\necho un\nEOF\necho un\n"),
            ("bash", "x=\"début\necho un\nfin\"\necho un\n"),
            (
                "powershell",
                "Get-Item x\n@\"\nGet-Item x\n\"@\nGet-Item x\n",
            ),
            ("yaml", "a: 1\nb: |\n  a: 1\nc: 2\n"),
            ("sql", "SELECT 'a<b' FROM t; -- fin\n"),
        ];
        let theme = palette_theme();
        for _ in 0..2 {
            for (lang, code) in blocks {
                let set = syntaxes();
                let syntax = set.find_syntax_by_token(token(lang)).unwrap();
                let mut lines = HighlightLines::new(syntax, &theme);
                let mut expected = String::new();
                for line in LinesWithEndings::from(code) {
                    let mut spans = Spans::default();
                    for (style, text) in lines.highlight_line(line, set).unwrap() {
                        let id = usize::from(style.foreground.r);
                        spans.push(text, id.checked_sub(1));
                    }
                    expected.push_str(&spans.finish());
                }
                assert_eq!(
                    highlight_uncached(code, lang).unwrap(),
                    expected,
                    "{lang}: {code}"
                );
            }
        }
    }

    #[test]
    fn one_span_per_run_of_a_kind() {
        let html = highlight("echo \"a<b\" # fin\n", "bash").unwrap();
        assert_eq!(
            html,
            "<span class=\"hl-function\">echo</span> <span class=\"hl-string\">&quot;a&lt;b&quot;</span> <span class=\"hl-comment\"># fin\n</span>"
        );
    }

    #[test]
    fn stylesheet_has_classes() {
        let css = stylesheet();
        assert!(css.contains(".hl-comment"), "{css}");
    }
}
