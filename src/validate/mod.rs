//! Validate: checks that need more than one page: unique ids, references that point
//! somewhere, acyclic chains, variants that make sense, overdue reviews, and output
//! paths that do not collide. Per-field checks already happened while loading.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diag::{closest, did_you_mean, Diagnostic};

/// How an overdue review's warning starts: the console groups them.
pub const OVERDUE: &str = "review overdue";

pub mod portable;
use std::path::{Path, PathBuf};

use crate::load::frontmatter::numbering::{free_ids, split_id};
use crate::load::frontmatter::valid_id;
use crate::load::{AssetSource, Config, PageSource, Scope, SectionSource};
use crate::model::{overdue, urls, Site};

/// What validation looks at: the sources of one version.
pub struct Input<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub pages: Vec<&'a PageSource>,
    pub sections: Vec<&'a SectionSource>,
    pub assets: Vec<&'a AssetSource>,
    /// Ids of procedures that failed to load: references to them are not errors
    /// of their own.
    pub unreadable_ids: HashSet<&'a str>,
}

impl<'a> Input<'a> {
    /// The sources of a modelled site (full and incremental builds alike).
    pub fn of_site(site: &'a Site, root: &'a Path) -> Self {
        Input {
            root,
            config: &site.config,
            pages: site.pages.iter().map(|p| &p.src).collect(),
            sections: site.sections.iter().map(|s| &s.src).collect(),
            assets: site.assets.iter().collect(),
            unreadable_ids: site.unreadable_ids().collect(),
        }
    }
}

/// `retired` holds the ids of frozen versions: `replaces` may name a sheet that
/// only exists there any more.
pub fn validate(input: &Input, retired: &HashSet<String>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let pages = &input.pages;
    let (ids, duplicated) = index_ids(pages, retired, &mut diags);
    // Like an unreadable page's id, a duplicated one is an error already: what
    // points to it is not reported again.
    let unresolved: HashSet<&str> = (input.unreadable_ids.iter().copied())
        .chain(duplicated)
        .collect();
    for page in pages {
        check_references(page, pages, &ids, retired, &unresolved, &mut diags);
        check_variant(page, pages, &ids, &mut diags);
        check_chain_consistency(page, pages, &ids, &mut diags);
    }
    check_cycles(pages, &ids, &mut diags);
    check_future_reviews(input, &mut diags);
    check_overdue(input, &mut diags);
    check_collisions(input, &mut diags);
    diags
}

/// The page of each id. An id several pages hold is one error at each of them,
/// naming the others, and is left out of the map: which page a `next` or
/// `related` meant is unknown until the author renames one, so nothing is
/// checked against either (a "set `previous`" fix would name a copy at random).
fn index_ids<'a>(
    pages: &[&'a PageSource],
    retired: &HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> (HashMap<&'a str, usize>, HashSet<&'a str>) {
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(pages.len());
    // Every holder of an id held more than once, the first one first.
    let mut copies: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        let id = page.front.id.as_str();
        if id.is_empty() {
            continue;
        }
        match ids.get(id) {
            Some(&first) => copies.entry(id).or_insert_with(|| vec![first]).push(i),
            None => {
                ids.insert(id, i);
            }
        }
    }
    if copies.is_empty() {
        return (ids, HashSet::new());
    }
    let taken: HashSet<&str> = (ids.keys().copied())
        .chain(retired.iter().map(String::as_str))
        .collect();
    for (&id, held) in &copies {
        let fix = renumbering(id, held.len() - 1, &taken);
        for &i in held {
            let others: Vec<String> = (held.iter().filter(|&&o| o != i))
                .map(|&o| pages[o].display.display().to_string())
                .collect();
            let page = pages[i];
            diags.push(page.diag_at(
                Diagnostic::error(page.display.clone(), format!("duplicate id `{id}`")).help(
                    format!(
                        "`{id}` is also the id of {}; ids must be unique{fix}",
                        join_and(&others)
                    ),
                ),
                "id",
                None,
            ));
        }
        ids.remove(id);
    }
    (ids, copies.into_keys().collect())
}

/// A copied sheet keeps its id: the free ids its copies can take, numbered on
/// (a frozen version's ids are taken: reusing one would pass for that sheet).
fn renumbering(id: &str, copies: usize, taken: &HashSet<&str>) -> String {
    let Some((prefix, _)) = split_id(id) else {
        return String::new();
    };
    let free: Vec<String> = (free_ids(prefix, taken, copies).into_iter())
        .map(|id| format!("`{id}`"))
        .collect();
    match free.len() {
        0 => String::new(),
        1 => format!(": give one of them a new id ({} is free)", free[0]),
        _ => format!(": give all but one a new id ({} are free)", join_and(&free)),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn check_references(
    page: &PageSource,
    pages: &[&PageSource],
    ids: &HashMap<&str, usize>,
    retired: &HashSet<String>,
    unreadable: &HashSet<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let f = &page.front;
    let single = [
        ("variant_of", &f.variant_of),
        ("previous", &f.previous),
        ("next", &f.next),
    ];
    let mut refs: Vec<(&str, &str)> = single
        .iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (*k, v)))
        .collect();
    refs.extend(f.replaces.iter().map(|v| ("replaces", v.as_str())));
    refs.extend(f.related.iter().map(|v| ("related", v.as_str())));
    for (key, target) in refs {
        if let Some(&t) = ids.get(target) {
            let level = pages[t].front.tlp;
            if level > f.tlp && !pages[t].front.tlp_unread {
                diags.push(page.diag_at(
                    Diagnostic::warning(
                        page.display.clone(),
                        format!(
                            "`{key}` of this TLP:{} page points to a TLP:{} page (`{target}`)",
                            f.tlp.code().to_uppercase(),
                            level.code().to_uppercase()
                        ),
                    )
                    .help("readers of this page may not receive the target: it shows as \"fiche non diffusée\" to them"),
                    key,
                    Some(target),
                ));
            }
            if target == f.id && key != "previous" && key != "next" {
                diags.push(page.diag_at(
                    Diagnostic::error(
                        page.display.clone(),
                        format!("`{key}` points to the page itself (`{target}`)"),
                    ),
                    key,
                    Some(target),
                ));
            }
            continue;
        }
        if (key == "replaces" && retired.contains(target)) || unreadable.contains(target) {
            continue;
        }
        // The page's own id is never the fix: it would point the page at itself.
        let others = || {
            (pages.iter())
                .filter(|p| p.front.id != f.id)
                .map(|p| (p.front.id.as_str(), p.front.title.as_str()))
        };
        // Closest to an id refused (`T-ALE-001é`, an error already): that page
        // was meant, as when its front matter cannot be read at all.
        if closest(target, others()).is_some_and(|id| !valid_id(id)) {
            continue;
        }
        let help = did_you_mean(target, others().filter(|(id, _)| valid_id(id)));
        diags.push(
            page.diag_at(
                Diagnostic::error(
                    page.display.clone(),
                    format!("`{key}` points to an unknown id `{target}`"),
                )
                .help_opt(help),
                key,
                Some(target),
            ),
        );
    }
}

/// A variant replaces a national procedure in some editions: it must be narrower than
/// the whole country and everything, and must not itself be replaced.
fn check_variant(
    page: &PageSource,
    pages: &[&PageSource],
    ids: &HashMap<&str, usize>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(target) = page.front.variant_of.as_deref() else {
        return;
    };
    let Some(&t) = ids.get(target) else { return };
    if target == page.front.id {
        return; // "points to the page itself" says it all
    }
    if page.front.regions == Scope::All && page.front.types == Scope::All {
        diags.push(
            page.diag_at(
                Diagnostic::error(
                    page.display.clone(),
                    "a variant must apply to some regions or establishment types only",
                )
                .help("restrict `regions` or `establishment_types`, or remove `variant_of`"),
                "variant_of",
                None,
            ),
        );
    }
    if let Some(grand) = pages[t].front.variant_of.as_deref() {
        diags.push(
            page.diag_at(
                Diagnostic::error(
                    page.display.clone(),
                    format!("`{target}` is itself a variant (of `{grand}`)"),
                )
                .help(format!(
                    "point `variant_of` to the national procedure `{grand}`"
                )),
                "variant_of",
                Some(target),
            ),
        );
    }
}

/// `A.next = B` should be matched by `B.previous = A`; a mismatch is a warning.
fn check_chain_consistency(
    page: &PageSource,
    pages: &[&PageSource],
    ids: &HashMap<&str, usize>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(next) = page.front.next.as_deref() else {
        return;
    };
    // Without a valid id of its own (an error already), the page has no fix to give.
    if page.front.id.is_empty() || !valid_id(&page.front.id) {
        return;
    }
    let Some(&n) = ids.get(next) else { return };
    match pages[n].front.previous.as_deref() {
        Some(prev) if prev != page.front.id => diags.push(
            page.diag_at(
                Diagnostic::warning(
                    page.display.clone(),
                    format!("`next: {next}` but `{next}` has `previous: {prev}`"),
                )
                .help(format!(
                    "set `previous: {}` in {}",
                    page.front.id,
                    pages[n].display.display()
                )),
                "next",
                Some(next),
            ),
        ),
        _ => {}
    }
}

/// Following `next` (or `previous`) from any page must end: report each cycle once.
fn check_cycles(pages: &[&PageSource], ids: &HashMap<&str, usize>, diags: &mut Vec<Diagnostic>) {
    for key in ["next", "previous"] {
        let step = |i: usize| -> Option<usize> {
            let f = &pages[i].front;
            let target = if key == "next" {
                f.next.as_deref()
            } else {
                f.previous.as_deref()
            }?;
            ids.get(target).copied()
        };
        let mut reported: HashSet<usize> = HashSet::new();
        // Each page is visited a bounded number of times: walks stop at known nodes.
        let mut done = vec![false; pages.len()];
        for start in 0..pages.len() {
            let mut path: Vec<usize> = Vec::new();
            let mut on_path: HashSet<usize> = HashSet::new();
            let mut current = Some(start);
            while let Some(i) = current {
                if done[i] {
                    break;
                }
                if !on_path.insert(i) {
                    let cycle_start = path.iter().position(|&p| p == i).unwrap_or(0);
                    let cycle = &path[cycle_start..];
                    let first = *cycle.iter().min().unwrap_or(&i);
                    if reported.insert(first) {
                        let names: Vec<&str> =
                            cycle.iter().map(|&c| pages[c].front.id.as_str()).collect();
                        let page = &pages[first];
                        let target = if key == "next" {
                            page.front.next.as_deref()
                        } else {
                            page.front.previous.as_deref()
                        };
                        diags.push(
                            page.diag_at(
                                Diagnostic::error(
                                    page.display.clone(),
                                    format!(
                                        "`{key}` links form a cycle: {} → {}",
                                        names.join(" → "),
                                        names[0]
                                    ),
                                )
                                .help(format!(
                                    "a chain of sheets must have an end: remove one `{key}` link"
                                )),
                                key,
                                target,
                            ),
                        );
                    }
                    break;
                }
                path.push(i);
                current = step(i);
            }
            for p in path {
                done[p] = true;
            }
        }
    }
}

/// A `last_reviewed` after the edition's date (or, without one, after today)
/// is a typo: it would become the content date and make other sheets overdue.
fn check_future_reviews(input: &Input, diags: &mut Vec<Diagnostic>) {
    let (limit, what, help) = match input.config.date {
        Some(date) => (
            date,
            format!("after the edition's date ({date}, handbook.yaml)"),
            "check the year, or the edition's `date:` in handbook.yaml",
        ),
        None => (
            chrono::Local::now().date_naive(),
            "in the future".to_string(),
            "check the year: a later date becomes the edition's content date and makes other sheets look overdue",
        ),
    };
    for page in &input.pages {
        let Some(reviewed) = page.front.last_reviewed.filter(|r| *r > limit) else {
            continue;
        };
        diags.push(
            page.diag_at(
                Diagnostic::warning(
                    page.display.clone(),
                    format!("`last_reviewed` {reviewed} is {what}"),
                )
                .help(help),
                "last_reviewed",
                None,
            ),
        );
    }
}

fn check_overdue(input: &Input, diags: &mut Vec<Diagnostic>) {
    let config: &Config = input.config;
    let date = config.date.or_else(|| {
        input
            .pages
            .iter()
            .filter_map(|p| p.front.last_reviewed)
            .max()
    });
    for page in &input.pages {
        if let Some(due) = overdue(page, config, date) {
            let reviewed = page
                .front
                .last_reviewed
                .map(|d| d.to_string())
                .unwrap_or_default();
            diags.push(
                page.diag_at(
                    Diagnostic::warning(
                        page.display.clone(),
                        format!("{OVERDUE}: last reviewed {reviewed}, due {due}"),
                    )
                    .help("review the procedure and update `last_reviewed`"),
                    "last_reviewed",
                    None,
                ),
            );
        }
    }
}

/// Two sources must never publish the same output file, and every output name must
/// survive a USB stick (`portable`).
fn check_collisions(input: &Input, diags: &mut Vec<Diagnostic>) {
    let shown = |source: &Path| {
        source
            .strip_prefix(input.root)
            .unwrap_or(source)
            .to_path_buf()
    };
    // A folder without `_index.md` is named as the folder: the file does not exist.
    let sections = input.sections.iter().map(|s| {
        let source = match s.display.parent() {
            Some(folder) if s.implicit => {
                let mut folder = shown(folder).into_os_string();
                folder.push("/");
                PathBuf::from(folder)
            }
            _ => shown(&s.display),
        };
        (urls::section_url(&s.dir), source)
    });
    let pages = input
        .pages
        .iter()
        .map(|p| (urls::page_url(&p.rel), shown(&p.display)));
    let assets = input.assets.iter().map(|a| (a.rel.clone(), shown(&a.path)));
    let outputs: Vec<(String, PathBuf)> = sections.chain(pages).chain(assets).collect();
    for (url, source) in input.assets.iter().map(|a| (&a.rel, shown(&a.path))) {
        if urls::is_listing_page(url) {
            diags.push(
                Diagnostic::error(
                    source,
                    format!("`{url}` is the name of a generated listing page"),
                )
                .help("rename the file: `index-<number>.html` is reserved for the pages of long listings"),
            );
        }
    }
    let mut written: HashMap<&str, &Path> = HashMap::new();
    for (url, source) in &outputs {
        if let Some(other) = written.insert(url, source) {
            diags.push(
                Diagnostic::error(
                    source.clone(),
                    format!("`{url}` would also be written by {}", other.display()),
                )
                .help("rename one of the two"),
            );
        }
    }
    portable::check(&outputs, diags);
}
