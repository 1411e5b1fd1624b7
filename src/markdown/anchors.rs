//! Stable heading anchors: `## Sécurité` → `#securite`, duplicates numbered.

use rustc_hash::FxHashMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds accents, lowercases, and joins runs of anything else with single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = Slug {
        out: String::with_capacity(text.len()),
        pending_dash: false,
    };
    for c in text.chars() {
        if c.is_ascii() {
            slug.push(c);
        } else {
            // Each character's own decomposition, marks dropped: the same letters as
            // the whole string's NFD, whose reordering only moves marks, and cheaper
            // than the streaming normaliser on every French heading.
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    slug.push(d);
                }
            });
        }
    }
    if slug.out.is_empty() {
        "section".to_string()
    } else {
        slug.out
    }
}

struct Slug {
    out: String,
    pending_dash: bool,
}

impl Slug {
    fn push(&mut self, c: char) {
        match c {
            'œ' | 'Œ' => self.word("oe"),
            'æ' | 'Æ' => self.word("ae"),
            'ß' => self.word("ss"),
            c if c.is_alphanumeric() => {
                self.dash();
                if c.is_ascii() {
                    self.out.push(c.to_ascii_lowercase());
                } else {
                    self.out.extend(c.to_lowercase());
                }
            }
            _ => self.pending_dash = true,
        }
    }

    fn word(&mut self, word: &str) {
        self.dash();
        self.out.push_str(word);
    }

    fn dash(&mut self) {
        if self.pending_dash && !self.out.is_empty() {
            self.out.push('-');
        }
        self.pending_dash = false;
    }
}

/// Hands out unique anchors within one page: `etapes`, `etapes-1`, `etapes-2`.
#[derive(Default)]
pub struct AnchorSet {
    used: FxHashMap<String, usize>,
    pub list: Vec<String>,
}

/// The default theme's ids: landmarks, headings, the elements its scripts fill.
const PAGE_IDS: &[&str] = &[
    "main",
    "variants-h",
    "first-hour",
    "role-cards",
    "contacts",
    "pb-absent",
    "pb-ed-region",
    "pb-ed-type",
    "pb-edition-form",
    "pb-profile",
    "pb-profile-label",
    "pb-profile-slot",
    "pb-status",
    "pb-q",
    "pb-region",
    "pb-results",
    "pb-results-list",
    "pb-search-page",
    "pb-show-all",
    "pb-type",
    "pb-variant-notice",
];

/// Ids the page around the text already uses: the theme's, and the footnotes'
/// `fn-N`/`fnref-N`. A numbered candidate (`main-1`) is never one of them, so
/// `unique` always ends.
fn taken_by_the_page(id: &str) -> bool {
    let numbered = |prefix: &str| {
        id.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    PAGE_IDS.contains(&id) || numbered("fn-") || numbered("fnref-") || numbered("pb-option-")
}

impl AnchorSet {
    pub fn unique(&mut self, wanted: String) -> String {
        let mut candidate = wanted.clone();
        while self.used.contains_key(&candidate) || taken_by_the_page(&candidate) {
            let n = self.used.entry(wanted.clone()).or_insert(0);
            *n += 1;
            candidate = format!("{wanted}-{n}");
        }
        self.used.insert(candidate.clone(), 0);
        self.list.push(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_punctuation() {
        assert_eq!(slugify("Sécurité"), "securite");
        assert_eq!(slugify("Étapes clés (H+0 → H+1)"), "etapes-cles-h-0-h-1");
        assert_eq!(slugify("  L'œuvre  "), "l-oeuvre");
        assert_eq!(slugify("!!!"), "section");
    }

    /// The definition `slugify` computes character by character: the whole text's
    /// NFD without marks, ligatures spelled out, alphanumeric runs lowercased.
    fn slugify_by_definition(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        let mut pending_dash = false;
        for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
            let piece: String = match c {
                'œ' | 'Œ' => "oe".into(),
                'æ' | 'Æ' => "ae".into(),
                'ß' => "ss".into(),
                c if c.is_alphanumeric() => c.to_lowercase().collect(),
                _ => {
                    pending_dash = true;
                    continue;
                }
            };
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push_str(&piece);
        }
        if out.is_empty() {
            "section".into()
        } else {
            out
        }
    }

    #[test]
    fn slugify_matches_its_definition() {
        for text in [
            "Matrice des responsabilités",
            "Déclencheurs",
            "ÉTAPES — ÇA, ŒUVRE & ÆTHER ß",
            "e\u{301}\u{327}te\u{301} a\u{30a}\u{301}",
            "Ǆemal İstanbul ﬁn Ⅻ ² ½",
            "한국어 안녕 ᄀ",
            "Ελληνικά ΐ ὕ Ωμέγα",
            "Привет Й ё",
            "日本語のテキスト が",
            "x\u{1}y\u{200b}z ",
            "",
        ] {
            assert_eq!(slugify(text), slugify_by_definition(text), "{text:?}");
        }
    }

    #[test]
    fn numbers_duplicates() {
        let mut a = AnchorSet::default();
        assert_eq!(a.unique("etapes".into()), "etapes");
        assert_eq!(a.unique("etapes".into()), "etapes-1");
        assert_eq!(a.unique("etapes".into()), "etapes-2");
        assert_eq!(a.unique("etapes-1".into()), "etapes-1-1");
    }

    #[test]
    fn leaves_the_page_its_own_ids() {
        let mut a = AnchorSet::default();
        assert_eq!(a.unique("main".into()), "main-1");
        assert_eq!(a.unique("pb-q".into()), "pb-q-1");
        assert_eq!(a.unique("fn-2".into()), "fn-2-1");
        assert_eq!(a.unique("fn-note".into()), "fn-note");
        assert_eq!(a.unique("mainte".into()), "mainte");
        assert_eq!(a.unique("pb-option-3".into()), "pb-option-3-1");
    }

    /// Every fixed id of the default theme's templates is known to `PAGE_IDS`.
    #[test]
    fn page_ids_cover_the_default_theme() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for piece in text.split("id=\"").skip(1) {
                let id = &piece[..piece.find('"').unwrap()];
                if !id.contains('{') {
                    assert!(taken_by_the_page(id), "id `{id}` missing from PAGE_IDS");
                }
            }
        }
    }
}
