//! The output folder: a failed build leaves the previous one untouched, a good one
//! replaces it whole, and nothing is written (or read through a link) outside.

use std::fs;
use std::path::Path;

use crate::common::{self, files, read_all, Fixture};
use planblanc::load::Tlp;

#[test]
fn failed_build_leaves_previous_output_untouched_and_nothing_behind() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    fx.build_to(&site, Tlp::Clear);
    let before = read_all(&site);
    fx.write("content/alerte/casse.md", "---\nid: X\n---\nsans champs\n");
    let output = fx.cli(&["build", "--out", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(read_all(&site), before);
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
}

#[test]
fn successful_rebuild_replaces_output_and_cleans_up() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    fx.build_to(&site, Tlp::Clear);
    fs::write(site.join("stale.txt"), "old").unwrap();
    fx.build_to(&site, Tlp::Clear);
    assert!(!site.join("stale.txt").exists());
    let entries: Vec<_> = fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(entries.len(), 1);
}

/// `--out public/../public` names `public`: after `public` is moved aside the
/// written path would no longer resolve, so it is resolved before the swap.
#[test]
fn an_output_path_through_dot_dot_is_replaced_whole() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    fx.build_to(&site, Tlp::Clear);
    fs::write(site.join("stale.txt"), "old").unwrap();
    let winding = out.path().join("public/../public");
    let output = fx.cli(&["build", "-q", "--out", winding.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(site.join("index.html").exists());
    assert!(!site.join("stale.txt").exists());
    let names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    // The same before the first build, when the folder does not exist yet.
    let first = out.path().join("neuf/../neuf");
    let output = fx.cli(&["build", "-q", "--out", first.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.path().join("neuf/index.html").exists());
    let mut names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["neuf", "public"].map(std::ffi::OsString::from));
}

/// planblanc run as `nobody` when the tests run as root, who reads and deletes
/// anything whatever its permissions (util-linux's `setpriv`).
#[cfg(unix)]
fn not_as_root() -> std::process::Command {
    let as_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if as_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_planblanc"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_planblanc"))
    }
}

/// A file of `content/` that cannot be read is an error at that file, in `check`
/// as in `build` (the build used to stop on "cannot write" with no place).
#[cfg(unix)]
#[test]
fn an_unreadable_attachment_is_an_error_at_its_file() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::minimal();
    fx.write("content/alerte/annuaire.csv", "nom;poste\n");
    for entry in walkdir::WalkDir::new(fx.root()).into_iter().flatten() {
        let mode = if entry.file_type().is_dir() {
            0o755
        } else {
            0o644
        };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
    }
    fs::set_permissions(
        fx.root().join("content/alerte/annuaire.csv"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    for command in ["check", "build"] {
        let output = not_as_root()
            .args([command, "--format", "short", "--root"])
            .arg(fx.root())
            .output()
            .expect("run planblanc");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains(
                "content/alerte/annuaire.csv: error: cannot read this file: Permission denied"
            ),
            "{command}: {stderr}"
        );
    }
}

/// A previous output that cannot be deleted (read-only) does not fail the build
/// that replaced it, nor block the next one. Root deletes read-only folders all
/// the same, so as root the builds run as `nobody` (util-linux's `setpriv`).
#[cfg(unix)]
#[test]
fn a_previous_output_that_cannot_be_deleted_blocks_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    for dir in [fx.root(), out.path()] {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).unwrap();
    }
    let build = || {
        let output = not_as_root()
            .args(["build", "-q", "--root"])
            .arg(fx.root())
            .arg("--out")
            .arg(&site)
            .output()
            .expect("run planblanc");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    build();
    fs::set_permissions(site.join("alerte"), fs::Permissions::from_mode(0o555)).unwrap();
    build();
    build();
    assert!(site.join("index.html").exists());
    for entry in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        if entry.file_type().is_dir() {
            let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o755));
        }
    }
}

#[cfg(unix)]
#[test]
fn symlink_leaving_the_root_is_refused() {
    let fx = Fixture::minimal();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("secret.md"),
        "---\nid: S\n---\nsecret\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        fx.root().join("content/alerte/lien.md"),
    )
    .unwrap();
    let report = fx.check();
    let d = common::find(&report, "symbolic link leads outside the content folder");
    assert!(d.is_error());
}

/// Only `content/` is published: a link to the signing key or `handbook.yaml` at
/// the root would publish them. A link inside `content/` is fine.
#[cfg(unix)]
#[test]
fn symlink_to_the_root_outside_content_is_refused() {
    let fx = Fixture::minimal();
    fx.write("planblanc.key", "untrusted comment: minisign secret key\n");
    std::os::unix::fs::symlink(
        "../../planblanc.key",
        fx.root().join("content/alerte/cle.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("schema.svg", fx.root().join("content/alerte/copie.svg")).unwrap();
    std::os::unix::fs::symlink("nowhere.png", fx.root().join("content/alerte/perdu.png")).unwrap();
    let errors = common::errors(&fx.check());
    assert_eq!(
        errors,
        [
            "content/alerte/cle.txt: error: symbolic link leads outside the content folder \
             (copy the file into `content/` instead of linking to it)",
            "content/alerte/perdu.png: error: symbolic link leads to nothing: its target does not \
             exist (remove the link, or copy the file into `content/` in its place)",
        ],
        "{errors:#?}"
    );
}

#[cfg(unix)]
#[test]
fn linked_folder_leaving_the_root_is_one_error_and_not_read() {
    let fx = Fixture::minimal();
    let outside = tempfile::tempdir().unwrap();
    for name in ["a.md", "b.md", "notes.txt"] {
        fs::write(outside.path().join(name), "---\nid: S\n---\nsecret\n").unwrap();
    }
    std::os::unix::fs::symlink(outside.path(), fx.root().join("content/alerte/dehors")).unwrap();
    let report = fx.check();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, Path::new("content/alerte/dehors"));
    assert!(errors[0]
        .message
        .contains("symbolic link leads outside the content folder"));
}

#[test]
fn output_folder_guards() {
    let fx = Fixture::minimal();
    // The site root itself, or a folder of sources, is never an output.
    for out in [".", "content", "content/x"] {
        let target = fx.root().join(out);
        let output = fx.cli(&["build", "--out", target.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{out}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("refusing"),
            "{out}"
        );
    }
    assert!(fx.root().join("content/alerte/rancon.md").exists());
    // A folder that planblanc did not create is not replaced.
    let foreign = tempfile::tempdir().unwrap();
    fs::write(foreign.path().join("thesis.docx"), "precious").unwrap();
    let output = fx.cli(&["build", "--out", foreign.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(foreign.path().join("thesis.docx").exists());
}

#[test]
fn sink_refuses_paths_outside_output() {
    use planblanc::write::safe_rel;
    for bad in ["../x", "/etc/passwd", "a/../../x", "..\\x"] {
        assert!(safe_rel(bad).is_err(), "{bad}");
    }
}

/// A bundle above TLP:CLEAR says its level in its name: it never passes for the
/// public bundle beside it, nor replaces it.
#[test]
fn a_restricted_bundle_is_named_for_its_level() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    for tlp in ["clear", "amber"] {
        let o = fx.cli(&["bundle", "--national", "-q", "--tlp", tlp, "--out", dir]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let mut names: Vec<String> = files(out.path())
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["national-tlp-amber.html", "national.html"]);
    let public = fs::read_to_string(out.path().join("national.html")).unwrap();
    assert!(public.contains("TLP:CLEAR") && !public.contains("TLP:AMBER"));
}

/// `bundle --out` replaces the bundles it wrote before, never a file of the same
/// name that someone else put there.
#[test]
fn bundle_replaces_its_own_files_only() {
    let fx = Fixture::minimal();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    for _ in 0..2 {
        let o = fx.cli(&["bundle", "--national", "-q", "--out", dir]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    fs::write(
        out.path().join("national.html"),
        "<p>le plan de mon service</p>",
    )
    .unwrap();
    let o = fx.cli(&["bundle", "--national", "-q", "--out", dir]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("planblanc did not write it"));
    assert_eq!(
        fs::read_to_string(out.path().join("national.html")).unwrap(),
        "<p>le plan de mon service</p>"
    );
}

/// Two commands writing one output at once would delete each other's files
/// (each clears a killed run's leftovers): the second is refused, and the site
/// the first wrote stays whole. So for `version cut` and `bundle`.
#[test]
fn a_second_writer_of_the_same_output_is_refused() {
    let fx = Fixture::minimal();
    let out = fx.root().join("public");
    fx.build_to(&out, Tlp::Clear);
    let before = read_all(&out);
    let out_arg = out.to_str().unwrap();

    let held = planblanc::write::Lock::beside(&out).unwrap();
    let o = fx.cli(&["build", "--out", out_arg]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{stderr}");
    assert!(
        stderr.contains("another planblanc command is writing"),
        "{stderr}"
    );
    assert!(read_all(&out) == before);
    drop(held);
    assert!(fx.cli(&["build", "--out", out_arg]).status.success());

    let held = planblanc::write::Lock::beside(&fx.root().join("versions")).unwrap();
    let o = fx.cli(&["version", "cut", "2026.1"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("another planblanc command"));
    assert!(!fx.root().join("versions/2026.1").exists());
    drop(held);

    let prints = fx.root().join("impression");
    fs::create_dir_all(&prints).unwrap();
    let _held = planblanc::write::Lock::beside(&prints).unwrap();
    let o = fx.cli(&["bundle", "--national"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("another planblanc command"));
    assert!(!prints.join("national.html").exists());
}

/// A build killed between moving the old site aside and moving the new one in
/// left no output: the next build puts the old one back before it starts, and
/// deletes the copies earlier builds could not.
#[test]
fn an_interrupted_swap_is_repaired_and_leftovers_go() {
    let fx = Fixture::minimal();
    let out = fx.root().join("public");
    fx.build_to(&out, Tlp::Clear);
    fs::rename(&out, fx.root().join(".public.planblanc-old")).unwrap();
    fs::create_dir(fx.root().join(".public.planblanc-old-4242")).unwrap();
    fs::create_dir(fx.root().join("versions")).unwrap();
    fs::create_dir(fx.root().join("versions/.2025.9.tmp")).unwrap();

    let report = fx.build_to(&out, Tlp::Clear);
    assert!(report.written);
    assert!(out.join("index.html").is_file());
    let left: Vec<String> = fs::read_dir(fx.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planblanc-old") || n.contains("planblanc-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // A cut, once it holds the lock, clears the copies killed cuts left.
    assert!(fx.cli(&["version", "cut", "2026.1"]).status.success());
    assert!(!fx.root().join("versions/.2025.9.tmp").exists());
}

/// A bundle the disk cannot hold leaves no half-written temporary file.
#[cfg(target_os = "linux")]
#[test]
fn a_bundle_on_a_full_disk_leaves_nothing_half_written() {
    let fx = Fixture::minimal();
    let out = fx.root().join("imp");
    let run = fx.cli_on_full_disk(
        8,
        &["bundle", "--national", "-q", "--out", out.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert_eq!(files(&out), Vec::<std::path::PathBuf>::new());
}
