//! The one HTML escape: what can break out of text or a quoted attribute (`&`, `<`,
//! `>`, `"`, `'`). Used by the templates, localised strings and generated pages.

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::escape("<a href=\"x\">l'A&B</a>"),
            "&lt;a href=&quot;x&quot;&gt;l&#39;A&amp;B&lt;/a&gt;"
        );
    }
}
