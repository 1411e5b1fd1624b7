//! Incremental rebuilds (the live preview's engine): after each kind of edit, the
//! output equals a clean build of the same content, byte for byte.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{files, Fixture};
use planblanc::build::{BuildOptions, Session};
use planblanc::load::Tlp;
use planblanc::model::Audience;

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap()))
        .collect()
}

fn assert_same_as_clean_build(fx: &Fixture, served: &Path) {
    let clean = tempfile::tempdir().unwrap();
    let report = fx.build_to(clean.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let (a, b) = (snapshot(served), snapshot(clean.path()));
    let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "different file sets");
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs from a clean build", path.display());
    }
}

fn session(fx: &Fixture, out: &Path) -> Session {
    let opts = BuildOptions {
        root: fx.root().to_path_buf(),
        out: Some(out.to_path_buf()),
        audience: Audience {
            tlp: Tlp::Clear,
            drafts: false,
        },
    };
    let (session, report) = Session::start(opts).unwrap();
    assert!(report.written);
    session
}

#[test]
fn edits_to_one_procedure_match_a_clean_build() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    let path = fx.root().join("content/mobilisation/cellule.md");
    // Body, title (shown by the previous sheet and listings) and a taxonomy change.
    let text = fx
        .read("content/mobilisation/cellule.md")
        .replace(
            "La cellule se réunit.",
            "La cellule se réunit en salle B12 : prévoir des badges.",
        )
        .replace(
            "title: \"Activer la cellule de crise\"",
            "title: \"Réunir la cellule de crise\"",
        )
        .replace("roles: [directeur]", "roles: [directeur, rssi]");
    fs::write(&path, text).unwrap();
    let report = s.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(
        report.written && report.errors() == 0,
        "{:?}",
        report.diagnostics
    );
    assert!(
        report.files > 0 && report.files < 40,
        "rewrote {} files",
        report.files
    );
    let prev = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    assert!(
        prev.contains("Réunir la cellule de crise"),
        "the previous sheet shows the old title"
    );
    assert_same_as_clean_build(&fx, &out);
}

#[test]
fn an_error_keeps_the_last_good_output_until_fixed() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    let before = snapshot(&out);
    let path = fx.root().join("content/alerte/rancon.md");
    let good = fx.read("content/alerte/rancon.md");
    fs::write(&path, good.replace("phase: alerte", "phase: alertte")).unwrap();
    let report = s.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(report.errors() > 0 && !report.written);
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("unknown phase `alertte`")));
    assert_eq!(snapshot(&out), before);
    fs::write(
        &path,
        good.replace("Appelez le numéro interne.", "Appelez le 5555."),
    )
    .unwrap();
    let report = s.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(report.written && report.errors() == 0);
    assert_same_as_clean_build(&fx, &out);
}

/// A published page that starts or stops using a file only a restricted page
/// used changes whether the file is published: the output follows.
#[test]
fn files_follow_the_pages_that_use_them() {
    let fx = Fixture::minimal();
    fx.write("content/mobilisation/astreinte.csv", "nom;tel\n");
    let amber = fx.read("content/mobilisation/annuaire-idf.md");
    fx.write(
        "content/mobilisation/annuaire-idf.md",
        &format!("{amber}\n[astreinte](astreinte.csv)\n"),
    );
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    assert!(!out.join("mobilisation/astreinte.csv").exists());
    let path = fx.root().join("content/mobilisation/cellule.md");
    let cellule = fx.read("content/mobilisation/cellule.md");
    fs::write(&path, format!("{cellule}\n[astreinte](astreinte.csv)\n")).unwrap();
    assert!(s.rebuild(std::slice::from_ref(&path)).unwrap().written);
    assert!(out.join("mobilisation/astreinte.csv").is_file());
    assert_same_as_clean_build(&fx, &out);
    fs::write(&path, &cellule).unwrap();
    assert!(s.rebuild(std::slice::from_ref(&path)).unwrap().written);
    assert!(!out.join("mobilisation/astreinte.csv").exists());
    assert_same_as_clean_build(&fx, &out);
}

#[test]
fn structural_changes_fall_back_to_a_full_build() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    // A new page, then an id change, then a TLP change, then a config change.
    let new = fx.root().join("content/alerte/nouvelle.md");
    let text = fx
        .read("content/mobilisation/ehpad.md")
        .replace("id: T-MOB-002", "id: T-ALE-050")
        .replace("phase: mobilisation", "phase: alerte")
        .replace("Voir l'[annuaire](annuaire-idf.md).", "Nouvelle fiche.");
    fs::write(&new, text).unwrap();
    assert!(s.rebuild(std::slice::from_ref(&new)).unwrap().written);
    assert_same_as_clean_build(&fx, &out);
    let path = fx.root().join("content/mobilisation/ehpad.md");
    fs::write(
        &path,
        fx.read("content/mobilisation/ehpad.md")
            .replace("tlp: clear", "tlp: amber"),
    )
    .unwrap();
    assert!(s.rebuild(std::slice::from_ref(&path)).unwrap().written);
    assert!(!out.join("mobilisation/ehpad/index.html").exists());
    assert_same_as_clean_build(&fx, &out);
    let cfg = fx.root().join("handbook.yaml");
    fs::write(
        &cfg,
        fx.read("handbook.yaml")
            .replace("Manuel de test", "Manuel modifié"),
    )
    .unwrap();
    assert!(s.rebuild(std::slice::from_ref(&cfg)).unwrap().written);
    assert_same_as_clean_build(&fx, &out);
}

#[test]
fn search_index_follows_edits() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    let path = fx.root().join("content/mobilisation/cellule.md");
    let mut text = fx.read("content/mobilisation/cellule.md");
    for i in 0..200 {
        text.push_str(&format!(
            "\nMot{i} hippopotame{i} rhinocéros{i} crocodile{i}.\n"
        ));
    }
    fs::write(&path, text).unwrap();
    assert!(s.rebuild(std::slice::from_ref(&path)).unwrap().written);
    assert_same_as_clean_build(&fx, &out);
    fs::write(
        &path,
        fx.read("content/mobilisation/cellule.md")
            .split("\nMot0")
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(s.rebuild(std::slice::from_ref(&path)).unwrap().written);
    assert_same_as_clean_build(&fx, &out);
}

#[test]
fn a_text_edit_leaves_listings_alone_and_a_front_matter_edit_does_not() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    let path = fx.root().join("content/mobilisation/cellule.md");
    let steps = |report: &planblanc::build::BuildReport| -> Vec<&str> {
        report.timings.iter().map(|(step, _)| *step).collect()
    };
    // The text only: listings and editions show front matter, so they stay.
    let text = fx.read("content/mobilisation/cellule.md").replace(
        "La cellule se réunit.",
        "La cellule se réunit en salle B12.",
    );
    fs::write(&path, &text).unwrap();
    let report = s.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(report.written, "{:?}", report.diagnostics);
    assert!(steps(&report).contains(&"search"), "{:?}", steps(&report));
    assert!(
        !steps(&report).contains(&"search+listings"),
        "{:?}",
        steps(&report)
    );
    assert_same_as_clean_build(&fx, &out);
    // The title shows in listings: they are rendered again.
    let retitled = text.replace(
        "title: \"Activer la cellule de crise\"",
        "title: \"Activer la cellule de crise (salle B12)\"",
    );
    assert_ne!(retitled, text);
    fs::write(&path, retitled).unwrap();
    let report = s.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(report.written, "{:?}", report.diagnostics);
    assert!(
        steps(&report).contains(&"search+listings"),
        "{:?}",
        steps(&report)
    );
    assert!(fs::read_to_string(out.join("mobilisation/index.html"))
        .unwrap()
        .contains("(salle B12)"));
    assert_same_as_clean_build(&fx, &out);
}

/// A deterministic walk of text and front-matter edits over the fixture's
/// procedures: after each one the served output equals a clean build.
#[test]
fn a_walk_of_random_edits_matches_a_clean_build_at_every_step() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    let pages = [
        "content/alerte/rancon.md",
        "content/mobilisation/cellule.md",
        "content/mobilisation/ehpad.md",
    ];
    let words = [
        "réseau",
        "sauvegarde",
        "cellule",
        "« crise »",
        "rançongiciel",
        "ARS",
        "zèbre",
        "Débranchez",
        "PACS",
        "mode dégradé",
        "l'hôpital",
        "sécurité",
        "xylophone",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for step in 0..24 {
        let rel = pages[next(pages.len())];
        let mut text = fx.read(rel);
        let phrase: Vec<&str> = (0..1 + next(6)).map(|_| words[next(words.len())]).collect();
        let phrase = phrase.join(" ");
        match next(4) {
            // A paragraph or a section added at the end.
            0 => text.push_str(&format!("\n{phrase}.\n")),
            1 => text.push_str(&format!(
                "\n## {phrase} {step}\n\nTexte {step} : {phrase} !\n"
            )),
            // The last paragraph removed (never the front matter).
            2 => {
                let body_start = text.find("\n---\n").map_or(0, |i| i + 5);
                if let Some(cut) = text.trim_end().rfind("\n\n").filter(|&c| c > body_start) {
                    text.truncate(cut + 1);
                }
            }
            // The title, which listings and linked pages show.
            _ => {
                let start = text.find("title: \"").unwrap() + "title: \"".len();
                let end = start + text[start..].find('"').unwrap();
                text.replace_range(start..end, &format!("{phrase} {step}"));
            }
        }
        let path = fx.root().join(rel);
        fs::write(&path, &text).unwrap();
        let report = s.rebuild(std::slice::from_ref(&path)).unwrap();
        assert!(report.written, "step {step}: {:?}", report.diagnostics);
        assert_same_as_clean_build(&fx, &out);
    }
}

/// A front-matter change made by a save that fails still counts: when the next
/// save fixes only the text, listings show the new title, and a role whose only
/// reflex card stopped being one loses its printed cards.
#[test]
fn a_front_matter_change_in_a_failed_pass_reaches_the_listings() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut s = session(&fx, &out);
    let rel = "content/alerte/rancon.md";
    let path = fx.root().join(rel);
    let original = fx.read(rel);
    assert!(out.join("impression/roles/tout-personnel.html").is_file());
    let renamed = original
        .replace("Mon poste affiche une rançon", "Rançon à l'écran")
        .replace("kind: fiche-reflexe", "kind: procedure");
    fs::write(&path, format!("{renamed}\n[cassé](inexistant.md)\n")).unwrap();
    let failed = s.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(failed.errors() > 0 && !failed.written);
    fs::write(&path, &renamed).unwrap();
    let report = s.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(
        report.written && report.errors() == 0,
        "{:?}",
        report.diagnostics
    );
    let listing = fs::read_to_string(out.join("alerte/index.html")).unwrap();
    assert!(
        listing.contains("Rançon à l&#39;écran") || listing.contains("Rançon à l'écran"),
        "{listing}"
    );
    assert_same_as_clean_build(&fx, &out);
}
