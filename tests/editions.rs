//! Editions: exact membership on the fixture (national `"*"`, type-only pages,
//! regional variants replacing their national sheet, TLP), and the rendered pages.

use std::fs;

use crate::common::{self, Fixture};
use planblanc::load::{self, Tlp};
use planblanc::model::editions::{self, Edition, Variants};
use planblanc::model::{Audience, Site};

fn site(fx: &Fixture, tlp: Tlp) -> Site {
    Site::new(load::load(fx.root()), Audience { tlp, drafts: false })
}

fn ids(site: &Site, region: &str, kind: &str) -> Vec<String> {
    let variants = Variants::of(site);
    editions::members(site, &variants, Edition { region, kind })
        .into_iter()
        .map(|i| site.pages[i].id().to_string())
        .collect()
}

#[test]
fn membership_with_variants_star_types_and_tlp() {
    let fx = Fixture::minimal();
    let clear = site(&fx, Tlp::Clear);
    // Île-de-France: the regional variant replaces the national reflex card.
    assert_eq!(ids(&clear, "11", "ch"), ["T-ALE-001-IDF", "T-MOB-001"]);
    assert_eq!(
        ids(&clear, "11", "ehpad"),
        ["T-ALE-001-IDF", "T-MOB-001", "T-MOB-002"]
    );
    // Elsewhere the national sheet stays; the EHPAD-only sheet only in EHPAD editions.
    assert_eq!(ids(&clear, "84", "ch"), ["T-ALE-001", "T-MOB-001"]);
    assert_eq!(
        ids(&clear, "04", "ehpad"),
        ["T-ALE-001", "T-MOB-001", "T-MOB-002"]
    );
    // The amber directory joins the Île-de-France editions only at TLP amber.
    let amber = site(&fx, Tlp::Amber);
    // Same phase and weight: ordered by title ("Activer…" before "Annuaire…").
    assert_eq!(
        ids(&amber, "11", "ch"),
        ["T-ALE-001-IDF", "T-MOB-001", "T-ANN-011"]
    );
    assert_eq!(ids(&amber, "84", "ch"), ["T-ALE-001", "T-MOB-001"]);
}

#[test]
fn a_type_variant_and_ordering_by_phase_weight_title() {
    let fx = Fixture::minimal();
    let national = fx.read("content/mobilisation/cellule.md");
    let variant = national
        .replace("id: T-MOB-001", "id: T-MOB-001-EHPAD")
        .replace(
            "establishment_types: [\"*\"]",
            "establishment_types: [ehpad]",
        )
        .replace("previous: T-ALE-001", "variant_of: T-MOB-001\nweight: -5");
    fx.write("content/mobilisation/cellule-ehpad.md", &variant);
    let s = site(&fx, Tlp::Clear);
    assert_eq!(
        ids(&s, "84", "ehpad"),
        ["T-ALE-001", "T-MOB-001-EHPAD", "T-MOB-002"]
    );
    assert_eq!(
        ids(&s, "11", "ehpad"),
        ["T-ALE-001-IDF", "T-MOB-001-EHPAD", "T-MOB-002"]
    );
    assert_eq!(ids(&s, "11", "ch"), ["T-ALE-001-IDF", "T-MOB-001"]);
}

#[test]
fn edition_pages_and_variant_links_are_rendered() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0);
    let index = fs::read_to_string(out.path().join("editions/index.html")).unwrap();
    assert!(index.contains("href=\"11/ch/index.html\""), "{index}");
    let page = fs::read_to_string(out.path().join("editions/11/ch/index.html")).unwrap();
    assert!(page.contains("Manuel de test — Centre hospitalier — Île-de-France"));
    assert!(page.contains("T-ALE-001-IDF") && !page.contains(">T-ALE-001<"));
    assert!(!page.contains("CANARI"), "amber contact leaked");
    let national = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert!(
        national.contains("Variante Île-de-France"),
        "no variant link"
    );
    assert!(national.contains("href=\"../rancon-idf/index.html\""));
    let variant = fs::read_to_string(out.path().join("alerte/rancon-idf/index.html")).unwrap();
    assert!(variant.contains("Variante de la fiche nationale"));
    assert!(variant.contains("href=\"../rancon/index.html\""));
    // What differs: the deadline (15 min nationally, 10 min here) and the regions.
    assert!(
        variant.contains("15\u{a0}min") && variant.contains("10\u{a0}min"),
        "no deadline difference"
    );
    // Everywhere is said in words, not as the `*` front matter writes it.
    assert!(
        variant.contains(
            "<th scope=\"row\">régions</th><td>Toutes les régions</td><td>Île-de-France</td>"
        ),
        "{variant}"
    );
    // Listings carry what the profile script needs to hide the replaced sheet.
    let home = fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(
        home.contains("data-variants=\"11|*\""),
        "no variant scope on the national item"
    );
}

#[test]
fn check_warns_on_empty_phase_and_stale_variant() {
    let fx = Fixture::minimal();
    let variant = fx
        .read("content/alerte/rancon-idf.md")
        .replace("last_reviewed: 2026-05-10", "last_reviewed: 2026-01-10");
    fx.write("content/alerte/rancon-idf.md", &variant);
    fx.write("content/_taxonomies/phases.yaml", "- code: alerte\n  label: Alerte\n- code: mobilisation\n  label: Mobilisation\n- code: retex\n  label: RETEX\n");
    // No procedure covers RETEX at all: the handbook's gap, not an edition's.
    assert!(!fx
        .check()
        .diagnostics
        .iter()
        .any(|d| d.message.contains("has no procedure")));
    // One region covers it: the other editions lack it.
    let retex = fx
        .read("content/mobilisation/ehpad.md")
        .replace("id: T-MOB-002", "id: T-RET-001")
        .replace("phase: mobilisation", "phase: retex")
        .replace("regions: [\"*\"]", "regions: [\"11\"]")
        .replace("Voir l'[annuaire](annuaire-idf.md).", "RETEX.");
    fx.write("content/mobilisation/retex-idf.md", &retex);
    let report = fx.check();
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("Île-de-France × EHPAD")));
    let d = common::find(&report, "was reviewed on 2026-05-01, after this variant");
    assert!(!d.is_error());
    assert_eq!(d.file.to_string_lossy(), "content/alerte/rancon-idf.md");
    // One warning for the phase, naming a region once when all its editions lack it.
    let d = common::find(
        &report,
        "phase `retex` has no procedure in 5 of 6 editions: Île-de-France × Centre hospitalier, \
         Auvergne-Rhône-Alpes (every type), La Réunion (every type)",
    );
    assert!(!d.is_error());
    let gaps = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("has no procedure"))
        .count();
    assert_eq!(gaps, 1);
    // A page in error leaves gaps of its own: they are not reported beside it.
    fx.write(
        "content/mobilisation/retex-idf.md",
        &retex.replace("tlp: clear", "tlp: vert"),
    );
    let report = fx.check();
    common::find(&report, "`tlp` has an unknown value `vert`");
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("has no procedure")));
}

#[test]
fn editions_command_prints_the_table() {
    let fx = Fixture::minimal();
    let o = fx.cli(&["editions", "--region", "11"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Île-de-France × EHPAD"), "{text}");
    assert!(!text.contains("Auvergne"), "{text}");
    let o = fx.cli(&["editions", "--type", "ehpda"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `ehpad`?"));
}

/// Every edition's members, as the site and `check` compute them in one pass, match
/// the definition checked page by page: the page is in force (not obsolete), its
/// scope covers the edition, no variant of the page does, and the list follows
/// phase order.
#[test]
fn every_edition_matches_the_definition_page_by_page() {
    let fx = Fixture::minimal();
    let handbook = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (root, tlp) in [
        (fx.root(), Tlp::Clear),
        (fx.root(), Tlp::Amber),
        (handbook, Tlp::Clear),
        (handbook, Tlp::Amber),
    ] {
        let site = Site::new(load::load(root), Audience { tlp, drafts: false });
        let variants = Variants::of(&site);
        let covers = |i: usize, e: &Edition| {
            let f = &site.pages[i].src.front;
            f.regions.includes(e.region) && f.types.includes(e.kind)
        };
        let all = editions::members_of_all(&site, &variants);
        let editions = editions::all(&site);
        assert_eq!(all.len(), editions.len());
        assert!(all.iter().any(|m| !m.is_empty()));
        for (edition, members) in editions.iter().zip(&all) {
            let mut expected: Vec<usize> = site
                .published()
                .filter(|(_, page)| page.src.front.status != load::Status::Obsolete)
                .map(|(i, _)| i)
                .filter(|&i| {
                    covers(i, edition) && !variants.get(i).iter().any(|&v| covers(v, edition))
                })
                .collect();
            expected.sort_by(|&a, &b| site.phase_order(&site.pages[a], &site.pages[b]));
            assert_eq!(members, &expected, "{edition:?} in {}", root.display());
        }
    }
}

/// An obsolete sheet stays readable, marked so in lists, but no facility applies
/// it: it joins no edition, no print bundle and not the first hour.
#[test]
fn an_obsolete_sheet_joins_no_edition_bundle_or_first_hour() {
    let fx = Fixture::minimal();
    let rancon = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &rancon.replace("status: valide", "status: obsolete"),
    );
    let site = Site::new(
        load::load(fx.root()),
        Audience {
            tlp: Tlp::Clear,
            drafts: false,
        },
    );
    let variants = Variants::of(&site);
    let obsolete = site.page_by_id("T-ALE-001").unwrap();
    assert!(editions::members_of_all(&site, &variants)
        .iter()
        .all(|m| !m.contains(&obsolete)));
    let national = planblanc::print::Bundle::national(&site);
    assert!(!national.members.contains(&obsolete));
    // Its regional variant replaces it nowhere, being the only text in force
    // for Île-de-France.
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    let first_hour = home.split("id=\"first-hour\"").nth(1).unwrap_or("");
    let first_hour = first_hour.split("</section>").next().unwrap_or("");
    assert!(!first_hour.contains("T-ALE-001<"), "{first_hour}");
    let phase = fs::read_to_string(out.join("phases/alerte/index.html")).unwrap();
    assert!(
        phase.contains("<span class=\"proc-id\">T-ALE-001</span>")
            && phase.contains("<span class=\"obsolete\">Obsolète</span>"),
        "{phase}"
    );
}

/// Titles of the same phase and weight follow a French reader's order, in the
/// section's listing, the edition and the bundle: accents and capitals beside
/// their letter, numbers by value (bytes put "Électricité" after "Zone" and
/// "Étape 10" before "Étape 2").
#[test]
fn titles_are_listed_in_a_readers_order() {
    let fx = Fixture::minimal();
    let national = fx.read("content/mobilisation/cellule.md");
    let titles = [
        ("T-MOB-101", "Zone de repli"),
        ("T-MOB-102", "Étape 10 : rappeler les équipes"),
        ("T-MOB-103", "électricité de secours"),
        ("T-MOB-104", "Étape 2 : ouvrir la main courante"),
    ];
    for (id, title) in titles {
        let page = national
            .replace("id: T-MOB-001", &format!("id: {id}"))
            .replace("Activer la cellule de crise", title)
            .replace("previous: T-ALE-001\n", "");
        fx.write(&format!("content/mobilisation/{id}.md"), &page);
    }
    let expected = [
        "T-MOB-001",
        "T-MOB-103",
        "T-MOB-104",
        "T-MOB-102",
        "T-MOB-101",
    ];
    let s = site(&fx, Tlp::Clear);
    assert_eq!(ids(&s, "84", "ch")[1..], expected);

    let out = tempfile::tempdir().unwrap();
    assert_eq!(fx.build_to(out.path(), Tlp::Clear).errors(), 0);
    let listing = fs::read_to_string(out.path().join("mobilisation/index.html")).unwrap();
    let print = fx.root().join("print");
    let o = fx.cli(&["bundle", "--national", "--out", print.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bundle = fs::read_to_string(print.join("national.html")).unwrap();
    for (what, html, mark) in [("listing", &listing, ""), ("bundle", &bundle, "id=\"p-")] {
        let at: Vec<usize> = expected
            .iter()
            .map(|id| html.find(&format!("{mark}{id}")).expect(id))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{what}: {at:?}");
    }
}
