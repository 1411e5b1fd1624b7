//! Taxonomy codes in front matter (`phase`, `roles`, `regions`…): each checked
//! against its taxonomy, with the fix an author needs when it is not there (an
//! accent, a look-alike letter, a repeat, `"*"` mixed with codes).

use super::Scope;
use crate::diag::did_you_mean;
use crate::load::fields::Fields;
use crate::load::taxonomy::Taxonomy;

pub(super) fn code(
    f: &mut Fields,
    key: &str,
    tax: &Taxonomy,
    what: &str,
    required: bool,
) -> Option<String> {
    let value = f.string(
        key,
        required.then(|| tax.terms.first().map_or("code", |t| t.code.as_str())),
    )?;
    check_code(f, key, &value, tax, what).then_some(value)
}

pub(super) fn codes(
    f: &mut Fields,
    key: &str,
    tax: &Taxonomy,
    what: &str,
    required: bool,
) -> Vec<String> {
    let example = format!(
        "[{}]",
        tax.terms.first().map_or("code", |t| t.code.as_str())
    );
    let Some(values) = f.string_list(key, required.then_some(example.as_str())) else {
        return Vec::new();
    };
    if values.is_empty() && required {
        f.error_at_key(
            key,
            format!("`{key}` needs at least one {what}"),
            Some(format!("e.g. `{key}: {example}`")),
        );
    }
    warn_repeats(f, key, &values);
    values
        .into_iter()
        .filter(|v| check_code(f, key, v, tax, what))
        .collect()
}

fn check_code(f: &mut Fields, key: &str, value: &str, tax: &Taxonomy, what: &str) -> bool {
    // A taxonomy that failed to load (or is empty) has its own error: checking
    // codes against it would only blame every page that uses one.
    if tax.get(value).is_some() || tax.terms.is_empty() || tax.rejected.iter().any(|r| r == value) {
        return true;
    }
    let help = (list_help(key, value))
        .or_else(|| lookalike_help(value))
        .or_else(|| did_you_mean(value, tax.candidates()))
        .or_else(|| known_codes(tax));
    f.error_at_item(key, value, format!("unknown {what} `{value}`"), help);
    false
}

/// `roles: dsi, rssi` is one text with a comma, not two codes: YAML needs the
/// brackets.
fn list_help(key: &str, value: &str) -> Option<String> {
    if !value.contains(',') {
        return None;
    }
    let items: Vec<&str> = (value.split(','))
        .map(|item| item.trim().trim_matches(['[', ']', '"', '\'']).trim())
        .filter(|item| !item.is_empty())
        .collect();
    Some(format!(
        "a list is written in brackets: `{key}: [{}]`",
        items.join(", ")
    ))
}

/// A code that differs from a known one only by an invisible or look-alike
/// character reads the same in the message: name the character.
fn lookalike_help(value: &str) -> Option<String> {
    let (col, c) = value
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_graphic() && (!c.is_alphanumeric() || !folds_to_ascii(*c)))?;
    Some(format!(
        "character {} of `{value}` is {} ({}), not a plain letter, digit or `-`: retype it",
        col + 1,
        crate::load::text::describe(c),
        crate::load::text::name(c)
    ))
}

/// Whether `c` is a plain letter once its accent is off (`é` → `e`): then "did you
/// mean" is the fix. A Cyrillic `е` or a full-width `１` is not, and looks the same
/// as the code it is mistaken for.
fn folds_to_ascii(c: char) -> bool {
    crate::slug::slugify(c.encode_utf8(&mut [0; 4])).is_ascii()
}

/// Every code given twice in `key`, once.
fn warn_repeats(f: &mut Fields, key: &str, values: &[String]) {
    let mut seen = rustc_hash::FxHashMap::<&str, usize>::default();
    for v in values {
        *seen.entry(v).or_default() += 1;
    }
    for v in values {
        // Said once, at the first of its repeats.
        if seen.insert(v, 0).is_some_and(|n| n > 1) {
            f.warning_at_key(
                key,
                format!("`{v}` is listed more than once in `{key}`"),
                Some("keep one".into()),
            );
        }
    }
}

/// With no close match (two-digit region codes are all alike), a short
/// taxonomy's codes are the fix: `known codes: `01` Guadeloupe, …`.
fn known_codes(tax: &Taxonomy) -> Option<String> {
    const MAX_LISTED: usize = 20;
    if tax.terms.is_empty() || tax.terms.len() > MAX_LISTED {
        return None;
    }
    let listed: Vec<String> = tax
        .terms
        .iter()
        .map(|term| format!("`{}` {}", term.code, term.label))
        .collect();
    Some(format!("known codes: {}", listed.join(", ")))
}

pub(super) fn scope(f: &mut Fields, key: &str, tax: &Taxonomy, what: &str) -> Scope {
    let before = f.diags.len();
    let Some(values) = f.string_list(key, Some("[\"*\"]")) else {
        return Scope::All;
    };
    // Items refused as they were read (`[84, 11]`, numbers) have their errors.
    if values.is_empty() && f.diags.len() == before {
        f.error_at_key(
            key,
            format!("`{key}` is empty"),
            Some(format!("write `{key}: [\"*\"]` for all")),
        );
        return Scope::All;
    }
    scope_of(f, key, values, Some(tax), what)
}

/// `["*"]` (alone) or codes of `tax`, each checked when `tax` is given.
pub(in crate::load) fn scope_of(
    f: &mut Fields,
    key: &str,
    values: Vec<String>,
    tax: Option<&Taxonomy>,
    what: &str,
) -> Scope {
    warn_repeats(f, key, &values);
    if values.iter().any(|v| v == "*") {
        // `["*", "*"]` is only a repeat (warned above), not a mix.
        if values.iter().any(|v| v != "*") {
            f.error_at_key(
                key,
                format!("`\"*\"` cannot be mixed with codes in `{key}`"),
                Some("`\"*\"` already includes every code: keep either `[\"*\"]` or the list of codes".into()),
            );
            // The codes beside it are checked all the same, so that fixing the
            // `"*"` brings no new error.
            for v in values.iter().filter(|v| *v != "*") {
                if let Some(tax) = tax {
                    check_code(f, key, v, tax, what);
                }
            }
        }
        return Scope::All;
    }
    let valid: Vec<String> = values
        .into_iter()
        .filter(|v| tax.is_none_or(|tax| check_code(f, key, v, tax, what)))
        .collect();
    Scope::Only(valid)
}
