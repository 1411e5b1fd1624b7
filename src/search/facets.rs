//! Facets of the search index: for region, type, role, phase and priority, the
//! values with their labels, the distinct sets of values documents have, and each
//! document's set, so the client filters and counts without reading any page.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::codec::push_varint;
use super::{FacetLabels, SearchDoc};

#[derive(Serialize)]
pub struct Facet {
    k: &'static str,
    v: Vec<(String, String)>,
    s: Vec<Vec<i32>>,
    d: String,
}

/// A facet's key, labels, the codes a document has, and whether none means all.
type FacetSpec<'l> = (
    &'static str,
    &'l [(String, String)],
    for<'a> fn(&'a SearchDoc) -> Vec<&'a str>,
    bool,
);

pub fn facets(docs: &[&SearchDoc], labels: &FacetLabels) -> Vec<Facet> {
    let priorities: Vec<(String, String)> = ["P1", "P2", "P3"]
        .iter()
        .map(|p| (p.to_string(), p.to_string()))
        .collect();
    let specs: [FacetSpec; 5] = [
        ("region", &labels.regions, |d| strs(&d.regions), true),
        ("type", &labels.types, |d| strs(&d.types), true),
        ("role", &labels.roles, |d| strs(&d.roles), false),
        ("phase", &labels.phases, |d| vec![d.phase.as_str()], false),
        (
            "priority",
            &priorities,
            |d| d.priority.as_deref().into_iter().collect(),
            false,
        ),
    ];
    specs
        .into_par_iter()
        .map(|(key, labels, codes_of, empty_is_all)| {
            facet(key, labels, docs, codes_of, empty_is_all)
        })
        .collect()
}

fn strs(codes: &[String]) -> Vec<&str> {
    codes.iter().map(String::as_str).collect()
}

/// One facet: values (labelled ones first, then unlabelled codes found in
/// the docs), the distinct value sets, and each doc's set id as a varint;
/// sets are numbered by decreasing frequency so most docs take one byte.
///
/// `empty_is_all`: a page that names no region or type applies everywhere;
/// hiding it behind the reader's default profile filter would be worse than
/// showing it.
fn facet(
    key: &'static str,
    labels: &[(String, String)],
    docs: &[&SearchDoc],
    codes_of: impl for<'a> Fn(&'a SearchDoc) -> Vec<&'a str>,
    empty_is_all: bool,
) -> Facet {
    let doc_codes: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| codes_of(d).into_iter().filter(|c| !c.is_empty()).collect())
        .collect();
    let values = facet_values(labels, &doc_codes);
    let doc_sets: Vec<Vec<i32>> = doc_codes
        .iter()
        .map(|codes| value_set(codes, &values, empty_is_all))
        .collect();
    // Distinct sets by decreasing count, ties in order of first appearance.
    let mut first_seen: HashMap<&Vec<i32>, (usize, usize)> = HashMap::new();
    for (i, set) in doc_sets.iter().enumerate() {
        first_seen.entry(set).or_insert((i, 0)).1 += 1;
    }
    let mut sets: Vec<(&Vec<i32>, (usize, usize))> = first_seen.into_iter().collect();
    sets.sort_by_key(|(_, (first, count))| (std::cmp::Reverse(*count), *first));
    let ids: HashMap<&Vec<i32>, usize> = sets
        .iter()
        .enumerate()
        .map(|(id, (set, _))| (*set, id))
        .collect();
    let mut d = String::with_capacity(docs.len());
    for set in &doc_sets {
        push_varint(&mut d, ids.get(set).copied().unwrap_or(0) as u64);
    }
    Facet {
        k: key,
        v: values,
        s: sets.into_iter().map(|(set, _)| set.clone()).collect(),
        d,
    }
}

/// Labelled values in label order, then codes only found in docs, sorted.
fn facet_values(labels: &[(String, String)], doc_codes: &[Vec<&str>]) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    for (code, label) in labels {
        if !values.iter().any(|(c, _)| c == code) {
            values.push((code.clone(), label.clone()));
        }
    }
    let mut extra: Vec<&str> = doc_codes
        .iter()
        .flatten()
        .copied()
        .filter(|c| *c != "*" && !values.iter().any(|(v, _)| v == c))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    values.extend(extra.into_iter().map(|c| (c.to_string(), c.to_string())));
    values
}

fn value_set(codes: &[&str], values: &[(String, String)], empty_is_all: bool) -> Vec<i32> {
    if codes.contains(&"*") || (empty_is_all && codes.is_empty()) {
        return vec![-1];
    }
    let mut set: Vec<i32> = codes
        .iter()
        .filter_map(|c| values.iter().position(|(v, _)| v == c))
        .map(|i| i as i32)
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}
