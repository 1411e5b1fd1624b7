//! Offline full-text search: a French-aware inverted index built at site
//! build time and shipped as plain `<script>` files, so that search works
//! from `file://` with no server, no `fetch` and no modules.
//!
//! `themes/default/js/search-*.js` and `search.js` are the query side: analysis,
//! engine and interface. They must analyse text exactly like [`analyze`] (shared
//! vectors in `tests/search_vectors/`).
//!
//! Files produced under `search/` (formats in `layout.rs`):
//! - `meta.js`: doc count, term-chunk boundaries, facets (labels, per-doc
//!   value sets), docs per page chunk, synonym groups as analysed terms:
//!   everything a first query needs;
//! - `t/{n}.js`: term chunks, contiguous ranges of the sorted dictionary
//!   with their postings (doc, quantised BM25 impact, best section);
//! - `p/{n}.js`: page chunks, a few documents' display data (title, url,
//!   breadcrumb, phase, sections with anchors and leads for snippets);
//! - `l/{hex}.js`: the terms starting with one character, with document
//!   frequencies, loaded only for typo tolerance and very short prefixes.

use std::borrow::Cow;

pub mod analyze;
mod codec;
mod facets;
mod index;
mod kept;
mod layout;
mod patch;
mod word_cache;

pub use kept::Index;

/// One page handed to the index (already filtered by TLP by the engine).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchDoc<'a> {
    pub id: String,
    pub title: String,
    /// Where the title's ordinal letters are (`2e`: the `e`), in UTF-16 code
    /// units: results show them raised.
    pub title_raised: Vec<[u32; 2]>,
    /// Relative to the site root, e.g. "alerte/rancon/index.html".
    pub url: String,
    /// Section titles from the root.
    pub breadcrumb: Vec<String>,
    pub summary: String,
    /// "" when absent.
    pub trigger: String,
    pub kind: String,
    pub phase: String,
    pub priority: Option<String>,
    /// ["*"] or region codes.
    pub regions: Vec<String>,
    /// ["*"] or establishment type codes.
    pub types: Vec<String>,
    pub roles: Vec<String>,
    /// `status: obsolete`: ranked after every sheet in force.
    pub obsolete: bool,
    /// The national sheet (id) this one replaces where it applies; `None` for an
    /// obsolete variant, which replaces nothing.
    pub variant_of: Option<String>,
    /// The page body split at headings, in order.
    pub sections: Vec<SearchSection<'a>>,
}

/// A slice of a page body between two headings, usually borrowed from the
/// rendered Markdown (copying every page's text again would cost more than
/// analysing it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchSection<'a> {
    /// Heading id; "" for the text before the first heading.
    pub anchor: Cow<'a, str>,
    /// Heading text; "" for the first chunk.
    pub heading: Cow<'a, str>,
    /// Plain text of the section (no HTML).
    pub text: Cow<'a, str>,
}

/// Code → label for every facet, in display order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetLabels {
    pub regions: Vec<(String, String)>,
    pub types: Vec<(String, String)>,
    pub roles: Vec<(String, String)>,
    pub phases: Vec<(String, String)>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFile {
    /// Relative to the site root, under "search/", e.g. "search/meta.js".
    pub path: String,
    pub contents: Vec<u8>,
}

/// Build the search index files for `docs`. `synonyms` are groups of words
/// or phrases a query treats as one (see `search-engine.js`).
///
/// The output depends only on the set of documents, labels and synonyms:
/// documents are ordered by (id, url) first, so callers may pass them in any
/// order, and every file is byte-identical from one build to the next.
pub fn build_index(
    docs: &[SearchDoc],
    labels: &FacetLabels,
    synonyms: &[Vec<String>],
) -> Vec<SearchFile> {
    let ordered = ordered(docs);
    let (inverted, doc_files) = rayon::join(
        || index::invert(&ordered),
        || layout::doc_files(&ordered, labels),
    );
    layout::write_files(&inverted, doc_files, &analyzed_synonyms(synonyms))
}

/// [`build_index`] for a build that follows another (the live preview): reuses the
/// index `kept` from the previous call, analysing only the documents that changed,
/// and leaves the new one there. The files are the same as `build_index`'s.
pub fn build_index_kept(
    docs: &[SearchDoc],
    labels: &FacetLabels,
    synonyms: &[Vec<String>],
    kept: &mut Option<Index>,
) -> Vec<SearchFile> {
    let ordered = ordered(docs);
    let index = match kept {
        Some(index) => {
            index.update(&ordered);
            index
        }
        None => kept.insert(Index::new(&ordered)),
    };
    index.files(&ordered, labels, synonyms)
}

/// Documents in index order: by id, then url, whatever order they came in.
fn ordered<'d, 'a>(docs: &'d [SearchDoc<'a>]) -> Vec<&'d SearchDoc<'a>> {
    let mut ordered: Vec<&SearchDoc> = docs.iter().collect();
    ordered.sort_by(|a, b| (&a.id, &a.url).cmp(&(&b.id, &b.url)));
    ordered
}

/// Each member as the terms a query of it analyses to; members with none, and
/// groups left with fewer than two members, are dropped (`handbook.yaml`
/// checks report them).
fn analyzed_synonyms(groups: &[Vec<String>]) -> Vec<Vec<Vec<String>>> {
    groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|member| {
                    analyze::analyze(member)
                        .into_iter()
                        .map(|t| t.term)
                        .collect()
                })
                .filter(|terms: &Vec<String>| !terms.is_empty())
                .collect()
        })
        .filter(|group: &Vec<Vec<String>>| group.len() > 1)
        .collect()
}
