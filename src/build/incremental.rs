//! Incremental rebuilds for the live preview. A `Session` keeps what the last build
//! learned; after an edit to existing procedures it re-reads only those files,
//! re-renders their Markdown, re-renders their pages and the pages that show them
//! (chained, related, replaced or variant sheets), the search index (patched: only
//! the edited pages are analysed again), the print bundles and, when a front matter
//! changed, all listings and editions, and rewrites only the files whose bytes
//! changed. Anything else (a
//! new or deleted file, config, taxonomies, theme, frozen versions, or an edit that
//! changes an id, a publication level or the content date) falls back to a full
//! build. Either way the output equals what a clean `build` writes.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use super::{report_of, run, version_index, BuildError, BuildOptions, BuildReport, Clock, State};
use crate::load::{self, PageSource, Status, CONTENT_DIR};
use crate::markdown;
use crate::render::{self, Engine, RenderError};
use crate::versions;
use crate::write::{HashingSink, InPlace};

pub struct Session {
    opts: BuildOptions,
    state: State,
    hashes: HashingSink,
    /// The output folder holds the rendering of `state` minus `dirty`.
    in_sync: bool,
    /// Current-version pages edited since the output was last written.
    dirty: BTreeSet<usize>,
    /// Since the output was last written: whether a front matter changed, and the
    /// ids the edited pages pointed to or point to. A pass that fails keeps them
    /// for the one that writes.
    fronts_changed: bool,
    touched_ids: HashSet<String>,
}

impl Session {
    /// Runs a full build into `opts.out` and keeps its state.
    pub fn start(opts: BuildOptions) -> Result<(Session, BuildReport), BuildError> {
        let hashes = HashingSink::default();
        let (report, state) = run(&opts, Some(&hashes))?;
        let session = Session {
            in_sync: report.written,
            opts,
            state,
            hashes,
            dirty: BTreeSet::new(),
            fronts_changed: false,
            touched_ids: HashSet::new(),
        };
        Ok((session, report))
    }

    /// Rebuilds after `changed` files (absolute paths) were modified.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<BuildReport, BuildError> {
        match self.edited_pages(changed) {
            Some(edited) if self.in_sync && !edited.is_empty() => self.incremental(edited),
            _ => self.full(),
        }
    }

    fn full(&mut self) -> Result<BuildReport, BuildError> {
        let before = self.hashes.snapshot();
        self.hashes.clear();
        let (mut report, state) = run(&self.opts, Some(&self.hashes))?;
        report.unchanged = report.written && self.in_sync && self.hashes.snapshot() == before;
        self.state = state;
        self.in_sync = report.written;
        self.clear_pending();
        Ok(report)
    }

    fn clear_pending(&mut self) {
        self.dirty.clear();
        self.fronts_changed = false;
        self.touched_ids.clear();
    }

    /// The current version's pages behind `changed`, if only existing procedures
    /// of `content/` changed.
    fn edited_pages(&self, changed: &[PathBuf]) -> Option<Vec<(usize, PathBuf)>> {
        let content = self.opts.root.join(CONTENT_DIR);
        let site = &self.state.current().site;
        let mut out = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(&content).ok()?;
            let rel: Vec<&str> = rel
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect::<Option<_>>()?;
            let rel = rel.join("/");
            let is_page = rel.ends_with(".md")
                && !rel.ends_with("_index.md")
                && !rel.starts_with(load::taxonomy::TAXONOMY_DIR);
            if !is_page || !path.is_file() {
                return None;
            }
            out.push((site.page_by_rel(&rel)?, path.clone()));
        }
        Some(out)
    }

    fn incremental(&mut self, edited: Vec<(usize, PathBuf)>) -> Result<BuildReport, BuildError> {
        let mut clock = Clock::new();
        let root = self.opts.root.clone();
        let last = self.state.prepared.len() - 1;
        // Listings and editions show front matter only: an edit of the text alone
        // leaves them as they are.
        for (i, path) in &edited {
            let display = path.strip_prefix(&root).unwrap_or(path).to_path_buf();
            self.state.load_diags.retain(|d| d.file != display);
            let site = &self.state.prepared[last].site;
            let (src, diags) = load::reload_page(&root, path, &site.tax);
            self.state.load_diags.extend(diags);
            let Some(src) = src else { continue }; // unreadable: the errors say why
            let old = &site.pages[*i].src;
            if changes_others(old, &src) {
                return self.full();
            }
            let touched = references(old).chain(references(&src)).map(str::to_string);
            self.touched_ids.extend(touched);
            self.fronts_changed |= old.front != src.front;
            let date = site.date;
            self.state.prepared[last].site.replace_page(*i, src);
            if self.state.prepared[last].site.date != date {
                return self.full(); // every overdue badge may change
            }
            self.dirty.insert(*i);
        }
        if self.rerender_markdown(last) {
            return self.full(); // which files of content/ are published may change
        }
        clock.lap("load+markdown");

        let diags = self.state.diagnostics(&root);
        let mut report = report_of(&self.state, diags);
        clock.lap("checks");
        if report.errors() > 0 {
            report.timings = clock.timings;
            return Ok(report); // the output keeps the last good build
        }
        let Some(out) = self.opts.out.clone() else {
            return self.full();
        };
        let sink = InPlace::new(&out, &self.hashes);
        let fronts_changed = self.fronts_changed;
        let rendered = self.render_current(&sink, &self.touched_ids, fronts_changed, &mut clock);
        if let (Err(BuildError::Render(e)), Some(theme)) = (&rendered, &self.state.theme) {
            let found = match e {
                RenderError::Template(e) => std::slice::from_ref(e),
                RenderError::Templates(list) => list.as_slice(),
                _ => &[],
            };
            if !found.is_empty() {
                report
                    .diagnostics
                    .extend(found.iter().map(|e| e.diagnostic(theme)));
                report.timings = clock.timings;
                return Ok(report); // pages already rewritten stay; the next pass fixes them
            }
        }
        rendered?;
        // Search chunks are renumbered when the index changes, a listing or the
        // changelog may have fewer pages than before, and a role may no longer
        // have a card to print.
        let dropped = self.drop_stale(&sink, |rel| {
            let top = rel.split('/').next();
            rel.starts_with("search/")
                || top == Some(crate::print::SITE_DIR)
                || rel.starts_with("nouveautes/")
                || (fronts_changed
                    && top != Some(versions::VERSIONS_DIR)
                    && crate::model::urls::is_listing_page(rel))
        });
        clock.lap("write");
        report.written = true;
        report.files = sink.written.load(std::sync::atomic::Ordering::Relaxed);
        report.unchanged = report.files == 0 && dropped == 0;
        report.timings = clock.timings;
        self.clear_pending();
        Ok(report)
    }

    /// Re-renders the edited pages; true when one now uses other files of
    /// `content/` than before.
    fn rerender_markdown(&mut self, last: usize) -> bool {
        let words = self.state.words.clone();
        let p = &mut self.state.prepared[last];
        let settings = markdown::Settings::for_site(&p.site, &words);
        let mut files_changed = false;
        for &i in &self.dirty {
            let source = markdown::Source::of_page(&p.site.pages[i]);
            let rendered = markdown::render(&p.site, &source, &settings);
            files_changed |= rendered.assets != p.pages[i].assets;
            p.pages[i] = rendered;
        }
        files_changed
    }

    /// The edited pages, the pages that show them, the search index, and every
    /// listing of the current version when `fronts_changed`.
    fn render_current(
        &self,
        sink: &InPlace,
        touched_ids: &HashSet<String>,
        fronts_changed: bool,
        clock: &mut Clock,
    ) -> Result<(), BuildError> {
        let Some(theme) = &self.state.theme else {
            return Ok(());
        };
        let index = version_index(&self.state);
        let last = self.state.prepared.len() - 1;
        let p = &self.state.prepared[last];
        let engine = Engine::new(&p.site, theme, &index, last)?;
        let kept = self.state.kept_search.as_ref();
        let dirty_ids: HashSet<&str> = self.dirty.iter().map(|&i| p.site.pages[i].id()).collect();
        let which: Vec<usize> = p
            .site
            .published()
            .filter(|(i, page)| {
                self.dirty.contains(i)
                    || touched_ids.contains(page.id())
                    || references(&page.src).any(|r| dirty_ids.contains(r))
            })
            .map(|(i, _)| i)
            .collect();
        render::render_pages(&p.site, &engine, &p.pages, &which, sink)?;
        clock.lap("pages");
        if fronts_changed {
            render::render_listings(&p.site, &engine, &p.pages, &p.sections, sink, kept)?;
            clock.lap("search+listings");
        } else {
            render::render_search(&p.site, &p.pages, sink, kept)?;
            clock.lap("search");
        }
        let older = last.checked_sub(1).map(|o| &self.state.prepared[o].site);
        render::changes::render(&p.site, older, &engine, sink)?;
        let printer = crate::print::Printer::new(&p.site, theme);
        crate::print::output::write_to_site(&printer, sink).map_err(render::RenderError::from)?;
        clock.lap("changes+print");
        Ok(())
    }

    /// Removes the files of the last build that `generated` says this pass should
    /// have rewritten, and did not.
    /// Returns how many were removed.
    fn drop_stale(&self, sink: &InPlace, generated: impl Fn(&str) -> bool) -> usize {
        let touched: HashSet<String> = sink
            .touched
            .lock()
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default();
        let Some(out) = &self.opts.out else { return 0 };
        let mut dropped = 0;
        for rel in self.hashes.paths_where(generated) {
            if !touched.contains(&rel) {
                let _ = std::fs::remove_file(out.join(&rel));
                self.hashes.forget(&rel);
                dropped += 1;
            }
        }
        dropped
    }

    pub fn root(&self) -> &Path {
        &self.opts.root
    }
}

/// An edit that changes what other pages render (their links, listings of other
/// versions, or what is published at all).
fn changes_others(old: &PageSource, new: &PageSource) -> bool {
    let (a, b) = (&old.front, &new.front);
    let draft = |f: &load::FrontMatter| f.draft || f.status == Status::Brouillon;
    a.id != b.id || a.tlp != b.tlp || draft(a) != draft(b)
}

/// Ids a page points to from its front matter.
fn references(src: &PageSource) -> impl Iterator<Item = &str> {
    let f = &src.front;
    [&f.previous, &f.next, &f.variant_of]
        .into_iter()
        .filter_map(|o| o.as_deref())
        .chain(f.related.iter().map(String::as_str))
        .chain(f.replaces.iter().map(String::as_str))
}
