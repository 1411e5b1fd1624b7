//! Documents brought from a word processor: what Pandoc writes when it converts
//! a Word document (`pandoc -t markdown`), and lists, dashes and symbols pasted
//! from Word. CommonMark shows them as typed or runs their lines together: each is
//! named at its place, with what to write.

use crate::common::{find, messages, Fixture};
use crate::diagnostics::{page_with, PAGE, VALID_FRONT};
use planblanc::build::BuildReport;
use planblanc::diag::Diagnostic;

/// The warning whose message holds `message`, checked to help with `help`.
fn warned<'r>(report: &'r BuildReport, message: &str, help: &str) -> &'r Diagnostic {
    let d = find(report, message);
    let helps = d.help.as_deref().is_some_and(|h| h.contains(help));
    assert!(!d.is_error() && helps, "{d}");
    d
}

/// How many diagnostics say one of `words`.
fn saying(report: &BuildReport, words: &[&str]) -> usize {
    let says = |m: &String| words.iter().any(|w| m.contains(w));
    messages(report).iter().filter(|m| says(m)).count()
}

/// How many diagnostics name the page under test.
fn on_the_page(report: &BuildReport) -> usize {
    let prefix = format!("{PAGE}:");
    messages(report)
        .iter()
        .filter(|m| m.starts_with(&prefix))
        .count()
}

/// A Word document converted with `pandoc -t markdown` keeps Pandoc's syntax, which
/// shows as typed: each piece is named once, at its place, with what to write.
#[test]
fn pandoc_syntax_from_a_word_document_is_named() {
    let fx = Fixture::minimal();
    let body = "\nLa [conduite à tenir]{.underline} pour le 1^er^ jour, CO~2~ et m^2^.\n\n\
                +-----------+-----------+\n\
                | Qui       | Quoi      |\n\
                +===========+===========+\n\
                | Agent     | Isoler    |\n\
                +-----------+-----------+\n\n\
                ![Schéma](../alerte/schema.svg){width=\"3.1in\" height=\"1in\"} et \
                [la fiche](../alerte/rancon.md){target=\"_blank\"}.\n\n\
                Texte {.underline} seul, 2^10 et 2^20, ~~barré~~ et `x^2^`.\n\n\
                \x20 ------- -----------\n  Agent   Isoler\n\n  Cadre   Prévenir\n  ------- -----------\n\n\
                Fin.\n\n---\n\n- - -\n\nSuite.\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let expected = [
        (
            "`{.underline}` is a Pandoc attribute",
            "with the brackets around the text",
        ),
        (
            "`^er^` is Pandoc's superscript",
            "write `1er`: planblanc raises",
        ),
        ("`~2~` is Pandoc's subscript", "write `<sub>2</sub>`"),
        ("`^2^` is Pandoc's superscript", "write `<sup>2</sup>`"),
        ("this is a Pandoc grid table", "`| --- | --- |`"),
        (
            "`{width=\"3.1in\" height=\"1in\"}` is a Pandoc attribute",
            "images fit",
        ),
        (
            "`{target=\"_blank\"}` is a Pandoc attribute",
            "writes the link itself",
        ),
        (
            "a Pandoc table, its columns lined up with spaces",
            "`| --- | --- |`",
        ),
    ];
    for (message, help) in expected {
        warned(&report, message, help);
    }
    let grid = find(&report, "grid table");
    let top = page_with(VALID_FRONT, body)
        .lines()
        .position(|l| l.starts_with("+---"))
        .unwrap();
    assert_eq!((grid.line, grid.col), (top + 1, 1), "{grid}");
    // The line above the table's first row, not the one under its last.
    let columns = find(&report, "columns lined up");
    let first = page_with(VALID_FRONT, body)
        .lines()
        .position(|l| l == "  ------- -----------")
        .unwrap();
    assert_eq!((columns.line, columns.col), (first + 1, 3), "{columns}");
    let pandoc = saying(&report, &["Pandoc", "highlight"]);
    assert_eq!(pandoc, expected.len(), "{:#?}", messages(&report));
}

/// Steps pasted from Word keep its bullets or letters, which Markdown does not
/// read as a list: the lines would run together. Each run is named once, at its
/// first line, with the list to write.
#[test]
fn lists_pasted_from_a_word_processor_are_named_once() {
    let fx = Fixture::minimal();
    let body = "\n• Débrancher le câble\n• Appeler le 5555\n• Attendre\n\n\
                \u{f0b7}\tIsoler le poste\n\u{f0b7}\tPrévenir le RSSI\n\n\
                > – Allô, le standard ?\n> – Oui.\n\n\
                a) Premier\nb) Second\nc) Troisième\n\n\
                • Une ligne seule, et a) au milieu.\n\na) seul\n\n\
                - une vraie liste\n- de deux lignes\n\n\
                ```\n• dans du code\n• reste du code\n```\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let page = page_with(VALID_FRONT, body);
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let expected = [
        (
            "start with `•`",
            "`- Débrancher le câble`",
            line_of("• Débrancher"),
            1,
        ),
        (
            "start with U+F0B7",
            "`- Isoler le poste`",
            line_of("\u{f0b7}\tIsoler"),
            1,
        ),
        (
            "start with `–`",
            "`- Allô, le standard ?`",
            line_of("> – Allô"),
            3,
        ),
        (
            "lettered `a)`",
            "number them `1.`",
            line_of("a) Premier"),
            1,
        ),
    ];
    for (message, help, line, col) in expected {
        let d = warned(&report, message, help);
        assert_eq!((d.line, d.col), (line, col), "{d}");
    }
    let pasted = saying(&report, &["bullet", "lettered"]);
    assert_eq!(pasted, expected.len(), "{:#?}", messages(&report));
}

/// A lone lettered sub-step under a step (`pandoc -t markdown` writes Word's so)
/// joins the step's line: named there. Prose that ends a line before `a.` and a
/// sub-step on its own paragraph show as written: not named.
#[test]
fn a_lone_lettered_sub_step_is_named() {
    let fx = Fixture::minimal();
    let body = "\n1. Isoler le poste\n   a. Débrancher le câble\n2. Prévenir\n\n\
                Vérifier s'il y en\na. Sinon, continuer.\n\n\
                - Appeler\n  a) le standard\n\n\
                1. Noter\n\n   a. seule, sur sa ligne\n";
    let page = page_with(VALID_FRONT, body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let lone: Vec<(usize, usize)> = (report.diagnostics.iter())
        .filter(|d| d.message.contains("a lettered sub-step"))
        .map(|d| (d.line, d.col))
        .collect();
    assert_eq!(
        lone,
        [
            (line_of("   a. Débrancher"), 4),
            (line_of("  a) le standard"), 3)
        ],
        "{:#?}",
        messages(&report)
    );
    let d = warned(
        &report,
        "starts with `a.`",
        "indent it under the step's text",
    );
    assert!(d.message.contains("joins the step's line above"), "{d}");
    assert!(!d.is_error());
    assert_eq!(on_the_page(&report), 2, "{:#?}", messages(&report));
}

/// What else `pandoc -t markdown` writes for a Word document: dashes as `--` and
/// `---`, sub-steps numbered `i.` or lettered `A.`, and raw blocks (most often the
/// empty comment Pandoc puts between two lists).
#[test]
fn pandoc_dashes_counted_lists_and_raw_blocks_are_named() {
    let fx = Fixture::minimal();
    let body = "\nDe 8h--12h --- fin -- suite.\n\n\
                Lancer `--safe` ou --safe-mode, puis <-- et -->, a---\n\n\
                | Qui | Quoi |\n| --- | --- |\n| Agent | -- |\n\n\
                i.  Isoler\nii. Prévenir\niii. Noter\n\n\
                A.  Premier\nB.  Second\n\n\
                ```{=html}\n<!-- -->\n```\n\n\
                ```{=html}\n<p>garde</p>\n```\n\n\
                ```{=latex}\n\\newpage\n```\n\n\
                I. seul\n\nM. Dupont et N. Martin.\n";
    let page = page_with(VALID_FRONT, body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let dashes: Vec<(usize, usize, bool)> = (report.diagnostics.iter())
        .filter(|d| d.message.contains("hyphens, not as a dash"))
        .map(|d| (d.line, d.col, d.message.starts_with("`---`")))
        .collect();
    let first = line_of("De 8h");
    assert_eq!(
        dashes,
        [(first, 6, false), (first, 12, true), (first, 20, false)]
    );
    warned(
        &report,
        "`--` shows as two hyphens",
        "write `–`, the en dash",
    );
    warned(
        &report,
        "`---` shows as three hyphens",
        "write `—`, the em dash",
    );
    let roman = warned(
        &report,
        "numbered `i.` in roman numerals",
        "number them `1.`",
    );
    assert_eq!((roman.line, roman.col), (line_of("i.  Isoler"), 1));
    let upper = warned(&report, "lettered `A.`", "number them `1.`");
    assert_eq!((upper.line, upper.col), (line_of("A.  Premier"), 1));
    let raw: Vec<(usize, &str)> = (report.diagnostics.iter())
        .filter(|d| d.message.starts_with("this is a Pandoc raw block"))
        .map(|d| (d.line, d.help.as_deref().unwrap_or_default()))
        .collect();
    let fences: Vec<usize> = (page.lines().enumerate())
        .filter(|(_, l)| l.starts_with("```{="))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(raw.len(), 3, "{raw:?}");
    assert_eq!(raw.iter().map(|r| r.0).collect::<Vec<_>>(), fences);
    assert!(raw[0].1.contains("keep two lists apart"), "{}", raw[0].1);
    assert!(raw[1].1.contains("to keep the HTML"), "{}", raw[1].1);
    assert!(
        raw[2].1.contains("latex is for another kind"),
        "{}",
        raw[2].1
    );
    // Named as a raw block, not as a language without highlighting.
    assert!(!messages(&report)
        .iter()
        .any(|m| m.contains("unknown code language")));
    assert_eq!(on_the_page(&report), 3 + 2 + 3, "{:#?}", messages(&report));
}

/// Word's Symbol and Wingdings fonts put their bullets, arrows and ticks in
/// Unicode's private area: no browser font and no PDF font has them, so each shows
/// as an empty box. One warning a page, with the count, and one per field; a
/// bullet that starts a line is named by the pasted-list check instead, alone or
/// in a run.
#[test]
fn symbol_font_characters_are_named() {
    let fx = Fixture::minimal();
    let body = "\nAppeler le 15 \u{f0e0} puis le cadre \u{f0e0} fin \u{f0fc}.\n\n\
                \u{f0b7}\tUne ligne seule\n\n\
                \u{f0b7}\tIsoler\n\u{f0b7}\tPrévenir\n\n\
                • Un point seul se lit bien.\n";
    let front = VALID_FRONT.replace("Activer la cellule", "Activer \u{f0e0} la cellule");
    let page = page_with(&front, body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let title = warned(
        &report,
        "`title` holds U+F0E0, a symbol-font character",
        "type the character",
    );
    assert_eq!(title.line, line_of("title:"));
    let symbol = warned(
        &report,
        "symbol-font character U+F0E0",
        "type the character it stood for",
    );
    assert!(symbol.message.contains("(and 2 more)"), "{symbol}");
    assert_eq!((symbol.line, symbol.col), (line_of("Appeler"), 15));
    let alone = warned(
        &report,
        "this line starts with U+F0B7",
        "`- Une ligne seule`",
    );
    assert_eq!(alone.line, line_of("\u{f0b7}\tUne"));
    let run = warned(&report, "these lines start with U+F0B7", "`- Isoler`");
    assert_eq!(run.line, line_of("\u{f0b7}\tIsoler"));
    assert_eq!(on_the_page(&report), 4, "{:#?}", messages(&report));
}
