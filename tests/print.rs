//! Print bundles: exact contents (variants in place, TLP respected, order), one
//! self-contained HTML file, a PDF that opens with the right pages, text and
//! bookmarks, references readable on paper, the `bundle` command, the links from
//! the site, and byte-identical output from the same input.

use std::fs;
use std::path::Path;

use crate::common::{broken_references, cli, find, repo_root, Fixture};
use planblanc::load::{self, Tlp};
use planblanc::model::editions::Edition;
use planblanc::model::{Audience, Site};
use planblanc::print::{Bundle, Printer};

pub(crate) fn site(root: &Path, tlp: Tlp) -> Site {
    Site::new(load::load(root), Audience { tlp, drafts: false })
}

/// A printer with the default theme's strings, as `build` and `bundle` use it.
pub(crate) fn printer(site: &Site) -> Printer<'_> {
    let theme = load::theme::load(&site_root(site), "default", &site.config.language)
        .expect("default theme");
    Printer::new(site, &theme)
}

/// Any folder without `themes/`: the theme then comes from the binary.
fn site_root(_site: &Site) -> std::path::PathBuf {
    std::env::temp_dir()
}

fn ids(site: &Site, bundle: &Bundle) -> Vec<String> {
    bundle
        .members
        .iter()
        .map(|&p| site.pages[p].id().to_string())
        .collect()
}

fn edition<'a>(region: &'a str, kind: &'a str) -> Edition<'a> {
    Edition { region, kind }
}

/// Procedure ids in the order their articles appear in an HTML bundle.
fn article_ids(html: &str) -> Vec<String> {
    html.split("<article class=\"procedure")
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find("id=\"p-")? + 6;
            let end = rest[start..].find('"')?;
            Some(rest[start..start + end].to_string())
        })
        .collect()
}

#[test]
fn edition_bundle_holds_exactly_its_procedures_in_order() {
    let fx = Fixture::minimal();
    let clear = site(fx.root(), Tlp::Clear);
    let p = printer(&clear);
    let bundle = Bundle::edition(&clear, p.variants(), edition("11", "ch"));
    // The Île-de-France variant takes the national reflex card's place.
    assert_eq!(ids(&clear, &bundle), ["T-ALE-001-IDF", "T-MOB-001"]);
    let html = p.html(&bundle).unwrap();
    assert_eq!(article_ids(&html), ["T-ALE-001-IDF", "T-MOB-001"]);
    assert!(!html.contains("CANARI-TEST-AMBRE-42"));
    assert!(!html.contains("T-ANN-011"));
    assert!(html.contains("TLP:CLEAR") && !html.contains("TLP:AMBER"));

    // At TLP amber the regional directory joins, and marks the whole bundle amber.
    let amber = site(fx.root(), Tlp::Amber);
    let p = printer(&amber);
    let bundle = Bundle::edition(&amber, p.variants(), edition("11", "ch"));
    assert_eq!(
        ids(&amber, &bundle),
        ["T-ALE-001-IDF", "T-MOB-001", "T-ANN-011"]
    );
    let html = p.html(&bundle).unwrap();
    assert_eq!(
        article_ids(&html),
        ["T-ALE-001-IDF", "T-MOB-001", "T-ANN-011"]
    );
    assert!(html.contains("CANARI-TEST-AMBRE-42"));
    let cover = &html[html.find("<section class=\"cover\">").unwrap()..];
    assert!(cover.starts_with("<section class=\"cover\">\n<p class=\"cover-marking\"><span class=\"tlp tlp-amber\">TLP:AMBER</span>"));
    // Another region's edition never sees it, even at amber.
    let other = Bundle::edition(&amber, p.variants(), edition("84", "ch"));
    assert!(!p.html(&other).unwrap().contains("CANARI-TEST-AMBRE-42"));
}

#[test]
fn national_and_role_bundles_select_and_order_by_phase() {
    let fx = Fixture::minimal();
    fx.write(
        "content/mobilisation/role-rssi.md",
        "---\nid: T-ROL-RSSI\ntitle: \"Fiche rôle : RSSI\"\nsummary: \"Le rôle.\"\nkind: fiche-role\n\
         phase: mobilisation\nroles: [rssi]\nregions: [\"*\"]\nestablishment_types: [\"*\"]\n\
         status: valide\nlast_reviewed: 2026-04-01\ntlp: clear\n---\n\nTexte.\n",
    );
    fx.write(
        "content/alerte/reflexe-rssi.md",
        "---\nid: T-REF-RSSI\ntitle: \"Couper\"\nsummary: \"Réflexe.\"\nkind: fiche-reflexe\n\
         phase: alerte\nroles: [rssi, directeur]\nregions: [\"*\"]\nestablishment_types: [\"*\"]\n\
         status: valide\nlast_reviewed: 2026-04-01\ntlp: clear\n---\n\nTexte.\n",
    );
    let s = site(fx.root(), Tlp::Clear);
    // A fiche-role of another role, and a procedure of this role, stay out.
    assert_eq!(
        ids(&s, &Bundle::role(&s, "rssi")),
        ["T-REF-RSSI", "T-ROL-RSSI"]
    );
    assert_eq!(ids(&s, &Bundle::role(&s, "directeur")), ["T-REF-RSSI"]);
    // A single card needs no contents page; two get one.
    let p = printer(&s);
    let contents = |b: &Bundle| p.html(b).unwrap().contains("class=\"contents\"");
    assert!(!contents(&Bundle::role(&s, "directeur")));
    assert!(contents(&Bundle::role(&s, "rssi")));
    let national = Bundle::national(&s);
    assert_eq!(
        ids(&s, &national),
        [
            "T-REF-RSSI",
            "T-ALE-001",
            "T-ALE-001-IDF",
            "T-MOB-001",
            "T-MOB-002",
            "T-ROL-RSSI"
        ]
    );
}

/// Every `src`/`href` of a bundle is an in-document anchor that exists, or a data URI.
fn outside_references(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for attr in ["src=\"", "href=\"", "src='", "href='"] {
        for (i, _) in html.match_indices(attr) {
            let value = &html[i + attr.len()..];
            let quote = attr.chars().last().unwrap();
            let value = &value[..value.find(quote).unwrap()];
            if let Some(anchor) = value.strip_prefix('#') {
                if !html.contains(&format!("id=\"{anchor}\"")) {
                    problems.push(format!("dangling anchor {value}"));
                }
            } else if !value.starts_with("data:") {
                problems.push(format!("external reference {value}"));
            }
        }
    }
    let lower = html.to_ascii_lowercase();
    for forbidden in ["<script", "<link", "@import", "url(", "<iframe", "<object"] {
        if lower.contains(forbidden) {
            problems.push(format!("contains {forbidden}"));
        }
    }
    problems
}

#[test]
fn html_bundle_is_one_self_contained_file() {
    let fx = Fixture::minimal();
    fx.write(
        "content/alerte/liens.md",
        "---\nid: T-LNK-001\ntitle: \"Liens\"\nsummary: \"Des liens.\"\nphase: alerte\n\
         roles: [rssi]\nregions: [\"*\"]\nestablishment_types: [\"*\"]\nstatus: valide\n\
         last_reviewed: 2026-04-01\ntlp: clear\n---\n\n\
         Voir [l'ANSSI](https://cyber.gouv.fr/incidents), <https://www.cert.ssi.gouv.fr>, \
         [écrire](mailto:cellule@example.fr), [l'annuaire](../mobilisation/annuaire-idf.md) \
         et [la cellule](../mobilisation/cellule.md#securite).\n\n\
         <img src=\"https://example.org/x.png\">\n\n\
         ```sh\nnft add chain inet t e '{ type filter ; policy drop ; }' # attention : !\n```\n",
    );
    let s = site(fx.root(), Tlp::Clear);
    let p = printer(&s);
    let html = p.html(&Bundle::national(&s)).unwrap();
    let problems = outside_references(&html);
    assert!(problems.is_empty(), "{problems:#?}");
    // One h1, the bundle's title; each procedure an h2 and its headings below it:
    // no level is skipped going down (a screen reader's outline).
    let levels: Vec<u8> = html
        .match_indices("<h")
        .filter_map(|(i, _)| html[i + 2..].bytes().next().filter(u8::is_ascii_digit))
        .map(|b| b - b'0')
        .collect();
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{levels:?}");
    assert_eq!(levels[0], 1, "{levels:?}");
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{levels:?}");
    assert!(
        levels.contains(&3),
        "no procedure heading below its title: {levels:?}"
    );
    // The image is inlined as an SVG data URI, read from the content.
    assert!(html.contains("src=\"data:image/svg+xml;base64,"));
    // External URLs are printed in full as numbered endnotes, never linked.
    for url in [
        "https://cyber.gouv.fr/incidents",
        "https://www.cert.ssi.gouv.fr",
        "cellule@example.fr",
    ] {
        assert!(
            html.contains(&format!("<span class=\"url\">{url}</span>")),
            "{url}"
        );
    }
    assert!(html.contains("<sup class=\"endnote-ref\"><a href=\"#n-T-LNK-001--1\">[1]</a></sup>"));
    // Links between procedures: "[ID]" (brackets: the link often sits inside the
    // author's parentheses) and an in-document anchor.
    assert!(html.contains(
        "<a href=\"#p-T-MOB-001--securite\">la cellule</a> <span class=\"see\">[<a href=\"#p-T-MOB-001--securite\">T-MOB-001</a>]</span>"
    ));
    // A link to a page this TLP level does not publish leaves no trace.
    assert!(!html.contains("T-ANN-011") && !html.contains("Annuaire Île-de-France"));
    assert!(html.contains("fiche non diffusée à ce niveau"));
    // A command prints as written, without French spaces: it must still run.
    assert!(
        html.contains("'{ type filter ; policy drop ; }' # attention : !"),
        "{html}"
    );
    // Task lists print as empty boxes; the deadline and the trigger are boxed.
    assert!(
        html.contains("<span class=\"tick\" role=\"img\" aria-label=\"case à cocher\">☐</span>")
    );
    assert!(html.contains(
        "<div class=\"boxed deadline\"><p class=\"boxed-label\">Délai</p><p>15\u{a0}min</p></div>"
    ));
    assert!(html.contains("<div class=\"boxed trigger\">"));
    // Every procedure shows its last review and the edition; the cover the content date.
    // Dates as French writes them; titles typeset (a no-break space before `:`).
    assert!(html.contains("<dt>Dernière revue</dt><dd>1er\u{a0}mai\u{a0}2026</dd>"));
    assert!(html.contains("<dt>Édition</dt><dd>2026.1</dd>"));
    assert!(html.contains("Contenu à jour au 1er\u{a0}juin\u{a0}2026"));
    assert!(html.contains("que l&#39;édition 2026.1 est la dernière"));
    // Running header per procedure through named pages.
    assert!(html.contains("@page pb0 { @top-left { content: \"T-LNK-001 · Édition 2026.1\"; } }"));
    assert!(html.contains("<article class=\"procedure pb-page-0\" id=\"p-T-LNK-001\">"));
}

/// On a phone a wide table scrolls in its box: as on the site, the box takes the
/// keyboard's focus and is a region named after the table, its heading and its
/// procedure, no two alike in the bundle.
#[test]
fn bundle_table_boxes_are_named_and_reachable_from_the_keyboard() {
    let fx = Fixture::minimal();
    let front = |id: &str, title: &str| {
        format!(
            "---\nid: {id}\ntitle: \"{title}\"\nsummary: \"Des tableaux.\"\nphase: alerte\n\
             roles: [rssi]\nregions: [\"*\"]\nestablishment_types: [\"*\"]\nstatus: valide\n\
             last_reviewed: 2026-04-01\ntlp: clear\n---\n\n"
        )
    };
    let table = "| Qui | Quoi |\n| --- | --- |\n| RSSI | Isoler |\n\n";
    fx.write(
        "content/alerte/tableaux.md",
        &format!(
            "{}{table}## Matrice\n\n{table}",
            front("T-TAB-001", "Tableaux d'alerte")
        ),
    );
    fx.write(
        "content/alerte/autres.md",
        &format!(
            "{}## Matrice\n\n{table}",
            front("T-TAB-002", "Autres tableaux")
        ),
    );
    let s = site(fx.root(), Tlp::Clear);
    let html = printer(&s).html(&Bundle::national(&s)).unwrap();
    let boxes: Vec<&str> = html
        .match_indices("<div class=\"table-scroll\"")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1])
        .collect();
    for expected in [
        "aria-label=\"Tableau 1, Tableaux d&#39;alerte\"",
        "aria-label=\"Tableau 2, Matrice (Tableaux d&#39;alerte)\"",
        "aria-label=\"Tableau 1, Matrice (Autres tableaux)\"",
    ] {
        assert!(
            boxes.iter().any(|b| b.contains(expected)),
            "{expected} in {boxes:#?}"
        );
    }
    assert!(
        boxes
            .iter()
            .all(|b| b.contains("role=\"region\"") && b.contains("tabindex=\"0\"")),
        "{boxes:#?}"
    );
    let mut names: Vec<&str> = boxes
        .iter()
        .map(|b| b.split("aria-label").nth(1).unwrap())
        .collect();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "two boxes share a name: {boxes:#?}");
}

/// The fixture with raw HTML appended to the ransom sheet: a phone number in a
/// raw link, a table, a Word export's bare `<div>` text and an `<img>`.
fn with_raw_html() -> Fixture {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &format!(
            "{page}\n<p>Astreinte <a href=\"tel:+33123456789\">01 23 45 67 89</a> canari4821.</p>\n\n\
             <table><tr><td>RSSI</td><td><a href=\"schema.svg\">H+1</a></td></tr></table>\n\n\
             <div>\nTexte nu canari4822.\n</div>\n\n\
             Ligne <img src=\"schema.svg\" alt=\"Schéma brut\"> fin.\n\n\
             <details>\n<summary>Pourquoi</summary>\n\nParce que canari4823.\n\n</details>\n\n\
             <div>\n<input type=\"image\" alt=\"D\"\n  src=\"https://x.example/split.png\">\n</div>\n\n\
             <style>\n.x::after {{ content: \"CANARI-STYLE\" }}\n</style>\n\n\
             <div hidden>CANARI-CACHE</div>\n\nSuite <script>var c = \"CANARI-SCRIPT\";</script> canari4824.\n\n\
             <p>Délai < 2 h <img src=\"https://x.example/lt.png\" alt=\"A\"></p>\n"
        ),
    );
    fx
}

/// Raw HTML prints what a reader sees of it, with nothing referenced outside the
/// file: links keep their text (a phone number's address is an endnote), images
/// are embedded. Search finds its words.
#[test]
fn raw_html_prints_its_text_and_images() {
    let fx = with_raw_html();
    let s = site(fx.root(), Tlp::Clear);
    let html = printer(&s).html(&Bundle::national(&s)).unwrap();
    assert!(
        html.contains("<p>Astreinte <a >01 23 45 67 89</a><sup class=\"endnote-ref\"><a href=\"#n-T-ALE-001--1\">[1]</a></sup> canari4821.</p>"),
        "{html}"
    );
    assert!(html.contains("<td>RSSI</td><td><a >H+1</a></td>"));
    assert!(html.contains("Texte nu canari4822."));
    // Paper cannot be unfolded.
    assert!(html.contains("<details open>") && html.contains("canari4823"));
    assert!(html.contains("Ligne <img src=\"data:image/svg+xml;base64,"));
    let problems = outside_references(&html);
    assert!(problems.is_empty(), "{problems:#?}");
    // A tag or a sheet over several lines is read whole: nothing of it shows,
    // nor of a paragraph's script (its text comes between its tags).
    for hidden in ["x.example", "CANARI-STYLE", "CANARI-SCRIPT", "</script>"] {
        assert!(!html.contains(hidden), "{hidden} in {html}");
    }
    assert!(html.contains("<p>Suite  canari4824.</p>"), "{html}");
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let index: String = fs::read_dir(out.join("search/t"))
        .unwrap()
        .map(|f| fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(index.contains("canari4821") && index.contains("canari4822"));
    // What the author hid is not found.
    let pages: String = fs::read_dir(out.join("search/p"))
        .unwrap()
        .map(|f| fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(!index.contains("canari-cache") && !pages.contains("CANARI-CACHE"));
    assert!(index.contains("canari4824") && !pages.contains("CANARI-SCRIPT"));
}

/// A symbolic link under the bundles' folder (a handbook cloned from anywhere can
/// carry one) is not followed: nothing is written outside the folder.
#[test]
fn bundles_are_never_written_through_a_link() {
    let fx = Fixture::minimal();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::create_dir_all(fx.root().join("impression")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), fx.root().join("impression/editions")).unwrap();
    let run = fx.cli(&["bundle", "--all", "-q"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("it is a symbolic link"), "{stderr}");
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    // The default folder itself, a link: refused too.
    fs::remove_dir_all(fx.root().join("impression")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), fx.root().join("impression")).unwrap();
    let run = fx.cli(&["bundle", "--national", "-q"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn edition_cover_names_region_type_and_ars() {
    let fx = Fixture::minimal();
    let s = site(fx.root(), Tlp::Clear);
    let p = printer(&s);
    let html = p
        .html(&Bundle::edition(&s, p.variants(), edition("11", "ch")))
        .unwrap();
    assert!(html.contains("<div><dt>Région\u{a0}:</dt><dd>Île-de-France</dd></div>"));
    assert!(html.contains("<dd>Centre hospitalier</dd>"));
    assert!(html.contains("auprès de l&#39;ARS Île-de-France que l&#39;édition 2026.1"));
    // The colon as English writes it, not the French one.
    let config = fx.read("handbook.yaml");
    fx.write(
        "handbook.yaml",
        &config.replace("language: fr", "language: en"),
    );
    let s = site(fx.root(), Tlp::Clear);
    let p = printer(&s);
    let html = p
        .html(&Bundle::edition(&s, p.variants(), edition("11", "ch")))
        .unwrap();
    assert!(html.contains("<div><dt>Region:</dt><dd>"), "{html}");
    assert!(!html.contains("content: \" :\""), "{html}");
}

#[test]
fn html_bundles_are_deterministic() {
    let fx = Fixture::minimal();
    let a = site(fx.root(), Tlp::Red);
    let b = site(fx.root(), Tlp::Red);
    let (pa, pb) = (printer(&a), printer(&b));
    for (x, y) in [
        (Bundle::national(&a), Bundle::national(&b)),
        (
            Bundle::role(&a, "tout-personnel"),
            Bundle::role(&b, "tout-personnel"),
        ),
    ] {
        assert_eq!(pa.html(&x).unwrap(), pb.html(&y).unwrap());
    }
}

#[test]
fn build_writes_national_and_role_bundles_and_links_them() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let report = fx.build_to(&public, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert!(public.join("impression/national.html").is_file());
    assert!(public
        .join("impression/roles/tout-personnel.html")
        .is_file());
    // A role without cards gets no bundle and no link.
    assert!(!public.join("impression/roles/rssi.html").exists());
    let home = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("href=\"impression/national.html\""));
    let role = fs::read_to_string(public.join("roles/tout-personnel/index.html")).unwrap();
    assert!(role.contains("href=\"../../impression/roles/tout-personnel.html\""));
    let rssi = fs::read_to_string(public.join("roles/rssi/index.html")).unwrap();
    assert!(!rssi.contains("impression/"));
    // Edition bundles come from `planblanc bundle`: the edition page says how.
    let edition = fs::read_to_string(public.join("editions/11/ch/index.html")).unwrap();
    assert!(edition.contains("<code>planblanc bundle --edition 11/ch --pdf</code>"));
    let problems = broken_references(&public);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn print_editions_puts_the_named_regions_bundles_in_the_site() {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml");
    fx.write(
        "handbook.yaml",
        &format!("{config}print_editions: [\"11\"]\n"),
    );
    let out = tempfile::tempdir().unwrap();
    for (tlp, amber_shown) in [(Tlp::Clear, false), (Tlp::Amber, true)] {
        let public = out.path().join(format!("public-{tlp:?}"));
        let report = fx.build_to(&public, tlp);
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
        let bundle = fs::read_to_string(public.join("impression/editions/11/ch.html")).unwrap();
        assert!(
            bundle.contains("Île-de-France"),
            "not the Île-de-France edition"
        );
        // The bundle holds what the build's TLP level lets through, no more.
        assert_eq!(
            bundle.contains("CANARI-TEST-AMBRE-42"),
            amber_shown,
            "{tlp:?}"
        );
        let edition = fs::read_to_string(public.join("editions/11/ch/index.html")).unwrap();
        assert!(edition.contains("href=\"../../../impression/editions/11/ch.html\""));
        assert!(!edition.contains("<code>planblanc bundle"));
        // Other regions keep the command, and get no file.
        assert!(!public.join("impression/editions/84").exists());
        let other = fs::read_to_string(public.join("editions/84/ch/index.html")).unwrap();
        assert!(other.contains("<code>planblanc bundle --edition 84/ch --pdf</code>"));
        let problems = broken_references(&public);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn print_editions_checks_its_region_codes() {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml");
    fx.write(
        "handbook.yaml",
        &format!("{config}print_editions: [\"84\", \"1l\"]\n"),
    );
    let report = fx.check();
    let d = find(&report, "unknown region `1l`");
    assert!(d.is_error());
    assert_eq!((d.file.to_str(), d.line), (Some("handbook.yaml"), 6), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("known codes: `11` Île-de-France, `84` Auvergne-Rhône-Alpes, `04` La Réunion"),
        "{d}"
    );

    fx.write(
        "handbook.yaml",
        &format!("{config}print_editions: [\"*\", \"11\"]\n"),
    );
    find(
        &fx.check(),
        "cannot be mixed with codes in `print_editions`",
    );
}

#[test]
fn bundle_command_writes_files_and_suggests_codes() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("print");
    let d = dir.to_str().unwrap();
    let ok = fx.cli(&[
        "bundle",
        "--edition",
        "11/ch",
        "--role",
        "tout-personnel",
        "--out",
        d,
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(dir.join("editions/11/ch.html").is_file());
    assert!(dir.join("roles/tout-personnel.html").is_file());
    assert!(!dir.join("editions/11/ch.pdf").exists());

    // A role with nothing to print is said and skipped, not a reason to print
    // none of the batch; alone, it is an error.
    let batch = fx.cli(&[
        "bundle",
        "--role",
        "directeur",
        "--role",
        "tout-personnel",
        "--out",
        d,
    ]);
    let stderr = String::from_utf8_lossy(&batch.stderr);
    assert!(batch.status.success(), "{stderr}");
    assert!(stderr.contains("warning: no fiche-role or fiche-reflexe published at TLP clear for the role `directeur`"), "{stderr}");
    let alone = fx.cli(&["bundle", "--role", "directeur", "--out", d]);
    assert_eq!(
        alone.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&alone.stderr)
    );

    for (args, needle) in [
        (vec!["--edition", "ile-de-france/ch"], "did you mean `11`?"),
        (vec!["--edition", "11/chh"], "did you mean `ch`?"),
        (vec!["--role", "rssii"], "did you mean `rssi`?"),
        (vec!["--edition", "11"], "expected <region>/<type>"),
        (vec![], "choose what to print"),
    ] {
        let mut all = vec!["bundle", "--out", d];
        all.extend(args);
        let output = fx.cli(&all);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{all:?}: {stderr}");
        assert!(stderr.contains(needle), "{all:?}: {stderr}");
    }
    for sources in ["content/impression", "themes/impression", "versions/x"] {
        let inside = fx.root().join(sources);
        let output = fx.cli(&["bundle", "--national", "--out", inside.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{sources}");
        assert!(!inside.exists(), "{sources}");
    }
}

// ---------------------------------------------------------------------------
// PDF (cargo feature `pdf`), checked with poppler-utils.

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_is_refused_without_the_feature() {
    let fx = Fixture::minimal();
    let output = fx.cli(&["bundle", "--national", "--pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("without PDF support"));
}

#[cfg(feature = "pdf")]
mod pdf {
    use std::process::Command;

    use super::*;
    use crate::common::pdf::{poppler, text, words, write_pdf};

    fn pages(pdf: &Path) -> usize {
        let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
        assert!(out.status.success(), "pdfinfo failed");
        let info = String::from_utf8_lossy(&out.stdout);
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("page count")
    }

    /// Raster images in the PDF, as `pdfimages -list` counts them.
    fn images(pdf: &Path) -> usize {
        let out = Command::new("pdfimages")
            .arg("-list")
            .arg(pdf)
            .output()
            .unwrap();
        assert!(out.status.success(), "pdfimages failed");
        // Two header lines, then one line per image.
        String::from_utf8_lossy(&out.stdout).lines().skip(2).count()
    }

    /// A 1 × 1 red PNG.
    const ONE_PIXEL_PNG: &[u8] = &[
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2,
        0, 0, 0, 144, 119, 83, 222, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 0, 0,
        3, 1, 1, 0, 201, 254, 146, 239, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ];

    /// `bundle` of the `tout-personnel` role card, as a PDF, into `dir`.
    fn role_card(fx: &Fixture, dir: &Path) -> std::process::Output {
        let dir = dir.to_str().unwrap();
        fx.cli(&[
            "bundle",
            "--role",
            "tout-personnel",
            "--pdf",
            "--out",
            dir,
            "-q",
        ])
    }

    /// The cover's "Role: …" line follows the language's colon, as every other
    /// label does: French spaces it, English does not.
    #[test]
    fn the_cover_spaces_its_colons_as_the_language_does() {
        if !poppler() {
            return;
        }
        let fx = Fixture::minimal();
        for (language, expected) in [("fr", "Rôle : "), ("en", "Role: ")] {
            let config = fx.read("handbook.yaml");
            let config = config.replace("language: fr", &format!("language: {language}"));
            let config = config.replace("language: en", &format!("language: {language}"));
            fx.write("handbook.yaml", &config);
            let out = tempfile::tempdir().unwrap();
            let run = role_card(&fx, out.path());
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            let cover = text(&out.path().join("roles/tout-personnel.pdf"), Some(1));
            assert!(cover.contains(expected), "{language}: {cover}");
        }
    }

    #[test]
    fn a_theme_lays_out_the_pdf_with_its_own_bundle_typ() {
        if !poppler() {
            return;
        }
        let fx = Fixture::minimal();
        let out = tempfile::tempdir().unwrap();
        let pdf = out.path().join("roles/tout-personnel.pdf");
        let run = role_card(&fx, out.path());
        assert!(run.status.success());
        let images_before = images(&pdf);

        // The establishment's name and logo (a file of the theme's `static/`).
        let config = fx.read("handbook.yaml");
        fx.write("handbook.yaml", &format!("{config}theme: monchu\n"));
        let layout = fs::read_to_string(repo_root().join("themes/default/print/bundle.typ"))
            .unwrap()
            .replace(
                "  set par(justify: true, leading: 0.6em)\n",
                "  set par(justify: true, leading: 0.6em)\n  [Centre hospitalier de Corbeil]\n  \
                 image(\"/theme/logo.png\", width: 1cm)\n",
            );
        assert!(layout.contains("Corbeil"), "the default layout changed");
        fx.write("themes/monchu/print/bundle.typ", &layout);
        fx.write_bytes("themes/monchu/static/logo.png", ONE_PIXEL_PNG);
        let run = role_card(&fx, out.path());
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(text(&pdf, Some(1)).contains("Centre hospitalier de Corbeil"));
        assert_eq!(
            images(&pdf),
            images_before + 1,
            "the logo is not in the PDF"
        );

        // A layout that does not compile is a clear error, not a panic.
        fx.write("themes/monchu/print/bundle.typ", "#let pb-bundle(");
        let run = role_card(&fx, out.path());
        assert_eq!(run.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("cannot typeset the PDF"), "{stderr}");
    }

    /// Images as cameras and exports name them: a PNG saved as `.JPG` prints; a
    /// damaged one is an error naming the file, not an error about the layout.
    #[test]
    fn images_print_by_what_they_are_and_a_damaged_one_is_named() {
        if !poppler() {
            return;
        }
        let fx = Fixture::minimal();
        fx.write_bytes("content/alerte/photo.JPG", ONE_PIXEL_PNG);
        let page = fx.read("content/alerte/rancon.md") + "\n![Photo](photo.JPG)\n";
        fx.write("content/alerte/rancon.md", &page);
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).unwrap();
        let file = write_pdf(&pdf.bytes);
        assert!(images(file.path()) >= 1);
        // An image written into the page (Notion, Typora, pandoc exports) prints too.
        let inline = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
        fx.write(
            "content/alerte/rancon.md",
            &format!("{page}\n![Capture](data:image/png;base64,{inline})\n"),
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).unwrap();
        let file = write_pdf(&pdf.bytes);
        assert!(images(file.path()) >= 2, "the inline image did not print");
        // An SVG drawing another file prints its alternative text, not a failure.
        fx.write(
            "content/alerte/lie.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9\" height=\"9\"><image href=\"photo.JPG\" width=\"9\" height=\"9\"/></svg>",
        );
        fx.write(
            "content/alerte/rancon.md",
            &format!("{page}\n![Schéma lié](lie.svg)\n"),
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).unwrap();
        let file = write_pdf(&pdf.bytes);
        assert!(text(file.path(), None).contains("Schéma lié"));
        fx.write_bytes("content/alerte/photo.JPG", &[0xff, 0xd8, 0xff, 0xe0, 0, 16]);
        let s = site(fx.root(), Tlp::Clear);
        let err = printer(&s)
            .pdf(&Bundle::national(&s))
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("cannot print the image `content/alerte/photo.JPG`")
                && !err.contains('\n'),
            "{err}"
        );
    }

    #[test]
    fn raw_html_prints_its_text_in_the_pdf() {
        if !poppler() {
            return;
        }
        let fx = with_raw_html();
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).unwrap();
        let file = write_pdf(&pdf.bytes);
        let text = text(file.path(), None);
        for expected in [
            // The number behind the raw phone link prints as an endnote.
            "Astreinte 01 23 45 67 89[1] canari4821.",
            "[1] +33123456789",
            "RSSI | H+1",
            "Texte nu canari4822.",
            "Ligne",
            "Délai < 2 h",
        ] {
            assert!(text.contains(expected), "{expected} not in {text}");
        }
        assert!(text.contains("Suite canari4824."), "{text}");
        for hidden in [
            "CANARI-CACHE",
            "CANARI-STYLE",
            "CANARI-SCRIPT",
            "x.example",
            "</div>",
        ] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
    }

    #[test]
    fn fixture_pdf_opens_with_titles_bookmarks_and_page_references() {
        let fx = Fixture::minimal();
        let s = site(fx.root(), Tlp::Clear);
        let p = printer(&s);
        let national = Bundle::national(&s);
        let pdf = p.pdf(&national).unwrap();
        let (bytes, count) = (pdf.bytes, pdf.pages);
        assert!(bytes.starts_with(b"%PDF-"));
        // Cover, contents, then one page run per procedure (4 short ones).
        assert!((6..=8).contains(&count), "{count} pages");
        let outline: Vec<String> = outline_titles(&bytes).iter().map(|t| words(t)).collect();
        for &m in &national.members {
            let f = &s.pages[m].src.front;
            assert!(
                outline.contains(&words(&format!("{} — {}", f.id, f.title))),
                "{} not in the outline {outline:?}",
                f.id
            );
        }
        if !poppler() {
            return;
        }
        let file = write_pdf(&bytes);
        assert_eq!(pages(file.path()), count);
        let all = text(file.path(), None);
        for &m in &national.members {
            assert!(
                all.contains(&words(&s.pages[m].src.front.title)),
                "{}",
                s.pages[m].id()
            );
        }
        assert!(all.contains("Contenu à jour au 1er juin 2026"));
        assert!(all.contains("TLP:CLEAR"));
        assert!(all.contains("Dernière revue") && all.contains("1er mai 2026"));
        // "[T-MOB-001, p. N]" where N is the page T-MOB-001 starts on.
        // (Pages 1 and 2 are the cover and the contents.)
        let start = (3..=count)
            .find(|&n| text(file.path(), Some(n)).contains("T-MOB-001 — Activer la cellule"))
            .expect("T-MOB-001 has a page");
        assert!(
            all.contains(&format!("[T-MOB-001, p. {start}]")),
            "no page reference to p. {start} in {all}"
        );
        // The running header names the procedure of the page.
        assert!(text(file.path(), Some(start)).starts_with("T-MOB-001 Édition 2026.1"));
    }

    /// A line announcing a table ("Utilisez ce modèle :") is never left alone at
    /// the foot of a page, its table on the next.
    #[test]
    fn a_lead_in_line_stays_on_the_page_of_its_table() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        // Lead-ins after fillers of every length: some fall at a page's foot.
        let blocks: String = (0..40)
            .map(|i| {
                let filler = "Ligne de remplissage. ".repeat(4 + 7 * (i % 9));
                format!("{filler}\n\nAnnonce{i} du tableau :\n\n| Colonne |\n| --- |\n| Rangee{i} |\n\n")
            })
            .collect();
        fx.write("content/alerte/rancon.md", &format!("{page}\n{blocks}"));
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        if !poppler() {
            return;
        }
        let file = write_pdf(&pdf.bytes);
        let pages: Vec<String> = (1..=pdf.pages)
            .map(|n| text(file.path(), Some(n)))
            .collect();
        let page_of = |word: &str| pages.iter().position(|p| p.contains(word));
        for i in 0..40 {
            let (lead, row) = (format!("Annonce{i} "), format!("Rangee{i}"));
            assert_eq!(page_of(&lead), page_of(&row), "`{lead}` and its table part");
        }
    }

    /// A footnote whose text ends with a colon keeps its number on its line.
    #[test]
    fn a_note_ending_with_a_colon_stays_beside_its_number() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        let note = "\nVoir la note[^z].\n\n[^z]: La note qui finit par :\n";
        fx.write("content/alerte/rancon.md", &format!("{page}{note}"));
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        if !poppler() {
            return;
        }
        let file = write_pdf(&pdf.bytes);
        let out = Command::new("pdftotext")
            .arg(file.path())
            .arg("-")
            .output()
            .unwrap();
        let raw = String::from_utf8_lossy(&out.stdout);
        let line = raw
            .lines()
            .find(|l| l.contains("La note qui finit"))
            .expect("the note prints");
        assert!(
            line.trim_start().starts_with(|c: char| c.is_ascii_digit()),
            "the number is not beside the note: {line:?}"
        );
    }

    /// Every page's header names its procedure: the one starting on it, else the
    /// one it continues (found from two markers, not all of them).
    #[test]
    fn each_page_header_names_the_procedure_it_shows() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        let long = "Un paragraphe qui prend de la place sur la page imprimée.\n\n".repeat(150);
        fx.write("content/alerte/rancon.md", &format!("{page}\n{long}"));
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        if !poppler() {
            return;
        }
        let file = write_pdf(&pdf.bytes);
        let page_text = |n| text(file.path(), Some(n));
        let starts = |id: &str| {
            (3..=pdf.pages)
                .find(|&n| page_text(n).contains(&format!("{id} — ")))
                .unwrap_or_else(|| panic!("{id} has a page"))
        };
        // Its regional variant follows it in the national bundle.
        let (first, next) = (starts("T-ALE-001"), starts("T-ALE-001-IDF"));
        assert!(next > first + 1, "T-ALE-001 spans pages {first}..{next}");
        for n in first..next {
            let shown = page_text(n);
            assert!(shown.starts_with("T-ALE-001 Édition"), "page {n}: {shown}");
        }
        assert!(page_text(next).starts_with("T-ALE-001-IDF Édition"));
    }

    #[test]
    fn edition_pdf_respects_tlp_and_two_runs_are_identical() {
        let fx = Fixture::minimal();
        let amber = site(fx.root(), Tlp::Amber);
        let p = printer(&amber);
        let bundle = Bundle::edition(&amber, p.variants(), edition("11", "ch"));
        let first = p.pdf(&bundle).unwrap().bytes;
        let second = p.pdf(&bundle).unwrap().bytes;
        assert!(first == second, "two runs differ");
        let clear = site(fx.root(), Tlp::Clear);
        let pc = printer(&clear);
        let clear_bundle = Bundle::edition(&clear, pc.variants(), edition("11", "ch"));
        let clear_pdf = pc.pdf(&clear_bundle).unwrap().bytes;
        if !poppler() {
            return;
        }
        let amber_text = text(write_pdf(&first).path(), None);
        assert!(amber_text.contains("CANARI-TEST-AMBRE-42"));
        assert!(amber_text.contains("TLP:AMBER"));
        let clear_text = text(write_pdf(&clear_pdf).path(), None);
        assert!(!clear_text.contains("CANARI-TEST-AMBRE-42"));
        assert!(!clear_text.contains("TLP:AMBER"));
        assert!(clear_text.contains("T-ALE-001-IDF"));
    }

    /// Text that means something in Typst prints as written.
    #[test]
    fn callouts_print_with_their_titles() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        fx.write(
            "content/alerte/rancon.md",
            &format!("{page}\n> [!WARNING]\n> Ne pas éteindre.\n\n> [!TIP]\n> Un conseil.\n"),
        );
        let s = site(fx.root(), Tlp::Clear);
        let p = printer(&s);
        let bundle = Bundle::national(&s);
        let html = p.html(&bundle).expect("html");
        assert!(
            html.contains("<p class=\"callout-title\">Attention</p>"),
            "{html}"
        );
        let bytes = p.pdf(&bundle).expect("typesets").bytes;
        if !poppler() {
            return;
        }
        let all = text(write_pdf(&bytes).path(), None);
        for literal in ["Attention Ne pas éteindre.", "Conseil Un conseil."] {
            assert!(all.contains(literal), "{literal:?} not in {all}");
        }
        assert!(!all.contains("[!"), "{all}");
    }

    /// An emoji no embedded font has does not cost the PDF: it prints as □ and is
    /// reported; symbols some font has (⚠, ☎) print as they are.
    #[test]
    fn characters_without_a_glyph_print_as_a_box_and_are_reported() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        // An image whose name the fonts cannot print must still be found.
        fx.write(
            "content/alerte/plan📞.svg",
            &fx.read("content/alerte/schema.svg"),
        );
        fx.write(
            "content/alerte/rancon.md",
            &format!("{page}\n⚠️ Appelez ☎ 15 📞 tout de suite.\n\n```\necho 😀\n```\n\n![plan](plan📞.svg)\n"),
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        assert_eq!(pdf.unprintable, ['\u{FE0F}', '📞', '😀']);
        if poppler() {
            let all = text(write_pdf(&pdf.bytes).path(), None);
            assert!(all.contains("⚠ Appelez ☎ 15 □ tout de suite."), "{all}");
            assert!(all.contains("echo □"), "{all}");
        }
        let out = fx.cli(&["bundle", "--national", "--pdf", "--quiet"]);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("national.pdf: no embedded font can print"),
            "{stderr}"
        );
        assert!(stderr.contains("📞 (U+1F4DE), 😀 (U+1F600)"), "{stderr}");
        // An invisible one is named, not printed (a right-to-left override
        // would turn the terminal's line around).
        assert!(
            stderr.contains("U+FE0F (invisible)") && !stderr.contains('\u{FE0F}'),
            "{stderr}"
        );
    }

    /// Text no one writes on purpose still prints: nesting past Typst's parser
    /// limit, and words longer than a PDF/A string.
    #[test]
    fn pathological_markdown_still_typesets() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        let quotes = "> ".repeat(2000);
        let list: String = (0..500)
            .map(|i| format!("{}- niveau\n", "  ".repeat(i)))
            .collect();
        let stars = "*".repeat(3000);
        let word = "a".repeat(40_000);
        let brackets = format!("{}x{}", "[".repeat(17_000), "]".repeat(17_000));
        fx.write(
            "content/alerte/rancon.md",
            &format!(
                "{page}\n{quotes}profond\n\n{list}\n{stars}x{stars}\n\n{word}\n\n{brackets}\n"
            ),
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        let (bytes, pages) = (pdf.bytes, pdf.pages);
        assert!(pages > 1 && bytes.starts_with(b"%PDF"));
        if !poppler() {
            return;
        }
        let all = text(write_pdf(&bytes).path(), None);
        assert!(
            all.contains("profond") && all.contains("niveau"),
            "{}",
            &all[..2000]
        );
    }

    /// Nesting that Typst paid for by level, or refused: callouts in callouts
    /// (each kept on its page measured its content again: 3 GB at 17 levels,
    /// then "maximum show rule depth exceeded"), a chain of notes that call each
    /// other ("maximum parsing depth exceeded" at 200), and an address longer
    /// than Typst links ("URL is too long" past 8,000 bytes).
    #[test]
    fn nested_callouts_chained_notes_and_long_addresses_typeset() {
        let fx = Fixture::minimal();
        let callouts: String = (0..18)
            .map(|d| format!("{}> [!NOTE]\n{}> k{d}k\n", "> ".repeat(d), "> ".repeat(d)))
            .collect();
        let notes: String = (0..300)
            .map(|i| format!("[^n{i}]: note{i} voir[^n{}]\n\n", i + 1))
            .collect();
        let url = format!("https://exemple.fr/{}", "a".repeat(9000));
        fx.append(
            "content/alerte/rancon.md",
            &format!("\n{callouts}\nAppel[^n0].\n\n{notes}[^n300]: dernière\n\n[lien]({url})\n"),
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        if !poppler() {
            return;
        }
        let all = text(write_pdf(&pdf.bytes).path(), None);
        for i in 0..18 {
            assert!(all.contains(&format!("k{i}k")), "k{i}k in {all}");
        }
        for i in 0..300 {
            assert!(all.contains(&format!("note{i} voir")), "note{i}");
        }
        assert!(all.contains("dernière") && all.contains("https://exemple.fr/aaa"));
    }

    /// Each word pdftotext finds on the PDF's pages: text and `(x_min, x_max)`.
    fn word_boxes(pdf: &Path) -> Vec<(String, f64, f64)> {
        (crate::common::pdf::word_boxes(pdf).into_iter())
            .map(|w| (w.text, w.x_min, w.x_max))
            .collect()
    }

    /// A path or an address in inline code, in a table column narrower than it,
    /// wraps inside its cell: it neither runs over the next cell nor off the page.
    #[test]
    fn long_code_in_a_narrow_column_stays_in_its_cell() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        let table = "\n| Serveur | Chemin | Adresse | Code | Délai |\n| --- | --- | --- | --- | --- |\n\
                     | SRVFICHIERSPRINCIPALHOPITALNORD | CHEMINPARTAGESAUVEGARDES | ADRESSEINTRANETCHUEXEMPLE \
                     | `CODEBUREAUTIQUEXYZABCDEFGHIJKLMNOPQRST` | ZZDELAI |\n";
        fx.write("content/alerte/rancon.md", &format!("{page}{table}"));
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        if !poppler() {
            return;
        }
        let file = write_pdf(&pdf.bytes);
        let words = word_boxes(file.path());
        let delay = words
            .iter()
            .find(|(t, ..)| t == "ZZDELAI")
            .expect("the last cell prints");
        let code: Vec<_> = words
            .iter()
            .filter(|(t, ..)| "CODEBUREAUTIQUEXYZABCDEFGHIJKLMNOPQRST".contains(t.as_str()))
            .filter(|(t, ..)| t.len() > 3)
            .collect();
        assert!(code.len() > 1, "the code wraps: {code:?}");
        for (text, _, x_max) in &code {
            assert!(
                x_max < &delay.1,
                "`{text}` ends at {x_max}, past the next cell at {}",
                delay.1
            );
        }
        // The page is A4: 595 points wide.
        let widest = words.iter().map(|w| w.2).fold(0.0, f64::max);
        assert!(
            widest < 595.0 - 20.0,
            "a word runs off the page at {widest}"
        );
    }

    #[test]
    fn control_characters_in_content_do_not_stop_the_pdf() {
        let fx = Fixture::minimal();
        // A BEL inside an autolink (pulldown-cmark's own test suite has one), a
        // C1 control in text, NUL and ESC in code: PDF/A refused the whole PDF
        // for want of a glyph.
        fx.write(
            "content/alerte/controle.md",
            "---\nid: T-CTL-001\ntitle: \"Contrôle\"\nsummary: \"Essai.\"\n\
             kind: fiche-reflexe\nphase: alerte\nroles: [rssi]\nregions: [\"*\"]\nestablishment_types: [\"*\"]\nstatus: valide\n\
             last_reviewed: 2026-04-01\ntlp: clear\n---\n\n<http://a\u{7}b>\n\nfin\u{85}de ligne\n\n\
             ```\nnul\u{0} et \u{1b}[31m\n```\n",
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s)
            .pdf(&Bundle::role(&s, "rssi"))
            .expect("typesets");
        assert!(pdf.bytes.starts_with(b"%PDF") && pdf.unprintable.is_empty());
    }

    #[test]
    fn a_footnote_called_from_a_heading_and_the_text_typesets() {
        let fx = Fixture::minimal();
        let page = fx.read("content/alerte/rancon.md");
        let front = page.split("\n---\n").next().unwrap();
        fx.write(
            "content/alerte/rancon.md",
            &format!(
                "{front}\n---\n\n## Titre[^n] et suite[^m]\n\nTexte[^n], encore[^m] et[^n].\n\n\
                 - ## Dans une liste[^k]\n\n  Rappel[^k].\n\n\
                 [^n]: la note\n[^m]: une autre remarque\n[^k]: troisième mention\n"
            ),
        );
        let s = site(fx.root(), Tlp::Clear);
        let pdf = printer(&s).pdf(&Bundle::national(&s)).expect("typesets");
        if !poppler() {
            return;
        }
        let all = text(write_pdf(&pdf.bytes).path(), None);
        // Each note is printed once, however often it is called.
        for note in ["la note", "une autre remarque", "troisième mention"] {
            assert_eq!(all.matches(note).count(), 1, "{note}: {all}");
        }
    }

    #[test]
    fn typst_syntax_in_content_prints_literally() {
        let fx = Fixture::minimal();
        fx.write(
            "content/alerte/syntaxe.md",
            "---\nid: T-SYN-001\ntitle: \"Dièse # étoile * $x$ <b> @ref\"\nsummary: \"[x] ~ = - + / \\\\ // /*\"\n\
             kind: fiche-reflexe\nphase: alerte\nroles: [rssi]\nregions: [\"*\"]\nestablishment_types: [\"*\"]\nstatus: valide\n\
             last_reviewed: 2026-04-01\ntlp: clear\n---\n\n\
             ## Titre #1 \\<x> {#titre}\n\n\
             1\\. pas une liste ; = pas un titre ; - pas une puce ; `code \"cité\"`.suite\n\n\
             Texte *emph [crochet]* et **gras #set** : http://exemple.fr/a_b et <https://x.fr/?a=1&b=2>.\n\n\
             | a # | b $ |\n|---|:-:|\n| `]` | c |\n| seul |\n\n\
             ```typst\n#let x = \"]\"\n```\n\n\
             - [ ] à cocher #1\n- [x] déjà coché\n\n\
             > Citation @x\n\n![alt # $](../alerte/schema.svg)\n",
        );
        let s = site(fx.root(), Tlp::Clear);
        let p = printer(&s);
        let bundle = Bundle::role(&s, "rssi");
        let bytes = p.pdf(&bundle).expect("typesets").bytes;
        if !poppler() {
            return;
        }
        let all = text(write_pdf(&bytes).path(), None);
        for literal in [
            "Dièse # étoile * $x$ <b> @ref",
            "Titre #1 <x>",
            "1. pas une liste",
            "= pas un titre",
            "- pas une puce",
            "code \"cité\".suite",
            "gras #set",
            "http://exemple.fr/a_b",
            "#let x = \"]\"",
            "à cocher #1",
            "Citation @x",
        ] {
            assert!(all.contains(literal), "{literal:?} not in {all}");
        }
    }

    #[test]
    fn bundled_handbook_national_pdf_typesets() {
        let s = site(&repo_root(), Tlp::Clear);
        let p = printer(&s);
        let national = Bundle::national(&s);
        let pdf = p.pdf(&national).expect("the bundled handbook typesets");
        let (bytes, count) = (pdf.bytes, pdf.pages);
        assert!(count > national.members.len() + 2, "{count} pages");
        // Code blocks are tagged in the document's language, not English.
        let english = bytes.windows(9).filter(|w| w == b"/Lang(en)").count();
        assert_eq!(english, 0, "parts of the French PDF are tagged English");
        let outline: Vec<String> = outline_titles(&bytes).iter().map(|t| words(t)).collect();
        for &m in &national.members {
            let f = &s.pages[m].src.front;
            assert!(
                outline.contains(&words(&format!("{} — {}", f.id, f.title))),
                "{}",
                f.id
            );
        }
    }

    #[test]
    fn bundle_command_writes_pdf_beside_html() {
        let fx = Fixture::minimal();
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("print");
        let output = fx.cli(&["bundle", "--all", "--pdf", "--out", dir.to_str().unwrap()]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("national.pdf (") && stderr.contains(" pages)"),
            "{stderr}"
        );
        for stem in [
            "national",
            "roles/tout-personnel",
            "editions/11/ch",
            "editions/04/ehpad",
        ] {
            assert!(dir.join(format!("{stem}.html")).is_file(), "{stem}.html");
            let pdf = fs::read(dir.join(format!("{stem}.pdf"))).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "{stem}.pdf");
        }
        // 1 national + 1 role with cards + 3 regions × 2 types, HTML and PDF each.
        let files = crate::common::files(&dir);
        assert_eq!(files.len(), 2 * (1 + 1 + 6));
        // Another process, the same input: the same bytes, PDF included, also when
        // the PDFs are typeset in batches by child processes.
        let again = out.path().join("again");
        let output = fx.cli(&[
            "bundle",
            "--all",
            "--pdf",
            "--pdf-batch",
            "3",
            "--out",
            again.to_str().unwrap(),
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        for f in files {
            assert!(
                fs::read(dir.join(&f)).unwrap() == fs::read(again.join(&f)).unwrap(),
                "{} differs between two runs",
                f.display()
            );
        }
    }

    /// Titles of the PDF's outline (bookmarks) items: the dictionaries with both a
    /// `/Title` and a `/Parent`, written uncompressed by typst's PDF writer.
    fn outline_titles(pdf: &[u8]) -> Vec<String> {
        let text = String::from_utf8_lossy(pdf);
        assert!(text.contains("/Outlines"), "no outline in the PDF");
        text.split("endobj")
            .filter(|obj| obj.contains("/Parent") && obj.contains("/Title"))
            .filter_map(|obj| pdf_string(&obj[obj.find("/Title")? + 6..]))
            .collect()
    }

    /// Decodes the PDF string at the start of `s`: `<FEFF…>` (UTF-16BE hex) or `(…)`.
    fn pdf_string(s: &str) -> Option<String> {
        let s = s.trim_start();
        if let Some(hex) = s.strip_prefix('<') {
            let hex = &hex[..hex.find('>')?];
            let bytes: Vec<u8> = (0..hex.len() / 2)
                .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
                .collect();
            let units: Vec<u16> = bytes
                .strip_prefix(&[0xFE, 0xFF])?
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            return String::from_utf16(&units).ok();
        }
        let body = s.strip_prefix('(')?;
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                ')' => return Some(out),
                '\\' => out.extend(chars.next()),
                c => out.push(c),
            }
        }
        None
    }
}

#[test]
fn bundled_handbook_builds_with_bundles_and_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let output = cli(&repo_root(), &["build", "--out", public.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let national = fs::read_to_string(public.join("impression/national.html")).unwrap();
    let problems = outside_references(&national);
    assert!(
        problems.is_empty(),
        "{:#?}",
        &problems[..problems.len().min(10)]
    );
    assert!(public.join("impression/roles/rssi.html").is_file());
}
