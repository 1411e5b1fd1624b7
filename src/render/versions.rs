//! The version switcher and the archive banner, rendered at build time: each page
//! links to the same procedure (by id) in every other version, or to that version's
//! home with a notice when the procedure does not exist there; a listing links to
//! the same listing where the other version has it, else to that version's home.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Engine, RenderError};
use crate::model::{urls, Site};
use crate::write::Sink;

struct Entry<'a> {
    label: &'a str,
    /// `""` for the current version, `versions/<label>/` for frozen ones.
    prefix: &'a str,
    /// Published procedure id → its URL within the version, and its title.
    urls: HashMap<&'a str, (&'a str, &'a str)>,
    /// The listings the version writes (sections, terms, editions): the
    /// switcher keeps a reader on the same one when it exists there.
    listings: HashSet<String>,
}

/// The first page of each listing `site` publishes, by URL.
fn listings(site: &Site) -> HashSet<String> {
    let terms = [
        (&site.tax.phases, "phases"),
        (&site.tax.roles, "roles"),
        (&site.tax.regions, "regions"),
        (&site.tax.types, "etablissements"),
    ];
    let sections = site
        .sections
        .iter()
        .filter(|s| s.published)
        .map(|s| s.url.clone());
    let terms = terms.into_iter().flat_map(|(tax, dir)| {
        tax.terms
            .iter()
            .map(move |t| format!("{dir}/{}/index.html", t.code))
    });
    let editions = crate::model::editions::all(site)
        .into_iter()
        .map(|e| e.url());
    sections.chain(terms).chain(editions).collect()
}

/// Pages every version has, whatever its content: the switcher keeps the reader
/// on the same one.
const EVERY_VERSION_HAS: &[&str] = &[
    "index.html",
    "phases/index.html",
    "roles/index.html",
    "regions/index.html",
    "etablissements/index.html",
    "editions/index.html",
    "nouveautes/index.html",
    "recherche/index.html",
];

/// The page listing every version, written at the site's root when there are
/// frozen versions (`version cut` refuses the label `index.html`).
pub const LIST_URL: &str = "versions/index.html";

/// Versions a page's switcher lists: the current one, the page's own and the most
/// recent others. Past them the switcher links to `LIST_URL`, so that a page does
/// not grow, nor its rendering slow down, with every version ever cut.
pub const SHOWN: usize = 6;

/// Every version of the build, oldest first, the current one last.
pub struct VersionIndex<'a> {
    entries: Vec<Entry<'a>>,
    /// `replaces` of the published sheets of every version, both ways: a sheet
    /// replaced under another id is the same procedure to a reader switching
    /// versions.
    successors: HashMap<&'a str, Vec<&'a str>>,
    predecessors: HashMap<&'a str, Vec<&'a str>>,
}

/// How far a switcher follows `replaces` from one id to the next.
const MAX_REPLACEMENTS: usize = 8;

#[derive(Serialize)]
pub struct Switcher {
    this_label: String,
    current_label: String,
    frozen: bool,
    /// The same page in the current version (or its home), for the archive banner.
    current_url: String,
    items: Vec<Item>,
    /// `LIST_URL` from this page, when there are frozen versions.
    all_url: Option<String>,
    /// How many versions there are in all.
    total: usize,
}

#[derive(Serialize)]
struct Listed<'a> {
    label: &'a str,
    home: String,
    changes: String,
    current: bool,
}

#[derive(Serialize)]
struct Item {
    label: String,
    url: String,
    selected: bool,
    current: bool,
    missing: bool,
}

impl<'a> VersionIndex<'a> {
    pub fn new(versions: impl Iterator<Item = (&'a str, &'a str, &'a Site)>) -> Self {
        let mut successors: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut predecessors: HashMap<&str, Vec<&str>> = HashMap::new();
        let entries = versions
            .inspect(|(_, _, site)| {
                for (_, p) in site.published() {
                    for old in &p.src.front.replaces {
                        successors.entry(old).or_default().push(p.id());
                        predecessors.entry(p.id()).or_default().push(old);
                    }
                }
            })
            .map(|(label, prefix, site)| Entry {
                label,
                prefix,
                urls: site
                    .published()
                    .map(|(_, p)| (p.id(), (p.url.as_str(), p.src.front.title.as_str())))
                    .collect(),
                listings: listings(site),
            })
            .collect();
        VersionIndex {
            entries,
            successors,
            predecessors,
        }
    }

    /// The sheet of version `j` that replaces `id` (in a newer version) or that
    /// `id` replaces (in an older one), following `replaces` a few steps.
    fn replacement<'s>(&'s self, id: &'s str, j: usize, newer: bool) -> Option<&'s str> {
        let (ahead, back) = (&self.successors, &self.predecessors);
        let ways = if newer { [ahead, back] } else { [back, ahead] };
        let has = |id: &str| self.entries[j].urls.contains_key(id);
        ways.into_iter().find_map(|links| {
            let mut seen = vec![id];
            let mut step = vec![id];
            for _ in 0..MAX_REPLACEMENTS {
                step = (step.iter())
                    .flat_map(|s| links.get(s).into_iter().flatten().copied())
                    .filter(|s| !seen.contains(s))
                    .collect();
                seen.extend(&step);
                if let Some(found) = step.iter().find(|s| has(s)) {
                    return Some(*found);
                }
            }
            None
        })
    }

    /// Whether some version of the build publishes sheet `id`.
    pub fn publishes(&self, id: &str) -> bool {
        self.entries.iter().any(|e| e.urls.contains_key(id))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The switcher for the page at `url` of version `this`; `id` for procedures.
    /// It lists `shown` versions at most (see `SHOWN`).
    pub fn switcher(&self, this: usize, url: &str, id: Option<&str>, shown: usize) -> Switcher {
        let here = format!("{}{url}", self.entries[this].prefix);
        let last = self.entries.len() - 1;
        let target = |j: usize| -> (String, bool) {
            let e = &self.entries[j];
            // The same sheet, or the one that replaces it there or that it replaces.
            let found = id.map(|id| {
                e.urls.get(id).or_else(|| {
                    let other = self.replacement(id, j, j > this)?;
                    e.urls.get(other)
                })
            });
            match id.zip(found) {
                Some((_, Some((u, _)))) => {
                    (urls::relative(&here, &format!("{}{u}", e.prefix)), false)
                }
                // That version's home says which sheet it lacks, by id and title
                // (this page shows both already).
                Some((id, None)) => {
                    let home = urls::relative(&here, &format!("{}index.html", e.prefix));
                    let title = self.entries[this].urls.get(id).map_or("", |(_, t)| t);
                    let absent = format!("{id} · {title}");
                    (
                        format!(
                            "{home}?absent={}",
                            urls::encode_path(absent.trim_end_matches(" · "))
                        ),
                        true,
                    )
                }
                // The page itself for its own version (not the home, which
                // `aria-current="page"` would then misname); the list of every
                // version belongs to none: each goes to its home.
                None if j == this && url != LIST_URL => (urls::relative(&here, &here), false),
                None if EVERY_VERSION_HAS.contains(&url) || e.listings.contains(url) => {
                    (urls::relative(&here, &format!("{}{url}", e.prefix)), false)
                }
                None => (
                    urls::relative(&here, &format!("{}index.html", e.prefix)),
                    false,
                ),
            }
        };
        let listing_all = url == LIST_URL;
        let items = self
            .shown(this, shown)
            .into_iter()
            .map(|j| {
                let (url, missing) = target(j);
                Item {
                    label: self.entries[j].label.to_string(),
                    url,
                    selected: j == this && !listing_all,
                    current: j == last,
                    missing,
                }
            })
            .collect();
        Switcher {
            this_label: self.entries[this].label.to_string(),
            current_label: self.entries[last].label.to_string(),
            frozen: this != last,
            current_url: target(last).0,
            items,
            all_url: (last > 0).then(|| urls::relative(&here, LIST_URL)),
            total: self.entries.len(),
        }
    }

    /// The versions the switcher of a page of `this` lists, newest first: the
    /// current one and `this` always, the most recent others up to `most`.
    fn shown(&self, this: usize, most: usize) -> Vec<usize> {
        let last = self.entries.len() - 1;
        let mut room = most.saturating_sub(if this == last { 1 } else { 2 });
        (0..=last)
            .rev()
            .filter(|&j| {
                let kept = j == last || j == this || room > 0;
                if kept && j != last && j != this {
                    room -= 1;
                }
                kept
            })
            .collect()
    }

    /// Writes `LIST_URL`, every version newest first with its home and its
    /// changes, with the engine of the current version (there is none to write
    /// with one version).
    pub fn render_list(&self, engine: &Engine, sink: &dyn Sink) -> Result<usize, RenderError> {
        let last = self.entries.len() - 1;
        if last == 0 {
            return Ok(0);
        }
        let at = |e: &Entry, page: &str| urls::relative(LIST_URL, &format!("{}{page}", e.prefix));
        let list: Vec<Listed> = (self.entries.iter().enumerate().rev())
            .map(|(j, e)| Listed {
                label: e.label,
                home: at(e, "index.html"),
                changes: at(e, super::changes::URL),
                current: j == last,
            })
            .collect();
        let mut ctx = engine.context(LIST_URL);
        ctx.insert("list", &list);
        sink.write(LIST_URL, engine.render("versions.html", &ctx)?.as_bytes())?;
        Ok(1)
    }
}
