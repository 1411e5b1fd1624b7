//! The Typst source of a bundle: a main file that imports the layout
//! (`themes/default/print/bundle.typ`), then the cover, the contents, and each
//! procedure (a page break, a marker for the running header, a labelled level-1
//! heading for the outline and the bookmarks, its facts, its body, its endnotes).

use std::fmt::Write as _;

use super::facts::{Cover, Facts};
use super::refs::Refs;
use super::select::Bundle;
use super::typst_markup::{self, procedure_label, Images};
use super::typst_syntax::{escape_markup, prose_piece, string};
use super::PrintError;
use crate::markdown::{callouts, typography};
use crate::render::context::Strings;

/// Everything the Typst world of one bundle serves.
pub struct Source {
    /// `/main.typ`
    pub main: String,
    /// `/strings.typ`: the UI strings, as a dictionary `pb-t`.
    pub strings: String,
    /// `/content/<rel>`: the images the procedures show.
    pub images: Images,
}

pub fn source(refs: &Refs, strings: &Strings, bundle: &Bundle) -> Result<Source, PrintError> {
    let site = refs.site;
    let cover = Cover::of(site, strings, bundle);
    let mut images = Images::default();
    let mut main = String::with_capacity(64 * 1024);
    preamble(&mut main, site, &cover);
    cover_page(&mut main, &cover);
    // One sheet needs no contents page: the paper goes to the sheet itself.
    if bundle.members.len() > 1 {
        main.push_str("#pb-contents()\n");
    }
    // Procedures in another language than the interface's are set in theirs
    // (hyphenation), and the interface's comes back for the endnotes' label.
    let langs = (site.config.content_lang_attr())
        .map(|content| (string(content), string(&site.config.language)));
    for (position, &page) in bundle.members.iter().enumerate() {
        let facts = Facts::of(site, strings, page);
        let body = typst_markup::convert(refs, page, position, &mut images)?;
        procedure(&mut main, strings, langs.as_ref(), position, &facts, &body);
    }
    Ok(Source {
        main,
        strings: strings_module(strings),
        images,
    })
}

fn preamble(out: &mut String, site: &crate::model::Site, cover: &Cover) {
    let date = site
        .date
        .map(|d| {
            use chrono::Datelike;
            format!(
                "datetime(year: {}, month: {}, day: {})",
                d.year(),
                d.month(),
                d.day()
            )
        })
        .unwrap_or_else(|| "none".to_string());
    let footer = match &cover.date_line {
        Some(d) => format!("{} · {d}", cover.title),
        None => cover.title.clone(),
    };
    let _ = writeln!(
        out,
        "#import \"/bundle.typ\": *\n#show: pb-bundle.with(title: {}, edition: {}, tlp: {}, lang: {}, date: {date}, footer: {})",
        string(&cover.document_title()),
        string(&cover.edition_line),
        string(cover.tlp.code()),
        string(&site.config.language),
        string(&footer),
    );
}

fn cover_page(out: &mut String, cover: &Cover) {
    let scope: Vec<String> = cover
        .scope
        .iter()
        .map(|(label, value)| format!("({}, {})", string(label), string(value)))
        .collect();
    let _ = writeln!(
        out,
        "#pb-cover(title: {}, kind: {}, scope: ({}), edition: {}, date: {}, count: {}, check: {}, tlp: {}, marking-note: {})",
        cover_title(cover),
        string(&cover.kind_label),
        scope.iter().map(|s| format!("{s},")).collect::<String>(),
        string(&cover.edition_line),
        cover.date_line.as_deref().map_or("none".to_string(), string),
        string(&cover.count_line),
        string(&cover.check),
        string(cover.tlp.code()),
        string(&cover.marking_note),
    );
}

/// One procedure, from a new page. Its notes count from 1, as on its page of the site.
fn procedure(
    out: &mut String,
    strings: &Strings,
    langs: Option<&(String, String)>,
    position: usize,
    f: &Facts,
    body: &typst_markup::Body,
) {
    let rows: String = f
        .rows(strings)
        .iter()
        .map(|r| format!("({}, {}), ", string(&r.label), string(&r.value)))
        .collect();
    let opt = |v: &Option<String>| v.as_deref().map_or("none".to_string(), string);
    let id = string(&f.id);
    let _ = write!(
        out,
        "\n#pagebreak(weak: true)\n#metadata({id}) <pb-proc>#state(\"pb-proc\").update({id})#counter(footnote).update(0)\n= {} — {} {}\n\
         #pb-facts(tlp: {}, kind: {}, summary: {}, trigger: {}, deadline: {}, rows: ({rows}))\n",
        escape_markup(&f.id),
        title_markup(f.french, &f.title),
        procedure_label(position),
        string(f.tlp.code()),
        string(&f.kind),
        string(&f.summary),
        opt(&f.trigger),
        opt(&f.deadline),
    );
    if let Some((content, _)) = langs {
        let _ = writeln!(out, "#set text(lang: {content})");
    }
    out.push_str(&body.markup);
    if let Some((_, interface)) = langs {
        let _ = writeln!(out, "\n#set text(lang: {interface})");
    }
    let urls: String = body
        .endnotes
        .iter()
        .map(|u| format!("{}, ", string(u)))
        .collect();
    let _ = writeln!(out, "\n#pb-endnotes(({urls}))");
}

/// The handbook's title on the cover: a string, or content when it raises
/// ordinals (the layout's `text(…, title)` takes either).
fn cover_title(cover: &Cover) -> String {
    match cover.french && typography::ordinals(&cover.title).is_some() {
        true => format!("[{}]", title_markup(true, &cover.title)),
        false => string(&cover.title),
    }
}

/// A title as Typst markup, its ordinals raised as the text's are.
fn title_markup(french: bool, title: &str) -> String {
    let pieces = french.then(|| typography::ordinals(title)).flatten();
    let Some(pieces) = pieces else {
        return escape_markup(title);
    };
    let mut word = 0;
    (pieces.into_iter())
        .map(|(piece, raised)| prose_piece(piece, raised, &mut word))
        .collect()
}

/// `#let pb-t = (see: "voir", …)`: the strings the layout prints.
fn strings_module(strings: &Strings) -> String {
    let keys = [
        ("page", "print_page"),
        ("elsewhere", "print_elsewhere"),
        ("section", "print_section"),
        ("attachment", "print_attachment"),
        ("links", "print_links"),
        ("image", "print_image"),
        ("contents", "print_contents"),
        ("page-of", "print_page_of"),
        ("page-word", "print_page_word"),
        ("trigger", "trigger"),
        ("deadline", "deadline"),
        ("unpublished", "unpublished"),
        ("colon", "colon"),
        ("quote-open", "quote_open"),
        ("quote-close", "quote_close"),
    ];
    let mut entries: String = keys
        .iter()
        .map(|(name, key)| format!("  {name}: {},\n", string(strings.get(key))))
        .collect();
    for kind in callouts::kinds() {
        let (name, title) = (
            callouts::class(kind),
            callouts::title_in(&strings.map, kind),
        );
        entries.push_str(&format!("  callout-{name}: {},\n", string(title)));
    }
    format!("#let pb-t = (\n{entries})\n")
}
