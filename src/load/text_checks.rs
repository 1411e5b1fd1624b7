//! Checks of a page's text around its front matter: a second front matter, one
//! closed early by a stray `---`, and characters no one can see in the text.

use std::path::Path;

use super::{frontmatter, text};
use crate::diag::Diagnostic;

/// Two procedures merged into one file (an export, a copy-paste): the second's
/// front matter would publish as a large heading and its procedure be lost. Told
/// by a `---` line followed, before the next one, by the `id:` and `tlp:` keys.
pub(super) fn second_front_matter(
    display: &Path,
    text: &str,
    body_offset: usize,
) -> Option<Diagnostic> {
    let body = &text[body_offset..];
    let mut from = 0;
    while let Some(at) = body[from..].find("\n---").map(|i| from + i + 1) {
        from = at + 3;
        let mut lines = body[at..].lines();
        if lines.next().map(str::trim_end) != Some("---") {
            continue;
        }
        let block: Vec<&str> = lines
            .take_while(|l| l.trim_end() != "---")
            .take(80)
            .collect();
        let has = |key: &str| block.iter().any(|l| l.starts_with(key));
        if has("id:") && has("tlp:") {
            return Some(
                Diagnostic::warning(display, "a second front matter: this file holds two procedures, and the second would publish as text")
                    .at_offset(text, body_offset + at, 3)
                    .help("one procedure per file: move this one into a `.md` file of its own"),
            );
        }
    }
    None
}

/// A `---` inside the front matter ends it early: the fields below it are read as
/// text, and each required one among them is "missing". Said at that `---`,
/// in place of the missing fields that are there below it.
pub(super) fn closed_early(
    display: &Path,
    text: &str,
    body_offset: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let below: Vec<&str> = text[body_offset..]
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .map_while(|l| {
            let key = l.split_once(':')?.0;
            frontmatter::PAGE_KEYS.contains(&key).then_some(key)
        })
        .collect();
    let missing = |d: &Diagnostic| {
        (below.iter()).any(|k| d.message == format!("missing required field `{k}`"))
    };
    // One field-like line alone may be the text's own ("status: en cours"),
    // unless the front matter lacks it.
    if below.len() < 2 && !diags.iter().any(missing) {
        return;
    }
    diags.retain(|d| !missing(d));
    let closer = text[..body_offset].trim_end_matches(['\n', '\r']);
    let at = closer.rfind('\n').map_or(0, |i| i + 1);
    diags.push(
        Diagnostic::error(
            display,
            format!(
                "this `---` ends the front matter, but `{}:` below it is a front-matter field",
                below[0]
            ),
        )
        .at_offset(text, at, 3)
        .help(
            "remove this `---`: a front matter has one `---` line before its fields and one after",
        ),
    );
}

/// The body's first control, invisible or symbol-font character, counting the
/// others (one warning each kind). The controls are then made spaces: HTML
/// does not allow them, and the warning has shown where they were.
pub(super) fn control_warning(
    display: &Path,
    text: &mut String,
    body_offset: usize,
) -> Vec<Diagnostic> {
    let body = &text[body_offset..];
    let controls = text::controls(body);
    let found = [
        (
            controls,
            "control character",
            (|_| text::CONTROL_HELP) as fn(char) -> &'static str,
        ),
        (
            text::invisibles(body),
            "invisible character",
            text::invisible_help,
        ),
        (text::symbol_fonts(body), "symbol-font character", |_| {
            text::SYMBOL_FONT_HELP
        }),
    ];
    let warnings = found
        .into_iter()
        .filter_map(|(hit, kind, help)| {
            let (offset, c, count) = hit?;
            Some(character_warning(
                display,
                text,
                body_offset + offset,
                c,
                count,
                kind,
                help(c),
            ))
        })
        .collect();
    if controls.is_some() {
        let blank = text::blank_controls(&text[body_offset..]);
        text.truncate(body_offset);
        text.push_str(&blank);
    }
    warnings
}

fn character_warning(
    display: &Path,
    text: &str,
    at: usize,
    c: char,
    count: usize,
    kind: &str,
    help: &str,
) -> Diagnostic {
    let others = match count - 1 {
        0 => String::new(),
        1 => " (and 1 more)".to_string(),
        n => format!(" (and {n} more)"),
    };
    // "U+202E (a text-direction control)"; a control character is just that.
    let what = match text::name(c) {
        "a control character" => text::describe(c),
        name => format!("{} ({name})", text::describe(c)),
    };
    Diagnostic::warning(display, format!("{kind} {what} in the text{others}"))
        .at_offset(text, at, 1)
        .help(help)
}
