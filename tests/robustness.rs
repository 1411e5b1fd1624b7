//! Mangled input never panics: seeded random edits of the fixture's Markdown,
//! front matter, taxonomies and handbook.yaml either build, or fail with errors
//! that each name a file and a place, leaving nothing written. (The same idea run
//! once over the bundled handbook, 3,300 builds through the CLI, found nothing;
//! this keeps it checked on every `cargo test`.)

use std::path::Path;

use crate::common::{files, repo_root, Fixture};
use planblanc::load::Tlp;

/// xorshift64*: a fixed seed gives the same edits on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What authors and copy-paste bring: YAML and Markdown syntax, odd characters,
/// broken links, dates and numbers out of range.
const PIECES: &[&str] = &[
    "\u{feff}",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{0}",
    "\u{200b}",
    "\u{2028}",
    "é",
    "𝔘",
    "<script>",
    "{{ x }}",
    "{%",
    "---",
    "\n---\n",
    "...",
    "&",
    "<",
    "\"",
    "'",
    ": ",
    "- ",
    "  ",
    "#",
    "|",
    "`",
    "\n```\n",
    "~~~",
    "\\",
    "*",
    "_",
    "[^1]",
    "- [x] ",
    "<!--",
    "](../",
    "](/",
    "{#id}",
    "> [!NOTE]\n",
    "-1",
    "99999999999999999999",
    "null",
    "~",
    "yes",
    "2024-13-45",
    "[]",
    "{}",
    "&a",
    "*a",
    "!!str ",
    "? ",
    "|-\n",
    "[lien](absent.md)",
    "<a href=\"x.md\">",
    "![i](nope.png)",
    "\n| a | b |\n|---|\n",
];

fn boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One to three edits: insert a piece, delete a run, repeat a line, indent a line.
fn mangle(rng: &mut Rng, text: &str) -> String {
    let mut text = text.to_string();
    for _ in 0..1 + rng.below(3) {
        let at = boundary(&text, rng.below(text.len() + 1));
        match rng.below(4) {
            0 => text.insert_str(at, PIECES[rng.below(PIECES.len())]),
            1 => {
                let end = boundary(&text, (at + 1 + rng.below(40)).min(text.len()));
                text.replace_range(at..end, "");
            }
            2 | 3 => {
                let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
                let k = rng.below(lines.len());
                if rng.below(2) == 0 {
                    let line = lines[k].clone();
                    lines.insert(rng.below(lines.len() + 1), line);
                } else {
                    lines[k].insert_str(0, &" ".repeat(1 + rng.below(8)));
                }
                text = lines.join("\n");
            }
            _ => unreachable!(),
        }
    }
    text
}

fn is_source(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md" || e == "yaml")
}

#[test]
fn mangled_input_never_panics_and_every_problem_names_its_place() {
    let sources: Vec<String> = files(&repo_root().join("tests/fixtures/minimal"))
        .into_iter()
        .filter(|p| is_source(p))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(sources.len() > 10, "{sources:?}");
    let mut failed = 0;
    for seed in 1..=120u64 {
        let fx = Fixture::minimal();
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        for _ in 0..1 + rng.below(2) {
            let file = &sources[rng.below(sources.len())];
            let text = fx.read(file);
            fx.write(file, &mangle(&mut rng, &text));
        }
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("public");
        let report = fx.build_to(&site, Tlp::Red);
        let errors = report.errors();
        assert_eq!(report.written, errors == 0, "seed {seed}");
        assert_eq!(
            site.exists(),
            errors == 0,
            "seed {seed}: output despite errors"
        );
        for d in &report.diagnostics {
            let shown = d.to_string();
            assert!(
                !d.file.as_os_str().is_empty(),
                "seed {seed}: no file: {shown}"
            );
            assert!(
                d.line > 0 || d.source_line.is_empty(),
                "seed {seed}: {shown}"
            );
            // `{ kind:` as in `Error { kind: NotFound }`: a message may name the
            // front-matter field `kind:`.
            for dump in ["Error {", "Some(", "{ kind:", "\\n"] {
                assert!(
                    !d.message.contains(dump),
                    "seed {seed}: a Debug dump: {shown}"
                );
            }
        }
        failed += usize::from(errors > 0);
    }
    // The edits must reach the checks, or this test proves nothing.
    assert!(
        (60..=115).contains(&failed),
        "{failed} of 120 mangled sites failed"
    );
}

/// A pipe where a file belongs (left by a script, or a named pipe in a cloned
/// repository) is named, never read: reading it would wait forever.
#[test]
fn pipes_are_reported_not_read() {
    let mkfifo = |path: &Path| {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
    };
    let fx = Fixture::minimal();
    mkfifo(&fx.root().join("content/alerte/tube.csv"));
    mkfifo(&fx.root().join("content/alerte/tube.md"));
    let report = fx.check();
    let pipes = report
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("not a regular file"))
        .count();
    assert_eq!(pipes, 2, "{:#?}", report.diagnostics);
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    assert!(fx.cli(&["version", "cut", "2025.1"]).status.success());
    std::fs::remove_file(fx.root().join("handbook.yaml")).unwrap();
    mkfifo(&fx.root().join("handbook.yaml"));
    let report = fx.check();
    let d = crate::common::find(&report, "cannot read the site configuration");
    assert!(d.message.contains("not a regular file"), "{d:?}");
}

/// A file saved in Latin-1 (an old Windows editor) is one error at its first
/// bad byte, whatever file it is: a procedure (whose id other sheets still find,
/// so they get no "unknown id" on top), `handbook.yaml` or a taxonomy.
#[test]
fn a_latin1_file_is_one_error_at_its_first_bad_byte() {
    let fx = Fixture::minimal();
    // Writes `to` in place of `from`; returns the line where it now is.
    let latin1 = |rel: &str, from: &str, to: &[u8]| {
        let text = fx.read(rel);
        let at = text.find(from).unwrap_or_else(|| panic!("{from} in {rel}"));
        let bytes = [
            &text.as_bytes()[..at],
            to,
            &text.as_bytes()[at + from.len()..],
        ]
        .concat();
        fx.write_bytes(rel, &bytes);
        text[..at].matches('\n').count() + 1
    };
    let places = [
        (
            "content/alerte/rancon.md",
            latin1("content/alerte/rancon.md", "title: \"", b"title: \"\xc9"),
        ),
        (
            "handbook.yaml",
            latin1("handbook.yaml", "title:", b"title: \xe9"),
        ),
        (
            "content/_taxonomies/phases.yaml",
            latin1("content/_taxonomies/phases.yaml", "label:", b"label: \xe9"),
        ),
    ];
    let report = fx.check();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), places.len(), "{errors:?}");
    for (file, line) in places {
        let d = errors
            .iter()
            .find(|d| d.file.ends_with(file))
            .unwrap_or_else(|| panic!("no error in {file}: {errors:?}"));
        assert!(d.message.contains("not valid UTF-8"), "{d}");
        assert_eq!(d.line, line, "{d}");
        assert!(d.col > 1, "{d}");
    }
}

/// `content/_taxonomies` written as a file (a bad copy) says to make it a
/// folder, in words, not with the system's error number.
#[test]
fn a_taxonomy_folder_that_is_a_file_says_so() {
    let fx = Fixture::minimal();
    std::fs::remove_dir_all(fx.root().join("content/_taxonomies")).unwrap();
    fx.write("content/_taxonomies", "x");
    let report = fx.check();
    let d = crate::common::find(&report, "cannot read taxonomy");
    assert!(!d.message.contains("os error"), "{d}");
    assert!(
        d.help
            .as_deref()
            .unwrap_or_default()
            .contains("make it a folder"),
        "{d}"
    );
}
