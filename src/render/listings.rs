//! Listing pages: home, sections, taxonomy indexes and terms, and the search page.
//! Each listing is O(its own entries), split in pages of `paginate_by` procedures
//! (`paginate`); the home shows the first `HOME_LIST_MAX` of each list.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use super::context::{breadcrumbs, item, typeset, Item};
use super::paginate;
use super::{Engine, RenderError};
use crate::load::{Scope, Taxonomy};
use crate::markdown::Rendered;
use crate::model::{display_order, urls, Page, Site};
use crate::write::Sink;

pub fn render_all(
    site: &Site,
    engine: &Engine,
    sections: &[Rendered],
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let mut written: Vec<Result<usize, RenderError>> = (0..site.sections.len())
        .into_par_iter()
        .map(|i| {
            if !site.sections[i].published {
                Ok(0)
            } else if site.sections[i].src.dir.is_empty() {
                let html = home(site, engine, &sections[i])?;
                sink.write(&site.sections[i].url, html.as_bytes())?;
                Ok(1)
            } else {
                section(site, engine, i, &sections[i], sink)
            }
        })
        .collect();
    if site.sections.iter().all(|s| !s.src.dir.is_empty()) {
        written.push(home(site, engine, &Rendered::default()).and_then(|html| {
            sink.write("index.html", html.as_bytes())?;
            Ok(1)
        }));
    }
    written.push(taxonomies(site, engine, sink));
    let ctx = engine.context("recherche/index.html");
    written.push(engine.render("search.html", &ctx).and_then(|html| {
        sink.write("recherche/index.html", html.as_bytes())?;
        Ok(1)
    }));
    super::joined(written)
}

#[derive(Serialize)]
struct PhaseCtx<'a> {
    code: &'a str,
    label: &'a str,
    url: String,
    /// The first `HOME_LIST_MAX` of the phase's `total` sheets.
    items: Vec<Item>,
    total: usize,
}

/// The home page shows at most this many sheets per list and links to the
/// complete one, so its size does not grow with the handbook's.
pub const HOME_LIST_MAX: usize = 50;

/// The home page: P1 reflex cards first, then every phase in order with its sheets.
fn home(site: &Site, engine: &Engine, md: &Rendered) -> Result<String, RenderError> {
    let from = "index.html";
    let mut by_phase: Vec<Vec<&Page>> = vec![Vec::new(); site.tax.phases.terms.len()];
    let mut first_hour: Vec<&Page> = Vec::new();
    for (_, page) in site.published() {
        let f = &page.src.front;
        if let Some(rank) = site.tax.phases.position(&f.phase) {
            by_phase[rank].push(page);
        }
        if f.priority.as_deref() == Some("P1") && f.kind == "fiche-reflexe" && page.in_force() {
            first_hour.push(page);
        }
    }
    first_hour.sort_by(|a, b| site.phase_order(a, b));
    let phases: Vec<PhaseCtx> = site
        .tax
        .phases
        .terms
        .iter()
        .zip(by_phase)
        .map(|(term, mut pages)| {
            pages.sort_by(|a, b| display_order(a, b));
            Ok(PhaseCtx {
                code: &term.code,
                label: &term.label,
                url: format!("phases/{}/index.html", term.code),
                total: pages.len(),
                items: pages
                    .iter()
                    .take(HOME_LIST_MAX)
                    .map(|p| item(engine, from, p))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect::<Result<_, RenderError>>()?;
    let mut ctx = engine.context(from);
    ctx.insert("content", &md.html);
    ctx.insert("phases", &phases);
    let print_url = crate::print::output::national_url(site).map(|u| urls::relative(from, &u));
    ctx.insert("print_url", &print_url);
    ctx.insert("first_hour_total", &first_hour.len());
    ctx.insert(
        "first_hour",
        &first_hour
            .iter()
            .take(HOME_LIST_MAX)
            .map(|p| item(engine, from, p))
            .collect::<Result<Vec<_>, _>>()?,
    );
    let html = engine.render("home.html", &ctx)?;
    // The procedure page's templates were checked; the home page has its own.
    super::theme_check::loads_nothing_it_lacks(
        engine,
        "home.html",
        from,
        html.as_bytes(),
        &md.html,
    )?;
    Ok(html)
}

#[derive(Serialize)]
struct SectionCtx<'a> {
    title: Cow<'a, str>,
    summary: Cow<'a, str>,
}

#[derive(Serialize)]
struct SubCtx<'a> {
    title: Cow<'a, str>,
    summary: Cow<'a, str>,
    url: String,
}

/// A section's page, split in pages of `paginate_by` procedures (its text and
/// subsections on the first); returns the number of files written.
fn section(
    site: &Site,
    engine: &Engine,
    i: usize,
    md: &Rendered,
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let s = &site.sections[i];
    let from = s.url.as_str();
    let items: Vec<Item> = s
        .pages
        .iter()
        .map(|&p| item(engine, from, &site.pages[p]))
        .collect::<Result<_, _>>()?;
    let subsections: Vec<SubCtx> = s
        .children
        .iter()
        .filter(|&&c| site.sections[c].published)
        .map(|&c| SubCtx {
            title: typeset(site, site.section_title(c)),
            summary: typeset(site, &site.sections[c].src.summary),
            url: urls::relative(from, &site.sections[c].url),
        })
        .collect();
    let mut ctx = engine.context(from);
    ctx.insert(
        "section",
        &SectionCtx {
            title: typeset(site, site.section_title(i)),
            summary: typeset(site, &s.src.summary),
        },
    );
    ctx.insert("breadcrumbs", &breadcrumbs(site, i, from, false));
    let slices = paginate::slices(from, items.len(), site.config.paginate_by);
    for slice in &slices {
        let first = slice.pager.number == 1;
        ctx.insert("content", if first { md.html.as_str() } else { "" });
        ctx.insert("subsections", if first { &subsections[..] } else { &[] });
        ctx.insert("items", &items[slice.start..slice.end]);
        ctx.insert("pager", &slice.pager);
        let capacity = (1 << 14) + listed(&items[slice.start..slice.end]) + md.html.len();
        sink.write(
            &slice.url,
            &engine.render_bytes("section.html", &ctx, capacity)?,
        )?;
    }
    Ok(slices.len())
}

/// Bytes the rendered items take in a page.
pub fn listed(items: &[Item]) -> usize {
    items.iter().map(|i| i.len() + 1).sum()
}

/// How a taxonomy selects pages for one of its terms.
#[derive(Clone, Copy)]
enum Select {
    Phase,
    Role,
    Region,
    Type,
}

impl Select {
    fn codes(self, page: &Page) -> Vec<&str> {
        let f = &page.src.front;
        match self {
            Select::Phase => vec![f.phase.as_str()],
            Select::Role => {
                let mut v: Vec<&str> = f.roles.iter().map(String::as_str).collect();
                if let Some(o) = f.owner.as_deref() {
                    if !v.contains(&o) {
                        v.push(o);
                    }
                }
                v
            }
            Select::Region => match &f.regions {
                Scope::All => Vec::new(),
                Scope::Only(c) => c.iter().map(String::as_str).collect(),
            },
            Select::Type => match &f.types {
                Scope::All => Vec::new(),
                Scope::Only(c) => c.iter().map(String::as_str).collect(),
            },
        }
    }
}

#[derive(Serialize)]
struct TaxCtx<'a> {
    title: &'a str,
    scoped: bool,
}

#[derive(Serialize)]
struct TermCtx<'a> {
    code: &'a str,
    label: Cow<'a, str>,
    description: Option<Cow<'a, str>>,
    url: String,
    count: usize,
    extra: &'a std::collections::BTreeMap<String, String>,
}

fn taxonomies(site: &Site, engine: &Engine, sink: &dyn Sink) -> Result<usize, RenderError> {
    let all: [(&Taxonomy, &str, &str, Select); 4] = [
        (&site.tax.phases, "phases", "tax_phases", Select::Phase),
        (&site.tax.roles, "roles", "tax_roles", Select::Role),
        (&site.tax.regions, "regions", "tax_regions", Select::Region),
        (
            &site.tax.types,
            "etablissements",
            "tax_etablissements",
            Select::Type,
        ),
    ];
    let mut count = 0;
    for (tax, dir, title_key, select) in all {
        // One pass over the pages buckets them by term: O(pages × terms per page).
        let mut buckets: Vec<Vec<&Page>> = vec![Vec::new(); tax.terms.len()];
        for (_, page) in site.published() {
            for code in select.codes(page) {
                if let Some(i) = tax.position(code) {
                    buckets[i].push(page);
                }
            }
        }
        let taxonomy = TaxCtx {
            title: engine.strings.get(title_key),
            scoped: matches!(select, Select::Region | Select::Type),
        };
        let index_url = format!("{dir}/index.html");
        let terms: Vec<TermCtx> = tax
            .terms
            .iter()
            .zip(&buckets)
            .map(|(t, pages)| TermCtx {
                code: &t.code,
                label: typeset(site, &t.label),
                description: t.description.as_deref().map(|d| typeset(site, d)),
                url: format!("{}/index.html", t.code),
                count: pages.len(),
                extra: &t.extra,
            })
            .collect();
        let mut ctx = engine.context(&index_url);
        ctx.insert("taxonomy", &taxonomy);
        ctx.insert("terms", &terms);
        sink.write(
            &index_url,
            &engine.render_bytes("taxonomy.html", &ctx, 1 << 14)?,
        )?;
        let written: Vec<usize> = terms
            .par_iter()
            .zip(buckets)
            .map(|(term, mut pages)| {
                pages.sort_by(|a, b| site.phase_order(a, b));
                let url = format!("{dir}/{}/index.html", term.code);
                let items: Vec<Item> = pages
                    .iter()
                    .map(|p| item(engine, &url, p))
                    .collect::<Result<_, _>>()?;
                let print_url = matches!(select, Select::Role)
                    .then(|| crate::print::output::role_url(site, term.code))
                    .flatten()
                    .map(|u| urls::relative(&url, &u));
                let mut ctx = engine.context(&url);
                ctx.insert("taxonomy", &taxonomy);
                ctx.insert("term", term);
                ctx.insert("print_url", &print_url);
                let slices = paginate::slices(&url, items.len(), site.config.paginate_by);
                for slice in &slices {
                    let shown = &items[slice.start..slice.end];
                    ctx.insert("items", shown);
                    ctx.insert("pager", &slice.pager);
                    // The items are most of the page: size the buffer for them at once.
                    let capacity = (1 << 14) + listed(shown);
                    sink.write(
                        &slice.url,
                        &engine.render_bytes("term.html", &ctx, capacity)?,
                    )?;
                }
                Ok(slices.len())
            })
            .collect::<Result<_, RenderError>>()?;
        count += 1 + written.iter().sum::<usize>();
    }
    Ok(count)
}
