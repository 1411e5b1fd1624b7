//! Localises templates once, at theme load: `{{ t.key }}` becomes the escaped UI
//! string and `t.key` inside a tag becomes a string literal. Pages then need no
//! translation table in their context (cloning ~100 strings per page is what it
//! would otherwise cost), and a missing translation is a theme error up front.

use std::collections::BTreeMap;

/// A `t.<key>` the strings lack: the key, and where it is written in the source.
#[derive(Debug, PartialEq)]
pub struct Missing {
    pub key: String,
    pub offset: usize,
}

/// Rewrites every `t.<key>` of `source`. Errors name the first unknown key.
pub fn localize(source: &str, strings: &BTreeMap<String, String>) -> Result<String, Missing> {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(open) = find_tag(rest) {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        let close_marker = if tag.starts_with("{{") { "}}" } else { "%}" };
        let end = tag.find(close_marker).map_or(tag.len(), |i| i + 2);
        let tag_offset = source.len() - tag.len();
        let localized = localize_tag(&tag[..end], strings).map_err(|(key, at)| Missing {
            key: key.to_string(),
            offset: tag_offset + at,
        })?;
        out.push_str(&localized);
        rest = &tag[end..];
    }
    out.push_str(rest);
    Ok(out)
}

fn find_tag(s: &str) -> Option<usize> {
    match (s.find("{{"), s.find("{%")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The tag with its strings in place, or the unknown key and its offset in the tag.
fn localize_tag<'t>(
    tag: &'t str,
    strings: &BTreeMap<String, String>,
) -> Result<String, (&'t str, usize)> {
    // The common case: a whole `{{ t.key }}` is just text.
    if let Some(key) = tag
        .strip_prefix("{{")
        .and_then(|t| t.strip_suffix("}}"))
        .map(str::trim)
        .and_then(|t| t.strip_prefix("t."))
    {
        if is_key(key) {
            let at = tag.find("t.").unwrap_or(0);
            return lookup(key, strings)
                .map(crate::html::escape)
                .ok_or((key, at));
        }
    }
    let mut out = String::with_capacity(tag.len());
    let bytes = tag.as_bytes();
    let mut i = 0;
    while i < tag.len() {
        let starts_token = tag[i..].starts_with("t.") && (i == 0 || !is_ident(bytes[i - 1]));
        if starts_token {
            let key_len = tag[i + 2..]
                .bytes()
                .take_while(|b| is_ident(*b) || *b == b'-')
                .count();
            if key_len > 0 {
                let key = &tag[i + 2..i + 2 + key_len];
                out.push_str(&literal(lookup(key, strings).ok_or((key, i))?));
                i += 2 + key_len;
                continue;
            }
        }
        let c = tag[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    Ok(out)
}

fn lookup<'a>(key: &str, strings: &'a BTreeMap<String, String>) -> Option<&'a str> {
    strings.get(key).map(String::as_str)
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| is_ident(b) || b == b'-')
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A Tera string literal, with a delimiter the text does not contain.
fn literal(text: &str) -> String {
    let delim = ['"', '\'', '`']
        .into_iter()
        .find(|d| !text.contains(*d))
        .unwrap_or('`');
    let text: String = text.chars().filter(|c| *c != delim).collect();
    format!("{delim}{text}{delim}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> BTreeMap<String, String> {
        [("home", "Accueil"), ("quote", "l'« ARS »"), ("x", "a<b")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn replaces_text_and_literals() {
        let src = "<a>{{ t.home }}</a>{{ m::list(items=x, empty=t.quote) }}{% if site.title %}{{ t.x }}{% endif %}";
        let out = localize(src, &strings()).unwrap();
        assert_eq!(out, "<a>Accueil</a>{{ m::list(items=x, empty=\"l'« ARS »\") }}{% if site.title %}a&lt;b{% endif %}");
    }

    #[test]
    fn leaves_other_variables_alone_and_reports_missing() {
        let out = localize("{{ edition.title }} {{ site.t }}", &strings()).unwrap();
        assert_eq!(out, "{{ edition.title }} {{ site.t }}");
        let missing = localize(
            "<p>{{ t.home }} {{ x | default(value=t.nope) }}",
            &strings(),
        );
        assert_eq!(
            missing.unwrap_err(),
            Missing {
                key: "nope".into(),
                offset: 37
            }
        );
        let missing = localize("ab{{  t.nope }}", &strings());
        assert_eq!(missing.unwrap_err().offset, 6);
    }
}
