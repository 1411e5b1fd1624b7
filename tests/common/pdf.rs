//! PDFs read back with poppler-utils (pdftotext, pdfinfo), as a reader would.

use std::path::Path;
use std::process::Command;

/// poppler-utils present; when missing the test is skipped loudly, and fails on CI.
pub fn poppler() -> bool {
    let found = Command::new("pdfinfo").arg("-v").output().is_ok()
        && Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        eprintln!(
            "\n*** SKIPPED: pdfinfo/pdftotext missing (apt-get install -y poppler-utils) ***\n"
        );
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "poppler-utils is required on CI"
        );
    }
    found
}

pub fn write_pdf(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::io::Write::write_all(&mut file, bytes).unwrap();
    file
}

pub fn text(pdf: &Path, page: Option<usize>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed");
    // Line breaks and justification spaces do not matter to these checks.
    words(&String::from_utf8_lossy(&out.stdout))
}

/// The words of `text` joined by plain spaces: no-break spaces and line breaks
/// are typesetting, not content.
pub fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
