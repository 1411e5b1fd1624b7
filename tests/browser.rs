//! Headless Chromium against `file://` builds of the bundled handbook (profile
//! picker, editions, version switcher, search, the unzipped archive copy) and an
//! accessibility audit with axe-core. The cases live in tests/browser/tests.js and
//! a11y.js, driven by playwright-core.
//!
//! Without Chromium, Node or playwright-core this test says so loudly and is
//! skipped; with CI=true it fails instead.

use std::path::Path;
use std::process::Command;

use crate::common::{self, cli, repo_root};

fn chromium() -> Option<String> {
    let candidates = [
        std::env::var("CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".into(),
    ];
    candidates
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

/// playwright-core and axe-core from the lock file; installed on demand from the npm
/// registry.
fn playwright_ready(dir: &Path) -> bool {
    if ["playwright-core", "axe-core"]
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

#[test]
fn browser_suite_over_file_urls() {
    let Some(chromium) = chromium() else {
        return skip_or_fail("chromium is not installed (apt-get install chromium)");
    };
    if Command::new("node").arg("--version").output().is_err() {
        return skip_or_fail("node is not installed");
    }
    let harness = repo_root().join("tests/browser");
    if !playwright_ready(&harness) {
        return skip_or_fail(
            "playwright-core or axe-core is not installed (npm ci in tests/browser)",
        );
    }

    // The bundled handbook with one frozen version, built and archived.
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(
        repo_root().join("handbook.yaml"),
        root.join("handbook.yaml"),
    )
    .unwrap();
    common::copy_dir(&repo_root().join("content"), &root.join("content"));
    let o = cli(&root, &["version", "cut", "2025.9"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let public = work.path().join("public");
    let o = cli(
        &root,
        &["build", "--quiet", "--out", public.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
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

    let out = Command::new("node")
        .arg(harness.join("run.js"))
        .args(&args)
        .env("CHROMIUM", chromium)
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
