//! "Nouveautés": what a version changed against the one before it, and what the
//! changelog may name at each TLP level.

use std::fs;

use crate::common::{self, Fixture};
use crate::versions::{cut, history};
use planblanc::load::Tlp;

/// Builds `fx` at `tlp`, which must give no error; returns the output and the
/// changelog in force.
fn changes_at(fx: &Fixture, tlp: Tlp) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), tlp);
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    let changes = fs::read_to_string(out.path().join("nouveautes/index.html")).unwrap();
    (out, changes)
}

#[test]
fn changelog_entries() {
    let fx = history();
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let current = fs::read_to_string(out.path().join("nouveautes/index.html")).unwrap();
    assert!(current.contains("Changements depuis la version 2025.1"));
    let section = |html: &str, id: &str| -> String {
        let start = html.find(&format!("id=\"changes-{id}\"")).unwrap();
        let rest = &html[start..];
        rest[..rest.find("</section>").unwrap()].to_string()
    };
    let added = section(&current, "added");
    assert!(
        added.contains("T-MOB-003") && !added.contains("T-MOB-001"),
        "{added}"
    );
    let removed = section(&current, "removed");
    assert!(removed.contains("T-MOB-002"));
    assert!(
        removed
            .contains("Remplacée par <a href=\"../mobilisation/ehpad-2026/index.html\">T-MOB-003"),
        "{removed}"
    );
    let changed = section(&current, "changed");
    assert!(changed.contains("T-MOB-001") && changed.contains("renommée"));
    assert!(
        changed.contains("Ancien titre\u{a0}: «\u{a0}Activer la cellule de crise\u{a0}»"),
        "{changed}"
    );
    // T-ALE-001's link target changed in the text: a modification, word-level.
    assert!(
        changed.contains("T-ALE-001") && changed.contains("<del>"),
        "{changed}"
    );
    // 2025.1 against 2024.2: the edit of T-ALE-001, its deadline and its words.
    let v = fs::read_to_string(out.path().join("versions/2025.1/nouveautes/index.html")).unwrap();
    let changed = section(&v, "changed");
    assert!(
        changed.contains("<th scope=\"row\">délai</th><td>PT15M</td><td>PT10M</td>"),
        "{changed}"
    );
    assert!(
        // What was taken out and put in is said to screen readers too.
        changed.contains(
            "<del><span class=\"visually-hidden\">[supprimé : </span>interne.<span class=\"visually-hidden\">]</span></del>\
             <ins><span class=\"visually-hidden\">[ajouté : </span>interne 5555.<span class=\"visually-hidden\">]</span></ins>"
        ),
        "{changed}"
    );
    assert!(section(&v, "added").contains("class=\"empty\""));
    // The oldest version has nothing to compare with.
    let first =
        fs::read_to_string(out.path().join("versions/2024.2/nouveautes/index.html")).unwrap();
    assert!(first.contains("Première version publiée"));
}

/// A published sheet that starts naming a restricted one (in `related`, in a link
/// with an anchor made from its heading) changes; the changelog says so without
/// the restricted sheet's id, path or anchor, as the page itself does.
#[test]
fn changelog_names_no_restricted_sheet() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    let ranc = fx
        .read("content/alerte/rancon.md")
        .replace("related: [T-MOB-001]", "related: [T-MOB-001, T-ANN-011]")
        + "\nAppelez [l'astreinte](../mobilisation/annuaire-idf.md#astreinte-0612345678) puis le 15.\n\
           \nVoir [la liste][rouge], [rouge][] et <a href=\"../mobilisation/annuaire-idf.md#astreinte-0612345678\">brut</a>.\n\
           \n[rouge]: ../mobilisation/annuaire-idf.md#astreinte-0612345678 \"Annuaire rouge\"\n";
    fx.write("content/alerte/rancon.md", &ranc);
    // The anchor is made from a heading of the restricted sheet.
    let annuaire = fx.read("content/mobilisation/annuaire-idf.md") + "\n## Astreinte 0612345678\n";
    fx.write("content/mobilisation/annuaire-idf.md", &annuaire);
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let changes = fs::read_to_string(out.path().join("nouveautes/index.html")).unwrap();
    assert!(
        changes.contains("T-ALE-001") && changes.contains("le 15."),
        "{changes}"
    );
    for secret in [
        "T-ANN-011",
        "annuaire-idf",
        "0612345678",
        "astreinte</",
        "Annuaire rouge",
        "(…)[]",
    ] {
        assert!(!changes.contains(secret), "{secret} in {changes}");
    }
    let amber = tempfile::tempdir().unwrap();
    fx.build_to(amber.path(), Tlp::Amber);
    let changes = fs::read_to_string(amber.path().join("nouveautes/index.html")).unwrap();
    assert!(changes.contains("T-ANN-011") && changes.contains("0612345678"));
}

/// A sheet moved to another section says where it was: its address changed.
#[test]
fn a_moved_sheet_names_its_former_section() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    let cell = fx.read("content/mobilisation/cellule.md");
    fx.remove("content/mobilisation/cellule.md");
    fx.write(
        "content/alerte/cellule.md",
        &cell
            .replace("](", "](../mobilisation/")
            .replace("../mobilisation/../", "../"),
    );
    let rancon = fx
        .read("content/alerte/rancon.md")
        .replace("../mobilisation/cellule.md", "cellule.md");
    fx.write("content/alerte/rancon.md", &rancon);
    let (_out, changes) = changes_at(&fx, Tlp::Clear);
    let section = fx.read("content/mobilisation/_index.md");
    let title = section
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .trim_matches('"');
    assert!(
        changes.contains(&format!("Déplacée depuis la section «\u{a0}{title}\u{a0}»")),
        "{changes}"
    );
}

/// A sheet published only in a frozen version, at a level above the build's, and
/// named by `replaces` in force: the changelog's field table leaves its id out (no
/// version this build publishes holds it), as every other output does.
#[test]
fn changelog_names_no_restricted_sheet_retired_before() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    fx.remove("content/mobilisation/annuaire-idf.md");
    let ehpad = fx
        .read("content/mobilisation/ehpad.md")
        .replace("Voir l'[annuaire](annuaire-idf.md).", "");
    fx.write("content/mobilisation/ehpad.md", &ehpad);
    let ranc = fx
        .read("content/alerte/rancon.md")
        .replace("id: T-ALE-001", "id: T-ALE-001\nreplaces: [T-ANN-011]")
        .replace("deadline: PT15M", "deadline: PT10M");
    fx.write("content/alerte/rancon.md", &ranc);
    let (out, changes) = changes_at(&fx, Tlp::Clear);
    assert!(changes.contains("T-ALE-001"), "{changes}");
    for file in common::files(out.path()) {
        let bytes = fs::read(out.path().join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("T-ANN-011"), "the amber id is in {file:?}");
    }
    // At amber the frozen version publishes it: the change names it.
    let amber = tempfile::tempdir().unwrap();
    fx.build_to(amber.path(), Tlp::Amber);
    let changes = fs::read_to_string(amber.path().join("nouveautes/index.html")).unwrap();
    assert!(changes.contains("<td></td><td>T-ANN-011</td>"), "{changes}");
}

/// A change is shown to every profile it concerns, before and after: a sheet
/// narrowed to CH still tells an EHPAD reader that it no longer applies to them.
#[test]
fn changelog_entries_concern_the_old_scope_and_the_new() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    let ranc = fx
        .read("content/alerte/rancon.md")
        .replace("establishment_types: [\"*\"]", "establishment_types: [ch]")
        .replace("regions: [\"*\"]", "regions: [\"11\"]");
    fx.write("content/alerte/rancon.md", &ranc);
    let (_out, changes) = changes_at(&fx, Tlp::Clear);
    let item = &changes[changes[..changes.find("T-ALE-001").unwrap()]
        .rfind("<li")
        .unwrap()..];
    assert!(
        item.starts_with(
            "<li class=\"proc change change-changed\" data-regions=\"11 *\" data-types=\"ch *\">"
        ),
        "{}",
        &item[..200.min(item.len())]
    );
}

/// Each side of a change names only the sheets its own version publishes, or, for
/// a sheet it no longer holds, one some version of the build publishes: a sheet
/// now TLP:RED is named nowhere, one retired two versions ago still is.
#[test]
fn changelog_fields_name_sheets_each_version_publishes() {
    let fx = Fixture::minimal();
    let sheet = |id: &str, title: &str| {
        fx.read("content/alerte/rancon.md")
            .replace("id: T-ALE-001", &format!("id: {id}"))
            .replace("Mon poste affiche une rançon", title)
            .replace("next: T-MOB-001\n", "")
    };
    fx.write("content/alerte/a.md", &sheet("T-ALE-101", "Fiche A"));
    fx.write("content/alerte/x.md", &sheet("T-ALE-110", "Fiche X"));
    assert!(cut(&fx, "2024.1").status.success());
    fx.remove("content/alerte/a.md");
    assert!(cut(&fx, "2025.1").status.success());
    let x = fx
        .read("content/alerte/x.md")
        .replace("tlp: clear", "tlp: red");
    fx.write("content/alerte/x.md", &x);
    let ranc = fx
        .read("content/alerte/rancon.md")
        .replace("related: [T-MOB-001]", "related: [T-MOB-001, T-ALE-110]")
        .replace("id: T-ALE-001", "id: T-ALE-001\nreplaces: [T-ALE-101]");
    fx.write("content/alerte/rancon.md", &ranc);
    let (_out, changes) = changes_at(&fx, Tlp::Clear);
    let entry = &changes[changes
        .find("<span class=\"proc-id\">T-ALE-001</span>")
        .unwrap()..];
    let entry = &entry[..entry.find("</li>").unwrap()];
    assert!(entry.contains("<td></td><td>T-ALE-101</td>"), "{entry}");
    assert!(!entry.contains("T-ALE-110"), "{entry}");
}

/// The field table reads as the rest of the site: taxonomy labels and the
/// status's word, each in the version it comes from, not codes.
#[test]
fn changelog_fields_show_labels_not_codes() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    let ranc = fx
        .read("content/alerte/rancon.md")
        .replace("roles: [tout-personnel]", "roles: [rssi, directeur]")
        .replace("regions: [\"*\"]", "regions: [\"11\"]")
        .replace("status: valide", "status: en-relecture");
    fx.write("content/alerte/rancon.md", &ranc);
    let (_out, changes) = changes_at(&fx, Tlp::Clear);
    for row in [
        "<td>Tout personnel</td><td>RSSI, Directeur de crise</td>",
        "<td>Toutes les régions</td><td>Île-de-France</td>",
        "<td>Validée</td><td>En relecture</td>",
    ] {
        assert!(changes.contains(row), "no {row} in {changes}");
    }
}
