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

/// `raw` with nothing that references outside the file, or `None` when it holds
/// code (`<script>`, a `<style>` sheet): those are left out. `image` gives
/// the HTML standing for an `<img>` (its `src` and `alt`, references decoded).
pub fn self_contained(raw: &str, mut image: impl FnMut(&str, &str) -> String) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if ["<script", "<style"].iter().any(|n| lower.contains(n)) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    for tag in html_tags::tags(&lower) {
        let whole = tag.start - 1..tag.start + tag.text.len();
        if tag.name == "img" {
            let value = |name: &str| {
                tag.attributes()
                    .find(|(n, _)| *n == name)
                    .map(|(_, r)| decode_refs(&raw[r]).into_owned())
                    .unwrap_or_default()
            };
            out.push_str(&raw[copied..whole.start]);
            out.push_str(&image(&value("src"), &value("alt")));
            copied = whole.end;
        } else if LOADING.contains(&tag.name) {
            out.push_str(&raw[copied..whole.start]);
            copied = whole.end;
        } else {
            if tag.name == "details"
                && !tag.attributes().any(|(n, _)| n == "open")
                && !tag.text.contains(" open")
            {
                // Paper cannot be unfolded: what the author folded prints open.
                let name_end = tag.start + "details".len();
                out.push_str(&raw[copied..name_end]);
                out.push_str(" open");
                copied = name_end;
            }
            for (name, span, value) in tag.attribute_spans() {
                let loads = name == "style" && css::names_address(&raw[value]);
                // An event handler runs script: the bundle has none.
                let runs = name.starts_with("on");
                if loads || runs || REFERENCING.contains(&name) {
                    out.push_str(&raw[copied..span.start]);
                    copied = span.end;
                }
            }
        }
    }
    out.push_str(&raw[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt_only(_: &str, alt: &str) -> String {
        format!("[{alt}]")
    }

    #[test]
    fn links_keep_their_text() {
        assert_eq!(
            self_contained(
                "<p>Appeler le <a href=\"tel:+33123\">01 23</a>.</p>",
                alt_only
            )
            .as_deref(),
            Some("<p>Appeler le <a >01 23</a>.</p>")
        );
        assert_eq!(
            self_contained("<td><A HREF='x.pdf' title=t>plan</a></td>", alt_only).as_deref(),
            Some("<td><A  title=t>plan</a></td>")
        );
    }

    #[test]
    fn images_are_handed_over_and_loaders_dropped() {
        assert_eq!(
            self_contained("<figure><IMG SRC=\"a&amp;b.png\" alt=\"Plan\"><figcaption>Plan</figcaption></figure>", |src, alt| format!("{src}:{alt}")).as_deref(),
            Some("<figure>a&b.png:Plan<figcaption>Plan</figcaption></figure>")
        );
        assert_eq!(
            self_contained("<video src=\"v.mp4\">Vidéo</video>", alt_only).as_deref(),
            Some("Vidéo</video>")
        );
    }

    #[test]
    fn folded_details_print_open() {
        assert_eq!(
            self_contained("<details class=\"x\">", alt_only).as_deref(),
            Some("<details open class=\"x\">")
        );
        assert_eq!(
            self_contained("<details open>", alt_only).as_deref(),
            Some("<details open>")
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
        ];
        for (raw, kept) in cases {
            assert_eq!(
                self_contained(raw, alt_only).as_deref(),
                Some(kept),
                "{raw}"
            );
        }
    }

    #[test]
    fn code_is_left_out() {
        assert_eq!(self_contained("<script>x()</script>", alt_only), None);
        assert_eq!(
            self_contained("<div style=\"background:url(a.png)\">x</div>", alt_only).as_deref(),
            Some("<div >x</div>")
        );
    }
}
