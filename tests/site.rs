//! The built site: links resolve offline, builds are deterministic, and pages
//! render what authors wrote (escaping, typography, callouts, languages, a11y).

use std::fs;

use crate::common::{self, broken_references, cli, files, read_all, repo_root, Fixture};
use planblanc::load::Tlp;

#[test]
fn fixture_build_links_resolve_offline() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    let report = fx.build_to(&site, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let problems = broken_references(&site);
    assert!(problems.is_empty(), "{problems:#?}");
    for page in [
        "index.html",
        "alerte/index.html",
        "alerte/rancon/index.html",
        "mobilisation/cellule/index.html",
        "phases/index.html",
        "phases/alerte/index.html",
        "roles/rssi/index.html",
        "regions/11/index.html",
        "etablissements/ehpad/index.html",
        "recherche/index.html",
        "assets/style.css",
        "assets/syntax.css",
        "alerte/schema.svg",
    ] {
        assert!(site.join(page).is_file(), "{page} missing");
    }
}

#[test]
fn bundled_handbook_builds_and_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    let output = cli(&repo_root(), &["build", "--out", site.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let problems = broken_references(&site);
    assert!(
        problems.is_empty(),
        "{} problems, first: {:#?}",
        problems.len(),
        &problems[..problems.len().min(20)]
    );
    assert!(files(&site).len() > 50);
}

#[test]
fn two_builds_are_byte_identical() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let a = out.path().join("a");
    let b = out.path().join("b");
    fx.build_to(&a, Tlp::Clear);
    fx.build_to(&b, Tlp::Clear);
    assert_eq!(read_all(&a), read_all(&b));
}

#[test]
fn drafts_only_with_flag() {
    let fx = Fixture::minimal();
    let draft = fx
        .read("content/mobilisation/ehpad.md")
        .replace("status: valide", "status: brouillon");
    fx.write("content/mobilisation/ehpad.md", &draft);
    let out = tempfile::tempdir().unwrap();
    let a = out.path().join("a");
    fx.build_to(&a, Tlp::Clear);
    assert!(!a.join("mobilisation/ehpad/index.html").exists());
    let b = out.path().join("b");
    let output = fx.cli(&["build", "--drafts", "--out", b.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(b.join("mobilisation/ehpad/index.html").exists());
}

/// Listing items are rendered once and given each listing's depth afterwards. A
/// title holding the control character that stands for the root in that
/// rendering is refused at its line, so it can never be taken for the root.
#[test]
fn listing_items_link_right_at_every_depth() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    for (listing, up) in [
        ("alerte/index.html", "../"),
        ("roles/tout-personnel/index.html", "../../"),
        ("editions/84/ch/index.html", "../../../"),
    ] {
        let html = fs::read_to_string(out.path().join(listing)).unwrap();
        let link =
            format!("<a href=\"{up}alerte/rancon/index.html\">Mon poste affiche une rançon</a>");
        assert!(html.contains(&link), "{listing} lacks {link:?}");
        assert!(!html.contains('\u{1}'));
    }
    let page = fx.read("content/alerte/rancon.md").replace(
        "title: \"Mon poste affiche une rançon\"",
        "title: \"Mon poste\\x01 affiche\"",
    );
    fx.write("content/alerte/rancon.md", &page);
    let d = common::find(&fx.check(), "`title` holds the control character U+0001").clone();
    assert!(d.is_error() && d.line == 3, "{d}");
}

#[test]
fn front_matter_values_are_escaped() {
    let fx = Fixture::minimal();
    let page = fx.read("content/mobilisation/cellule.md").replace(
        "title: \"Activer la cellule de crise\"",
        "title: \"<script>alert(1)</script> & co\"",
    );
    fx.write("content/mobilisation/cellule.md", &page);
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let html = fs::read_to_string(out.path().join("mobilisation/cellule/index.html")).unwrap();
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
}

#[test]
fn reserved_and_colliding_paths_are_errors() {
    let fx = Fixture::minimal();
    fx.write("content/assets/_index.md", "---\ntitle: A\n---\n");
    fx.write("content/alerte/rancon/index.html", "<p>x</p>");
    // What an archive adds beside the site: `archive` would stop on it.
    fx.write("content/SHA256SUMS", "x");
    fx.write(
        "content/alerte/SHA256SUMS",
        "a file of a folder is no trouble",
    );
    let report = fx.check();
    common::find(&report, "reserved for generated pages");
    common::find(&report, "would also be written by");
    let sums = common::find(&report, "the name `SHA256SUMS` is reserved");
    assert!(
        sums.is_error() && sums.file.ends_with("content/SHA256SUMS"),
        "{sums}"
    );
    assert_eq!(
        common::errors(&report).len(),
        3,
        "{:?}",
        common::errors(&report)
    );
}

#[test]
fn french_typography_outside_code_only() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert!(
        html.contains("réseau\u{a0}: ne pas éteindre\u{202f}!"),
        "no French spacing"
    );
    assert!(html.contains("id=\"etapes\""));
    assert!(html.contains("class=\"hl-"), "no highlighting");
    assert!(!html.contains("style=\""), "inline styles");
    // A heading and its table-of-contents entry are spaced alike.
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md") + "\n## Après : rétablir\n\nTexte.\n";
    fx.write("content/alerte/rancon.md", &page);
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert!(html.contains(">Après\u{a0}: rétablir</h2>"), "{html}");
    assert!(html.contains(">Après\u{a0}: rétablir</a></li>"), "{html}");
}

/// Author text outside the body (titles, summaries, triggers, section names) is
/// typeset like the body in French, wherever it is shown; dates read as words, with
/// the ISO form kept for machines. English keeps plain spaces and its own months.
/// The fixture with the ransom sheet's title and its section's title replaced by
/// the YAML written after `title:`.
fn retitle(fx: &Fixture, sheet: &str, section: &str) {
    let page = fx.read("content/alerte/rancon.md").replacen(
        "title: \"Mon poste affiche une rançon\"",
        &format!("title: {sheet}"),
        1,
    );
    fx.write("content/alerte/rancon.md", &page);
    let index = fx.read("content/alerte/_index.md").replacen(
        "title: \"Alerte\"",
        &format!("title: {section}"),
        1,
    );
    fx.write("content/alerte/_index.md", &index);
}

/// Every file of a built site's search index, one after the other.
fn search_text(site: &std::path::Path) -> String {
    files(&site.join("search"))
        .iter()
        .map(|f| fs::read_to_string(site.join("search").join(f)).unwrap())
        .collect()
}

#[test]
fn titles_and_dates_read_as_each_language_writes_them() {
    let fx = Fixture::minimal();
    retitle(
        &fx,
        "\"Rançon : que faire ?\"",
        "\"Alerte : premiers gestes\"",
    );
    let roles = fx.read("content/_taxonomies/roles.yaml").replacen(
        "  label: \"RSSI\"",
        "  label: \"RSSI\"\n  description: \"Sécurité du SI ; il alerte : « tout de suite »\"",
        1,
    );
    fx.write("content/_taxonomies/roles.yaml", &roles);
    let typeset = "Rançon\u{a0}: que faire\u{202f}?";
    let out = build_in_language(&fx, "fr");
    let read = |rel: &str| fs::read_to_string(out.path().join(rel)).unwrap();
    let page = read("alerte/rancon/index.html");
    for shown in [
        format!("<h1>{typeset}</h1>"),
        format!("<title>T-ALE-001 · {typeset} · "),
        "<li><a href=\"../index.html\">Alerte\u{a0}: premiers gestes</a></li>".to_string(),
        "<time datetime=\"2026-05-01\">1er\u{a0}mai\u{a0}2026</time>".to_string(),
        "<time datetime=\"2026-06-01\">1er\u{a0}juin\u{a0}2026</time>".to_string(),
    ] {
        assert!(page.contains(&shown), "{shown:?} not in {page}");
    }
    let listing = read("alerte/index.html");
    assert!(listing.contains(&format!(">{typeset}</a>")), "{listing}");
    // Taxonomy descriptions are author text too.
    let described = "Sécurité du SI\u{202f}; il alerte\u{a0}: «\u{a0}tout de suite\u{a0}»";
    for shown in [read("roles/index.html"), read("roles/rssi/index.html")] {
        assert!(shown.contains(described), "{shown}");
    }
    assert!(
        listing.contains("<h1>Alerte\u{a0}: premiers gestes</h1>"),
        "{listing}"
    );
    // Whoever lists it (the next sheet's "previous", search) shows it typeset too.
    let search = search_text(out.path());
    assert!(
        search.contains(typeset),
        "search results show the raw title"
    );

    let out = build_in_language(&fx, "en");
    let page = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert!(page.contains("<h1>Rançon : que faire ?</h1>"), "{page}");
    assert!(page.contains("<time datetime=\"2026-05-01\">1\u{a0}May\u{a0}2026</time>"));
}

/// A title or summary written as a YAML block (`|` keeps line breaks and adds one
/// at the end, `>` adds one at the end) is one line wherever it is shown: the
/// `<title>`, the heading, the listing and the search results.
#[test]
fn block_titles_are_one_line() {
    let fx = Fixture::minimal();
    retitle(
        &fx,
        "|\n  Mon poste\n    affiche une rançon\n",
        ">\n  Alerte\n  générale\n",
    );
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let read = |rel: &str| fs::read_to_string(out.path().join(rel)).unwrap();
    let page = read("alerte/rancon/index.html");
    for shown in [
        "<h1>Mon poste affiche une rançon</h1>",
        "<title>T-ALE-001 · Mon poste affiche une rançon · ",
        "<li><a href=\"../index.html\">Alerte générale</a></li>",
    ] {
        assert!(page.contains(shown), "{shown:?} not in {page}");
    }
    assert!(read("alerte/index.html").contains(">Mon poste affiche une rançon</a>"));
    let search = search_text(out.path());
    assert!(search.contains("Mon poste affiche une rançon"), "{search}");
    assert!(!search.contains("Mon poste\\n"), "{search}");
}

/// Raw HTML's links to pages and files are rewritten like Markdown links (pages
/// sit one folder below their sources); a link to an unpublished page is emptied,
/// one to a missing file is an error, as in Markdown: it would be dead in the page.
#[test]
fn raw_html_links_resolve_like_markdown_links() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon-idf.md");
    let raw = "\n<figure><img src=\"schema.svg\" alt=\"Schéma\"></figure>\n\n\
               <p><a href='rancon.md#etapes'>Étapes</a> <a href=\"../mobilisation/annuaire-idf.md\">annuaire</a> \
               <a href=\"absent.pdf\">absent</a> <a href=\"https://cnil.fr\">CNIL</a></p>\n";
    fx.write("content/alerte/rancon-idf.md", &format!("{page}{raw}"));
    let report = fx.check();
    let d = common::find(&report, "raw HTML: link to a missing file");
    assert!(d.is_error(), "{d}");
    let at = d.source_line.find("absent.pdf").unwrap();
    let col = d.source_line[..at].chars().count() + 1; // columns count characters
    assert_eq!((d.col, d.len), (col, "absent.pdf".len()), "{d}");
    let page = fx.read("content/alerte/rancon-idf.md");
    fx.write(
        "content/alerte/rancon-idf.md",
        &page.replace(" <a href=\"absent.pdf\">absent</a>", ""),
    );
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let html = fs::read_to_string(out.path().join("alerte/rancon-idf/index.html")).unwrap();
    for expected in [
        "<img src=\"../schema.svg\" alt=\"Schéma\">",
        "<a href='../rancon/index.html#etapes'>Étapes</a>",
        "<a href=\"\">annuaire</a>",
        "<a href=\"https://cnil.fr\">CNIL</a>",
    ] {
        assert!(html.contains(expected), "{expected} not in {html}");
    }
    assert!(
        !html.contains("annuaire-idf"),
        "an unpublished page's address leaked"
    );
}

/// Builds `fx` with its handbook in `language`.
fn build_in_language(fx: &Fixture, language: &str) -> tempfile::TempDir {
    let config: Vec<String> = fx
        .read("handbook.yaml")
        .lines()
        .map(|line| match line.starts_with("language:") {
            true => format!("language: {language}"),
            false => line.to_string(),
        })
        .collect();
    fx.write("handbook.yaml", &config.join("\n"));
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    out
}

const CALLOUTS: &str = "\n> [!NOTE]\n> Une remarque.\n\n> [!TIP]\n> Un conseil.\n\n\
    > [!IMPORTANT]\n> Important.\n\n> [!WARNING]\n> Ne pas éteindre.\n\n> [!CAUTION]\n> Danger.\n\n\
    > Une citation.\n";

/// `> [!WARNING]` and the other GitHub alerts become titled callouts, in the
/// handbook's language; a plain quote stays a quote.
#[test]
fn github_alerts_become_callouts_in_the_handbook_language() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    fx.write("content/alerte/rancon.md", &format!("{page}{CALLOUTS}"));
    for (language, titles) in [
        (
            "fr",
            ["Remarque", "Conseil", "Important", "Attention", "Danger"],
        ),
        ("en", ["Note", "Tip", "Important", "Warning", "Caution"]),
    ] {
        let out = build_in_language(&fx, language);
        let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
        for (kind, title) in ["note", "tip", "important", "warning", "caution"]
            .iter()
            .zip(titles)
        {
            let open = format!(
                "<div class=\"callout callout-{kind}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>"
            );
            assert!(html.contains(&open), "{language}: {open} not in {html}");
        }
        assert!(!html.contains("[!"), "{language}: an alert marker is left");
        assert!(
            html.contains("<blockquote>\n<p>Une citation."),
            "{language}"
        );
    }
}

/// The page's own words follow the language's punctuation: `Mots-clés : ` with a
/// no-break space in French, `Tags: ` in English.
#[test]
fn labels_follow_the_language_punctuation() {
    let fx = Fixture::minimal();
    for (language, expected, wrong) in [
        (
            "fr",
            "Mots-clés\u{a0}: <span class=\"tag\">",
            "Mots-clés : ",
        ),
        ("en", "Tags: <span class=\"tag\">", "Tags : "),
    ] {
        let out = build_in_language(&fx, language);
        let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
        assert!(
            html.contains(expected),
            "{language}: {expected:?} not in {html}"
        );
        assert!(!html.contains(wrong), "{language}");
    }
}

/// Counts agree with their noun as each language wants: French puts 0 and 1 in
/// the singular, English only 1.
#[test]
fn counts_agree_in_each_language() {
    let fx = Fixture::minimal();
    for (language, expected, wrong) in [
        (
            "fr",
            ["\">1\u{a0}fiche<", "\">0\u{a0}fiche<", "\">2\u{a0}fiches<"],
            "\">1\u{a0}fiches<",
        ),
        (
            "en",
            ["\">1\u{a0}sheet<", "\">0\u{a0}sheets<", "\">2\u{a0}sheets<"],
            "\">1\u{a0}sheets<",
        ),
    ] {
        let out = build_in_language(&fx, language);
        let html = fs::read_to_string(out.path().join("regions/index.html")).unwrap()
            + &fs::read_to_string(out.path().join("roles/index.html")).unwrap();
        for e in expected {
            assert!(html.contains(e), "{language}: {e} not in {html}");
        }
        assert!(!html.contains(wrong), "{language}");
    }
}

/// The search interface's words ship once, in assets/site-data.js, in the
/// handbook's language; every page loads it before the scripts that use it.
#[test]
fn scripts_get_the_interface_words_in_the_handbook_language() {
    let fx = Fixture::minimal();
    for (language, words) in [
        (
            "fr",
            ["\"none\":\"Aucun résultat\"", "\"region\":\"Région\""],
        ),
        ("en", ["\"none\":\"No results\"", "\"region\":\"Region\""]),
    ] {
        let out = build_in_language(&fx, language);
        let data = fs::read_to_string(out.path().join("assets/site-data.js")).unwrap();
        assert!(data.starts_with("window.PB_PROFILE_HTML = \""), "{data}");
        for word in words {
            assert!(data.contains(word), "{language}: {word} not in {data}");
        }
        let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
        let (data_at, search_at) = (
            html.find("assets/site-data.js"),
            html.find("assets/search.js"),
        );
        assert!(
            data_at.is_some() && data_at < search_at,
            "site-data.js must load first"
        );
    }
}

/// A footnote named like a heading does not take its anchor; each note links back
/// to its first call.
#[test]
fn footnotes_have_ids_of_their_own_and_a_way_back() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    let front = &page[..page.find("\n---\n").unwrap() + 5];
    let body = "\n## Étapes\n\nVoir la note[^etapes] et encore[^etapes], puis[^2].\n\n\
                [^etapes]: Première note.\n\n[^2]: Seconde.\n";
    fx.write("content/alerte/rancon.md", &format!("{front}{body}"));
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert_eq!(html.matches("id=\"etapes\"").count(), 1, "{html}");
    assert_eq!(html.matches("href=\"#fn-1\"").count(), 2);
    assert_eq!(html.matches("id=\"fnref-1\"").count(), 1);
    for id in ["fn-1", "fn-2", "fnref-2"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    assert!(html.contains("<a class=\"footnote-back\" href=\"#fnref-1\" aria-label=\"Revenir à l&#39;appel de note 1\">"));
    // The call is "Note 1" to a screen reader listing links, not "1".
    assert!(
        html.contains("<a href=\"#fn-1\" aria-label=\"Note 1\">1</a>"),
        "{html}"
    );
    assert!(common::broken_references(out.path()).is_empty());
}

/// A note defined twice prints twice under one number: the copy is a warning at
/// its line, and only the first holds the id, on the site and in the bundle.
#[test]
fn a_footnote_defined_twice_is_warned_about_and_keeps_one_id() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    let front = &page[..page.find("\n---\n").unwrap() + 5];
    let body = "\nVoir la note[^a].\n\n[^a]: Première.\n\n[^A]: Copie.\n";
    fx.write("content/alerte/rancon.md", &format!("{front}{body}"));
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    let copy = common::find(&report, "footnote `[^A]` is defined twice");
    assert!(
        copy.message.contains("the note of line"),
        "{}",
        copy.message
    );
    assert_eq!(copy.line, front.lines().count() + 6, "{}", copy.message);
    let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert_eq!(html.matches("id=\"fn-1\"").count(), 1, "{html}");
    assert_eq!(html.matches("class=\"footnote-definition\"").count(), 2);
    let print = fs::read_to_string(out.path().join("impression/national.html")).unwrap();
    assert_eq!(print.matches("id=\"f-T-ALE-001--1\"").count(), 1, "{print}");
}

#[test]
fn national_bundle_is_left_to_the_bundle_command_on_very_large_sites() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    fx.build_to(&out.path().join("small"), Tlp::Clear);
    assert!(out.path().join("small/impression/national.html").is_file());
    let page = fx
        .read("content/mobilisation/ehpad.md")
        .replace("Voir l'[annuaire](annuaire-idf.md).", "Texte.");
    for i in 0..planblanc::print::output::NATIONAL_IN_SITE_MAX {
        fx.write(
            &format!("content/mobilisation/g{i}.md"),
            &page.replace("id: T-MOB-002", &format!("id: T-GEN-{i}")),
        );
    }
    let report = fx.build_to(&out.path().join("large"), Tlp::Clear);
    assert_eq!(report.errors(), 0);
    assert!(!out.path().join("large/impression/national.html").exists());
    let home = fs::read_to_string(out.path().join("large/index.html")).unwrap();
    assert!(!home.contains("impression/national.html"));
    // The home page stays bounded: each phase shows its first sheets and links to all.
    let max = planblanc::render::listings::HOME_LIST_MAX;
    let mobilisation = home
        .split("id=\"phase-mobilisation\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("mobilisation on the home page");
    assert_eq!(mobilisation.matches("<li class=\"proc\"").count(), max);
    let total = planblanc::print::output::NATIONAL_IN_SITE_MAX + 2;
    // Counts in French typography: 1 002, with a narrow no-break space.
    assert_eq!(total, 1002);
    assert!(
        mobilisation.contains("1\u{202f}002\u{a0}fiches"),
        "{mobilisation}"
    );
    assert!(mobilisation.contains("href=\"phases/mobilisation/index.html\""));
    assert!(home.len() < 100_000, "home page of {} bytes", home.len());
    // The phase's own page lists them all, `paginate_by` (500) per page.
    let listed: Vec<usize> = (1..=total.div_ceil(500))
        .map(|n| {
            let name = if n == 1 {
                "index.html".to_string()
            } else {
                format!("index-{n}.html")
            };
            let page = out.path().join("large/phases/mobilisation").join(name);
            let html = fs::read_to_string(&page).unwrap();
            html.matches("<li class=\"proc\"").count()
        })
        .collect();
    assert!(listed.iter().all(|&n| n <= 500), "{listed:?}");
    assert_eq!(listed.iter().sum::<usize>(), total);
}

/// A checklist box is labelled by its item's text (and only that text: the label
/// ends before a nested list) and can be ticked (a disabled box is announced as
/// unavailable); tables scroll in a box the keyboard reaches, and so do code blocks
/// (axe-core's `label` and `scrollable-region-focusable` rules), each a region
/// named by its kind and number on the page (a focusable box needs a name).
#[test]
fn checklists_tables_and_code_blocks_are_accessible() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    let front = &page[..page.find("\n---\n").unwrap() + 5];
    let body = "\n| z |\n|---|\n| 0 |\n\n## Étapes\n\n- [ ] Isoler le **réseau** ([étapes](#etapes))\n- [x] Prévenir\n  \
                - [ ] Sous-tâche\n- Sans case\n\n1. [ ] Numérotée\n\n---\n\n- [ ] Aérée\n\n  Suite.\n\n\
                | a | b |\n|---|---|\n| 1 | 2 |\n\n## Commandes « utiles »\n\n```bash\nls\n```\n\n| c |\n|---|\n| 3 |\n\n```\npwd\n```\n";
    fx.write("content/alerte/rancon.md", &format!("{front}{body}"));
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let html = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    let content = &html[html.find("<div class=\"content\">").unwrap()..];
    for expected in [
        "<li><label class=\"task\"><input type=\"checkbox\"> Isoler le <strong>réseau</strong> (<a href=\"#etapes\">étapes</a>)</label></li>",
        "<li><label class=\"task\"><input type=\"checkbox\" checked> Prévenir</label>\n<ul>",
        "<li><label class=\"task\"><input type=\"checkbox\"> Sous-tâche</label></li>",
        "<li>Sans case</li>",
        "<li><label class=\"task\"><input type=\"checkbox\"> Numérotée</label></li>",
        "<p><label class=\"task\"><input type=\"checkbox\"> Aérée</label></p>\n<p>Suite.</p>",
        // Named by kind, number and the heading they sit under, if any.
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"Tableau 1\" tabindex=\"0\">\n<table>",
        "</table>\n</div>",
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"Tableau 2, Étapes\" tabindex=\"0\">",
        "<pre class=\"code\" role=\"region\" aria-label=\"Code 1, Commandes « utiles »\" tabindex=\"0\"><code class=\"language-bash\">",
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"Tableau 3, Commandes « utiles »\" tabindex=\"0\">",
        "<pre class=\"code\" role=\"region\" aria-label=\"Code 2, Commandes « utiles »\" tabindex=\"0\">",
    ] {
        assert!(content.contains(expected), "missing {expected:?} in:\n{content}");
    }
    assert_eq!(content.matches("<label").count(), 5, "{content}");
    assert_eq!(content.matches("</label>").count(), 5, "{content}");
}

/// A remote image never loads: Markdown's becomes a link with its alternative
/// text, raw HTML's address becomes `data:,` (which loads nothing, and the
/// image shows its `alt`), and both are warnings. Links to the
/// web stay links.
#[test]
fn remote_images_make_no_request() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon-idf.md");
    let body = "\n![Plan *du site*](https://example.org/plan.png \"Plan\")\n\n\
                [![Badge](https://example.org/b.svg)](rancon.md) \
                ![Carte [zoom](rancon.md)](https://example.org/c.png)\n\n\
                <img src=\"https://example.org/logo.png\" alt=\"Logo\"> \
                <iframe src='//carte.example/'></iframe> <a href=\"https://cnil.fr\">CNIL</a>\n";
    fx.write("content/alerte/rancon-idf.md", &format!("{page}{body}"));
    let report = fx.check();
    common::find(
        &report,
        "remote image `https://example.org/plan.png` will not load offline",
    );
    common::find(&report, "raw HTML loads `https://example.org/logo.png`");
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let html = fs::read_to_string(out.path().join("alerte/rancon-idf/index.html")).unwrap();
    for expected in [
        "<a href=\"https://example.org/plan.png\" title=\"Plan\">Plan <em>du site</em> \
         <span class=\"remote-image\">(image en ligne, non chargée)</span></a>",
        "<img src=\"data:,\" alt=\"Logo\">",
        "<iframe src='data:,'></iframe>",
        "<a href=\"https://cnil.fr\">CNIL</a>",
        // Inside a link, a remote image is its text: a link in a link would
        // send the click to the image's address.
        "<a href=\"../rancon/index.html\">Badge \
         <span class=\"remote-image\">(image en ligne, non chargée)</span></a>",
        "<a href=\"https://example.org/c.png\">Carte zoom \
         <span class=\"remote-image\">(image en ligne, non chargée)</span></a>",
    ] {
        assert!(html.contains(expected), "{expected} not in\n{html}");
    }
    // Nothing anywhere in the site loads from the network.
    for (path, bytes) in read_all(out.path()) {
        let text = String::from_utf8_lossy(&bytes);
        for attr in [
            "src=\"http",
            "src='http",
            "src=\"//",
            "src='//",
            "srcset=\"http",
        ] {
            assert!(
                !text.contains(attr),
                "{} loads remotely: {attr}",
                path.display()
            );
        }
    }
}

/// A search result opens the page by the address the static links use: a `#` or
/// a `%` in a file name is encoded, or the browser reads an anchor or an escape.
#[test]
fn search_results_address_pages_as_links_do() {
    let fx = Fixture::minimal();
    let page = fx
        .read("content/alerte/rancon.md")
        .replace("id: T-ALE-001", "id: T-ALE-009")
        .replace("variant_of: T-ALE-001\n", "");
    fx.write("content/alerte/fiche#2 100%.md", &page);
    let out = fx.root().join("out");
    let report = fx.build_to(&out, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert!(out.join("alerte/fiche#2 100%/index.html").is_file());
    let search = out.join("search");
    let index: String = files(&search)
        .iter()
        .map(|f| fs::read_to_string(search.join(f)).unwrap())
        .collect();
    assert!(
        index.contains("\"alerte/fiche%232%20100%25/index.html\""),
        "not encoded"
    );
    assert!(!index.contains("fiche#2"), "raw address in the index");
}
