//! What changed between two editions: procedures added, removed (with the sheet that
//! replaces them), renamed (same id, new title or path) and modified (changed
//! front-matter fields and a word-level diff of the text). Only published pages of
//! both sides are compared, so a restricted page never shows up in a changelog.

use std::collections::BTreeMap;

use similar::{ChangeTag, TextDiff};

use crate::load::{FrontMatter, Scope};
use crate::markdown::links;
use crate::model::Site;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed { successor: Option<String> },
    Changed { renamed: bool, modified: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Same(String),
    Deleted(String),
    Inserted(String),
}

#[derive(Debug, Clone)]
pub struct Change {
    pub id: String,
    pub kind: Kind,
    /// Index of the page in the newer site (absent when removed).
    pub new: Option<usize>,
    /// Index of the page in the older site (absent when added).
    pub old: Option<usize>,
    pub fields: Vec<FieldChange>,
    pub diff: Vec<Part>,
}

/// Changes from `old` to `new`, in the newer edition's phase order, then by id.
///
/// `anywhere` says whether some version of the build publishes a sheet: an id a
/// front matter names that its own version does not hold is shown only then.
pub fn compare(old: &Site, new: &Site, anywhere: &dyn Fn(&str) -> bool) -> Vec<Change> {
    let old_ids: BTreeMap<&str, usize> = old.published().map(|(i, p)| (p.id(), i)).collect();
    let new_ids: BTreeMap<&str, usize> = new.published().map(|(i, p)| (p.id(), i)).collect();
    let mut changes = Vec::new();
    for (&id, &n) in &new_ids {
        match old_ids.get(id) {
            None => changes.push(Change {
                id: id.to_string(),
                kind: Kind::Added,
                new: Some(n),
                old: None,
                fields: Vec::new(),
                diff: Vec::new(),
            }),
            Some(&o) => {
                if let Some(change) = changed(old, o, new, n, anywhere) {
                    changes.push(change);
                }
            }
        }
    }
    for (&id, &o) in &old_ids {
        if !new_ids.contains_key(id) {
            let successor = new
                .published()
                .find(|(_, p)| p.src.front.replaces.iter().any(|r| r == id))
                .map(|(_, p)| p.id().to_string());
            changes.push(Change {
                id: id.to_string(),
                kind: Kind::Removed { successor },
                new: None,
                old: Some(o),
                fields: Vec::new(),
                diff: Vec::new(),
            });
        }
    }
    let rank = |c: &Change| match (c.new, c.old) {
        (Some(n), _) => new.phase_rank(&new.pages[n].src.front.phase),
        (None, Some(o)) => old.phase_rank(&old.pages[o].src.front.phase),
        _ => usize::MAX,
    };
    changes.sort_by(|a, b| (rank(a), &a.id).cmp(&(rank(b), &b.id)));
    changes
}

fn changed(
    old: &Site,
    o: usize,
    new: &Site,
    n: usize,
    anywhere: &dyn Fn(&str) -> bool,
) -> Option<Change> {
    let (op, np) = (&old.pages[o], &new.pages[n]);
    let renamed = op.src.front.title != np.src.front.title || op.src.rel != np.src.rel;
    let fields = field_changes(
        &op.src.front.shown_in(old, anywhere),
        &np.src.front.shown_in(new, anywhere),
    );
    // The author's comments are compared as little as they are published, and a
    // link to a page this build does not publish as little as the page shows it.
    let shown = |site: &Site, page: usize| {
        let body = site.pages[page].src.body();
        let uncommented = crate::markdown::html_comments::CommentStripper::default().strip(body);
        without_unpublished_links(site, page, &uncommented)
    };
    let (ob, nb) = (shown(old, o), shown(new, n));
    let diff = if ob == nb {
        Vec::new()
    } else {
        word_diff(&ob, &nb)
    };
    let modified = !fields.is_empty() || !diff.is_empty();
    (renamed || modified).then(|| Change {
        id: np.id().to_string(),
        kind: Kind::Changed { renamed, modified },
        new: Some(n),
        old: Some(o),
        fields,
        diff,
    })
}

/// Stands for a link to a page this build does not publish, as on the page.
const UNPUBLISHED: &str = "(…)";

/// `body` with each reference to a page this build does not publish replaced
/// whole (text, address and anchor, which is made from a heading's words) by a
/// mark: links and images, reference definitions (`[x]: secret.md#anchor`), and
/// raw HTML naming one (`<a href="secret.md">`).
fn without_unpublished_links(site: &Site, page: usize, body: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let p = &site.pages[page];
    let from = links::From {
        url: &p.url,
        dir: crate::model::urls::parent(&p.src.rel),
        tlp: p.src.front.tlp,
    };
    let hidden = |dest: &str| {
        matches!(
            links::resolve(site, &from, dest),
            links::Resolved::Unpublished { .. }
        )
    };
    let parser = Parser::new_ext(body, crate::markdown::options());
    let mut ranges: Vec<std::ops::Range<usize>> = parser
        .reference_definitions()
        .iter()
        .filter(|(_, def)| hidden(&def.dest))
        .map(|(_, def)| def.span.clone())
        .collect();
    for (event, range) in parser.into_offset_iter() {
        let names_hidden = match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                hidden(dest_url)
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                crate::markdown::html_check::attribute_urls(html)
                    .into_iter()
                    .any(|r| hidden(&crate::markdown::html_tags::decode_refs(&html[r])))
            }
            _ => false,
        };
        if names_hidden {
            ranges.push(range);
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(body.len());
    let mut copied = 0;
    for range in ranges {
        if range.start >= copied && range.end <= body.len() {
            out.push_str(&body[copied..range.start]);
            out.push_str(UNPUBLISHED);
            // A collapsed reference, `[text][]`: its `[]` goes with it.
            let collapsed = body[range.end..].starts_with("[]");
            copied = range.end + if collapsed { 2 } else { 0 };
        }
    }
    out.push_str(&body[copied..]);
    out
}

impl FrontMatter {
    /// The front matter (of a page of `site`) with only the ids of published
    /// sheets in the fields that name other sheets: a sheet of `site` when `site`
    /// publishes it (one now TLP:RED is named nowhere), else one some version of
    /// the build publishes (`anywhere`: a sheet retired in a frozen version, unless
    /// it was restricted there too).
    fn shown_in(&self, site: &Site, anywhere: &dyn Fn(&str) -> bool) -> FrontMatter {
        let published = |id: &String| {
            !site.is_unreadable_id(id)
                && match site.page_by_id(id) {
                    Some(p) => site.pages[p].published(),
                    None => anywhere(id),
                }
        };
        let mut front = self.clone();
        front.related.retain(published);
        front.replaces.retain(published);
        for one in [&mut front.variant_of, &mut front.previous, &mut front.next] {
            if one.as_ref().is_some_and(|id| !published(id)) {
                *one = None;
            }
        }
        front
    }
}

fn field_changes(a: &FrontMatter, b: &FrontMatter) -> Vec<FieldChange> {
    let scope = |s: &Scope| s.codes().join(", ");
    let list = |l: &[String]| l.join(", ");
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let date = |d: &Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let deadline = |d: &Option<crate::load::duration::Duration>| {
        d.as_ref().map(|d| d.iso.clone()).unwrap_or_default()
    };
    let pairs: [(&'static str, String, String); 18] = [
        ("summary", a.summary.clone(), b.summary.clone()),
        ("kind", a.kind.clone(), b.kind.clone()),
        ("phase", a.phase.clone(), b.phase.clone()),
        ("roles", list(&a.roles), list(&b.roles)),
        ("owner", opt(&a.owner), opt(&b.owner)),
        ("regions", scope(&a.regions), scope(&b.regions)),
        ("establishment_types", scope(&a.types), scope(&b.types)),
        ("priority", opt(&a.priority), opt(&b.priority)),
        ("trigger", opt(&a.trigger), opt(&b.trigger)),
        ("deadline", deadline(&a.deadline), deadline(&b.deadline)),
        (
            "status",
            a.status.code().to_string(),
            b.status.code().to_string(),
        ),
        ("tlp", a.tlp.code().to_string(), b.tlp.code().to_string()),
        (
            "last_reviewed",
            date(&a.last_reviewed),
            date(&b.last_reviewed),
        ),
        ("variant_of", opt(&a.variant_of), opt(&b.variant_of)),
        ("replaces", list(&a.replaces), list(&b.replaces)),
        ("related", list(&a.related), list(&b.related)),
        ("previous", opt(&a.previous), opt(&b.previous)),
        ("next", opt(&a.next), opt(&b.next)),
    ];
    pairs
        .into_iter()
        .filter(|(_, x, y)| x != y)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect()
}

/// Words of context kept around each change; longer unchanged runs are elided.
const CONTEXT: usize = 8;

/// A word-level diff, unchanged runs shortened to their edges.
pub fn word_diff(old: &str, new: &str) -> Vec<Part> {
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(200))
        .diff_words(old, new);
    let mut parts: Vec<Part> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        let part = match change.tag() {
            ChangeTag::Equal => Part::Same(text),
            ChangeTag::Delete => Part::Deleted(text),
            ChangeTag::Insert => Part::Inserted(text),
        };
        match (parts.last_mut(), &part) {
            (Some(Part::Same(a)), Part::Same(b))
            | (Some(Part::Deleted(a)), Part::Deleted(b))
            | (Some(Part::Inserted(a)), Part::Inserted(b)) => a.push_str(b),
            _ => parts.push(part),
        }
    }
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| match p {
            Part::Same(text) => Part::Same(elide(&text, i > 0, i < last)),
            other => other,
        })
        .collect()
}

/// Keeps CONTEXT words after a change (`keep_head`) and before one (`keep_tail`).
fn elide(text: &str, keep_head: bool, keep_tail: bool) -> String {
    let words: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    let head = if keep_head { CONTEXT } else { 0 };
    let tail = if keep_tail { CONTEXT } else { 0 };
    if words.len() <= head + tail + 2 {
        return text.to_string();
    }
    let mut out: String = words[..head].concat();
    out.push_str(" … ");
    out.push_str(&words[words.len() - tail..].concat());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changed_words_with_context() {
        let old = "Appelez le numéro interne 5555 sans attendre.";
        let new = "Appelez le numéro interne 6666 sans attendre.";
        let parts = word_diff(old, new);
        assert!(parts.contains(&Part::Deleted("5555".into())), "{parts:?}");
        assert!(parts.contains(&Part::Inserted("6666".into())), "{parts:?}");
    }

    #[test]
    fn long_unchanged_runs_are_elided() {
        let same = "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf vingt ";
        let parts = word_diff(&format!("{same}alpha"), &format!("{same}beta"));
        let Part::Same(first) = &parts[0] else {
            panic!("{parts:?}")
        };
        assert!(first.starts_with(" … "), "{first}");
        assert!(first.contains("vingt"), "{first}");
    }
}
