//! CSS as a browser reads it, in a `<style>`, a `style` attribute or a `data:`
//! stylesheet: escapes decoded, then every way it can name an address.

use std::ops::Range;

use super::html_tags::decode_refs;

/// Whether CSS names a remote address anywhere, escapes (`\75 rl(`, `@\69mport`)
/// read as a browser reads them: in `url()`, `@import`, `image-set()` alike.
pub fn loads_remote(css: &str) -> bool {
    let plain: String = unescape(css)
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    [
        "http:", "https:", "ftp:", "(//", "\"//", "'//", "(\"//", "('//",
    ]
    .iter()
    .any(|p| plain.contains(p))
}

/// Whether CSS (an attribute's value as written) names any address, local or
/// remote, however spelled: character references and CSS escapes read as a
/// browser reads them.
pub fn names_address(css: &str) -> bool {
    let plain: String = unescape(&decode_refs(css))
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    ["url(", "image-set(", "@import", "image(", "src("]
        .iter()
        .any(|p| plain.contains(p))
}

/// CSS escapes decoded: `\75 ` (hexadecimal, one space after it eaten) and `\x`.
fn unescape(css: &str) -> std::borrow::Cow<'_, str> {
    if !css.contains('\\') {
        return std::borrow::Cow::Borrowed(css);
    }
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(|h| h.is_ascii_hexdigit()) {
            hex.extend(chars.next());
        }
        if hex.is_empty() {
            out.extend(chars.next());
        } else {
            out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            if chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The address of each `url(…)` of the CSS at `css` in `lower`, quotes left out.
pub fn url_ranges(lower: &str, css: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut at = css.start;
    while let Some(i) = lower[at..css.end].find("url(") {
        let mut start = at + i + 4;
        while lower[start..css.end].starts_with([' ', '\t']) {
            start += 1;
        }
        // In an attribute, a quote may be written as a character reference:
        // the browser reads `&quot;` as `"` before the CSS.
        let rest = &lower[start..css.end];
        let quote = [
            "\"", "'", "&quot;", "&#34;", "&#x22;", "&apos;", "&#39;", "&#x27;",
        ]
        .into_iter()
        .find(|q| rest.starts_with(q));
        if let Some(q) = quote {
            start += q.len();
            let end = lower[start..css.end].find(q).map_or(css.end, |e| start + e);
            found.push(start..end);
            at = end;
        } else {
            let end = lower[start..css.end]
                .find([')', ' '])
                .map_or(css.end, |e| start + e);
            found.push(start..end);
            at = end;
        }
        if at >= css.end {
            break;
        }
    }
    found.retain(|r| !r.is_empty());
    found
}
