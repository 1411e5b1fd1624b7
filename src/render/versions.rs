//! The version switcher and the archive banner, rendered at build time: each page
//! links to the same procedure (by id) in every other version, or to that version's
//! home with a notice when the procedure does not exist there; a listing links to
//! the same listing where the other version has it, else to that version's home.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{urls, Site};

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

/// Every version of the build, oldest first, the current one last.
pub struct VersionIndex<'a> {
    entries: Vec<Entry<'a>>,
}

#[derive(Serialize)]
pub struct Switcher {
    this_label: String,
    current_label: String,
    frozen: bool,
    /// The same page in the current version (or its home), for the archive banner.
    current_url: String,
    items: Vec<Item>,
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
        let entries = versions
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
        VersionIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The switcher for the page at `url` of version `this`; `id` for procedures.
    pub fn switcher(&self, this: usize, url: &str, id: Option<&str>) -> Switcher {
        let here = format!("{}{url}", self.entries[this].prefix);
        let last = self.entries.len() - 1;
        let target = |j: usize| -> (String, bool) {
            let e = &self.entries[j];
            match id.map(|id| (id, e.urls.get(id))) {
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
                // `aria-current="page"` would then misname).
                None if j == this => (urls::relative(&here, &here), false),
                None if EVERY_VERSION_HAS.contains(&url) || e.listings.contains(url) => {
                    (urls::relative(&here, &format!("{}{url}", e.prefix)), false)
                }
                None => (
                    urls::relative(&here, &format!("{}index.html", e.prefix)),
                    false,
                ),
            }
        };
        let items = (0..self.entries.len())
            .rev()
            .map(|j| {
                let (url, missing) = target(j);
                Item {
                    label: self.entries[j].label.to_string(),
                    url,
                    selected: j == this,
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
        }
    }
}
