//! Slugs: text as a URL, an anchor or a code writes it (`Étapes clés` →
//! `etapes-cles`). Shared by heading anchors, archive folder names and the fixes
//! suggested for taxonomy codes.

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
}
