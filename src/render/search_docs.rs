//! The search index of one version: every published procedure, split at headings.

use crate::markdown::{typography, Rendered};
use crate::model::{urls, Site};
use crate::search::{build_index, build_index_kept, FacetLabels, Index, SearchDoc, SearchSection};
use crate::write::Sink;
use rayon::prelude::*;

use super::context::typeset;
use super::RenderError;

/// Where a build leaves its search index for the next one (the live preview).
pub type KeptIndex = std::sync::Mutex<Option<Index>>;

/// Builds and writes `search/*.js` for `site`; returns the number of files. With
/// `kept`, the index of the previous call is updated rather than built anew.
pub fn write(
    site: &Site,
    pages: &[Rendered],
    sink: &dyn Sink,
    kept: Option<&KeptIndex>,
) -> Result<usize, RenderError> {
    if !site.config.search {
        return Ok(0);
    }
    let published: Vec<usize> = site.published().map(|(i, _)| i).collect();
    let docs: Vec<SearchDoc> = published
        .par_iter()
        .map(|&i| {
            let page = &site.pages[i];
            let f = &page.src.front;
            let mut breadcrumb: Vec<String> = site
                .ancestry(page.section)
                .into_iter()
                .map(|s| typeset(site, site.section_title(s)).into_owned())
                .collect();
            if breadcrumb.len() > 1 {
                breadcrumb.remove(0); // the home page is implied
            }
            let title = typeset(site, &f.title).into_owned();
            let french = site.config.french_content();
            SearchDoc {
                id: f.id.clone(),
                title_raised: typography::ordinal_ranges_utf16(french, &title),
                title,
                url: urls::encode_path(&page.url),
                breadcrumb,
                summary: typeset(site, &f.summary).into_owned(),
                trigger: typeset(site, f.trigger.as_deref().unwrap_or_default()).into_owned(),
                kind: f.kind.clone(),
                phase: f.phase.clone(),
                priority: f.priority.clone(),
                regions: f.regions.codes(),
                types: f.types.codes(),
                obsolete: f.status == crate::load::Status::Obsolete,
                variant_of: f.variant_of.clone().filter(|_| page.in_force()),
                roles: f.roles.clone(),
                sections: pages[i]
                    .sections
                    .iter()
                    .map(|s| SearchSection {
                        anchor: s.anchor.as_str().into(),
                        heading: s.heading.as_str().into(),
                        text: s.text.as_str().into(),
                    })
                    .collect(),
            }
        })
        .collect();
    let pairs = |tax: &crate::load::Taxonomy| {
        tax.terms
            .iter()
            .map(|t| (t.code.clone(), t.label.clone()))
            .collect()
    };
    let labels = FacetLabels {
        regions: pairs(&site.tax.regions),
        types: pairs(&site.tax.types),
        roles: pairs(&site.tax.roles),
        phases: pairs(&site.tax.phases),
    };
    let synonyms = &site.config.search_synonyms;
    let files = match kept {
        // A poisoned lock only means an earlier build panicked: start afresh.
        Some(kept) => {
            let mut index = kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            build_index_kept(&docs, &labels, synonyms, &mut index)
        }
        None => build_index(&docs, &labels, synonyms),
    };
    for file in &files {
        sink.write(&file.path, &file.contents)?;
    }
    Ok(files.len())
}
