//! A cache from raw word to its analysis that keeps short words inline.
//!
//! The inverter looks up every word of the site (millions at 10,000 pages) in a
//! per-worker cache. Keyed by `String`, each probe follows a pointer to compare
//! the word; here words of up to 16 bytes (nearly all of French) are packed into
//! two `u64`s, so a hit is one FxHash of two words and two integer compares.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

/// Longest word stored inline.
const INLINE: usize = 16;

/// A short word, zero-padded, with its length (so `a` and `a\0` differ).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Inline {
    words: [u64; 2],
    len: u8,
}

impl Hash for Inline {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.words[0]);
        state.write_u64(self.words[1] ^ u64::from(self.len) << 56);
    }
}

/// Map from word to a small `Copy` value.
pub struct WordCache<V: Copy> {
    short: FxHashMap<Inline, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V: Copy> Default for WordCache<V> {
    fn default() -> Self {
        WordCache {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V: Copy> WordCache<V> {
    pub fn get(&self, word: &str) -> Option<V> {
        match inline(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    pub fn insert(&mut self, word: &str, value: V) {
        match inline(word) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(word.into(), value),
        };
    }
}

fn inline(word: &str) -> Option<Inline> {
    (word.len() <= INLINE).then(|| Inline {
        words: pack(word.as_bytes()),
        len: word.len() as u8,
    })
}

/// The word's bytes as two little-endian `u64`s, zero-padded. Built from
/// overlapping loads rather than a copy into a buffer: the copy's byte-wise
/// stores stall the wide loads that follow.
fn pack(bytes: &[u8]) -> [u64; 2] {
    let len = bytes.len();
    match len {
        9..=16 => [
            read_u64(bytes, 0),
            read_u64(bytes, len - 8) >> (8 * (16 - len)),
        ],
        8 => [read_u64(bytes, 0), 0],
        4..=7 => {
            let low = u64::from(read_u32(bytes, 0));
            let high = u64::from(read_u32(bytes, len - 4));
            [low | high << (8 * (len - 4)), 0]
        }
        1..=3 => {
            let mid = len / 2;
            let word = u64::from(bytes[0])
                | u64::from(bytes[mid]) << (8 * mid)
                | u64::from(bytes[len - 1]) << (8 * (len - 1));
            [word, 0]
        }
        _ => [0, 0],
    }
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_like_a_zero_padded_copy() {
        let text = b"abcdefghijklmnopq";
        for len in 1..=16 {
            let mut buf = [0u8; 16];
            buf[..len].copy_from_slice(&text[..len]);
            let expected = [
                u64::from_le_bytes(buf[..8].try_into().unwrap()),
                u64::from_le_bytes(buf[8..].try_into().unwrap()),
            ];
            assert_eq!(pack(&text[..len]), expected, "length {len}");
        }
    }

    #[test]
    fn finds_what_was_inserted_short_and_long() {
        let mut cache = WordCache::default();
        let words: Vec<String> = (0..5000)
            .map(|i| match i % 3 {
                0 => format!("w{i}"),
                1 => format!("sécurité{i}"),
                _ => format!("anticonstitutionnellement{i}"),
            })
            .collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(cache.get(w), None);
            cache.insert(w, i as u32 + 1);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(cache.get(w), Some(i as u32 + 1), "{w}");
        }
        // Same bytes, different length: "a" and "a\0" pack alike.
        assert_eq!(cache.get("w0\0"), None);
        assert_eq!(cache.get("absent"), None);
    }
}
