//! Stable heading anchors: `## Sécurité` → `#securite`, duplicates numbered.

use rustc_hash::FxHashMap;

pub use crate::slug::slugify;

/// A heading's anchor as any generator may have written it, reduced to what
/// they all keep: its slug without hyphens. GitHub's and mdBook's
/// `#étapes-clés-h0--h1` and this site's `#etapes-cles-h-0-h-1` share
/// `etapesclesh0h1`.
pub fn loose_key(text: &str) -> String {
    let mut key = slugify(text);
    key.retain(|c| c != '-');
    key
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
    "pb-editions-caption",
    "pb-ed-type",
    "pb-edition-form",
    "pb-profile",
    "pb-profile-label",
    "pb-profile-slot",
    "pb-profile-status",
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

    /// Records an id the author wrote in raw HTML, so that no later heading takes
    /// it; false when the page already has it (the theme's, a heading's, another
    /// raw one): a browser's `#id` then reaches the first.
    pub fn claim(&mut self, id: &str) -> bool {
        let free = !(self.used.contains_key(id) || taken_by_the_page(id));
        self.used.entry(id.to_string()).or_insert(0);
        free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_keys_meet_across_generators() {
        // GitHub and mdBook keep accents and drop punctuation; Zola and this site fold.
        let ours = loose_key("etapes-cles-h-0-h-1");
        assert_eq!(loose_key("étapes-clés-h0--h1"), ours);
        assert_eq!(loose_key("Étapes clés (H+0 → H+1)"), ours);
        assert_ne!(loose_key("etapes-cles-h-1"), ours);
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

    #[test]
    fn raw_ids_are_claimed_once_and_headings_step_around_them() {
        let mut a = AnchorSet::default();
        assert!(a.claim("plan"));
        assert!(!a.claim("plan") && !a.claim("pb-q") && !a.claim("fn-1"));
        assert_eq!(a.unique("plan".into()), "plan-1");
        assert!(!a.claim("plan-1"));
        assert!(a.list == ["plan-1"]);
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
