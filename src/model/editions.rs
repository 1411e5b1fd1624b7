//! Editions: the plan of one establishment, a (region, establishment type) pair.
//! A procedure belongs to an edition when its `regions` and `establishment_types`
//! include the pair; a variant (`variant_of: X`) takes X's place in the editions it
//! applies to.

use std::collections::HashMap;

use super::Site;
use crate::diag::Diagnostic;
use crate::load::Scope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edition<'a> {
    pub region: &'a str,
    pub kind: &'a str,
}

impl<'a> Edition<'a> {
    pub fn url(&self) -> String {
        format!("editions/{}/{}/index.html", self.region, self.kind)
    }
}

/// Variants by the index of the national procedure they replace.
pub struct Variants {
    by_national: HashMap<usize, Vec<usize>>,
}

impl Variants {
    /// Only pages in force count: a variant hidden at this TLP level, or
    /// obsolete, replaces nothing.
    pub fn of(site: &Site) -> Variants {
        let mut by_national: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, page) in site.in_force() {
            if let Some(national) = page
                .src
                .front
                .variant_of
                .as_deref()
                .and_then(|id| site.page_by_id(id))
            {
                by_national.entry(national).or_default().push(i);
            }
        }
        Variants { by_national }
    }

    pub fn get(&self, national: usize) -> &[usize] {
        self.by_national.get(&national).map_or(&[], Vec::as_slice)
    }
}

/// Every edition, in taxonomy order (regions, then types).
pub fn all(site: &Site) -> Vec<Edition<'_>> {
    let mut out = Vec::with_capacity(site.tax.regions.terms.len() * site.tax.types.terms.len());
    for r in &site.tax.regions.terms {
        for t in &site.tax.types.terms {
            out.push(Edition {
                region: &r.code,
                kind: &t.code,
            });
        }
    }
    out
}

/// The published procedures of an edition, ordered by phase, weight, then title.
pub fn members(site: &Site, variants: &Variants, edition: Edition) -> Vec<usize> {
    match all(site).iter().position(|e| *e == edition) {
        Some(at) => members_of_all(site, variants).swap_remove(at),
        None => Vec::new(),
    }
}

/// The members of every edition, in the order of [`all`]. A procedure in force
/// belongs to the editions its scope covers, except those where one of its
/// variants applies.
/// One pass over the pages with codes turned into grid cells: asking each of the
/// 180 editions in turn would read the whole site 180 times.
pub fn members_of_all(site: &Site, variants: &Variants) -> Vec<Vec<usize>> {
    let grid = Grid::of(site);
    let mut ordered: Vec<usize> = site.in_force().map(|(i, _)| i).collect();
    ordered.sort_by(|&a, &b| site.phase_order(&site.pages[a], &site.pages[b]));
    let mut out = vec![Vec::new(); grid.len()];
    let mut replaced = Vec::new();
    for i in ordered {
        replaced.clear();
        for &v in variants.get(i) {
            replaced.extend(grid.cells(&site.pages[v].src.front));
        }
        for cell in grid.cells(&site.pages[i].src.front) {
            // `last()`: a code listed twice must not list the page twice.
            if !replaced.contains(&cell) && out[cell].last() != Some(&i) {
                out[cell].push(i);
            }
        }
    }
    out
}

/// Region and type codes as rows and columns of the edition grid ([`all`]'s order).
/// Sizes come from the term lists, so a duplicate code (an error reported by the
/// loader) cannot put a cell outside the grid.
struct Grid<'a> {
    regions: (HashMap<&'a str, usize>, usize),
    types: (HashMap<&'a str, usize>, usize),
}

impl<'a> Grid<'a> {
    fn of(site: &'a Site) -> Self {
        let index = |terms: &'a [crate::load::Term]| {
            let codes = terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.code.as_str(), i))
                .collect();
            (codes, terms.len())
        };
        Grid {
            regions: index(&site.tax.regions.terms),
            types: index(&site.tax.types.terms),
        }
    }

    fn len(&self) -> usize {
        self.regions.1 * self.types.1
    }

    /// The cells of the editions a procedure's scope covers.
    fn cells(&self, f: &crate::load::FrontMatter) -> Vec<usize> {
        let rows = positions(&f.regions, &self.regions);
        let columns = positions(&f.types, &self.types);
        let width = self.types.1;
        rows.iter()
            .flat_map(|r| columns.iter().map(move |c| r * width + c))
            .collect()
    }
}

fn positions(scope: &Scope, (index, len): &(HashMap<&str, usize>, usize)) -> Vec<usize> {
    match scope {
        Scope::All => (0..*len).collect(),
        Scope::Only(codes) => codes
            .iter()
            .filter_map(|c| index.get(c.as_str()).copied())
            .collect(),
    }
}

/// Member counts per phase (in phase order), given an edition's members.
pub fn counts(site: &Site, members: &[usize]) -> Vec<usize> {
    let mut counts = vec![0; site.tax.phases.terms.len()];
    for &p in members {
        if let Some(rank) = site.tax.phases.position(&site.pages[p].src.front.phase) {
            counts[rank] += 1;
        }
    }
    counts
}

/// Phases that some editions lack while others cover them: one warning per
/// phase, naming the editions without it.
fn gap_warnings(site: &Site, variants: &Variants) -> Vec<Diagnostic> {
    // With a procedure that failed to load, a gap may only be that procedure: its
    // own error is what the author needs.
    if site.has_unreadable() {
        return Vec::new();
    }
    let phases = &site.tax.phases.terms;
    // A phase no procedure covers at all is the handbook's gap, not an edition's:
    // warn only where other editions have procedures for the phase.
    let covered: Vec<bool> = phases
        .iter()
        .map(|p| {
            site.in_force()
                .any(|(_, page)| page.src.front.phase == p.code)
        })
        .collect();
    let editions = all(site);
    let mut lacking: Vec<Vec<&Edition>> = vec![Vec::new(); phases.len()];
    for (edition, members) in editions.iter().zip(members_of_all(site, variants)) {
        let counts = counts(site, &members);
        for (rank, _) in counts
            .iter()
            .enumerate()
            .filter(|(r, &n)| n == 0 && covered[*r])
        {
            lacking[rank].push(edition);
        }
    }
    phases
        .iter()
        .zip(&lacking)
        .filter(|(_, without)| !without.is_empty())
        .map(|(phase, without)| {
            Diagnostic::warning(
                "content",
                format!(
                    "phase `{}` has no procedure in {} of {} editions: {}",
                    phase.code,
                    without.len(),
                    editions.len(),
                    name_editions(site, without)
                ),
            )
            .help("add a national procedure for that phase, or one for these regions or types")
        })
        .collect()
}

/// A short list of editions: a region whose every edition is listed is named
/// once, and past a few names the rest is counted.
fn name_editions(site: &Site, editions: &[&Edition]) -> String {
    const SHOWN: usize = 6;
    let types = site.tax.types.terms.len();
    let mut names = Vec::new();
    let mut i = 0;
    while i < editions.len() {
        let region = editions[i].region;
        let same = editions[i..]
            .iter()
            .take_while(|e| e.region == region)
            .count();
        let label = site.tax.regions.label(region);
        if same == types && types > 1 {
            names.push(format!("{label} (every type)"));
        } else {
            names.extend(
                editions[i..i + same]
                    .iter()
                    .map(|e| format!("{label} × {}", site.tax.types.label(e.kind))),
            );
        }
        i += same;
    }
    let more = names.len().saturating_sub(SHOWN);
    names.truncate(SHOWN);
    let mut text = names.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Warnings: editions with an empty phase that other editions cover, and variants older than their national
/// procedure (the national text changed after the variant was last reviewed).
pub fn check(site: &Site, gaps: bool) -> Vec<Diagnostic> {
    let variants = Variants::of(site);
    let mut diags = if gaps {
        gap_warnings(site, &variants)
    } else {
        Vec::new()
    };
    for (_, page) in site.published() {
        let f = &page.src.front;
        let Some(national) = f.variant_of.as_deref().and_then(|id| site.page_by_id(id)) else {
            continue;
        };
        let nf = &site.pages[national].src.front;
        if let (Some(v), Some(n)) = (f.last_reviewed, nf.last_reviewed) {
            if n > v {
                diags.push(page.src.diag_at(
                    Diagnostic::warning(
                        page.src.display.clone(),
                        format!("the national procedure {} was reviewed on {n}, after this variant ({v})", nf.id),
                    )
                    .help("compare with the national text, report its changes here, then update `last_reviewed`"),
                    "last_reviewed",
                    None,
                ));
            }
        }
    }
    diags
}

/// Front-matter fields where a variant differs from its national procedure, as
/// (field, national value, variant value), for the "what differs" note.
pub fn differences(
    site: &Site,
    variant: usize,
    national: usize,
) -> Vec<(&'static str, String, String)> {
    let (v, n) = (
        &site.pages[variant].src.front,
        &site.pages[national].src.front,
    );
    let scope = |s: &Scope, tax: &crate::load::Taxonomy| match s {
        Scope::All => "*".to_string(),
        Scope::Only(c) => c
            .iter()
            .map(|c| tax.label(c))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let lang = &site.config.language;
    let deadline = |d: &Option<crate::load::duration::Duration>| {
        d.as_ref().map(|d| d.human(lang)).unwrap_or_default()
    };
    let roles = |r: &[String]| {
        r.iter()
            .map(|c| site.tax.roles.label(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fields = [
        ("title", n.title.clone(), v.title.clone()),
        (
            "regions",
            scope(&n.regions, &site.tax.regions),
            scope(&v.regions, &site.tax.regions),
        ),
        (
            "establishment_types",
            scope(&n.types, &site.tax.types),
            scope(&v.types, &site.tax.types),
        ),
        ("roles", roles(&n.roles), roles(&v.roles)),
        ("owner", opt(&n.owner), opt(&v.owner)),
        ("priority", opt(&n.priority), opt(&v.priority)),
        ("deadline", deadline(&n.deadline), deadline(&v.deadline)),
        ("trigger", opt(&n.trigger), opt(&v.trigger)),
    ];
    fields.into_iter().filter(|(_, a, b)| a != b).collect()
}
