//! Edition pages: `editions/index.html` (every region × type with its count) and one
//! page per edition with its procedures by phase, role cards and directories.

use rayon::prelude::*;
use serde::Serialize;

use super::context::{item, Item};
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
    items: Vec<Item>,
}

/// Writes every edition page and the index; returns the number of files.
pub fn render(site: &Site, engine: &Engine, sink: &dyn Sink) -> Result<usize, RenderError> {
    let all = editions::all(site);
    let members = editions::members_of_all(site, &engine.variants);
    all.par_iter()
        .zip(&members)
        .try_for_each(|(&edition, members)| {
            let html = edition_page(site, engine, edition, members)?;
            sink.write(&edition.url(), &html).map_err(RenderError::from)
        })?;
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
    Ok(all.len() + 1)
}

fn edition_page(
    site: &Site,
    engine: &Engine,
    edition: Edition,
    members: &[usize],
) -> Result<Vec<u8>, RenderError> {
    let url = edition.url();
    let region = site.tax.regions.get(edition.region);
    let region_label = site.tax.regions.label(edition.region);
    let type_label = site.tax.types.label(edition.kind);
    let mut phases: Vec<PhaseCtx> = site
        .tax
        .phases
        .terms
        .iter()
        .map(|t| PhaseCtx {
            code: &t.code,
            label: &t.label,
            items: Vec::new(),
        })
        .collect();
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
            phases[rank].items.push(entry);
        }
    }
    let ctx_edition = EditionCtx {
        title: format!("{} — {type_label} — {region_label}", site.config.title),
        region_label,
        type_label,
        ars: region.and_then(|r| r.extra.get("ars")).map(String::as_str),
        count: members.len(),
        bundle_url: crate::print::output::edition_url(edition).map(|u| urls::relative(&url, &u)),
        bundle_command: format!(
            "planblanc bundle --edition {}/{} --pdf",
            edition.region, edition.kind
        ),
    };
    let mut ctx = engine.context(&url);
    ctx.insert("edition", &ctx_edition);
    ctx.insert("phases", &phases);
    ctx.insert("role_cards", &role_cards);
    ctx.insert("contacts", &contacts);
    let listed: usize = (phases.iter().flat_map(|p| &p.items))
        .chain(&role_cards)
        .chain(&contacts)
        .map(|i| i.len() + 1)
        .sum();
    engine.render_bytes("edition.html", &ctx, (1 << 14) + listed)
}
