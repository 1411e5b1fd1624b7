//! Compact number encoding inside JS string literals, and the JS file
//! wrapper. Mirrored by the decoder in `search-index.js`.
//!
//! Digits are the 91 printable ASCII characters from `#` (0x23) to `~`
//! (0x7E) minus the backslash: none of them needs escaping inside a JSON
//! string, so one digit costs one byte on disk (≈6.5 bits).
//!
//! Unsigned integers use a little-endian variable-length form: digits below
//! [`TERMINAL`] end a number, the others carry `CONTINUATION` more values
//! each. Small numbers (the common doc-gap case) take one byte.

use serde::Serialize;
use std::cmp::Ordering;

/// Number of distinct digits.
pub const RADIX: u32 = 91;
/// Digits `0..TERMINAL` end a varint; `TERMINAL..RADIX` continue it.
pub const TERMINAL: u64 = 45;
const CONTINUATION: u64 = RADIX as u64 - TERMINAL;

/// The character for digit `d` (`d < RADIX`).
pub fn digit_char(d: u32) -> char {
    debug_assert!(d < RADIX);
    // Skip the backslash (0x5C), the only character in range to escape.
    let code = 0x23 + d;
    let code = if code >= 0x5C { code + 1 } else { code };
    char::from_u32(code).unwrap_or('#')
}

/// Append one raw digit.
pub fn push_digit(out: &mut String, d: u32) {
    out.push(digit_char(d.min(RADIX - 1)));
}

/// Append `value` as a varint.
pub fn push_varint(out: &mut String, mut value: u64) {
    while value >= TERMINAL {
        value -= TERMINAL;
        out.push(digit_char((TERMINAL + value % CONTINUATION) as u32));
        value /= CONTINUATION;
    }
    out.push(digit_char(value as u32));
}

/// Order strings by UTF-16 code units, the order of JavaScript's `<`, so
/// that the client can binary-search the sorted lists we emit.
pub fn js_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A loadable index file: `window.PB_SEARCH_LOAD("name", payload);`.
pub fn js_file(name: &str, payload: &impl Serialize) -> Vec<u8> {
    // Serialising plain vectors, strings and numbers cannot fail; fall back
    // to `null` rather than panicking if it ever did.
    let json = serde_json::to_string(payload).unwrap_or_else(|_| "null".to_string());
    js_raw_file(name, &json)
}

/// Same as [`js_file`] for an already serialized JSON payload.
pub fn js_raw_file(name: &str, json: &str) -> Vec<u8> {
    let name = serde_json::to_string(name).unwrap_or_else(|_| "\"\"".to_string());
    format!("window.PB_SEARCH_LOAD({name},{json});\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u64> {
        let digits: Vec<u64> = s
            .chars()
            .map(|c| {
                let code = c as u64;
                if code > 0x5C {
                    code - 0x24
                } else {
                    code - 0x23
                }
            })
            .collect();
        let mut out = Vec::new();
        let (mut value, mut mult) = (0u64, 1u64);
        for d in digits {
            value += d * mult;
            if d < TERMINAL {
                out.push(value);
                value = 0;
                mult = 1;
            } else {
                mult *= CONTINUATION;
            }
        }
        out
    }

    #[test]
    fn alphabet_avoids_quote_and_backslash() {
        let all: String = (0..RADIX).map(digit_char).collect();
        assert!(!all.contains('"') && !all.contains('\\'));
        assert_eq!(all.chars().count(), 91);
        assert_eq!(digit_char(90), '~');
    }

    #[test]
    fn varints_round_trip() {
        let values = [0, 1, 44, 45, 46, 90, 2000, 2114, 2115, 99_999, 10_000_000];
        let mut s = String::new();
        for v in values {
            push_varint(&mut s, v);
        }
        assert_eq!(decode(&s), values);
    }
}
