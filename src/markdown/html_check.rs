//! Raw HTML passes through (authors are trusted), but anything that loads a remote
//! resource fails offline, and a `<base>` or a refresh takes the reader off the
//! page: find those so authors hear about it.

use std::ops::Range;

use super::css;
use super::data_documents::data_document_loads;
use super::html_tags::{decode_refs, tags};

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

/// Where every remote address `html` would fetch sits, read as a browser reads
/// it (character references decoded, spaces trimmed, `https:host`): the values of
/// loading attributes on any tag (`<img>`, `<link>`, SVG's `<image>`, `<table
/// background>`…), an `<iframe srcdoc>` that loads, and a style (attribute or
/// `<style>` sheet) that names a remote address anywhere (`url()`, `@import`,
/// `image-set()`, CSS escapes included), whose whole text is then the range.
pub fn remote_loads(html: &str) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut ranges = Vec::new();
    let mut sheets = Vec::new();
    for tag in tags(&lower) {
        let animates = matches!(tag.name, "set" | "animate");
        // `<link rel="canonical">` names an address, it fetches nothing.
        let names_only = tag.name == "link" && !link_loads(&lower, &tag);
        for (attr, value) in tag.attributes() {
            let decoded = decode_refs(&lower[value.clone()]);
            let remote = match attr {
                "style" => css::loads_remote(&decoded),
                "srcdoc" => loads_or_hijacks(&decoded),
                "srcset" | "imagesrcset" => decoded.split(',').any(is_remote),
                // A link's pings go out when it is followed.
                "ping" => decoded.split_ascii_whitespace().any(is_remote),
                // SVG animation sets an `href` to its `to`/`values`.
                "to" | "from" | "values" if animates => decoded.split(';').any(is_remote),
                _ if LINK_TAGS.contains(&tag.name) && attr.ends_with("href") => false,
                "href" if names_only => false,
                _ if LOADING_ATTRS.contains(&attr) => {
                    is_remote(&decoded)
                        || (!IMAGE_TAGS.contains(&tag.name)
                            && data_document_loads(&decode_refs(&html[value.clone()])))
                }
                _ => false,
            };
            if remote {
                ranges.push(value);
            }
        }
        if tag.name == "style" && !tag.self_closing() {
            let from = tag.start + tag.text.len();
            let to = lower[from..]
                .find("</style")
                .map_or(lower.len(), |i| from + i);
            sheets.push(from..to);
        }
    }
    for sheet in sheets {
        if css::loads_remote(&lower[sheet.clone()]) {
            ranges.push(sheet);
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Whether a `<link>` fetches its `href`: unless each of its kinds only names an
/// address (canonical, alternate, author, license…), it is taken to: a
/// stylesheet, an icon, a preload, a manifest, and any kind not known.
fn link_loads(lower: &str, tag: &super::html_tags::Tag<'_>) -> bool {
    let rel = tag
        .attributes()
        .find(|(attr, _)| *attr == "rel")
        .map(|(_, value)| decode_refs(&lower[value]).into_owned())
        .unwrap_or_default();
    !rel.split_ascii_whitespace().all(|r| NAMING.contains(&r))
}

/// The kinds of `<link>` that fetch nothing.
const NAMING: &[&str] = &[
    "canonical",
    "alternate",
    "author",
    "license",
    "help",
    "next",
    "prev",
    "search",
    "bookmark",
    "external",
    "nofollow",
    "noopener",
    "noreferrer",
    "tag",
    "me",
    "shortlink",
    "privacy-policy",
    "terms-of-service",
    "archives",
    "first",
    "last",
    "up",
    "index",
    "contents",
];

/// Tags that show what they load as an image: a browser lets no image fetch
/// anything else, so a `data:` SVG there is only a picture.
const IMAGE_TAGS: &[&str] = &[
    "img", "image", "input", "source", "video", "audio", "picture",
];

pub(super) fn loads_or_hijacks(html: &str) -> bool {
    !remote_loads(html).is_empty() || !hijacks(html).is_empty()
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
    for tag in tags(&lower) {
        let range = tag.start - 1..tag.start + tag.name.len();
        match tag.name {
            "base" => found.push((range, Hijack::Base)),
            "meta" => {
                let refresh = tag.attributes().any(|(attr, value)| {
                    attr == "http-equiv" && decode_refs(lower[value].trim()) == "refresh"
                });
                if refresh {
                    found.push((range, Hijack::Refresh));
                }
            }
            _ => {}
        }
    }
    found
}

/// The anchors raw HTML defines: its `id`s, and the `name` of its `<a>` (as Word
/// and Pandoc write them), so links to them are not reported missing.
pub fn ids(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut ids = Vec::new();
    for tag in tags(&lower) {
        for (attr, value) in tag.attributes() {
            // `<div id>` has none: an id is never empty.
            if (attr == "id" || (tag.name == "a" && attr == "name")) && !value.is_empty() {
                // Cut from `html`, not `lower`: ids are case-sensitive.
                ids.push(decode_refs(&html[value]).into_owned());
            }
        }
    }
    ids
}

/// `html` with every remote address a tag would fetch taken out: the page then
/// makes no request at all, as a page read offline must. An address becomes
/// `data:,`, which loads nothing and keeps the tag valid (an `<img>` needs a
/// `src`, and shows its `alt` instead); a `srcset` goes whole, or its empty
/// image would replace the `src`; a style or an `srcdoc` is emptied.
pub fn without_remote_loads(html: &str) -> Option<String> {
    let ranges = remote_loads(html);
    if ranges.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for range in ranges {
        match attribute_at(html, range.start) {
            Some((name, name_start, quoted)) if name == "srcset" => {
                out.push_str(&html[copied..name_start]);
                copied = range.end + usize::from(quoted);
            }
            Some((name, ..)) if name != "style" && name != "srcdoc" => {
                out.push_str(&html[copied..range.start]);
                out.push_str("data:,");
                copied = range.end;
            }
            _ => {
                out.push_str(&html[copied..range.start]);
                copied = range.end;
            }
        }
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// The attribute whose value starts at `start` in `html`: its name in lower
/// case, where the name starts and whether the value is quoted. None for text
/// that is no attribute's value (a `<style>` sheet).
fn attribute_at(html: &str, start: usize) -> Option<(String, usize, bool)> {
    let before = &html[..start];
    let unquoted = before.strip_suffix(['"', '\'']);
    let quoted = unquoted.is_some();
    let before = unquoted.unwrap_or(before).trim_end();
    let before = before.strip_suffix('=')?.trim_end();
    let name_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '/'))
        .map_or(0, |i| i + 1);
    let name = &before[name_start..];
    (!name.is_empty()).then(|| (name.to_ascii_lowercase(), name_start, quoted))
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

/// Where every `href`, `src`, `poster` and `<object data>` value, and every address of a
/// `srcset`, sits in `html`, in order: raw HTML may point to pages and files of
/// `content/` too.
pub fn attribute_urls(html: &str) -> Vec<Range<usize>> {
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
    for tag in tags(&lower) {
        // `<set attributeName="href" to="…">`: SVG animation sets a link.
        let animates_href = matches!(tag.name, "set" | "animate")
            && tag.attributes().any(|(attr, value)| {
                attr == "attributename" && matches!(&lower[value], "href" | "xlink:href")
            });
        for (attr, value) in tag.attributes() {
            if animates_href && matches!(attr, "to" | "from" | "values") {
                urls.extend(split_ranges(&lower, value, ';'));
            } else if attr == "srcset" {
                urls.extend(srcset_urls(html, value));
            } else if attr == "style" {
                urls.extend(css::url_ranges(&lower, value));
            } else if URL_ATTRS.contains(&attr) && (attr != "data" || tag.name == "object") {
                // `data` is an address on `<object>` only; elsewhere (`<data>`, a
                // custom element) it is a value.
                urls.push(value);
            }
        }
        if tag.name == "style" && !tag.self_closing() {
            let from = tag.start + tag.text.len();
            let to = lower[from..]
                .find("</style")
                .map_or(lower.len(), |i| from + i);
            urls.extend(css::url_ranges(&lower, from..to));
        }
    }
    urls.sort_by_key(|r| r.start);
    urls
}

/// The parts of `value` between `separator`s, trimmed, empty ones left out.
fn split_ranges(text: &str, value: Range<usize>, separator: char) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = value.start;
    for part in text[value.clone()].split(separator) {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let lead = part.len() - part.trim_start().len();
            ranges.push(start + lead..start + lead + trimmed.len());
        }
        start += part.len() + separator.len_utf8();
    }
    ranges
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

    /// The first remote URL a loading tag in `html` points to, if any.
    fn external_load(html: &str) -> Option<String> {
        remote_loads(html)
            .first()
            .map(|range| html[range.clone()].to_string())
    }

    #[test]
    fn finds_remote_loads() {
        assert_eq!(
            external_load("<img src=\"https://x.org/a.png\">").as_deref(),
            Some("https://x.org/a.png")
        );
        assert!(external_load("<iframe src='//evil.example/'></iframe>").is_some());
        assert!(external_load("<script src=https://cdn.example/x.js></script>").is_some());
    }

    /// SVG animation that sets a link: its values are addresses.
    #[test]
    fn animated_links_are_addresses() {
        let html = "<svg><a><set attributeName=\"href\" to=\"javascript:x()\"/>\
                    <animate attributename=xlink:href values=\"a.md; javascript:y()\"/>\
                    <animate attributeName=\"r\" values=\"1;2\"/></a></svg>";
        let urls: Vec<&str> = (attribute_urls(html).into_iter())
            .map(|r| &html[r])
            .collect();
        assert_eq!(urls, ["javascript:x()", "a.md", "javascript:y()"]);
    }

    #[test]
    fn reads_url_attributes_of_any_tag() {
        let html = "<a HREF=\"Astreinte Nuit.csv\">x</a><img src='plan.svg' alt=x>\
                    <object data=doc.pdf></object><div data-src=\"no.png\" hrefx=\"no\">\
                    <div data=\"x\"><data value=\"1\" data=y>";
        let values: Vec<&str> = attribute_urls(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(values, ["Astreinte Nuit.csv", "plan.svg", "doc.pdf"]);
        let html = "<img srcset=\"a.png 1x, dossier/b c.png 2x,c.png\" src=d.png>";
        let values: Vec<&str> = attribute_urls(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(values, ["a.png", "dossier/b", "c.png", "d.png"]);
        assert!(attribute_urls("<a href=>x</a> href")
            .iter()
            .all(|r| r.is_empty()));
        // Quotes written as references, as a browser reads them.
        let html = "<p style=\"background:url(&quot;../logo racine.png&quot;)\">s</p>\
                    <p style=\"background:url(&#39;b.png&#39;)\">";
        let values: Vec<&str> = attribute_urls(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(values, ["../logo racine.png", "b.png"]);
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
                "<img alt=\"a > b\" SRC='data:,'><a href=\"https://cnil.fr\">CNIL</a>\
                 <img  src=local.png>\
                 <video poster=data:,></video>"
            )
        );
        assert_eq!(
            without_remote_loads("<img src=\"plan.svg\"><a href=//x>y</a>"),
            None
        );
        let html = "<p STYLE = \"background:url(https://x.org/a.png)\">t</p>\
                    <link rel=stylesheet href='https://cdn.example/x.css'>\
                    <style>@import url(https://x.org/s.css);</style>\
                    <iframe srcdoc=\"<img src=https://x.org/a.png>\"></iframe>";
        assert_eq!(
            without_remote_loads(html).as_deref(),
            Some(
                "<p STYLE = \"\">t</p><link rel=stylesheet href='data:,'>\
                 <style></style><iframe srcdoc=\"\"></iframe>"
            ),
            "styles and documents are emptied, addresses made data:,"
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
                // A style naming a remote address is emptied whole.
                "@import url(https://fonts.example/css); p { background: url('//cdn.example/a.png') }\
                 @import \"http://x.example/y.css\"; .l { background: url(local.png) }",
                "background: url(https://x.example/bg.png)",
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
    fn finds_remote_loads_behind_separators_escapes_and_documents() {
        for html in [
            "<img/src=\"https://x.example/a.png\">",
            "<img alt=\"x\"src=\"https://x.example/a.png\">",
            "<div style=\"background:u&#114;l(https://x.example/a.png)\">",
            "<div style=\"background:\\75 rl(https://x.example/a.png)\">",
            "<div style=\"background-image:image-set(&quot;https://x.example/a.png&quot; 1x)\">",
            "<style>@\\69mport \"https://x.example/a.css\";</style>",
            "<iframe srcdoc=\"&lt;img src=https://x.example/a.png&gt;\"></iframe>",
            "<svg><image><set attributeName=\"href\" to=\"https://x.example/a.png\"/></image></svg>",
            "<link rel=\"preload\" as=\"image\" imagesrcset=\"https://x.example/v.png 1x\">",
            "<a href=\"#x\" ping=\"https://x.example/p\">x</a>",
            "<iframe src=\"data:text/html,%3Cimg%20src%3Dhttps://x.example/y.png%3E\"></iframe>",
            "<object data=\"data:image/svg+xml,%3Csvg%3E%3Cimage%20href%3D%22https://x.example/b.png%22/%3E%3C/svg%3E\"></object>",
            "<embed src=\"data:text/html;base64,PGltZyBzcmM9aHR0cHM6Ly9ldmlsLmV4YW1wbGUvYjcucG5nPg==\">",
            "<link rel=\"stylesheet\" href=\"data:text/css,@import url(https://x.example/b1.css);\">",
            "<link rel=\"alternate stylesheet\" href=\"https://x.example/b.css\">",
            "<link rel=\"Icon\" href=\"https://x.example/f.ico\">",
            "<link rel=\"whatever\" href=\"https://x.example/w\">",
            "<link rel=\"stylesheet\" href=\"data:text/css,body{background:url(https://x.example/b2.png)}\">",
            "<iframe src=\"data:text/html;base64,@@@\"></iframe>",
            // UTF-16, with or without its byte-order mark, encoded either way.
            "<iframe src=\"data:text/html;base64,//48AGkAbQBnACAAcwByAGMAPQBoAHQAdABwADoALwAvAHgALwA+AA==\"></iframe>",
            "<iframe src=\"data:text/html;charset=utf-16le,%3C%00i%00m%00g%00%20%00s%00r%00c%00=%00h%00t%00t%00p%00:%00/%00/%00x%00/%00%3E%00\"></iframe>",
        ] {
            assert!(external_load(html).is_some(), "{html}");
        }
        for html in [
            "<div style=\"color: red\">",
            "<style>p { background: url(local.png) }</style>",
            "<iframe srcdoc=\"&lt;p&gt;texte&lt;/p&gt;\"></iframe>",
            "<iframe src=\"data:text/html;base64,PHA+dGV4dGU8L3A+\"></iframe>",
            "<img src=\"data:image/svg+xml,%3Csvg%3E%3Cimage%20href%3D%22https://x.example/b.png%22/%3E%3C/svg%3E\">",
            "<a href=\"#x\" ping=\"suivi.html\">x</a>",
            // A namespace, a link's address or a PDF is no load.
            "<object type=\"image/svg+xml\" data=\"data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22%3E%3Crect/%3E%3C/svg%3E\"></object>",
            "<iframe src=\"data:text/html,Source%20:%20https://sante.gouv.fr%20%3Ca%20href='https://sante.gouv.fr'%3Ex%3C/a%3E\"></iframe>",
            "<object data=\"data:application/pdf;base64,JVBERi0xLjQKL1VSSShodHRwczovL3NhbnRlLmdvdXYuZnIvKQ==\"></object>",
            "<link rel=\"canonical\" href=\"https://plan.example/\">",
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://plan.example/en/\">",
        ] {
            assert!(external_load(html).is_none(), "{html}");
        }
    }

    #[test]
    fn finds_what_takes_the_reader_off_the_page() {
        let html = "<p>x</p><BASE href=\"https://x.example/\"><meta charset=utf-8>\
                    <meta/http-equiv=\"Refresh\" content=\"0; url=https://x.example\">";
        let found: Vec<(&str, Hijack)> = hijacks(html)
            .into_iter()
            .map(|(r, h)| (&html[r], h))
            .collect();
        assert_eq!(found, [("<BASE", Hijack::Base), ("<meta", Hijack::Refresh)]);
    }

    #[test]
    fn reads_anchors_raw_html_defines() {
        let html =
            "<a name=\"_Toc123\"></a><div id=\"Bloc\" class=x><abbr name=no><p id><p id=\"\">";
        assert_eq!(ids(html), ["_Toc123", "Bloc"]);
    }

    #[test]
    fn ignores_local_and_plain_links() {
        assert!(external_load("<img src=\"schema.svg\">").is_none());
        assert!(external_load("<a href=\"https://cnil.fr\">CNIL</a>").is_none());
        assert!(external_load("<div data-src=\"https://x\">").is_none());
    }
}
