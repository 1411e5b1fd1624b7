//! Render: Tera templates over the model and the rendered Markdown. Every page is
//! rendered in parallel and handed straight to the sink, so memory stays flat.

pub mod changes;
pub mod context;
mod editions;
mod filters;
pub mod listings;
mod page;
pub mod paginate;
mod search_docs;
mod template_errors;
mod theme_check;
pub mod versions;

pub use page::render_pages;
/// The search index alone: what a page's text feeds, when no listing changes.
pub use search_docs::write as render_search;
pub use search_docs::KeptIndex;
pub use template_errors::TemplateError;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};
use thiserror::Error;

use crate::load::theme::Theme;
use crate::markdown::{highlight, Rendered};
use crate::model::editions::Variants;
use crate::model::{urls, Site};
use crate::write::{Sink, WriteError};
use context::Strings;
use versions::VersionIndex;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("{0}")]
    Template(TemplateError),
    /// Parts rendered side by side each stopped at a template error of its own.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Templates(Vec<TemplateError>),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Print(#[from] crate::print::PrintError),
}

pub struct Engine<'a> {
    tera: Tera,
    pub strings: Strings,
    /// French content: author text outside the body gets French typography too.
    pub french: bool,
    /// The procedures' language where it differs from the interface's.
    pub content_lang: Option<String>,
    base: Context,
    /// National procedure id → its variants' scopes (see `context::Item::variants`).
    pub variant_attrs: HashMap<String, String>,
    pub variants: Variants,
    versions: &'a VersionIndex<'a>,
    /// Which entry of `versions` this site is.
    this: usize,
    /// How many versions a page's switcher lists: all of them for a theme that
    /// does not link to the list of every version (`versions.all_url`), which
    /// would otherwise leave the older ones out of reach.
    versions_shown: usize,
    /// `assets/site-data.js`: what the scripts need from the build, shipped once for
    /// every page (see `site_data_js`).
    site_data_js: String,
    /// Rendered listing items: see `context::item`.
    pub items: context::ItemCache,
    /// The files the build writes under `assets/`: what the theme may load.
    pub asset_names: std::collections::HashSet<String>,
}

impl<'a> Engine<'a> {
    pub fn new(
        site: &Site,
        theme: &Theme,
        versions: &'a VersionIndex<'a>,
        this: usize,
    ) -> Result<Engine<'a>, RenderError> {
        let mut tera = Tera::default();
        // The mark of author words is the same on every page of a build: written
        // into the templates once, it costs nothing per element (as a variable
        // looked up ~20 times a page, it cost 3 % of a build's instructions).
        let lang_attr = content_lang_attr(site);
        let texts: Vec<(&str, String)> = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.text.replace(LANG_ATTR, &lang_attr)))
            .collect();
        tera.add_raw_templates(texts.iter().map(|(name, text)| (*name, text.as_str())))
            .map_err(|e| RenderError::Template(TemplateError::new("theme", Vec::new(), &e)))?;
        tera.autoescape_on(vec![".html"]);
        // Tera's default also escapes `/`, which bloats every URL and changes nothing.
        tera.set_escape_fn(crate::html::escape);
        let strings = Strings {
            map: theme.strings.clone(),
        };
        filters::register(&mut tera, site, &strings);
        let mut base = Context::new();
        base.insert("site", &SiteCtx::new(site));
        let variants = Variants::of(site);
        let variant_attrs = variant_attrs(site, &variants);
        let mut engine = Engine {
            tera,
            strings,
            french: site.config.french_content(),
            content_lang: site.config.content_lang_attr().map(str::to_string),
            base,
            variant_attrs,
            variants,
            versions,
            this,
            versions_shown: match theme.templates.iter().any(|t| t.text.contains("all_url")) {
                true => versions::SHOWN,
                false => usize::MAX,
            },
            site_data_js: String::new(),
            items: Default::default(),
            asset_names: theme
                .assets
                .iter()
                .map(|(name, _)| name.clone())
                .chain(GENERATED_ASSETS.iter().map(|n| n.to_string()))
                .collect(),
        };
        let picker = engine.profile_picker(site)?;
        engine.site_data_js =
            site_data_js(&picker, &engine.strings, engine.content_lang.as_deref());
        Ok(engine)
    }

    fn profile_picker(&self, site: &Site) -> Result<String, RenderError> {
        let mut ctx = self.base.clone();
        let terms = |tax: &crate::load::Taxonomy| -> Vec<(String, String)> {
            tax.terms
                .iter()
                .map(|t| (t.code.clone(), t.label.clone()))
                .collect()
        };
        #[derive(Serialize)]
        struct Opt {
            code: String,
            label: String,
        }
        let opts = |v: Vec<(String, String)>| {
            v.into_iter()
                .map(|(code, label)| Opt { code, label })
                .collect::<Vec<_>>()
        };
        let mut profile = BTreeMap::new();
        profile.insert("regions", opts(terms(&site.tax.regions)));
        profile.insert("types", opts(terms(&site.tax.types)));
        ctx.insert("profile", &profile);
        self.render("profile.html", &ctx)
    }

    /// A context with the shared values and this page's root prefix.
    pub fn context(&self, url: &str) -> Context {
        self.context_of(url, None)
    }

    /// The context of procedure `id`, whose version switcher points at the same id
    /// in the other versions.
    pub fn context_of(&self, url: &str, id: Option<&str>) -> Context {
        let mut ctx = self.base.clone();
        ctx.insert("root", &urls::root_prefix(url));
        let switcher = self
            .versions
            .switcher(self.this, url, id, self.versions_shown);
        ctx.insert("versions", &switcher);
        ctx
    }

    pub fn render(&self, template: &str, ctx: &Context) -> Result<String, RenderError> {
        self.tera
            .render(template, ctx)
            .map_err(|e| RenderError::Template(self.template_error(template, e).suggest_from(ctx)))
    }

    /// Tera's error, with the templates `template` extends: the error may be in
    /// one of them, which Tera does not name.
    fn template_error(&self, template: &str, e: tera::Error) -> TemplateError {
        TemplateError::new(template, self.parents(template), &e)
    }

    /// The templates `template` extends, nearest first.
    pub fn parents(&self, template: &str) -> Vec<String> {
        self.tera
            .get_template(template)
            .map(|t| t.parents.clone())
            .unwrap_or_default()
    }

    /// Renders straight into bytes for a file, in a buffer of `capacity` bytes:
    /// no regrowth copies, and no UTF-8 check of text Tera built from strings.
    pub fn render_bytes(
        &self,
        template: &str,
        ctx: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, RenderError> {
        let mut out = Vec::with_capacity(capacity);
        self.tera.render_to(template, ctx, &mut out).map_err(|e| {
            RenderError::Template(self.template_error(template, e).suggest_from(ctx))
        })?;
        Ok(out)
    }
}

/// Words of search.js (its name → the translation key) that the theme translates.
const SEARCH_WORDS: &[(&str, &str)] = &[
    ("none", "search_none"),
    ("result", "search_result"),
    ("results", "search_results"),
    ("all", "search_all"),
    ("seeAll", "search_see_all"),
    ("more", "search_more"),
    ("partial", "search_partial"),
    ("unavailable", "search_unavailable"),
    ("prompt", "search_prompt"),
    ("filters", "search_filters"),
    ("for", "search_for"),
    ("quoteOpen", "quote_open"),
    ("quoteClose", "quote_close"),
    ("obsolete", "status_obsolete"),
];
const FACET_WORDS: &[(&str, &str)] = &[
    ("region", "facet_region"),
    ("type", "facet_type"),
    ("role", "facet_role"),
    ("phase", "facet_phase"),
    ("priority", "facet_priority"),
];

/// The profile picker's markup (`PB_PROFILE_HTML`), the scripts' words in the
/// handbook's language (`PB_TEXT`; a word the theme lacks keeps search.js's French)
/// and, when it is not the interface's, the procedures' language
/// (`PB_CONTENT_LANG`, which marks search results).
fn site_data_js(picker: &str, strings: &Strings, content_lang: Option<&str>) -> String {
    let words = |table: &[(&str, &str)]| -> serde_json::Map<String, serde_json::Value> {
        table
            .iter()
            .filter_map(|(name, key)| {
                let word = strings.map.get(*key)?;
                Some((name.to_string(), serde_json::Value::from(word.as_str())))
            })
            .collect()
    };
    let text = serde_json::json!({ "search": words(SEARCH_WORDS), "facets": words(FACET_WORDS) });
    let picker = serde_json::Value::from(picker);
    let mut js = format!("window.PB_PROFILE_HTML = {picker};\nwindow.PB_TEXT = {text};\n");
    if let Some(lang) = content_lang {
        js.push_str(&format!(
            "window.PB_CONTENT_LANG = {};\n",
            serde_json::Value::from(lang)
        ));
    }
    js
}

fn variant_attrs(site: &Site, variants: &Variants) -> HashMap<String, String> {
    site.published()
        .filter_map(|(i, page)| {
            let scopes: Vec<String> = variants
                .get(i)
                .iter()
                .map(|&v| {
                    let f = &site.pages[v].src.front;
                    format!(
                        "{}|{}",
                        f.regions.codes().join(","),
                        f.types.codes().join(",")
                    )
                })
                .collect();
            (!scopes.is_empty()).then(|| (page.id().to_string(), scopes.join(";")))
        })
        .collect()
}

/// How templates mark an element holding author words; see `content_lang_attr`.
const LANG_ATTR: &str = "{{ site.content_lang_attr | safe }}";

/// ` lang="fr"` where the procedures' language is not the interface's, else empty.
fn content_lang_attr(site: &Site) -> String {
    site.config
        .content_lang_attr()
        .map(|l| format!(" lang=\"{}\"", crate::html::escape(l)))
        .unwrap_or_default()
}

#[derive(Serialize)]
struct SiteCtx {
    title: String,
    lang: String,
    /// The procedures' language where it differs from the interface's (else
    /// empty): what templates mark their titles and text with (`lang="…"`).
    content_lang: String,
    /// ` lang="…"` for an element holding author words, or empty: written
    /// `{{ site.content_lang_attr | safe }}`, the shortest mark for templates.
    content_lang_attr: String,
    edition: String,
    date: Option<String>,
}

impl SiteCtx {
    fn new(site: &Site) -> Self {
        SiteCtx {
            title: context::typeset(site, &site.config.title).into_owned(),
            lang: site.config.language.clone(),
            content_lang: site.config.content_lang_attr().unwrap_or("").to_string(),
            content_lang_attr: content_lang_attr(site),
            edition: site.config.edition.clone(),
            date: site.date.map(|d| d.to_string()),
        }
    }
}

/// Renders the whole site into `sink`; returns the number of files written.
/// The files of parts rendered side by side, summed; when parts fail, any
/// error that is not the theme's comes first, else every template error met
/// (each part stops at its first): a theme author fixes them all in one run.
pub fn joined(
    parts: impl IntoIterator<Item = Result<usize, RenderError>>,
) -> Result<usize, RenderError> {
    let mut files = 0;
    let mut templates: Vec<TemplateError> = Vec::new();
    for part in parts {
        let found = match part {
            Ok(n) => {
                files += n;
                continue;
            }
            Err(RenderError::Template(e)) => vec![e],
            Err(RenderError::Templates(list)) => list,
            Err(other) => return Err(other),
        };
        for e in found {
            let known = |t: &TemplateError| t.template == e.template && t.message == e.message;
            if !templates.iter().any(known) {
                templates.push(e);
            }
        }
    }
    match templates.len() {
        0 => Ok(files),
        1 => Err(RenderError::Template(templates.remove(0))),
        _ => Err(RenderError::Templates(templates)),
    }
}

pub fn render_site(
    site: &Site,
    theme: &Theme,
    engine: &Engine,
    pages: &[Rendered],
    sections: &[Rendered],
    sink: &dyn Sink,
    kept: Option<&KeptIndex>,
) -> Result<usize, RenderError> {
    let published: Vec<usize> = site.published().map(|(i, _)| i).collect();
    // Both halves are parallel inside, but the search index has sequential steps:
    // running them side by side keeps both cores busy.
    let (procedures, listings) = rayon::join(
        || render_pages(site, engine, pages, &published, sink),
        || render_listings(site, engine, pages, sections, sink, kept),
    );
    let files = published_files(site, pages, sections);
    let assets = write_assets(site, theme, engine, &files, sink);
    joined([procedures, listings, assets])
}

/// Every page that lists procedures: home, sections, taxonomies, editions, and the
/// search index. Each is O(its own entries).
pub fn render_listings(
    site: &Site,
    engine: &Engine,
    pages: &[Rendered],
    sections: &[Rendered],
    sink: &dyn Sink,
    kept: Option<&KeptIndex>,
) -> Result<usize, RenderError> {
    let (search, listings) = rayon::join(
        || search_docs::write(site, pages, sink, kept),
        || {
            joined([
                listings::render_all(site, engine, sections, sink),
                editions::render(site, engine, sink),
            ])
        },
    );
    joined([search, listings])
}

/// Which files of `content/` (`site.assets`) this build publishes: those a
/// published page or a section links to or shows, and those nothing links to. A
/// file only unpublished pages use (the on-call list of a TLP:RED sheet) goes
/// with them.
pub fn published_files(site: &Site, pages: &[Rendered], sections: &[Rendered]) -> Vec<bool> {
    let mut used = vec![false; site.assets.len()];
    let mut used_published = vec![false; site.assets.len()];
    let published = |i: usize| site.pages[i].hidden.is_none();
    let users = pages
        .iter()
        .enumerate()
        .map(|(i, r)| (published(i), r))
        .chain(sections.iter().map(|r| (true, r)));
    for (is_published, rendered) in users {
        for &a in &rendered.assets {
            used[a] = true;
            used_published[a] |= is_published;
        }
    }
    // A file nothing uses follows its folder: in a folder whose sheets are all
    // unpublished, it would tell the folder's name.
    let folders: HashMap<&str, bool> = site
        .sections
        .iter()
        .map(|s| (s.src.dir.as_str(), s.published))
        .collect();
    let folder_published = |rel: &str| {
        let mut dir = rel;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            if let Some(&published) = folders.get(parent) {
                return published;
            }
            dir = parent;
        }
        true
    };
    used.iter()
        .zip(&used_published)
        .zip(&site.assets)
        .map(|((used, published), asset)| published | (!used && folder_published(&asset.rel)))
        .collect()
}

/// What the build writes into `assets/` beside the theme's files.
const GENERATED_ASSETS: [&str; 2] = ["syntax.css", "site-data.js"];

fn write_assets(
    site: &Site,
    theme: &Theme,
    engine: &Engine,
    published: &[bool],
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    for (name, bytes) in &theme.assets {
        sink.write(&format!("assets/{name}"), bytes)?;
    }
    let [syntax, data] = GENERATED_ASSETS;
    sink.write(
        &format!("assets/{syntax}"),
        highlight::stylesheet().as_bytes(),
    )?;
    sink.write(&format!("assets/{data}"), engine.site_data_js.as_bytes())?;
    let files: Vec<_> = site
        .assets
        .iter()
        .zip(published)
        .filter(|(_, p)| **p)
        .collect();
    files
        .par_iter()
        .try_for_each(|(a, _)| sink.copy(&a.rel, &a.path))?;
    Ok(theme.assets.len() + 2 + files.len())
}
