//! Raw HTML passes through (authors are trusted), but anything that loads a remote
//! resource fails offline, and a `<base>` or a refresh takes the reader off the
//! page: find those so authors hear about it.

use std::ops::Range;

/// Attributes whose address the browser fetches as the page loads. On `<a>` and
/// `<area>`, `href` is a link the reader may follow instead.
const LOADING_ATTRS: &[&str] = &[
    "src",
    "href",
    "xlink:href",
    "data",
    "srcset",
    "poster",
    "background",
];
const LINK_TAGS: &[&str] = &["a", "area"];

/// Where every remote address `html` would fetch sits: the values of loading
/// attributes (on any tag: `<img>`, `<link>`, SVG's `<image>`, `<table
/// background>`…) and the `url(…)` and `@import` of inline CSS, read as a browser
/// reads them (character references decoded, spaces trimmed, `https:host`).
pub fn remote_loads(html: &str) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(lt) = lower[at..].find('<').map(|i| i + at) {
        let tag_start = lt + 1;
        let end = tag_end(lower.as_bytes(), tag_start);
        let tag = &lower[tag_start..end];
        let name_len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        for (attr, value) in attribute_values(tag) {
            let shift = |r: Range<usize>| tag_start + r.start..tag_start + r.end;
            if attr == "style" {
                let css = &tag[value.clone()];
                ranges.extend(
                    css_remote_urls(css).map(|r| shift(value.start + r.start..value.start + r.end)),
                );
                continue;
            }
            let is_link = LINK_TAGS.contains(&name) && attr.ends_with("href");
            if !LOADING_ATTRS.contains(&attr) || is_link {
                continue;
            }
            let decoded = decode_refs(&tag[value.clone()]);
            let remote = if attr == "srcset" {
                decoded.split(',').any(is_remote)
            } else {
                is_remote(&decoded)
            };
            if remote {
                ranges.push(shift(value));
            }
        }
        at = end.max(tag_start);
        // A style sheet's text: its `url(…)` and `@import` load too.
        if name == "style" && !tag.ends_with("/>") {
            let close = lower[at..].find("</style").map_or(lower.len(), |i| at + i);
            ranges.extend(css_remote_urls(&lower[at..close]).map(|r| at + r.start..at + r.end));
            at = close;
        }
    }
    ranges
}

/// The remote addresses of `url(…)` and `@import "…"` in (lowercased) CSS.
fn css_remote_urls(css: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let starts = css
        .match_indices("url(")
        .map(|(i, m)| i + m.len())
        .chain(css.match_indices("@import").map(|(i, m)| i + m.len()));
    starts.filter_map(move |from| {
        let rest = &css[from..];
        let start = from + (rest.len() - rest.trim_start().len());
        let quote = css[start..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''));
        let value_start = start + quote.map_or(0, |q| q.len_utf8());
        let len = css[value_start..]
            .find(|c: char| match quote {
                Some(q) => c == q,
                None => c == ')' || c.is_ascii_whitespace() || c == ';',
            })
            .unwrap_or(css.len() - value_start);
        let range = value_start..value_start + len;
        is_remote(&decode_refs(&css[range.clone()])).then_some(range)
    })
}

/// What raw HTML may do that takes the reader off the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hijack {
    /// `<base href>`: every relative link of the page then points elsewhere.
    Base,
    /// `<meta http-equiv="refresh">`: the page leaves by itself.
    Refresh,
}

/// Every `<base>` and refreshing `<meta>` in `html`, with the range of its tag name.
pub fn hijacks(html: &str) -> Vec<(Range<usize>, Hijack)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(lt) = lower[at..].find('<').map(|i| i + at) {
        let end = tag_end(lower.as_bytes(), lt + 1);
        let tag = &lower[lt + 1..end];
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let range = lt..lt + 1 + name_end;
        match &tag[..name_end] {
            "base" => found.push((range, Hijack::Base)),
            "meta" => {
                let refresh = attribute_values(tag).into_iter().any(|(attr, value)| {
                    attr == "http-equiv" && decode_refs(tag[value].trim()) == "refresh"
                });
                if refresh {
                    found.push((range, Hijack::Refresh));
                }
            }
            _ => {}
        }
        at = end.max(lt + 1);
    }
    found
}

/// The anchors raw HTML defines: its `id`s, and the `name` of its `<a>` (as Word
/// and Pandoc write them), so links to them are not reported missing.
pub fn ids(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut ids = Vec::new();
    let mut at = 0;
    while let Some(lt) = lower[at..].find('<').map(|i| i + at) {
        let end = tag_end(lower.as_bytes(), lt + 1);
        let tag = &lower[lt + 1..end];
        let is_a = tag.starts_with("a ") || tag.starts_with("a\n") || tag.starts_with("a\t");
        for (attr, value) in attribute_values(tag) {
            if attr == "id" || (is_a && attr == "name") {
                // Cut from `html`, not `lower`: ids are case-sensitive.
                let value = lt + 1 + value.start..lt + 1 + value.end;
                ids.push(decode_refs(&html[value]).into_owned());
            }
        }
        at = end.max(lt + 1);
    }
    ids
}

/// The first remote URL a loading tag in `html` points to, if any.
pub fn external_load(html: &str) -> Option<String> {
    remote_loads(html)
        .first()
        .map(|range| html[range.clone()].to_string())
}

/// `html` with every remote address a tag would fetch emptied: the page then
/// makes no request at all, as a page read offline must.
pub fn without_remote_loads(html: &str) -> Option<String> {
    let ranges = remote_loads(html);
    if ranges.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for range in ranges {
        out.push_str(&html[copied..range.start]);
        copied = range.end;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// Whether a browser fetches `value` from the network: `http:` and `https:` in any
/// spelling it accepts (`https:host`, ` HTTPS://`), `ftp:`, and addresses without
/// a scheme (`//host`, `\\\\host`, which from `file://` reach a file share).
fn is_remote(value: &str) -> bool {
    let url: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(8)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    ["http:", "https:", "ftp:", "//", "\\\\", "/\\", "\\/"]
        .iter()
        .any(|p| url.starts_with(p))
}

/// The end of a tag (just past its `>`, skipping quoted values), or of the text.
pub(super) fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &byte) in bytes.iter().enumerate().skip(from) {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => return i + 1,
            (None, _) => {}
        }
    }
    bytes.len()
}

/// `(name, value range)` of each `name=value` attribute in the text of one
/// (lowercased) tag.
fn attribute_values(tag: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let bytes = tag.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let name_start = i + 1;
        let name_end = tag[name_start..]
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .map_or(tag.len(), |n| name_start + n);
        let rest = &tag[name_end..];
        let after_eq = rest.trim_start().strip_prefix('=').map(str::trim_start);
        let Some(value) = after_eq else {
            i = name_end.max(i + 1);
            continue;
        };
        let value_start = tag.len() - value.len();
        let (start, end) = match value.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let close = value[1..].find(q as char).map_or(value.len(), |c| c + 1);
                (value_start + 1, value_start + close)
            }
            _ => {
                let len = value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len());
                (value_start, value_start + len)
            }
        };
        out.push((&tag[name_start..name_end], start..end));
        i = end.max(i + 1);
    }
    out
}

/// Where every `href`, `src`, `data` and `poster` value, and every address of a
/// `srcset`, sits in `html`, in order: raw HTML may point to pages and files of
/// `content/` too.
pub fn attribute_urls(html: &str) -> Vec<std::ops::Range<usize>> {
    const URL_ATTRS: &[&str] = &[
        "href",
        "src",
        "data",
        "poster",
        "srcset",
        "action",
        "formaction",
        "xlink:href",
    ];
    // ASCII lowercasing keeps byte offsets: values are cut from `html` itself.
    let lower = html.to_ascii_lowercase();
    let mut urls = Vec::new();
    for attr in URL_ATTRS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(attr).map(|p| p + from) {
            from = pos + attr.len();
            let preceded_ok = pos > 0 && lower.as_bytes()[pos - 1].is_ascii_whitespace();
            let rest = lower[from..].trim_start();
            if !preceded_ok || !rest.starts_with('=') {
                continue;
            }
            let start = html.len() - rest[1..].trim_start().len();
            let quote = html[start..]
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''));
            let value_start = start + quote.map_or(0, char::len_utf8);
            let end = html[value_start..]
                .find(|c: char| match quote {
                    Some(q) => c == q,
                    None => c.is_ascii_whitespace() || c == '>',
                })
                .map_or(html.len(), |e| value_start + e);
            if *attr == "srcset" {
                urls.extend(srcset_urls(html, value_start..end));
            } else {
                urls.push(value_start..end);
            }
        }
    }
    urls.sort_by_key(|r| r.start);
    urls
}

/// An attribute value as the browser reads it: character references decoded
/// (`&#106;avascript:` is `javascript:`). Numeric ones, with or without their `;`,
/// and the named ones a URL could hide behind.
pub fn decode_refs(value: &str) -> std::borrow::Cow<'_, str> {
    const NAMED: &[(&str, char)] = &[
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("amp;", '&'),
        ("sol;", '/'),
        ("period;", '.'),
        ("lpar;", '('),
        ("rpar;", ')'),
    ];
    if !value.contains('&') {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16, 2),
                None => (num, 10, 1),
            };
            let len = digits
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits.len());
            let decoded = u32::from_str_radix(&digits[..len], radix)
                .ok()
                .and_then(char::from_u32);
            if let (true, Some(c)) = (len > 0, decoded) {
                out.push(c);
                rest = &rest[skip + len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        } else if let Some((name, c)) = NAMED.iter().find(|(n, _)| rest.starts_with(n)) {
            out.push(*c);
            rest = &rest[name.len()..];
            continue;
        }
        out.push('&');
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The address of each `url [descriptor]` candidate of a `srcset` value.
fn srcset_urls(
    html: &str,
    value: std::ops::Range<usize>,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut at = value.start;
    std::iter::from_fn(move || {
        let text = &html[at..value.end];
        let skipped = text.len()
            - text
                .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',')
                .len();
        let start = at + skipped;
        if start >= value.end {
            return None;
        }
        let len = html[start..value.end]
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(value.end - start);
        let url_end = start + html[start..start + len].trim_end_matches(',').len();
        // Past the descriptor, to the next candidate.
        at = html[start..value.end]
            .find(',')
            .map_or(value.end, |c| start + c + 1)
            .max(url_end);
        Some(start..url_end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_remote_loads() {
        assert_eq!(
            external_load("<img src=\"https://x.org/a.png\">").as_deref(),
            Some("https://x.org/a.png")
        );
        assert!(external_load("<iframe src='//evil.example/'></iframe>").is_some());
        assert!(external_load("<script src=https://cdn.example/x.js></script>").is_some());
    }

    #[test]
    fn decodes_what_a_url_can_hide_behind() {
        assert_eq!(decode_refs("&#106;avascript:x"), "javascript:x");
        assert_eq!(decode_refs("java&#115cript:x"), "javascript:x");
        assert_eq!(decode_refs("JaVa&#x09;Script&colon;x"), "JaVa\tScript:x");
        assert_eq!(decode_refs("a&amp;b&unknown;"), "a&b&unknown;");
        assert_eq!(decode_refs("plain.html"), "plain.html");
    }

    #[test]
    fn reads_url_attributes_of_any_tag() {
        let html = "<a HREF=\"Astreinte Nuit.csv\">x</a><img src='plan.svg' alt=x>\
                    <object data=doc.pdf></object><div data-src=\"no.png\" hrefx=\"no\">";
        let values: Vec<&str> = attribute_urls(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(values, ["Astreinte Nuit.csv", "plan.svg", "doc.pdf"]);
        let html = "<img srcset=\"a.png 1x, dossier/b c.png 2x,c.png\" src=d.png>";
        let values: Vec<&str> = attribute_urls(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(values, ["a.png", "dossier/b", "c.png", "d.png"]);
        assert!(attribute_urls("<a href=>x</a> href")
            .iter()
            .all(|r| r.is_empty()));
    }

    #[test]
    fn remote_loads_are_emptied_and_links_kept() {
        let html =
            "<img alt=\"a > b\" SRC='https://x.org/a.png'><a href=\"https://cnil.fr\">CNIL</a>\
                    <img srcset=\"local.png 1x, //cdn.example/b.png 2x\" src=local.png>\
                    <video poster=http://v.example/p.jpg></video>";
        assert_eq!(
            without_remote_loads(html).as_deref(),
            Some(
                "<img alt=\"a > b\" SRC=''><a href=\"https://cnil.fr\">CNIL</a>\
                 <img srcset=\"\" src=local.png>\
                 <video poster=></video>"
            )
        );
        assert_eq!(
            without_remote_loads("<img src=\"plan.svg\"><a href=//x>y</a>"),
            None
        );
    }

    #[test]
    fn finds_remote_loads_in_every_form_a_browser_fetches() {
        let loads = |html: &str| -> Vec<String> {
            remote_loads(html)
                .into_iter()
                .map(|r| html[r].to_string())
                .collect()
        };
        let html = "<style>@import url(https://fonts.example/css); p { background: url('//cdn.example/a.png') }\
                    @import \"http://x.example/y.css\"; .l { background: url(local.png) }</style>\
                    <div style=\"background: url(https://x.example/bg.png)\">f</div>\
                    <svg><image href=\"https://x.example/i.png\"/><use xlink:href=\"https://x.example/s.svg#a\"/></svg>\
                    <input type=image src=https://x.example/b.png><table background=\"https://x.example/t.png\">\
                    <img src=\"https:x.example/noslash.png\"><img src=\" https://x.example/sp.png\">\
                    <img src=\"&#104;ttps://x.example/e.png\"><a href=\"https://cnil.fr\">CNIL</a>";
        assert_eq!(
            loads(html),
            [
                "https://fonts.example/css",
                "//cdn.example/a.png",
                "http://x.example/y.css",
                "https://x.example/bg.png",
                "https://x.example/i.png",
                "https://x.example/s.svg#a",
                "https://x.example/b.png",
                "https://x.example/t.png",
                "https:x.example/noslash.png",
                " https://x.example/sp.png",
                "&#104;ttps://x.example/e.png",
            ]
        );
    }

    #[test]
    fn finds_what_takes_the_reader_off_the_page() {
        let html = "<p>x</p><BASE href=\"https://x.example/\"><meta charset=utf-8>\
                    <meta http-equiv=\"Refresh\" content=\"0; url=https://x.example\">";
        let found: Vec<(&str, Hijack)> = hijacks(html)
            .into_iter()
            .map(|(r, h)| (&html[r], h))
            .collect();
        assert_eq!(found, [("<BASE", Hijack::Base), ("<meta", Hijack::Refresh)]);
    }

    #[test]
    fn reads_anchors_raw_html_defines() {
        let html = "<a name=\"_Toc123\"></a><div id=\"Bloc\" class=x><abbr name=no>";
        assert_eq!(ids(html), ["_Toc123", "Bloc"]);
    }

    #[test]
    fn ignores_local_and_plain_links() {
        assert!(external_load("<img src=\"schema.svg\">").is_none());
        assert!(external_load("<a href=\"https://cnil.fr\">CNIL</a>").is_none());
        assert!(external_load("<div data-src=\"https://x\">").is_none());
    }
}
