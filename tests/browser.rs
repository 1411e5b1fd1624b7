//! Headless Chromium against `file://` builds of the bundled handbook (profile
//! picker, editions, version switcher, search, the unzipped archive copy) and an
//! accessibility audit with axe-core. The cases live in tests/browser/tests.js and
//! a11y.js (and raw_html.js, on a small site whose raw HTML is left open),
//! driven by playwright-core. Firefox ESR, which prints no `@page`
//! margin boxes, gets its own cases (tests/browser/firefox.js, puppeteer-core).
//! The W3C Nu HTML checker (vnu-jar, run by Java) reads the same builds and
//! their print bundles: an HTML error is what one browser repairs and another
//! does not.
//!
//! Without the browser, Node or the npm packages a test says so loudly and is
//! skipped; with CI=true it fails instead.

use std::path::Path;
use std::process::Command;

use crate::common::{self, cli, repo_root};

/// The browser named by `var`, else the Debian package's.
fn browser(var: &str, debian: &str) -> Option<String> {
    [std::env::var(var).unwrap_or_default(), debian.into()]
        .into_iter()
        .find(|c| !c.is_empty() && Path::new(c).is_file())
}

fn skip_or_fail(why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("browser tests cannot run in CI: {why}");
    }
    eprintln!("\n================================================================");
    eprintln!("SKIPPED browser tests: {why}");
    eprintln!("================================================================\n");
}

/// playwright-core, puppeteer-core and axe-core from the lock file; installed on
/// demand from the npm registry.
fn packages_ready(dir: &Path) -> bool {
    if ["playwright-core", "puppeteer-core", "axe-core", "vnu-jar"]
        .iter()
        .all(|m| dir.join("node_modules").join(m).is_dir())
    {
        return true;
    }
    Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--silent"])
        .current_dir(dir)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The harness folder when Node and its packages are there; else skipped (or
/// failed on CI) with the reason.
fn harness() -> Option<std::path::PathBuf> {
    if Command::new("node").arg("--version").output().is_err() {
        skip_or_fail("node is not installed");
        return None;
    }
    let harness = repo_root().join("tests/browser");
    if !packages_ready(&harness) {
        skip_or_fail("the npm packages are not installed (npm ci in tests/browser)");
        return None;
    }
    Some(harness)
}

/// The bundled handbook with one frozen version, built into `work/public`.
fn built_handbook(work: &Path) -> std::path::PathBuf {
    let root = work.join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(
        repo_root().join("handbook.yaml"),
        root.join("handbook.yaml"),
    )
    .unwrap();
    common::copy_dir(&repo_root().join("content"), &root.join("content"));
    let o = cli(&root, &["version", "cut", "2025.9"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    build_into(&root, work.join("public"))
}

/// `planblanc build` of `root` into `public`, which it returns.
fn build_into(root: &Path, public: std::path::PathBuf) -> std::path::PathBuf {
    let o = cli(
        root,
        &["build", "--quiet", "--out", public.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    public
}

/// A copy of `root` with `language: en` and `content_language: fr`, built in `work`.
fn english_interface(root: &Path, work: &Path) -> std::path::PathBuf {
    let copy = work.join("site-en");
    common::copy_dir(root, &copy);
    let config = std::fs::read_to_string(copy.join("handbook.yaml")).unwrap();
    let config = config.replace("language: fr", "language: en\ncontent_language: fr");
    std::fs::write(copy.join("handbook.yaml"), config).unwrap();
    build_into(&copy, work.join("public-en"))
}

/// The minimal fixture with a procedure that leaves raw formatting open and
/// has an ordinal in its title, built in `work`.
fn raw_html_site(work: &Path) -> std::path::PathBuf {
    let root = work.join("site-raw");
    common::copy_dir(&repo_root().join("tests/fixtures/minimal"), &root);
    let page = root.join("content/alerte/rancon.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let open = "Texte <b>gras, <a href=\"https://example.org/\">lien\n\n<em>penché\n\n- un\n";
    // A title with an ordinal, which the bundled handbook has none of.
    let text = text.replace(
        "title: \"Mon poste affiche une rançon\"",
        "title: \"Rançon au 2e étage\"",
    );
    std::fs::write(&page, format!("{text}\n{open}")).unwrap();
    build_into(&root, work.join("public-raw"))
}

/// Runs `script` in Node with `args` and `envs`; fails on any failed case.
fn run_cases(script: &Path, args: &[String], envs: &[(&str, &Path)]) {
    let out = Command::new("node")
        .arg(script)
        .args(args)
        .envs(envs.iter().copied())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "browser tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[test]
fn browser_suite_over_file_urls() {
    let Some(chromium) = browser("CHROMIUM", "/usr/bin/chromium") else {
        return skip_or_fail("chromium is not installed (apt-get install chromium)");
    };
    let Some(harness) = harness() else {
        return;
    };
    // The bundled handbook with one frozen version, built and archived.
    let work = tempfile::tempdir().unwrap();
    let public = built_handbook(work.path());
    let root = work.path().join("site");
    let zip = work.path().join("copy.zip");
    let o = cli(
        &root,
        &["archive", "--quiet", "--out", zip.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let unzipped = work.path().join("unzipped");
    let mut args = vec![public.to_str().unwrap().to_string()];
    if Command::new("unzip")
        .args([
            "-q",
            zip.to_str().unwrap(),
            "-d",
            unzipped.to_str().unwrap(),
        ])
        .status()
        .is_ok_and(|s| s.success())
    {
        let top = std::fs::read_dir(&unzipped)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        args.push(top.to_str().unwrap().to_string());
    } else {
        skip_or_fail("unzip is not installed: the archive copy case is skipped");
    }

    // The same handbook with an English interface over its French procedures.
    let english = english_interface(&root, work.path());
    let raw = raw_html_site(work.path());
    run_cases(
        &harness.join("run.js"),
        &args,
        &[
            ("CHROMIUM", Path::new(&chromium)),
            ("PB_ENGLISH_SITE", &english),
            ("PB_RAW_SITE", &raw),
        ],
    );
}

#[test]
fn firefox_over_file_urls() {
    let Some(firefox) = browser("FIREFOX", "/usr/bin/firefox-esr") else {
        return skip_or_fail("firefox-esr is not installed (apt-get install firefox-esr)");
    };
    let Some(harness) = harness() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let public = built_handbook(work.path());
    let args = [public.to_str().unwrap().to_string()];
    run_cases(
        &harness.join("firefox.js"),
        &args,
        &[("FIREFOX", Path::new(&firefox))],
    );
}

/// The bundled handbook (a frozen version, French and English interfaces) and
/// every print bundle, TLP:RED included, are valid HTML: the Nu checker reports
/// no error (its notes, such as a raw `<img … />`'s slash, are not errors).
#[test]
fn html_passes_the_nu_checker() {
    if Command::new("java").arg("-version").output().is_err() {
        return skip_or_fail("java is not installed (apt-get install default-jre-headless)");
    }
    let Some(harness) = harness() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let public = built_handbook(work.path());
    let root = work.path().join("site");
    let english = english_interface(&root, work.path());
    let bundles = work.path().join("bundles");
    let o = cli(
        &root,
        &[
            "bundle",
            "--all",
            "--tlp",
            "red",
            "--quiet",
            "--out",
            bundles.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let jar = harness.join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .args([&public, &english, &bundles])
        .output()
        .expect("run the Nu checker");
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && report.trim().is_empty(), "{report}");
    let checked = common::files(&public).len() + common::files(&bundles).len();
    assert!(checked > 300, "only {checked} files built");
}
