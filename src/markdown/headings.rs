//! Headings: each gets a unique anchor (its own `{#id}` or its text's slug), the
//! contents list levels 2 and 3, and the search index a section per heading. The
//! page's title is its `title:`, so a `#` heading in the text is named, and so are
//! a heading that skips a level and an empty one.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::anchors::{loose_key, slugify};
use super::{Events, PlainSection, Renderer, TocEntry};

impl<'a> Renderer<'a, '_> {
    /// Buffers the heading's inline events to compute its anchor from its text.
    pub(super) fn heading<I>(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        mut classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        offset: usize,
        events: &mut Events<'a, I>,
    ) where
        I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    {
        let start_index = self.out.len();
        let explicit = id.is_some();
        let mut title = String::new();
        let collecting = self.settings.collect_text;
        if collecting {
            self.flush_section();
        }
        for (event, range) in events.by_ref() {
            match event {
                Event::End(TagEnd::Heading(_)) => break,
                // The text of a link to an unpublished page is not published, in
                // the anchor, the contents or the search index either: they read
                // what the heading shows instead.
                Event::Text(ref t) | Event::Code(ref t) if self.skip_link_depth == 0 => {
                    title.push_str(t);
                    self.event(event, range.start, &mut std::iter::empty().peekable());
                }
                other => {
                    let shown = self.skip_link_depth == 0;
                    self.event(other, range.start, &mut std::iter::empty().peekable());
                    if shown && self.skip_link_depth > 0 {
                        title.push_str(&self.settings.words.unpublished);
                    }
                }
            }
        }
        let wanted = id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&title));
        self.heading = title.trim().to_string();
        let anchor = self.anchors.unique(wanted.clone());
        if explicit {
            (self.result.titled_anchors).push((loose_key(&title), anchor.clone()));
        }
        if explicit && anchor != wanted {
            // The author chose this id for links: they would reach another place.
            self.warn(
                offset,
                self.line_chars(offset),
                format!("the anchor `#{wanted}` is already taken on this page; this heading gets `#{anchor}`"),
                Some(format!("choose another `{{#…}}`: links to `#{wanted}` reach the first place that has it")),
            );
        }
        self.check_level(level as u8, offset);
        let lvl = level as u8;
        let empty = self.out[start_index..]
            .iter()
            .all(|e| matches!(e, Event::Text(t) if t.trim().is_empty()));
        if empty {
            let marks = "#".repeat(usize::from(lvl));
            self.warn(
                offset,
                self.line_chars(offset),
                format!("this `{marks}` heading is empty: screen readers announce a heading with nothing to say"),
                Some(format!("write its text after `{marks} `, or remove the line")),
            );
        }
        // An empty heading would be a blank link in the contents.
        if (2..=3).contains(&lvl) && !empty {
            // Spaced as the heading itself is.
            let shown = self.typeset(CowStr::from(title.clone())).into_string();
            self.result.toc.push(TocEntry {
                level: lvl,
                id: anchor.clone(),
                title: shown,
            });
        }
        if collecting {
            // The heading's words went into the previous section's text; move them.
            self.current = PlainSection {
                anchor: anchor.clone(),
                heading: title.trim().to_string(),
                text: String::new(),
            };
        }
        let attrs = match attrs.is_empty() {
            true => attrs,
            false => self.heading_attrs(&mut classes, attrs, offset),
        };
        let start = Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(anchor)),
            classes,
            attrs,
        });
        self.out.insert(start_index, start);
        self.out.push(Event::End(TagEnd::Heading(level)));
    }

    pub(super) fn flush_section(&mut self) {
        let mut section = std::mem::take(&mut self.current);
        if section.text.ends_with(' ') {
            section.text.pop();
        }
        if !section.text.is_empty() || !section.heading.is_empty() {
            self.result.sections.push(section);
        }
    }

    /// The page's outline, as screen readers list it: the title is its one
    /// first-level heading, and no heading goes two levels below the one before.
    fn check_level(&mut self, level: u8, offset: usize) {
        let above = std::mem::replace(&mut self.heading_level, level);
        let marks = |level: u8| "#".repeat(usize::from(level));
        // The fix changes the marks only: the text and its `{#id}` stay as written.
        let body = &self.src.text[self.src.body_offset + offset..];
        let underlined = !body.trim_start_matches(' ').starts_with('#');
        let (message, fix) = if level == 1 {
            let fix = match underlined {
                true => "underline it with `-` instead of `=`",
                false => "write `##` instead of `#`",
            };
            (
                "a first-level heading in the text is a second title on this page, whose title is `title:`"
                    .to_string(),
                format!("start the text's headings at the second level: {fix}; the contents then list them"),
            )
        } else if level > above + 1 {
            let under = match above {
                1 => "right under the page's title".to_string(),
                above => format!("under a `{}` heading", marks(above)),
            };
            (
                format!(
                    "this `{}` heading comes {under}: the outline skips a level",
                    marks(level)
                ),
                format!("write `{}` instead of `{}`", marks(above + 1), marks(level)),
            )
        } else {
            return;
        };
        self.warn(offset, self.line_chars(offset), message, Some(fix));
    }

    /// Characters from `offset` (in the body) to the end of its line.
    fn line_chars(&self, offset: usize) -> usize {
        let line = &self.src.text[self.src.body_offset + offset..];
        line[..line.find('\n').unwrap_or(line.len())]
            .chars()
            .count()
    }
}
