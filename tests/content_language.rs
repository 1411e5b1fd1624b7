//! `content_language`: French procedures in an English interface are marked
//! `lang="fr"` (screen readers, hyphenation) and keep French typography, on the
//! site, in the HTML bundle and in the PDF.

use std::fs;

use crate::common::Fixture;
use crate::print::{printer, site};
use planblanc::load::Tlp;
use planblanc::print::Bundle;

/// The minimal fixture with `language` and, when given, `content_language`.
fn fixture(language: &str, content: Option<&str>) -> Fixture {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml");
    let mut settings = format!("language: {language}");
    if let Some(content) = content {
        settings.push_str(&format!("\ncontent_language: {content}"));
    }
    fx.write("handbook.yaml", &config.replace("language: fr", &settings));
    fx
}

/// A clean build of `fx`, read file by file.
struct Built(tempfile::TempDir);

impl Built {
    fn of(fx: &Fixture) -> Built {
        let out = tempfile::tempdir().unwrap();
        let report = fx.build_to(out.path(), Tlp::Clear);
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
        Built(out)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.0.path().join(rel)).unwrap()
    }
}

const PAGE: &str = "alerte/rancon/index.html";
const LISTING: &str = "alerte/index.html";
const SITE_DATA: &str = "assets/site-data.js";

#[test]
fn french_procedures_in_an_english_interface_are_marked_and_typeset_french() {
    let built = Built::of(&fixture("en", Some("fr")));
    let page = built.read(PAGE);
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    for marked in [
        "<h1 lang=\"fr\">Mon poste affiche une rançon</h1>",
        "<p class=\"summary\" lang=\"fr\">",
        "<div class=\"content\" lang=\"fr\">",
        "<li aria-current=\"page\" lang=\"fr\">",
    ] {
        assert!(page.contains(marked), "{marked:?} not in {page}");
    }
    // The interface around it stays English.
    let chrome = &page[..page.find("<main").unwrap()];
    assert!(!chrome.contains("lang=\"fr\""), "{chrome}");
    assert!(
        page.contains("réseau\u{a0}: ne pas éteindre\u{202f}!"),
        "{page}"
    );
    let listing = built.read(LISTING);
    assert!(
        listing.contains("lang=\"fr\">Mon poste affiche une rançon</a>"),
        "{listing}"
    );
    // The search script marks its results (tests/browser/tests.js reads them).
    let data = built.read(SITE_DATA);
    assert!(
        data.ends_with("window.PB_CONTENT_LANG = \"fr\";\n"),
        "{data}"
    );
}

#[test]
fn one_language_marks_nothing_and_english_content_gets_no_french_spaces() {
    for (language, content) in [("fr", None), ("en", None), ("fr", Some("fr"))] {
        let built = Built::of(&fixture(language, content));
        for html in [built.read(PAGE), built.read(LISTING)] {
            assert_eq!(html.matches(" lang=").count(), 1, "{language}: {html}");
        }
        assert!(!built.read(SITE_DATA).contains("PB_CONTENT_LANG"));
        // French content gets French spaces, English content none.
        let spaced = match language {
            "fr" => "réseau\u{a0}: ne pas éteindre\u{202f}!",
            _ => "réseau : ne pas éteindre !",
        };
        let page = built.read(PAGE);
        assert!(page.contains(spaced), "{language}: {page}");
    }
}

#[test]
fn the_html_bundle_marks_the_procedures_words() {
    let fx = fixture("en", Some("fr"));
    let s = site(fx.root(), Tlp::Clear);
    let html = printer(&s).html(&Bundle::national(&s)).expect("html");
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    for marked in [
        "<h2 class=\"procedure-title\" lang=\"fr\">Mon poste affiche une rançon</h2>",
        "<div class=\"content\" lang=\"fr\">",
        "<span class=\"toc-title\" lang=\"fr\">",
    ] {
        assert!(html.contains(marked), "{marked:?} not in {html}");
    }
}

/// The PDF sets the procedures in their language: hyphenated as French, the
/// body breaks as it does in a French handbook, and not as in an English one.
#[cfg(feature = "pdf")]
#[test]
fn the_pdf_hyphenates_the_procedures_in_their_language() {
    use crate::common::pdf::{poppler, text, write_pdf};
    if !poppler() {
        return;
    }
    // Words English patterns break elsewhere ("interv-enues", "Guade-loupe").
    let words = "intervenues Guadeloupe admissions intervenues Guadeloupe ";
    let body = |language: &str, content: Option<&str>| {
        let fx = fixture(language, content);
        let page = fx.read("content/alerte/rancon.md");
        fx.write(
            "content/alerte/rancon.md",
            &format!("{page}\nDEBUTMARQUE {} FINMARQUE\n", words.repeat(12)),
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        let all = text(write_pdf(&pdf.bytes).path(), None);
        let start = all.find("DEBUTMARQUE").expect("start marker");
        let end = all.find("FINMARQUE").expect("end marker");
        all[start..end].to_string()
    };
    let french = body("fr", None);
    assert_eq!(body("en", Some("fr")), french);
    assert_ne!(
        body("en", None),
        french,
        "the check must tell the languages apart"
    );
}
