//! What a page points at: Markdown links and images, and the addresses inside raw
//! HTML. Each is resolved against the site (rewritten to the output's relative
//! URL, emptied when it leads to an unpublished page) and checked, with the caret
//! of any problem on the address itself.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::html_balance::{self, Problem};
use super::html_check::{self, Hijack};
use super::links::{self, resolve, From, Resolved};
use super::{css, html_tags};
use super::{escape_attr, escape_text, AnchorRef, ImageEnd, Renderer};
use crate::load::Tlp;

/// What to do about raw HTML that runs a script.
pub(super) const SCRIPT_HELP: &str =
    "remove it: a procedure must read the same offline and on paper, and a script may fetch from the network";

impl<'a, 's> Renderer<'a, 's> {
    pub(super) fn link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        let from = self.from();
        // `<rssi@chu.fr>`: the HTML writer adds its `mailto:`.
        let resolved = match link_type {
            LinkType::Email => Resolved::External,
            _ => resolve(self.site, &from, &dest),
        };
        match resolved {
            Resolved::External => {
                if links::is_remote(&dest) {
                    self.check_remote_link(&dest, |r| r.dest_span(offset, &dest));
                    self.result.external_links.push(dest.to_string());
                } else if let Some(scheme) =
                    links::app_scheme(&dest).filter(|_| link_type != LinkType::Email)
                {
                    let (at, len) = self.dest_span(offset, &dest);
                    self.warn(
                        at,
                        len,
                        format!("link `{dest}` opens only where an application for `{scheme}:` is installed"),
                        Some("readers of the copy may not have it: link to a page or a file of the handbook, or write the instructions out".into()),
                    );
                }
                self.open_link(link_type, dest, title, id);
            }
            Resolved::File { href, asset } => {
                self.result.assets.push(asset);
                self.open_link(link_type, CowStr::from(href), title, id);
            }
            Resolved::Internal {
                href,
                anchor,
                tlp_warning,
            } => {
                self.tlp_warning(tlp_warning, &dest, offset);
                if let Some((target, a)) = anchor {
                    self.result.anchor_refs.push(AnchorRef {
                        target,
                        anchor: a,
                        dest: dest.to_string(),
                        search_from: offset,
                    });
                }
                self.open_link(link_type, CowStr::from(href), title, id);
            }
            Resolved::Unpublished { tlp_warning } => {
                self.tlp_warning(tlp_warning, &dest, offset);
                self.skip_link_depth = 1;
                let notice = format!(
                    "<span class=\"unpublished\">{}</span>",
                    escape_text(&self.settings.words.unpublished)
                );
                self.out.push(Event::Html(CowStr::from(notice)));
            }
            Resolved::Broken { message, help } => {
                let (at, len) = self.dest_span(offset, &dest);
                self.error(at, len, message, help);
                self.open_link(link_type, dest, title, id);
            }
        }
    }

    pub(super) fn image(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        let from = self.from();
        let dest_url = match resolve(self.site, &from, &dest) {
            Resolved::File { href, asset } => {
                self.result.assets.push(asset);
                let rel = &self.site.assets[asset].rel;
                if let Some(ext) = links::unshown_image(rel) {
                    let (at, len) = self.dest_span(offset, &dest);
                    self.warn(
                        at,
                        len,
                        format!("browsers do not show `.{ext}` images: this one shows as a broken image"),
                        Some(if ext == "pdf" {
                            "link the PDF as a file, `[text](x.pdf)`, or export the page as PNG".into()
                        } else {
                            "export it as PNG, JPEG or SVG".into()
                        }),
                    );
                }
                CowStr::from(href)
            }
            Resolved::Internal { href, .. } => CowStr::from(href),
            Resolved::External if links::is_remote(&dest) => {
                let (at, len) = self.dest_span(offset, &dest);
                self.warn(
                    at,
                    len,
                    format!("remote image `{dest}` will not load offline"),
                    Some("copy the image into `content/` and link it by relative path".into()),
                );
                // A link, with the alternative text: the page fetches nothing.
                // Inside a link the text alone: that link is where a click goes.
                if self.links_open.contains(&true) {
                    self.image_ends.push(ImageEnd::Note);
                } else {
                    self.image_ends.push(ImageEnd::Link);
                    self.open_link(LinkType::Inline, dest, title, id);
                }
                return;
            }
            Resolved::External => dest,
            Resolved::Unpublished { .. } => CowStr::from(""),
            Resolved::Broken { message, help } => {
                let (at, len) = self.dest_span(offset, &dest);
                self.error(at, len, message.replace("link", "image"), help);
                dest
            }
        };
        self.image_ends.push(ImageEnd::Image);
        self.out.push(Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }));
    }

    pub(super) fn end_image(&mut self) {
        let end = self.image_ends.pop().unwrap_or(ImageEnd::Image);
        if end == ImageEnd::Image {
            self.out.push(Event::End(TagEnd::Image));
            return;
        }
        let note = format!(
            " <span class=\"remote-image\">({})</span>",
            escape_text(&self.settings.words.remote_image)
        );
        self.out.push(Event::Html(CowStr::from(note)));
        if end == ImageEnd::Link {
            self.end_link();
        }
    }

    /// Opens a link, unless one is open already (see `links_open`).
    fn open_link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
    ) {
        let nested = self.links_open.contains(&true);
        self.links_open.push(!nested);
        if !nested {
            self.out.push(Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            }));
        }
    }

    pub(super) fn end_link(&mut self) {
        if self.links_open.pop().unwrap_or(true) {
            self.out.push(Event::End(TagEnd::Link));
        }
    }

    fn from(&self) -> From<'s> {
        From {
            url: self.src.url,
            dir: self.src.dir,
            tlp: self.src.tlp,
        }
    }

    /// The warning for a link to a more restricted page, placed at `dest` from
    /// `from` on (looked for only then).
    fn tlp_warning(&mut self, tlp: Option<Tlp>, dest: &str, from: usize) {
        if let Some(level) = tlp {
            let (at, len) = self.dest_span(from, dest);
            self.warn(
                at,
                len,
                format!(
                    "this TLP:{} page links to a TLP:{} page (`{dest}`)",
                    self.src.tlp.code().to_uppercase(),
                    level.code().to_uppercase()
                ),
                Some("readers of this page may not receive the target; say so in the text or drop the link".into()),
            );
        }
    }

    /// Raw HTML passes through with its links to pages and files rewritten as
    /// Markdown links are (a page is written one folder below its source), the
    /// files it uses counted as used, and a link to an unpublished page emptied.
    pub(super) fn raw_html(&mut self, html: CowStr<'a>, offset: usize) -> CowStr<'a> {
        self.html_balance.feed(&html, offset);
        // Comments are the author's notes: never published, never checked.
        let uncommented = match self.comments.strip(&html) {
            std::borrow::Cow::Owned(s) => Some(s),
            std::borrow::Cow::Borrowed(_) => None,
        };
        let html = uncommented.map_or(html, CowStr::from);
        self.check_html(&html, offset);
        for id in html_check::ids(&html) {
            if !self.anchors.claim(&id) && !id.is_empty() {
                let (at, len) = self.dest_span(offset, &id);
                self.warn(
                    at,
                    len,
                    format!("raw HTML id `{id}` is already used on this page"),
                    Some("choose another id: a link to `#…` reaches the first element that has it, and the theme's scripts may find the wrong one".into()),
                );
            }
            self.raw_ids.push(id);
        }
        let remote = html_check::remote_loads(&html);
        let mut out = String::new();
        let mut copied = 0;
        for range in html_check::attribute_urls(&html) {
            let url = &html[range.clone()];
            // Remote loads are reported in `check_html` and emptied below.
            if url.is_empty() || remote.contains(&range) {
                continue;
            }
            // The address as the browser reads it (`R&amp;D.pdf` is `R&D.pdf`):
            // a script hidden behind character references runs all the same.
            let decoded = html_tags::decode_refs(url);
            if links::runs_script(&decoded) {
                let at = self.dest_offset(offset, url);
                self.error(
                    at,
                    url.chars().count(),
                    format!("raw HTML: link `{decoded}` runs a script"),
                    Some("link to a procedure, a file or a web address instead".into()),
                );
                continue;
            }
            let href = match resolve(self.site, &self.from(), &decoded) {
                Resolved::File { href, asset } => {
                    self.result.assets.push(asset);
                    href
                }
                Resolved::Internal {
                    href,
                    anchor,
                    tlp_warning,
                } => {
                    self.tlp_warning(tlp_warning, url, offset);
                    if let Some((target, anchor)) = anchor {
                        self.result.anchor_refs.push(AnchorRef {
                            target,
                            anchor,
                            dest: url.to_string(),
                            search_from: offset,
                        });
                    }
                    href
                }
                Resolved::Unpublished { tlp_warning } => {
                    self.tlp_warning(tlp_warning, url, offset);
                    String::new()
                }
                Resolved::External => {
                    let place = |r: &Self| (r.dest_offset(offset, url), url.chars().count());
                    self.check_remote_link(&decoded, place);
                    continue;
                }
                // Left as written, it would be a dead link in the published page.
                Resolved::Broken { message, help } => {
                    let at = self.dest_offset(offset, url);
                    self.error(at, url.len(), format!("raw HTML: {message}"), help);
                    continue;
                }
            };
            if href != url {
                out.push_str(&html[copied..range.start]);
                out.push_str(&escape_attr(&href));
                copied = range.end;
            }
        }
        let html = if copied == 0 {
            html // nothing rewritten (no value starts at byte 0)
        } else {
            out.push_str(&html[copied..]);
            CowStr::from(out)
        };
        // Warned about in `check_html`; emptied so the page never fetches it.
        match html_check::without_remote_loads(&html) {
            Some(offline) => CowStr::from(offline),
            None => html,
        }
    }

    /// Opens or closes the `<style>` of a paragraph, whose sheet Markdown hands
    /// over as text: a sheet that loads from the network is dropped.
    pub(super) fn inline_style_tag(&mut self, html: &str, offset: usize) {
        let tag = html.trim_start().to_ascii_lowercase();
        if tag.starts_with("<style") && !tag.contains("</style") {
            self.inline_style = Some((Vec::new(), offset));
        } else if tag.starts_with("</style") {
            self.end_inline_style();
        }
    }

    /// Publishes the held-back sheet of a paragraph's `<style>` (at its
    /// `</style>`, or at the paragraph's end when it has none), unless it loads
    /// from the network.
    pub(super) fn end_inline_style(&mut self) {
        let Some((sheet, at)) = self.inline_style.take() else {
            return;
        };
        if css::loads_remote(&sheet.concat()) {
            self.warn(
                at,
                "<style".len(),
                "raw HTML `<style>` loads from the network, which fails offline: it is left out"
                    .into(),
                Some("copy the resource into `content/` and reference it by relative path".into()),
            );
        } else {
            self.out.extend(sheet.into_iter().map(Event::Text));
        }
    }

    fn check_html(&mut self, html: &str, offset: usize) {
        // Each remote load, in order: a block of raw HTML may hold several.
        let mut from = offset;
        for range in html_check::remote_loads(html) {
            let url = &html[range];
            let at = self.dest_offset(from, url);
            from = at + url.len();
            self.warn(
                at,
                url.chars().count(),
                format!(
                    "raw HTML loads `{}`, which fails offline",
                    crate::diag::shorten(url)
                ),
                Some("copy the resource into `content/` and reference it by relative path".into()),
            );
        }
        let lower = html.to_ascii_lowercase();
        if let Some(at) = lower.find("<script") {
            let at = self.dest_offset(offset, &html[at..at + "<script".len()]);
            self.warn(
                at,
                "<script".len(),
                "raw HTML `<script>` runs in every reader's browser".into(),
                Some(SCRIPT_HELP.into()),
            );
        }
        for range in super::data_documents::framed_scripts(html) {
            let value = &html[range];
            let at = self.dest_offset(offset, value);
            self.warn(
                at,
                value.chars().count(),
                format!(
                    "raw HTML frames a page of its own (`{}`) whose scripts run in every reader's browser",
                    crate::diag::shorten(value)
                ),
                Some(SCRIPT_HELP.into()),
            );
        }
        let handler = html_tags::tags(&lower)
            .flat_map(|t| t.attribute_spans().collect::<Vec<_>>())
            .find(|(name, _, value)| html_tags::is_event_handler(name) && !value.is_empty());
        if let Some((name, span, _)) = handler {
            let at = self.dest_offset(offset, &html[span]);
            self.warn(
                at,
                name.len(),
                format!("raw HTML `{name}` runs a script in every reader's browser"),
                Some(SCRIPT_HELP.into()),
            );
        }
        let mut from = offset;
        for img in html_tags::tags(&lower).filter(|t| t.name == "img") {
            if img.attributes().any(|(name, _)| name == "alt") {
                continue;
            }
            // `start` is past the `<`.
            let at = self.dest_offset(from, &html[img.start - 1..img.start + "img".len()]);
            from = at + "<img".len();
            self.warn(
                at,
                "<img".len(),
                "raw HTML `<img>` has no `alt`: a screen reader reads out its file name instead"
                    .into(),
                Some(
                    "add `alt=\"…\"` saying what it shows, or `alt=\"\"` when it only decorates"
                        .into(),
                ),
            );
        }
        for (range, hijack) in html_check::hijacks(html) {
            let token = &html[range];
            let (message, help) = match hijack {
                Hijack::Base => (
                    format!("raw HTML `{token}>` sends every link of the page elsewhere"),
                    "remove it: links are written relative to each page",
                ),
                Hijack::Refresh => (
                    format!("raw HTML `{token} http-equiv=\"refresh\">` leaves the page by itself"),
                    "remove it; to send readers to another page, link to it",
                ),
            };
            let at = self.dest_offset(offset, token);
            self.error(at, token.chars().count(), message, Some(help.into()));
        }
    }

    /// Where the token at `range` of the body's raw HTML stream (see
    /// `html_balance::Balance`) is in the source, and its length in characters.
    pub(super) fn locate_raw(&self, range: &std::ops::Range<usize>) -> (usize, usize) {
        let (token, start, before) = self.html_balance.locate(range);
        let at = (0..before).try_fold(start, |from, _| {
            self.find_from(from, token).map(|i| i + token.len())
        });
        let at = at.map_or(start, |from| self.dest_offset(from, token));
        (at, token.chars().count())
    }

    /// Raw HTML that reaches outside the text: an error when it hides the rest
    /// of the page, a warning when it only disturbs the layout. Returns the end
    /// tags that keep the formatting left open inside the text.
    pub(super) fn report_html_balance(&mut self) -> String {
        let problems = self.html_balance.problems();
        for (range, problem) in problems.iter().cloned() {
            let (at, len) = self.locate_raw(&range);
            let token = &self.html_balance.text()[range];
            match problem {
                Problem::OpenComment => self.error(
                    at,
                    len,
                    "raw HTML comment `<!--` is never closed: it hides the rest of the page".into(),
                    Some("close it with `-->`".into()),
                ),
                Problem::OpenRawText(name) if name == "plaintext" => self.error(
                    at,
                    len,
                    "raw HTML `<plaintext>` turns the rest of the page into plain text".into(),
                    Some("remove it; use a code block (```) for text shown as it is".into()),
                ),
                Problem::OpenRawText(name) => self.error(
                    at,
                    len,
                    format!("raw HTML `<{name}>` is never closed: the rest of the page becomes its content"),
                    Some(self.close_help(at, &name)),
                ),
                Problem::Unclosed(name) if !html_balance::is_element(&name) => {
                    let written = token.trim_start_matches('<').trim_end_matches('>');
                    self.warn(
                        at,
                        len,
                        format!("`<{written}>` is read as an HTML tag, so it does not show on the page"),
                        Some(format!("to show it as text, write `\\<{written}>`")),
                    );
                }
                Problem::Unclosed(name) if html_balance::hides_content(&name, token) => {
                    let written = token.trim_start_matches('<').trim_end_matches('>');
                    self.error(
                        at,
                        len,
                        format!("raw HTML `<{written}>` is never closed: the rest of the page becomes its hidden content"),
                        Some(self.close_help(at, &name)),
                    )
                }
                Problem::Unclosed(name) => {
                    let help = match self.slashed(at) {
                        true => self.close_help(at, &name),
                        false => format!("add `</{name}>` where it should end"),
                    };
                    self.warn(
                        at,
                        len,
                        format!("raw HTML `<{name}>` is never closed"),
                        Some(format!("{help}; left open, it takes in what follows it on the page")),
                    )
                }
                Problem::Stray(name) => self.warn(
                    at,
                    len,
                    format!("raw HTML `</{name}>` closes nothing opened in this page"),
                    Some(format!(
                        "remove it or add the matching `<{name}>`: as it is, it closes the page layout around the text"
                    )),
                ),
            }
        }
        html_balance::closers(&problems)
    }

    /// Offset of `dest` inside the link, image or raw HTML starting at `offset`, so
    /// the caret points at the destination rather than the start of the markup.
    pub(super) fn dest_offset(&self, offset: usize, dest: &str) -> usize {
        self.find_from(offset, dest).unwrap_or(offset)
    }

    /// How to close the element `name` whose start tag is at `offset`.
    fn close_help(&self, offset: usize, name: &str) -> String {
        match self.slashed(offset) {
            true => format!(
                "HTML ignores the `/` of `<{name}/>`, which closes nothing: write `<{name}></{name}>`"
            ),
            false => format!("close it with `</{name}>`"),
        }
    }

    /// Whether the tag starting at `offset` of the body ends with `/>`.
    fn slashed(&self, offset: usize) -> bool {
        let body = &self.src.text.as_bytes()[self.src.body_offset..];
        let end = super::html_tags::tag_end(body, offset + 1);
        body[offset..end].ends_with(b"/>")
    }

    /// Where the caret of a problem with a link's destination goes: the
    /// destination as written (`foo\\(1\\).md`, `b&auml;.md`, which pulldown-cmark
    /// hands over decoded), or the whole `[text][label]` of a reference link,
    /// whose destination is written elsewhere. Offset and length in characters.
    pub(super) fn dest_span(&self, offset: usize, dest: &str) -> (usize, usize) {
        if let Some(at) = self.find_from(offset, dest) {
            return (at, dest.chars().count());
        }
        let body = &self.src.text[self.src.body_offset..];
        let link = body.get(offset..).unwrap_or_default();
        if !(link.starts_with('[') || link.starts_with("![")) {
            return (offset, dest.chars().count());
        }
        match links::written_destination(link) {
            Some(span) => (offset + span.start, link[span].chars().count()),
            None => (offset, links::link_label_len(link)),
        }
    }

    /// Where `written` sits in the body from `offset` on.
    fn find_from(&self, offset: usize, written: &str) -> Option<usize> {
        let body = &self.src.text[self.src.body_offset..];
        body.get(offset..)?.find(written).map(|i| offset + i)
    }

    /// Where `written` sits in the body from `offset` on, unless a backslash
    /// before it asks for its characters themselves (`\[^x]`, `\[x](y)`).
    pub(super) fn unescaped_at(&self, offset: usize, written: &str) -> Option<usize> {
        let at = self.find_from(offset, written)?;
        let body = &self.src.text[self.src.body_offset..];
        (!body[..at].ends_with('\\')).then_some(at)
    }
}
