//! Images and links in a procedure that a reader may not get: an image in a
//! format browsers do not show, or with no alternative text (WCAG 1.1.1, in
//! Markdown or raw HTML), and a link with no text.

use crate::common::{find, messages, Fixture};
use crate::diagnostics::{page_with, PAGE, VALID_FRONT};

/// Images browsers do not show (Word's `.emf`, an iPhone's `.heic`, a PDF) would
/// be broken-image icons: named with the format to export.
#[test]
fn images_browsers_cannot_show_are_named() {
    let fx = Fixture::minimal();
    fx.write("content/mobilisation/schema.emf", "x");
    fx.write("content/mobilisation/plan.pdf", "%PDF-1.4");
    let body = "\n![Schéma](schema.emf) et ![Plan](plan.pdf) et ![ok](../alerte/schema.svg)\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let emf = find(&report, "browsers do not show `.emf` images");
    assert!(!emf.is_error() && emf.help.as_deref().unwrap().contains("PNG"));
    let pdf = find(&report, "browsers do not show `.pdf` images");
    assert!(pdf.help.as_deref().unwrap().contains("[text](x.pdf)"));
    let all = messages(&report);
    assert_eq!(
        all.iter()
            .filter(|m| m.contains("browsers do not show"))
            .count(),
        2,
        "{all:#?}"
    );
}

/// An image with no alternative text is skipped by a screen reader, and where it
/// cannot show nothing says what it was: named at its `![`, or at the `<img` of
/// raw HTML with no `alt`. An empty `alt` written on purpose is decoration.
#[test]
fn images_without_alternative_text_are_named() {
    let fx = Fixture::minimal();
    let body = "\n![](../alerte/schema.svg) et ![Schéma](../alerte/schema.svg) et ![][plan] et ![ ][plan]\n\n\
                [plan]: ../alerte/schema.svg\n\n\
                <p><img src=\"../alerte/schema.svg\"> <img alt src=\"../alerte/schema.svg\"> \
                <img alt=\"\" src=\"../alerte/schema.svg\"> <img alt=\"Plan\" src=\"../alerte/schema.svg\"></p>\n";
    let page = page_with(VALID_FRONT, body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let markdown: Vec<(usize, usize)> = (report.diagnostics.iter())
        .filter(|d| d.message.starts_with("this image has no alternative text"))
        .map(|d| (d.line, d.col))
        .collect();
    let images = line_of("![](");
    let line = page.lines().nth(images - 1).unwrap();
    let col = |written: &str| line[..line.find(written).unwrap()].chars().count() + 1;
    assert_eq!(
        markdown,
        [
            (images, 1),
            (images, col("![][plan]")),
            (images, col("![ ][plan]"))
        ],
        "{:#?}",
        messages(&report)
    );
    let d = find(&report, "this image has no alternative text");
    let help = d.help.as_deref().unwrap_or_default();
    assert!(
        !d.is_error() && help.contains("`![Plan du 2e étage](schema.svg)`"),
        "{help}"
    );
    let raw: Vec<(usize, usize)> = (report.diagnostics.iter())
        .filter(|d| d.message.starts_with("raw HTML `<img>` has no `alt`"))
        .map(|d| (d.line, d.col))
        .collect();
    assert_eq!(raw, [(line_of("<p><img"), 4)], "{:#?}", messages(&report));
}

/// `[](fiche.md)` shows as nothing and is read out as its address: named at its
/// brackets, with the link to write. A link whose text is an image is not empty.
#[test]
fn links_without_text_are_named() {
    let fx = Fixture::minimal();
    let body = "\nVoir [](../alerte/rancon.md) et [la fiche](../alerte/rancon.md) et \
                [![Schéma](../alerte/schema.svg)](../alerte/rancon.md) et [ ](https://cyber.gouv.fr).\n";
    let page = page_with(VALID_FRONT, body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let empty: Vec<(usize, usize, &str)> = (report.diagnostics.iter())
        .filter(|d| d.message.starts_with("this link has no text"))
        .map(|d| (d.line, d.col, d.help.as_deref().unwrap_or_default()))
        .collect();
    let line = page.lines().position(|l| l.starts_with("Voir")).unwrap() + 1;
    let text = page.lines().nth(line - 1).unwrap();
    let last = text[..text.rfind("[ ](").unwrap()].chars().count() + 1;
    assert_eq!(
        empty,
        [
            (
                line,
                6,
                "write what it leads to between the brackets: `[…](../alerte/rancon.md)`"
            ),
            (
                line,
                last,
                "write what it leads to between the brackets: `[…](https://cyber.gouv.fr)`"
            ),
        ],
        "{:#?}",
        messages(&report)
    );
}
