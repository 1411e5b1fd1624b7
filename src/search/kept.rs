//! A search index kept from one build to the next, for the live preview: after an
//! edit, only the documents whose content changed are analysed again (the rest of
//! a 10,000-page index is patched, not rebuilt), and the files written are those
//! `build_index` would write.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::index::{invert, Inverted};
use super::{analyzed_synonyms, layout, FacetLabels, SearchDoc, SearchFile};

/// Past this share of changed documents, inverting everything again is cheaper
/// than patching one document at a time.
const PATCH_AT_MOST: usize = 16;

pub struct Index {
    /// (id, url) of each document, in index order.
    keys: Vec<(String, String)>,
    /// A hash of each document's content, to find the ones an edit changed (a
    /// 64-bit collision would leave one stale entry in the preview, never in a build).
    fingerprints: Vec<u64>,
    inverted: Inverted,
    /// Each document's display record (see `layout::page_records`).
    records: Vec<String>,
}

/// Every method takes the documents in index order (`super::ordered`).
impl Index {
    pub fn new(docs: &[&SearchDoc]) -> Index {
        let ((inverted, records), fingerprints) = rayon::join(
            || rayon::join(|| invert(docs), || layout::page_records(docs)),
            || fingerprints(docs),
        );
        Index {
            keys: docs.iter().map(|d| (d.id.clone(), d.url.clone())).collect(),
            fingerprints,
            inverted,
            records,
        }
    }

    /// Brings the index up to `docs`. The same documents as before (same ids and
    /// urls) are patched where their content changed; any other change, or many
    /// changed documents, builds the index anew.
    pub fn update(&mut self, docs: &[&SearchDoc]) {
        let same_documents = docs.len() == self.keys.len()
            && docs
                .iter()
                .zip(&self.keys)
                .all(|(d, (id, url))| d.id == *id && d.url == *url);
        if !same_documents {
            *self = Index::new(docs);
            return;
        }
        let prints = fingerprints(docs);
        let changed: Vec<usize> = (0..prints.len())
            .filter(|&i| prints[i] != self.fingerprints[i])
            .collect();
        if changed.len() > (docs.len() / PATCH_AT_MOST).max(1) {
            *self = Index::new(docs);
            return;
        }
        for i in changed {
            let doc = docs[i];
            self.inverted.replace_doc(i as u32, invert(&[doc]));
            self.records[i] = layout::page_record_json(doc);
        }
        self.fingerprints = prints;
    }

    /// The index files for `docs`, which must be what the last `new` or `update`
    /// was given.
    pub fn files(
        &self,
        docs: &[&SearchDoc],
        labels: &FacetLabels,
        synonyms: &[Vec<String>],
    ) -> Vec<SearchFile> {
        let doc_files = layout::doc_files_from(&self.records, docs, labels);
        layout::write_files(&self.inverted, doc_files, &analyzed_synonyms(synonyms))
    }
}

fn fingerprints(docs: &[&SearchDoc]) -> Vec<u64> {
    docs.par_iter()
        .map(|d| {
            let mut hasher = FxHasher::default();
            d.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}
