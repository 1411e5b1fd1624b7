//! Raw HTML passes through (authors are trusted), but anything that loads a remote
//! resource fails offline: find those tags so authors hear about it.

const LOADING_TAGS: &[&str] = &[
    "img", "iframe", "script", "link", "video", "audio", "source", "embed", "object", "track",
];
const LOADING_ATTRS: &[&str] = &["src", "href", "data", "srcset", "poster"];

/// The first remote URL a loading tag in `html` points to, if any.
pub fn external_load(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        let tag_text = &rest[start + 1..];
        let end = tag_text.find('>').unwrap_or(tag_text.len());
        let tag = &tag_text[..end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if LOADING_TAGS.contains(&name.as_str()) {
            if let Some(url) = remote_attr(tag) {
                return Some(url);
            }
        }
        rest = &tag_text[end.min(tag_text.len())..];
    }
    None
}

fn remote_attr(tag: &str) -> Option<String> {
    for attr in LOADING_ATTRS {
        let mut search = tag;
        while let Some(pos) = search.find(attr) {
            let after = search[pos + attr.len()..].trim_start();
            let preceded_ok = pos == 0 || search.as_bytes()[pos - 1].is_ascii_whitespace();
            if let (true, Some(value)) = (preceded_ok, after.strip_prefix('=')) {
                let value = value.trim_start().trim_start_matches(['"', '\'']);
                if value.starts_with("http://")
                    || value.starts_with("https://")
                    || value.starts_with("//")
                {
                    let url: String = value
                        .chars()
                        .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '>'))
                        .collect();
                    return Some(url);
                }
            }
            search = &search[pos + attr.len()..];
        }
    }
    None
}

/// Where every `href`, `src`, `data` and `poster` value sits in `html`, in order:
/// raw HTML may point to pages and files of `content/` too.
pub fn attribute_urls(html: &str) -> Vec<std::ops::Range<usize>> {
    const URL_ATTRS: &[&str] = &["href", "src", "data", "poster"];
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
            urls.push(value_start..end);
        }
    }
    urls.sort_by_key(|r| r.start);
    urls
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
    fn reads_url_attributes_of_any_tag() {
        let html = "<a HREF=\"Astreinte Nuit.csv\">x</a><img src='plan.svg' alt=x>\
                    <object data=doc.pdf></object><div data-src=\"no.png\" hrefx=\"no\">";
        let values: Vec<&str> = attribute_urls(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(values, ["Astreinte Nuit.csv", "plan.svg", "doc.pdf"]);
        assert!(attribute_urls("<a href=>x</a> href")
            .iter()
            .all(|r| r.is_empty()));
    }

    #[test]
    fn ignores_local_and_plain_links() {
        assert!(external_load("<img src=\"schema.svg\">").is_none());
        assert!(external_load("<a href=\"https://cnil.fr\">CNIL</a>").is_none());
        assert!(external_load("<div data-src=\"https://x\">").is_none());
    }
}
