//! Hashing for the index builder's hot maps: FxHash for string keys, and a
//! cache from raw word to its analysis that stores short words inline.
//!
//! The inverter looks up every word of the site (about 15 million at 10,000
//! pages) in a per-worker cache. A `HashMap<String, _>` hashes the word, then
//! follows a pointer to compare it; here words of up to 16 bytes (nearly
//! all of French) are two `u64`s inside the table, so a hit is one hash, one
//! probe and two integer compares.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (as in rustc): far cheaper than SipHash for short keys; hash-flood
/// resistance is irrelevant for build-time input.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
    fn finish(&self) -> u64 {
        avalanche(self.0)
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

/// The multiply leaves the low bits, which pick the bucket, poorly mixed;
/// collisions cost key comparisons.
fn avalanche(h: u64) -> u64 {
    let h = (h ^ (h >> 32)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 29)
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Longest word stored inline.
const INLINE: usize = 16;

#[derive(Clone, Copy)]
struct Slot<V> {
    /// The word's bytes, zero-padded.
    key: [u64; 2],
    /// Byte length; 0 marks an empty slot (words are never empty).
    len: u8,
    value: V,
}

/// Map from word to a small `Copy` value.
pub struct WordCache<V: Copy> {
    slots: Vec<Slot<V>>,
    used: usize,
    long: FxMap<Box<str>, V>,
    empty: V,
}

impl<V: Copy> WordCache<V> {
    /// `filler` only pads empty slots; it is never returned.
    pub fn new(filler: V) -> Self {
        WordCache {
            slots: vec![
                Slot {
                    key: [0; 2],
                    len: 0,
                    value: filler,
                };
                1024
            ],
            used: 0,
            long: FxMap::default(),
            empty: filler,
        }
    }

    pub fn get(&self, word: &str) -> Option<V> {
        if word.len() > INLINE || word.is_empty() {
            return self.long.get(word).copied();
        }
        let key = pack(word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = bucket(key, word.len()) & mask;
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return None;
            }
            if slot.key == key && usize::from(slot.len) == word.len() {
                return Some(slot.value);
            }
            i = (i + 1) & mask;
        }
    }

    /// Insert a word known to be absent.
    pub fn insert(&mut self, word: &str, value: V) {
        if word.len() > INLINE || word.is_empty() {
            self.long.insert(word.into(), value);
            return;
        }
        // Keep the table at most half full: probes stay short.
        if (self.used + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.place(pack(word.as_bytes()), word.len() as u8, value);
        self.used += 1;
    }

    fn place(&mut self, key: [u64; 2], len: u8, value: V) {
        let mask = self.slots.len() - 1;
        let mut i = bucket(key, usize::from(len)) & mask;
        while self.slots[i].len != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { key, len, value };
    }

    fn grow(&mut self) {
        let filler = Slot {
            key: [0; 2],
            len: 0,
            value: self.empty,
        };
        let doubled = vec![filler; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        for slot in old.into_iter().filter(|s| s.len != 0) {
            self.place(slot.key, slot.len, slot.value);
        }
    }
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

fn bucket(key: [u64; 2], len: usize) -> usize {
    let h = (key[0].wrapping_mul(K).rotate_left(26) ^ key[1] ^ len as u64).wrapping_mul(K);
    avalanche(h) as usize
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
        let mut cache = WordCache::new(0u32);
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
