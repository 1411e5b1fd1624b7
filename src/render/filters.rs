//! The filters the theme's templates use beyond Tera's own: numbers and dates in
//! the handbook's typography, and author words (titles above all) escaped, with
//! their French ordinals raised and their language marked.

use std::collections::HashMap;

use tera::Tera;

use super::context::Strings;
use crate::markdown::typography;
use crate::model::Site;

/// Registers every filter on `tera`, in the language of `strings`.
pub(super) fn register(tera: &mut Tera, site: &Site, strings: &Strings) {
    // `{{ n | number }}`: a count with the language's digit groups.
    let thousands = strings.map.get("thousands").cloned().unwrap_or_default();
    let grouping = thousands.clone();
    tera.register_filter("number", move |value: &tera::Value, _: &_| {
        Ok(match value.as_u64() {
            Some(n) => tera::Value::from(group_digits(n, &grouping)),
            None => value.clone(),
        })
    });
    // `{{ n | count(one="fiche", many="fiches") }}`: the number and its noun,
    // agreeing as the language wants (French: 0 and 1 take the singular).
    let zero_singular = strings.map.get("zero_is_singular").map(String::as_str) == Some("true");
    tera.register_filter(
        "count",
        move |value: &tera::Value, args: &HashMap<String, tera::Value>| {
            let n = value
                .as_u64()
                .ok_or_else(|| tera::Error::msg("count: not a count"))?;
            let word = |key: &str| args.get(key).and_then(tera::Value::as_str).unwrap_or("");
            let singular = n == 1 || (n == 0 && zero_singular);
            let noun = if singular { word("one") } else { word("many") };
            // A no-break space: the number never ends a line without its noun.
            Ok(tera::Value::from(format!(
                "{}\u{a0}{noun}",
                group_digits(n, &thousands)
            )))
        },
    );
    // `{{ page.last_reviewed | long_date }}`: an ISO date as the language writes it.
    let dates = strings.clone();
    tera.register_filter("long_date", move |value: &tera::Value, _: &_| {
        let iso = value.as_str().unwrap_or_default();
        Ok(match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
            Ok(date) => tera::Value::from(dates.long_date(date)),
            Err(_) => value.clone(),
        })
    });
    // `{{ title | authored }}`: author words inside interface text, marked
    // with their language when it is not the interface's.
    let french = site.config.french_content();
    let lang = site.config.content_lang_attr().map(str::to_string);
    tera.register_filter("authored", AuthorWords { lang, french });
    // `{{ page.title | raised }}`: a title escaped, its ordinals raised in French.
    tera.register_filter("raised", AuthorWords { lang: None, french });
}

/// `12345` as `12 345` (French, a narrow no-break space) or `12,345` (English):
/// counts read at a glance in the handbook's typography.
fn group_digits(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(d);
    }
    out
}

/// Author words as HTML: escaped, with the letters of their French ordinals
/// raised as the text's are (`2<sup>e</sup>`), and, given a `lang`, in a
/// `<span lang>`. Registered twice: `raised` for an element the template marks
/// itself (a heading, a link), `authored` for words inside interface text. Not
/// for `<title>` or an attribute, which hold no markup.
struct AuthorWords {
    lang: Option<String>,
    french: bool,
}

impl tera::Filter for AuthorWords {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = match value {
            tera::Value::String(s) => typography::title_html(self.french, s),
            other => typography::title_html(self.french, &other.to_string()),
        };
        Ok(tera::Value::from(match &self.lang {
            Some(lang) => format!("<span lang=\"{lang}\">{text}</span>"),
            None => text,
        }))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::group_digits;

    #[test]
    fn digits_group_by_three() {
        assert_eq!(group_digits(0, "\u{202f}"), "0");
        assert_eq!(group_digits(999, "\u{202f}"), "999");
        assert_eq!(group_digits(1000, "\u{202f}"), "1\u{202f}000");
        assert_eq!(group_digits(2566, ","), "2,566");
        assert_eq!(group_digits(1234567, ","), "1,234,567");
    }
}
