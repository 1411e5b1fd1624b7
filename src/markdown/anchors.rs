//! Stable heading anchors: `## Sécurité` → `#securite`, duplicates numbered.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

/// Folds accents, lowercases, and joins runs of anything else with single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    // ASCII has no accents to fold: skip the decomposition.
    let folded: Cow<str> = if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        text.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect()
    };
    for c in folded.chars() {
        let c = match c {
            'œ' | 'Œ' => {
                push_word(&mut out, &mut pending_dash, "oe");
                continue;
            }
            'æ' | 'Æ' => {
                push_word(&mut out, &mut pending_dash, "ae");
                continue;
            }
            'ß' => {
                push_word(&mut out, &mut pending_dash, "ss");
                continue;
            }
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

fn push_word(out: &mut String, pending_dash: &mut bool, word: &str) {
    if *pending_dash && !out.is_empty() {
        out.push('-');
    }
    *pending_dash = false;
    out.push_str(word);
}

/// Hands out unique anchors within one page: `etapes`, `etapes-1`, `etapes-2`.
#[derive(Default)]
pub struct AnchorSet {
    used: FxHashMap<String, usize>,
    pub list: Vec<String>,
}

impl AnchorSet {
    pub fn unique(&mut self, wanted: String) -> String {
        let mut candidate = wanted.clone();
        while self.used.contains_key(&candidate) {
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

    #[test]
    fn numbers_duplicates() {
        let mut a = AnchorSet::default();
        assert_eq!(a.unique("etapes".into()), "etapes");
        assert_eq!(a.unique("etapes".into()), "etapes-1");
        assert_eq!(a.unique("etapes".into()), "etapes-2");
        assert_eq!(a.unique("etapes-1".into()), "etapes-1-1");
    }
}
