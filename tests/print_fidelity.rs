//! Paper says what the screen says: the print bundles (HTML and PDF) carry every
//! line of a box taller than a page, every footnote as the site numbers it, the
//! state of each task box, and quotes as typed.

use crate::common::Fixture;
use crate::print::{printer, site};
use planblanc::load::Tlp;
use planblanc::print::Bundle;

/// The minimal fixture with `extra` appended to the ransom sheet's Markdown.
fn with_ransom_text(extra: &str) -> Fixture {
    let fx = Fixture::minimal();
    fx.append("content/alerte/rancon.md", extra);
    fx
}

/// The ransom sheet's page on the built site, and the national HTML bundle.
fn sheet_and_bundle(fx: &Fixture) -> (String, String) {
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert!(report.written, "{:?}", report.diagnostics);
    let page = std::fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    let s = site(fx.root(), Tlp::Clear);
    let html = printer(&s).html(&Bundle::national(&s)).expect("html");
    (page, html)
}

const NOTES: &str = "Note avec majuscule[^Maj].\n\n\
                     [^maj]: Note définie en minuscule.\n\
                     [^orpheline]: Note jamais appelée : 06 99 88 77 66.\n";

#[test]
fn a_note_called_in_another_case_links_to_it_on_the_site_and_in_the_html_bundle() {
    let (page, html) = sheet_and_bundle(&with_ransom_text(NOTES));
    // `[^1]` is note 1; `[^Maj]` calls `[^maj]`, note 2; the uncalled one is 3.
    assert!(
        page.contains(
            "majuscule<sup class=\"footnote-reference\" id=\"fnref-2\"><a href=\"#fn-2\""
        ),
        "{page}"
    );
    assert!(page.contains("<div class=\"footnote-definition\" id=\"fn-2\"><sup class=\"footnote-definition-label\">2</sup>\n<p>Note définie"), "{page}");
    assert!(page.contains("id=\"fn-3\""), "{page}");
    assert!(!page.contains("id=\"fn-4\""), "one number per note: {page}");
    assert!(
        html.contains(
            "majuscule<sup class=\"footnote-reference\"><a href=\"#f-T-ALE-001--2\">2</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains("id=\"f-T-ALE-001--2\"><sup class=\"footnote-definition-label\">2</sup>"),
        "{html}"
    );
}

/// ☑ where the source ticks the box, ☐ where it does not, each named.
#[test]
fn html_bundle_prints_ticked_boxes_ticked() {
    let fx = with_ransom_text("- [x] Standard prévenu\n- [ ] Direction prévenue\n");
    let s = site(fx.root(), Tlp::Clear);
    let html = printer(&s).html(&Bundle::national(&s)).expect("html");
    assert!(
        html.contains("aria-label=\"case cochée\">☑</span> Standard prévenu"),
        "{html}"
    );
    assert!(
        html.contains("aria-label=\"case à cocher\">☐</span> Direction prévenue"),
        "{html}"
    );
}

/// The address behind a raw `<a href>` (a phone number behind "le standard")
/// is an endnote in the HTML bundle too, as a Markdown link's is; a script's
/// "address" is not.
#[test]
fn html_bundle_prints_raw_link_addresses_as_endnotes() {
    let fx = with_ransom_text(RAW_LINKS);
    let s = site(fx.root(), Tlp::Clear);
    let html = printer(&s).html(&Bundle::national(&s)).expect("html");
    let call = |n: usize| {
        format!("<sup class=\"endnote-ref\"><a href=\"#n-T-ALE-001--{n}\">[{n}]</a></sup>")
    };
    for expected in [
        format!(
            "<a >le standard</a>{} ou <a >la cellule</a>{}, <a >rien</a>.",
            call(1),
            call(2)
        ),
        // No `</a>`: the address is called after the block.
        format!("<a >le CERT</a>{} et <a >l'ANS</p>\n{}", call(3), call(4)),
    ] {
        assert!(html.contains(&expected), "{expected:?} not in {html}");
    }
    let notes: Vec<&str> = html
        .split("<li id=\"n-T-ALE-001--")
        .skip(1)
        .map(|li| li.split("</li>").next().unwrap_or(""))
        .collect();
    assert_eq!(notes.len(), 4, "{notes:?}");
    for (note, address) in notes.iter().zip([
        "0147000000",
        "crise@chu.fr",
        "https://cert.ssi.gouv.fr/",
        "https://ans.fr",
    ]) {
        assert!(note.contains(address), "{note:?} lacks {address}");
    }
    assert!(!html.contains("javascript"), "{html}");
}

const RAW_LINKS: &str = "Appeler <a href=\"tel:0147000000\">le standard</a> ou \
     <a href=\"mailto:crise@chu.fr\">la cellule</a>, \
     <a href=\"javascript:void(0)\">rien</a>.\n\n\
     <p>Voir <a href=\"https://cert.ssi.gouv.fr/\">le CERT</a> et <a href=\"https://ans.fr\">l'ANS</p>\n";

const ORDINALS: &str = "Le 1er étage, la 2e salle, le XXIe siècle ; `1er` en code, H2e et 5e-3.\n";

/// French print raises the letters of ordinals (`1er`, `XXIe`) on the site and in
/// the HTML bundle; code and numbers that only look like them stay on the line.
#[test]
fn ordinal_letters_are_raised_on_the_site_and_in_the_html_bundle() {
    let (page, html) = sheet_and_bundle(&with_ransom_text(ORDINALS));
    let expected = "Le 1<sup>er</sup> étage, la 2<sup>e</sup> salle, le XXI<sup>e</sup> \
                    siècle\u{202f}; <code>1er</code> en code, H2e et 5e-3.";
    assert!(page.contains(expected), "{page}");
    assert!(html.contains(expected), "{html}");
}

/// The minimal fixture, its procedures written in `content_language`, the ransom
/// sheet titled with an ordinal and given a heading with another.
fn with_ordinal_titles(content_language: &str) -> Fixture {
    let fx = with_ransom_text("## Le 1er appel\n\nTexte.\n");
    let page = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &page.replace(
            "title: \"Mon poste affiche une rançon\"",
            "title: \"Rançon au 2e étage\"",
        ),
    );
    let config = fx.read("handbook.yaml");
    let setting = format!("language: fr\ncontent_language: {content_language}");
    let config = config.replace("language: fr", &setting);
    let config = config.replace(
        "title: \"Manuel de test\"",
        "title: \"Manuel du 1er recours\"",
    );
    fx.write("handbook.yaml", &config);
    fx
}

/// A title's ordinals are raised as the text's are: in the sheet's heading,
/// breadcrumbs and contents, in its section's list, in the links of other
/// sheets, in the handbook's title atop each page and on the home page, and in
/// the HTML bundle's heading and contents, and in search results; not in the tab's `<title>`, which
/// holds no markup, and not when the procedures are not French.
#[test]
fn ordinal_letters_of_titles_are_raised_where_markup_can_hold_them() {
    for (content_language, raised) in [("fr", true), ("en", false)] {
        let fx = with_ordinal_titles(content_language);
        let out = tempfile::tempdir().unwrap();
        let report = fx.build_to(out.path(), Tlp::Clear);
        assert!(report.written, "{:?}", report.diagnostics);
        let read = |rel: &str| std::fs::read_to_string(out.path().join(rel)).unwrap();
        let (page, section) = (read("alerte/rancon/index.html"), read("alerte/index.html"));
        let s = site(fx.root(), Tlp::Clear);
        let bundle = printer(&s).html(&Bundle::national(&s)).expect("html");
        let (title, heading) = match raised {
            true => ("Rançon au 2<sup>e</sup> étage", "Le 1<sup>er</sup> appel"),
            false => ("Rançon au 2e étage", "Le 1er appel"),
        };
        let at = |html: &str, written: &str| {
            assert!(
                html.contains(written),
                "{content_language}: {written} in {html}"
            )
        };
        at(&page, &format!(">{title}</h1>"));
        at(&page, &format!(">{title}</li></ol></nav>"));
        at(&page, &format!("<a href=\"#le-1er-appel\">{heading}</a>"));
        at(
            &page,
            "<title>T-ALE-001 · Rançon au 2e étage · Manuel du 1er recours</title>",
        );
        // The handbook's title, at the top of every page and on the home page.
        let handbook = match raised {
            true => "Manuel du 1<sup>er</sup> recours",
            false => "Manuel du 1er recours",
        };
        at(&page, &format!(">{handbook}</a> <span class=\"edition\">"));
        at(&read("index.html"), &format!(">{handbook}</h1>"));
        at(&section, &format!(">{title}</a>"));
        // The next sheet's link back, where the title sits in interface words.
        let back = match raised {
            true => format!("T-ALE-001 · {title}</a>"),
            false => format!("T-ALE-001 · <span lang=\"en\">{title}</span></a>"),
        };
        at(&read("mobilisation/cellule/index.html"), &back);
        at(&bundle, &format!(">{title}</h2>"));
        at(&bundle, &format!(">{title}</span></a></li>"));
        at(&bundle, &format!(">{handbook}</h1>"));
        // The search index says where the letters are (UTF-16 units), for results.
        let search = read("search/p/0.js");
        at(&search, "\"Rançon au 2e étage\"");
        assert_eq!(search.contains("],0,[[11,12]]]"), raised, "{search}");
    }
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;
    use crate::common::pdf::{ink_bottoms, poppler, text, word_boxes, write_pdf};

    /// The fixture's national bundle as a PDF file.
    fn national_pdf(fx: &Fixture) -> tempfile::NamedTempFile {
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        write_pdf(&pdf.bytes)
    }

    fn national_pdf_text(fx: &Fixture) -> String {
        text(national_pdf(fx).path(), None)
    }

    /// A callout or a trigger kept whole on one page ran past the paper's edge
    /// when taller than a page: its end never printed.
    #[test]
    fn boxes_taller_than_a_page_print_every_line() {
        let callout: Vec<String> = (1..=90)
            .map(|i| format!("> Ligne {i} de l'encadré."))
            .collect();
        let fx = with_ransom_text(&format!("> [!WARNING]\n{}\n", callout.join("\n>\n")));
        let page = fx.read("content/alerte/rancon.md");
        // Words too short to be hyphenated: the check reads them whole.
        let trigger: Vec<String> = (1..=400).map(|i| format!("Cas {i} vu.")).collect();
        fx.write(
            "content/alerte/rancon.md",
            &page.replace(
                "trigger: \"Un message de rançon s'affiche.\"",
                &format!("trigger: \"{}\"", trigger.join(" ")),
            ),
        );
        if !poppler() {
            return;
        }
        let all = national_pdf_text(&fx);
        for i in 1..=90 {
            assert!(
                all.contains(&format!("Ligne {i} de l")),
                "callout line {i} missing"
            );
        }
        for i in 1..=400 {
            assert!(
                all.contains(&format!("Cas {i} vu.")),
                "trigger case {i} missing"
            );
        }
    }

    /// `[^Maj]` calls `[^maj]` (as on the site), a note nothing calls still prints,
    /// and each procedure's notes count from 1.
    #[test]
    fn footnotes_print_as_the_site_numbers_them() {
        let fx = with_ransom_text(NOTES);
        let cell = fx.read("content/mobilisation/cellule.md");
        fx.write(
            "content/mobilisation/cellule.md",
            &format!("{cell}\nAppel[^a].\n\n[^a]: Note de la cellule.\n"),
        );
        if !poppler() {
            return;
        }
        let all = national_pdf_text(&fx);
        assert!(all.contains("Note avec majuscule2."), "{all}");
        assert!(all.contains("2Note définie en minuscule."), "{all}");
        assert!(
            all.contains("3Note jamais appelée : 06 99 88 77 66."),
            "{all}"
        );
        assert!(
            all.contains("Appel1.") && all.contains("1Note de la cellule."),
            "{all}"
        );
    }

    #[test]
    fn task_boxes_and_quotes_print_as_written() {
        let fx = with_ransom_text(
            "- [x] Standard prévenu\n- [ ] Direction prévenue\n\n\
             1. [x] Réseau coupé\n2. Poste isolé\n\n\
             - Premier point\n- [ ] Tâche ouverte\n- [x] Tâche faite\n\n\
             Lancer 'arret --force' puis \"redemarrer\", l'option.\n",
        );
        if !poppler() {
            return;
        }
        let all = national_pdf_text(&fx);
        assert!(all.contains("✓ Standard prévenu"), "{all}");
        // In a bulleted list a task's box takes its bullet's place, as on the site.
        assert!(all.contains("• Premier point"), "{all}");
        assert!(!all.contains("• Tâche") && !all.contains("• ✓"), "{all}");
        assert!(all.contains("✓ Tâche faite"), "{all}");
        assert!(!all.contains("✓ Direction prévenue"), "{all}");
        assert!(all.contains("✓ Réseau coupé"), "{all}");
        assert!(
            all.contains("Lancer 'arret --force' puis \"redemarrer\", l'option."),
            "{all}"
        );
    }

    /// `10<sup>-3</sup>` is a power: printed on the line, "10-3" reads as a range.
    /// Raised or lowered in inline raw HTML and in an HTML block alike. Typst sets
    /// them with the font's superscript glyphs, which pdftotext boxes like the
    /// line's: they tell by their width, narrower than the same word on the line.
    #[test]
    fn raw_superscripts_and_subscripts_are_raised_and_lowered() {
        let fx = with_ransom_text(
            "Haut 10 <sup>haut</sup> mg, Bas x <sub>bas</sub> ici.\n\n\
             <p>Bloc 10 <sup>bloc</sup> unités.</p>\n",
        );
        if !poppler() {
            return;
        }
        let words = word_boxes(national_pdf(&fx).path());
        let width = |t: &str| {
            (words.iter())
                .find(|w| w.text == t)
                .map(|w| w.x_max - w.x_min)
                .unwrap_or_else(|| panic!("{t} not printed"))
        };
        for (on_line, shifted) in [("Haut", "haut"), ("Bas", "bas"), ("Bloc", "bloc")] {
            let (line, small) = (width(on_line), width(shifted));
            assert!(
                small < 0.8 * line,
                "{shifted}: {small} pt wide, on the line {line} pt"
            );
        }
    }

    /// `1er` and `XXIe` in French prose print their letters raised: their ink
    /// stops well above the number's baseline. When the procedures are not
    /// French, the same words sit on the line.
    #[test]
    fn ordinal_letters_are_raised_in_the_pdf() {
        if !poppler() {
            return;
        }
        for (content_language, raised) in [("fr", true), ("en", false)] {
            let fx = with_ransom_text("Au 1er étage et au XXIe siècle.");
            let config = fx.read("handbook.yaml");
            let setting = format!("language: fr\ncontent_language: {content_language}");
            fx.write("handbook.yaml", &config.replace("language: fr", &setting));
            let pdf = national_pdf(&fx);
            let words = word_boxes(pdf.path());
            // Not the `1er mai` of the cover's dates: the words of the sheet.
            // The share of the word its raised letters take, at most.
            for (text, next, share) in [("1er", "étage", 0.25), ("XXIe", "siècle.", 0.1)] {
                let at = words
                    .windows(2)
                    .position(|w| w[0].text == text && w[1].text == next);
                let word = &words[at.expect(text)];
                let (number, letters) = ink_bottoms(pdf.path(), word, share);
                // At 300 dpi a 10 pt line is about 42 px high.
                let lifted = number.saturating_sub(letters);
                assert_eq!(
                    lifted > 6,
                    raised,
                    "{content_language}: {text} letters {lifted} px above the line"
                );
            }
        }
    }

    /// A procedure's title prints its ordinal raised in its heading, as the
    /// text does, and the handbook's on the cover, when the procedures are
    /// French; on the line otherwise.
    #[test]
    fn ordinal_letters_of_titles_are_raised_in_the_pdf() {
        if !poppler() {
            return;
        }
        for (content_language, raised) in [("fr", true), ("en", false)] {
            let pdf = national_pdf(&with_ordinal_titles(content_language));
            let words = word_boxes(pdf.path());
            // How far the letters of the first `number` before `next` stand above the line.
            let lifted = |number: &str, next: &str| {
                let at = (words.windows(2)).position(|w| w[0].text == number && w[1].text == next);
                let (digits, letters) = ink_bottoms(pdf.path(), &words[at.expect(number)], 0.25);
                digits.saturating_sub(letters)
            };
            // The procedure's heading, and the handbook's title on the cover.
            for (whose, number, next) in [("title", "2e", "étage"), ("cover", "1er", "recours")] {
                let lifted = lifted(number, next);
                assert_eq!(
                    lifted > 6,
                    raised,
                    "{content_language}: the {whose}'s {number} letters {lifted} px above the line"
                );
            }
        }
    }

    /// Raw HTML lists keep their numbers (`start`, `value`) and bullets, and a
    /// `<pre>` its spaces and line breaks: step 4 is not step 1.
    #[test]
    fn raw_lists_keep_their_numbers_and_pre_its_lines() {
        let fx = with_ransom_text(
            "<ol start=\"4\"><li>quatrième étape</li><li>cinquième étape</li></ol>\n\n\
             <ul><li>puce brute</li></ul>\n\n\
             <pre>\nligne un   avec espaces\n    ligne deux indentée\n</pre>\n\nAprès.\n",
        );
        if !poppler() {
            return;
        }
        let out = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(national_pdf(&fx).path())
            .arg("-")
            .output()
            .unwrap();
        let layout = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = layout.lines().map(str::trim_start).collect();
        for expected in [
            "4. quatrième étape",
            "5. cinquième étape",
            "• puce brute",
            "ligne un   avec espaces",
        ] {
            assert!(
                lines.contains(&expected),
                "{expected:?} not a line of:\n{layout}"
            );
        }
        let indented = layout.lines().find(|l| l.contains("ligne deux")).unwrap();
        let first = layout.lines().find(|l| l.contains("ligne un")).unwrap();
        let indent = |l: &str| l.len() - l.trim_start().len();
        assert!(
            indent(indented) > indent(first),
            "indentation lost:\n{first}\n{indented}"
        );
    }

    /// The number behind a raw `<a href="tel:…">` is what paper needs: it prints
    /// as an endnote, as a Markdown link's address does, even when the paragraph
    /// ends before `</a>`. An address no reader can use from paper does not.
    #[test]
    fn raw_links_print_their_address_as_an_endnote() {
        let fx = with_ransom_text(RAW_LINKS);
        if !poppler() {
            return;
        }
        let all = national_pdf_text(&fx);
        for expected in [
            "le standard[1] ou la cellule[2], rien.",
            "le CERT[3] et l'ANS", // no `</a>`: [4] comes after the block
            "[1] 0147000000 [2] crise@chu.fr [3] https://cert.ssi.gouv.fr/ [4] https://ans.fr",
        ] {
            assert!(all.contains(expected), "{expected:?} not in {all}");
        }
        assert!(!all.contains("javascript"), "{all}");
    }
}
