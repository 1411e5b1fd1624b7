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

/// A word pdftotext finds on a page, and its box (points, y downwards).
pub struct Word {
    /// From 1.
    pub page: usize,
    pub text: String,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

/// Each word pdftotext finds on the PDF's pages, in reading order.
pub fn word_boxes(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let pages = html.split("<page ").skip(1).enumerate();
    pages
        .flat_map(|(i, page)| page.split("<word ").skip(1).map(move |w| (i + 1, w)))
        .map(|(page, w)| {
            let (tag, rest) = w.split_once('>').unwrap();
            // Break opportunities are part of the text; not of the word.
            let text = rest
                .split("</word>")
                .next()
                .unwrap()
                .replace(['\u{200B}', '\u{2060}'], "");
            Word {
                page,
                text,
                x_min: attr(tag, "xMin"),
                x_max: attr(tag, "xMax"),
                y_min: attr(tag, "yMin"),
                y_max: attr(tag, "yMax"),
            }
        })
        .collect()
}

/// How far down ink reaches in the left and right `share` of `word`, in pixels
/// at 300 dpi from the box's top: letters set on the line reach its baseline,
/// raised ones stop above it.
pub fn ink_bottoms(pdf: &Path, word: &Word, share: f64) -> (usize, usize) {
    let px = |pt: f64| (pt * 300.0 / 72.0).round() as usize;
    let (x, y) = (px(word.x_min), px(word.y_min));
    let (w, h) = (px(word.x_max) - x, px(word.y_max) - y);
    let page = word.page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-f", &page, "-l", &page])
        .args(["-x", &x.to_string(), "-y", &y.to_string()])
        .args(["-W", &w.to_string(), "-H", &h.to_string()])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm failed");
    // Binary PGM: `P5`, width, height, maxval, one byte per pixel.
    let header: Vec<&[u8]> = out.stdout.splitn(5, |b| b.is_ascii_whitespace()).collect();
    let number = |i: usize| {
        std::str::from_utf8(header[i])
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    let (width, height, pixels) = (number(1), number(2), header[4]);
    let side = (width as f64 * share) as usize;
    let bottom = |columns: std::ops::Range<usize>| {
        (0..height)
            .rev()
            .find(|row| columns.clone().any(|col| pixels[row * width + col] < 128))
            .unwrap_or_else(|| panic!("no ink in {columns:?} of {}", word.text))
    };
    (bottom(0..side), bottom(width - side..width))
}
