//! `planblanc init` and `planblanc new`: what they write builds and passes
//! `check --strict` at once, and they never write over or outside anything.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::{broken_references, cli, Fixture};

fn planblanc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .args(args)
        .output()
        .expect("run planblanc")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh handbook made by `init`, in a temporary folder.
fn new_handbook() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("h");
    let out = planblanc(&["init", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, root)
}

fn assert_strict_check(root: &Path) {
    let out = cli(root, &["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("0 erreur, 0 avertissement"), "{text}");
}

/// Today as `new` sees it; a test running across midnight accepts both days.
fn today_or_yesterday() -> [String; 2] {
    let now = chrono::Local::now().date_naive();
    [now.to_string(), now.pred_opt().unwrap_or(now).to_string()]
}

#[test]
fn init_makes_a_handbook_that_passes_strict_check_and_builds() {
    let (tmp, root) = new_handbook();
    assert_strict_check(&root);
    for taxonomy in ["regions", "establishment_types", "roles", "phases"] {
        assert!(root
            .join(format!("content/_taxonomies/{taxonomy}.yaml"))
            .is_file());
    }
    let regions = fs::read_to_string(root.join("content/_taxonomies/regions.yaml")).unwrap();
    assert_eq!(regions.matches("- code: \"").count(), 18, "the 18 regions");
    let phases = fs::read_to_string(root.join("content/_taxonomies/phases.yaml")).unwrap();
    let codes: Vec<&str> = phases
        .lines()
        .filter_map(|l| l.strip_prefix("- code: "))
        .collect();
    assert_eq!(
        codes,
        [
            "preparation",
            "alerte",
            "mobilisation",
            "endiguement",
            "continuite",
            "remediation",
            "reprise",
            "retex"
        ]
    );

    let site = tmp.path().join("site");
    let out = cli(&root, &["build", "--out", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("alerte/rancon-poste/index.html").is_file());
    assert!(site
        .join("mobilisation/activer-cellule/index.html")
        .is_file());
    // The two examples link to each other.
    let page = fs::read_to_string(site.join("alerte/rancon-poste/index.html")).unwrap();
    assert!(
        page.contains("../../mobilisation/activer-cellule/index.html"),
        "{page}"
    );
    assert_eq!(broken_references(&site), Vec::<String>::new());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("h");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = planblanc(&["init", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not an empty folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "nothing written");
    assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");

    let file = tmp.path().join("a-file");
    fs::write(&file, "x").unwrap();
    assert_eq!(
        planblanc(&["init", file.to_str().unwrap()]).status.code(),
        Some(1)
    );

    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert!(planblanc(&["init", empty.to_str().unwrap()])
        .status
        .success());
}

#[test]
fn new_creates_the_next_id_with_todays_date_and_passes_check() {
    let (_tmp, root) = new_handbook();
    let out = cli(&root, &["new", "alerte/ma-fiche"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(root.join("content/alerte/ma-fiche.md")).unwrap();
    assert!(text.contains("\nid: PBN-ALE-002\n"), "{text}");
    assert!(text.contains("\nphase: alerte\n"), "{text}");
    assert!(text.contains("\nroles: [tout-personnel]\n"), "{text}");
    assert!(text.contains("\ntitle: \"Ma fiche\"\n"), "{text}");
    assert!(
        today_or_yesterday()
            .iter()
            .any(|d| text.contains(&format!("\nlast_reviewed: {d}\n"))),
        "{text}"
    );
    for heading in [
        "## Pour qui",
        "## Quand utiliser cette fiche",
        "## Étapes",
        "## Critères de sortie",
    ] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    assert_strict_check(&root);

    // After PBN-ALE-006, the next is PBN-ALE-007, whatever the gaps below it.
    let example = fs::read_to_string(root.join("content/alerte/rancon-poste.md")).unwrap();
    let six = example
        .replace("id: PBN-ALE-001", "id: PBN-ALE-006")
        .replace("next: PBN-MOB-001\n", "")
        .replace("related: [PBN-MOB-001]\n", "");
    fs::write(root.join("content/alerte/autre.md"), six).unwrap();
    let out = cli(&root, &["new", "alerte/suite.md", "--role", "rssi"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(root.join("content/alerte/suite.md")).unwrap();
    assert!(text.contains("\nid: PBN-ALE-007\n"), "{text}");
    assert!(text.contains("\nroles: [rssi]\n"), "{text}");
    assert!(stderr(&out).contains("PBN-ALE-007"), "{}", stderr(&out));
}

#[test]
fn new_in_a_new_folder_adds_its_section_and_stays_clean() {
    let (_tmp, root) = new_handbook();
    let out = cli(&root, &["new", "retex/bilan-a-chaud.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(root.join("content/retex/bilan-a-chaud.md")).unwrap();
    assert!(text.contains("\nid: PBN-RET-001\n"), "{text}");
    assert!(text.contains("\nphase: retex\n"), "{text}");
    let section = fs::read_to_string(root.join("content/retex/_index.md")).unwrap();
    assert!(
        section.contains("title: \"Sortie de crise et RETEX\""),
        "{section}"
    );

    let out = cli(
        &root,
        &["new", "fiches-roles/dpo.md", "--phase", "mobilisation"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(root.join("content/fiches-roles/dpo.md")).unwrap();
    assert!(text.contains("\nid: PBN-MOB-002\n"), "{text}");
    assert_strict_check(&root);
}

#[test]
fn new_names_the_file_as_it_will_be_addressed_and_titles_it_as_typed() {
    let (_tmp, root) = new_handbook();
    fs::create_dir(root.join("content/Fiches Existantes")).unwrap();
    let out = cli(&root, &["new", "alerte/Coupure électrique"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content/alerte/coupure-electrique.md"),
        "the summary names the file made: {}",
        stderr(&out)
    );
    let text = fs::read_to_string(root.join("content/alerte/coupure-electrique.md")).unwrap();
    assert!(text.contains("\ntitle: \"Coupure électrique\"\n"), "{text}");
    assert!(!root.join("content/alerte/Coupure électrique.md").exists());

    // A folder to be made is a slug too; one that exists keeps its name.
    let out = cli(
        &root,
        &[
            "new",
            "Retour d'Expérience/Bilan à chaud",
            "--phase",
            "retex",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root
        .join("content/retour-d-experience/bilan-a-chaud.md")
        .is_file());
    let section = fs::read_to_string(root.join("content/retour-d-experience/_index.md")).unwrap();
    assert!(
        section.contains("title: \"Retour d'Expérience\""),
        "{section}"
    );
    let out = cli(
        &root,
        &["new", "Fiches Existantes/Mémo DPO", "--phase", "alerte"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join("content/Fiches Existantes/memo-dpo.md").is_file());

    // The slug is what `new` refuses to overwrite.
    let out = cli(&root, &["new", "alerte/COUPURE Électrique"]);
    assert!(!out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("coupure-electrique.md"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_follows_the_numbering_of_the_handbook() {
    let fx = Fixture::minimal();
    let out = fx.cli(&["new", "alerte/autre.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fx
        .read("content/alerte/autre.md")
        .contains("\nid: T-ALE-002\n"));
    let out = fx.cli(&["new", "mobilisation/encore.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fx
        .read("content/mobilisation/encore.md")
        .contains("\nid: T-MOB-003\n"));
    let report = fx.check();
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    // A sheet deleted since a version was cut keeps its id there: a new sheet
    // never takes it (the changelog would call it renamed).
    assert!(fx.cli(&["version", "cut", "2025.1"]).status.success());
    fx.remove("content/mobilisation/encore.md");
    let out = fx.cli(&["new", "mobilisation/nouvelle.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fx.read("content/mobilisation/nouvelle.md")
            .contains("\nid: T-MOB-004\n"),
        "{}",
        fx.read("content/mobilisation/nouvelle.md")
    );
}

#[test]
fn new_suggests_known_phases_and_roles() {
    let (_tmp, root) = new_handbook();
    let out = cli(&root, &["new", "alerte/x.md", "--phase", "alrte"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("unknown phase `alrte`"), "{text}");
    assert!(text.contains("did you mean `alerte`?"), "{text}");
    let out = cli(&root, &["new", "alerte/x.md", "--role", "rsi"]);
    assert!(
        stderr(&out).contains("did you mean `rssi`?"),
        "{}",
        stderr(&out)
    );
    let out = cli(&root, &["new", "divers/x.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--phase"), "{}", stderr(&out));
    assert!(!root.join("content/alerte/x.md").exists());
    assert!(!root.join("content/divers").exists());
}

#[test]
fn new_never_overwrites_nor_leaves_content() {
    let (tmp, root) = new_handbook();
    let before = fs::read_to_string(root.join("content/alerte/rancon-poste.md")).unwrap();
    let out = cli(&root, &["new", "alerte/rancon-poste.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(root.join("content/alerte/rancon-poste.md")).unwrap(),
        before
    );
    for bad in [
        "../x.md",
        "alerte/../../x.md",
        "/tmp/x.md",
        "_taxonomies/x.md",
        "alerte/_index.md",
        "assets/x.md",
    ] {
        let out = cli(&root, &["new", bad, "--phase", "alerte"]);
        assert_eq!(out.status.code(), Some(1), "{bad}: {}", stderr(&out));
    }
    assert!(!root.join("x.md").exists());
    assert!(!tmp.path().join("x.md").exists());
    assert!(!root.join("content/_taxonomies/x.md").exists());
    assert_strict_check(&root);
}

/// A folder of `content/` that links elsewhere is not a way out.
#[cfg(unix)]
#[test]
fn new_never_writes_through_a_linked_folder() {
    let (_tmp, root) = new_handbook();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), root.join("content/alerte/lien")).unwrap();
    let out = cli(&root, &["new", "alerte/lien/p.md", "--phase", "alerte"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("link to outside content/"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn init_and_new_have_help() {
    for cmd in ["init", "new"] {
        let out = planblanc(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"));
    }
}
