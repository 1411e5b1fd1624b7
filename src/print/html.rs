//! The HTML bundle: one self-contained file (stylesheet inlined, images as data URIs,
//! no script) that prints on A4 straight from a browser: cover, contents, one
//! procedure per page run, running header and footer in `@page` margin boxes.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::facts::{marking, Cover, Facts};
use super::html_body::{self, note_id, procedure_id};
use super::refs::Refs;
use super::select::Bundle;
use super::{html_escape, PrintError};
use crate::load::Tlp;
use crate::render::context::Strings;

/// `css`: the theme's print stylesheet, inlined in every bundle.
pub fn render(
    refs: &Refs,
    strings: &Strings,
    bundle: &Bundle,
    css: &str,
) -> Result<String, PrintError> {
    let site = refs.site;
    let cover = Cover::of(site, strings, bundle);
    let facts: Vec<Facts> = bundle
        .members
        .iter()
        .map(|&p| Facts::of(site, strings, p))
        .collect();
    let mut out = String::with_capacity(64 * 1024);
    // The procedures' own words are marked with their language when it is not
    // the interface's: screen readers and hyphenation then read them right.
    let lang = (site.config.content_lang_attr())
        .map(|l| format!(" lang=\"{}\"", html_escape(l)))
        .unwrap_or_default();
    head(&mut out, &site.config.language, css, &cover, &facts);
    cover_page(&mut out, strings, &cover, &lang);
    // One sheet needs no contents page: the paper goes to the sheet itself.
    if facts.len() > 1 {
        contents(&mut out, strings, &facts, &lang);
    }
    // Procedures convert independently: in parallel, then assembled in order (the
    // national binder of a large handbook is one long job otherwise).
    let bodies: Vec<html_body::Body> = bundle
        .members
        .par_iter()
        .map(|&page| html_body::convert(refs, strings, page))
        .collect::<Result<_, _>>()?;
    for (position, (f, body)) in facts.iter().zip(&bodies).enumerate() {
        procedure(&mut out, strings, &lang, position, f, body);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(out)
}

fn head(out: &mut String, lang: &str, css: &str, cover: &Cover, facts: &[Facts]) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"planblanc\">\n<title>{}</title>\n<style>\n{css}</style>\n",
        html_escape(lang),
        html_escape(&cover.document_title()),
    );
    out.push_str("<style>\n");
    out.push_str(&running_header_css(cover, facts));
    out.push_str("</style>\n</head>\n<body class=\"print-bundle\">\n");
    // Where margin boxes do not print (Firefox), print.css shows this instead.
    let _ = writeln!(
        out,
        "<p class=\"print-mark\" aria-hidden=\"true\">{}</p>\n<main>",
        tlp_badge(cover.tlp)
    );
}

/// `@page` margin boxes (Chromium 131+, Paged.js, WeasyPrint): the bundle's
/// edition and marking on every page, page numbers, and on each procedure's pages
/// its own id. The id comes from a named page per procedure rather than
/// `string-set`, which Chromium does not implement.
fn running_header_css(cover: &Cover, facts: &[Facts]) -> String {
    let edition = css_string(&cover.edition_line);
    let tlp_color = tlp_css_color(cover.tlp);
    let mark = css_string(&marking(cover.tlp));
    let footer = css_string(&format!(
        "{}{}",
        cover.title,
        cover
            .date_line
            .as_deref()
            .map(|d| format!(" · {d}"))
            .unwrap_or_default()
    ));
    let mut css = format!(
        "@page {{\n  @top-left {{ content: {edition}; }}\n  \
         @top-right {{ content: {mark}; background: #000; color: {tlp_color}; font: bold 9pt monospace; \
         padding: 0.6mm 2mm; margin: 9mm 0 5mm 0; width: 24mm; text-align: center; }}\n  \
         @bottom-left {{ content: {footer}; }}\n  \
         @bottom-right {{ content: counter(page) \" / \" counter(pages); }}\n}}\n\
         @page :first {{\n  @top-left {{ content: none; }}\n  @top-right {{ content: none; }}\n  \
         @bottom-left {{ content: none; }}\n  @bottom-right {{ content: none; }}\n}}\n",
    );
    for (i, f) in facts.iter().enumerate() {
        let _ = writeln!(
            css,
            ".pb-page-{i} {{ page: pb{i}; }}\n@page pb{i} {{ @top-left {{ content: {}; }} }}",
            css_string(&format!("{} · {}", f.id, cover.edition_line))
        );
    }
    css
}

/// `lang` marks the author's words: the handbook's title and the scope's labels.
fn cover_page(out: &mut String, strings: &Strings, cover: &Cover, lang: &str) {
    let _ = write!(
        out,
        "<section class=\"cover\">\n<p class=\"cover-marking\">{}</p>\n\
         <p class=\"cover-kind\">{}</p>\n<h1 class=\"cover-title\"{lang}>{}</h1>\n",
        tlp_badge(cover.tlp),
        html_escape(&cover.kind_label),
        crate::markdown::typography::title_html(cover.french, &cover.title),
    );
    if !cover.scope.is_empty() {
        out.push_str("<dl class=\"cover-scope\">\n");
        // The colon as the language writes it ("Rôle :", "Role:").
        let colon = html_escape(strings.get("colon").trim_end());
        for (label, value) in &cover.scope {
            let _ = writeln!(
                out,
                "<div><dt>{}{colon}</dt><dd{lang}>{}</dd></div>",
                html_escape(label),
                html_escape(value)
            );
        }
        out.push_str("</dl>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"cover-edition\">{}</p>",
        html_escape(&cover.edition_line)
    );
    if let Some(date) = &cover.date_line {
        let _ = writeln!(out, "<p class=\"cover-date\">{}</p>", html_escape(date));
    }
    let _ = write!(
        out,
        "<p class=\"cover-count\">{}</p>\n<p class=\"cover-check\">{}</p>\n\
         <p class=\"cover-marking-note\">{}</p>\n</section>\n",
        html_escape(&cover.count_line),
        html_escape(&cover.check),
        html_escape(&cover.marking_note),
    );
}

fn contents(out: &mut String, strings: &Strings, facts: &[Facts], lang: &str) {
    let _ = write!(
        out,
        "<nav class=\"contents\" aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">{}</h2>\n<ol>\n",
        html_escape(strings.get("print_contents"))
    );
    for f in facts {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\"><span class=\"proc-id\">{}</span> <span class=\"toc-title\"{lang}>{}</span></a></li>",
            html_escape(&procedure_id(&f.id)),
            html_escape(&f.id),
            f.title_html(),
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

fn procedure(
    out: &mut String,
    strings: &Strings,
    lang: &str,
    position: usize,
    f: &Facts,
    body: &html_body::Body,
) {
    let _ = write!(
        out,
        "<article class=\"procedure pb-page-{position}\" id=\"{}\">\n<header class=\"procedure-header\">\n\
         <p class=\"marking\">{} <span class=\"proc-id\">{}</span> · {}</p>\n<h2 class=\"procedure-title\"{lang}>{}</h2>\n\
         <p class=\"summary\"{lang}>{}</p>\n",
        html_escape(&procedure_id(&f.id)),
        tlp_badge(f.tlp),
        html_escape(&f.id),
        html_escape(&f.kind),
        f.title_html(),
        html_escape(&f.summary),
    );
    if let Some(trigger) = &f.trigger {
        boxed(out, "trigger", strings.get("trigger"), trigger, lang);
    }
    if let Some(deadline) = &f.deadline {
        boxed(out, "deadline", strings.get("deadline"), deadline, "");
    }
    out.push_str("<dl class=\"facts\">\n");
    for row in f.rows(strings) {
        let _ = writeln!(
            out,
            "<div><dt>{}</dt><dd{}>{}</dd></div>",
            html_escape(&row.label),
            if row.authored { lang } else { "" },
            html_escape(&row.value)
        );
    }
    let _ = writeln!(out, "</dl>\n</header>\n<div class=\"content\"{lang}>");
    out.push_str(&body.html);
    out.push_str("</div>\n");
    if !body.endnotes.is_empty() {
        let _ = write!(
            out,
            "<section class=\"endnotes\">\n<h3>{}</h3>\n<ol>\n",
            html_escape(strings.get("print_links"))
        );
        for (i, url) in body.endnotes.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li id=\"{}\"><span class=\"url\">{}</span></li>",
                html_escape(&note_id(&f.id, i + 1)),
                html_escape(super::refs::endnote_text(url)),
            );
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</article>\n");
}

/// The trigger and the deadline: boxed, because they decide whether to act now.
/// A labelled box; `lang` marks its text (author text in another language).
fn boxed(out: &mut String, class: &str, label: &str, text: &str, lang: &str) {
    let _ = writeln!(
        out,
        "<div class=\"boxed {class}\"><p class=\"boxed-label\">{}</p><p{lang}>{}</p></div>",
        html_escape(label),
        html_escape(text)
    );
}

fn tlp_badge(tlp: Tlp) -> String {
    format!(
        "<span class=\"tlp tlp-{}\">{}</span>",
        tlp.code(),
        marking(tlp)
    )
}

/// FIRST TLP 2.0 colours, to be printed on black.
pub fn tlp_css_color(tlp: Tlp) -> &'static str {
    match tlp {
        Tlp::Clear => "#FFFFFF",
        Tlp::Green => "#33FF00",
        Tlp::Amber => "#FFC000",
        Tlp::Red => "#FF2B2B",
    }
}

/// A CSS string literal; `<` is escaped too, so no text can close the `<style>`.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\3C "),
            '\n' | '\r' => out.push_str("\\A "),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
