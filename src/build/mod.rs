//! The build, straight down the pipeline: load → validate → model → markdown →
//! templates → write, with the time of each step recorded.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use thiserror::Error;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::theme::{self, Theme};
use crate::load::{self};
use crate::markdown::{self, Rendered};
use crate::model::{Audience, Site};
use crate::render::versions::VersionIndex;
use crate::render::{self, Engine, RenderError};
use crate::validate;
use crate::write::HashingSink;

mod anchors;
mod incremental;
use crate::versions;
use crate::write::{NullSink, PrefixSink, Sink, Staging, WriteError};
pub use incremental::Session;

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
    /// Drafts of the current content this build leaves out (`--drafts` shows them).
    pub drafts: usize,
    pub files: usize,
    pub timings: Vec<(&'static str, Duration)>,
    /// True when the output folder was replaced by this build.
    pub written: bool,
    /// A rebuild of a session that changed no file of the output: open pages
    /// need no reload.
    pub unchanged: bool,
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
    /// Ends `step`; a step run once per version adds up under one name.
    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        let spent = now - self.last;
        self.last = now;
        match self.timings.iter_mut().find(|(s, _)| *s == step) {
            Some((_, total)) => *total += spent,
            None => self.timings.push((step, spent)),
        }
    }
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let (report, state) = run(opts, None)?;
    // Freeing a large site takes tens of milliseconds nobody needs to wait for;
    // a command that exits right after does not wait for this thread either.
    std::thread::spawn(move || drop(state));
    Ok(report)
}

/// Everything a build learned, kept by `Session` for incremental rebuilds.
pub(crate) struct State {
    theme: Option<Theme>,
    words: markdown::Words,
    /// The theme in each language a frozen version was written in, other than the
    /// current one's: an old version reads as it was published.
    other_languages: Vec<(String, Theme)>,
    /// Frozen versions first (oldest to newest), the current content last.
    prepared: Vec<Prepared>,
    retired: HashSet<String>,
    /// Errors of frozen versions (never edited, so they do not change).
    frozen_diags: Vec<Diagnostic>,
    /// Diagnostics of the theme and of loading the current version, by file.
    load_diags: Vec<Diagnostic>,
    /// The current version's search index, kept for the next build of a session.
    kept_search: Option<render::KeptIndex>,
}

impl State {
    fn current(&self) -> &Prepared {
        &self.prepared[self.prepared.len() - 1]
    }

    /// The theme `p` is rendered with: in its own language.
    fn theme_of(&self, p: &Prepared) -> Option<&Theme> {
        let language = &p.site.config.language;
        (self.other_languages.iter())
            .find(|(l, _)| l == language)
            .map(|(_, t)| t)
            .or(self.theme.as_ref())
    }

    /// Every diagnostic of the current state: loading, cross-page checks, editions,
    /// anchors and Markdown, plus frozen versions' errors.
    fn diagnostics(&self, root: &Path) -> Diagnostics {
        let mut diags = Diagnostics::default();
        diags.extend(self.frozen_diags.iter().cloned());
        diags.extend(self.load_diags.iter().cloned());
        let loaded = !self.load_diags.iter().any(Diagnostic::is_error);
        diags.extend(derived_diags(self.current(), root, &self.retired, loaded));
        diags
    }
}

pub(crate) fn run(
    opts: &BuildOptions,
    recorder: Option<&HashingSink>,
) -> Result<(BuildReport, State), BuildError> {
    let mut clock = Clock::new();
    let mut state = load_state(opts, &mut clock);
    if recorder.is_some() {
        state.kept_search = Some(render::KeptIndex::default());
    }
    let diags = state.diagnostics(&opts.root);
    clock.lap("checks");
    let mut report = report_of(&state, diags);
    if report.errors() > 0 || state.theme.is_none() {
        report.timings = clock.timings;
        return Ok((report, state));
    }
    match &opts.out {
        None => {
            let rendered = render_versions(&state, &NullSink);
            report.files = theme_errors(rendered, &state, &mut report.diagnostics)?;
            clock.lap("render");
        }
        Some(out) => {
            let staging = Staging::new(out, &opts.root)?;
            let rendered = match recorder {
                Some(r) => render_versions(&state, &r.over(&staging)),
                None => render_versions(&state, &staging),
            };
            report.files = theme_errors(rendered, &state, &mut report.diagnostics)?;
            clock.lap("render+write");
            if report.errors() == 0 {
                staging.commit()?;
                report.written = true;
                clock.lap("swap");
            }
        }
    }
    report.timings = clock.timings;
    Ok((report, state))
}

/// A template error met while rendering is the theme's problem, told as the
/// content's are: a diagnostic at its file and line. Other failures stop the build.
fn theme_errors(
    rendered: Result<usize, RenderError>,
    state: &State,
    diags: &mut Vec<Diagnostic>,
) -> Result<usize, BuildError> {
    match (rendered, &state.theme) {
        (Err(RenderError::Template(e)), Some(theme)) => {
            diags.push(e.diagnostic(theme));
            Ok(0)
        }
        (Err(RenderError::Templates(list)), Some(theme)) => {
            diags.extend(list.iter().map(|e| e.diagnostic(theme)));
            Ok(0)
        }
        (rendered, _) => Ok(rendered?),
    }
}

fn report_of(state: &State, diags: Diagnostics) -> BuildReport {
    BuildReport {
        pages: state
            .prepared
            .iter()
            .map(|p| p.site.published().count())
            .sum(),
        drafts: (state.current().site.pages.iter())
            .filter(|p| p.hidden == Some(crate::model::Hidden::Draft))
            .count(),
        info: SiteInfo::of(&state.current().site),
        diagnostics: diags.into_sorted(),
        ..BuildReport::default()
    }
}

fn load_state(opts: &BuildOptions, clock: &mut Clock) -> State {
    let (config, _) = load::config::load(&opts.root, None); // its problems come with the full load
    let mut load_diags = Vec::new();
    let theme = match theme::load(&opts.root, &config.theme, &config.language) {
        Ok(t) => {
            load_diags.extend(t.warnings.iter().cloned());
            Some(t)
        }
        Err(d) => {
            load_diags.push(d);
            None
        }
    };
    let words = theme
        .as_ref()
        .map(|t| markdown::Words::from_strings(&t.strings))
        .unwrap_or_default();
    let mut prepared: Vec<Prepared> = Vec::new();
    let mut retired: HashSet<String> = HashSet::new();
    let mut frozen_diags = versions::problems(&opts.root);
    let mut other_languages: Vec<(String, Theme, markdown::Words)> = Vec::new();
    for v in versions::list(&opts.root) {
        let prefix = format!("{}/{}/", versions::VERSIONS_DIR, v.label);
        let language = load::config::load(&v.root, None).0.language;
        let known = other_languages.iter().any(|(l, ..)| *l == language);
        if language != config.language && !known {
            // Its problems are the current theme's, already reported.
            if let Ok(t) = theme::load(&opts.root, &config.theme, &language) {
                let w = markdown::Words::from_strings(&t.strings);
                other_languages.push((language.clone(), t, w));
            }
        }
        let words_of_version = (other_languages.iter())
            .find(|(l, ..)| *l == language)
            .map_or(&words, |(.., w)| w);
        let (p, loading) = prepare(
            &v.root,
            Some(&v.label),
            prefix,
            opts.audience,
            words_of_version,
            clock,
        );
        let mut all = loading;
        // Only errors are kept of a frozen version: no edition gap warnings.
        all.extend(derived_diags(&p, &v.root, &retired, false));
        retired.extend(p.site.pages.iter().map(|page| page.id().to_string()));
        // A frozen version is never edited: only what stops it from building matters.
        frozen_diags.extend(all.into_iter().filter(Diagnostic::is_error).map(|mut d| {
            d.file = Path::new(versions::VERSIONS_DIR)
                .join(&v.label)
                .join(&d.file);
            d
        }));
        prepared.push(p);
    }
    let (current, loading) = prepare(
        &opts.root,
        None,
        String::new(),
        opts.audience,
        &words,
        clock,
    );
    load_diags.extend(loading);
    load_diags.extend(same_label_as_frozen(
        &opts.root,
        &current.site.config.edition,
        &prepared,
    ));
    prepared.push(current);
    State {
        theme,
        words,
        other_languages: (other_languages.into_iter())
            .map(|(l, t, _)| (l, t))
            .collect(),
        prepared,
        retired,
        frozen_diags,
        load_diags,
        kept_search: None,
    }
}

/// After `version cut`, the edition label moves on: a current edition labelled as
/// a frozen version would show twice in the version switcher.
fn same_label_as_frozen(root: &Path, edition: &str, frozen: &[Prepared]) -> Option<Diagnostic> {
    frozen.iter().find(|p| p.label == edition)?;
    let file = load::config::CONFIG_FILE;
    let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
    let d = Diagnostic::warning(
        file,
        format!("the edition `{edition}` is also a frozen version (versions/{edition}/)"),
    )
    .help("set `edition:` to the label of the edition being written, e.g. the next one");
    Some(match load::yaml::locate_key(&text, "edition") {
        Some((line, col)) => d.at(&text, line, col, edition.chars().count()),
        None => d,
    })
}

/// Renders every version (frozen ones under `versions/<label>/`) into `sink`.
fn render_versions(state: &State, sink: &dyn Sink) -> Result<usize, RenderError> {
    if state.theme.is_none() {
        return Ok(0);
    }
    let index = version_index(state);
    // Versions side by side: each has sequential steps (the search index, the
    // editions) that would leave a core idle if versions took turns.
    let files: Vec<_> = (state.prepared.par_iter().enumerate())
        .map(|(i, p)| render_version(state, &index, i, p, sink))
        .collect();
    render::joined(files)
}

fn render_version(
    state: &State,
    index: &VersionIndex<'_>,
    i: usize,
    p: &Prepared,
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let last = state.prepared.len() - 1;
    let sink = PrefixSink {
        prefix: &p.prefix,
        inner: sink,
    };
    let Some(theme) = state.theme_of(p) else {
        return Ok(0);
    };
    let engine = Engine::new(&p.site, theme, index, i)?;
    let older = i.checked_sub(1).map(|o| &state.prepared[o].site);
    // The print bundle and the changelog are one long page each: made beside
    // the site rather than after it, they cost no wall time.
    let (site, others) = rayon::join(
        || {
            // Only the current version changes between builds of a session.
            let kept = state.kept_search.as_ref().filter(|_| i == last);
            render::render_site(&p.site, theme, &engine, &p.pages, &p.sections, &sink, kept)
        },
        || {
            let printer = crate::print::Printer::new(&p.site, theme);
            render::joined([
                render::changes::render(&p.site, older, &engine, &sink),
                match i == last {
                    true => index.render_list(&engine, &sink),
                    false => Ok(0),
                },
                crate::print::output::write_to_site(&printer, &sink).map_err(Into::into),
            ])
        },
    );
    render::joined([site, others])
}

fn version_index(state: &State) -> VersionIndex<'_> {
    VersionIndex::new(
        state
            .prepared
            .iter()
            .map(|p| (p.label.as_str(), p.prefix.as_str(), &p.site)),
    )
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

/// Loads a version and renders its Markdown; returns the loading diagnostics.
fn prepare(
    root: &Path,
    frozen_label: Option<&str>,
    prefix: String,
    audience: Audience,
    words: &markdown::Words,
    clock: &mut Clock,
) -> (Prepared, Vec<Diagnostic>) {
    let mut loaded = load::load(root);
    clock.lap("load");
    let loading = std::mem::take(&mut loaded.diags);
    if let Some(label) = frozen_label {
        loaded.config.edition = label.to_string();
    }
    let site = Site::new(loaded, audience);
    clock.lap("model");
    let (pages, sections) = render_markdown(&site, words);
    clock.lap("markdown");
    let prepared = Prepared {
        label: site.config.edition.clone(),
        prefix,
        site,
        pages,
        sections,
    };
    (prepared, loading)
}

/// Diagnostics that follow from the loaded sources: cross-page checks, editions,
/// anchors, and what the Markdown renderer found. Editions' empty phases are
/// looked for only when `loaded` and nothing else is wrong: a page in error
/// leaves gaps that are not the author's to fill.
fn derived_diags(
    p: &Prepared,
    root: &Path,
    retired: &HashSet<String>,
    loaded: bool,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.extend(validate::validate(
        &validate::Input::of_site(&p.site, root),
        retired,
    ));
    anchors::check_anchors(&p.site, &p.pages, &p.sections, &mut diags);
    for r in p.pages.iter().chain(&p.sections) {
        diags.extend(r.diags.iter().cloned());
    }
    let gaps = loaded && !diags.has_errors();
    diags.extend(crate::model::editions::check(&p.site, gaps));
    diags
}

/// Markdown of every page, published or not (so `check` sees every problem), and of
/// every section, in parallel.
fn render_markdown(site: &Site, words: &markdown::Words) -> (Vec<Rendered>, Vec<Rendered>) {
    let settings = markdown::Settings::for_site(site, words);
    let pages = site
        .pages
        .par_iter()
        .map(|p| markdown::render(site, &markdown::Source::of_page(p), &settings))
        .collect();
    let no_text = markdown::Settings {
        collect_text: false,
        ..settings
    };
    let sections = site
        .sections
        .par_iter()
        .map(|s| markdown::render(site, &markdown::Source::of_section(s), &no_text))
        .collect();
    (pages, sections)
}

/// Default output folder: `<root>/public`.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
