//! Template contexts: small serialisable views of the model, with every URL already
//! made relative to the page being rendered.

use serde::Serialize;

use std::borrow::Cow;
use std::sync::{Arc, RwLock};

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use super::{Engine, RenderError};
use crate::load::{Scope, Taxonomy};
use crate::markdown::typography;
use crate::model::{urls, Page, Site};

/// Author text as the reader sees it: with French no-break spaces in a French
/// handbook, as the Markdown body has them.
pub fn typeset<'a>(site: &Site, text: &'a str) -> Cow<'a, str> {
    typography::display(site.config.french_content(), text)
}

/// One procedure in a listing, as `templates/item.html` sees it. Its link is written
/// from the site root (`{root}alerte/x/index.html`), so the item depends only on the
/// listing's folder depth: `item` renders it once with `ROOT_MARK` for the root and
/// fills in each depth's `../` from that.
#[derive(Serialize)]
struct ItemCtx<'a> {
    id: &'a str,
    title: Cow<'a, str>,
    url: String,
    priority: Option<&'a str>,
    kind_label: &'a str,
    /// The status label of an obsolete sheet, so that lists say so.
    obsolete: Option<&'a str>,
    regions: String,
    types: String,
    /// Scopes of the variants that replace this page, `regions|types;…`, so the
    /// profile script can hide the national text where a variant applies.
    variants: &'a str,
    /// The procedures' language where it differs from the interface's.
    lang: Option<&'a str>,
}

/// Stands for the root prefix in an item rendered for every depth at once: a
/// control character no escape touches and no code or URL holds.
const ROOT_MARK: char = '\u{1}';

/// A rendered listing item.
pub type Item = Arc<str>;

/// Rendered items by page URL: the depth-free rendering, then one item per folder
/// depth. Looked up far more often than filled (a page is listed by each
/// of its terms and editions), so hits take a shared lock and no allocation.
#[derive(Default)]
pub struct ItemCache(RwLock<FxHashMap<String, Vec<(Depth, Item)>>>);

#[derive(Clone, Copy, PartialEq)]
enum Depth {
    /// Rendered with `ROOT_MARK` where the root prefix goes.
    Marked,
    /// For a listing this many folders deep.
    Prefix(usize),
}

impl ItemCache {
    fn get(&self, url: &str, depth: Depth) -> Option<Item> {
        let map = self.0.read().ok()?;
        let items = map.get(url)?;
        items
            .iter()
            .find(|(d, _)| *d == depth)
            .map(|(_, i)| i.clone())
    }

    fn insert(&self, url: &str, depth: Depth, item: Item) {
        if let Ok(mut map) = self.0.write() {
            let items = map.entry(url.to_string()).or_default();
            if !items.iter().any(|(d, _)| *d == depth) {
                items.push((depth, item));
            }
        }
    }
}

/// The listing item of `page` for a listing page at `from`, rendered once per page
/// and shared by every listing, whatever its depth.
pub fn item(engine: &Engine, from: &str, page: &Page) -> Result<Item, RenderError> {
    let depth = Depth::Prefix(from.matches('/').count());
    if let Some(hit) = engine.items.get(&page.url, depth) {
        return Ok(hit);
    }
    let root = urls::root_prefix(from);
    let f = &page.src.front;
    // A mark typed into a title would be taken for the root: render such a page
    // for this depth only.
    let kind = engine.strings.kind(&f.kind);
    let marked = ![f.id.as_str(), &f.title, kind]
        .iter()
        .any(|v| v.contains(ROOT_MARK));
    let html: Item = if marked {
        let template = match engine.items.get(&page.url, Depth::Marked) {
            Some(t) => t,
            None => {
                let t = render_item(engine, &ROOT_MARK.to_string(), page)?;
                engine.items.insert(&page.url, Depth::Marked, t.clone());
                t
            }
        };
        Arc::from(template.replace(ROOT_MARK, &root))
    } else {
        render_item(engine, &root, page)?
    };
    engine.items.insert(&page.url, depth, html.clone());
    Ok(html)
}

fn render_item(engine: &Engine, root: &str, page: &Page) -> Result<Item, RenderError> {
    let f = &page.src.front;
    let ctx_item = ItemCtx {
        id: &f.id,
        title: typography::display(engine.french, &f.title),
        url: format!("{root}{}", urls::encode_path(&page.url)),
        priority: f.priority.as_deref(),
        kind_label: engine.strings.kind(&f.kind),
        obsolete: (f.status == crate::load::Status::Obsolete)
            .then(|| engine.strings.get("status_obsolete")),
        regions: scope_attr(&f.regions),
        types: scope_attr(&f.types),
        variants: engine
            .variant_attrs
            .get(page.id())
            .map_or("", String::as_str),
        lang: engine.content_lang.as_deref(),
    };
    let mut ctx = tera::Context::new();
    ctx.insert("p", &ctx_item);
    Ok(Arc::from(engine.render("item.html", &ctx)?.trim_end()))
}

/// `*` or space-separated codes, as the profile script reads them.
pub fn scope_attr(scope: &Scope) -> String {
    scope.codes().join(" ")
}

/// A reference to another procedure: no title or URL when it is not published here.
#[derive(Serialize)]
pub struct Ref<'a> {
    pub id: &'a str,
    pub title: Cow<'a, str>,
    pub url: Option<String>,
}

pub fn reference<'a>(site: &'a Site, from: &str, id: &str) -> Option<Ref<'a>> {
    let page = &site.pages[site.page_by_id(id)?];
    Some(if page.published() {
        Ref {
            id: page.id(),
            title: typeset(site, &page.src.front.title),
            url: Some(urls::relative(from, &page.url)),
        }
    } else {
        // Leaves no trace: neither the id nor the title of an unpublished page.
        Ref {
            id: "",
            title: Cow::Borrowed(""),
            url: None,
        }
    })
}

#[derive(Serialize)]
pub struct TermLink<'a> {
    pub code: &'a str,
    pub label: &'a str,
    pub url: String,
}

pub fn term_link<'a>(tax: &'a Taxonomy, dir: &str, code: &'a str, from: &str) -> TermLink<'a> {
    TermLink {
        code,
        label: tax.label(code),
        url: urls::relative(from, &format!("{dir}/{code}/index.html")),
    }
}

pub fn term_links<'a>(
    tax: &'a Taxonomy,
    dir: &str,
    codes: &'a [String],
    from: &str,
) -> Vec<TermLink<'a>> {
    codes.iter().map(|c| term_link(tax, dir, c, from)).collect()
}

#[derive(Serialize)]
pub struct Crumb<'a> {
    pub title: Cow<'a, str>,
    pub url: String,
}

pub fn breadcrumbs<'a>(
    site: &'a Site,
    section: usize,
    from: &str,
    include_last: bool,
) -> Vec<Crumb<'a>> {
    let mut chain = site.ancestry(section);
    if !include_last {
        chain.pop();
    }
    chain
        .into_iter()
        .map(|s| Crumb {
            title: typeset(site, site.section_title(s)),
            url: urls::relative(from, &site.sections[s].url),
        })
        .collect()
}

/// Labels from the theme's translations, with the code as a fallback.
#[derive(Clone)]
pub struct Strings {
    pub map: std::collections::BTreeMap<String, String>,
}

impl Strings {
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// A date as the language writes it (`1er avril 2026`, `15 September 2026`) from
    /// the theme's `months` and `first_day`; ISO when the theme names no months.
    /// No-break spaces keep it on one line.
    pub fn long_date(&self, date: NaiveDate) -> String {
        let months: Vec<&str> = self
            .map
            .get("months")
            .map_or(Vec::new(), |m| m.split_whitespace().collect());
        let Some(month) = months
            .get(date.month0() as usize)
            .filter(|_| months.len() == 12)
        else {
            return date.to_string();
        };
        let day = match self.map.get("first_day") {
            Some(first) if date.day() == 1 => first.clone(),
            _ => date.day().to_string(),
        };
        format!("{day}\u{a0}{month}\u{a0}{}", date.year())
    }

    pub fn kind<'a>(&'a self, kind: &'a str) -> &'a str {
        self.lookup("kind_", kind)
    }

    pub fn lookup<'a>(&'a self, prefix: &str, code: &'a str) -> &'a str {
        self.map
            .get(&format!("{prefix}{code}"))
            .map_or(code, String::as_str)
    }
}
