//! Integration tests of the offline archive: write, verify, tamper, interoperate.
//!
//! The interoperability tests run the standard tools (`unzip`, `sha256sum`,
//! `minisign`; Debian packages `unzip`, `coreutils`, `minisign`). When one is
//! missing they print `SKIPPED: <tool> not installed` and pass, except with
//! `CI=true`, where they fail.

use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use planblanc::archive::{
    keygen, verify, write_archive, AboutInfo, ArchiveError, ArchiveOptions, CopyKind,
    SignatureStatus, VerifyReport,
};
use tempfile::TempDir;
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

const TOP: &str = "plan-blanc-numerique-2026.1";
const TRUSTED: &str =
    "planblanc handbook:\"Plan blanc numérique\" edition:2026.1 date:2026-11-02 tlp:AMBER";

// ---------------------------------------------------------------- fixtures

/// A small built site: pages, assets, a non-ASCII name, an empty file and an
/// empty folder.
fn make_site(root: &Path) -> PathBuf {
    let site = root.join("site");
    let files: [(&str, &[u8]); 6] = [
        ("index.html", b"<h1>Plan blanc</h1><p>Ouvrez index.html</p>"),
        (
            "contacts.html",
            b"<p>CERT Sant\xc3\xa9 : 09 00 00 00 00</p>",
        ),
        ("assets/app.css", b"body{margin:0}"),
        ("assets/logo.bin", &[0, 1, 2, 3, 255, 254]),
        (
            "fiches/\u{e9}-crise.html",
            "<p>Fiche réflexe</p>".as_bytes(),
        ),
        ("fiches/vide.txt", b""),
    ];
    for (name, bytes) in files {
        let path = site.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    fs::create_dir_all(site.join("dossier-vide")).unwrap();
    site
}

fn about() -> AboutInfo {
    AboutInfo {
        title: "Plan blanc numérique".into(),
        edition: "2026.1".into(),
        content_date: "2026-11-02".into(),
        tlp: "TLP:AMBER".into(),
        language: "fr".into(),
        pubkey_source: Some("intranet DSI".into()),
    }
}

fn options(site: &Path, out: &Path, key: Option<&Path>) -> ArchiveOptions {
    ArchiveOptions {
        site_dir: site.to_path_buf(),
        top_folder: TOP.into(),
        out_file: out.to_path_buf(),
        secret_key: key.map(Path::to_path_buf),
        password: None,
        about: about(),
    }
}

pub(crate) struct Keys {
    secret: PathBuf,
    pub(crate) public: PathBuf,
}

fn make_keys(dir: &Path, name: &str) -> Keys {
    let keys = Keys {
        secret: dir.join(format!("{name}.key")),
        public: dir.join(format!("{name}.pub")),
    };
    keygen(&keys.secret, &keys.public, None, false).unwrap();
    keys
}

/// A temp dir with a key pair and a signed archive of a small site.
pub(crate) struct Fixture {
    pub(crate) dir: TempDir,
    pub(crate) keys: Keys,
    pub(crate) zip: PathBuf,
}

pub(crate) fn signed_fixture() -> Fixture {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let keys = make_keys(dir.path(), "cle");
    let zip = dir.path().join("copie.zip");
    write_archive(&options(&site, &zip, Some(&keys.secret))).unwrap();
    Fixture { dir, keys, zip }
}

/// Unpacks with the zip crate (the interop tests use `unzip`).
fn unpack(zip: &Path, into: &Path) -> PathBuf {
    let mut archive = ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    archive.extract(into).unwrap();
    into.join(TOP)
}

/// Entries of a zip, in order: (name, content), folders with empty content.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

/// Writes a zip from (name, content); names ending in `/` become folders.
fn write_entries(zip: &Path, entries: &[(String, Vec<u8>)]) {
    let mut writer = ZipWriter::new(fs::File::create(zip).unwrap());
    for (name, bytes) in entries {
        if name.ends_with('/') {
            writer
                .add_directory(name.as_str(), SimpleFileOptions::default())
                .unwrap();
        } else {
            writer
                .start_file(name.as_str(), SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
    }
    writer.finish().unwrap();
}

fn flip_first_byte(bytes: &mut Vec<u8>) {
    match bytes.first_mut() {
        Some(first) => *first ^= 0x01,
        None => bytes.push(b'x'),
    }
}

fn files_of(entries: &[(String, Vec<u8>)]) -> Vec<String> {
    entries
        .iter()
        .filter(|(name, _)| !name.ends_with('/'))
        .map(|(name, _)| name.clone())
        .collect()
}

pub(crate) fn assert_refused(report: &VerifyReport, needle: &str) {
    assert!(!report.ok(), "{report}");
    assert!(
        report.refused.iter().any(|reason| reason.contains(needle)),
        "expected a refusal mentioning {needle:?}:\n{report}"
    );
    assert!(report.to_string().contains("REFUSÉE (REFUSED)"), "{report}");
}

// ---------------------------------------------------------------- writing

#[test]
fn zip_has_one_top_folder_with_site_sums_signature_and_about_page() {
    let fx = signed_fixture();
    let names: Vec<String> = entries(&fx.zip).into_iter().map(|(n, _)| n).collect();
    let expected = [
        "plan-blanc-numerique-2026.1/",
        "plan-blanc-numerique-2026.1/SHA256SUMS",
        "plan-blanc-numerique-2026.1/SHA256SUMS.minisig",
        "plan-blanc-numerique-2026.1/a-propos-de-cette-copie.html",
        "plan-blanc-numerique-2026.1/assets/",
        "plan-blanc-numerique-2026.1/assets/app.css",
        "plan-blanc-numerique-2026.1/assets/logo.bin",
        "plan-blanc-numerique-2026.1/contacts.html",
        "plan-blanc-numerique-2026.1/dossier-vide/",
        "plan-blanc-numerique-2026.1/fiches/",
        "plan-blanc-numerique-2026.1/fiches/vide.txt",
        "plan-blanc-numerique-2026.1/fiches/\u{e9}-crise.html",
        "plan-blanc-numerique-2026.1/index.html",
    ];
    assert_eq!(names, expected);
}

#[test]
fn sha256sums_lists_every_other_file_sorted_in_sha256sum_format() {
    let fx = signed_fixture();
    let all = entries(&fx.zip);
    let sums = &all
        .iter()
        .find(|(n, _)| n.ends_with("/SHA256SUMS"))
        .unwrap()
        .1;
    let text = std::str::from_utf8(sums).unwrap();
    let paths: Vec<&str> = text.lines().map(|l| &l[66..]).collect();
    assert_eq!(
        paths,
        [
            "a-propos-de-cette-copie.html",
            "assets/app.css",
            "assets/logo.bin",
            "contacts.html",
            "fiches/vide.txt",
            "fiches/\u{e9}-crise.html",
            "index.html",
        ]
    );
    for line in text.lines() {
        let (hex, rest) = line.split_at(64);
        assert!(hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert!(rest.starts_with("  "));
    }
    assert!(text.ends_with('\n'));
    // The empty file has the well-known empty SHA-256.
    assert!(text.contains(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  fiches/vide.txt\n"
    ));
}

#[test]
fn about_page_states_edition_date_tlp_count_and_how_to_verify() {
    let fx = signed_fixture();
    let all = entries(&fx.zip);
    let page = &all
        .iter()
        .find(|(n, _)| n.ends_with("/a-propos-de-cette-copie.html"))
        .unwrap()
        .1;
    let html = std::str::from_utf8(page).unwrap();
    for needle in [
        "<html lang=\"fr\">",
        "À propos de cette copie",
        "href=\"index.html\"",
        "2026.1",
        "2 novembre 2026",
        "TLP:AMBER",
        "7 fichiers",
        "planblanc verify plan-blanc-numerique-2026.1 --pubkey cle.pub",
        "sha256sum -c SHA256SUMS",
        "minisign -Vm SHA256SUMS -p cle.pub",
        "intranet DSI",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn report_describes_what_was_written() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let keys = make_keys(dir.path(), "cle");
    let zip = dir.path().join("copie.zip");
    let report = write_archive(&ArchiveOptions {
        top_folder: "Plan blanc numérique 2026.1".into(),
        ..options(&site, &zip, Some(&keys.secret))
    })
    .unwrap();
    assert_eq!(report.top_folder, "Plan-blanc-numerique-2026.1");
    assert_eq!(report.files, 7);
    assert_eq!(report.bytes, fs::metadata(&zip).unwrap().len());
    assert_eq!(report.archive_sha256.len(), 64);
    assert_eq!(report.trusted_comment.as_deref(), Some(TRUSTED));
    assert_eq!(report.key_id.as_ref().map(String::len), Some(16));
}

#[test]
fn same_input_gives_byte_identical_zip() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let (a, b) = (dir.path().join("a.zip"), dir.path().join("b.zip"));
    write_archive(&options(&site, &a, None)).unwrap();
    // Touch every file: modification times must not leak into the zip.
    let index = site.join("index.html");
    fs::write(&index, fs::read(&index).unwrap()).unwrap();
    write_archive(&options(&site, &b, None)).unwrap();
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
}

#[test]
fn signed_zips_are_byte_identical_too() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let keys = make_keys(dir.path(), "cle");
    let (a, b) = (dir.path().join("a.zip"), dir.path().join("b.zip"));
    write_archive(&options(&site, &a, Some(&keys.secret))).unwrap();
    write_archive(&options(&site, &b, Some(&keys.secret))).unwrap();
    let signature = entries(&a)
        .into_iter()
        .find(|(name, _)| name.ends_with(".minisig"))
        .expect("a signed archive holds SHA256SUMS.minisig");
    assert!(signature.1.starts_with(b"untrusted comment: "));
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
    assert!(verify(&a, Some(&keys.public)).unwrap().ok());
}

#[test]
fn zip_entries_have_fixed_time_and_permissions() {
    let fx = signed_fixture();
    let mut archive = ZipArchive::new(fs::File::open(&fx.zip).unwrap()).unwrap();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        let time = entry.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (2000, 1, 1));
        assert_eq!((time.hour(), time.minute(), time.second()), (0, 0, 0));
        let mode = entry.unix_mode().unwrap() & 0o777;
        let expected = if entry.is_dir() { 0o755 } else { 0o644 };
        assert_eq!(mode, expected, "{}", entry.name());
    }
}

#[test]
fn site_with_a_symlink_is_refused_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    std::os::unix::fs::symlink("/etc/passwd", site.join("assets/lien")).unwrap();
    let zip = dir.path().join("copie.zip");
    let err = write_archive(&options(&site, &zip, None)).unwrap_err();
    assert!(matches!(err, ArchiveError::Symlink { .. }), "{err}");
    assert!(err.to_string().contains("lien"), "{err}");
    assert!(!zip.exists());
}

#[test]
fn site_problems_are_refused_with_clear_errors() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let zip = dir.path().join("copie.zip");

    fs::write(site.join("SHA256SUMS"), "x").unwrap();
    let err = write_archive(&options(&site, &zip, None)).unwrap_err();
    assert!(matches!(err, ArchiveError::ReservedName { .. }), "{err}");
    fs::remove_file(site.join("SHA256SUMS")).unwrap();

    fs::write(site.join("a\\b.html"), "x").unwrap();
    let err = write_archive(&options(&site, &zip, None)).unwrap_err();
    assert!(matches!(err, ArchiveError::BadFileName { .. }), "{err}");
    fs::remove_file(site.join("a\\b.html")).unwrap();

    fs::write(site.join("a\nb.html"), "x").unwrap();
    let err = write_archive(&options(&site, &zip, None)).unwrap_err();
    assert!(err.to_string().contains("saut de ligne"), "{err}");
    fs::remove_file(site.join("a\nb.html")).unwrap();

    let inside = site.join("copie.zip");
    let err = write_archive(&options(&site, &inside, None)).unwrap_err();
    assert!(
        matches!(err, ArchiveError::OutputInsideSite { .. }),
        "{err}"
    );

    let bad_date = ArchiveOptions {
        about: AboutInfo {
            content_date: "2026-13-01".into(),
            ..about()
        },
        ..options(&site, &zip, None)
    };
    assert!(matches!(
        write_archive(&bad_date).unwrap_err(),
        ArchiveError::BadAbout { .. }
    ));

    let bad_top = ArchiveOptions {
        top_folder: "../..".into(),
        ..options(&site, &zip, None)
    };
    assert!(matches!(
        write_archive(&bad_top).unwrap_err(),
        ArchiveError::BadTopFolder { .. }
    ));

    fs::remove_file(site.join("index.html")).unwrap();
    let err = write_archive(&options(&site, &zip, None)).unwrap_err();
    assert!(matches!(err, ArchiveError::NotASite { .. }), "{err}");
    assert!(!zip.exists());
}

#[test]
fn failed_write_leaves_no_partial_or_temporary_file() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    // The target is a non-empty folder: the final rename must fail.
    let target = out_dir.join("copie.zip");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("garde"), "x").unwrap();
    assert!(write_archive(&options(&site, &target, None)).is_err());
    let left: Vec<_> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["copie.zip"], "temporary file left behind");
}

#[test]
fn existing_archive_is_replaced_whole() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let zip = dir.path().join("copie.zip");
    fs::write(&zip, "ancienne version").unwrap();
    write_archive(&options(&site, &zip, None)).unwrap();
    assert!(verify(&zip, None).unwrap().ok());
}

// ---------------------------------------------------------------- verifying

#[test]
fn signed_archive_verifies_as_zip_folder_and_parent_folder() {
    let fx = signed_fixture();
    let zip_report = verify(&fx.zip, Some(&fx.keys.public)).unwrap();
    assert!(zip_report.authenticated(), "{zip_report}");
    assert_eq!(zip_report.kind, CopyKind::Zip);
    assert_eq!(zip_report.listed, 7);
    assert_eq!(zip_report.top_folder.as_deref(), Some(TOP));
    match &zip_report.signature {
        SignatureStatus::Valid {
            trusted_comment, ..
        } => assert_eq!(trusted_comment, TRUSTED),
        other => panic!("{other:?}"),
    }
    assert!(zip_report
        .to_string()
        .contains("COPIE CONFORME ET AUTHENTIQUE"));

    let parent = fx.dir.path().join("unpacked");
    let top = unpack(&fx.zip, &parent);
    for path in [&top, &parent] {
        let report = verify(path, Some(&fx.keys.public)).unwrap();
        assert!(report.authenticated(), "{report}");
        assert_eq!(report.kind, CopyKind::Folder);
        assert_eq!(report.top_folder.as_deref(), Some(TOP));
    }
    // `verify .` from inside the copy names its folder too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .args(["verify", "."])
        .current_dir(&top)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("Dossier principal : {TOP}")),
        "{said}"
    );
}

#[test]
fn signature_without_pubkey_is_reported_not_checked() {
    let fx = signed_fixture();
    let report = verify(&fx.zip, None).unwrap();
    assert!(report.ok(), "{report}");
    assert!(!report.authenticated());
    assert!(matches!(
        report.signature,
        SignatureStatus::NotChecked { key_id: Some(_) }
    ));
    assert!(report.to_string().contains("non vérifiée"), "{report}");
}

#[test]
fn wrong_public_key_fails() {
    let fx = signed_fixture();
    let other = make_keys(fx.dir.path(), "autre");
    let report = verify(&fx.zip, Some(&other.public)).unwrap();
    assert!(!report.ok(), "{report}");
    assert!(matches!(report.signature, SignatureStatus::Bad { .. }));
    assert!(report.to_string().contains("INVALIDE"), "{report}");
}

#[test]
fn missing_signature_with_pubkey_fails_and_without_pubkey_passes() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let keys = make_keys(dir.path(), "cle");
    let zip = dir.path().join("copie.zip");
    write_archive(&options(&site, &zip, None)).unwrap();
    let report = verify(&zip, Some(&keys.public)).unwrap();
    assert!(!report.ok(), "{report}");
    assert_eq!(
        report.signature,
        SignatureStatus::Missing { expected: true }
    );
    assert!(report.to_string().contains("ABSENTE"), "{report}");
    let unsigned = verify(&zip, None).unwrap();
    assert!(unsigned.ok(), "{unsigned}");
    assert_eq!(
        unsigned.signature,
        SignatureStatus::Missing { expected: false }
    );
}

#[test]
fn malformed_public_key_is_an_error() {
    let fx = signed_fixture();
    let bad = fx.dir.path().join("bad.pub");
    fs::write(&bad, "untrusted comment: x\nnot a key\n").unwrap();
    let err = verify(&fx.zip, Some(&bad)).unwrap_err();
    assert!(matches!(err, ArchiveError::Key { .. }), "{err}");
    // A secret key given as public key must not be accepted either.
    assert!(verify(&fx.zip, Some(&fx.keys.secret)).is_err());
}

#[test]
fn tampered_unpacked_folder_is_detected() {
    let fx = signed_fixture();
    let pristine = unpack(&fx.zip, &fx.dir.path().join("pristine"));
    let listed: Vec<String> = fs::read_to_string(pristine.join("SHA256SUMS"))
        .unwrap()
        .lines()
        .map(|l| l[66..].to_string())
        .collect();
    for (n, relative) in listed.iter().enumerate() {
        let top = unpack(&fx.zip, &fx.dir.path().join(format!("flip{n}")));
        let path = top.join(relative);
        let mut bytes = fs::read(&path).unwrap();
        flip_first_byte(&mut bytes);
        fs::write(&path, bytes).unwrap();
        let report = verify(&top, None).unwrap();
        assert_eq!(report.modified, [relative.as_str()], "{report}");
        assert!(!report.ok());
    }

    let top = unpack(&fx.zip, &fx.dir.path().join("deleted"));
    fs::remove_file(top.join("contacts.html")).unwrap();
    let report = verify(&top, Some(&fx.keys.public)).unwrap();
    assert_eq!(report.missing, ["contacts.html"], "{report}");
    assert!(!report.ok());

    let top = unpack(&fx.zip, &fx.dir.path().join("added"));
    fs::write(top.join("assets/cert-urgence.html"), "06 66 66 66 66").unwrap();
    let report = verify(&top, Some(&fx.keys.public)).unwrap();
    assert_eq!(report.extra, ["assets/cert-urgence.html"], "{report}");
    assert!(!report.ok());
    assert!(
        report
            .to_string()
            .contains("Fichiers en trop, absents de SHA256SUMS (1)"),
        "{report}"
    );
}

#[test]
fn files_windows_and_macos_add_are_listed_not_failed() {
    let fx = signed_fixture();
    // An unpacked copy opened on a Mac and a Windows laptop, and on a FAT stick.
    let top = unpack(&fx.zip, &fx.dir.path().join("os"));
    // Each as its system writes it: checked by its first bytes, not its name only.
    let ds_store: &[u8] = b"\0\0\0\x01Bud1\0\0\x10\0";
    let thumbs: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let ini: &[u8] = b"[.ShellClassInfo]\r\nIconResource=planblanc.ico,0\r\n";
    for (added, bytes) in [
        (".DS_Store", ds_store),
        ("Thumbs.db", thumbs),
        ("assets/desktop.ini", ini),
    ] {
        fs::write(top.join(added), bytes).unwrap();
    }
    // macOS's AppleDouble file beside a file it describes, on a FAT stick.
    fs::write(top.join("assets/._app.css"), b"\x00\x05\x16\x07\x00\x02").unwrap();
    let report = verify(&top, Some(&fx.keys.public)).unwrap();
    assert!(report.authenticated(), "{report}");
    assert!(report.extra.is_empty(), "{report}");
    assert_eq!(
        report.ignored,
        [
            ".DS_Store",
            "Thumbs.db",
            "assets/._app.css",
            "assets/desktop.ini"
        ],
        "{report}"
    );
    assert!(
        report
            .to_string()
            .contains("Fichiers ajoutés par Windows ou macOS, ignorés (4)"),
        "{report}"
    );
    // A page named like one is still an extra file, and so is anything in a
    // system folder that is not at the top of the copy.
    fs::write(top.join("assets/._numeros.html"), "<p>06 66 66 66 66</p>").unwrap();
    fs::write(top.join("assets/.DS_Store"), "<script>alert(1)</script>").unwrap();
    fs::create_dir_all(top.join("assets/__MACOSX")).unwrap();
    fs::write(top.join("assets/__MACOSX/faux.html"), "<p>faux</p>").unwrap();
    let report = verify(&top, Some(&fx.keys.public)).unwrap();
    assert!(!report.ok(), "{report}");
    assert_eq!(
        report.extra,
        [
            "assets/.DS_Store",
            "assets/._numeros.html",
            "assets/__MACOSX/faux.html"
        ],
        "{report}"
    );

    // The same copy zipped again by macOS's Finder: `__MACOSX/` beside the folder.
    let mut mac = entries(&fx.zip);
    mac.push((
        format!("__MACOSX/{TOP}/._index.html"),
        b"\0\x05\x16\x07".to_vec(),
    ));
    mac.push(("__MACOSX/".into(), Vec::new()));
    mac.push((format!("{TOP}/.DS_Store"), b"\0\0\0\x01Bud1".to_vec()));
    let zip = fx.dir.path().join("finder.zip");
    write_entries(&zip, &mac);
    let report = verify(&zip, Some(&fx.keys.public)).unwrap();
    assert!(report.authenticated(), "{report}");
    assert_eq!(
        report.ignored,
        [
            format!("__MACOSX/{TOP}/._index.html"),
            ".DS_Store".to_string()
        ],
        "{report}"
    );
    // A page in `__MACOSX/`, or in a system folder of the copy, is not waved through.
    let mut evil = mac.clone();
    evil.push((
        "__MACOSX/evil.html".into(),
        b"<script>alert(1)</script>".to_vec(),
    ));
    write_entries(&zip, &evil);
    assert!(!verify(&zip, Some(&fx.keys.public)).unwrap().ok());
    let mut evil = mac.clone();
    evil.push((
        format!("{TOP}/.Trashes/evil.html"),
        b"<script>alert(1)</script>".to_vec(),
    ));
    write_entries(&zip, &evil);
    let report = verify(&zip, Some(&fx.keys.public)).unwrap();
    assert_eq!(report.extra, [".Trashes/evil.html"], "{report}");
    // Nor is a program in any of them: a trash holds whatever was thrown away,
    // while the records systems keep there are waved through.
    let mut thrown = mac.clone();
    for (name, bytes) in [
        ("FOUND.000/URGENT-LIRE.hta", "<hta:application>"),
        ("FOUND.000/FILE0000.CHK", "fragment"),
        (".Trash-1000/files/Procedure-urgence.pdf.exe", "MZ"),
        (
            ".Trash-1000/info/Procedure-urgence.pdf.exe.trashinfo",
            "[Trash Info]",
        ),
        ("$RECYCLE.BIN/S-1-5-21/$RABC123.url", "[InternetShortcut]"),
        ("System Volume Information/IndexerVolumeGuid", "{guid}"),
    ] {
        thrown.push((format!("{TOP}/{name}"), bytes.as_bytes().to_vec()));
    }
    write_entries(&zip, &thrown);
    let report = verify(&zip, Some(&fx.keys.public)).unwrap();
    assert_eq!(
        report.extra,
        [
            "$RECYCLE.BIN/S-1-5-21/$RABC123.url",
            ".Trash-1000/files/Procedure-urgence.pdf.exe",
            "FOUND.000/URGENT-LIRE.hta"
        ],
        "{report}"
    );
    assert_eq!(report.ignored.len(), 5, "{report}");
    // Beside the folder, a page named like AppleDouble is not waved through.
    mac.push(("._numeros.html".into(), b"<p>06 66 66 66 66</p>".to_vec()));
    write_entries(&zip, &mac);
    let report = verify(&zip, Some(&fx.keys.public)).unwrap();
    assert!(!report.ok(), "{report}");
}

#[test]
fn altered_sha256sums_in_a_folder_is_detected() {
    let fx = signed_fixture();
    let top = unpack(&fx.zip, &fx.dir.path().join("sums"));
    // The attacker edits contacts.html and updates its hash in SHA256SUMS.
    fs::write(top.join("contacts.html"), "CERT : 06 66 66 66 66").unwrap();
    let sums = fs::read_to_string(top.join("SHA256SUMS")).unwrap();
    let forged: String = sums
        .lines()
        .map(|line| {
            if line.ends_with("  contacts.html") {
                let out = Command::new("sha256sum")
                    .arg(top.join("contacts.html"))
                    .output();
                let hash = out
                    .ok()
                    .and_then(|o| String::from_utf8(o.stdout).ok())
                    .map(|s| s[..64].to_string())
                    .unwrap_or_else(|| "0".repeat(64));
                format!("{hash}  contacts.html\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    fs::write(top.join("SHA256SUMS"), forged).unwrap();
    let report = verify(&top, Some(&fx.keys.public)).unwrap();
    assert!(!report.ok(), "{report}");
    assert!(
        matches!(report.signature, SignatureStatus::Bad { .. }),
        "{report}"
    );

    fs::write(top.join("SHA256SUMS"), "pas un SHA256SUMS\n").unwrap();
    let report = verify(&top, None).unwrap();
    assert!(!report.ok());
    assert!(report.manifest_problems[0].contains("ligne 1"), "{report}");

    fs::remove_file(top.join("SHA256SUMS")).unwrap();
    let report = verify(&top, Some(&fx.keys.public)).unwrap();
    assert!(!report.ok());
    assert!(report.manifest_problems[0].contains("absent"), "{report}");
    // Named from the stick's root, beside the folders the system adds there.
    let stick = top.parent().unwrap();
    for system in ["System Volume Information", ".Trash-1000", "FOUND.000"] {
        fs::create_dir_all(stick.join(system)).unwrap();
    }
    let report = verify(stick, Some(&fx.keys.public)).unwrap();
    assert!(report.manifest_problems[0].contains("absent"), "{report}");
}

/// A failing stick zeroes blocks: the entries it hit are named and called
/// damaged, with what to do, not taken for an attack.
#[test]
fn a_zip_with_zeroed_blocks_names_its_damaged_files() {
    let fx = signed_fixture();
    let mut bytes = fs::read(&fx.zip).unwrap();
    // A page's local header, zeroed.
    let header = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x03\x04")
        .map(|(i, _)| i)
        .find(|&i| {
            let len = usize::from(u16::from_le_bytes([bytes[i + 26], bytes[i + 27]]));
            bytes[i + 30..i + 30 + len].ends_with(b"index.html")
        })
        .unwrap();
    bytes[header..header + 30].fill(0);
    let damaged = fx.dir.path().join("damaged.zip");
    fs::write(&damaged, &bytes).unwrap();
    let report = verify(&damaged, Some(&fx.keys.public)).unwrap();
    assert!(report.refused.is_empty(), "{report}");
    assert!(!report.ok());
    let said = report.to_string();
    assert!(said.contains("COPIE NON CONFORME"), "{said}");
    assert_eq!(report.unreadable.len(), 1, "{said}");
    assert!(
        report.unreadable[0].contains("endommagé") && report.unreadable[0].contains("recopiez"),
        "{said}"
    );
    assert!(
        !said.contains("invalid"),
        "English from the zip library: {said}"
    );
}

#[test]
fn tampered_zip_is_detected() {
    let fx = signed_fixture();
    let original = entries(&fx.zip);
    let check = |label: &str, changed: Vec<(String, Vec<u8>)>| -> VerifyReport {
        let path = fx.dir.path().join(format!("{label}.zip"));
        write_entries(&path, &changed);
        let report = verify(&path, Some(&fx.keys.public)).unwrap();
        assert!(!report.ok(), "{label}: {report}");
        report
    };

    for name in files_of(&original) {
        let mut changed = original.clone();
        let entry = changed.iter_mut().find(|(n, _)| *n == name).unwrap();
        flip_first_byte(&mut entry.1);
        let report = check("flip", changed);
        let relative = name.strip_prefix(&format!("{TOP}/")).unwrap();
        match relative {
            "SHA256SUMS" | "SHA256SUMS.minisig" => {
                assert!(
                    matches!(report.signature, SignatureStatus::Bad { .. }),
                    "{relative}: {report}"
                )
            }
            _ => assert_eq!(report.modified, [relative], "{report}"),
        }
    }

    let deleted: Vec<_> = original
        .iter()
        .filter(|(n, _)| !n.ends_with("/index.html"))
        .cloned()
        .collect();
    assert_eq!(check("deleted", deleted).missing, ["index.html"]);

    let mut added = original.clone();
    added.push((format!("{TOP}/faux-cert.html"), b"06 66".to_vec()));
    assert_eq!(check("added", added).extra, ["faux-cert.html"]);

    let mut no_sig = original.clone();
    no_sig.retain(|(n, _)| !n.ends_with(".minisig"));
    let report = check("nosig", no_sig);
    assert_eq!(
        report.signature,
        SignatureStatus::Missing { expected: true }
    );
}

#[test]
fn corrupted_zip_bytes_are_reported() {
    let fx = signed_fixture();
    let data_start = {
        let mut archive = ZipArchive::new(fs::File::open(&fx.zip).unwrap()).unwrap();
        let entry = archive.by_name(&format!("{TOP}/contacts.html")).unwrap();
        entry.data_start()
    };
    let mut bytes = fs::read(&fx.zip).unwrap();
    bytes[data_start as usize + 2] ^= 0xff;
    let corrupted = fx.dir.path().join("corrupt.zip");
    fs::write(&corrupted, bytes).unwrap();
    let report = verify(&corrupted, Some(&fx.keys.public)).unwrap();
    assert!(!report.ok(), "{report}");
    let flagged = report.unreadable.iter().chain(&report.modified);
    assert!(
        flagged.into_iter().any(|f| f.contains("contacts.html")),
        "{report}"
    );
}

#[test]
fn not_a_zip_is_an_error_not_a_panic() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("faux.zip");
    fs::write(&path, "PK\u{3}\u{4} pas vraiment").unwrap();
    assert!(matches!(
        verify(&path, None),
        Err(ArchiveError::Truncated { .. })
    ));
    assert!(verify(&dir.path().join("absent.zip"), None).is_err());
    let empty = dir.path().join("vide");
    fs::create_dir(&empty).unwrap();
    assert!(matches!(
        verify(&empty, None),
        Err(ArchiveError::NoCopy { .. })
    ));
    // The command gives it a verdict, as a bad copy (1), not a usage error (2).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .arg("verify")
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with("Résultat : COPIE INTROUVABLE"), "{said}");
}

// ------------------------------------------------------- hostile archives

fn hostile_zip(
    dir: &Path,
    label: &str,
    build: impl FnOnce(&mut ZipWriter<Cursor<Vec<u8>>>),
) -> PathBuf {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    writer.add_directory(format!("{TOP}/"), options).unwrap();
    writer
        .start_file(format!("{TOP}/index.html"), options)
        .unwrap();
    writer.write_all(b"<p>ok</p>").unwrap();
    build(&mut writer);
    let bytes = writer.finish().unwrap().into_inner();
    let path = dir.join(format!("{label}.zip"));
    fs::write(&path, bytes).unwrap();
    path
}

fn add_file(writer: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str) {
    writer
        .start_file(name, SimpleFileOptions::default())
        .unwrap();
    writer.write_all(b"evil").unwrap();
}

/// An entry named one way in the central directory and another in its own
/// header means two things to two unzippers: refused.
#[test]
fn an_entry_named_otherwise_in_its_own_header_is_refused() {
    let fx = signed_fixture();
    let mut bytes = fs::read(&fx.zip).unwrap();
    let name = format!("{TOP}/index.html");
    // The first occurrence is the local header's, before the central directory.
    let at = bytes
        .windows(name.len())
        .position(|w| w == name.as_bytes())
        .unwrap();
    let evil = format!("{}/evil.html", "x".repeat(name.len() - "/evil.html".len()));
    bytes[at..at + name.len()].copy_from_slice(evil.as_bytes());
    let zip = fx.dir.path().join("renamed.zip");
    fs::write(&zip, &bytes).unwrap();
    let report = verify(&zip, Some(&fx.keys.public)).unwrap();
    let said = report.to_string();
    assert!(said.contains("ARCHIVE REFUSÉE"), "{said}");
    assert!(said.contains("en-tête local"), "{said}");
}

/// A hostile name stays refused as hostile when its entry is damaged too: the
/// distributor is not told to copy it again.
#[test]
fn a_damaged_entry_with_an_unsafe_name_is_refused_for_its_name() {
    let dir = TempDir::new().unwrap();
    let zip = hostile_zip(dir.path(), "both", |w| {
        add_file(w, &format!("{TOP}/../../evil.html"))
    });
    let mut bytes = fs::read(&zip).unwrap();
    let header = bytes
        .windows(4)
        .enumerate()
        .rfind(|(_, w)| *w == b"PK\x03\x04")
        .map(|(i, _)| i)
        .unwrap();
    bytes[header..header + 30].fill(0);
    fs::write(&zip, &bytes).unwrap();
    let report = verify(&zip, None).unwrap();
    let said = report.to_string();
    assert!(said.contains("ARCHIVE REFUSÉE"), "{said}");
    assert!(
        said.contains("evil.html") && !said.contains("endommagé"),
        "{said}"
    );
}

#[test]
fn verify_refuses_dot_dot_entries() {
    let dir = TempDir::new().unwrap();
    let zip = hostile_zip(dir.path(), "dotdot", |w| add_file(w, "../evil"));
    assert_refused(&verify(&zip, None).unwrap(), "..");
    let nested = hostile_zip(dir.path(), "nested", |w| {
        add_file(w, &format!("{TOP}/../../evil"))
    });
    assert_refused(&verify(&nested, None).unwrap(), "..");
}

#[test]
fn verify_refuses_absolute_entries() {
    let dir = TempDir::new().unwrap();
    let zip = hostile_zip(dir.path(), "abs", |w| add_file(w, "/abs"));
    assert_refused(&verify(&zip, None).unwrap(), "absolu");
    let drive = hostile_zip(dir.path(), "drive", |w| add_file(w, "C:/evil"));
    assert_refused(&verify(&drive, None).unwrap(), ":");
}

#[test]
fn verify_refuses_symlink_entries() {
    let dir = TempDir::new().unwrap();
    let zip = hostile_zip(dir.path(), "link", |w| {
        w.add_symlink(
            format!("{TOP}/contacts.html"),
            "/etc/passwd",
            SimpleFileOptions::default(),
        )
        .unwrap();
    });
    assert_refused(&verify(&zip, None).unwrap(), "lien symbolique");
}

#[test]
fn verify_refuses_backslashes_several_tops_and_duplicates() {
    let dir = TempDir::new().unwrap();
    let back = hostile_zip(dir.path(), "back", |w| {
        add_file(w, &format!("{TOP}\\..\\evil"))
    });
    let report = verify(&back, None).unwrap();
    assert_refused(&report, "\\");
    // Named as it is written, one `\` each, as the reader will look for it.
    let refused = report.to_string();
    assert!(refused.contains(&format!("{TOP}\\..\\evil :")), "{refused}");
    let two = hostile_zip(dir.path(), "two", |w| {
        add_file(w, "autre-dossier/index.html")
    });
    assert_refused(&verify(&two, None).unwrap(), "plusieurs dossiers");
    let root = hostile_zip(dir.path(), "root", |w| add_file(w, "lisez-moi.txt"));
    assert_refused(&verify(&root, None).unwrap(), "plusieurs dossiers");

    // Two entries with one name: rename the second of two distinct ones in the bytes.
    let dup = hostile_zip(dir.path(), "dup", |w| {
        add_file(w, &format!("{TOP}/indeX.html"))
    });
    let bytes = fs::read(&dup).unwrap();
    let renamed = replace_all(&bytes, b"indeX.html", b"index.html");
    fs::write(&dup, renamed).unwrap();
    assert_refused(&verify(&dup, None).unwrap(), "double");
}

fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = haystack.to_vec();
    let mut i = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from {
            out[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    out
}

#[test]
fn verify_refuses_symlinks_in_a_folder_copy() {
    let fx = signed_fixture();
    let top = unpack(&fx.zip, &fx.dir.path().join("linked"));
    fs::remove_file(top.join("contacts.html")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", top.join("contacts.html")).unwrap();
    let report = verify(&top, None).unwrap();
    assert_refused(&report, "lien symbolique");
    // A folder is already unpacked: its verdict does not say "do not unzip".
    let said = report.to_string();
    assert!(
        said.contains("COPIE REFUSÉE (REFUSED)") && !said.contains("décompresser"),
        "{said}"
    );
}

// ---------------------------------------------------------------- keys

#[test]
fn keygen_creates_owner_only_secret_and_refuses_to_overwrite() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let keys = make_keys(dir.path(), "cle");
    let mode = fs::metadata(&keys.secret).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let before = fs::read(&keys.secret).unwrap();

    let err = keygen(&keys.secret, &keys.public, None, false).unwrap_err();
    assert!(matches!(err, ArchiveError::KeyExists { .. }), "{err}");
    assert_eq!(fs::read(&keys.secret).unwrap(), before);

    // Only the public key exists: still refused, and no secret key is written.
    let lone_pub = dir.path().join("seule.pub");
    fs::write(&lone_pub, "x").unwrap();
    let lone_key = dir.path().join("seule.key");
    assert!(keygen(&lone_key, &lone_pub, None, false).is_err());
    assert!(!lone_key.exists());

    keygen(&keys.secret, &keys.public, None, true).unwrap();
    assert_ne!(fs::read(&keys.secret).unwrap(), before);
    let mode = fs::metadata(&keys.secret).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(keygen(&keys.secret, &keys.secret, None, true).is_err());
    assert!(keygen(
        &dir.path().join("v.key"),
        &dir.path().join("v.pub"),
        Some(""),
        false
    )
    .is_err());
}

#[test]
fn encrypted_key_needs_its_password() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let (secret, public) = (
        dir.path().join("chiffree.key"),
        dir.path().join("chiffree.pub"),
    );
    keygen(&secret, &public, Some("correct horse"), false).unwrap();
    let zip = dir.path().join("copie.zip");

    let no_password = write_archive(&options(&site, &zip, Some(&secret))).unwrap_err();
    assert!(
        no_password.to_string().contains("mot de passe"),
        "{no_password}"
    );
    let wrong = ArchiveOptions {
        password: Some("faux".into()),
        ..options(&site, &zip, Some(&secret))
    };
    assert!(write_archive(&wrong)
        .unwrap_err()
        .to_string()
        .contains("incorrect"));
    assert!(!zip.exists());

    let right = ArchiveOptions {
        password: Some("correct horse".into()),
        ..options(&site, &zip, Some(&secret))
    };
    write_archive(&right).unwrap();
    assert!(verify(&zip, Some(&public)).unwrap().authenticated());
}

#[test]
fn password_for_an_unencrypted_key_is_refused() {
    let dir = TempDir::new().unwrap();
    let site = make_site(dir.path());
    let keys = make_keys(dir.path(), "cle");
    let opts = ArchiveOptions {
        password: Some("inutile".into()),
        ..options(&site, &dir.path().join("c.zip"), Some(&keys.secret))
    };
    assert!(matches!(
        write_archive(&opts),
        Err(ArchiveError::Key { .. })
    ));
}

// ------------------------------------------------------- standard tools

/// True when `tool` runs. Otherwise prints a loud SKIPPED line, or fails under CI=true.
fn have(tool: &str, version_arg: &str) -> bool {
    let runs = Command::new(tool).arg(version_arg).output().is_ok();
    if !runs {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{tool} not installed, and CI=true requires it (apt-get install unzip minisign coreutils)"
        );
        // Straight to the stderr handle: libtest captures `eprintln!` of
        // passing tests, and a skip must be seen.
        let _ = writeln!(std::io::stderr(), "SKIPPED: {tool} not installed");
    }
    runs
}

fn run(dir: &Path, program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn standard_tools_unzip_and_check_the_copy() {
    if !have("unzip", "-v") || !have("sha256sum", "--version") || !have("minisign", "-v") {
        return;
    }
    let fx = signed_fixture();
    let out = fx.dir.path().join("unzipped");
    fs::create_dir(&out).unwrap();
    let zip = fx.zip.to_str().unwrap();
    let (ok, text) = run(&out, "unzip", &["-q", zip]);
    assert!(ok, "unzip: {text}");
    let top = out.join(TOP);
    assert!(top.join("index.html").is_file());
    assert!(top.join("dossier-vide").is_dir());

    let (ok, text) = run(&top, "sha256sum", &["-c", "SHA256SUMS"]);
    assert!(ok, "sha256sum -c: {text}");
    assert_eq!(text.matches(": OK").count(), 7, "{text}");

    let public = fx.keys.public.to_str().unwrap();
    let (ok, text) = run(&top, "minisign", &["-Vm", "SHA256SUMS", "-p", public]);
    assert!(ok, "minisign -V: {text}");
    assert!(
        text.contains(&format!("Trusted comment: {TRUSTED}")),
        "{text}"
    );

    // And the standard tools catch a tampered file too.
    fs::write(top.join("contacts.html"), "06 66 66 66 66").unwrap();
    let (ok, text) = run(&top, "sha256sum", &["-c", "SHA256SUMS"]);
    assert!(!ok, "{text}");
    assert!(verify(&top, Some(&fx.keys.public)).unwrap().modified == ["contacts.html"]);
}

#[test]
fn standard_minisign_rejects_an_altered_sha256sums() {
    if !have("unzip", "-v") || !have("minisign", "-v") {
        return;
    }
    let fx = signed_fixture();
    let out = fx.dir.path().join("unzipped");
    fs::create_dir(&out).unwrap();
    run(&out, "unzip", &["-q", fx.zip.to_str().unwrap()]);
    let top = out.join(TOP);
    let sums = fs::read_to_string(top.join("SHA256SUMS")).unwrap();
    fs::write(top.join("SHA256SUMS"), sums.replacen('a', "b", 1)).unwrap();
    let public = fx.keys.public.to_str().unwrap();
    let (ok, text) = run(&top, "minisign", &["-Vm", "SHA256SUMS", "-p", public]);
    assert!(!ok, "{text}");
}

#[test]
fn key_made_by_minisign_signs_archives_that_both_tools_verify() {
    if !have("minisign", "-v") || !have("unzip", "-v") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let (secret, public) = (dir.path().join("mini.key"), dir.path().join("mini.pub"));
    let (ok, text) = run(
        dir.path(),
        "minisign",
        &[
            "-G",
            "-W",
            "-p",
            public.to_str().unwrap(),
            "-s",
            secret.to_str().unwrap(),
        ],
    );
    assert!(ok, "minisign -G -W: {text}");

    let site = make_site(dir.path());
    let zip = dir.path().join("copie.zip");
    write_archive(&options(&site, &zip, Some(&secret))).unwrap();
    let report = verify(&zip, Some(&public)).unwrap();
    assert!(report.authenticated(), "{report}");

    let out = dir.path().join("unzipped");
    fs::create_dir(&out).unwrap();
    run(&out, "unzip", &["-q", zip.to_str().unwrap()]);
    let (ok, text) = run(
        &out.join(TOP),
        "minisign",
        &["-Vm", "SHA256SUMS", "-p", public.to_str().unwrap()],
    );
    assert!(ok && text.contains(TRUSTED), "{text}");
}

#[test]
fn key_made_by_planblanc_is_usable_by_minisign() {
    if !have("minisign", "-v") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let keys = make_keys(dir.path(), "cle");
    let data = dir.path().join("message.txt");
    fs::write(&data, "bonjour").unwrap();
    // An unencrypted planblanc key signs with minisign without any prompt.
    let (ok, text) = run(
        dir.path(),
        "minisign",
        &[
            "-S",
            "-s",
            keys.secret.to_str().unwrap(),
            "-m",
            "message.txt",
            "-t",
            "essai",
        ],
    );
    assert!(ok, "minisign -S: {text}");
    let (ok, text) = run(
        dir.path(),
        "minisign",
        &["-Vm", "message.txt", "-p", keys.public.to_str().unwrap()],
    );
    assert!(ok && text.contains("essai"), "{text}");
}

/// A disk that fills while the zip is written: one message, the system's words
/// and the archive's name (not its temporary one, nor the zip crate's Debug
/// print), and nothing left behind.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_plain_message() {
    let fx = crate::common::Fixture::minimal();
    let out = fx.root().join("copie.zip");
    let run = fx.cli_on_full_disk(64, &["archive", "-q", "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("copie.zip : impossible d'écrire : File too large"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("ZipWriter") && !stderr.contains(".part-"),
        "{stderr}"
    );
    let left: Vec<_> = fs::read_dir(fx.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("copie"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A copy cut short (an interrupted download or copy) is said to be so, not
/// with the zip crate's words.
#[test]
fn a_truncated_copy_is_said_to_be_cut_short() {
    let fx = signed_fixture();
    let bytes = fs::read(&fx.zip).unwrap();
    let cut = fx.zip.with_file_name("coupee.zip");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = verify(&cut, None).unwrap_err().to_string();
    assert!(err.contains("sa fin manque (copie interrompue)"), "{err}");
    assert!(!err.contains("EOCD"), "{err}");
}
