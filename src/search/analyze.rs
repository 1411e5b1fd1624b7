//! French text analysis shared by the index builder and (as a line-by-line
//! twin) by `themes/default/js/search-analysis.js`.
//!
//! Pipeline for every word:
//! 1. tokenize: a word is a run of letters, digits and combining marks;
//!    everything else (spaces, punctuation, hyphens, apostrophes) separates,
//!    except the dots of an acronym written with them (`A.R.S.` is `ARS`);
//! 2. elision: a word directly followed by an apostrophe and another word is
//!    dropped when it is one of `l d j qu n s c m t jusqu lorsqu puisqu`;
//! 3. lowercase, then *fold*: NFD, drop combining marks, expand ligatures
//!    (œ→oe, æ→ae, ﬁ→fi...);
//! 4. stop words are dropped (compared on the folded form);
//! 5. words holding a digit (`72h`, `001`) and words of at most three
//!    letters (acronyms such as `ARS`, `CHU`) are kept verbatim; other words
//!    are stemmed with Snowball French *after* folding, so `securite` and
//!    `sécurité` meet.
//!
//! A word that carried diacritics also gets an `exact` key: the Snowball stem
//! of its unfolded lowercase form. The index stores it so that a query typed
//! with accents ranks exact-accent matches above folded ones.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words longer than this (in code points) are noise (hashes, URLs): skipped.
pub const MAX_WORD_CHARS: usize = 64;

/// Words this short are acronyms or particles: stemming them only merges
/// unrelated words (`ARS` would become `ar`).
pub const MAX_UNSTEMMED_CHARS: usize = 3;

/// Elided forms dropped before an apostrophe (`l'ARS` → `ars`).
pub const ELISIONS: &[&str] = &[
    "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "s", "t",
];

/// French stop words, folded (no accents) and sorted. The JS twin holds the
/// same list; `tests/search_vectors/analysis.json` pins both.
pub const STOP_WORDS: &[&str] = &[
    "a", "ai", "aie", "aient", "aies", "ainsi", "ait", "alors", "as", "au", "aura", "aurai",
    "auraient", "aurais", "aurait", "auras", "aurez", "auriez", "aurions", "aurons", "auront",
    "aussi", "aux", "avaient", "avais", "avait", "avec", "avez", "aviez", "avions", "avons",
    "ayant", "ayante", "ayantes", "ayants", "ayez", "ayons", "c", "ca", "car", "ce", "ceci",
    "cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chez", "comme", "d",
    "dans", "de", "deja", "des", "donc", "dont", "du", "elle", "elles", "en", "es", "est", "et",
    "etaient", "etais", "etait", "etant", "etante", "etantes", "etants", "ete", "etee", "etees",
    "etes", "etiez", "etions", "eu", "eue", "eues", "eumes", "eurent", "eus", "eusse", "eussent",
    "eusses", "eussiez", "eussions", "eut", "eutes", "eux", "fumes", "furent", "fus", "fusse",
    "fussent", "fusses", "fussiez", "fussions", "fut", "futes", "il", "ils", "j", "je", "l", "la",
    "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "memes", "mes", "moi",
    "mon", "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour",
    "puis", "qu", "quand", "que", "qui", "s", "sa", "sans", "se", "sera", "serai", "seraient",
    "serais", "serait", "seras", "serez", "seriez", "serions", "serons", "seront", "ses", "si",
    "soient", "sois", "soit", "sommes", "son", "sont", "sous", "soyez", "soyons", "suis", "sur",
    "t", "ta", "te", "tes", "toi", "ton", "tres", "tu", "un", "une", "vos", "votre", "vous", "y",
];

/// One indexed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded, stemmed term: the key every match goes through.
    pub term: String,
    /// Stem of the unfolded word when the word carried diacritics.
    pub exact: Option<String>,
    /// Word number in the text, stop words and elided words included, so
    /// adjacency survives stop-word removal.
    pub position: u32,
    /// Byte range of the word in the analysed text.
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// Compact `term` or `term|exact` form used by the shared test vectors.
    pub fn vector_form(&self) -> String {
        match &self.exact {
            Some(exact) => format!("{}|{}", self.term, exact),
            None => self.term.clone(),
        }
    }
}

/// A raw word slice found by the tokenizer, before normalisation.
#[derive(Debug, Clone, Copy)]
pub struct RawWord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub position: u32,
}

/// Analyse `text` into index/query tokens (see the module docs).
pub fn analyze(text: &str) -> Vec<Token> {
    let stemmer = french_stemmer();
    let mut tokens = Vec::new();
    for_each_word(text, |raw| {
        if let Some(word) = normalize_word(raw.text) {
            if let Some(stems) = stem_word(&stemmer, &word) {
                tokens.push(Token {
                    term: stems.term,
                    exact: stems.exact,
                    position: raw.position,
                    start: raw.start,
                    end: raw.start + raw.text.len(),
                });
            }
        }
    });
    tokens
}

/// The Snowball French stemmer used on both the folded and the exact form.
pub fn french_stemmer() -> Stemmer {
    Stemmer::create(Algorithm::French)
}

/// Word characters: letters, digits and combining marks (so text that is
/// already decomposed keeps its accents inside the word). U+02BC is a
/// letter for Unicode but an apostrophe in French text.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        // Fast path: the apostrophe is not alphanumeric.
        return c.is_ascii_alphanumeric();
    }
    if ('\u{C0}'..='\u{24F}').contains(&c) {
        // Fast path: Latin-1 and Latin Extended-A/B letters (every French
        // accented letter); only × and ÷ in this range are not letters.
        return c != '×' && c != '÷';
    }
    !is_apostrophe(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// Straight, typographic and modifier-letter apostrophes.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Walk the words of `text`, skipping elided articles, calling `visit` for
/// every other word (stop words included: they are filtered later).
pub fn for_each_word<'a>(text: &'a str, mut visit: impl FnMut(RawWord<'a>)) {
    let bytes = text.as_bytes();
    let mut position = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        let len = word_char_len(text, i);
        if len == 0 {
            i += separator_len(bytes[i]);
            continue;
        }
        let start = i;
        i += len;
        loop {
            // Most of the text is ASCII: scan it without decoding.
            while i < bytes.len() && ASCII_WORD[bytes[i] as usize] {
                i += 1;
            }
            if i < bytes.len() && !bytes[i].is_ascii() {
                let len = word_char_len(text, i);
                if len > 0 {
                    i += len;
                    continue;
                }
            }
            break;
        }
        if i - start == 1 || (i - start <= 4 && text[start..i].chars().nth(1).is_none()) {
            i = dotted_acronym_end(text, start, i);
        }
        let word = &text[start..i];
        if !is_elided(word, &text[i..]) {
            visit(RawWord {
                text: word,
                start,
                position,
            });
        }
        position += 1;
    }
}

/// Where the acronym `A.R.S` that may start at `start` with the one-character
/// word ending at `end` ends (its last dot left out), or `end` when there is
/// none: single letters, each followed by `.` and a letter that no other word
/// character follows. `p.ex.` and `M. Dupont` stay apart.
fn dotted_acronym_end(text: &str, start: usize, end: usize) -> usize {
    let is_letter = |c: char| c.is_alphabetic() && is_word_char(c);
    if !text[start..end].chars().all(is_letter) {
        return end;
    }
    let mut at = end;
    loop {
        let mut rest = text[at..].chars();
        let (Some('.'), Some(letter)) = (rest.next(), rest.next()) else {
            return at;
        };
        if !is_letter(letter) || rest.next().is_some_and(is_word_char) {
            return at;
        }
        at += 1 + letter.len_utf8();
    }
}

/// ASCII letters and digits; every non-ASCII byte is `false` here and is
/// decided by [`word_char_len`].
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Byte length of the word character at byte `i` (a char boundary), or 0
/// when the character there separates words.
#[inline]
fn word_char_len(text: &str, i: usize) -> usize {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        return usize::from(ASCII_WORD[byte as usize]);
    }
    text[i..]
        .chars()
        .next()
        .map_or(0, |c| if is_word_char(c) { c.len_utf8() } else { 0 })
}

/// Byte length of the UTF-8 character whose first byte is `byte`.
#[inline]
fn separator_len(byte: u8) -> usize {
    match byte {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// `word` is an elided article when an apostrophe and a word follow it.
fn is_elided(word: &str, rest: &str) -> bool {
    // Cheap rejections first: this runs for every word of the site.
    if word.len() > 7 || !matches!(rest.as_bytes().first(), Some(b'\'' | 0xE2 | 0xCA)) {
        return false;
    }
    let mut after = rest.chars();
    let apostrophe_then_word = matches!(
        (after.next(), after.next()),
        (Some(a), Some(w)) if is_apostrophe(a) && is_word_char(w)
    );
    apostrophe_then_word
        && word.len() <= 7
        && word.is_ascii()
        && ELISIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// A word after lowercasing and folding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedWord {
    /// Lowercase, no diacritics, ligatures expanded.
    pub folded: String,
    /// Lowercase NFC form with ligatures expanded, when it differs from
    /// `folded` (the word carried diacritics).
    pub accented: Option<String>,
}

/// Lowercase and fold a raw word; `None` for words that index nothing
/// (too long, or made of combining marks only).
pub fn normalize_word(raw: &str) -> Option<NormalizedWord> {
    // The one word with a separator inside: a dotted acronym.
    if raw.as_bytes().contains(&b'.') {
        return normalize_word(&raw.replace('.', ""));
    }
    if raw.is_ascii() {
        // Fast path: most words of French text have no diacritics at all.
        if raw.len() > MAX_WORD_CHARS {
            return None;
        }
        return Some(NormalizedWord {
            folded: raw.to_ascii_lowercase(),
            accented: None,
        });
    }
    if raw.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let lower = raw.to_lowercase();
    let folded = expand_ligatures(
        &lower
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .collect::<String>(),
    )
    .into_owned();
    if folded.is_empty() {
        return None;
    }
    let exact = expand_ligatures(&lower.nfc().collect::<String>()).into_owned();
    let accented = (exact != folded).then_some(exact);
    Some(NormalizedWord { folded, accented })
}

/// Ligatures do not decompose under NFD: spell them out (œ, æ, and the
/// ﬀ ﬁ ﬂ ﬃ ﬄ of text pasted from PDF files).
fn expand_ligatures(s: &str) -> Cow<'_, str> {
    if !s.contains([
        'œ', 'æ', '\u{FB00}', '\u{FB01}', '\u{FB02}', '\u{FB03}', '\u{FB04}',
    ]) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

/// Whether a folded word is a French stop word.
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok()
}

/// The index keys of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stems {
    pub term: String,
    pub exact: Option<String>,
}

/// Stop-word filter and stemming; `None` for stop words.
pub fn stem_word(stemmer: &Stemmer, word: &NormalizedWord) -> Option<Stems> {
    if is_stop_word(&word.folded) {
        return None;
    }
    let short = word.folded.chars().count() <= MAX_UNSTEMMED_CHARS;
    if short || word.folded.chars().any(char::is_numeric) {
        // Acronyms, codes and quantities ("ARS", "72h", "001") match verbatim.
        return Some(Stems {
            term: word.folded.clone(),
            exact: word.accented.clone(),
        });
    }
    let term = stemmer.stem(&word.folded).into_owned();
    let exact = word
        .accented
        .as_deref()
        .map(|accented| stemmer.stem(accented).into_owned());
    Some(Stems { term, exact })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analyze(text).iter().map(Token::vector_form).collect()
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn folds_accents_and_elisions() {
        assert_eq!(terms("l’ARS"), ["ars"]);
        assert_eq!(terms("Sécurité"), ["securit|sécur"]);
        assert_eq!(terms("securite"), ["securit"]);
        assert_eq!(terms("PBN-ALE-001"), ["pbn", "ale", "001"]);
    }
}
