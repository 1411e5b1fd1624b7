//! The check of links to anchors, once every page knows its own: a link may
//! be written as another generator names headings, and is then told the
//! anchor it means.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::anchors::loose_key;
use crate::markdown::{Rendered, Target};
use crate::model::Site;

/// Links with `#anchor` are checked once every page knows its anchors.
pub(super) fn check_anchors(
    site: &Site,
    pages: &[Rendered],
    sections: &[Rendered],
    diags: &mut Diagnostics,
) {
    let page_anchors: Vec<Anchors> = pages.iter().map(Anchors::new).collect();
    let section_anchors: Vec<Anchors> = sections.iter().map(Anchors::new).collect();
    let check = |own: usize, is_page: bool, file: &Path, text: &str, body_offset: usize| {
        let (rendered, anchors) = match is_page {
            true => (&pages[own], &page_anchors),
            false => (&sections[own], &section_anchors),
        };
        let mut lines = None;
        let mut found = Vec::new();
        for r in &rendered.anchor_refs {
            let (target, name) = match r.target {
                None => (&anchors[own], "this page".to_string()),
                Some(Target::Page(p)) => (
                    &page_anchors[p],
                    site.pages[p].src.display.display().to_string(),
                ),
                Some(Target::Section(s)) => (
                    &section_anchors[s],
                    site.sections[s].src.display.display().to_string(),
                ),
            };
            if target.has(&r.anchor) {
                continue;
            }
            let help = match target.loosely(&r.anchor) {
                Some(anchor) => Some(format!("did you mean `{anchor}`?")),
                None => crate::diag::did_you_mean(&r.anchor, target.all()),
            };
            let body = &text[body_offset..];
            let at = body
                .get(r.search_from..)
                .and_then(|rest| rest.find(&r.dest))
                .map_or(r.search_from, |i| r.search_from + i);
            let lines = lines.get_or_insert_with(|| crate::diag::LineIndex::new(text));
            found.push(
                Diagnostic::error(
                    file,
                    format!("link to a missing anchor `#{}` in {name}", r.anchor),
                )
                .at_offset_indexed(text, lines, body_offset + at, r.dest.chars().count())
                .help_opt(help),
            );
        }
        found
    };
    for (i, p) in site.pages.iter().enumerate() {
        diags.extend(check(
            i,
            true,
            &p.src.display,
            &p.src.text,
            p.src.body_offset,
        ));
    }
    for (i, s) in site.sections.iter().enumerate() {
        diags.extend(check(
            i,
            false,
            &s.src.display,
            &s.src.text,
            s.src.body_offset,
        ));
    }
}

/// The anchors of a page or a section, looked up by name: a set when there are
/// many, so a page of thousands of links to thousands of headings stays linear.
struct Anchors<'a> {
    list: &'a [String],
    set: Option<rustc_hash::FxHashSet<&'a str>>,
    titled: &'a [(String, String)],
}

impl<'a> Anchors<'a> {
    fn new(rendered: &'a Rendered) -> Self {
        const SCAN_MAX: usize = 16;
        let list = rendered.anchors.as_slice();
        let set = (list.len() > SCAN_MAX).then(|| list.iter().map(String::as_str).collect());
        Anchors {
            list,
            set,
            titled: &rendered.titled_anchors,
        }
    }

    fn has(&self, anchor: &str) -> bool {
        match &self.set {
            Some(set) => set.contains(anchor),
            None => self.list.iter().any(|a| a == anchor),
        }
    }

    /// The anchor a link written as another generator names headings means:
    /// GitHub's, GitLab's, Hugo's or mdBook's `#étapes-clés`, or the heading's
    /// text where `{#sortie}` gives it another anchor. Looked for only once a
    /// link has missed.
    fn loosely(&self, written: &str) -> Option<&'a str> {
        let key = loose_key(&crate::model::urls::decode_path(written));
        let anchors = self.list.iter().filter(|a| loose_key(a) == key);
        let titled = (self.titled.iter()).filter_map(|(k, a)| (*k == key).then_some(a));
        anchors.chain(titled).next().map(String::as_str)
    }

    fn all(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.list.iter().map(|a| (a.as_str(), a.as_str()))
    }
}
