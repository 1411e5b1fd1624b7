//! The build, straight down the pipeline: load → validate → model → markdown →
//! templates → write, with the time of each step recorded.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use thiserror::Error;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, theme};
use crate::markdown::{self, Rendered, Target};
use crate::model::{Audience, Site};
use crate::render::versions::VersionIndex;
use crate::render::{self, Engine, RenderError};
use crate::validate;
use crate::versions;
use crate::write::{NullSink, PrefixSink, Sink, Staging, WriteError};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `None` renders everything and writes nothing (`check`).
    pub out: Option<PathBuf>,
    pub audience: Audience,
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub files: usize,
    pub timings: Vec<(&'static str, Duration)>,
    /// True when the output folder was replaced by this build.
    pub written: bool,
    /// What the build was of: title, edition, content date, language.
    pub info: SiteInfo,
}

#[derive(Debug, Default, Clone)]
pub struct SiteInfo {
    pub title: String,
    pub edition: String,
    pub date: Option<chrono::NaiveDate>,
    pub language: String,
}

impl SiteInfo {
    fn of(site: &Site) -> SiteInfo {
        SiteInfo {
            title: site.config.title.clone(),
            edition: site.config.edition.clone(),
            date: site.date,
            language: site.config.language.clone(),
        }
    }
}

impl BuildReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Failures that are not the content's fault (disk, theme).
#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Render(RenderError),
}

impl From<RenderError> for BuildError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Write(w) => BuildError::Write(w),
            other => BuildError::Render(other),
        }
    }
}

struct Clock {
    last: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new() -> Self {
        Clock {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }
    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.timings.push((step, now - self.last));
        self.last = now;
    }
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut clock = Clock::new();
    let mut diags = Diagnostics::default();

    let (config, config_diags) = load::config::load(&opts.root);
    let theme = match theme::load(&opts.root, &config.theme, &config.language) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    drop(config_diags); // reported again by the full load of the current version
    let unpublished = theme
        .as_ref()
        .and_then(|t| t.strings.get("unpublished").cloned())
        .unwrap_or_else(|| "fiche non diffusée à ce niveau".into());

    // Frozen versions first (oldest to newest), the current content last.
    let mut prepared: Vec<Prepared> = Vec::new();
    let mut retired: HashSet<String> = HashSet::new();
    for v in versions::list(&opts.root) {
        let prefix = format!("{}/{}/", versions::VERSIONS_DIR, v.label);
        let mut frozen = Diagnostics::default();
        let p = prepare(
            &v.root,
            Some(&v.label),
            prefix,
            opts.audience,
            &unpublished,
            &retired,
            &mut frozen,
        );
        retired.extend(p.site.pages.iter().map(|page| page.id().to_string()));
        // A frozen version is never edited: only what stops it from building matters.
        diags.extend(frozen.into_iter().filter(|d| d.is_error()).map(|mut d| {
            d.file = std::path::Path::new(versions::VERSIONS_DIR)
                .join(&v.label)
                .join(&d.file);
            d
        }));
        prepared.push(p);
    }
    prepared.push(prepare(
        &opts.root,
        None,
        String::new(),
        opts.audience,
        &unpublished,
        &retired,
        &mut diags,
    ));
    clock.lap("load+markdown");

    let current = prepared.last().map(|p| &p.site);
    let mut report = BuildReport {
        pages: prepared.iter().map(|p| p.site.published().count()).sum(),
        info: current.map(SiteInfo::of).unwrap_or_default(),
        ..BuildReport::default()
    };
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        report.diagnostics = diags.into_sorted();
        report.timings = clock.timings;
        return Ok(report);
    };

    let index = VersionIndex::new(
        prepared
            .iter()
            .map(|p| (p.label.as_str(), p.prefix.as_str(), &p.site)),
    );
    let render_all = |sink: &dyn Sink| -> Result<usize, RenderError> {
        let mut files = 0;
        for (i, p) in prepared.iter().enumerate() {
            let sink = PrefixSink {
                prefix: &p.prefix,
                inner: sink,
            };
            let engine = Engine::new(&p.site, &theme, &index, i)?;
            files += render::render_site(&p.site, &theme, &engine, &p.pages, &p.sections, &sink)?;
            let older = i.checked_sub(1).map(|o| &prepared[o].site);
            files += render::changes::render(&p.site, older, &engine, &sink)?;
        }
        Ok(files)
    };
    match &opts.out {
        None => {
            report.files = render_all(&NullSink)?;
            clock.lap("render");
        }
        Some(out) => {
            let staging = Staging::new(out, &opts.root)?;
            report.files = render_all(&staging)?;
            clock.lap("render+write");
            staging.commit()?;
            report.written = true;
            clock.lap("swap");
        }
    }
    report.diagnostics = diags.into_sorted();
    report.timings = clock.timings;
    Ok(report)
}

/// One version of the handbook, loaded, checked and with its Markdown rendered.
struct Prepared {
    label: String,
    /// Where it is published: `""` for the current content, `versions/<label>/`.
    prefix: String,
    site: Site,
    pages: Vec<Rendered>,
    sections: Vec<Rendered>,
}

fn prepare(
    root: &Path,
    frozen_label: Option<&str>,
    prefix: String,
    audience: Audience,
    unpublished: &str,
    retired: &HashSet<String>,
    diags: &mut Diagnostics,
) -> Prepared {
    let mut loaded = load::load(root);
    diags.extend(std::mem::take(&mut loaded.diags));
    diags.extend(validate::validate(&validate::Input::of(&loaded), retired));
    if let Some(label) = frozen_label {
        loaded.config.edition = label.to_string();
    }
    let site = Site::new(loaded, audience);
    diags.extend(crate::model::editions::check(&site));
    let (pages, sections) = render_markdown(&site, unpublished);
    check_anchors(&site, &pages, &sections, diags);
    for r in pages.iter().chain(&sections) {
        diags.extend(r.diags.iter().cloned());
    }
    Prepared {
        label: site.config.edition.clone(),
        prefix,
        site,
        pages,
        sections,
    }
}

/// Markdown of every page, published or not (so `check` sees every problem), and of
/// every section, in parallel.
fn render_markdown(site: &Site, unpublished: &str) -> (Vec<Rendered>, Vec<Rendered>) {
    let settings = markdown::Settings {
        highlight: site.config.highlight,
        collect_text: site.config.search,
        french: site.config.language == "fr",
        unpublished_notice: unpublished,
    };
    let pages = site
        .pages
        .par_iter()
        .map(|p| {
            let src = markdown::Source {
                file: &p.src.display,
                text: &p.src.text,
                body_offset: p.src.body_offset,
                url: &p.url,
                dir: crate::model::urls::parent(&p.src.rel),
                tlp: p.src.front.tlp,
            };
            markdown::render(site, &src, &settings)
        })
        .collect();
    let no_text = markdown::Settings {
        collect_text: false,
        ..settings
    };
    let sections = site
        .sections
        .par_iter()
        .map(|s| {
            let src = markdown::Source {
                file: &s.src.display,
                text: &s.src.text,
                body_offset: s.src.body_offset,
                url: &s.url,
                dir: &s.src.dir,
                tlp: crate::load::Tlp::Clear,
            };
            markdown::render(site, &src, &no_text)
        })
        .collect();
    (pages, sections)
}

/// Links with `#anchor` are checked once every page knows its anchors.
fn check_anchors(site: &Site, pages: &[Rendered], sections: &[Rendered], diags: &mut Diagnostics) {
    let check = |own: &Rendered, file: &Path, text: &str, body_offset: usize| -> Vec<Diagnostic> {
        own.anchor_refs
            .iter()
            .filter_map(|r| {
                let (target, name) = match r.target {
                    None => (own, "this page".to_string()),
                    Some(Target::Page(p)) => {
                        (&pages[p], site.pages[p].src.display.display().to_string())
                    }
                    Some(Target::Section(s)) => (
                        &sections[s],
                        site.sections[s].src.display.display().to_string(),
                    ),
                };
                if target.anchors.iter().any(|a| a == &r.anchor) {
                    return None;
                }
                let help = crate::diag::did_you_mean(
                    &r.anchor,
                    target.anchors.iter().map(|a| (a.as_str(), a.as_str())),
                );
                Some(
                    Diagnostic::error(
                        file,
                        format!("link to a missing anchor `#{}` in {name}", r.anchor),
                    )
                    .at_offset(text, body_offset + r.offset, 0)
                    .help_opt(help),
                )
            })
            .collect()
    };
    for (i, r) in pages.iter().enumerate() {
        let p = &site.pages[i];
        diags.extend(check(r, &p.src.display, &p.src.text, p.src.body_offset));
    }
    for (i, r) in sections.iter().enumerate() {
        let s = &site.sections[i];
        diags.extend(check(r, &s.src.display, &s.src.text, s.src.body_offset));
    }
}

/// Default output folder: `<root>/public`.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
