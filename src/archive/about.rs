//! The handbook facts carried by a copy, and the "À propos de cette copie" page
//! (in English for an English handbook).
//!
//! The page is self-contained (inline CSS, no script, no external resource)
//! so it renders the same from a USB stick with no network. Every value is
//! HTML-escaped: titles come from configuration, not from us.

pub use crate::html::escape;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::about_words::{self, Words};
use super::error::ArchiveError;
use super::paths::{SIG_NAME, SUMS_NAME};

/// Facts about the handbook that the copy states and the signature vouches for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AboutInfo {
    /// Handbook title, e.g. "Plan blanc numérique".
    pub title: String,
    /// Edition, e.g. "2026.1" (letters, digits, `.`, `_`, `-`, `+`).
    pub edition: String,
    /// Date of the content, `YYYY-MM-DD`.
    pub content_date: String,
    /// Traffic Light Protocol 2.0 label: CLEAR, GREEN, AMBER, AMBER+STRICT or
    /// RED, with or without the `TLP:` prefix, any case.
    pub tlp: String,
    /// Language of the handbook (BCP 47 tag), e.g. "fr".
    #[serde(default = "default_language")]
    pub language: String,
    /// Where readers get the public key, e.g. "intranet DSI › Sécurité".
    /// Shown on the page; the key itself is never shipped inside the copy.
    #[serde(default)]
    pub pubkey_source: Option<String>,
}

fn default_language() -> String {
    "fr".to_string()
}

/// TLP 2.0 levels and the colour of their label (meanings in `about_words`).
const TLP_LEVELS: [(&str, &str); 5] = [
    ("CLEAR", "#FFFFFF"),
    ("GREEN", "#33FF00"),
    ("AMBER", "#FFC000"),
    ("AMBER+STRICT", "#FFC000"),
    ("RED", "#FF2B2B"),
];

impl AboutInfo {
    /// Checks every field and returns a copy with the TLP label in its
    /// canonical form (`TLP:AMBER`). Refusing bad values here matters: they
    /// go into a signed statement that readers trust.
    pub fn normalized(&self) -> Result<AboutInfo, ArchiveError> {
        check_text("title", &self.title, 200)?;
        check_edition(&self.edition)?;
        check_date(&self.content_date)?;
        check_language(&self.language)?;
        if let Some(source) = &self.pubkey_source {
            check_text("pubkey_source", source, 300)?;
        }
        Ok(AboutInfo {
            tlp: format!("TLP:{}", TLP_LEVELS[tlp_level(&self.tlp)?].0),
            ..self.clone()
        })
    }

    /// The minisign trusted comment, e.g.
    /// `planblanc handbook:"Plan blanc numérique" edition:2026.1 date:2026-11-02 tlp:CLEAR`:
    /// the level is signed too, so a restricted copy cannot pass for a public one.
    /// A `"` in the title would end the quoted value early, so it becomes `'`.
    pub fn trusted_comment(&self) -> String {
        format!(
            "planblanc handbook:\"{}\" edition:{} date:{} tlp:{}",
            self.title.trim().replace('"', "'"),
            self.edition,
            self.content_date,
            tlp_level(&self.tlp)
                .map_or_else(|_| self.tlp.to_uppercase(), |i| TLP_LEVELS[i].0.into())
        )
    }
}

fn bad(field: &'static str, reason: impl Into<String>) -> ArchiveError {
    ArchiveError::BadAbout {
        field,
        reason: reason.into(),
    }
}

fn check_text(field: &'static str, value: &str, max_chars: usize) -> Result<(), ArchiveError> {
    if value.trim().is_empty() {
        return Err(bad(field, "vide"));
    }
    if value.chars().any(char::is_control) {
        return Err(bad(
            field,
            "contient un caractère de contrôle (saut de ligne…)",
        ));
    }
    if value.chars().count() > max_chars {
        return Err(bad(field, format!("plus de {max_chars} caractères")));
    }
    Ok(())
}

fn check_edition(edition: &str) -> Result<(), ArchiveError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    if edition.is_empty() || edition.len() > 40 || !edition.chars().all(allowed) {
        return Err(bad(
            "edition",
            format!("« {edition} » : 1 à 40 caractères parmi lettres, chiffres, . _ - +"),
        ));
    }
    Ok(())
}

/// `YYYY-MM-DD`, a real calendar date.
fn check_date(date: &str) -> Result<(), ArchiveError> {
    parse_date(date).map(|_| ()).ok_or_else(|| {
        bad(
            "content_date",
            format!("« {date} » n'est pas une date AAAA-MM-JJ valide"),
        )
    })
}

fn parse_date(date: &str) -> Option<(u32, u32, u32)> {
    let bytes = date.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let year: u32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    valid.then_some((year, month, day))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn check_language(language: &str) -> Result<(), ArchiveError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-';
    if language.len() < 2 || language.len() > 35 || !language.chars().all(allowed) {
        return Err(bad(
            "language",
            format!("« {language} » n'est pas une étiquette de langue (ex. fr)"),
        ));
    }
    Ok(())
}

/// Finds the TLP level (its index in `TLP_LEVELS`), accepting `amber`,
/// `TLP:AMBER`, `tlp: amber+strict`.
fn tlp_level(label: &str) -> Result<usize, ArchiveError> {
    let upper = label.trim().to_uppercase();
    let name = upper
        .strip_prefix("TLP")
        .map(|rest| rest.trim_start_matches(':').trim())
        .unwrap_or(&upper);
    TLP_LEVELS
        .iter()
        .position(|(level, _)| *level == name)
        .ok_or_else(|| {
            bad(
                "tlp",
                format!("« {label} » : attendu CLEAR, GREEN, AMBER, AMBER+STRICT ou RED"),
            )
        })
}

/// What the page needs besides the handbook facts.
pub struct AboutPage<'a> {
    /// Already `normalized()`.
    pub info: &'a AboutInfo,
    pub top_folder: &'a str,
    /// Number of files listed in SHA256SUMS, this page included.
    pub file_count: usize,
    /// Identifier of the signing key, when the copy is signed.
    pub key_id: Option<&'a str>,
}

/// Renders the page, in English for an English handbook and in French otherwise.
/// Deterministic: no clock, no randomness.
pub fn render(page: &AboutPage) -> String {
    let info = page.info;
    let w = about_words::for_language(&info.language);
    let fill = |text: &str| {
        text.replace("{folder}", &escape(page.top_folder))
            .replace("{sums}", SUMS_NAME)
            .replace("{sig}", SIG_NAME)
            .replace("{pub}", w.pubkey_file)
    };
    let mut html = String::with_capacity(8 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>\n{STYLE}</style>\n</head>\n\
         <body>\n<main>\n<p><a href=\"index.html\">{}</a></p>\n<h1>{}</h1>\n",
        w.lang,
        w.heading,
        escape(&info.title),
        w.back,
        w.heading
    );
    html.push_str(&facts(page, w));
    html.push_str(w.why_verify);
    html.push_str(&fill(w.with_planblanc));
    html.push_str(&fill(w.with_tools));
    if page.key_id.is_some() {
        let comment = escape(&info.trusted_comment());
        html.push_str(&fill(w.with_minisign).replace("{comment}", &comment));
    }
    html.push_str("</ol>\n");
    if let Some(key_id) = page.key_id {
        let source = match &info.pubkey_source {
            Some(source) => format!("{}{}", w.colon, escape(source)),
            None => String::new(),
        };
        let about_key = fill(w.about_key)
            .replace("{source}", &source)
            .replace("{key}", &escape(key_id));
        html.push_str(&about_key);
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

const STYLE: &str =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;\
line-height:1.5;color:#1a1a1a;background:#fff;margin:0}\n\
main{max-width:46rem;margin:0 auto;padding:1.5rem}\n\
h1{font-size:1.8rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin-top:2rem}\n\
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;\
border-bottom:1px solid #ddd;vertical-align:top}th{width:11rem;font-weight:600}\n\
pre{background:#f3f3f3;border:1px solid #ddd;padding:.6rem;white-space:pre-wrap;\
overflow-wrap:anywhere}\n\
code{font-family:ui-monospace,Consolas,\"DejaVu Sans Mono\",monospace}\n\
.tlp{background:#000;font-weight:700;padding:.1rem .4rem;font-family:monospace}\n\
.alert{border-left:.35rem solid #c00;background:#fff4f4;padding:.6rem 1rem;margin-top:1.5rem}\n\
.alert h2{margin-top:.4rem}\n\
@media print{a{color:inherit}}\n";

fn facts(page: &AboutPage, w: &Words) -> String {
    let info = page.info;
    let mut html = format!(
        "<p>{}</p>\n<table>\n",
        w.intro.replace("{title}", &escape(&info.title))
    );
    let mut row = |label: &str, value: String| {
        let _ = writeln!(html, "<tr><th>{label}</th><td>{value}</td></tr>");
    };
    row(w.edition, escape(&info.edition));
    row(w.content_date, date_cell(&info.content_date, w));
    row(w.distribution, tlp_cell(&info.tlp, w));
    let language = match w.language_name(&info.language) {
        Some(name) => format!("{name} ({})", escape(&info.language)),
        None => escape(&info.language),
    };
    row(w.language, language);
    row(
        w.folder,
        format!("<code>{}</code>", escape(page.top_folder)),
    );
    let files = w
        .files_cell
        .replace("{count}", &page.file_count.to_string())
        .replace("{sums}", SUMS_NAME);
    row(w.files, files);
    let signature = match page.key_id {
        Some(id) => w
            .signed
            .replace("{sig}", SIG_NAME)
            .replace("{key}", &escape(id)),
        None => w.unsigned.to_string(),
    };
    row(w.signature, signature);
    html.push_str("</table>\n");
    html
}

fn date_cell(date: &str, w: &Words) -> String {
    match parse_date(date) {
        Some((year, month, day)) => {
            let month_name = w.months[month as usize - 1];
            let day = if day == 1 {
                w.first_day.to_string()
            } else {
                day.to_string()
            };
            format!(
                "<time datetime=\"{}\">{day} {month_name} {year}</time>",
                escape(date)
            )
        }
        None => escape(date),
    }
}

fn tlp_cell(tlp: &str, w: &Words) -> String {
    match tlp_level(tlp) {
        Ok(i) => {
            let (level, colour) = TLP_LEVELS[i];
            format!(
                "<span class=\"tlp\" style=\"color:{colour}\">TLP:{level}</span> — {}",
                w.tlp[i]
            )
        }
        Err(_) => escape(tlp),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn info() -> AboutInfo {
        AboutInfo {
            title: "Plan blanc numérique".into(),
            edition: "2026.1".into(),
            content_date: "2026-11-02".into(),
            tlp: "amber".into(),
            language: "fr".into(),
            pubkey_source: None,
        }
    }

    #[test]
    fn trusted_comment_matches_the_documented_form() {
        assert_eq!(
            info().trusted_comment(),
            "planblanc handbook:\"Plan blanc numérique\" edition:2026.1 date:2026-11-02 tlp:AMBER"
        );
        let quoted = AboutInfo {
            title: "Le \"plan\"".into(),
            ..info()
        };
        assert_eq!(
            quoted.trusted_comment(),
            "planblanc handbook:\"Le 'plan'\" edition:2026.1 date:2026-11-02 tlp:AMBER"
        );
    }

    #[test]
    fn tlp_labels_are_normalized() {
        for (given, canonical) in [
            ("amber", "TLP:AMBER"),
            ("TLP:RED", "TLP:RED"),
            ("tlp: amber+strict", "TLP:AMBER+STRICT"),
            (" Clear ", "TLP:CLEAR"),
        ] {
            let about = AboutInfo {
                tlp: given.into(),
                ..info()
            };
            assert_eq!(about.normalized().unwrap().tlp, canonical);
        }
        let white = AboutInfo {
            tlp: "WHITE".into(),
            ..info()
        };
        assert!(white.normalized().is_err());
    }

    #[test]
    fn bad_values_are_refused() {
        let cases = [
            AboutInfo {
                content_date: "2026-02-30".into(),
                ..info()
            },
            AboutInfo {
                content_date: "2026-1-2".into(),
                ..info()
            },
            AboutInfo {
                content_date: "02/11/2026".into(),
                ..info()
            },
            AboutInfo {
                edition: "2026 T1".into(),
                ..info()
            },
            AboutInfo {
                edition: "".into(),
                ..info()
            },
            AboutInfo {
                title: "a\nb".into(),
                ..info()
            },
            AboutInfo {
                title: "  ".into(),
                ..info()
            },
            AboutInfo {
                language: "f".into(),
                ..info()
            },
        ];
        for case in cases {
            assert!(case.normalized().is_err(), "{case:?}");
        }
        let leap = AboutInfo {
            content_date: "2024-02-29".into(),
            ..info()
        };
        assert!(leap.normalized().is_ok());
    }

    #[test]
    fn page_is_french_escaped_and_links_home() {
        let hostile = AboutInfo {
            title: "<script>alert(1)</script> & \"co\"".into(),
            ..info()
        }
        .normalized()
        .unwrap();
        let html = render(&AboutPage {
            info: &hostile,
            top_folder: "plan-2026.1",
            file_count: 12,
            key_id: Some("28DE224E05C0AE89"),
        });
        assert!(html.contains("<html lang=\"fr\">"));
        assert!(html.contains("href=\"index.html\""));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
        assert!(html.contains("12 fichiers"));
        assert!(html.contains("<td>français (fr)</td>"), "{html}");
        assert!(html.contains("2 novembre 2026"));
        assert!(html.contains("TLP:AMBER"));
        assert!(html.contains("planblanc verify plan-2026.1 --pubkey cle.pub"));
        assert!(html.contains("sha256sum -c SHA256SUMS"));
        assert!(
            html.contains("Get-Content SHA256SUMS | ForEach-Object"),
            "Windows' way"
        );
        assert!(html.contains("minisign -Vm SHA256SUMS -p cle.pub"));
        assert!(html.contains("28DE224E05C0AE89"));
        assert!(!html.contains("http"), "no external resource");
    }

    #[test]
    fn english_handbooks_get_an_english_page() {
        let about = AboutInfo {
            language: "en-GB".into(),
            content_date: "2026-11-01".into(),
            pubkey_source: Some("intranet".into()),
            ..info()
        }
        .normalized()
        .unwrap();
        let html = render(&AboutPage {
            info: &about,
            top_folder: "plan-2026.1",
            file_count: 12,
            key_id: Some("28DE224E05C0AE89"),
        });
        assert!(html.contains("<html lang=\"en\">"));
        for text in [
            "About this copy",
            "<td>English (en-GB)</td>",
            "12 files",
            "1 November 2026",
            "limited to the organisation and its clients",
            "planblanc verify plan-2026.1 --pubkey key.pub",
            "minisign -Vm SHA256SUMS -p key.pub",
            "an official channel: intranet",
        ] {
            assert!(html.contains(text), "{text:?} not in {html}");
        }
        for french in ["fichiers", "Vérifier", "novembre", "cle.pub"] {
            assert!(!html.contains(french), "{french:?} in {html}");
        }
        for mark in [
            "title", "folder", "sums", "sig", "pub", "key", "source", "comment", "count",
        ] {
            assert!(
                !html.contains(&format!("{{{mark}}}")),
                "{{{mark}}} left in {html}"
            );
        }
    }

    #[test]
    fn unsigned_page_says_so_and_omits_minisign() {
        let about = info().normalized().unwrap();
        let html = render(&AboutPage {
            info: &about,
            top_folder: "t",
            file_count: 1,
            key_id: None,
        });
        assert!(html.contains("Non signée"));
        assert!(!html.contains("minisign -Vm"));
    }
}
