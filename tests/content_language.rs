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
    with_languages(Fixture::minimal(), language, content)
}

fn with_languages(fx: Fixture, language: &str, content: Option<&str>) -> Fixture {
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
    // The interface around it stays English; only the handbook's title is French.
    let chrome = &page[..page.find("<main").unwrap()];
    assert_eq!(chrome.matches("lang=\"fr\"").count(), 1, "{chrome}");
    assert!(
        chrome.contains(" lang=\"fr\">Manuel de test</a>"),
        "{chrome}"
    );
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

/// The author's words in a French handbook with an English interface, wherever
/// the site shows them: handbook title, section titles and summaries, taxonomy
/// labels, page titles (listings, related links, editions), and in "What's new"
/// old titles and the words a version changed.
const AUTHOR_WORDS: [&str; 10] = [
    "Manuel de test",
    "Donner l",
    "Tout personnel",
    "Directeur de crise",
    "Île-de-France",
    "Mon poste affiche une rançon",
    "Centre hospitalier",
    "Activer la cellule",
    "Réunir la cellule",
    "interne 5555",
];

#[test]
fn every_author_word_on_every_site_page_is_marked_french() {
    let built = Built::of(&with_languages(
        crate::versions::history(),
        "en",
        Some("fr"),
    ));
    let mut seen = std::collections::BTreeSet::new();
    let mut unmarked = Vec::new();
    for rel in crate::common::files(built.0.path()) {
        if rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = built.read(&rel.to_string_lossy());
        for (text, lang) in text_languages(&html) {
            for word in AUTHOR_WORDS.iter().filter(|w| text.contains(**w)) {
                seen.insert(*word);
                if lang != "fr" {
                    unmarked.push(format!("{}: {text:?} read as {lang:?}", rel.display()));
                }
            }
        }
    }
    assert_eq!(seen.len(), AUTHOR_WORDS.len(), "the fixture shows {seen:?}");
    assert!(unmarked.is_empty(), "{}", unmarked.join("\n"));
}

/// Each run of text in the body of `html` with the language it is read in (the
/// nearest `lang`), skipping scripts, styles and `<title>` (which takes no mark).
fn text_languages(html: &str) -> Vec<(String, String)> {
    const VOID: [&str; 9] = [
        "meta", "link", "input", "br", "img", "hr", "wbr", "col", "source",
    ];
    let mut stack: Vec<(String, Option<String>)> = Vec::new();
    let mut runs = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let text = rest[..open].trim();
        let skipped = stack
            .iter()
            .any(|(tag, _)| matches!(tag.as_str(), "script" | "style" | "title"));
        if !text.is_empty() && !skipped {
            let lang = stack.iter().rev().find_map(|(_, l)| l.clone());
            runs.push((text.to_string(), lang.unwrap_or_default()));
        }
        let close = open + rest[open..].find('>').expect("tag closes");
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let at = stack.iter().rposition(|(t, _)| t == name.trim());
            stack.truncate(at.expect("closing tag was opened"));
        } else if !tag.starts_with('!') {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                let lang = tag
                    .split_once(" lang=\"")
                    .map(|(_, l)| l[..l.find('"').unwrap()].to_string());
                stack.push((name, lang));
            }
        }
    }
    runs
}
