//! Path rules shared by the writer and the verifier.
//!
//! The same function decides what the writer accepts from the site folder and
//! what the verifier accepts from a zip or a folder, so planblanc never writes
//! an archive that its own `verify` would refuse.

/// Names that the archive adds at the top of its folder; the site may not have them.
pub const SUMS_NAME: &str = "SHA256SUMS";
pub const SIG_NAME: &str = "SHA256SUMS.minisig";
pub const ABOUT_NAME: &str = "a-propos-de-cette-copie.html";

#[cfg(test)]
#[test]
fn the_loader_refuses_these_names() {
    for name in [SUMS_NAME, SIG_NAME, ABOUT_NAME] {
        assert!(crate::load::RESERVED_FILES.contains(&name), "{name}");
    }
}

/// Files and folders Windows and macOS add on their own to a folder or a USB stick
/// (`Thumbs.db`, `.DS_Store`, `._index.html`, a Finder zip's `__MACOSX/`…), by name.
/// No page loads them, so a copy that gained one is still the copy that was
/// published (the verifier also checks that a `._` file is AppleDouble).
pub fn is_os_metadata(path: &str) -> bool {
    const FOLDERS: &[&str] = &[
        "__MACOSX",
        ".Spotlight-V100",
        ".Trashes",
        ".fseventsd",
        ".TemporaryItems",
        "System Volume Information",
        "$RECYCLE.BIN",
    ];
    const FILES: &[&str] = &[".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini"];
    // The system's folders sit at the top of a volume or a zip, never inside
    // the site's own folders: Linux desktops' `.Trash-1000/` and chkdsk's
    // `FOUND.000/` too.
    let top = path.split('/').next().unwrap_or(path);
    let chkdsk = top.len() == 9
        && top[..6].eq_ignore_ascii_case("FOUND.")
        && top[6..].bytes().all(|b| b.is_ascii_digit());
    let system = FOLDERS.iter().any(|f| f.eq_ignore_ascii_case(top))
        || top
            .strip_prefix(".Trash-")
            .is_some_and(|uid| uid.bytes().all(|b| b.is_ascii_digit()))
        || chkdsk;
    if path.contains('/') && system {
        return true;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("._") || FILES.iter().any(|f| f.eq_ignore_ascii_case(name))
}

/// Longest top folder name we produce: long names break some Windows unzippers.
const MAX_TOP_FOLDER_LEN: usize = 100;

/// Checks a path relative to the top folder (`assets/app.css`), with `/` separators.
///
/// Returns the reason in French when the path is refused. Refused are:
/// empty paths, absolute paths, `.`/`..`/empty components, backslashes
/// (Windows separators that `sha256sum` would escape), control characters
/// (newline breaks the `SHA256SUMS` line format) and `:` (drive letters,
/// NTFS alternate streams).
pub fn check_relative_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("chemin vide".into());
    }
    if path.starts_with('/') {
        return Err("chemin absolu".into());
    }
    if let Some(c) = path.chars().find(|c| is_forbidden_char(*c)) {
        return Err(format!("caractère interdit {}", describe_char(c)));
    }
    for component in path.split('/') {
        check_component(component)?;
    }
    Ok(())
}

fn check_component(component: &str) -> Result<(), String> {
    match component {
        "" => Err("composant vide (« // » ou « / » final)".into()),
        "." => Err("composant « . »".into()),
        ".." => Err("composant « .. » (sortie du dossier)".into()),
        _ => Ok(()),
    }
}

fn is_forbidden_char(c: char) -> bool {
    c == '\\' || c == ':' || c.is_control()
}

fn describe_char(c: char) -> String {
    match c {
        '\n' => "« saut de ligne »".into(),
        '\\' => "« \\ » (barre oblique inverse)".into(),
        ':' => "« : »".into(),
        other => format!("U+{:04X}", other as u32),
    }
}

/// True for the names that the archive itself writes at the top of its folder.
pub fn is_reserved_name(relative: &str) -> bool {
    matches!(relative, SUMS_NAME | SIG_NAME | ABOUT_NAME)
}

/// Turns a wished-for top folder name into a safe ASCII one.
///
/// French accents are transliterated (`numérique` → `numerique`), every other
/// character outside `[A-Za-z0-9._-]` becomes `-`, runs of `-` or `.` are
/// collapsed (so no `..` can survive) and leading/trailing `-`/`.` are trimmed
/// (no hidden folder). Returns `Err(reason)` when nothing usable is left.
pub fn sanitize_top_folder(wanted: &str) -> Result<String, &'static str> {
    let mut out = String::with_capacity(wanted.len());
    for c in wanted.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            push_collapsed(&mut out, c);
        } else if let Some(ascii) = transliterate(c) {
            out.push_str(ascii);
        } else {
            push_collapsed(&mut out, '-');
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.');
    if trimmed.is_empty() {
        return Err("aucun caractère utilisable (lettres, chiffres, . _ -)");
    }
    if trimmed.len() > MAX_TOP_FOLDER_LEN {
        return Err("nom trop long (100 caractères au plus)");
    }
    Ok(trimmed.to_string())
}

/// Appends `c`, but never two `-` or two `.` in a row.
fn push_collapsed(out: &mut String, c: char) {
    let repeats = (c == '-' || c == '.') && out.ends_with(c);
    if !repeats {
        out.push(c);
    }
}

/// ASCII spelling of a French letter, or `None` when it must become `-`.
fn transliterate(c: char) -> Option<&'static str> {
    let ascii = match c {
        'à' | 'â' | 'ä' | 'á' => "a",
        'À' | 'Â' | 'Ä' | 'Á' => "A",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'î' | 'ï' | 'í' => "i",
        'Î' | 'Ï' | 'Í' => "I",
        'ô' | 'ö' | 'ó' => "o",
        'Ô' | 'Ö' | 'Ó' => "O",
        'ù' | 'û' | 'ü' | 'ú' => "u",
        'Ù' | 'Û' | 'Ü' | 'Ú' => "U",
        'ÿ' => "y",
        'Ÿ' => "Y",
        'ç' => "c",
        'Ç' => "C",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        _ => return None,
    };
    Some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_metadata_is_recognised_and_nothing_else() {
        for path in [
            ".DS_Store",
            "alerte/._index.html",
            "assets/Thumbs.db",
            "DESKTOP.INI",
            "__MACOSX/plan/._index.html",
            ".Trashes/501/x.html",
            "System Volume Information/IndexerVolumeGuid",
            ".Trash-1000/files/x.html",
            "FOUND.000/FILE0000.CHK",
        ] {
            assert!(is_os_metadata(path), "{path}");
        }
        for path in [
            "alerte/__MACOSX/evil.html",
            "assets/.Trashes/x.html",
            "index.html",
            "alerte/index.html",
            "a._b.html",
            "._dir/index.html",
            "thumbs.db.html",
            "alerte/.Trash-1000/x.html",
            "FOUND.ABC/x",
            ".Trash-x/y",
        ] {
            assert!(!is_os_metadata(path), "{path}");
        }
    }

    #[test]
    fn accepts_ordinary_relative_paths() {
        for ok in [
            "index.html",
            "assets/app.css",
            "fiches/é-crise/1.html",
            "a b/c",
        ] {
            assert_eq!(check_relative_path(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_escapes_and_ambiguous_paths() {
        for bad in [
            "",
            "/etc/passwd",
            "../evil",
            "a/../../evil",
            "a/./b",
            "a//b",
            "a/",
            ".",
            "a\\b",
            "a\nb",
            "a\rb",
            "C:/Windows",
            "x\0y",
        ] {
            assert!(
                check_relative_path(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn reason_names_the_newline() {
        let reason = check_relative_path("a\nb").unwrap_err();
        assert!(reason.contains("saut de ligne"), "{reason}");
    }

    #[test]
    fn reserved_names_are_only_at_the_top() {
        assert!(is_reserved_name("SHA256SUMS"));
        assert!(is_reserved_name("SHA256SUMS.minisig"));
        assert!(is_reserved_name("a-propos-de-cette-copie.html"));
        assert!(!is_reserved_name("docs/SHA256SUMS"));
    }

    #[test]
    fn top_folder_is_made_ascii_and_safe() {
        assert_eq!(
            sanitize_top_folder("plan-blanc-numerique-2026.1"),
            Ok("plan-blanc-numerique-2026.1".into())
        );
        assert_eq!(
            sanitize_top_folder("Plan blanc numérique 2026.1"),
            Ok("Plan-blanc-numerique-2026.1".into())
        );
        assert_eq!(sanitize_top_folder("../../etc"), Ok("etc".into()));
        assert_eq!(sanitize_top_folder("a/../b"), Ok("a-.-b".into()));
        assert_eq!(sanitize_top_folder(".cache"), Ok("cache".into()));
        assert_eq!(sanitize_top_folder("Œuvre"), Ok("OEuvre".into()));
    }

    #[test]
    fn top_folder_result_always_passes_the_path_rules() {
        for wanted in ["a/b", "..", "x..y", "C:\\temp", "é\n", "日本-1"] {
            if let Ok(name) = sanitize_top_folder(wanted) {
                assert_eq!(check_relative_path(&name), Ok(()), "{wanted:?} → {name}");
                assert!(!name.contains('/') && !name.contains(".."), "{name}");
                assert!(name.is_ascii());
            }
        }
    }

    #[test]
    fn unusable_top_folder_is_refused() {
        assert!(sanitize_top_folder("").is_err());
        assert!(sanitize_top_folder("..").is_err());
        assert!(sanitize_top_folder("///").is_err());
        assert!(sanitize_top_folder(&"a".repeat(101)).is_err());
    }
}
