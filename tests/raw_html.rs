//! Raw HTML in a procedure: trusted, but never allowed to take the reader off the
//! page, load anything from the network, hide the rest of the sheet, or publish
//! the author's comments.

use std::fs;

use planblanc::load::Tlp;

use crate::common::{broken_references, errors, find, messages, Fixture};

/// The fixture with `body` appended to the ransom sheet.
fn with_body(body: &str) -> Fixture {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    fx.write("content/alerte/rancon.md", &format!("{page}\n{body}\n"));
    fx
}

/// The ransom sheet as built, and the national HTML bundle.
fn page_and_bundle(fx: &Fixture) -> (String, String) {
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let page = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    let print_dir = fx.root().join("print");
    let bundle = fx.cli(&["bundle", "--national", "--out", print_dir.to_str().unwrap()]);
    assert!(
        bundle.status.success(),
        "{}",
        String::from_utf8_lossy(&bundle.stderr)
    );
    let print = fs::read_to_string(print_dir.join("national.html")).unwrap();
    (page, print)
}

/// A `<base>` or a refreshing `<meta>` is an error at its tag: the first sends
/// every link of the page to another site, the second leaves the page by itself.
#[test]
fn base_and_refresh_are_errors_at_their_tag() {
    let fx = with_body(
        "Texte.\n\n<base href=\"https://example.org/\">\n\n\
         <meta http-equiv=\"refresh\" content=\"0; url=https://example.org/\">\n",
    );
    let report = fx.check();
    let base = find(
        &report,
        "raw HTML `<base>` sends every link of the page elsewhere",
    );
    assert!(base.is_error());
    assert_eq!((base.col, base.len), (1, "<base".len()), "{base}");
    assert!(base.source_line.starts_with("<base href"));
    let refresh = find(&report, "leaves the page by itself");
    assert!(refresh.is_error() && refresh.source_line.starts_with("<meta"));
    assert_eq!(errors(&report).len(), 2, "{:?}", errors(&report));
}

/// Remote resources in raw HTML, in every form a browser would fetch, are warned
/// about and emptied: the built page makes no request.
#[test]
fn remote_loads_in_css_svg_and_odd_spellings_are_emptied() {
    let fx = with_body(
        "<style>@import url(https://fonts.example/css);</style>\n\n\
         <div style=\"background: url(https://x.example/bg.png)\">fond</div>\n\n\
         <svg width=\"1\" height=\"1\"><image href=\"https://x.example/i.png\"/></svg>\n\n\
         <table background=\"https://x.example/t.png\"><tr><td>t</td></tr></table>\n\n\
         <img src=\" https://x.example/sp.png\" alt=\"a\"> <img src=\"&#104;ttps://x.example/e.png\" alt=\"b\">\n\n\
         <div>Délai < 2 h <img src=\"https://x.example/lt.png\" alt=\"c\"></div>\n\n\
         <div>J'aime <3 l'équipe <img src=\"https://x.example/q.png\" alt=\"d\"></div>\n\n\
         <p title=a\"b>texte</p><img src=\"https://x.example/u.png\" alt=\"e\">\n",
    );
    let report = fx.check();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("missing file")));
    let warned = report
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("raw HTML loads"))
        .count();
    assert_eq!(warned, 9, "one warning per raw HTML fragment that loads");
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let html = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    assert!(
        !html.contains("x.example") && !html.contains("fonts.example"),
        "{html}"
    );
    assert!(broken_references(&out).is_empty());
}

/// Comments are the author's notes: absent from the page, its print bundle and
/// its search index, even across lines; links inside them are not checked.
#[test]
fn comments_are_not_published() {
    let fx = with_body(
        "<!-- NOTE-INTERNE porte 4821 -->\n\nTexte.\n\n<div>\n<!-- NOTE-LONGUE\n\
         <a href=\"absent.md\">x</a>\n-->\nvisible\n</div>\n",
    );
    let report = fx.check();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    let (page, print) = page_and_bundle(&fx);
    assert!(page.contains("visible"));
    for text in [page, print] {
        assert!(!text.contains("NOTE-INTERNE") && !text.contains("NOTE-LONGUE"));
    }
}

/// Anchors raw HTML defines (`id`, `<a name>`) can be linked to; a raw link to
/// a missing anchor is an error, as a Markdown one is.
#[test]
fn raw_html_anchors_count_and_raw_anchor_links_are_checked() {
    let fx = with_body(
        "<a name=\"_Toc123\"></a>Paragraphe Word.\n\n<div id=\"bloc\">b</div>\n\n\
         Voir [toc](#_Toc123), [bloc](#bloc).\n\n<a href=\"#nulle-part\">ancre absente</a>\n",
    );
    let page = fx.read("content/mobilisation/cellule.md");
    fx.write(
        "content/mobilisation/cellule.md",
        &format!("{page}\n[loin](../alerte/rancon.md#bloc)\n"),
    );
    let report = fx.check();
    let errors = errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = find(&report, "missing anchor `#nulle-part`");
    assert!(d.source_line.contains("<a href=\"#nulle-part\">"));
}

/// An element left open that hides its content (`<details>` not `open`, any
/// `hidden` element) hides the rest of the sheet: an error. Left open, a
/// `<details open>` only takes the rest in: a warning.
#[test]
fn unclosed_hiding_elements_are_errors() {
    for (tag, error) in [
        ("<details>", true),
        ("<span hidden>", true),
        ("<div class=\"x\" hidden>", true),
        ("<details open>", false),
    ] {
        let fx = with_body(&format!(
            "## Avant\n\nTexte.\n\n{tag}\n\n## Après\n\nTexte après.\n"
        ));
        let report = fx.check();
        let d = find(&report, "is never closed");
        assert_eq!(d.is_error(), error, "{tag}: {d}");
        if error {
            assert!(d.message.contains(&tag[..tag.len() - 1]), "{tag}: {d}");
        }
    }
}

/// A page held in a frame's own address runs its scripts in every reader's
/// browser, as a `<script>` does: warned at the address. An SVG animation that
/// sets a link to `javascript:` is a script link: an error.
#[test]
fn framed_pages_and_animated_links_that_run_scripts_are_reported() {
    let b64 = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==";
    let fx = with_body(&format!(
        "<iframe src=\"{b64}\"></iframe>\n\n\
         <svg width=\"10\" height=\"10\"><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/>\
         <text y=\"9\">x</text></a></svg>\n"
    ));
    let report = fx.check();
    let d = find(&report, "frames a page of its own");
    assert!(!d.is_error() && d.source_line.contains(b64), "{d}");
    assert_eq!(d.col, d.source_line.find("data:").unwrap() + 1, "{d}");
    let d = find(&report, "runs a script");
    assert!(
        d.is_error() && d.message.contains("javascript:alert(1)"),
        "{d}"
    );
}

/// An id the page already has (the theme's search field, a heading's anchor,
/// another raw element's) is a warning at the id; a heading after a raw id
/// steps around it.
#[test]
fn raw_ids_the_page_already_has_are_warned_about() {
    let fx = with_body(
        "## Plan\n\n<p id=\"pb-q\">a</p> <span id=\"plan\">b</span> <a name=\"zone\"></a>\n\n\
         <div id=\"zone\">c</div>\n\n## Zone\n",
    );
    let report = fx.check();
    for id in ["pb-q", "plan", "zone"] {
        let d = find(&report, &format!("raw HTML id `{id}` is already used"));
        let col = d.source_line.find(&format!("\"{id}\"")).unwrap() + 2;
        assert_eq!(d.col, col, "{d}");
    }
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let page = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    assert!(page.contains("<h2 id=\"zone-1\">"), "{page}");
}

/// In a bundle every procedure's raw ids are its own, as its headings' are: two
/// sheets' `id="plan"` stay two ids, and a heading after one steps around it
/// as it does on the site. A link to a raw id lands on it, from its page or
/// another.
#[test]
fn raw_ids_in_a_bundle_belong_to_their_procedure() {
    let fx = with_body(
        "<span id=\"plan\">Plan A</span> <a name=\"zone\"></a>\n\n## Plan\n\n[voir](#plan-1) [le plan A](#plan)\n",
    );
    fx.append(
        "content/mobilisation/cellule.md",
        "\n<span id=\"plan\">Plan B</span> [la zone](../alerte/rancon.md#zone)\n",
    );
    let (_, bundle) = page_and_bundle(&fx);
    assert!(
        bundle.contains("<span id=\"p-T-ALE-001--plan\">Plan A</span>"),
        "{bundle}"
    );
    assert!(
        bundle.contains("<span id=\"p-T-MOB-001--plan\">Plan B</span>"),
        "{bundle}"
    );
    assert!(
        bundle.contains("<h3 id=\"p-T-ALE-001--plan-1\">"),
        "{bundle}"
    );
    assert!(bundle.contains("href=\"#p-T-ALE-001--plan-1\""), "{bundle}");
    assert!(
        bundle.contains("<a href=\"#p-T-ALE-001--plan\">le plan A</a>"),
        "{bundle}"
    );
    assert!(
        bundle.contains("<a href=\"#p-T-ALE-001--zone\">la zone</a>"),
        "{bundle}"
    );
    assert!(
        bundle.contains("<a name=\"p-T-ALE-001--zone\">"),
        "{bundle}"
    );
    assert!(!bundle.contains("id=\"plan\""), "{bundle}");
}

/// A browser ignores `/>` on an HTML element: `<style/>` hides the rest of the
/// sheet in a stylesheet, `<details/>` folds it away, `<div/>` takes it in.
/// Each is reported as its form without the slash is.
#[test]
fn a_slash_closes_no_html_element() {
    for (tag, message, error) in [
        ("<style/>", "`<style>` is never closed", true),
        ("<textarea/>", "`<textarea>` is never closed", true),
        ("<details/>", "`<details/>` is never closed", true),
        ("<div/>", "`<div>` is never closed", false),
    ] {
        let fx = with_body(&format!("Texte.\n\n{tag}\n\nAppelez le 15.\n"));
        let report = fx.check();
        let d = find(&report, message);
        assert_eq!(d.is_error(), error, "{tag}: {d}");
        let name = &tag[1..tag.len() - 2];
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains(&format!("write `<{name}></{name}>`")), "{d}");
    }
    let fx = with_body("<svg viewBox=\"0 0 2 2\"><circle r=\"1\"/></svg><math/>\n");
    assert!(errors(&fx.check()).is_empty());
    assert!(!fx
        .check()
        .diagnostics
        .iter()
        .any(|d| d.message.contains("never closed")));
}

/// Nor are they in the "Nouveautés" page's word diff of a sheet between versions,
/// which is taken from the text as written.
#[test]
fn comments_are_not_in_the_changelog_diff() {
    let fx = with_body(
        "## Accès au local <!-- NOTE-PORTE 4821 -->\n\nTexte <!-- NOTE-BADGE 7777 --> suite.\n",
    );
    let cut = fx.cli(&["version", "cut", "v1"]);
    assert!(
        cut.status.success(),
        "{}",
        String::from_utf8_lossy(&cut.stderr)
    );
    let page = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &page
            .replace("4821 -->", "4821 NOTE-NOUVELLE 4822 -->")
            .replace("suite.", "suite modifiée."),
    );
    let out = fx.root().join("out");
    let report = fx.build_to(&out, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let changes = fs::read_to_string(out.join("nouveautes/index.html")).unwrap();
    assert!(changes.contains("modifiée"), "the edit is not in the diff");
    assert!(!changes.contains("NOTE-"), "{changes}");
}

/// `<!--` inside an attribute value or a script is not a comment: nothing after
/// it disappears.
#[test]
fn what_only_looks_like_a_comment_is_kept() {
    let fx = with_body(
        "Flèche <abbr title=\"a <!-- b\">ab</abbr> texte.\n\n<div class=\"important\">\nBloc important.\n</div>\n\nFin.\n",
    );
    let out = fx.root().join("out");
    let report = fx.build_to(&out, Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let page = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    assert!(
        page.contains("<abbr title=\"a <!-- b\">ab</abbr>"),
        "{page}"
    );
    assert!(page.contains("Bloc important."), "{page}");
}

/// However the tag is written (attributes after `/` or a closing quote, a
/// `<style>` inside a paragraph, CSS escapes), nothing remote is fetched and a
/// refresh is an error; a `<script>` is named.
#[test]
fn odd_spellings_fetch_nothing_and_leave_nothing() {
    let fx = with_body(
        "Texte <style>@import url(https://x.example/inline.css);</style> suite.\n\n<div>\n\
         <img/src=\"https://x.example/slash.png\" alt=\"a\">\n<img alt=\"x\"src=\"https://x.example/nows.png\">\n\
         <div style=\"background:\\75 rl(https://x.example/esc.png)\">e</div>\n</div>\n\n\
         <script>new Image().src = \"https://x.example/script.png\";</script>\n\n\
         <p onclick>written without a value, it runs nothing</p>\n<svg onload=\"console.log(1)\"></svg>\n",
    );
    let report = fx.check();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    find(&report, "raw HTML `<style>` loads from the network");
    let handler = find(&report, "raw HTML `onload` runs a script");
    assert_eq!(handler.len, "onload".len(), "{handler}");
    assert!(!messages(&report).iter().any(|m| m.contains("`onclick`")));
    find(
        &report,
        "raw HTML `<script>` runs in every reader's browser",
    );
    let loads = report
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("raw HTML loads"))
        .count();
    assert_eq!(loads, 3, "{:?}", report.diagnostics);
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let html = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    for gone in ["inline.css", "slash.png", "nows.png", "esc.png"] {
        assert!(!html.contains(gone), "{gone} still in {html}");
    }
    let refresh = with_body(
        "<div>\n<meta/http-equiv=\"refresh\" content=\"0;url=https://x.example\">\n</div>\n",
    );
    find(&refresh.check(), "leaves the page by itself");
}

/// A blank line ends raw HTML: an indented tag after it is a code block that
/// prints its tags as text. A warning says so at that tag; an indented code
/// block after a paragraph is code as the author meant.
#[test]
fn raw_html_cut_by_a_blank_line_is_warned_about() {
    let fx = with_body(
        "<dl>\n<dt>SAMU</dt>\n\n    <dd>Appeler le 15</dd>\n</dl>\n\n\
         Exemple de balise :\n\n    <b>gras</b>\n",
    );
    let report = fx.check();
    let cut = find(&report, "this HTML prints as code, its tags as text");
    assert_eq!(cut.source_line, "    <dd>Appeler le 15</dd>");
    assert_eq!((cut.col, cut.len), (5, "<dd>Appeler le 15</dd>".len()));
    assert!(
        cut.help
            .as_deref()
            .unwrap_or_default()
            .contains("delete the blank line above it"),
        "{cut}"
    );
    let cuts = messages(&report)
        .iter()
        .filter(|m| m.contains("prints as code"))
        .count();
    assert_eq!(cuts, 1, "the example after a paragraph is code on purpose");
}

/// Code left out of the HTML bundle goes with its text and end tag: an inline
/// `<script>` leaves no `alert()` on paper, a dropped `<video>` no `</video>`.
#[test]
fn code_and_loaders_left_out_of_the_bundle_leave_nothing_behind() {
    let fx = with_body(
        "Texte <script>alert(\"x\");</script> suite <STYLE>p { color: red }</STYLE>.\n\n\
         <video src=\"v.webm\">Vidéo de l'exercice</video>\n\nFin.\n",
    );
    fs::write(fx.root().join("content/alerte/v.webm"), b"").unwrap();
    let (page, print) = page_and_bundle(&fx);
    assert!(
        page.contains("<script>alert(\"x\");</script>"),
        "the site keeps the author's HTML"
    );
    assert!(print.contains("<p>Texte  suite .</p>"), "{print}");
    for gone in [
        "alert",
        "</script>",
        "color: red",
        "</STYLE>",
        "<video",
        "</video>",
    ] {
        assert!(!print.contains(gone), "{gone} in the bundle:\n{print}");
    }
    assert!(print.contains("<p>Vidéo de l'exercice</p>"), "{print}");
    assert!(print.contains("<p>Fin.</p>"), "{print}");
}

/// A local image in raw HTML's CSS (`style="background:url(…)"`, a one-line
/// `<style>`) is checked and follows its page, as an `<img src>` does.
#[test]
fn css_addresses_in_raw_html_follow_their_page() {
    let fx = with_body(
        "<div style=\"background-image:url('schema.svg')\">x</div>\n\n\
         <style>.y{background:url(schema.svg)}</style>\n\n\
         <div style=\"background:url(absent.png)\">z</div>\n",
    );
    let report = fx.check();
    let d = find(&report, "absent.png");
    assert!(d.is_error(), "{d}");
    assert_eq!(errors(&report).len(), 1, "{:?}", errors(&report));
    let fx = with_body(
        "<div style=\"background-image:url('schema.svg')\">x</div>\n\n\
         <style>.y{background:url(schema.svg)}</style>\n",
    );
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let page = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    assert!(
        page.contains("url('../schema.svg')") && page.contains("url(../schema.svg)"),
        "{page}"
    );
}

/// Addresses in raw HTML are read as a browser reads them (`R&amp;D.pdf` is the
/// file `R&D.pdf`), and `data` is an address only on `<object>`.
#[test]
fn raw_addresses_decode_references_and_data_is_a_value_elsewhere() {
    let fx = with_body(
        "<a href=\"R&amp;D.pdf\">dossier</a> <a href=\"proc&eacute;dure&period;pdf\">fiche</a>\n\n\
         <div data=\"x\">bloc</div>\n",
    );
    fx.write("content/alerte/R&D.pdf", "%PDF-1.4\n");
    fx.write("content/alerte/procédure.pdf", "%PDF-1.4\n");
    let report = fx.check();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let page = fs::read_to_string(out.join("alerte/rancon/index.html")).unwrap();
    assert!(
        page.contains("<a href=\"../R%26D.pdf\">dossier</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"../proc%C3%A9dure.pdf\">fiche</a>"),
        "{page}"
    );
    assert!(page.contains("<div data=\"x\">bloc</div>"), "{page}");
    assert!(out.join("alerte/R&D.pdf").is_file());
    assert!(out.join("alerte/procédure.pdf").is_file());
}

/// Text inside a raw `<code>` or `<kbd>` is code: French spacing leaves it as
/// written, on the site, in the HTML bundle and in the PDF's source.
#[test]
fn raw_code_elements_keep_their_spaces() {
    let fx = with_body("Tapez <code>a ? b : c ; 1 000</code> ou <kbd>Ctrl ; !</kbd> ; fini !\n");
    let (page, print) = page_and_bundle(&fx);
    assert!(
        page.contains(
            "<code>a ? b : c ; 1 000</code> ou <kbd>Ctrl ; !</kbd>\u{202f}; fini\u{202f}!"
        ),
        "{page}"
    );
    assert!(print.contains("<code>a ? b : c ; 1 000</code>"), "{print}");
    assert!(
        print.contains("<kbd>Ctrl ; !</kbd>\u{202f}; fini"),
        "{print}"
    );
}

/// Raw HTML indented with a tab in a list item (Markdown reads the tab as
/// spaces) is still placed where it is written: each unclosed tag on its line.
#[test]
fn raw_html_after_a_tab_is_placed_on_its_own_line() {
    let fx = with_body("*\n\t <div>\n\t <div>\n");
    let report = fx.check();
    let written: Vec<usize> = (fx.read("content/alerte/rancon.md").lines())
        .enumerate()
        .filter(|(_, l)| *l == "\t <div>")
        .map(|(i, _)| i + 1)
        .collect();
    let mut places: Vec<(usize, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("`<div>` is never closed"))
        .map(|d| (d.line, d.col))
        .collect();
    places.sort();
    assert_eq!(places, [(written[0], 3), (written[1], 3)], "{places:?}");
}

/// A formatting element left open (`<b>`, `<a>`, `<em>`…) is rebuilt by browsers
/// around all that follows, past the end of its block: the page's footer turned
/// bold and became a link. It is closed where the procedure's text ends, on the
/// site and in the bundle, where it would take in the next procedures.
#[test]
fn formatting_left_open_stops_at_the_end_of_the_text() {
    let fx = with_body(
        "Texte <b>gras, <a href=\"https://example.org/\">lien\n\n<em>penché\n\n- un\n- deux\n",
    );
    let report = fx.check();
    for tag in ["`<b>`", "`<a>`", "`<em>`"] {
        let d = find(&report, &format!("raw HTML {tag} is never closed"));
        assert!(!d.is_error(), "{d}");
    }
    let (page, bundle) = page_and_bundle(&fx);
    let text_end = page.find("<li>deux</li>\n</ul>\n").expect(&page) + 20;
    assert!(
        page[text_end..].starts_with("</em></a></b>"),
        "{}",
        &page[text_end..]
    );
    let start = bundle.find("<li>deux</li>").expect(&bundle);
    let closed = bundle[start..].find("</em></a></b>").expect(&bundle) + start;
    let next = bundle[start..]
        .find("<article")
        .map_or(bundle.len(), |i| i + start);
    assert!(closed < next, "{}", &bundle[start..next]);
}

/// A raw `<input>`, `<select>` or `<textarea>` needs a label a screen reader can
/// announce: a `<label>` around it, a `<label for>` naming its id, `aria-label`
/// or `title`. The others are named at their tag, in blocks and in a paragraph.
#[test]
fn form_controls_without_a_label_are_named() {
    let fx = with_body(
        "<p><input type=\"checkbox\"> Couper le réseau</p>\n\n\
         <label><input type=\"checkbox\"> Prévenir</label>\n\n\
         Texte <input type=checkbox> seul et <label><input type=checkbox> nommé</label>.\n\n\
         <select id=\"site\"><option>A</option></select> <label for=\"site\">Site</label>\n\n\
         <textarea title=\"Notes\"></textarea> <input type=\"submit\" value=\"Envoyer\">\n\n\
         <!-- <input type=\"checkbox\"> -->\n\n- [ ] une tâche en Markdown\n",
    );
    let report = fx.check();
    let page = fx.read("content/alerte/rancon.md");
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let unlabelled: Vec<(usize, usize)> = (report.diagnostics.iter())
        .filter(|d| d.message.starts_with("raw HTML `<input>` has no label"))
        .map(|d| (d.line, d.col))
        .collect();
    assert_eq!(
        unlabelled,
        [(line_of("<p><input"), 4), (line_of("Texte <input"), 7)],
        "{:#?}",
        messages(&report)
    );
    let d = find(&report, "has no label");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("`- [ ] Couper le réseau`"),
        "{d}"
    );
    let labels = messages(&report)
        .iter()
        .filter(|m| m.contains("has no label"))
        .count();
    assert_eq!(labels, 2, "{:#?}", messages(&report));
}

/// A raw link with nothing to show (`<a href></a>`, an icon font, an image
/// whose `alt` is empty) is named at its `<a`, with the link to write. Text,
/// Markdown or a named image between the tags names it, and so do the link's
/// own `aria-label` or `title`; an anchor without `href` is no link.
#[test]
fn raw_links_without_text_are_named() {
    let fx = with_body(
        "Voir <a href=\"../mobilisation/cellule.md\"></a> ici.\n\n\
         - Appeler <A HREF=\"#etapes\"><i class=\"icone\"></i>&nbsp;</A>\n\n\
         <a href=\"../mobilisation/cellule.md\">\n  <img src=\"schema.svg\" alt=\"\">\n</a>\n\n\
         <a href=\"#etapes\">*Étapes*</a> <a href=\"#etapes\"><img src=\"schema.svg\" alt=\"Schéma\"></a>\n\n\
         <a href=\"#etapes\" aria-label=\"Étapes\"></a> <a id=\"ici\"></a> <!-- <a href=\"#x\"></a> -->\n\n\
         > Rappel : <a href=\"#etapes\">\n>   &nbsp;\n> </a>\n\n\
         > > - <a href=\"#etapes\">\n> >   </a>\n\n\
         > Voir <a href=\"#etapes\">\n> Étapes</a>\n",
    );
    let report = fx.check();
    let page = fx.read("content/alerte/rancon.md");
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let unnamed: Vec<(usize, usize, usize)> = (report.diagnostics.iter())
        .filter(|d| d.message.starts_with("raw HTML link has no text"))
        .map(|d| (d.line, d.col, d.len))
        .collect();
    assert_eq!(
        unnamed,
        [
            (line_of("Voir <a"), 6, 2),
            (line_of("- Appeler"), 11, 2),
            (line_of("<a href=\"../mobilisation/cellule.md\">"), 1, 2),
            // In a block quote, its markers are no text.
            (line_of("> Rappel"), 12, 2),
            (line_of("> > - <a"), 7, 2),
        ],
        "{:#?}",
        messages(&report)
    );
    let d = find(&report, "raw HTML link has no text");
    assert!(!d.is_error(), "{d}");
    assert!(
        (d.help.as_deref().unwrap())
            .contains("`<a href=\"../mobilisation/cellule.md\">Fiche d'alerte</a>`"),
        "{d}"
    );
}

/// A heading's `{…}` attributes are written on its tag, so they get raw HTML's
/// care: a remote style and a name that is none (which would break the tag) are
/// left out, a handler and a name HTML does not know are warned about, each at
/// its place; `class=` joins the classes, since a tag has one `class`.
#[test]
fn heading_attributes_are_checked_as_raw_html_is() {
    let fx = with_body(
        "## Suite {onclick=go() style=background:url(https://x.example/b.png) \
         myattr=1 .a class=b id=z =v q\"r=1 data-k=1 data-k=2 lang=fr}\n\nTexte.\n",
    );
    let report = fx.check();
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    let source = fx.read("content/alerte/rancon.md");
    let heading = source
        .lines()
        .position(|l| l.starts_with("## Suite"))
        .unwrap();
    let line = heading + 1;
    let column = |token: &str| source.lines().nth(heading).unwrap().rfind(token).unwrap() + 1;
    for (message, token) in [
        ("heading attribute `onclick` runs a script", "onclick"),
        ("heading attribute `style` loads `background:url(", "style"),
        ("`myattr` is not an HTML attribute", "myattr"),
        ("a heading's anchor is written `{#…}`", "id=z"),
        ("`=v` is not an attribute", "=v"),
        ("`q\"r=1` is not an attribute", "q\"r"),
        ("the attribute `data-k` is given twice", "data-k=2"),
    ] {
        let d = find(&report, message);
        assert!(!d.is_error(), "{d}");
        assert_eq!((d.line, d.col), (line, column(token)), "{d}");
    }
    assert_eq!(
        find(&report, "`myattr`").help.as_deref(),
        Some("for a style or a script of your own, name it `data-myattr`")
    );
    let (page, _) = page_and_bundle(&fx);
    let tag = page.split("<h2 id=\"suite\"").nth(1).unwrap();
    let tag = &tag[..tag.find('>').unwrap()];
    assert_eq!(
        tag,
        " class=\"a b\" onclick=\"go()\" myattr=\"1\" data-k=\"1\" lang=\"fr\""
    );
    assert!(!page.contains("x.example"));
}
