//! Search on the bundled handbook: ≥30 French queries with their expected procedure
//! in the top 3 (run by the real query engine in Node over the built index), and
//! no restricted text in the index of a TLP:CLEAR build.

use std::process::Command;

use crate::common::{cli, files, repo_root};

#[test]
fn relevance_and_tlp_on_the_bundled_handbook() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    let o = cli(
        &repo_root(),
        &["build", "--quiet", "--out", site.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // The amber directory's canary is in content/ but must be nowhere in the output.
    let canary = "CANARI-AMBRE-7f3a";
    let source =
        std::fs::read_to_string(repo_root().join("content/annuaires/annuaire-ile-de-france.md"))
            .unwrap();
    assert!(
        source.contains(canary),
        "the canary moved: update this test"
    );
    for f in files(&site) {
        let bytes = std::fs::read(site.join(&f)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(canary),
            "canary leaked into {}",
            f.display()
        );
    }
    assert!(site.join("search/meta.js").is_file());

    let cases: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("tests/search_vectors/relevance.json")).unwrap(),
    )
    .unwrap();
    assert!(cases.len() >= 30);
    let node = Command::new("node")
        .arg(repo_root().join("tests/js/relevance.test.js"))
        .arg(&site)
        .output();
    let Ok(node) = node else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "node missing in CI"
        );
        eprintln!("SKIPPED: node is not installed; relevance not checked");
        return;
    };
    let stdout = String::from_utf8_lossy(&node.stdout);
    assert!(
        node.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&node.stderr)
    );
    assert!(
        stdout.contains(&format!("{} passed, 0 failed", cases.len())),
        "{stdout}"
    );
}
