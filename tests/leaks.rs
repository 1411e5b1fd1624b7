//! What a build must never publish: traces of pages above its TLP level, the
//! signing key, files from outside `content/`; and files a command must never
//! overwrite.

use std::fs;

use planblanc::load::Tlp;

use crate::common::{broken_references, find, read_all, Fixture};

/// Every file of a built site, as text, with its path.
fn every_text(dir: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let text = String::from_utf8_lossy(&fs::read(e.path()).unwrap()).into_owned();
            (e.path().display().to_string(), text)
        })
        .collect()
}

fn assert_absent(dir: &std::path::Path, secrets: &[&str]) {
    for (file, text) in every_text(dir) {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} leaked into {file}");
        }
    }
}

/// A clear variant of an amber national page compares no field with it: the
/// comparison table would show the amber page's title and trigger.
#[test]
fn a_variant_of_a_restricted_page_shows_none_of_its_fields() {
    let fx = Fixture::minimal();
    let national = fx
        .read("content/alerte/rancon.md")
        .replace("tlp: clear", "tlp: amber")
        .replace("Mon poste affiche une rançon", "CANARI-TITRE-AMBRE")
        .replace(
            "Un message de rançon s'affiche.",
            "CANARI-DECLENCHEUR-AMBRE",
        );
    fx.write("content/alerte/rancon.md", &national);
    let report = fx.check();
    let d = find(
        &report,
        "`variant_of` of this TLP:CLEAR page points to a TLP:AMBER page",
    );
    assert!(!d.is_error());
    assert_eq!(d.file.to_string_lossy(), "content/alerte/rancon-idf.md");

    let out = fx.root().join("out");
    let report = fx.build_to(&out, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let variant = fs::read_to_string(out.join("alerte/rancon-idf/index.html")).unwrap();
    assert!(variant.contains("fiche non diffusée à ce niveau"));
    assert!(!variant.contains("<table><caption>"), "{variant}");
    assert_absent(
        &out,
        &[
            "CANARI-TITRE-AMBRE",
            "CANARI-DECLENCHEUR-AMBRE",
            ">T-ALE-001<",
        ],
    );

    // At amber, the comparison is there.
    let amber = fx.root().join("amber");
    fx.build_to(&amber, Tlp::Amber);
    let variant = fs::read_to_string(amber.join("alerte/rancon-idf/index.html")).unwrap();
    assert!(variant.contains("CANARI-TITRE-AMBRE"), "{variant}");
}

#[test]
fn keygen_never_writes_the_secret_key_into_the_sources() {
    let fx = Fixture::minimal();
    for secret in [
        "content/annuaires/signature.key",
        "themes/x.key",
        "versions/k",
    ] {
        let out = fx.cli(&[
            "keygen",
            "--secret",
            fx.root().join(secret).to_str().unwrap(),
            "--public",
            fx.root().join("sig.pub").to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{secret}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write the secret key"));
        assert!(!fx.root().join(secret).exists(), "{secret}");
    }
    // Run from inside content/ (or with --root content): the handbook above counts.
    let inside = fx.root().join("content/alerte");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .args(["keygen", "--root", inside.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!inside.join("planblanc.key").exists());
    // A key put there by hand is an error, not a published file.
    let key = "untrusted comment: minisign encrypted secret key\nRWRTY0Iy...\n";
    fx.write("content/alerte/cle.key", key);
    let d = find(&fx.check(), "this is a minisign secret key").clone();
    assert!(d.is_error());
    assert_eq!(d.file.to_string_lossy(), "content/alerte/cle.key");
}

#[test]
fn archive_replaces_an_archive_but_no_other_file() {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml");
    let out = fx.cli(&[
        "archive",
        "--out",
        fx.root().join("handbook.yaml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("it is not an archive planblanc wrote"));
    assert_eq!(fx.read("handbook.yaml"), config);
    // A zip someone else made (a .docx is one) is not replaced either.
    let docx = fx.root().join("rapport.docx");
    {
        let mut zip = zip::ZipWriter::new(fs::File::create(&docx).unwrap());
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, b"<doc>IMPORTANT</doc>").unwrap();
        zip.finish().unwrap();
    }
    let before = fs::read(&docx).unwrap();
    let out = fx.cli(&["archive", "--out", docx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&docx).unwrap(), before);
    // Its own archive may be written again.
    let zip = fx.root().join("copie.zip");
    for _ in 0..2 {
        let out = fx.cli(&["archive", "-q", "--out", zip.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn amber_canary_never_leaks_into_clear_build() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let clear = out.path().join("clear");
    fx.build_to(&clear, Tlp::Clear);
    for (file, bytes) in read_all(&clear) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "CANARI-TEST-AMBRE-42",
            "Annuaire Île-de-France",
            "T-ANN-011",
            "annuaire-idf",
        ] {
            assert!(
                !text.contains(secret),
                "{secret} leaked into {}",
                file.display()
            );
        }
    }
    assert!(
        fs::read_to_string(clear.join("mobilisation/ehpad/index.html"))
            .unwrap()
            .contains("fiche non diffusée à ce niveau")
    );
    let amber = out.path().join("amber");
    fx.build_to(&amber, Tlp::Amber);
    let page = fs::read_to_string(amber.join("mobilisation/annuaire-idf/index.html")).unwrap();
    assert!(page.contains("CANARI-TEST-AMBRE-42"));
    assert!(page.contains("TLP:AMBER"));
}

/// A link to an unpublished page in a heading: its text is dropped as in a
/// paragraph, from the anchor, the contents and the search index too, which read
/// what the heading shows. At AMBER it is published everywhere.
#[test]
fn a_heading_link_to_an_unpublished_page_keeps_its_text_out() {
    let fx = Fixture::minimal();
    fx.append(
        "content/alerte/rancon.md",
        "## Voir [la liste CANARI-TITRE-LIEN](../mobilisation/annuaire-idf.md)\n\nTexte.",
    );
    let out = tempfile::tempdir().unwrap();
    let clear = out.path().join("clear");
    assert!(fx.build_to(&clear, Tlp::Clear).written);
    assert_absent(
        &clear,
        &["CANARI-TITRE-LIEN", "canari-titre-lien", "canari"],
    );
    let sheet = fs::read_to_string(clear.join("alerte/rancon/index.html")).unwrap();
    let shown = "Voir fiche non diffusée à ce niveau";
    assert!(
        sheet.contains(&format!(
            "<a href=\"#voir-fiche-non-diffusee-a-ce-niveau\">{shown}</a>"
        )),
        "{sheet}"
    );
    let amber = out.path().join("amber");
    assert!(fx.build_to(&amber, Tlp::Amber).written);
    let sheet = fs::read_to_string(amber.join("alerte/rancon/index.html")).unwrap();
    assert!(
        sheet.contains("<a href=\"#voir-la-liste-canari-titre-lien\">"),
        "{sheet}"
    );
}

/// A file of `content/` that only unpublished pages use stays out of the build,
/// like the pages; one a published page uses, or that nothing uses, is published.
#[test]
fn files_only_restricted_pages_use_stay_out_of_lower_builds() {
    let fx = Fixture::minimal();
    fx.write("content/mobilisation/astreinte.csv", "nom;tel\n");
    fx.write("content/mobilisation/partage.csv", "x\n");
    fx.write("content/mobilisation/libre.txt", "x\n");
    fx.write(
        "content/mobilisation/organigramme.svg",
        &fx.read("content/alerte/schema.svg"),
    );
    let amber = fx.read("content/mobilisation/annuaire-idf.md");
    fx.write("content/mobilisation/brut.csv", "x\n");
    let uses = "\n[astreinte](astreinte.csv) [partage](partage.csv) ![org](organigramme.svg)\n\n\
                <p>Aussi <a href=\"brut.csv\">en HTML</a>.</p>\n";
    fx.write(
        "content/mobilisation/annuaire-idf.md",
        &format!("{amber}{uses}"),
    );
    let cellule = fx.read("content/mobilisation/cellule.md");
    fx.write(
        "content/mobilisation/cellule.md",
        &format!("{cellule}\n[partage](partage.csv)\n"),
    );
    let out = tempfile::tempdir().unwrap();
    for (tlp, restricted_files) in [(Tlp::Clear, false), (Tlp::Amber, true)] {
        let site = out.path().join(format!("{tlp:?}"));
        fx.build_to(&site, tlp);
        let has = |rel: &str| site.join(rel).is_file();
        assert_eq!(
            has("mobilisation/astreinte.csv"),
            restricted_files,
            "{tlp:?}"
        );
        assert_eq!(
            has("mobilisation/organigramme.svg"),
            restricted_files,
            "{tlp:?}"
        );
        assert!(
            has("mobilisation/partage.csv") && has("mobilisation/libre.txt"),
            "{tlp:?}"
        );
        assert!(has("alerte/schema.svg"), "{tlp:?}");
        assert_eq!(broken_references(&site), Vec::<String>::new(), "{tlp:?}");
    }
}

/// `srcset` addresses are files like `src` ones: checked, rewritten from the
/// page's folder, and left out of builds that do not publish the page using them.
#[test]
fn srcset_files_are_rewritten_and_follow_their_page() {
    let fx = Fixture::minimal();
    let page = fx.read("content/mobilisation/annuaire-idf.md")
        + "\n<img alt=\"plan\" srcset=\"plan-ambre.png 1x, plan-ambre@2x.png 2x\">\n";
    fx.write("content/mobilisation/annuaire-idf.md", &page);
    fx.write("content/mobilisation/plan-ambre.png", "CANARI-FICHIER");
    fx.write("content/mobilisation/plan-ambre@2x.png", "CANARI-FICHIER");
    let clear = fx.root().join("clear");
    fx.build_to(&clear, Tlp::Clear);
    assert!(!clear.join("mobilisation/plan-ambre.png").exists());
    assert!(!clear.join("mobilisation/plan-ambre@2x.png").exists());
    let amber = fx.root().join("amber");
    let report = fx.build_to(&amber, Tlp::Amber);
    assert_eq!(report.errors(), 0);
    let html = fs::read_to_string(amber.join("mobilisation/annuaire-idf/index.html")).unwrap();
    assert!(
        html.contains("srcset=\"../plan-ambre.png 1x, ../plan-ambre%402x.png 2x\""),
        "{html}"
    );
    assert!(amber.join("mobilisation/plan-ambre@2x.png").exists());
    // A missing one is reported like a missing `src`.
    fx.write(
        "content/mobilisation/annuaire-idf.md",
        &page.replace("plan-ambre@2x", "absent"),
    );
    find(&fx.check(), "raw HTML: ");
}

/// A folder without `_index.md` whose procedures are all unpublished is not
/// published either: its name may say what it holds.
#[test]
fn a_folder_of_restricted_pages_only_leaves_no_trace() {
    let fx = Fixture::minimal();
    let page = fx
        .read("content/mobilisation/annuaire-idf.md")
        .replace("T-ANN-011", "T-ANN-099");
    fx.write("content/astreinte-direction-secrete/numeros.md", &page);
    // A file nothing links to, beside it: published, it would name the folder.
    fx.write(
        "content/astreinte-direction-secrete/liste.csv",
        "nom;numéro\n",
    );
    let clear = fx.root().join("clear");
    let report = fx.build_to(&clear, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert!(!clear.join("astreinte-direction-secrete").exists());
    assert_absent(
        &clear,
        &["astreinte-direction-secrete", "Astreinte-direction-secrete"],
    );
    assert_eq!(broken_references(&clear), Vec::<String>::new());
    let amber = fx.root().join("amber");
    fx.build_to(&amber, Tlp::Amber);
    assert!(amber
        .join("astreinte-direction-secrete/index.html")
        .exists());
}

/// Copies of a restricted sheet that are not `.md` (an editor's backup, another
/// tool's Markdown) start with its front matter: they are neither published nor
/// copied, and `check` says so. A YAML attachment that merely starts with `---` is
/// still a file like any other.
#[test]
fn backups_and_other_markdown_of_a_sheet_are_not_copied() {
    let fx = Fixture::minimal();
    let red = fx
        .read("content/alerte/rancon.md")
        .replace("tlp: clear", "tlp: red")
        .replace("id: T-ALE-001", "id: T-ALE-099")
        + "\nCANARI-ASTREINTE-ROUGE 06 11 22 33 44\n";
    let copies = [
        "alerte/rancon.md.bak",
        "alerte/rancon.md.orig",
        "alerte/astreinte.mdx",
        "alerte/astreinte.txt",
    ];
    for copy in copies {
        fx.write(&format!("content/{copy}"), &format!("\u{feff}{red}"));
    }
    // However YAML lets the key be written.
    let spaced = red.replace("tlp: red", "tlp : red");
    fx.write("content/alerte/astreinte.md.1", &spaced);
    fx.write(
        "content/alerte/astreinte.html",
        &red.replace("tlp: red", "\"tlp\": red"),
    );
    // Attachments that merely start like YAML front matter are files like any other.
    fx.write(
        "content/alerte/annuaire.yaml",
        "---\ntitle: Annuaire de crise\nid: 1\n",
    );
    fx.write("content/sed2026v2/plan.csv", "a;b\n");
    fx.write(
        "content/alerte/exemple.yaml",
        "---\nserveur: dpi\nport: 443\n",
    );
    // Editors' temporary files are skipped whatever they hold, as the preview's
    // watcher skips them; Emacs's lock on an unsaved buffer is a link to nothing.
    for leftover in [
        "rancon.md.tmp",
        "#notes#",
        "rancon.md.swp",
        "sedAb12Cd",
        "4913",
    ] {
        fx.write(&format!("content/alerte/{leftover}"), "CANARI-TEMPORAIRE");
    }
    fx.write("content/alerte/#rancon.md#", &red);
    let lock = fx.root().join("content/alerte/.#rancon.md");
    std::os::unix::fs::symlink("qa@host.4242:1700000000", lock).unwrap();
    let report = fx.check();
    let skipped: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.message
                .contains("starts with front matter but is not a `.md` file")
        })
        .map(|d| d.file.to_string_lossy().into_owned())
        .collect();
    assert_eq!(skipped.len(), copies.len() + 2, "{skipped:?}");
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let out = fx.root().join("out");
    let report = fx.build_to(&out, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    assert_absent(&out, &["CANARI-ASTREINTE-ROUGE", "CANARI-TEMPORAIRE"]);
    assert!(out.join("alerte/exemple.yaml").is_file());
    assert!(out.join("alerte/annuaire.yaml").is_file());
    assert!(out.join("sed2026v2/plan.csv").is_file());
}

/// A link to a copy the loader refused says so: "missing file" would send the
/// author looking for a file that is right there.
#[test]
fn a_link_to_a_refused_copy_says_it_is_not_published() {
    let fx = Fixture::minimal();
    let red = fx
        .read("content/alerte/rancon.md")
        .replace("tlp: clear", "tlp: red");
    fx.write("content/alerte/rancon.txt", &red);
    let page = fx.read("content/alerte/rancon.md") + "\nVoir [la copie](rancon.txt).\n";
    fx.write("content/alerte/rancon.md", &page);
    let report = fx.check();
    let d = find(&report, "rancon.txt");
    assert_eq!(
        d.message, "link to `rancon.txt`, a file that is not published",
        "{d:?}"
    );
    assert!(d.help.as_deref().unwrap_or("").contains(".md"), "{d:?}");
}

/// Without a `date:` in handbook.yaml the content date is the latest review, of
/// the pages this build publishes only: a restricted sheet's or a draft's review
/// date would tell that it exists, and when it was last touched.
#[test]
fn the_content_date_follows_only_published_pages() {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml").replace("date: 2026-06-01\n", "");
    fx.write("handbook.yaml", &config);
    let amber = fx
        .read("content/mobilisation/annuaire-idf.md")
        .replace("last_reviewed: 2026-04-01", "last_reviewed: 2026-05-20");
    fx.write("content/mobilisation/annuaire-idf.md", &amber);
    let draft = fx
        .read("content/mobilisation/ehpad.md")
        .replace("status: valide", "status: brouillon")
        .replace("last_reviewed: 2026-04-01", "last_reviewed: 2026-05-25");
    fx.write("content/mobilisation/ehpad.md", &draft);

    let shown = |tlp: Tlp, dir: &str| {
        let out = fx.root().join(dir);
        let report = fx.build_to(&out, tlp);
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
        let home = fs::read_to_string(out.join("index.html")).unwrap();
        let at = home.find("<time datetime=").expect("a content date");
        home[at..at + 27].to_string()
    };
    assert_eq!(shown(Tlp::Clear, "clear"), "<time datetime=\"2026-05-10\"");
    assert_eq!(shown(Tlp::Amber, "amber"), "<time datetime=\"2026-05-20\"");
}
