//! GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`,
//! `[!CAUTION]`) as callouts: a box with a title in the handbook's language. The
//! site, the print HTML and the PDF all write them from here.

use pulldown_cmark::BlockQuoteKind;

/// The kinds, in the order of `KEYS` and `FRENCH`.
pub const KINDS: [BlockQuoteKind; 5] = [
    BlockQuoteKind::Note,
    BlockQuoteKind::Tip,
    BlockQuoteKind::Important,
    BlockQuoteKind::Warning,
    BlockQuoteKind::Caution,
];

/// Translation keys of the titles (`i18n.yaml`).
pub const KEYS: [&str; 5] = [
    "callout_note",
    "callout_tip",
    "callout_important",
    "callout_warning",
    "callout_caution",
];

/// The titles when a theme's translations lack them.
pub const FRENCH: [&str; 5] = ["Remarque", "Conseil", "Important", "Attention", "Danger"];

fn index(kind: BlockQuoteKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// `note`, `tip`, `important`, `warning` or `caution`: the CSS class suffix.
pub fn class(kind: BlockQuoteKind) -> &'static str {
    ["note", "tip", "important", "warning", "caution"][index(kind)]
}

/// The title of `kind` from `titles` (ordered as `KEYS`).
pub fn title<S: AsRef<str>>(titles: &[S; 5], kind: BlockQuoteKind) -> &str {
    titles[index(kind)].as_ref()
}

/// The title of `kind` in translations `strings`, French when they lack it.
pub fn title_in(
    strings: &std::collections::BTreeMap<String, String>,
    kind: BlockQuoteKind,
) -> &str {
    let i = index(kind);
    strings.get(KEYS[i]).map_or(FRENCH[i], String::as_str)
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
        let titles = FRENCH;
        assert_eq!(class(BlockQuoteKind::Warning), "warning");
        assert_eq!(title(&titles, BlockQuoteKind::Caution), "Danger");
        assert_eq!(title(&titles, BlockQuoteKind::Note), "Remarque");
        assert_eq!(
            open(BlockQuoteKind::Tip, "A & B"),
            "<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">A &amp; B</p>\n"
        );
    }
}
