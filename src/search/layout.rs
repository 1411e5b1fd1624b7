//! Index file layout: turns the inverted index into loadable JS files.
//!
//! Every file is `window.PB_SEARCH_LOAD("<name>", <payload>);` where
//! `<name>` is its path under `search/` without `.js`. Payloads:
//!
//! - `meta`: `{"v":1,"n":docs,"t":[first term of each term chunk],
//!   "pc":docs per page chunk (varints),"lx":[hex code points with a
//!   lexicon file],"f":[{"k":key,"v":[[code,label]..],"s":[[value
//!   index..]..],"d":per-doc set ids (varints)}],"s":[[[term..]..]..]}`; a
//!   set `[-1]` means "*" (every value); `s`, the synonym groups (each
//!   member as its terms), only when there are some; `r`, `[variant,
//!   national]` document pairs, and `o`, obsolete documents, likewise;
//! - `t/{n}`: `[[term, postings, exact, members, ...], ...]` sorted by term;
//!   postings in one of three forms (see `encode_sparse`, `encode_dense`):
//!   sparse with sections (rare terms), sparse without (` ` prefix), dense
//!   (`!` prefix, very frequent terms); members: posting indexes holding
//!   the accented form, as varint gaps, or `!` + the complement;
//! - `p/{n}`: `[[id, title, url, breadcrumb, phase, priority, summary,
//!   trigger, [anchor, heading, lead, ...]], ...]`, with a tenth item `1` on an
//!   obsolete sheet;
//! - `l/{hex}`: `[terms joined by spaces, dfs as varints]`.

use super::codec::{js_file, js_raw_file, push_digit, push_varint, RADIX};
use super::facets::{facets, Facet};
use super::index::{Inverted, Posting, TermEntry, FIELDS};
use super::{FacetLabels, SearchDoc, SearchFile};

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

/// Format version, checked by the client.
const FORMAT_VERSION: u32 = 1;
/// Field weights: title > id > summary/trigger > headings > body.
const FIELD_WEIGHTS: [f64; FIELDS] = [8.0, 6.0, 4.0, 2.5, 1.0];
/// BM25 length normalisation per field (ids barely vary in length).
const FIELD_B: [f64; FIELDS] = [0.5, 0.3, 0.5, 0.5, 0.75];
const K1: f64 = 1.2;
/// Upper bound of an impact: every field saturated.
const IMPACT_MAX: f64 = 48.0;
/// Target serialized size of a term chunk: a first query loads one chunk
/// per query word, so this bounds its cost.
const TERM_CHUNK_BYTES: usize = 16 * 1024;
/// Target size of a page chunk (one filesystem block).
const PAGE_CHUNK_BYTES: usize = 4000;
/// Snippet sources kept per page: the index cannot afford full text.
const LEAD_CHARS: usize = 120;
const HEADING_CHARS: usize = 70;
const SUMMARY_CHARS: usize = 160;
const TRIGGER_CHARS: usize = 100;
/// Lead characters per page, given to sections in order: full text cannot
/// fit in 20 MB for 10,000 pages, so later sections show their heading and
/// the page summary.
const LEAD_BUDGET: usize = 200;
const MIN_LEAD_CHARS: usize = 40;
/// Below this document frequency terms always keep their section.
const SECTION_DF_FLOOR: usize = 200;
/// Dense postings: levels 0..DENSE_LEVELS per document, two documents per
/// digit (9 × 9 = 81 ≤ 91).
const DENSE_LEVELS: u32 = 9;

/// The files that depend only on the documents, not on the inverted index:
/// built while the index is being inverted.
pub struct DocFiles {
    pages: Vec<SearchFile>,
    page_sizes: String,
    facets: Vec<Facet>,
    /// Obsolete documents, which search ranks after every sheet in force.
    obsolete: Vec<u32>,
    /// `(variant, national)` document numbers: with a profile, search hides a
    /// national sheet where its variant applies, as listings do.
    variants: Vec<(u32, u32)>,
}

fn variant_pairs(docs: &[&SearchDoc]) -> Vec<(u32, u32)> {
    let numbers: HashMap<&str, u32> = (0u32..)
        .zip(docs)
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    (0u32..)
        .zip(docs)
        .filter_map(|(i, d)| Some((i, *numbers.get(d.variant_of.as_deref()?)?)))
        .collect()
}

fn obsolete_docs(docs: &[&SearchDoc]) -> Vec<u32> {
    (0u32..)
        .zip(docs)
        .filter(|(_, d)| d.obsolete)
        .map(|(i, _)| i)
        .collect()
}

pub fn doc_files(docs: &[&SearchDoc], labels: &FacetLabels) -> DocFiles {
    let (records, facets) = rayon::join(|| page_records(docs), || facets(docs, labels));
    let (pages, page_sizes) = page_chunks(&records);
    DocFiles {
        pages,
        page_sizes,
        facets,
        obsolete: obsolete_docs(docs),
        variants: variant_pairs(docs),
    }
}

/// The same files from records kept since an earlier build (see `kept.rs`).
pub fn doc_files_from(records: &[String], docs: &[&SearchDoc], labels: &FacetLabels) -> DocFiles {
    let (pages, page_sizes) = page_chunks(records);
    DocFiles {
        pages,
        page_sizes,
        facets: facets(docs, labels),
        obsolete: obsolete_docs(docs),
        variants: variant_pairs(docs),
    }
}

/// Each document's display record as it goes into a page chunk.
pub fn page_records(docs: &[&SearchDoc]) -> Vec<String> {
    docs.par_iter().map(|d| page_record_json(d)).collect()
}

pub fn page_record_json(doc: &SearchDoc) -> String {
    serde_json::to_string(&page_record(doc)).unwrap_or_else(|_| "null".into())
}

/// Write every index file, sorted by path.
pub fn write_files(
    inv: &Inverted,
    doc_files: DocFiles,
    synonyms: &[Vec<Vec<String>>],
) -> Vec<SearchFile> {
    let averages = average_lengths(&inv.field_lengths);
    let encoded: Vec<Vec<String>> = inv
        .terms
        .par_iter()
        .map(|entry| encode_entry(entry, &inv.field_lengths, &averages))
        .collect();
    let (mut files, boundaries) = term_chunks(&encoded);
    files.extend(doc_files.pages);
    let (lex_files, lex_codes) = lexicon(&inv.terms);
    files.extend(lex_files);
    let meta = Meta {
        v: FORMAT_VERSION,
        n: inv.field_lengths.len(),
        t: boundaries,
        pc: doc_files.page_sizes,
        lx: lex_codes,
        f: doc_files.facets,
        s: synonyms,
        r: doc_files.variants,
        o: doc_files.obsolete,
    };
    files.push(file("meta", &meta));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn file(name: &str, payload: &impl Serialize) -> SearchFile {
    SearchFile {
        path: format!("search/{name}.js"),
        contents: js_file(name, payload),
    }
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    n: usize,
    t: Vec<String>,
    pc: String,
    lx: Vec<String>,
    f: Vec<Facet>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    s: &'a [Vec<Vec<String>>],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    r: Vec<(u32, u32)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    o: Vec<u32>,
}

fn average_lengths(lengths: &[[u32; FIELDS]]) -> [f64; FIELDS] {
    let mut sums = [0f64; FIELDS];
    for doc in lengths {
        for (sum, len) in sums.iter_mut().zip(doc) {
            *sum += f64::from(*len);
        }
    }
    let count = lengths.len().max(1) as f64;
    sums.map(|sum| (sum / count).max(1.0))
}

/// Field-weighted sum of per-field BM25 term-frequency factors. Saturating
/// each field separately keeps one title hit above any number of body hits.
fn impact(posting: &Posting, lengths: &[u32; FIELDS], averages: &[f64; FIELDS]) -> f64 {
    (0..FIELDS)
        .filter(|&f| posting.tf[f] > 0)
        .map(|f| {
            let tf = f64::from(posting.tf[f]);
            let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * f64::from(lengths[f]) / averages[f];
            FIELD_WEIGHTS[f] * tf * (K1 + 1.0) / (tf + K1 * norm)
        })
        .sum()
}

/// Log-scale quantisation on one digit (≈4.4 % steps); the client inverts
/// it with `exp(q / 90 * ln(1 + IMPACT_MAX)) - 1`.
fn quantize(impact: f64) -> u32 {
    let top = f64::from(RADIX - 1);
    let q = ((1.0 + impact).ln() / (1.0 + IMPACT_MAX).ln() * top).round();
    q.clamp(1.0, top) as u32
}

/// Terms in more documents than this carry no section: an anchor chosen
/// by a word found everywhere says nothing, and sections are a third of the
/// postings' bytes.
fn keeps_sections(df: usize, doc_count: usize) -> bool {
    df <= (doc_count / 20).max(SECTION_DF_FLOOR)
}

/// Very frequent terms are cheaper as one digit per pair of documents.
fn is_dense(df: usize, doc_count: usize) -> bool {
    !keeps_sections(df, doc_count) && df * 3 > doc_count
}

/// `[term, postings, exact, members, ...]` for one dictionary entry.
fn encode_entry(
    entry: &TermEntry,
    lengths: &[[u32; FIELDS]],
    averages: &[f64; FIELDS],
) -> Vec<String> {
    let doc_count = lengths.len();
    let df = entry.postings.len();
    let impacts = entry
        .postings
        .iter()
        .map(|p| quantize(impact(p, &lengths[p.doc as usize], averages)));
    let postings = if is_dense(df, doc_count) {
        encode_dense(&entry.postings, impacts, doc_count)
    } else {
        encode_sparse(&entry.postings, impacts, keeps_sections(df, doc_count))
    };
    let mut out = vec![entry.term.clone(), postings];
    for (exact, members) in &entry.variants {
        out.push(exact.clone());
        out.push(encode_members(members, df));
    }
    out
}

/// Per posting `varint(gap*2 + has_section)`, impact digit, `varint(section)`
/// when flagged; or, prefixed by a space, `varint(gap)` and impact only.
fn encode_sparse(
    postings: &[Posting],
    impacts: impl Iterator<Item = u32>,
    sections: bool,
) -> String {
    let mut out = String::with_capacity(postings.len() * 3 + 1);
    if !sections {
        out.push(' ');
    }
    let mut previous: Option<u32> = None;
    for (posting, impact) in postings.iter().zip(impacts) {
        let gap = u64::from(previous.map_or(posting.doc, |p| posting.doc - p - 1));
        previous = Some(posting.doc);
        let has_section = sections && posting.section > 0;
        let head = if sections {
            gap * 2 + u64::from(has_section)
        } else {
            gap
        };
        push_varint(&mut out, head);
        push_digit(&mut out, impact);
        if has_section {
            push_varint(&mut out, u64::from(posting.section - 1));
        }
    }
    out
}

/// `!` then one digit per pair of documents: `9 * level(even) + level(odd)`
/// where level 0 is "absent" and 1..=8 a coarse impact (these terms have a
/// low IDF, so coarse impacts barely move scores).
fn encode_dense(
    postings: &[Posting],
    impacts: impl Iterator<Item = u32>,
    doc_count: usize,
) -> String {
    let mut levels = vec![0u32; doc_count + 1];
    for (posting, impact) in postings.iter().zip(impacts) {
        levels[posting.doc as usize] = dense_level(impact);
    }
    let mut out = String::with_capacity(doc_count / 2 + 2);
    out.push('!');
    for pair in levels[..doc_count].chunks(2) {
        let odd = pair.get(1).copied().unwrap_or(0);
        push_digit(&mut out, pair[0] * DENSE_LEVELS + odd);
    }
    out
}

/// Impact digit 1..=90 → level 1..=8.
fn dense_level(impact: u32) -> u32 {
    1 + (impact.saturating_sub(1) * (DENSE_LEVELS - 1)) / (RADIX - 1)
}

/// Posting indexes as gaps, or `!` + the complement when that is shorter
/// (a word nearly always written with its accents costs one byte).
fn encode_members(members: &[u32], total: usize) -> String {
    let complement: Vec<u32> = {
        let mut present = members.iter().peekable();
        (0..total as u32)
            .filter(|i| {
                if present.peek() == Some(&i) {
                    present.next();
                    false
                } else {
                    true
                }
            })
            .collect()
    };
    let (prefix, list) = if complement.len() < members.len() {
        ("!", complement.as_slice())
    } else {
        ("", members)
    };
    let mut out = String::from(prefix);
    let mut previous: Option<u32> = None;
    for &index in list {
        push_varint(
            &mut out,
            u64::from(previous.map_or(index, |p| index - p - 1)),
        );
        previous = Some(index);
    }
    out
}

/// Serialized size of an entry inside a JSON array (terms and digits never
/// need escaping).
fn entry_bytes(entry: &[String]) -> usize {
    entry.iter().map(|s| s.len() + 3).sum::<usize>() + 2
}

/// Cut the sorted dictionary into chunks of about `TERM_CHUNK_BYTES`.
fn term_chunks(encoded: &[Vec<String>]) -> (Vec<SearchFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut boundaries = Vec::new();
    let mut start = 0;
    while start < encoded.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < encoded.len() {
            let size = entry_bytes(&encoded[end]);
            if end > start && bytes + size > TERM_CHUNK_BYTES {
                break;
            }
            bytes += size;
            end += 1;
        }
        boundaries.push(encoded[start][0].clone());
        files.push(file(&format!("t/{}", files.len()), &&encoded[start..end]));
        start = end;
    }
    (files, boundaries)
}

/// Display data of one page, as serialized in page chunks: `[id, title, url,
/// breadcrumb, phase, priority, summary, trigger, sections]`, then a tenth
/// item, `1` on an obsolete sheet, and an eleventh, the title's raised ordinal
/// letters (`[[start, end], …]`), only when it has some (`0` in the tenth
/// then): the others pay nothing for them.
struct PageRecord<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    breadcrumb: &'a [String],
    phase: &'a str,
    priority: &'a str,
    summary: String,
    trigger: String,
    sections: Vec<String>,
    obsolete: bool,
    raised: &'a [[u32; 2]],
}

impl Serialize for PageRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let raised = !self.raised.is_empty();
        let len = 9 + usize::from(self.obsolete || raised) + usize::from(raised);
        let mut seq = serializer.serialize_seq(Some(len))?;
        seq.serialize_element(self.id)?;
        seq.serialize_element(self.title)?;
        seq.serialize_element(self.url)?;
        seq.serialize_element(self.breadcrumb)?;
        seq.serialize_element(self.phase)?;
        seq.serialize_element(self.priority)?;
        seq.serialize_element(&self.summary)?;
        seq.serialize_element(&self.trigger)?;
        seq.serialize_element(&self.sections)?;
        if self.obsolete || raised {
            seq.serialize_element(&u8::from(self.obsolete))?;
        }
        if raised {
            seq.serialize_element(self.raised)?;
        }
        seq.end()
    }
}

fn page_record<'a>(doc: &'a SearchDoc) -> PageRecord<'a> {
    let mut budget = LEAD_BUDGET;
    let mut sections = Vec::with_capacity(doc.sections.len() * 3);
    for section in &doc.sections {
        let lead = if budget >= MIN_LEAD_CHARS {
            clip(&section.text, budget.min(LEAD_CHARS))
        } else {
            String::new()
        };
        budget = budget.saturating_sub(lead.chars().count());
        sections.push(section.anchor.to_string());
        sections.push(clip(&section.heading, HEADING_CHARS));
        sections.push(lead);
    }
    PageRecord {
        id: &doc.id,
        title: &doc.title,
        url: &doc.url,
        breadcrumb: &doc.breadcrumb,
        phase: &doc.phase,
        priority: doc.priority.as_deref().unwrap_or(""),
        summary: clip(&doc.summary, SUMMARY_CHARS),
        trigger: clip(&doc.trigger, TRIGGER_CHARS),
        sections,
        obsolete: doc.obsolete,
        raised: &doc.title_raised,
    }
}

/// Collapse whitespace and cut at a word boundary after at most `max`
/// characters, marking the cut with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len + 1 > max && chars > 0 {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        if len > max {
            out.extend(word.chars().take(max));
            out.push('…');
            return out;
        }
        out.push_str(word);
        chars += len;
    }
    out
}

/// Consecutive docs packed greedily into files of at most
/// `PAGE_CHUNK_BYTES` (one filesystem block), plus the number of docs in
/// each chunk as varints for the client's doc → chunk table.
fn page_chunks(records: &[String]) -> (Vec<SearchFile>, String) {
    // Boundaries first (cheap), then the files side by side.
    let mut ranges = Vec::new();
    let mut sizes = String::new();
    let mut start = 0;
    while start < records.len() {
        let mut end = start + 1;
        // Each record costs its length plus a separating comma.
        let mut bytes = records[start].len() + 1;
        while end < records.len() && bytes + records[end].len() < PAGE_CHUNK_BYTES {
            bytes += records[end].len() + 1;
            end += 1;
        }
        push_varint(&mut sizes, (end - start) as u64);
        ranges.push(start..end);
        start = end;
    }
    let files = ranges
        .into_par_iter()
        .enumerate()
        .map(|(n, range)| {
            let name = format!("p/{n}");
            let payload = format!("[{}]", records[range].join(","));
            SearchFile {
                path: format!("search/{name}.js"),
                contents: js_raw_file(&name, &payload),
            }
        })
        .collect();
    (files, sizes)
}

/// Terms grouped by first character, with document frequencies.
fn lexicon(terms: &[TermEntry]) -> (Vec<SearchFile>, Vec<String>) {
    let mut groups: BTreeMap<u32, (Vec<&str>, String)> = BTreeMap::new();
    for entry in terms {
        let Some(first) = entry.term.chars().next() else {
            continue;
        };
        let group = groups.entry(first as u32).or_default();
        group.0.push(&entry.term);
        push_varint(&mut group.1, entry.postings.len() as u64);
    }
    let mut files = Vec::new();
    let mut codes = Vec::new();
    for (code, (words, dfs)) in groups {
        let hex = format!("{code:x}");
        files.push(file(&format!("l/{hex}"), &(words.join(" "), dfs)));
        codes.push(hex);
    }
    (files, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_at_words() {
        assert_eq!(clip("  un   deux trois ", 9), "un deux…");
        assert_eq!(clip("court", 10), "court");
        assert_eq!(clip("abcdefghijkl", 4), "abcd…");
    }

    #[test]
    fn members_pick_the_shorter_form() {
        assert_eq!(encode_members(&[0, 1, 2, 3], 4), "!");
        assert_eq!(encode_members(&[2], 10), "%");
    }

    #[test]
    fn quantize_is_monotonic_and_bounded() {
        assert_eq!(quantize(0.0), 1);
        assert_eq!(quantize(IMPACT_MAX * 2.0), RADIX - 1);
        assert!(quantize(1.0) < quantize(2.0));
    }
}
