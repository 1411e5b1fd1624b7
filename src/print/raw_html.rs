//! Raw HTML in the HTML print bundle: one file that references nothing outside
//! itself. Its text must still print (a phone number in a raw `<a href="tel:">`
//! is what the reader needs on paper), so what would reference something is taken
//! out of the tags, not the text out of the page: links keep their text, images are
//! embedded or replaced by their alternative text, and a fragment that runs or
//! loads code is left out whole.

use crate::markdown::css;
use crate::markdown::html_tags;
use crate::markdown::html_tags::decode_refs;

/// Attributes that make the reader's browser fetch or go somewhere.
const REFERENCING: &[&str] = &[
    "action",
    "background",
    "data",
    "formaction",
    "href",
    "longdesc",
    "ping",
    "poster",
    "src",
    "srcset",
    "xlink:href",
];

/// Elements that load something as the page opens, whatever their attributes,
/// and SVG animations, which set an address (`<set attributeName="href" to=…>`).
const LOADING: &[&str] = &[
    "animate",
    "animatemotion",
    "animatetransform",
    "audio",
    "base",
    "embed",
    "iframe",
    "link",
    "meta",
    "object",
    "set",
    "source",
    "track",
    "video",
];

/// A raw link as [`self_contained`] meets it, in the order of the HTML.
#[derive(Debug, PartialEq)]
pub enum RawLink {
    /// An `<a>` start tag, with its `href` (references decoded).
    Open(Option<String>),
    /// An `</a>` end tag.
    Close,
}

/// `raw` with nothing that references outside the file, or `None` when it holds
/// code (`<script>`, a `<style>` sheet, or the end tag of one, whose text came
/// before in a paragraph): those are left out. `image` gives
/// the HTML standing for an `<img>` (its `src` and `alt`, references decoded);
/// `link` is told of each link's start and end tag, and gives what to write
/// after it (the endnote call that stands for a link's address).
pub fn self_contained(
    raw: &str,
    mut image: impl FnMut(&str, &str) -> String,
    mut link: impl FnMut(RawLink) -> String,
    anchor: impl Fn(&str) -> String,
) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if ["<script", "<style", "</script", "</style"]
        .iter()
        .any(|n| lower.contains(n))
    {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    for tag in html_tags::tags(&lower) {
        let whole = tag.start - 1..tag.start + tag.text.len();
        copy_between_tags(&mut out, raw, &lower, copied..whole.start, &mut link);
        copied = whole.start;
        let value = |name: &str| {
            tag.attributes()
                .find(|(n, _)| *n == name)
                .map(|(_, r)| decode_refs(&raw[r]).into_owned())
        };
        if tag.name == "img" {
            let (src, alt) = (value("src"), value("alt"));
            out.push_str(&image(&src.unwrap_or_default(), &alt.unwrap_or_default()));
            copied = whole.end;
        } else if LOADING.contains(&tag.name) {
            copied = whole.end;
        } else {
            if tag.name == "details" && !tag.attributes().any(|(n, _)| n == "open") {
                // Paper cannot be unfolded: what the author folded prints open.
                let name_end = tag.start + "details".len();
                out.push_str(&raw[copied..name_end]);
                out.push_str(" open");
                copied = name_end;
            }
            for (name, span, value) in tag.attribute_spans() {
                // A bundle holds many procedures: each one's ids are its own.
                if (name == "id" || (name == "name" && tag.name == "a")) && !value.is_empty() {
                    out.push_str(&raw[copied..value.start]);
                    out.push_str(&crate::html::escape(&anchor(&decode_refs(
                        &raw[value.clone()],
                    ))));
                    copied = value.end;
                    continue;
                }
                let loads = name == "style" && css::names_address(&raw[value]);
                // An event handler runs script: the bundle has none.
                let runs = html_tags::is_event_handler(name);
                if loads || runs || REFERENCING.contains(&name) {
                    out.push_str(&raw[copied..span.start]);
                    copied = span.end;
                }
            }
            if tag.name == "a" && !tag.self_closing() {
                out.push_str(&raw[copied..whole.end]);
                copied = whole.end;
                out.push_str(&link(RawLink::Open(value("href"))));
            }
        }
    }
    copy_between_tags(&mut out, raw, &lower, copied..raw.len(), &mut link);
    Some(out)
}

/// Copies `raw[range]`, which holds no start tag, telling `link` of each `</a>`
/// in it and writing what it gives after that end tag. The end tags of the
/// elements left out (`</video>`) go with their start tags.
fn copy_between_tags(
    out: &mut String,
    raw: &str,
    lower: &str,
    range: std::ops::Range<usize>,
    link: &mut impl FnMut(RawLink) -> String,
) {
    let mut from = range.start;
    let mut at = range.start;
    while let Some(i) = lower[at..range.end].find("</") {
        let name_start = at + i + 2;
        let name_len = lower[name_start..range.end]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(range.end - name_start);
        let name_end = name_start + name_len;
        at = name_end;
        let ends_name = lower[name_end..range.end]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, '/' | '>'));
        let name = &lower[name_start..name_end];
        if !ends_name || (name != "a" && !LOADING.contains(&name)) {
            continue;
        }
        let end = html_tags::tag_end(lower.as_bytes(), name_end).min(range.end);
        if name == "a" {
            out.push_str(&raw[from..end]);
            out.push_str(&link(RawLink::Close));
        } else {
            out.push_str(&raw[from..name_start - 2]);
        }
        from = end;
        at = end;
    }
    out.push_str(&raw[from..range.end]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt_only(_: &str, alt: &str) -> String {
        format!("[{alt}]")
    }

    fn kept(raw: &str) -> Option<String> {
        self_contained(raw, alt_only, |_| String::new(), str::to_string)
    }

    #[test]
    fn links_keep_their_text() {
        assert_eq!(
            kept("<p>Appeler le <a href=\"tel:+33123\">01 23</a>.</p>").as_deref(),
            Some("<p>Appeler le <a >01 23</a>.</p>")
        );
        assert_eq!(
            kept("<td><A HREF='x.pdf' title=t>plan</a></td>").as_deref(),
            Some("<td><A  title=t>plan</a></td>")
        );
    }

    #[test]
    fn links_are_told_in_order_and_their_end_takes_a_call() {
        let mut seen = Vec::new();
        let out = self_contained(
            "<p>Voir <A HREF=\"https://x.fr/?a=1&amp;b=2\">le site</A > et <a name=n>ici</a>, \
             <abbr>ARS</abbr></p>",
            alt_only,
            |l| {
                let after = if l == RawLink::Close { "[n]" } else { "" };
                seen.push(l);
                after.to_string()
            },
            |a| format!("p-X--{a}"),
        );
        assert_eq!(
            out.as_deref(),
            Some("<p>Voir <A >le site</A >[n] et <a name=p-X--n>ici</a>[n], <abbr>ARS</abbr></p>")
        );
        assert_eq!(
            seen,
            [
                RawLink::Open(Some("https://x.fr/?a=1&b=2".into())),
                RawLink::Close,
                RawLink::Open(None),
                RawLink::Close,
            ]
        );
    }

    #[test]
    fn images_are_handed_over_and_loaders_dropped() {
        assert_eq!(
            self_contained("<figure><IMG SRC=\"a&amp;b.png\" alt=\"Plan\"><figcaption>Plan</figcaption></figure>", |src, alt| format!("{src}:{alt}"), |_| String::new(), str::to_string).as_deref(),
            Some("<figure>a&b.png:Plan<figcaption>Plan</figcaption></figure>")
        );
        assert_eq!(
            kept("<video src=\"v.mp4\">Vidéo</video>").as_deref(),
            Some("Vidéo"),
            "the end tag goes with the start tag"
        );
        assert_eq!(
            kept("<VIDEO src=v.webm>Vidéo</Video ><p>Texte</p></audio>").as_deref(),
            Some("Vidéo<p>Texte</p>")
        );
    }

    #[test]
    fn folded_details_print_open() {
        assert_eq!(
            kept("<details class=\"x\">").as_deref(),
            Some("<details open class=\"x\">")
        );
        assert_eq!(kept("<details open>").as_deref(), Some("<details open>"));
        // A word of a value is no attribute.
        assert_eq!(
            kept("<details title=\"open me\">").as_deref(),
            Some("<details open title=\"open me\">")
        );
    }

    #[test]
    fn handlers_escaped_styles_and_animations_are_taken_out() {
        let cases = [
            ("<svg onload=\"x()\"></svg>", "<svg ></svg>"),
            (
                "<div style=\"background:u&#114;l(https://e/x)\">t</div>",
                "<div >t</div>",
            ),
            (
                "<div style=\"background:u\\72 l(https://e/x)\">t</div>",
                "<div >t</div>",
            ),
            (
                "<div style=\"background-image:image-set('https://e/x' 1x)\">t</div>",
                "<div >t</div>",
            ),
            (
                "<svg><set attributeName=\"href\" to=\"https://e/x\"/></svg>",
                "<svg></svg>",
            ),
            ("<details ontoggle=\"x()\">", "<details open >"),
            // Written without a value, an id is none, and a handler goes too.
            ("<p id class=x onclick>t</p>", "<p id class=x >t</p>"),
        ];
        for (raw, expected) in cases {
            assert_eq!(kept(raw).as_deref(), Some(expected), "{raw}");
        }
    }

    #[test]
    fn code_is_left_out() {
        assert_eq!(kept("<script>x()</script>"), None);
        assert_eq!(kept("</Script >"), None, "a paragraph's script ends");
        assert_eq!(
            kept("<div style=\"background:url(a.png)\">x</div>").as_deref(),
            Some("<div >x</div>")
        );
    }
}
