//! Typst syntax written by the converter: escaped markup text, string literals,
//! and the calls that typeset lists and tables (defined in `bundle.typ`).

use pulldown_cmark::Alignment;

/// A list item: its task box, if any (`Some(true)` when ticked in the source),
/// and its markup.
pub type ListItem = (Option<bool>, String);

/// A list as a function call. In a bulleted list a task's box takes the place
/// of its bullet, ticked where the source ticks it, and other items keep theirs
/// (paper shows what the screen shows); a numbered list keeps its numbers.
pub fn list_call(start: Option<u64>, items: &[ListItem], loose: bool) -> String {
    let any_task = items.iter().any(|(task, _)| task.is_some());
    if any_task && start.is_none() {
        let done: Vec<&str> = (items.iter())
            .map(|(task, _)| match task {
                Some(true) => "true",
                Some(false) => "false",
                None => "none",
            })
            .collect();
        let body: Vec<String> = items.iter().map(|(_, c)| format!("[{c}]")).collect();
        // `done:` is named: a theme's older `pb-tasks(..items)` still typesets.
        return format!(
            "\n#pb-tasks(done: ({},), {})\n\n",
            done.join(", "),
            body.join(", ")
        );
    }
    // A task in a numbered list keeps its number, then its box.
    const BOX: &str = "#box(width: 0.95em, height: 0.95em, stroke: 0.9pt, baseline: 0.1em";
    const CHECK: &str =
        r#", align(center + horizon, text(font: "DejaVu Sans Mono", size: 0.8em, "✓"))"#;
    let body: Vec<String> = items
        .iter()
        .map(|(task, c)| match task {
            Some(false) => format!("[{BOX})~{c}]"),
            Some(true) => format!("[{BOX}{CHECK})~{c}]"),
            None => format!("[{c}]"),
        })
        .collect();
    let body = body.join(", ");
    let tight = if loose { "false" } else { "true" };
    match start {
        Some(n) => format!("\n#enum(start: {n}, tight: {tight}, {body})\n\n"),
        None => format!("\n#list(tight: {tight}, {body})\n\n"),
    }
}

/// Longest line a code block prints as it is, in characters: at the smallest
/// type `pb-code` uses, about what fits the text width of an A4 page.
const CODE_LINE_MAX: usize = 110;

/// `#pb-code(…)` for a code block, with its longest line so the type can shrink
/// to fit it. A line too long even then is cut, and the rest printed on the next
/// line after `↪`: on paper, where the reader retypes it, one wrapped command
/// must not look like two.
pub fn code_call(lang: &str, code: &str) -> String {
    let lines: Vec<String> = code
        .lines()
        .map(expand_tabs)
        .flat_map(|l| split_long(&l))
        .collect();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    format!(
        "\n#pb-code({lang}, {}, longest: {longest})\n\n",
        string(&lines.join("\n"))
    )
}

/// Tabs as spaces to the next multiple of four: a line is measured, and cut, as
/// it prints.
fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = 4 - column % 4;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}

fn split_long(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= CODE_LINE_MAX {
        return vec![line.to_string()];
    }
    let (first, rest) = chars.split_at(CODE_LINE_MAX);
    std::iter::once(first.iter().collect())
        .chain(
            rest.chunks(CODE_LINE_MAX - 2)
                .map(|c| format!("↪ {}", c.iter().collect::<String>())),
        )
        .collect()
}

pub fn table_call(aligns: &[Alignment], head: &[String], rows: &[Vec<String>]) -> String {
    let columns = aligns.len().max(head.len()).max(1);
    let align: Vec<&str> = (0..columns)
        .map(|i| match aligns.get(i) {
            Some(Alignment::Center) => "center",
            Some(Alignment::Right) => "right",
            _ => "left",
        })
        .collect();
    // Rows are padded or cut to the column count, so cells never shift columns.
    let cells = |row: &[String]| -> String {
        (0..columns)
            .map(|i| format!("[{}]", row.get(i).map_or("", String::as_str)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!(
        "\n#pb-table(columns: {columns}, align: ({},),",
        align.join(", ")
    );
    if !head.is_empty() {
        out.push_str(&format!(" table.header({}),", cells(head)));
    }
    for row in rows {
        out.push(' ');
        out.push_str(&cells(row));
        out.push(',');
    }
    out.push_str(")\n\n");
    out
}

/// One piece of French prose (see `typography::ordinals`) as markup, continuing
/// a word as [`escape_markup_after`] does: an ordinal's letters are raised.
pub fn prose_piece(piece: &str, raised: bool, word: &mut usize) -> String {
    let escaped = escape_markup_after(piece, word);
    match raised {
        // `;` ends the call: a `.` or `(` after it stays text.
        true => format!("#super[{escaped}];"),
        false => escaped,
    }
}

/// Escapes text for Typst markup: every character with a markup meaning is
/// preceded by a backslash, so `#`, `*`, `_`, `@`, `<`, `//`, `$`, `=` at a line
/// start, `- `, `+ `, `1.` and so on print as written.
pub fn escape_markup(text: &str) -> String {
    escape_markup_after(text, &mut 0)
}

/// [`escape_markup`] for text that continues a word of `word` characters (text
/// arrives in pieces: `[[x]]` is five), which it updates. A word this long (a
/// hash, a pasted blob) gets a break opportunity every so often: unbroken, it
/// runs off the page, and past 32,767 characters PDF/A refuses it.
pub fn escape_markup_after(text: &str, word: &mut usize) -> String {
    const LONGEST_WORD: usize = 64;
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut prev_digit = false;
    for c in text.chars() {
        *word = if c.is_whitespace() { 0 } else { *word + 1 };
        if *word > LONGEST_WORD {
            out.push('\u{200B}');
            *word = 1;
        }
        let special = matches!(
            c,
            '\\' | '#'
                | '*'
                | '_'
                | '`'
                | '$'
                | '<'
                | '>'
                | '@'
                | '['
                | ']'
                | '~'
                | '='
                | '-'
                | '+'
                | '/'
                | '"'
        ) || (c == '.' && prev_digit);
        if special {
            out.push('\\');
        }
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
        prev_digit = c.is_ascii_digit();
    }
    out
}

/// Inline code with a break opportunity (U+200B) after each separator of a path
/// or an address (`\\`, `/`, `.`, `_`…) and every 16 characters of a run with
/// none, for long code: `raw` text breaks only at spaces and hyphens, and a path
/// in a narrow column would run over the next cell and off the page. Short code
/// is left whole.
pub fn breakable_code(code: &str) -> String {
    const RUN: usize = 16;
    let separator = |c: char| {
        matches!(
            c,
            '\\' | '/' | '.' | '_' | ':' | ',' | ';' | '=' | '&' | '?'
        )
    };
    if code.chars().nth(RUN).is_none() {
        return code.to_string();
    }
    let mut out = String::with_capacity(code.len() + code.len() / 4);
    let (mut run, mut after_separator) = (0, false);
    for c in code.chars() {
        let word = !c.is_whitespace();
        if word && ((after_separator && !separator(c)) || run >= RUN) {
            out.push('\u{200B}');
            run = 0;
        }
        out.push(c);
        run = if word { run + 1 } else { 0 };
        after_separator = separator(c);
    }
    out
}

/// A Typst string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters have no form, and no font draws them:
            // PDF/A would refuse the whole document for one.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_keep_their_box_and_other_items_their_bullet() {
        let tasks = [
            (Some(false), "a".to_string()),
            (Some(true), "b".to_string()),
        ];
        assert!(list_call(None, &tasks, false)
            .starts_with("\n#pb-tasks(done: (false, true,), [a], [b])"));
        let numbered = list_call(Some(1), &tasks, false);
        assert!(numbered.starts_with("\n#enum(start: 1"), "{numbered}");
        assert_eq!(numbered.matches("#box(").count(), 2, "{numbered}");
        assert_eq!(numbered.matches("✓").count(), 1, "{numbered}");
        let mixed = list_call(
            None,
            &[(None, "a".into()), (Some(false), "b".into())],
            false,
        );
        // The plain item keeps its bullet (`none`: no box), the task has its box.
        assert!(
            mixed.starts_with("\n#pb-tasks(done: (none, false,), [a], [b])"),
            "{mixed}"
        );
    }

    #[test]
    fn long_code_lines_are_cut_with_a_mark_and_short_ones_kept() {
        let long = format!("echo {}", "x".repeat(230));
        let call = code_call("\"sh\"", &format!("ls\n{long}"));
        assert!(
            call.starts_with("\n#pb-code(\"sh\", \"ls\\necho "),
            "{call}"
        );
        assert!(call.ends_with(", longest: 110)\n\n"), "{call}");
        assert_eq!(call.matches("↪ ").count(), 2, "{call}");
        let tabs = code_call("none", &"mot\t".repeat(30));
        assert_eq!(
            tabs.matches("↪ ").count(),
            1,
            "tabs count as the spaces they print: {tabs}"
        );
        let short = code_call("none", "a\nbcd");
        assert!(short.contains("\"a\\nbcd\", longest: 3)"), "{short}");
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(escape_markup("a #b *c* _d_"), "a \\#b \\*c\\* \\_d\\_");
        assert_eq!(escape_markup("1. x"), "1\\. x");
        assert_eq!(escape_markup("https://x"), "https:\\/\\/x");
        assert_eq!(escape_markup("@ref <lbl> $m$"), "\\@ref \\<lbl\\> \\$m\\$");
    }

    #[test]
    fn long_words_get_break_opportunities() {
        let hash = "f".repeat(150);
        let out = escape_markup(&format!("sha {hash} ok"));
        let pieces: Vec<usize> = out.split('\u{200B}').map(|p| p.chars().count()).collect();
        assert_eq!(pieces, [4 + 64, 64, 22 + 3]);
        assert_eq!(out.replace('\u{200B}', ""), format!("sha {hash} ok"));
        assert!(!escape_markup(&"a ".repeat(100)).contains('\u{200B}'));
        let mut word = 0;
        let pieces: String = (0..100)
            .map(|_| escape_markup_after("[", &mut word))
            .collect();
        assert_eq!(
            pieces.matches('\u{200B}').count(),
            1,
            "the word spans the pieces"
        );
    }

    #[test]
    fn long_code_breaks_after_separators_and_in_long_runs() {
        let path = "C:\\ProgramData\\Microsoft\\StartUp";
        assert_eq!(
            breakable_code(path),
            "C:\\\u{200B}ProgramData\\\u{200B}Microsoft\\\u{200B}StartUp"
        );
        let run = "A".repeat(40);
        let pieces: Vec<usize> = breakable_code(&run)
            .split('\u{200B}')
            .map(str::len)
            .collect();
        assert_eq!(pieces, [16, 16, 8]);
        assert_eq!(breakable_code("tlp: amber"), "tlp: amber");
        assert_eq!(
            breakable_code("fichier.txt avec .."),
            "fichier.\u{200B}txt avec .."
        );
    }

    #[test]
    fn strings_are_quoted() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(string("nul\u{0}esc\u{1b}[31m"), "\"nulesc[31m\"");
    }
}
