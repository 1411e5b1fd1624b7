//! "Nouveautés": what changed in this version against the one before it.

use std::borrow::Cow;

use serde::Serialize;

use super::context::typeset;
use super::{paginate, Engine, RenderError};
use crate::model::{urls, Site};
use crate::versions::changelog::{compare, Kind, Part};
use crate::write::Sink;

pub const URL: &str = "nouveautes/index.html";

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    kind: &'static str,
    title: Cow<'a, str>,
    url: Option<String>,
    old_title: Option<Cow<'a, str>>,
    /// The section a sheet moved out of, when it changed section.
    moved_from: Option<Cow<'a, str>>,
    renamed: bool,
    modified: bool,
    successor: Option<Successor<'a>>,
    fields: Vec<Field<'a>>,
    diff: Vec<DiffPart>,
    regions: String,
    types: String,
}

#[derive(Serialize)]
struct Successor<'a> {
    id: &'a str,
    title: Cow<'a, str>,
    url: String,
}

#[derive(Serialize)]
struct Field<'a> {
    name: &'a str,
    old: String,
    new: String,
}

#[derive(Serialize)]
struct DiffPart {
    tag: &'static str,
    text: String,
}

/// Writes `nouveautes/index.html` comparing `site` with `older` (None: first version).
pub fn render(
    site: &Site,
    older: Option<&Site>,
    engine: &Engine,
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let mut entries = Vec::new();
    if let Some(old) = older {
        let anywhere = |id: &str| engine.versions.publishes(id);
        for change in compare(old, site, &anywhere) {
            let page = change.new.map(|n| &site.pages[n]);
            let old_page = change.old.map(|o| &old.pages[o]);
            let shown = page.or(old_page).map(|p| &p.src.front);
            let fronts = [page, old_page].into_iter().flatten().map(|p| &p.src.front);
            let Some(front) = shown else { continue };
            let (kind, renamed, modified, successor) = match &change.kind {
                Kind::Added => ("added", false, false, None),
                Kind::Removed { successor } => {
                    let s = successor
                        .as_deref()
                        .and_then(|id| site.page_by_id(id))
                        .map(|i| Successor {
                            id: site.pages[i].id(),
                            title: typeset(site, &site.pages[i].src.front.title),
                            url: urls::relative(URL, &site.pages[i].url),
                        });
                    ("removed", false, false, s)
                }
                Kind::Changed { renamed, modified } => ("changed", *renamed, *modified, None),
            };
            entries.push(Entry {
                id: &front.id,
                kind,
                title: typeset(site, &front.title),
                url: page.map(|p| urls::relative(URL, &p.url)),
                old_title: old_page
                    .filter(|_| renamed)
                    .map(|p| typeset(site, &p.src.front.title)),
                moved_from: page.zip(old_page).and_then(|(new_page, old_page)| {
                    let folder = |p: &crate::model::Page| urls::parent(&p.src.rel).to_string();
                    let (from, to) = (folder(old_page), folder(new_page));
                    let section = old.section_by_dir(&from).filter(|_| from != to)?;
                    Some(typeset(site, &old.sections[section].src.title))
                }),
                renamed,
                modified,
                successor,
                fields: change
                    .fields
                    .into_iter()
                    .map(|f| Field {
                        name: engine.strings.lookup("field_", f.field),
                        old: shown_value(old, engine, f.field, f.old),
                        new: shown_value(site, engine, f.field, f.new),
                    })
                    .collect(),
                diff: change
                    .diff
                    .into_iter()
                    .map(|p| match p {
                        Part::Same(text) => DiffPart { tag: "same", text },
                        Part::Deleted(text) => DiffPart { tag: "del", text },
                        Part::Inserted(text) => DiffPart { tag: "ins", text },
                    })
                    .collect(),
                regions: concerned(fronts.clone().map(|f| &f.regions)),
                types: concerned(fronts.map(|f| &f.types)),
            });
        }
    }
    // Added, changed, removed: each group in one run, split in pages of
    // `paginate_by` entries like any long listing.
    entries.sort_by_key(|e| GROUPS.iter().position(|g| *g == e.kind));
    let counts = GROUPS.map(|g| entries.iter().filter(|e| e.kind == g).count());
    let offsets = [0, counts[0], counts[0] + counts[1]];
    let mut ctx = engine.context(URL);
    ctx.insert("older_label", &older.map(|o| o.config.edition.as_str()));
    ctx.insert("total", &entries.len());
    let slices = paginate::slices(URL, entries.len(), site.config.paginate_by);
    for slice in &slices {
        let groups: Vec<Group> = (paginate::groups_on(&counts, slice, slices.len()))
            .into_iter()
            .map(|(g, range)| Group {
                kind: GROUPS[g],
                count: counts[g],
                entries: entries[offsets[g] + range.start..offsets[g] + range.end]
                    .iter()
                    .collect(),
            })
            .collect();
        ctx.insert("entries", &entries[slice.start..slice.end]);
        ctx.insert("groups", &groups);
        ctx.insert("pager", &slice.pager);
        sink.write(&slice.url, engine.render("changes.html", &ctx)?.as_bytes())?;
    }
    Ok(slices.len())
}

/// The kinds of change, in the order the page lists them.
const GROUPS: [&str; 3] = ["added", "changed", "removed"];

#[derive(Serialize)]
struct Group<'e, 'a> {
    kind: &'static str,
    /// Entries of this kind on every page.
    count: usize,
    /// Those on this page.
    entries: Vec<&'e Entry<'a>>,
}

/// The profile codes a change concerns: those the sheet applied to before and
/// those it applies to now (a sheet narrowed to CHU and CH must still tell an
/// EHPAD reader that it no longer applies to them).
fn concerned<'s>(scopes: impl Iterator<Item = &'s crate::load::Scope>) -> String {
    let mut codes: Vec<String> = Vec::new();
    for code in scopes.flat_map(|s| s.codes()) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes.join(" ")
}

/// A field's value as readers know it, in the version `site` it comes from:
/// labels for taxonomy codes (with the handbook's typography), words for the
/// status and the kind (`valide` reads "Validée", `rssi` "RSSI").
fn shown_value(site: &Site, engine: &Engine, field: &str, value: String) -> String {
    let labels = |label: &dyn Fn(&str) -> String| {
        (value.split(", ").filter(|c| !c.is_empty()))
            .map(label)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let tax = &site.tax;
    let scope = |all: &str, taxonomy: &crate::load::taxonomy::Taxonomy| {
        labels(&|c| match c {
            "*" => engine.strings.lookup("all_", all).to_string(),
            c => typeset(site, taxonomy.label(c)).into_owned(),
        })
    };
    match field {
        "status" => engine.strings.lookup("status_", &value).to_string(),
        "kind" => engine.strings.lookup("kind_", &value).to_string(),
        "phase" => labels(&|c| typeset(site, tax.phases.label(c)).into_owned()),
        "roles" | "owner" => labels(&|c| typeset(site, tax.roles.label(c)).into_owned()),
        "regions" => scope("regions", &tax.regions),
        "establishment_types" => scope("types", &tax.types),
        _ => value,
    }
}
