//! Inversion: documents → per-term postings with per-field frequencies.
//!
//! Documents are analysed in parallel by rayon workers. Each worker keeps a
//! cache from raw word to interned term ids, so a word is normalised and
//! stemmed once per worker rather than once per occurrence (15 M words for
//! a 10,000-page site), and accumulates postings under worker-local ids.
//! Workers are then merged under global ids and every list is sorted, so
//! the result does not depend on how rayon split the work.

use super::analyze::{for_each_word, french_stemmer, normalize_word, stem_word};
use super::word_cache::WordCache;
use super::SearchDoc;
use rayon::prelude::*;
use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap;

/// Indexed fields, in decreasing weight order.
pub const FIELD_TITLE: usize = 0;
pub const FIELD_ID: usize = 1;
pub const FIELD_SUMMARY: usize = 2;
pub const FIELD_HEADING: usize = 3;
pub const FIELD_BODY: usize = 4;
pub const FIELDS: usize = 5;

/// Heading words count this much more than body words when picking the
/// section a result links to.
const HEADING_SECTION_VOTE: u32 = 3;

/// One (term, document) pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub doc: u32,
    /// Occurrences per field.
    pub tf: [u16; FIELDS],
    /// 1 + index of the section holding most occurrences (headings count
    /// triple); 0 when the term appears only in title, id or summary.
    pub section: u32,
}

/// A dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct TermEntry {
    pub term: String,
    /// Sorted by doc.
    pub postings: Vec<Posting>,
    /// Accent-bearing variants: exact key → sorted indexes into `postings`
    /// of the documents that contain the word with those accents.
    pub variants: Vec<(String, Vec<u32>)>,
}

/// The whole inverted index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inverted {
    /// Sorted by term, in JavaScript string order.
    pub terms: Vec<TermEntry>,
    /// Indexed words per field, per document.
    pub field_lengths: Vec<[u32; FIELDS]>,
}

/// Analyse and invert `docs` (doc number = position in the slice).
pub fn invert(docs: &[&SearchDoc]) -> Inverted {
    // A few large batches rather than rayon's fine splits: every worker
    // starts with a cold word cache, and stemming the vocabulary again per
    // worker would cost more than the imbalance of coarse batches.
    let batches = rayon::current_num_threads().max(1) * 2;
    let batch_len = docs.len().div_ceil(batches).max(1);
    let workers: Vec<Worker> = docs
        .par_chunks(batch_len)
        .enumerate()
        .map(|(batch, chunk)| {
            let mut worker = Worker::new();
            for (i, doc) in chunk.iter().enumerate() {
                worker.add_doc((batch * batch_len + i) as u32, doc);
            }
            worker
        })
        .collect();
    merge(workers, docs.len())
}

/// What a raw word contributes, cached per worker.
#[derive(Clone, Copy)]
enum WordSlot {
    /// Stop word or unindexable.
    Skip,
    /// Worker-local term id and accent variant id (`NO_EXACT` if none).
    Term(u32, u32),
}

const NO_EXACT: u32 = u32::MAX;

/// Per-document accumulator for one term.
#[derive(Clone)]
struct Acc {
    term: u32,
    tf: [u16; FIELDS],
    current_section: u32,
    current_votes: u32,
    best_section: u32,
    best_votes: u32,
}

impl Acc {
    fn new(term: u32) -> Self {
        Acc {
            term,
            tf: [0; FIELDS],
            current_section: 0,
            current_votes: 0,
            best_section: 0,
            best_votes: 0,
        }
    }

    /// Sections arrive in order, so a running counter per term is enough to
    /// find the section with most votes (the first one on ties).
    fn vote(&mut self, section: u32, votes: u32) {
        if self.current_section != section {
            self.close_section();
            self.current_section = section;
            self.current_votes = 0;
        }
        self.current_votes += votes;
    }

    fn close_section(&mut self) {
        if self.current_votes > self.best_votes {
            self.best_votes = self.current_votes;
            self.best_section = self.current_section;
        }
    }
}

/// Interning table for worker-local strings.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, name: String) -> u32 {
        if let Some(&id) = self.ids.get(&name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }
}

struct Worker {
    stemmer: Stemmer,
    words: WordCache<WordSlot>,
    terms: Interner,
    exacts: Interner,
    /// Postings per local term id.
    postings: Vec<Vec<Posting>>,
    /// Per local term id: (local exact, doc), in doc order.
    variants: Vec<Vec<(u32, u32)>>,
    field_lengths: Vec<(u32, [u32; FIELDS])>,
    // Per-document scratch space, reused across documents.
    slot_of_term: Vec<u32>,
    slot_stamp: Vec<u32>,
    stamp: u32,
    accs: Vec<Acc>,
    doc_variants: Vec<(u32, u32)>,
    lengths: [u32; FIELDS],
}

impl Worker {
    fn new() -> Self {
        Worker {
            stemmer: french_stemmer(),
            words: WordCache::default(),
            terms: Interner::default(),
            exacts: Interner::default(),
            postings: Vec::new(),
            variants: Vec::new(),
            field_lengths: Vec::new(),
            slot_of_term: Vec::new(),
            slot_stamp: Vec::new(),
            stamp: 0,
            accs: Vec::new(),
            doc_variants: Vec::new(),
            lengths: [0; FIELDS],
        }
    }

    fn add_doc(&mut self, number: u32, doc: &SearchDoc) {
        self.begin_doc();
        self.add_text(&doc.title, FIELD_TITLE, None);
        self.add_text(&doc.id, FIELD_ID, None);
        self.add_text(&doc.summary, FIELD_SUMMARY, None);
        self.add_text(&doc.trigger, FIELD_SUMMARY, None);
        for (i, section) in doc.sections.iter().enumerate() {
            let section_number = i as u32 + 1;
            self.add_text(&section.heading, FIELD_HEADING, Some(section_number));
            self.add_text(&section.text, FIELD_BODY, Some(section_number));
        }
        self.end_doc(number);
    }

    fn begin_doc(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Stamps wrapped: forget every slot rather than alias old ones.
            self.slot_stamp.iter_mut().for_each(|s| *s = 0);
            self.stamp = 1;
        }
        self.accs.clear();
        self.doc_variants.clear();
        self.lengths = [0; FIELDS];
    }

    fn add_text(&mut self, text: &str, field: usize, section: Option<u32>) {
        let votes = if field == FIELD_HEADING {
            HEADING_SECTION_VOTE
        } else {
            1
        };
        // The end and text of the word before, for compounds.
        let mut previous: Option<(usize, &str)> = None;
        for_each_word(text, |raw| {
            // `cyber-attaque` is also found as `cyberattaque`, the way others write it
            // (an id's parts are not words).
            if let Some((end, before)) = previous.filter(|_| field != FIELD_ID) {
                if raw.start == end + 1 && text.as_bytes()[end] == b'-' {
                    let joined = format!("{before}{}", raw.text);
                    if let WordSlot::Term(term, _) = self.word_slot(&joined) {
                        let acc = self.acc_for(term);
                        acc.tf[field] = acc.tf[field].saturating_add(1);
                    }
                }
            }
            previous = Some((raw.start + raw.text.len(), raw.text));
            let WordSlot::Term(term, exact) = self.word_slot(raw.text) else {
                return;
            };
            self.lengths[field] += 1;
            let acc = self.acc_for(term);
            acc.tf[field] = acc.tf[field].saturating_add(1);
            if let Some(section) = section {
                acc.vote(section, votes);
            }
            if exact != NO_EXACT {
                self.doc_variants.push((term, exact));
            }
        });
    }

    /// Cached analysis of one raw word.
    fn word_slot(&mut self, raw: &str) -> WordSlot {
        if let Some(slot) = self.words.get(raw) {
            return slot;
        }
        let stems = normalize_word(raw).and_then(|word| stem_word(&self.stemmer, &word));
        let slot = match stems {
            None => WordSlot::Skip,
            Some(stems) => {
                let term = self.terms.intern(stems.term);
                let exact = stems.exact.map_or(NO_EXACT, |e| self.exacts.intern(e));
                WordSlot::Term(term, exact)
            }
        };
        self.words.insert(raw, slot);
        slot
    }

    fn acc_for(&mut self, term: u32) -> &mut Acc {
        let t = term as usize;
        if t >= self.slot_of_term.len() {
            self.slot_of_term.resize(t + 1, 0);
            self.slot_stamp.resize(t + 1, 0);
        }
        if self.slot_stamp[t] != self.stamp {
            self.slot_stamp[t] = self.stamp;
            self.slot_of_term[t] = self.accs.len() as u32;
            self.accs.push(Acc::new(term));
        }
        let slot = self.slot_of_term[t] as usize;
        &mut self.accs[slot]
    }

    fn end_doc(&mut self, number: u32) {
        if self.postings.len() < self.terms.names.len() {
            self.postings.resize_with(self.terms.names.len(), Vec::new);
            self.variants.resize_with(self.terms.names.len(), Vec::new);
        }
        for acc in &mut self.accs {
            acc.close_section();
            self.postings[acc.term as usize].push(Posting {
                doc: number,
                tf: acc.tf,
                section: acc.best_section,
            });
        }
        self.doc_variants.sort_unstable();
        self.doc_variants.dedup();
        for &(term, exact) in &self.doc_variants {
            self.variants[term as usize].push((exact, number));
        }
        self.field_lengths.push((number, self.lengths));
    }
}

/// Merge worker results under global ids and sort everything.
fn merge(workers: Vec<Worker>, doc_count: usize) -> Inverted {
    let mut field_lengths = vec![[0u32; FIELDS]; doc_count];
    let mut ids: FxHashMap<String, usize> = FxHashMap::default();
    let mut entries: Vec<TermEntry> = Vec::new();
    let mut exacts = Interner::default();
    // Per global term: (global exact, doc).
    let mut variants: Vec<Vec<(u32, u32)>> = Vec::new();
    for worker in workers {
        for (doc, lengths) in &worker.field_lengths {
            field_lengths[*doc as usize] = *lengths;
        }
        let term_ids: Vec<u32> = worker
            .terms
            .names
            .into_iter()
            .map(|name| global_id(&mut ids, &mut entries, name) as u32)
            .collect();
        let exact_ids: Vec<u32> = worker
            .exacts
            .names
            .into_iter()
            .map(|name| exacts.intern(name))
            .collect();
        variants.resize_with(entries.len(), Vec::new);
        for (local, postings) in worker.postings.into_iter().enumerate() {
            entries[term_ids[local] as usize].postings.extend(postings);
        }
        for (local, list) in worker.variants.into_iter().enumerate() {
            let global = list.into_iter().map(|(e, d)| (exact_ids[e as usize], d));
            variants[term_ids[local] as usize].extend(global);
        }
    }
    entries
        .par_iter_mut()
        .zip(variants.into_par_iter())
        .for_each(|(entry, variants)| {
            entry.postings.sort_unstable_by_key(|p| p.doc);
            attach_variants(entry, variants, &exacts.names);
        });
    entries.par_sort_by(|a, b| super::codec::js_order(&a.term, &b.term));
    Inverted {
        terms: entries,
        field_lengths,
    }
}

fn global_id(
    ids: &mut FxHashMap<String, usize>,
    entries: &mut Vec<TermEntry>,
    name: String,
) -> usize {
    if let Some(&id) = ids.get(&name) {
        return id;
    }
    let id = entries.len();
    entries.push(TermEntry {
        term: name.clone(),
        postings: Vec::new(),
        variants: Vec::new(),
    });
    ids.insert(name, id);
    id
}

/// Turn a term's (exact, doc) pairs into variant lists of posting indexes,
/// sorted by the variant's text.
fn attach_variants(entry: &mut TermEntry, mut pairs: Vec<(u32, u32)>, names: &[String]) {
    pairs.sort_unstable();
    let mut rest = pairs.as_slice();
    while let Some(&(exact, _)) = rest.first() {
        let run = rest.iter().take_while(|(e, _)| *e == exact).count();
        // Both lists are sorted by doc: walk them together.
        let mut indexes = Vec::with_capacity(run);
        let mut cursor = 0;
        for &(_, doc) in &rest[..run] {
            while cursor < entry.postings.len() && entry.postings[cursor].doc < doc {
                cursor += 1;
            }
            if cursor < entry.postings.len() && entry.postings[cursor].doc == doc {
                indexes.push(cursor as u32);
            }
        }
        entry
            .variants
            .push((names[exact as usize].clone(), indexes));
        rest = &rest[run..];
    }
    entry.variants.sort_by(|a, b| a.0.cmp(&b.0));
}
