//! Documents held in a `data:` address (`data:text/html;base64,…`): framed,
//! embedded or linked, a browser reads them as pages of their own, which may
//! load from the network or run scripts as the procedure's own HTML could.

use std::ops::Range;

use ct_codecs::{Base64, Decoder};

use super::css;
use super::html_check::{attribute_urls, loads_or_hijacks};
use super::html_tags::{decode_refs, tags};
use crate::model::urls;

/// Whether a `data:` address holds a document that loads a remote file once
/// framed, embedded or linked: HTML, SVG and XML are read as raw HTML is (by their
/// tags and attributes: a namespace or a link's address is no load), CSS as a
/// stylesheet; other types (a PDF, an image) load nothing when opened. Text in
/// UTF-16 is read too (its zero bytes dropped), and a payload that does not
/// decode is not trusted.
pub(super) fn data_document_loads(value: &str) -> bool {
    match data_document(value) {
        None => false,
        Some(Document::Markup(text)) => loads_or_hijacks(&text),
        Some(Document::Css(lower)) => css::loads_remote(&lower),
        Some(Document::Undecodable) => true,
    }
}

/// What a `data:` address holds, when it is a document a browser reads.
enum Document {
    /// HTML, SVG or XML, as written (a `data:` address inside keeps its case).
    Markup(String),
    /// A stylesheet, lowercased.
    Css(String),
    /// A base64 payload that does not decode: not trusted.
    Undecodable,
}

fn data_document(value: &str) -> Option<Document> {
    let value = value.trim_matches(|c: char| c <= ' ');
    if !value
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
    {
        return None;
    }
    let (meta, payload) = value[5..].split_once(',')?;
    let meta = meta.to_ascii_lowercase();
    let mime = meta.split(';').next().unwrap_or_default().trim();
    let markup = matches!(
        mime,
        "text/html" | "application/xhtml+xml" | "image/svg+xml" | "text/xml" | "application/xml"
    );
    if !markup && mime != "text/css" {
        return None;
    }
    let bytes = if meta.ends_with(";base64") {
        let compact: Vec<u8> = urls::percent_decoded(payload)
            .into_iter()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        match Base64::decode_to_vec(&compact, None) {
            Ok(bytes) => bytes,
            Err(_) => return Some(Document::Undecodable),
        }
    } else {
        urls::percent_decoded(payload)
    };
    let bytes: Vec<u8> = bytes.into_iter().filter(|b| *b != 0).collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Some(match markup {
        true => Document::Markup(text),
        false => Document::Css(text.to_ascii_lowercase()),
    })
}

/// Where `html` frames or embeds a document of its own that runs scripts: a
/// `data:` page in an `<iframe>`, `<frame>`, `<embed>` or `<object>`, or an
/// `<iframe srcdoc>`. The range is the attribute's value.
pub fn framed_scripts(html: &str) -> Vec<Range<usize>> {
    framed(html, 0)
}

/// Frames nested deeper than this are not read: not trusted either.
const MAX_FRAMES: usize = 4;

fn framed(html: &str, depth: usize) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut ranges = Vec::new();
    for tag in tags(&lower) {
        for (attr, value) in tag.attributes() {
            let runs = match (tag.name, attr) {
                ("iframe", "srcdoc") => runs_scripts(&decode_refs(&html[value.clone()]), depth),
                ("iframe" | "frame" | "embed", "src") | ("object", "data") => {
                    match data_document(&decode_refs(&html[value.clone()])) {
                        Some(Document::Markup(doc)) => runs_scripts(&doc, depth),
                        Some(Document::Undecodable) => true,
                        _ => false,
                    }
                }
                _ => false,
            };
            if runs {
                ranges.push(value);
            }
        }
    }
    ranges
}

/// Whether markup holds a `<script>`, an `on…=` handler or a
/// `javascript:` address, or frames a document that does (as far as
/// `MAX_FRAMES` deep).
fn runs_scripts(html: &str, depth: usize) -> bool {
    if depth >= MAX_FRAMES {
        return true;
    }
    let lower = html.to_ascii_lowercase();
    tags(&lower).any(|t| {
        t.name == "script"
            || t.attributes()
                .any(|(name, _)| super::html_tags::is_event_handler(name))
    }) || attribute_urls(html)
        .into_iter()
        .any(|r| super::links::runs_script(&decode_refs(&html[r])))
        || !framed(html, depth + 1).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page held in a frame's own address runs its scripts as the page does.
    #[test]
    fn finds_framed_pages_that_run_scripts() {
        let framed = |html: &str| -> Vec<String> {
            (framed_scripts(html).into_iter())
                .map(|r| html[r].to_string())
                .collect()
        };
        // `<script>alert(1)</script>` in base64, and a handler, percent-encoded.
        let b64 = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==";
        assert_eq!(framed(&format!("<iframe src=\"{b64}\"></iframe>")), [b64]);
        assert_eq!(
            framed("<object data='data:image/svg+xml,%3Csvg%20onload=x()%3E'></object>"),
            ["data:image/svg+xml,%3Csvg%20onload=x()%3E"]
        );
        assert_eq!(
            framed("<iframe srcdoc=\"&lt;a href='javascript:x()'&gt;\"></iframe>").len(),
            1
        );
        // A nested page's own frame, its base64 case kept.
        let nested = format!("data:text/html,<iframe src='{b64}'>");
        assert_eq!(framed(&format!("<embed src=\"{nested}\">")).len(), 1);
        // Images, PDFs and pages without script are left alone.
        assert!(framed("<iframe src=\"data:text/html,<p>Bonjour</p>\"></iframe>").is_empty());
        assert!(framed("<embed src=\"data:application/pdf;base64,JVBERi0=\">").is_empty());
        assert!(framed("<img src=\"data:text/html,<script>x</script>\">").is_empty());
        // Frames within frames past the limit are not trusted.
        let deep = (0..MAX_FRAMES + 1).fold("<p>".to_string(), |inner, _| {
            format!(
                "<iframe srcdoc=\"{}\"></iframe>",
                crate::html::escape(&inner)
            )
        });
        assert_eq!(framed(&deep).len(), 1);
    }
}
