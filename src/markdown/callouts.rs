//! GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`,
//! `[!CAUTION]`) as callouts: a box with a title in the handbook's language. The
//! site, the print HTML and the PDF all write them from here.

use pulldown_cmark::BlockQuoteKind;

/// Each kind: its CSS class suffix, its translation key (`i18n.yaml`), and its
/// title when a theme's translations lack it.
const TABLE: [(BlockQuoteKind, &str, &str, &str); 5] = [
    (BlockQuoteKind::Note, "note", "callout_note", "Remarque"),
    (BlockQuoteKind::Tip, "tip", "callout_tip", "Conseil"),
    (
        BlockQuoteKind::Important,
        "important",
        "callout_important",
        "Important",
    ),
    (
        BlockQuoteKind::Warning,
        "warning",
        "callout_warning",
        "Attention",
    ),
    (
        BlockQuoteKind::Caution,
        "caution",
        "callout_caution",
        "Danger",
    ),
];

/// Every kind, in a fixed order.
pub fn kinds() -> impl Iterator<Item = BlockQuoteKind> {
    TABLE.iter().map(|row| row.0)
}

fn row(
    kind: BlockQuoteKind,
) -> &'static (BlockQuoteKind, &'static str, &'static str, &'static str) {
    TABLE.iter().find(|row| row.0 == kind).unwrap_or(&TABLE[0])
}

/// `note`, `tip`, `important`, `warning` or `caution`: the CSS class suffix.
pub fn class(kind: BlockQuoteKind) -> &'static str {
    row(kind).1
}

/// The title of `kind` in translations `strings`, French when they lack it.
pub fn title_in(
    strings: &std::collections::BTreeMap<String, String>,
    kind: BlockQuoteKind,
) -> &str {
    let (_, _, key, french) = row(kind);
    strings.get(*key).map_or(french, String::as_str)
}

/// The HTML that opens a callout; [`CLOSE`] ends it.
pub fn open(kind: BlockQuoteKind, title: &str) -> String {
    format!(
        "<div class=\"callout callout-{}\" role=\"note\">\n<p class=\"callout-title\">{}</p>\n",
        class(kind),
        crate::html::escape(title)
    )
}

pub const CLOSE: &str = "</div>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_class_and_title() {
        let mut strings = std::collections::BTreeMap::new();
        strings.insert("callout_note".to_string(), "Note".to_string());
        assert_eq!(class(BlockQuoteKind::Warning), "warning");
        assert_eq!(title_in(&strings, BlockQuoteKind::Caution), "Danger");
        assert_eq!(title_in(&strings, BlockQuoteKind::Note), "Note");
        assert_eq!(
            open(BlockQuoteKind::Tip, "A & B"),
            "<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">A &amp; B</p>\n"
        );
    }
}
