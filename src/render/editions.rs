//! Edition pages: `editions/index.html` (every region × type with its count) and one
//! page per edition with its procedures by phase, role cards and directories.

use rayon::prelude::*;
use serde::Serialize;

use super::context::{item, Item};
use super::{listings, paginate};
use super::{Engine, RenderError};
use crate::model::editions::{self, Edition};
use crate::model::{urls, Site};
use crate::write::Sink;

#[derive(Serialize)]
struct Column<'a> {
    code: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct Cell<'a> {
    count: usize,
    url: String,
    type_label: &'a str,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    label: &'a str,
    cells: Vec<Cell<'a>>,
}

#[derive(Serialize)]
struct EditionCtx<'a> {
    title: String,
    region_label: &'a str,
    type_label: &'a str,
    ars: Option<&'a str>,
    count: usize,
    bundle_url: Option<String>,
    /// How to print it when `build` does not write edition bundles.
    bundle_command: String,
}

#[derive(Serialize)]
struct PhaseCtx<'a> {
    code: &'a str,
    label: &'a str,
    /// Entries of the phase in the whole edition (`items` may be one page's part).
    count: usize,
    items: Vec<Item>,
}

/// Writes every edition page and the index; returns the number of files.
pub fn render(site: &Site, engine: &Engine, sink: &dyn Sink) -> Result<usize, RenderError> {
    let all = editions::all(site);
    let members = editions::members_of_all(site, &engine.variants);
    let written: usize = all
        .par_iter()
        .zip(&members)
        .map(|(&edition, members)| edition_pages(site, engine, edition, members, sink))
        .collect::<Result<Vec<_>, RenderError>>()?
        .iter()
        .sum();
    let from = "editions/index.html";
    let types: Vec<Column> = site
        .tax
        .types
        .terms
        .iter()
        .map(|t| Column {
            code: &t.code,
            label: &t.label,
        })
        .collect();
    let mut counts = members.iter().map(Vec::len);
    let rows: Vec<Row> = site
        .tax
        .regions
        .terms
        .iter()
        .map(|r| Row {
            code: &r.code,
            label: &r.label,
            cells: site
                .tax
                .types
                .terms
                .iter()
                .map(|t| Cell {
                    count: counts.next().unwrap_or(0),
                    url: urls::relative(
                        from,
                        &Edition {
                            region: &r.code,
                            kind: &t.code,
                        }
                        .url(),
                    ),
                    type_label: &t.label,
                })
                .collect(),
        })
        .collect();
    let mut ctx = engine.context(from);
    ctx.insert("types", &types);
    ctx.insert("rows", &rows);
    sink.write(from, engine.render("editions.html", &ctx)?.as_bytes())?;
    Ok(written + 1)
}

/// Where each phase starts, when the edition is split in pages: so a reader goes
/// straight to "Remédiation" on page 4.
#[derive(Serialize)]
struct PhaseStart<'a> {
    label: &'a str,
    count: usize,
    url: String,
}

/// An edition's page, split in pages of `paginate_by` procedures (phase by phase;
/// role cards and directories on the first); returns the number of files written.
fn edition_pages(
    site: &Site,
    engine: &Engine,
    edition: Edition,
    members: &[usize],
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let url = edition.url();
    let region = site.tax.regions.get(edition.region);
    let region_label = site.tax.regions.label(edition.region);
    let type_label = site.tax.types.label(edition.kind);
    let phases = &site.tax.phases.terms;
    let mut by_phase: Vec<Vec<Item>> = vec![Vec::new(); phases.len()];
    let mut role_cards = Vec::new();
    let mut contacts = Vec::new();
    for &p in members {
        let page = &site.pages[p];
        let f = &page.src.front;
        let entry = item(engine, &url, page)?;
        match f.kind.as_str() {
            "fiche-role" => role_cards.push(entry.clone()),
            "annuaire" => contacts.push(entry.clone()),
            _ => {}
        }
        if let Some(rank) = site.tax.phases.position(&f.phase) {
            by_phase[rank].push(entry);
        }
    }
    let ctx_edition = EditionCtx {
        title: format!(
            "{} — {type_label} — {region_label}",
            super::context::typeset(site, &site.config.title)
        ),
        region_label,
        type_label,
        ars: region.and_then(|r| r.extra.get("ars")).map(String::as_str),
        count: members.len(),
        bundle_url: crate::print::output::edition_url(site, edition)
            .map(|u| urls::relative(&url, &u)),
        bundle_command: format!(
            "planblanc bundle --edition {}/{} --pdf",
            edition.region, edition.kind
        ),
    };
    let mut ctx = engine.context(&url);
    ctx.insert("edition", &ctx_edition);
    // Phase by phase, one run of entries split in pages.
    let sizes: Vec<usize> = by_phase.iter().map(Vec::len).collect();
    let slices = paginate::slices(&url, sizes.iter().sum(), site.config.paginate_by);
    let phase_starts: Vec<PhaseStart> = if slices.len() > 1 {
        (paginate::group_starts(&sizes, &slices).into_iter())
            .map(|(rank, slice)| PhaseStart {
                label: &phases[rank].label,
                count: sizes[rank],
                url: format!(
                    "{}#phase-{}",
                    urls::file_name(&slice.url),
                    phases[rank].code
                ),
            })
            .collect()
    } else {
        Vec::new()
    };
    ctx.insert("phase_starts", &phase_starts);
    for slice in &slices {
        let first = slice.pager.number == 1;
        let phases_ctx: Vec<PhaseCtx> = (paginate::groups_on(&sizes, slice, slices.len()))
            .into_iter()
            .map(|(rank, range)| PhaseCtx {
                code: &phases[rank].code,
                label: &phases[rank].label,
                count: sizes[rank],
                items: by_phase[rank][range].to_vec(),
            })
            .collect();
        ctx.insert("phases", &phases_ctx);
        ctx.insert("role_cards", if first { &role_cards[..] } else { &[] });
        ctx.insert("contacts", if first { &contacts[..] } else { &[] });
        ctx.insert("pager", &slice.pager);
        let capacity = (1 << 14)
            + (phases_ctx.iter().map(|p| listings::listed(&p.items))).sum::<usize>()
            + if first {
                listings::listed(&role_cards) + listings::listed(&contacts)
            } else {
                0
            };
        sink.write(
            &slice.url,
            &engine.render_bytes("edition.html", &ctx, capacity)?,
        )?;
    }
    Ok(slices.len())
}
