//! Long listings split into pages of `paginate_by` procedures: every procedure on
//! exactly one page, navigation that resolves offline, nothing left behind when a
//! listing shrinks.

use std::fs;
use std::path::Path;

use crate::common::{self, Fixture};
use planblanc::build::{BuildOptions, Session};
use planblanc::load::Tlp;
use planblanc::model::Audience;

/// The minimal fixture with `extra` more procedures in `mobilisation/`, all with
/// the role `directeur`, and `paginate_by: per_page`.
fn fixture(extra: usize, per_page: &str) -> Fixture {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml");
    fx.write(
        "handbook.yaml",
        &format!("{config}paginate_by: {per_page}\n"),
    );
    let page = fx.read("content/mobilisation/cellule.md");
    for i in 0..extra {
        let text = page
            .replace("id: T-MOB-001", &format!("id: T-PAG-{i:03}"))
            .replace(
                "Activer la cellule de crise",
                &format!("Fiche paginée {i:03}"),
            )
            .replace("previous: T-ALE-001\n", "");
        fx.write(&format!("content/mobilisation/p{i:03}.md"), &text);
    }
    fx
}

/// The listing at `dir/index.html` and its later pages, in order.
fn pages_of(site: &Path, dir: &str) -> Vec<String> {
    let mut pages = vec![fs::read_to_string(site.join(dir).join("index.html")).unwrap()];
    for n in 2.. {
        match fs::read_to_string(site.join(dir).join(format!("index-{n}.html"))) {
            Ok(html) => pages.push(html),
            Err(_) => break,
        }
    }
    pages
}

fn items(html: &str) -> Vec<String> {
    html.split("<li class=\"proc\"")
        .skip(1)
        .filter_map(|li| li.split("<span class=\"proc-id\">").nth(1))
        .filter_map(|rest| rest.split('<').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn long_listings_split_and_every_procedure_is_on_one_page() {
    let fx = fixture(7, "3");
    // A phase with no procedure yet, between two that have some.
    fx.write(
        "content/_taxonomies/phases.yaml",
        "- code: \"alerte\"\n  label: \"Alerte\"\n- code: \"preparation\"\n  label: \"Préparation\"\n\
         - code: \"mobilisation\"\n  label: \"Mobilisation\"\n",
    );
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert!(common::broken_references(out.path()).is_empty());

    // The role `directeur`: the fixture's own procedures and the 7 new ones.
    let pages = pages_of(out.path(), "roles/directeur");
    let listed: Vec<Vec<String>> = pages.iter().map(|p| items(p)).collect();
    let all: Vec<&String> = listed.iter().flatten().collect();
    assert!(all.len() >= 8, "{listed:?}");
    assert_eq!(pages.len(), all.len().div_ceil(3));
    assert!(
        listed.iter().all(|l| !l.is_empty() && l.len() <= 3),
        "{listed:?}"
    );
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        all.len(),
        "a procedure listed twice: {listed:?}"
    );

    // Navigation: where the reader is, and links that end in files beside it.
    let second = &pages[1];
    assert!(
        second.contains("<title>Directeur de crise · Page 2 · "),
        "{second}"
    );
    assert!(second.contains("<nav class=\"pagination\" aria-label=\"Pages de la liste\">"));
    assert!(second.contains(&format!(
        "Page 2 sur {} · fiches 4 à 6 sur {}",
        pages.len(),
        all.len()
    )));
    assert!(second.contains("<a href=\"index.html\" rel=\"prev\">"));
    assert!(second
        .contains("<a href=\"index-2.html\" aria-label=\"Page 2\" aria-current=\"page\">2</a>"));
    assert!(second.contains("<a href=\"index-3.html\" rel=\"next\">"));
    assert!(!pages[0].contains("rel=\"prev\""));
    assert!(!pages.last().unwrap().contains("rel=\"next\""));

    // Sections split the same way; their text and subsections stay on page 1.
    let section = pages_of(out.path(), "mobilisation");
    assert!(section.len() > 1);
    let section_items: usize = section.iter().map(|p| items(p).len()).sum();
    assert!(section_items >= 9, "{section_items}");

    // An edition: phase by phase, role cards and directories on its first page.
    let edition = pages_of(out.path(), "editions/11/ch");
    assert!(edition.len() > 1, "the edition fits in one page");
    assert!(edition[0].contains("id=\"role-cards\""));
    assert!(edition
        .iter()
        .skip(1)
        .all(|p| !p.contains("id=\"role-cards\"")));
    assert!(edition[1].contains("id=\"phase-mobilisation\""));
    // Every page points to where each phase starts, and only to phases it holds.
    for page in &edition {
        let index = page
            .split("<nav class=\"phase-index\"")
            .nth(1)
            .and_then(|s| s.split("</nav>").next())
            .expect("phase index");
        for link in index.split("href=\"").skip(1) {
            let target = link.split('"').next().unwrap();
            let (file, anchor) = target.split_once('#').unwrap();
            let html = &edition[if file == "index.html" {
                0
            } else {
                file["index-".len()..file.len() - ".html".len()]
                    .parse::<usize>()
                    .unwrap()
                    - 1
            }];
            assert!(html.contains(&format!("id=\"{anchor}\"")), "{target}");
        }
    }
}

#[test]
fn short_listings_and_zero_keep_one_page() {
    for per_page in ["100", "0"] {
        let fx = fixture(7, per_page);
        let out = tempfile::tempdir().unwrap();
        let report = fx.build_to(out.path(), Tlp::Clear);
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
        let pages = pages_of(out.path(), "roles/directeur");
        assert_eq!(pages.len(), 1, "paginate_by: {per_page}");
        assert!(items(&pages[0]).len() >= 8);
        assert!(!pages[0].contains("class=\"pagination\""));
    }
}

#[test]
fn a_negative_size_and_a_file_taking_a_page_name_are_errors() {
    let fx = fixture(0, "-5");
    fx.write("content/mobilisation/index-2.html", "<p>x</p>");
    let report = fx.check();
    let d = common::find(&report, "`paginate_by` cannot be negative");
    assert_eq!(d.line, 6);
    let d = common::find(&report, "is the name of a generated listing page");
    assert!(d
        .help
        .as_deref()
        .unwrap_or("")
        .contains("index-<number>.html"));
}

#[test]
fn a_listing_that_shrinks_loses_its_last_page_in_the_live_preview() {
    let fx = fixture(7, "3");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let (mut session, _) = Session::start(BuildOptions {
        root: fx.root().to_path_buf(),
        out: Some(out.clone()),
        audience: Audience {
            tlp: Tlp::Clear,
            drafts: false,
        },
    })
    .unwrap();
    let before = pages_of(&out, "roles/directeur").len();
    // Three procedures change role: the role's listing needs one page less.
    let mut changed = Vec::new();
    for i in 0..3 {
        let rel = format!("content/mobilisation/p{i:03}.md");
        fx.write(
            &rel,
            &fx.read(&rel).replace("roles: [directeur]", "roles: [rssi]"),
        );
        changed.push(fx.root().join(rel));
    }
    let report = session.rebuild(&changed).unwrap();
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert_eq!(pages_of(&out, "roles/directeur").len(), before - 1);
    let clean = tempfile::tempdir().unwrap();
    fx.build_to(clean.path(), Tlp::Clear);
    assert_eq!(common::files(&out), common::files(clean.path()));
}

#[test]
fn what_changed_splits_by_kind_across_pages() {
    let fx = fixture(7, "3");
    assert!(fx.cli(&["version", "cut", "2026.1"]).status.success());
    let config = fx.read("handbook.yaml").replace("\"2026.1\"", "\"2026.2\"");
    fx.write("handbook.yaml", &config);
    // Five procedures modified, one removed, one added.
    for i in 0..5 {
        let rel = format!("content/mobilisation/p{i:03}.md");
        fx.write(
            &rel,
            &fx.read(&rel)
                .replace("La cellule se réunit.", "La cellule se réunit vite."),
        );
    }
    fx.remove("content/mobilisation/p005.md");
    let added = fx
        .read("content/mobilisation/p006.md")
        .replace("T-PAG-006", "T-PAG-NEW");
    fx.write("content/mobilisation/new.md", &added);
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert!(common::broken_references(out.path()).is_empty());

    let pages = pages_of(out.path(), "nouveautes");
    assert_eq!(pages.len(), 3, "7 changes, 3 per page");
    let ids: Vec<String> = pages
        .iter()
        .flat_map(|p| p.split("<span class=\"proc-id\">").skip(1))
        .filter_map(|s| s.split('<').next())
        .map(str::to_string)
        .collect();
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert_eq!(ids[0], "T-PAG-NEW", "added first: {ids:?}");
    assert_eq!(ids[6], "T-PAG-005", "removed last: {ids:?}");
    // Each page shows the groups it holds, with the group's total.
    assert!(pages[0].contains("id=\"changes-added\""));
    assert!(pages[0].contains("id=\"changes-changed\""));
    assert!(!pages[0].contains("id=\"changes-removed\""));
    assert!(!pages[1].contains("id=\"changes-added\""));
    assert!(pages[1].contains("<span class=\"count\">5</span>"));
    assert!(pages[2].contains("id=\"changes-removed\""));
    assert!(
        pages.iter().all(|p| p.contains(": 7\u{a0}fiches.")),
        "the total on every page"
    );
    assert!(pages[2].contains("<a href=\"index-2.html\" rel=\"prev\">"));
}
