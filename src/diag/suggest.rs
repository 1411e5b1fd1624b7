//! "Did you mean …?" suggestions for misspelt keys and codes.

use unicode_normalization::UnicodeNormalization;

/// The closest candidate to `input`, if close enough to be a plausible typo. Compares
/// case- and accent-insensitively, so `Ehpad` and `EHPAD` both find `ehpad`.
/// Candidates are `(value, also_known_as)`: a code can be found through its label.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    closest(input, candidates).map(|value| format!("did you mean `{value}`?"))
}

/// The candidate [`did_you_mean`] would suggest.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let wanted = fold(input);
    let mut best: Option<(f64, &str)> = None;
    for (value, alias) in candidates {
        let score = strsim::jaro_winkler(&wanted, &fold(value))
            .max(strsim::jaro_winkler(&wanted, &fold(alias)));
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, value));
        }
    }
    best.filter(|(score, _)| *score >= 0.8)
        .map(|(_, value)| value)
}

/// Compatibility decomposition besides: a full-width `Ｐ１` (a Japanese or Chinese
/// input method left on) or a ligature `ﬁ` compares as the ASCII it looks like.
fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_codes() {
        let c = [("ehpad", "EHPAD"), ("ch", "CH"), ("chu-chr", "CHU")];
        assert_eq!(
            did_you_mean("ehpa", c).as_deref(),
            Some("did you mean `ehpad`?")
        );
        assert_eq!(did_you_mean("zzzzzz", c), None);
    }

    #[test]
    fn full_width_letters_and_digits_read_as_ascii() {
        let c = [("P1", "P1"), ("P2", "P2"), ("P3", "P3")];
        assert_eq!(
            did_you_mean("Ｐ１", c).as_deref(),
            Some("did you mean `P1`?")
        );
        let c = [("11", "Île-de-France"), ("84", "Auvergne-Rhône-Alpes")];
        assert_eq!(closest("８４", c), Some("84"));
    }

    #[test]
    fn finds_code_by_label() {
        let c = [("11", "Île-de-France"), ("84", "Auvergne-Rhône-Alpes")];
        assert_eq!(
            did_you_mean("ile-de-france", c).as_deref(),
            Some("did you mean `11`?")
        );
    }
}
