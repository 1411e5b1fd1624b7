//! Procedure pages: the page context (facts, badges, chained and related sheets,
//! variants) and the template that turns it into `…/index.html`.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::context::{self, breadcrumbs, reference, term_link, term_links, typeset, Ref, TermLink};
use super::{Engine, RenderError, TemplateError};
use crate::markdown::Rendered;
use crate::model::{urls, Site};
use crate::write::Sink;

/// Procedure pages `which` (indices of published pages).
pub fn render_pages(
    site: &Site,
    engine: &Engine,
    pages: &[Rendered],
    which: &[usize],
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let replaced_by = replaced_by(site);
    let first = which.first().copied();
    which.par_iter().try_for_each(|&i| {
        let successors = replaced_by
            .get(site.pages[i].id())
            .map_or(&[][..], Vec::as_slice);
        let html = render_page(site, engine, i, &pages[i], successors)?;
        if Some(i) == first {
            shows_its_text(engine, &html, &pages[i].html)?;
            super::theme_check::loads_nothing_it_lacks(
                engine,
                "page.html",
                &site.pages[i].url,
                &html,
                &pages[i].html,
            )?;
        }
        sink.write(&site.pages[i].url, &html)
            .map_err(RenderError::from)
    })?;
    Ok(which.len())
}

/// A theme whose page template lost `{{ content | safe }}`, or the block that
/// holds it (base.html shows only the blocks it names), publishes every procedure
/// empty and otherwise looks fine. One page tells: the template is the same for all.
fn shows_its_text(engine: &Engine, page: &[u8], text: &str) -> Result<(), RenderError> {
    // A theme may rewrite the markup (`replace(from="<table", …)`), not the words:
    // the longest run of text between two tags must be there.
    let words = text
        .split(['<', '>'])
        .step_by(2)
        .map(str::trim)
        .max_by_key(|run| run.len())
        .unwrap_or_default();
    if words.is_empty() || memchr::memmem::find(page, words.as_bytes()).is_some() {
        return Ok(());
    }
    Err(RenderError::Template(TemplateError {
        template: "page.html".into(),
        parents: engine.parents("page.html"),
        message: "a page rendered with this template shows none of its procedure's text".into(),
        help: Some(
            "page.html writes `{{ content | safe }}` in a block that base.html shows (`{% block main %}`)"
                .into(),
        ),
        markup: None,
    }))
}

#[derive(Serialize)]
struct PageCtx<'a> {
    id: &'a str,
    title: Cow<'a, str>,
    summary: Cow<'a, str>,
    trigger: Option<Cow<'a, str>>,
    kind: &'a str,
    kind_label: &'a str,
    phase_label: &'a str,
    phase_url: String,
    priority: Option<&'a str>,
    priority_label: &'a str,
    deadline: Option<String>,
    deadline_iso: Option<&'a str>,
    status: &'a str,
    status_label: &'a str,
    tlp: &'a str,
    last_reviewed: String,
    overdue_since: Option<String>,
    owner: Option<TermLink<'a>>,
    roles: Vec<TermLink<'a>>,
    regions: Vec<TermLink<'a>>,
    types: Vec<TermLink<'a>>,
    regions_attr: String,
    types_attr: String,
    tags: &'a [String],
}

/// id → pages whose `replaces` names it, computed once (not per page).
fn replaced_by(site: &Site) -> HashMap<&str, Vec<usize>> {
    let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        for old in &page.src.front.replaces {
            map.entry(old.as_str()).or_default().push(i);
        }
    }
    map
}

fn render_page<'a>(
    site: &'a Site,
    engine: &'a Engine,
    index: usize,
    md: &Rendered,
    successors: &[usize],
) -> Result<Vec<u8>, RenderError> {
    let page = &site.pages[index];
    let f = &page.src.front;
    let from = page.url.as_str();
    let s = &engine.strings;
    let only = |scope: &'a crate::load::Scope| -> &'a [String] {
        match scope {
            crate::load::Scope::All => &[],
            crate::load::Scope::Only(c) => c,
        }
    };
    let ctx_page = PageCtx {
        id: &f.id,
        title: typeset(site, &f.title),
        summary: typeset(site, &f.summary),
        trigger: f.trigger.as_deref().map(|t| typeset(site, t)),
        kind: &f.kind,
        kind_label: s.kind(&f.kind),
        phase_label: site.tax.phases.label(&f.phase),
        phase_url: urls::relative(from, &format!("phases/{}/index.html", f.phase)),
        priority: f.priority.as_deref(),
        priority_label: f
            .priority
            .as_deref()
            .map_or("", |p| s.lookup("priority_", p)),
        deadline: f.deadline.as_ref().map(|d| d.human(&site.config.language)),
        deadline_iso: f.deadline.as_ref().map(|d| d.iso.as_str()),
        status: f.status.code(),
        status_label: s.lookup("status_", f.status.code()),
        tlp: f.tlp.code(),
        last_reviewed: f.last_reviewed.map(|d| d.to_string()).unwrap_or_default(),
        overdue_since: page.overdue_since.map(|d| d.to_string()),
        owner: f
            .owner
            .as_deref()
            .map(|o| term_link(&site.tax.roles, "roles", o, from)),
        roles: term_links(&site.tax.roles, "roles", &f.roles, from),
        regions: term_links(&site.tax.regions, "regions", only(&f.regions), from),
        types: term_links(&site.tax.types, "etablissements", only(&f.types), from),
        regions_attr: context::scope_attr(&f.regions),
        types_attr: context::scope_attr(&f.types),
        tags: &f.tags,
    };
    let refs = |ids: &[String]| -> Vec<Ref> {
        ids.iter()
            .filter_map(|id| reference(site, from, id))
            .collect()
    };
    let replaced_by: Vec<Ref> = successors
        .iter()
        .filter_map(|&p| reference(site, from, site.pages[p].id()))
        .collect();
    let mut ctx = engine.context_of(from, Some(&f.id));
    ctx.insert("page", &ctx_page);
    ctx.insert("content", &md.html);
    ctx.insert("toc", &md.toc);
    ctx.insert("breadcrumbs", &breadcrumbs(site, page.section, from, true));
    ctx.insert(
        "previous",
        &f.previous
            .as_deref()
            .and_then(|id| reference(site, from, id)),
    );
    ctx.insert(
        "next",
        &f.next.as_deref().and_then(|id| reference(site, from, id)),
    );
    ctx.insert("related", &refs(&f.related));
    ctx.insert("replaces", &refs(&f.replaces));
    ctx.insert("replaced_by", &replaced_by);
    ctx.insert("variants", &variant_links(site, engine, index, from));
    ctx.insert("variant_of", &variant_of(site, engine, index, from));
    // The chrome and facts around the body are a few kilobytes.
    engine.render_bytes("page.html", &ctx, md.html.len() + 8192)
}

#[derive(Serialize)]
struct VariantLink<'a> {
    /// Where the variant applies: region and type labels (author words).
    scope: String,
    url: String,
    regions: String,
    types: String,
    id: &'a str,
}

/// The variants of a national procedure published here ("Variante Île-de-France").
fn variant_links<'a>(
    site: &'a Site,
    engine: &Engine,
    index: usize,
    from: &str,
) -> Vec<VariantLink<'a>> {
    engine
        .variants
        .get(index)
        .iter()
        .map(|&v| {
            let page = &site.pages[v];
            let f = &page.src.front;
            VariantLink {
                scope: variant_scope(site, v),
                url: urls::relative(from, &page.url),
                regions: context::scope_attr(&f.regions),
                types: context::scope_attr(&f.types),
                id: &f.id,
            }
        })
        .collect()
}

/// "Île-de-France, EHPAD": the regions and types a variant is written for.
fn variant_scope(site: &Site, v: usize) -> String {
    let f = &site.pages[v].src.front;
    let labels = |scope: &crate::load::Scope, tax: &crate::load::Taxonomy| -> Vec<String> {
        match scope {
            crate::load::Scope::All => Vec::new(),
            crate::load::Scope::Only(c) => c.iter().map(|c| tax.label(c).to_string()).collect(),
        }
    };
    let mut parts = labels(&f.regions, &site.tax.regions);
    parts.extend(labels(&f.types, &site.tax.types));
    parts.join(", ")
}

#[derive(Serialize)]
struct VariantOf<'a> {
    national: Ref<'a>,
    differences: Vec<Difference<'a>>,
}

#[derive(Serialize)]
struct Difference<'a> {
    field: &'a str,
    national: Cell<'a>,
    variant: Cell<'a>,
}

/// A value of a compared field, and its language when it is not the
/// interface's (a title or a region's name, not "All regions" or "15 min").
#[derive(Serialize)]
struct Cell<'a> {
    text: String,
    lang: Option<&'a str>,
}

/// On a variant: the national procedure it replaces, and which fields differ.
fn variant_of<'a>(
    site: &'a Site,
    engine: &'a Engine,
    index: usize,
    from: &str,
) -> Option<VariantOf<'a>> {
    let id = site.pages[index].src.front.variant_of.as_deref()?;
    let national = site.page_by_id(id)?;
    // An unpublished national page leaves no trace: no value of it is compared.
    let differences = if site.pages[national].published() {
        crate::model::editions::differences(site, index, national)
    } else {
        Vec::new()
    };
    let differences = differences
        .into_iter()
        .map(|(field, n, v)| {
            // Everywhere is said in words, as the page's facts say it.
            let all = match field {
                "regions" => Some(engine.strings.get("all_regions")),
                "establishment_types" => Some(engine.strings.get("all_types")),
                _ => None,
            };
            let authored = matches!(
                field,
                "title" | "regions" | "establishment_types" | "roles" | "trigger"
            );
            let said = |value: String| match all {
                Some(all) if value == "*" => Cell {
                    text: all.to_string(),
                    lang: None,
                },
                _ => Cell {
                    text: value,
                    lang: site.config.content_lang_attr().filter(|_| authored),
                },
            };
            Difference {
                field: engine.strings.lookup("field_", field),
                national: said(n),
                variant: said(v),
            }
        })
        .collect();
    Some(VariantOf {
        national: reference(site, from, id)?,
        differences,
    })
}
