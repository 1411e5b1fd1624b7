//! The one HTML escape: what can break out of text or a quoted attribute (`&`, `<`,
//! `>`, `"`, `'`). Used by the templates, localised strings and generated pages.

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    // Copy the runs between special bytes whole: every value of every page goes
    // through here, and most need no escaping at all.
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&text[run..]);
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
