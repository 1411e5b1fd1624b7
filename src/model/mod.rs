//! Model: the validated site as the renderer sees it: pages with their URLs, what is
//! published at this build's TLP level, sections, and lookups by id and path.

pub mod collate;
pub mod editions;
mod names;
pub mod urls;

use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate};
use rayon::prelude::*;

use crate::load::{
    AssetSource, Config, Loaded, PageSource, SectionSource, Status, Taxonomies, Tlp,
};

/// What a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Audience {
    /// Highest TLP level published.
    pub tlp: Tlp,
    pub drafts: bool,
}

impl Default for Audience {
    fn default() -> Self {
        Audience {
            tlp: Tlp::Clear,
            drafts: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Above the build's TLP level: must leave no trace in the output.
    Tlp,
    Draft,
}

#[derive(Debug)]
pub struct Page {
    pub src: PageSource,
    pub url: String,
    pub section: usize,
    /// Why the page is not published, if it is not.
    pub hidden: Option<Hidden>,
    /// Date the next review was due, when it is before the edition's date.
    pub overdue_since: Option<NaiveDate>,
    /// The title's [`collate::sort_key`]: listings follow it.
    pub title_key: Box<[u8]>,
}

impl Page {
    pub fn published(&self) -> bool {
        self.hidden.is_none()
    }

    /// Published and not obsolete: what a facility applies, prints and counts.
    /// An obsolete sheet stays readable (with its notice) but joins no edition,
    /// bundle or first-hour list.
    pub fn in_force(&self) -> bool {
        self.published() && self.src.front.status != crate::load::Status::Obsolete
    }

    pub fn id(&self) -> &str {
        &self.src.front.id
    }
}

#[derive(Debug)]
pub struct Section {
    pub src: SectionSource,
    pub url: String,
    pub parent: Option<usize>,
    /// Published pages directly in this section, in display order.
    pub pages: Vec<usize>,
    /// Subsections, in display order (published or not: see `published`).
    pub children: Vec<usize>,
    /// Whether this build writes the section's page. A folder without
    /// `_index.md` whose procedures are all unpublished leaves no trace, its
    /// name included.
    pub published: bool,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub tax: Taxonomies,
    pub audience: Audience,
    /// The edition's content date (config, or the latest `last_reviewed`).
    pub date: Option<NaiveDate>,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub assets: Vec<AssetSource>,
    by_id: HashMap<String, usize>,
    by_rel: HashMap<String, usize>,
    section_by_dir: HashMap<String, usize>,
    asset_by_rel: HashMap<String, usize>,
    /// Files and ids of procedures that failed to load: their own errors say why,
    /// so links and references to them are not reported again.
    unreadable_rels: HashSet<String>,
    unreadable_ids: HashSet<String>,
    /// Attachments the loader refused to copy.
    withheld_rels: HashSet<String>,
    /// Files whose names are not in composed Unicode (macOS writes `é` as `e` and
    /// a combining accent), by their composed name: the link an author types finds them.
    decomposed: HashMap<String, String>,
    /// Pages by the names other tools' links give them.
    names: std::sync::OnceLock<names::Names>,
}

impl Site {
    pub fn new(loaded: Loaded, audience: Audience) -> Site {
        let Loaded {
            config,
            taxonomies,
            pages,
            sections,
            assets,
            unreadable,
            withheld,
            ..
        } = loaded;
        let mut sections: Vec<Section> = sections
            .into_iter()
            .map(|src| Section {
                url: urls::section_url(&src.dir),
                src,
                parent: None,
                pages: Vec::new(),
                children: Vec::new(),
                published: true,
            })
            .collect();
        let section_by_dir: HashMap<String, usize> = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.src.dir.clone(), i))
            .collect();
        link_sections(&mut sections, &section_by_dir);

        let mut pages: Vec<Page> = pages
            .into_par_iter()
            .map(|src| {
                let dir = urls::parent(&src.rel);
                let section = section_by_dir.get(dir).copied().unwrap_or(0);
                Page {
                    url: urls::page_url(&src.rel),
                    hidden: hidden(&src, audience),
                    overdue_since: None,
                    title_key: collate::sort_key(&src.front.title),
                    section,
                    src,
                }
            })
            .collect();
        let date = content_date(&config, &pages);
        for page in &mut pages {
            page.overdue_since = overdue(&page.src, &config, date);
        }
        let by_id = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.src.front.id.is_empty())
            .map(|(i, p)| (p.src.front.id.clone(), i))
            .collect();
        let by_rel = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.src.rel.clone(), i))
            .collect();
        let asset_by_rel = assets
            .iter()
            .enumerate()
            .map(|(i, a)| (a.rel.clone(), i))
            .collect();

        let mut site = Site {
            config,
            tax: taxonomies,
            audience,
            date,
            pages,
            sections,
            assets,
            by_id,
            by_rel,
            section_by_dir,
            asset_by_rel,
            unreadable_ids: unreadable.iter().filter_map(|u| u.id.clone()).collect(),
            unreadable_rels: unreadable.into_iter().map(|u| u.rel).collect(),
            withheld_rels: withheld.into_iter().collect(),
            decomposed: HashMap::new(),
            names: std::sync::OnceLock::new(),
        };
        site.decomposed = site
            .pages
            .iter()
            .map(|p| p.src.rel.as_str())
            .chain(site.assets.iter().map(|a| a.rel.as_str()))
            .filter(|rel| !rel.is_ascii() && !unicode_normalization::is_nfc(rel))
            .map(|rel| (composed(rel), rel.to_string()))
            .collect();
        site.fill_section_pages();
        site
    }

    /// Swaps in a re-read source for page `i` (same file), keeping every lookup and
    /// listing order right: the incremental rebuild's way to update the model.
    pub fn replace_page(&mut self, i: usize, src: PageSource) {
        let old_id = self.pages[i].id().to_string();
        self.pages[i].src = src;
        let new_id = self.pages[i].id().to_string();
        if old_id != new_id {
            if self.by_id.get(&old_id) == Some(&i) {
                self.by_id.remove(&old_id);
            }
            if !new_id.is_empty() {
                self.by_id.entry(new_id).or_insert(i);
            }
        }
        self.pages[i].hidden = hidden(&self.pages[i].src, self.audience);
        self.pages[i].title_key = collate::sort_key(&self.pages[i].src.front.title);
        // The content date may follow `last_reviewed`: recompute every overdue flag.
        self.date = content_date(&self.config, &self.pages);
        for page in &mut self.pages {
            page.overdue_since = overdue(&page.src, &self.config, self.date);
        }
        for s in &mut self.sections {
            s.pages.clear();
        }
        self.fill_section_pages();
    }

    fn fill_section_pages(&mut self) {
        for (i, page) in self.pages.iter().enumerate() {
            if page.published() {
                if let Some(s) = self.sections.get_mut(page.section) {
                    s.pages.push(i);
                }
            }
        }
        let pages = &self.pages;
        for s in &mut self.sections {
            s.pages
                .sort_by(|&a, &b| display_order(&pages[a], &pages[b]));
        }
        let sections = &self.sections;
        let mut children: Vec<Vec<usize>> = sections.iter().map(|s| s.children.clone()).collect();
        for c in &mut children {
            c.sort_by_cached_key(|&a| {
                let src = &sections[a].src;
                (src.weight, collate::sort_key(&src.title), src.title.clone())
            });
        }
        for (s, c) in self.sections.iter_mut().zip(children) {
            s.children = c;
        }
        self.mark_published_sections();
    }

    /// A section is published when it has an `_index.md`, is the home page, or
    /// holds a published page or a published subsection.
    fn mark_published_sections(&mut self) {
        for s in &mut self.sections {
            s.published = !s.src.implicit || s.src.dir.is_empty() || !s.pages.is_empty();
        }
        // Children come before nothing in particular: settle until stable
        // (a handful of passes, as deep as the folder tree).
        loop {
            let mut changed = false;
            for i in 0..self.sections.len() {
                let shows = !self.sections[i].published
                    && self.sections[i]
                        .children
                        .iter()
                        .any(|&c| self.sections[c].published);
                if shows {
                    self.sections[i].published = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    pub fn page_by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The page a link of another tool names: by id, else by its file, path
    /// or title when one page alone answers to it.
    pub fn page_named(&self, name: &str) -> Option<usize> {
        (self.page_by_id(name)).or_else(|| self.names().find(name))
    }

    /// The attachment an embed of another tool names by its file name alone,
    /// when one folder alone holds a file of that name.
    pub fn asset_named(&self, name: &str) -> Option<usize> {
        self.names().find_file(name)
    }

    fn names(&self) -> &names::Names {
        (self.names).get_or_init(|| names::Names::new(&self.pages, &self.assets))
    }

    pub fn page_by_rel(&self, rel: &str) -> Option<usize> {
        self.by_rel.get(rel).copied()
    }

    /// Whether `rel` is a procedure file that failed to load.
    pub fn is_unreadable_rel(&self, rel: &str) -> bool {
        self.unreadable_rels.contains(rel)
    }

    /// Whether `id` is the id of a procedure that failed to load.
    pub fn is_unreadable_id(&self, id: &str) -> bool {
        self.unreadable_ids.contains(id)
    }

    /// Whether some procedure failed to load (what the site holds is then partial).
    /// Whether `rel` is an attachment the loader did not copy.
    pub fn is_withheld_rel(&self, rel: &str) -> bool {
        self.withheld_rels.contains(rel)
    }

    pub fn has_unreadable(&self) -> bool {
        !self.unreadable_rels.is_empty()
    }

    pub fn unreadable_ids(&self) -> impl Iterator<Item = &str> {
        self.unreadable_ids.iter().map(String::as_str)
    }

    pub fn section_by_dir(&self, dir: &str) -> Option<usize> {
        self.section_by_dir.get(dir).copied()
    }

    /// The path of the page or file `rel` names, whichever way its accents are
    /// encoded: `rel` itself when it exists or nothing does.
    pub fn canonical_rel(&self, rel: String) -> String {
        let exists = |r: &str| self.by_rel.contains_key(r) || self.asset_by_rel.contains_key(r);
        if rel.is_ascii() || exists(&rel) {
            return rel;
        }
        let nfc = composed(&rel);
        if exists(&nfc) {
            return nfc;
        }
        self.decomposed.get(&nfc).cloned().unwrap_or(rel)
    }

    pub fn asset_by_rel(&self, rel: &str) -> Option<usize> {
        self.asset_by_rel.get(rel).copied()
    }

    pub fn published(&self) -> impl Iterator<Item = (usize, &Page)> {
        self.pages.iter().enumerate().filter(|(_, p)| p.published())
    }

    /// The published pages in force ([`Page::in_force`]): those editions,
    /// bundles and variants count.
    pub fn in_force(&self) -> impl Iterator<Item = (usize, &Page)> {
        self.pages.iter().enumerate().filter(|(_, p)| p.in_force())
    }

    /// Position of a phase in display order (unknown phases last).
    pub fn phase_rank(&self, phase: &str) -> usize {
        self.tax.phases.position(phase).unwrap_or(usize::MAX)
    }

    /// Reading order across phases: phase, then weight, title and path.
    pub fn phase_order(&self, a: &Page, b: &Page) -> std::cmp::Ordering {
        let key = |p: &Page| (self.phase_rank(&p.src.front.phase), p.src.front.weight);
        key(a).cmp(&key(b)).then_with(|| display_order(a, b))
    }

    /// Breadcrumb: sections from the root down to (and including) `section`.
    pub fn ancestry(&self, section: usize) -> Vec<usize> {
        let mut chain = vec![section];
        let mut current = section;
        while let Some(parent) = self.sections.get(current).and_then(|s| s.parent) {
            if chain.contains(&parent) {
                break;
            }
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    pub fn section_title(&self, i: usize) -> &str {
        let s = &self.sections[i];
        if s.src.dir.is_empty() && s.src.title.is_empty() {
            &self.config.title
        } else {
            &s.src.title
        }
    }
}

/// Within a listing: weight, then title in a reader's order (see [`collate`]),
/// then path (so ties are still deterministic).
pub fn display_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    fn key(p: &Page) -> (i64, &[u8], &str, &str) {
        let front = &p.src.front;
        (front.weight, &p.title_key, &front.title, &p.src.rel)
    }
    key(a).cmp(&key(b))
}

fn hidden(src: &PageSource, audience: Audience) -> Option<Hidden> {
    if src.front.tlp > audience.tlp {
        Some(Hidden::Tlp)
    } else if !audience.drafts && (src.front.draft || src.front.status == Status::Brouillon) {
        Some(Hidden::Draft)
    } else {
        None
    }
}

/// The edition's content date: the one the author set, or the latest review of a
/// page this build publishes (a draft's or a restricted sheet's date is not told).
fn content_date(config: &Config, pages: &[Page]) -> Option<NaiveDate> {
    let published = pages.iter().filter(|p| p.published());
    config
        .date
        .or_else(|| published.filter_map(|p| p.src.front.last_reviewed).max())
}

/// The date a review fell due, if that is before the edition's content date.
pub fn overdue(src: &PageSource, config: &Config, date: Option<NaiveDate>) -> Option<NaiveDate> {
    // An obsolete sheet is applied nowhere: it is not reviewed any more.
    if src.front.status == crate::load::Status::Obsolete {
        return None;
    }
    let reviewed = src.front.last_reviewed?;
    let months = src
        .front
        .review_every_months
        .unwrap_or(config.review_every_months);
    let due = reviewed.checked_add_months(Months::new(months))?;
    (due < date?).then_some(due)
}

fn link_sections(sections: &mut [Section], by_dir: &HashMap<String, usize>) {
    for i in 0..sections.len() {
        let dir = sections[i].src.dir.clone();
        if dir.is_empty() {
            continue;
        }
        let parent_dir = urls::parent(&dir);
        if let Some(&p) = by_dir.get(parent_dir) {
            sections[i].parent = Some(p);
            sections[p].children.push(i);
        }
    }
}

/// `text` in composed Unicode (NFC): `é` one character.
fn composed(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}
