//! Versions: cut, list, labels, frozen builds, the switcher's targets, the list of
//! every version, the archive banner, and migration of old snapshots on read.
//! "Nouveautés" entries are in `changelog.rs`.

use std::fs;

use crate::common::{self, Fixture};
use planblanc::load::Tlp;

pub(crate) fn cut(fx: &Fixture, label: &str) -> std::process::Output {
    fx.cli(&["version", "cut", label])
}

/// Two frozen versions and a current one, with an addition, a removal with its
/// successor, a rename, and an edit between them.
pub(crate) fn history() -> Fixture {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2024.2").status.success());
    // 2025.1: T-ALE-001 edited (text and deadline).
    let ranc = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &ranc
            .replace(
                "Appelez le numéro interne.",
                "Appelez le numéro interne 5555.",
            )
            .replace("deadline: PT15M", "deadline: PT10M"),
    );
    assert!(cut(&fx, "2025.1").status.success());
    // Current: T-MOB-001 renamed and moved; T-MOB-002 removed, replaced by T-MOB-003.
    let cell = fx.read("content/mobilisation/cellule.md").replace(
        "title: \"Activer la cellule de crise\"",
        "title: \"Réunir la cellule de crise\"",
    );
    fx.remove("content/mobilisation/cellule.md");
    fx.write("content/mobilisation/reunir-cellule.md", &cell);
    let ranc = fx.read("content/alerte/rancon.md").replace(
        "../mobilisation/cellule.md",
        "../mobilisation/reunir-cellule.md",
    );
    fx.write("content/alerte/rancon.md", &ranc);
    let ehpad = fx
        .read("content/mobilisation/ehpad.md")
        .replace("id: T-MOB-002", "id: T-MOB-003\nreplaces: [T-MOB-002]")
        .replace("Cellule en EHPAD", "Cellule en EHPAD (2026)");
    fx.remove("content/mobilisation/ehpad.md");
    fx.write("content/mobilisation/ehpad-2026.md", &ehpad);
    fx
}

#[test]
fn cutting_the_current_label_asks_for_the_next_one() {
    let fx = Fixture::minimal();
    // --quiet: nothing to say when all went well.
    let quiet = fx.cli(&["version", "cut", "2025.9", "--quiet"]);
    assert!(quiet.status.success());
    assert!(
        quiet.stderr.is_empty() && quiet.stdout.is_empty(),
        "{quiet:?}"
    );
    assert!(fx.root().join("versions/2025.9/version.yaml").is_file());
    let out = cut(&fx, "2026.1");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("passez `edition:`"));
    let report = fx.check();
    let d = common::find(&report, "the edition `2026.1` is also a frozen version");
    assert_eq!(d.file.to_string_lossy(), "handbook.yaml");
    assert_eq!(d.line, 3, "{d}");
    assert!(!d.is_error());
}

#[test]
fn cut_refuses_existing_bad_and_dirty() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    assert!(fx
        .root()
        .join("versions/2025.1/content/alerte/rancon.md")
        .is_file());
    assert!(fx.root().join("versions/2025.1/handbook.yaml").is_file());
    let again = cut(&fx, "2025.1");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(cut(&fx, "../evil").status.code(), Some(1));
    // Labels a USB stick or Windows cannot hold as a folder name.
    for (label, why) in [
        ("2025.", "ends with a dot"),
        ("Aux", "device name"),
        ("nul.1", "device name"),
    ] {
        let refused = cut(&fx, label);
        assert_eq!(refused.status.code(), Some(1), "{label}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains(why) && stderr.contains("USB stick"),
            "{stderr}"
        );
        assert!(!fx.root().join("versions").join(label).exists(), "{label}");
    }
    // One folder on a case-insensitive stick.
    let case = cut(&fx, "2025.1-RC");
    assert!(case.status.success());
    let again = cut(&fx, "2025.1-rc");
    assert!(String::from_utf8_lossy(&again.stderr).contains("version `2025.1-RC` already exists"));
    // Nor two labels the version list cannot tell apart.
    let padded = cut(&fx, "2025.01-RC");
    assert!(String::from_utf8_lossy(&padded.stderr).contains("version `2025.1-RC` already exists"));
    fs::remove_dir_all(fx.root().join("versions/2025.1-RC")).unwrap();
    fx.write("content/alerte/casse.md", "pas de front matter\n");
    let dirty = cut(&fx, "2025.2");
    assert_eq!(dirty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&dirty.stderr).contains("error(s)"));
    assert!(!fx.root().join("versions/2025.2").exists());
    let list = fx.cli(&["version", "list"]);
    assert_eq!(String::from_utf8_lossy(&list.stdout), "2025.1\n");
}

#[test]
fn list_sorts_as_editions() {
    let fx = Fixture::minimal();
    for label in ["2025.1", "2024.10", "2024.2"] {
        assert!(cut(&fx, label).status.success());
    }
    let list = fx.cli(&["version", "list"]);
    assert_eq!(
        String::from_utf8_lossy(&list.stdout),
        "2024.2\n2024.10\n2025.1\n"
    );
}

#[test]
fn switcher_targets_same_id_or_home_with_notice() {
    let fx = history();
    // A sheet only the current version has, one only the frozen ones have.
    let sheet = |from: &str, id: &str, title: &str| {
        fx.read(&format!("{from}content/alerte/rancon.md"))
            .replace("id: T-ALE-001", &format!("id: {id}"))
            .replace("Mon poste affiche une rançon", title)
            .replace("next: T-MOB-001\n", "")
    };
    fx.write(
        "content/alerte/nouvelle.md",
        &sheet("", "T-ALE-009", "Nouvelle fiche"),
    );
    for v in ["versions/2024.2/", "versions/2025.1/"] {
        fx.write(
            &format!("{v}content/alerte/gone.md"),
            &sheet(v, "T-ALE-008", "Fiche retirée"),
        );
    }
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let site = out.path();
    // A listing: itself here (named the current page), the same listing in the
    // versions that have it, their home in the others.
    let phases = fs::read_to_string(site.join("phases/index.html")).unwrap();
    assert!(
        phases.contains("<li><a href=\"index.html\" aria-current=\"page\">2026.1"),
        "{phases}"
    );
    assert!(phases.contains("<li><a href=\"../versions/2025.1/phases/index.html\">2025.1</a>"));
    let term = fs::read_to_string(site.join("roles/rssi/index.html")).unwrap();
    assert!(
        term.contains("<li><a href=\"../../versions/2025.1/roles/rssi/index.html\">2025.1</a>"),
        "{term}"
    );
    let section = fs::read_to_string(site.join("alerte/index.html")).unwrap();
    assert!(section.contains("<li><a href=\"../versions/2025.1/alerte/index.html\">2025.1</a>"));
    assert!(
        common::broken_references(site).is_empty(),
        "{:#?}",
        common::broken_references(site)
    );
    // Current T-MOB-001 (moved) → same id at its old path in frozen versions.
    let page = fs::read_to_string(site.join("mobilisation/reunir-cellule/index.html")).unwrap();
    assert!(
        page.contains("href=\"../../versions/2025.1/mobilisation/cellule/index.html\">2025.1</a>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"../../versions/2024.2/mobilisation/cellule/index.html\">2024.2</a>")
    );
    // T-MOB-003 replaces T-MOB-002: the same procedure to a reader switching.
    let page = fs::read_to_string(site.join("mobilisation/ehpad-2026/index.html")).unwrap();
    assert!(
        page.contains("<a href=\"../../versions/2025.1/mobilisation/ehpad/index.html\">2025.1</a>"),
        "switcher to the sheet it replaces: {page}"
    );
    // New T-ALE-009 does not exist in 2025.1: its home, with the notice parameter.
    let page = fs::read_to_string(site.join("alerte/nouvelle/index.html")).unwrap();
    assert!(
        page.contains("href=\"../../versions/2025.1/index.html?absent=T-ALE-009%20%C2%B7%20Nouvelle%20fiche\" data-missing=\"1\""),
        "switcher to absent, by id and title: {page}"
    );
    // A frozen page: banner to the same procedure in force, switcher back.
    let old =
        fs::read_to_string(site.join("versions/2025.1/mobilisation/cellule/index.html")).unwrap();
    assert!(old.contains("Version archivée 2025.1"));
    // Tabs and history tell an old sheet from the one in force.
    assert!(old.contains("· Version archivée 2025.1</title>"), "{old}");
    assert!(old.contains("<a href=\"../../../../mobilisation/reunir-cellule/index.html\">voir la version en vigueur</a>"));
    // Replaced in force: the banner goes to the sheet that replaces it.
    let old =
        fs::read_to_string(site.join("versions/2025.1/mobilisation/ehpad/index.html")).unwrap();
    assert!(
        old.contains(
            "href=\"../../../../mobilisation/ehpad-2026/index.html\">voir la version en vigueur"
        ),
        "{old}"
    );
    // Removed with no successor: the current home, with the notice.
    let old = fs::read_to_string(site.join("versions/2025.1/alerte/gone/index.html")).unwrap();
    assert!(
        old.contains("href=\"../../../../index.html?absent=T-ALE-008%20%C2%B7%20Fiche%20retir%C3%A9e\">voir la version en vigueur"),
        "{old}"
    );
    // The frozen version shows its own label and taxonomy pages and editions.
    assert!(site.join("versions/2024.2/regions/11/index.html").is_file());
    assert!(site
        .join("versions/2024.2/editions/11/ch/index.html")
        .is_file());
    assert!(fs::read_to_string(site.join("versions/2024.2/index.html"))
        .unwrap()
        .contains("Édition 2024.2"));
}

#[test]
fn restricted_pages_stay_out_of_changelogs_and_switchers() {
    let fx = history();
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    for file in common::files(out.path()) {
        let text = fs::read_to_string(out.path().join(&file)).unwrap_or_default();
        assert!(
            !text.contains("T-ANN-011") && !text.contains("CANARI"),
            "{}",
            file.display()
        );
    }
}

/// Folders under `versions/` that `list` would skip, or that a copy could not
/// hold, are named: a link is not followed (it would publish what it leads to).
#[test]
fn broken_version_folders_are_reported() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    let outside = tempfile::tempdir().unwrap();
    common::copy_dir(&fx.root().join("versions/2025.1"), outside.path());
    std::fs::write(
        outside.path().join("content/alerte/hors-racine.txt"),
        "CANARI-LIEN",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), fx.root().join("versions/2025.2")).unwrap();
    // Copies of 2025.1 under other labels, each with its own `version.yaml`.
    let copy = |label: &str, meta: Option<&str>| {
        let to = fx.root().join("versions").join(label);
        common::copy_dir(&fx.root().join("versions/2025.1"), &to);
        if let Some(meta) = meta {
            fs::write(to.join("version.yaml"), meta).unwrap();
        }
    };
    copy("V1", None);
    copy("v1", None);
    fs::create_dir_all(fx.root().join("versions/2024.9/content")).unwrap();
    copy("2024.8", Some("label: \"2024.8\"\nformat: 99\n"));
    copy("2024.7", Some("format: [1\n"));
    copy("2024.6", Some("label: \"2023.1\"\nformat: -1\n"));
    let out = fx.root().join("out");
    let report = fx.build_to(&out, Tlp::Clear);
    let said = |needle: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in {:#?}", report.diagnostics))
    };
    assert!(said("is a symbolic link").is_error());
    assert!(said("differ only by case").is_error());
    assert!(said("no `version.yaml`").file.ends_with("versions/2024.9"));
    assert!(said("by a newer planblanc").is_error());
    assert!(said("invalid YAML")
        .file
        .ends_with("versions/2024.7/version.yaml"));
    assert!(said("`format: -1` is not a format number").is_error());
    assert!(!said("differs from the folder's name `2024.6`").is_error());
    let check = fx.check();
    assert!(check.errors() >= 4, "{:#?}", check.diagnostics);
    for gone in ["V1", "2024.8", "2024.7", "2024.6"] {
        fs::remove_dir_all(fx.root().join("versions").join(gone)).unwrap();
    }
    let report = fx.build_to(&out, Tlp::Clear);
    assert_eq!(report.errors(), 1, "{:#?}", report.diagnostics);
    fx.remove("versions/2025.2");
    let report = fx.build_to(&out, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    assert!(out.join("versions/v1/index.html").exists());
    assert!(!out.join("versions/2024.9").exists());
}

#[test]
fn old_snapshot_formats_are_migrated_on_read() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2023.1").status.success());
    // Pretend 2023.1 was cut in format 0, when the field was still called `types`.
    fx.write(
        "versions/2023.1/version.yaml",
        "label: \"2023.1\"\nformat: 0\n",
    );
    let page = fx
        .read("versions/2023.1/content/mobilisation/ehpad.md")
        .replace("establishment_types:", "types:");
    fx.write("versions/2023.1/content/mobilisation/ehpad.md", &page);
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let html = fs::read_to_string(
        out.path()
            .join("versions/2023.1/mobilisation/ehpad/index.html"),
    )
    .unwrap();
    assert!(html.contains("EHPAD"));
    // The same key in the current content is still an error.
    let page = fx
        .read("content/mobilisation/ehpad.md")
        .replace("establishment_types:", "types:");
    fx.write("content/mobilisation/ehpad.md", &page);
    common::find(&fx.check(), "unknown field `types`");
}

/// The names a page's version switcher lists, in order.
fn switcher_names(page: &str) -> Vec<String> {
    let start = page.find("<details class=\"version-switcher\">").unwrap();
    let end = start + page[start..].find("</details>").unwrap();
    page[start..end]
        .split("<li><a href=\"")
        .skip(1)
        .map(|item| {
            let text = &item[item.find('>').unwrap() + 1..];
            text[..text.find('<').unwrap()].to_string()
        })
        .collect()
}

/// Past six versions a page's switcher lists the current one, its own and the
/// most recent others, then links to the page that lists them all: a page does
/// not grow with every version ever cut.
#[test]
fn switcher_lists_a_few_versions_and_links_to_the_rest() {
    let fx = Fixture::minimal();
    let frozen = [
        "2019.1", "2020.1", "2021.1", "2022.1", "2023.1", "2024.1", "2025.1",
    ];
    for label in frozen {
        assert!(cut(&fx, label).status.success(), "{label}");
    }
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let site = out.path();
    let all = "Toutes les versions (8)";
    let current = fs::read_to_string(site.join("alerte/rancon/index.html")).unwrap();
    assert_eq!(
        switcher_names(&current),
        [
            "2026.1 (en vigueur)",
            "2025.1",
            "2024.1",
            "2023.1",
            "2022.1",
            "2021.1",
            all
        ]
    );
    assert!(current.contains(&format!("<a href=\"../../versions/index.html\">{all}</a>")));
    let oldest = fs::read_to_string(site.join("versions/2019.1/alerte/rancon/index.html")).unwrap();
    assert_eq!(
        switcher_names(&oldest),
        [
            "2026.1 (en vigueur)",
            "2025.1",
            "2024.1",
            "2023.1",
            "2022.1",
            "2019.1",
            all
        ]
    );
    assert!(oldest.contains("<a href=\"index.html\" aria-current=\"page\">2019.1</a>"));
    // The list: every version, newest first, its home and its changes.
    let list = fs::read_to_string(site.join("versions/index.html")).unwrap();
    assert!(list.contains("<h1>Toutes les versions</h1>"), "{list}");
    assert!(list.contains(
        "<li><a href=\"../index.html\">Version 2026.1</a> (en vigueur) · <a href=\"../nouveautes/index.html\">Nouveautés 2026.1</a></li>"
    ));
    assert!(list.contains(
        "<li><a href=\"2019.1/index.html\">Version 2019.1</a> · <a href=\"2019.1/nouveautes/index.html\">Nouveautés 2019.1</a></li>"
    ));
    // On the list itself, the version in force is its home, not the list.
    assert!(
        list.contains("<li><a href=\"../index.html\">2026.1 (en vigueur)</a></li>"),
        "{list}"
    );
    assert!(!list.contains("aria-current"), "{list}");
    let positions: Vec<usize> = ["2026.1", "2025.1", "2021.1", "2020.1", "2019.1"]
        .iter()
        .map(|l| list.find(&format!(">Version {l}<")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(
        common::broken_references(site).is_empty(),
        "{:#?}",
        common::broken_references(site)
    );
}

/// A theme of its own whose switcher does not link to the list of every version
/// keeps listing them all on each page: none is left out of reach.
#[test]
fn a_theme_without_the_list_link_lists_every_version() {
    let fx = Fixture::minimal();
    for label in [
        "2019.1", "2020.1", "2021.1", "2022.1", "2023.1", "2024.1", "2025.1",
    ] {
        assert!(cut(&fx, label).status.success(), "{label}");
    }
    let base =
        fs::read_to_string(common::repo_root().join("themes/default/templates/base.html")).unwrap();
    let start = base.find("{% if versions.all_url %}").unwrap();
    let end = start + base[start..].find("{% endif %}").unwrap() + "{% endif %}".len();
    let old_base = format!("{}{}", &base[..start], &base[end..]);
    assert!(!old_base.contains("all_url"));
    fx.write("themes/ancien/templates/base.html", &old_base);
    fx.write(
        "handbook.yaml",
        &format!("{}theme: ancien\n", fx.read("handbook.yaml")),
    );
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let page = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert_eq!(
        switcher_names(&page).len(),
        8,
        "{:?}",
        switcher_names(&page)
    );
}

/// With few versions each page lists them all, and the list page is linked too;
/// with none there is no list page.
#[test]
fn few_versions_are_all_listed_and_one_has_no_list() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), Tlp::Clear);
    let page = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert_eq!(switcher_names(&page), ["2026.1 (en vigueur)"]);
    assert!(!out.path().join("versions/index.html").exists());
    assert!(cut(&fx, "2025.1").status.success());
    fx.build_to(out.path(), Tlp::Clear);
    let page = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert_eq!(
        switcher_names(&page),
        ["2026.1 (en vigueur)", "2025.1", "Toutes les versions (2)"]
    );
    assert!(out.path().join("versions/index.html").is_file());
}

/// `versions/index.html` is the list page: no version may take its name.
#[test]
fn a_version_cannot_be_labelled_as_the_list_page() {
    let fx = Fixture::minimal();
    let out = cut(&fx, "Index.html");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is the name of the page listing the versions"),
        "{err}"
    );
    fx.write("versions/index.html/version.yaml", "format: 1\n");
    let report = fx.check();
    let d = common::find(&report, "`index.html` is the page listing the versions");
    assert_eq!(d.file.to_string_lossy(), "versions/index.html");
}

/// Links inside `content/` build, so a cut copies what they lead to: a frozen copy
/// without them could never build again.
#[test]
fn cut_copies_what_links_inside_content_lead_to() {
    let fx = Fixture::minimal();
    fx.write(
        "content/communs/schema.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    std::os::unix::fs::symlink(
        "../communs/schema.svg",
        fx.root().join("content/alerte/plan.svg"),
    )
    .unwrap();
    fx.write(
        "content/alerte/rancon.md",
        &(fx.read("content/alerte/rancon.md") + "\n![plan](plan.svg)\n"),
    );
    // A whole section through a link to a folder.
    std::fs::rename(
        fx.root().join("content/mobilisation"),
        fx.root().join("content/.mobilisation"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".mobilisation", fx.root().join("content/mobilisation")).unwrap();
    // Links the build never reads are left out: hidden ones (an editor's lock
    // file, dangling by design; a link to a key beside the handbook) and
    // leftovers leading out of content/.
    fx.write("signing.key", "SECRET-KEY");
    let link = |to: &str, at: &str| std::os::unix::fs::symlink(to, fx.root().join(at)).unwrap();
    link("user@host.4242:1733000000", "content/alerte/.#rancon.md");
    link("../signing.key", "content/.sig");
    link("../../signing.key", "content/alerte/notes.md~");
    link("..", "content/alerte/.up");
    assert_eq!(fx.check().errors(), 0, "{:?}", fx.check().diagnostics);
    let out = cut(&fx, "2025.1");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let frozen = fx.root().join("versions/2025.1/content");
    for left in [
        ".sig",
        "alerte/notes.md~",
        "alerte/.#rancon.md",
        "alerte/.up",
    ] {
        assert!(
            std::fs::symlink_metadata(frozen.join(left)).is_err(),
            "{left} copied"
        );
    }
    let svg = std::fs::symlink_metadata(frozen.join("alerte/plan.svg")).unwrap();
    assert!(svg.is_file(), "the link itself, or nothing, was copied");
    assert!(frozen.join("mobilisation/cellule.md").is_file());
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert!(out
        .path()
        .join("versions/2025.1/mobilisation/cellule/index.html")
        .is_file());
    assert!(out.path().join("versions/2025.1/alerte/plan.svg").is_file());
}

/// A frozen version reads as it was published: in its own language, even after
/// the handbook changed language (its `lang` and its words agree).
#[test]
fn a_frozen_version_keeps_its_language() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    let config = fx
        .read("handbook.yaml")
        .replace("language: fr", "language: en");
    fx.write("handbook.yaml", &config);
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let frozen =
        fs::read_to_string(out.path().join("versions/2025.1/alerte/rancon/index.html")).unwrap();
    assert!(frozen.contains("<html lang=\"fr\">"), "{frozen}");
    assert!(frozen.contains(">Aller au contenu</a>"), "{frozen}");
    assert!(frozen.contains("Version archivée 2025.1"), "{frozen}");
    let current = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert!(current.contains("<html lang=\"en\">"), "{current}");
    assert!(current.contains(">Skip to content</a>"), "{current}");
}

/// A hand-edited `version.yaml` is placed at the value as written, with its fix.
#[test]
fn a_bad_version_format_is_placed_with_its_fix() {
    let fx = Fixture::minimal();
    assert!(cut(&fx, "2025.1").status.success());
    let meta = "versions/2025.1/version.yaml";
    let text = fx.read(meta);
    fx.write(meta, &text.replace("format: 1", "format: \"1\""));
    let report = fx.check();
    let d = common::find(&report, "`format: \"1\"` is not a format number");
    assert_eq!(d.file.to_string_lossy(), meta);
    let line = text.lines().position(|l| l.starts_with("format:")).unwrap() + 1;
    assert_eq!((d.line, d.col, d.len), (line, 9, 3), "{d}");
    assert!(d.help.as_deref().unwrap().contains("`format: 1`"), "{d}");
}
