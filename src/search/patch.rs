//! Replacing one document of an inverted index in place, for the live preview: an
//! edit re-analyses one page instead of ten thousand. The result is exactly what
//! inverting every document again gives (tested below), so the files written from
//! it are byte-identical to a clean build's.

use super::codec::js_order;
use super::index::{Inverted, TermEntry};

impl Inverted {
    /// Replaces document `doc` with `single`, the inversion of its new content
    /// alone (where it is document 0).
    pub fn replace_doc(&mut self, doc: u32, single: Inverted) {
        self.remove_doc(doc);
        self.field_lengths[doc as usize] =
            single.field_lengths.first().copied().unwrap_or_default();
        let mut fresh: Vec<TermEntry> = Vec::new();
        for mut entry in single.terms {
            let Some(posting) = entry.postings.first_mut() else {
                continue;
            };
            posting.doc = doc;
            match self
                .terms
                .binary_search_by(|e| js_order(&e.term, &entry.term))
            {
                Ok(k) => add_posting(&mut self.terms[k], entry),
                Err(_) => fresh.push(entry), // its variants already point at posting 0
            }
        }
        if !fresh.is_empty() {
            // One merge of two sorted lists: inserting terms one by one would move
            // the whole dictionary for each.
            let old = std::mem::take(&mut self.terms);
            self.terms = merge_sorted(old, fresh);
        }
    }

    /// Takes `doc` out of every posting list; terms only it held disappear.
    fn remove_doc(&mut self, doc: u32) {
        for entry in &mut self.terms {
            let Ok(at) = entry.postings.binary_search_by_key(&doc, |p| p.doc) else {
                continue;
            };
            entry.postings.remove(at);
            let at = at as u32;
            for (_, indexes) in &mut entry.variants {
                indexes.retain(|&i| i != at);
                indexes
                    .iter_mut()
                    .filter(|i| **i > at)
                    .for_each(|i| *i -= 1);
            }
            entry.variants.retain(|(_, indexes)| !indexes.is_empty());
        }
        self.terms.retain(|e| !e.postings.is_empty());
    }
}

/// Adds the one posting of `single` (with its accent variants) to `entry`, which
/// does not hold its document.
fn add_posting(entry: &mut TermEntry, single: TermEntry) {
    let Some(posting) = single.postings.into_iter().next() else {
        return;
    };
    let at = entry.postings.partition_point(|p| p.doc < posting.doc);
    entry.postings.insert(at, posting);
    let at = at as u32;
    for (_, indexes) in &mut entry.variants {
        indexes
            .iter_mut()
            .filter(|i| **i >= at)
            .for_each(|i| *i += 1);
    }
    for (name, _) in single.variants {
        match entry.variants.binary_search_by(|(n, _)| n.cmp(&name)) {
            Ok(v) => {
                let indexes = &mut entry.variants[v].1;
                let pos = indexes.partition_point(|&i| i < at);
                indexes.insert(pos, at);
            }
            Err(v) => entry.variants.insert(v, (name, vec![at])),
        }
    }
}

/// Two dictionaries sorted in JavaScript string order, with no term in common.
fn merge_sorted(a: Vec<TermEntry>, b: Vec<TermEntry>) -> Vec<TermEntry> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if js_order(&x.term, &y.term).is_le() {
            a.next()
        } else {
            b.next()
        };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    out
}

#[cfg(test)]
mod tests {
    use super::super::index::invert;
    use super::super::{SearchDoc, SearchSection};

    fn doc(id: &str, body: &str) -> SearchDoc<'static> {
        SearchDoc {
            id: id.into(),
            title: format!("Fiche {id}"),
            url: format!("{id}/index.html"),
            sections: vec![SearchSection {
                anchor: "a".into(),
                heading: "Étapes".into(),
                text: body.to_string().into(),
            }],
            ..SearchDoc::default()
        }
    }

    fn bodies() -> Vec<&'static str> {
        vec![
            "Débrancher le poste du réseau. Prévenir le RSSI.",
            "Le reseau est coupé : basculer en mode dégradé papier.", // no accent
            "Prévenir l'ARS et le CERT Santé ; tenir la main courante.",
            "Restaurer les sauvegardes hors ligne après accord.",
        ]
    }

    #[test]
    fn replacing_a_document_equals_inverting_everything_again() {
        let edits = [
            "Débrancher le poste. Prévenir le RSSI et la DSI.", // shared terms, one new
            "Zèbre xylophone quokka : des mots que nul autre n'a.", // only new terms
            "",                                                 // nothing left
            "réseau réseau Réseau RÉSEAU reseau",               // accent variants
        ];
        for which in 0..bodies().len() {
            for edit in edits {
                let before: Vec<SearchDoc> = bodies()
                    .iter()
                    .enumerate()
                    .map(|(i, b)| doc(&format!("P{i}"), b))
                    .collect();
                let mut after = before.clone();
                after[which] = doc(&format!("P{which}"), edit);
                let mut patched = invert(&before.iter().collect::<Vec<_>>());
                patched.replace_doc(which as u32, invert(&[&after[which]]));
                let clean = invert(&after.iter().collect::<Vec<_>>());
                assert_eq!(patched, clean, "doc {which} ← {edit:?}");
            }
        }
    }
}
