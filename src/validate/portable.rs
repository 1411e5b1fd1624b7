//! Names that survive the trip to a USB stick: the copies ARS and hospitals keep
//! live on FAT and exFAT sticks and on Windows and macOS laptops, whose file names
//! ignore case and refuse some characters. A name that breaks there is reported
//! while the author can still rename it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::diag::Diagnostic;

/// Characters FAT, exFAT and Windows refuse in a name (`/` separates), and that
/// `archive` therefore refuses too.
const REFUSED: &[char] = &['<', '>', '"', '|', '?', '*', ':', '\\'];

/// Published paths longer than this, once the copy sits in a folder such as
/// `C:\Users\…\Downloads\plan-blanc-2026.1\`, pass Windows' 260-character limit:
/// Explorer then fails to copy or unzip them.
const PATH_MAX: usize = 200;

/// Device names Windows reserves, whatever the extension.
const DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// `outputs`: each output path with the source file that writes it.
pub fn check(outputs: &[(String, PathBuf)], diags: &mut Vec<Diagnostic>) {
    let mut by_folded: HashMap<String, (&str, &Path)> = HashMap::new();
    for (url, source) in outputs {
        if let Some((problem, help)) = url.split('/').find_map(refused) {
            // A control character also breaks `archive` and each line that names
            // the file: the name cannot be published at all.
            let d = match url.contains(char::is_control) {
                true => Diagnostic::error(source.clone(), problem),
                false => Diagnostic::warning(source.clone(), problem),
            };
            diags.push(d.help(help));
        }
        let length = url.chars().count();
        if length > PATH_MAX {
            diags.push(
                Diagnostic::warning(
                    source.clone(),
                    format!("its published path is {length} characters long (`{url}`): copied into a folder on Windows, it passes the 260-character limit"),
                )
                .help(format!("shorten the names of the file or of its folders to keep the path under {PATH_MAX} characters")),
            );
        }
        // Case, and composed or decomposed accents (macOS stores `é` either way).
        let folded = if url.is_ascii() {
            url.to_ascii_lowercase()
        } else {
            url.nfc().collect::<String>().to_lowercase()
        };
        match by_folded.get(&folded) {
            // Written alike, stored apart: one name has composed accents (`é`),
            // the other decomposed ones (`e` and a combining accent, as macOS writes).
            Some((other_url, other)) if other_url != url && other_url.nfc().eq(url.nfc()) => diags
                .push(
                    Diagnostic::warning(
                        source.clone(),
                        format!(
                            "`{url}` has the same name as the file from {}, with its accents \
                         encoded another way (composed `é` or `e` and a combining accent): \
                         on a USB stick, Windows or macOS one replaces the other",
                            other.display()
                        ),
                    )
                    .help("retype the accented letters of one of the two names, or rename it"),
                ),
            Some((other_url, other)) if other_url != url => diags.push(
                Diagnostic::warning(
                    source.clone(),
                    format!(
                        "`{url}` and `{other_url}` (from {}) differ only by case: \
                         on a USB stick, Windows or macOS one replaces the other",
                        other.display()
                    ),
                )
                .help("rename one of the two files"),
            ),
            Some(_) => {}
            None => {
                by_folded.insert(folded, (url, source));
            }
        }
    }
}

/// Why a path component cannot be a file name on FAT, exFAT or Windows, or
/// hides what it is, and the fix.
fn refused(name: &str) -> Option<(String, &'static str)> {
    let why = unportable(name)?;
    let shown = crate::diag::shown_name(name);
    let help = match refused_by_sticks(name) {
        None => "rename it, typing the name anew: the address a reader types would not find it",
        Some(_) => "rename it: the copy on a USB stick or a Windows laptop would lack it",
    };
    Some((format!("the name `{shown}` {why}"), help))
}

/// What makes `name` impossible as a file name on FAT, exFAT or Windows, said as
/// the end of a sentence ("holds `?`, which …").
pub fn unportable(name: &str) -> Option<String> {
    if let Some(why) = refused_by_sticks(name) {
        return Some(why);
    }
    if let Some((_, c, _)) = crate::load::text::invisibles(name) {
        // A text-direction control shows `bidi<U+202E>fdp.exe` as `bidiexe.pdf`.
        return Some(format!(
            "holds the invisible character {} ({}), which hides what the name really is",
            crate::load::text::describe(c),
            crate::load::text::name(c)
        ));
    }
    None
}

/// What makes `name` impossible to write on FAT, exFAT or Windows (as the end of
/// a sentence); an invisible character is written there fine, only misleading.
pub fn refused_by_sticks(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(|c| REFUSED.contains(c)) {
        return Some(format!("holds `{c}`, which USB sticks and Windows refuse"));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Some(format!(
            "holds the control character {}, which USB sticks and Windows refuse",
            crate::diag::code_point(c)
        ));
    }
    if name.ends_with(['.', ' ']) {
        return Some("ends with a dot or a space, which Windows drops".into());
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if DEVICES.contains(&stem.to_ascii_lowercase().as_str()) {
        return Some("is a device name Windows reserves".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_fat_and_windows_refuse() {
        for bad in [
            "pct?q",
            "a*b",
            "x<y",
            "q\"",
            "pipe|",
            "fin.",
            "fin ",
            "con",
            "Aux.csv",
            "com1.md",
            "12:30.csv",
            "bidi\u{202e}fdp.exe",
            "ran\u{200d}con",
            "a\\b",
            "nouvelle\nligne",
        ] {
            assert!(refused(bad).is_some(), "{bad}");
        }
        for good in [
            "rancon",
            "schéma.svg",
            "fiche avec espace#1",
            "console",
            "nul-part",
            "a.b.c",
        ] {
            assert!(refused(good).is_none(), "{good}");
        }
    }

    #[test]
    fn names_that_differ_by_case_or_accent_encoding_are_reported() {
        let outputs = [
            ("alerte/url/index.html".to_string(), PathBuf::from("a.md")),
            ("alerte/URL/index.html".to_string(), PathBuf::from("A.md")),
            ("alerte/s.svg".to_string(), PathBuf::from("s.svg")),
            (
                "alerte/sch\u{e9}ma.svg".to_string(),
                PathBuf::from("nfc.svg"),
            ),
            (
                "alerte/sche\u{301}ma.svg".to_string(),
                PathBuf::from("nfd.svg"),
            ),
        ];
        let mut diags = Vec::new();
        check(&outputs, &mut diags);
        assert_eq!(diags.len(), 2, "{diags:#?}");
        assert_eq!(diags[1].file, Path::new("nfd.svg"));
        assert_eq!(diags[0].file, Path::new("A.md"));
        assert!(diags[0]
            .message
            .contains("`alerte/URL/index.html` and `alerte/url/index.html` (from a.md)"));
    }
}
