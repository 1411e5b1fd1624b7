//! Input that is almost right: each problem is named once, where it is, with a fix,
//! and without follow-on errors that blame pages which are fine.

use crate::common::{find, messages, Fixture};
use crate::diagnostics::{assert_at, page_with, with_front_change, PAGE, VALID_BODY, VALID_FRONT};
use planblanc::diag::Diagnostic;

#[test]
fn numbers_in_text_fields_are_kept_as_written() {
    // YAML reads `1.10` as the number 1.1 and `0x1F` as 31.
    let fx = with_front_change(
        "title: \"Activer la cellule de crise\"",
        "title: 1.10\ntrigger: 0x1F",
    );
    let out = fx.root().join("out");
    let report = fx.build_to(&out, planblanc::load::Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let page = std::fs::read_to_string(out.join("mobilisation/cellule/index.html")).unwrap();
    assert!(page.contains("<h1>1.10</h1>"), "{page}");
    assert!(page.contains("0x1F"), "{page}");
}

#[test]
fn raw_html_that_runs_a_script_or_hides_the_page_is_an_error() {
    let fx = Fixture::minimal();
    let body = "\n<a href=\"javascript:void(0)\">z</a>\n\n<template>\n\n## Après\n\nSuite.\n";
    // Spelt with character references, or in a form, it runs all the same.
    let hidden = "\n<a href=\"&#106;avascript:alert(1)\">a</a> <a href=\"JaVa&#x09;Script:alert(3)\">b</a>\n\n\
                  <form action=\"javascript:alert(4)\"><button formaction=\"vbscript:x\">c</button></form>\n";
    fx.write(PAGE, &page_with(VALID_FRONT, hidden));
    let report = fx.check();
    let scripts: Vec<String> = messages(&report)
        .into_iter()
        .filter(|m| m.contains("runs a script") && m.contains(": error:"))
        .collect();
    assert_eq!(scripts.len(), 4, "{scripts:#?}");
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let d = find(&report, "raw HTML: link `javascript:void(0)` runs a script").clone();
    assert!(d.is_error());
    assert_at(&d, PAGE, 16);
    let d = find(&report, "raw HTML `<template>` is never closed").clone();
    assert!(d.is_error());
    assert_at(&d, PAGE, 18);
}

#[test]
fn codes_beside_a_star_are_checked_and_repeats_are_named() {
    let fx = with_front_change(
        "establishment_types: [\"*\"]",
        "establishment_types: [EHPAD, \"*\", xyz]\nroles: [directeur, directeur]",
    );
    // (`roles` appears twice now: drop the original line.)
    let text = fx.read(PAGE).replacen("roles: [directeur]\n", "", 1);
    fx.write(PAGE, &text);
    let report = fx.check();
    find(&report, "`\"*\"` cannot be mixed with codes");
    let d = find(&report, "unknown establishment type `EHPAD`");
    assert_eq!(d.help.as_deref(), Some("did you mean `ehpad`?"));
    find(&report, "unknown establishment type `xyz`");
    let d = find(&report, "`directeur` is listed more than once in `roles`");
    assert!(!d.is_error());
}

#[test]
fn a_code_with_an_invisible_character_names_it() {
    let fx = with_front_change("roles: [directeur]", "roles: [\"direc\u{200b}teur\"]");
    let d = find(&fx.check(), "unknown role").clone();
    assert_eq!(
        d.help.as_deref(),
        Some("character 6 of `direc\u{200b}teur` is U+200B (a zero-width space), not a plain letter, digit or `-`: retype it")
    );
}

#[test]
fn a_broken_or_empty_taxonomy_is_one_error_not_one_per_use() {
    let fx = Fixture::minimal();
    fx.write("content/_taxonomies/roles.yaml", "[]\n");
    let report = fx.check();
    let d = find(&report, "this taxonomy has no term");
    assert_at(d, "content/_taxonomies/roles.yaml", 1);
    assert!(
        !messages(&report).iter().any(|m| m.contains("unknown role")),
        "{:#?}",
        messages(&report)
    );
    std::fs::remove_file(fx.root().join("content/_taxonomies/phases.yaml")).unwrap();
    let report = fx.check();
    let d = find(&report, "this taxonomy file is missing");
    assert!(!d.message.contains("os error"));
    assert!(!messages(&report)
        .iter()
        .any(|m| m.contains("unknown phase")));
}

#[test]
fn a_taxonomy_code_error_points_at_the_code_and_at_the_first_use() {
    let fx = Fixture::minimal();
    fx.write(
        "content/_taxonomies/roles.yaml",
        "- code: \"rssi\"\n  label: \"RSSI\"\n- code: Clinique Privée\n  label: x\n- label: \"Directeur\"\n  code: rssi\n",
    );
    let report = fx.check();
    let d = find(&report, "invalid code `Clinique Privée`");
    assert_eq!((d.line, d.col, d.len), (3, 9, 15), "{d}");
    assert!(
        d.help.as_deref().unwrap().ends_with(": `clinique-privee`"),
        "{d}"
    );
    let d = find(&report, "duplicate code `rssi`");
    assert_eq!((d.line, d.col), (6, 9), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("it is already the code of the entry at line 1: give each term its own code")
    );
}

#[test]
fn a_page_whose_id_cannot_be_read_spares_the_pages_that_name_it() {
    let fx = Fixture::minimal();
    // TOML front matter: refused, but its id is still known to the others.
    fx.write(
        "content/alerte/rancon.md",
        "+++\nid = \"T-ALE-001\"\ntitle = \"Rançon\"\n+++\nTexte.\n",
    );
    let report = fx.check();
    find(&report, "front matter in TOML");
    assert!(
        !messages(&report).iter().any(|m| m.contains("unknown id")),
        "{:#?}",
        messages(&report)
    );
}

#[test]
fn a_missing_id_gives_no_empty_fix_and_a_self_variant_one_error() {
    let fx = Fixture::minimal();
    let rancon = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &rancon.replace("id: T-ALE-001\n", "id:\n"),
    );
    let all = messages(&fx.check());
    assert!(
        !all.iter().any(|m| m.contains("set `previous: `")),
        "{all:#?}"
    );

    let fx = with_front_change("previous: T-ALE-001", "variant_of: T-MOB-001");
    let report = fx.check();
    let about_variant: Vec<String> = messages(&report)
        .into_iter()
        .filter(|m| m.contains("variant"))
        .collect();
    assert_eq!(about_variant.len(), 1, "{about_variant:#?}");
    assert!(about_variant[0].contains("`variant_of` points to the page itself"));
    assert!(!messages(&report)
        .iter()
        .any(|m| m.contains("has no procedure")));
}

/// A misspelt required field is one error, at the misspelling, not also
/// "missing" at the top of the file.
#[test]
fn a_misspelt_required_field_is_one_error() {
    let fx = with_front_change(
        "summary: \"Réunir la cellule de crise.\"",
        "sumary: \"Réunir la cellule de crise.\"",
    );
    let all = messages(&fx.check());
    assert!(
        !all.iter()
            .any(|m| m.contains("missing required field `summary`")),
        "{all:#?}"
    );
    let d = find(&fx.check(), "unknown field `sumary`").clone();
    assert_eq!(d.help.as_deref(), Some("did you mean `summary`?"));
    assert_at(&d, PAGE, 4);
}

/// Quotes are the one way to put a space in a key: `"title ":` is `title` with a
/// space to delete, the caret under the whole key as written. A code typed with a
/// full-width input method (`Ｐ１`) is the ASCII code it looks like.
#[test]
fn a_quoted_key_with_a_space_and_a_full_width_code() {
    let fx = with_front_change(
        "title: \"Activer la cellule de crise\"",
        "\"title \": \"Activer la cellule de crise\"",
    );
    let page = fx.read(PAGE).replacen("priority: P1", "priority: Ｐ１", 1);
    fx.write(PAGE, &page);
    let report = fx.check();
    let d = find(&report, "unknown field `title `");
    assert_at(d, PAGE, 3);
    assert_eq!((d.col, d.len), (1, 8), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("delete the spaces inside the quotes: `title:`")
    );
    let d = find(&report, "`priority` has an unknown value `Ｐ１`");
    assert_eq!(d.help.as_deref(), Some("did you mean `P1`?"));
}

/// Front matter written as one YAML flow mapping (`{id: …, phase: …}`) is valid
/// YAML: each problem is shown at its own value or key, not at the file's top.
#[test]
fn a_flow_mapping_front_matter_is_reported_where_each_value_is() {
    let fx = Fixture::minimal();
    let flow = [
        "{id: T-MOB-001, title: \"Activer la cellule de crise\", summary: \"Réunir.\",",
        " phase: mobilisaton, roles: [directeur, dsii], regions: [\"*\"],",
        " establishment_types: [\"*\"], priority: P1, status: valide,",
        " last_reviewed: 2026-04-01, tlp: clear, previous: T-ALE-001, sumary: x}",
    ]
    .join("\n");
    fx.write(PAGE, &page_with(&flow, VALID_BODY));
    let report = fx.check();
    let d = find(&report, "unknown phase `mobilisaton`");
    assert_at(d, PAGE, 3);
    assert_eq!((d.col, d.len), (9, 11), "{d}");
    let d = find(&report, "unknown role `dsii`");
    assert_at(d, PAGE, 3);
    assert_eq!((d.col, d.len), (41, 4), "{d}");
    let d = find(&report, "unknown field `sumary`");
    assert_at(d, PAGE, 5);
    assert_eq!((d.col, d.len), (62, 6), "{d}");
}

/// `title:` with nothing after it is a value left out, shown on its line, not a
/// missing line (whose fix, "add a line", would repeat the key).
#[test]
fn a_key_without_value_is_shown_on_its_line() {
    let fx = with_front_change("title: \"Activer la cellule de crise\"", "title:");
    let report = fx.check();
    let d = find(&report, "`title` has no value");
    assert_at(d, PAGE, 3);
    assert_eq!(
        d.help.as_deref(),
        Some("write it after the colon: `title: \"Titre de la fiche\"`")
    );
    assert!(!messages(&report)
        .iter()
        .any(|m| m.contains("missing required field `title`")));
}

/// A review date in the future is named on its sheet: it would otherwise only
/// show as other sheets turning overdue.
#[test]
fn a_review_date_in_the_future_is_named_where_it_is() {
    let fx = with_front_change("last_reviewed: 2026-04-01", "last_reviewed: 2099-04-01");
    let report = fx.check();
    let d = find(
        &report,
        "`last_reviewed` 2099-04-01 is after the edition's date (2026-06-01, handbook.yaml)",
    );
    assert_at(d, PAGE, 11);
    assert!(!d.is_error());
    // Without an edition date, the limit is today.
    let config = fx.read("handbook.yaml").replace("date: 2026-06-01\n", "");
    fx.write("handbook.yaml", &config);
    find(&fx.check(), "`last_reviewed` 2099-04-01 is in the future");
}

/// A footnote call with no note prints as typed; an explicit anchor taken twice
/// sends links to the first place only. Both are said where they are.
#[test]
fn footnotes_without_notes_and_anchors_taken_twice_are_named() {
    let fx = Fixture::minimal();
    let body = "\n## Étapes\n\nTexte[^absent] et [^note], mais \\[^cite] voulu.\n\n\
                [^note]: La note.\n\n## Encore {#etapes}\n\nSuite.\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let d = find(&report, "footnote `[^absent]` has no note");
    assert_at(d, PAGE, 18);
    assert_eq!((d.col, d.len), (6, 9), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("add the note on a line of its own: `[^absent]: …`")
    );
    let all = messages(&report);
    assert_eq!(
        all.iter().filter(|m| m.contains("has no note")).count(),
        1,
        "{all:#?}"
    );
    let d = find(
        &report,
        "the anchor `#etapes` is already taken on this page; this heading gets `#etapes-1`",
    );
    assert_at(d, PAGE, 22);
    assert!(!d.is_error());
}

/// A first-level heading in the text (`#` or underlined with `=`) is a second
/// title under the page's own, and it stays out of the contents; a heading two
/// levels below the one before breaks the outline screen readers list. Each is
/// named, with the marks to write.
#[test]
fn a_first_level_heading_in_the_text_or_a_skipped_level_is_named() {
    let fx = Fixture::minimal();
    let body =
        "\n# Objectif\n\nTexte.\n\nTitre souligné\n==============\n\n## Étapes\n\nSuite.\n\n\
                #### Détail {#detail}\n\n### Autre\n\n#### Fin\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let second: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.message
                .contains("first-level heading in the text is a second title")
        })
        .collect();
    assert_eq!(second.len(), 2, "{second:#?}");
    assert_at(second[0], PAGE, 16);
    assert_eq!((second[0].col, second[0].len), (1, 10), "{}", second[0]);
    let help = |d: &planblanc::diag::Diagnostic| d.help.clone().unwrap_or_default();
    assert!(
        help(second[0]).contains("write `##` instead of `#`"),
        "{}",
        second[0]
    );
    assert_at(second[1], PAGE, 20);
    assert!(
        help(second[1]).contains("with `-` instead of `=`"),
        "{}",
        second[1]
    );
    assert!(second.iter().all(|d| !d.is_error()));
    // Only the heading that skips is named: `###` then `####` is an outline.
    let d = find(
        &report,
        "this `####` heading comes under a `##` heading: the outline skips a level",
    );
    assert_at(d, PAGE, 27);
    assert_eq!(help(d), "write `###` instead of `####`");
    let skips = messages(&report)
        .into_iter()
        .filter(|m| m.contains("skips a level"));
    assert_eq!(skips.count(), 1);
}

/// An empty heading (`##` with nothing after it) is named, and stays out of the
/// contents, where it would be a blank link; a heading holding only an image or
/// code is not empty.
#[test]
fn an_empty_heading_is_named_and_left_out_of_the_contents() {
    let fx = Fixture::minimal();
    let body = "\n## Activation\n\nTexte.\n\n##\n\nSuite.\n\n### ![schéma](../alerte/schema.svg)\n\n### `code`\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let d = find(
        &report,
        "this `##` heading is empty: screen readers announce a heading with nothing to say",
    );
    assert_at(d, PAGE, 20);
    assert_eq!(
        d.help.as_deref(),
        Some("write its text after `## `, or remove the line")
    );
    assert_eq!(
        messages(&report)
            .iter()
            .filter(|m| m.contains("is empty"))
            .count(),
        1
    );
    let out = fx.root().join("out");
    fx.build_to(&out, planblanc::load::Tlp::Clear);
    let page = std::fs::read_to_string(out.join("mobilisation/cellule/index.html")).unwrap();
    let toc = &page[page.find("class=\"toc\"").expect("contents")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(
        toc.contains("Activation") && !toc.contains("\"></a>"),
        "{toc}"
    );
}

/// A date written the French way and a duration in small letters get the exact
/// fix, not the rule.
#[test]
fn dates_and_durations_almost_right_get_their_fix() {
    let fx = with_front_change(
        "last_reviewed: 2026-04-01",
        "last_reviewed: 01/04/2026\ndeadline: pt15m",
    );
    let report = fx.check();
    let d = find(&report, "`last_reviewed` is not a valid date: `01/04/2026`");
    assert_eq!(d.help.as_deref(), Some("write it year first: `2026-04-01`"));
    let d = find(&report, "`deadline` is not an ISO-8601 duration: `pt15m`");
    assert_eq!(d.help.as_deref(), Some("write it in capitals: `PT15M`"));
    // Well formed, a number too large for a deadline: said so, not the rule.
    let fx = with_front_change(
        "last_reviewed: 2026-04-01",
        "last_reviewed: 2026-04-01\ndeadline: P1DT99999999999999999999H",
    );
    let report = fx.check();
    let d = find(
        &report,
        "`deadline` holds a number too large: `P1DT99999999999999999999H`",
    );
    assert!(
        d.help.as_deref().unwrap().contains("under 4,294,967,296"),
        "{d}"
    );
}

#[test]
fn an_empty_item_in_a_list_is_named_so() {
    let fx = with_front_change(
        "roles: [directeur]",
        "roles: [directeur, \"\"]\ntags: [\"  \"]",
    );
    let report = fx.check();
    find(&report, "`roles` has an empty item");
    find(&report, "`tags` has an empty item");
    assert!(!messages(&report)
        .iter()
        .any(|m| m.contains("unknown role ``")));
}

/// A page and a folder of the same name collide; the folder (which has no
/// `_index.md`) is named as the folder, not as a file that does not exist.
#[test]
fn a_page_and_a_folder_of_the_same_name_are_named_as_they_are() {
    let fx = Fixture::minimal();
    let page = fx
        .read("content/mobilisation/ehpad.md")
        .replace("id: T-MOB-002", "id: T-MOB-009");
    fx.write("content/alerte/rancon/detail.md", &page);
    let report = fx.check();
    let d = find(
        &report,
        "`alerte/rancon/index.html` would also be written by",
    );
    assert!(
        d.message.ends_with("by content/alerte/rancon/")
            || d.message.ends_with("by content/alerte/rancon.md"),
        "{d}"
    );
    assert!(
        !messages(&report)
            .iter()
            .any(|m| m.contains("rancon/_index.md would")),
        "{:#?}",
        messages(&report)
    );
}

/// One invalid code in a taxonomy is one error: the pages that use the code as
/// it was meant are not each reported again.
#[test]
fn an_invalid_taxonomy_code_is_one_error() {
    let fx = Fixture::minimal();
    let roles = fx
        .read("content/_taxonomies/roles.yaml")
        .replace("code: \"rssi\"", "code: \"RSSI\"");
    fx.write("content/_taxonomies/roles.yaml", &roles);
    let report = fx.check();
    find(&report, "invalid code `RSSI`");
    assert!(
        !messages(&report).iter().any(|m| m.contains("unknown role")),
        "{:#?}",
        messages(&report)
    );
}

/// `["*", "*"]` is a repeat, not a mix of `"*"` with codes.
#[test]
fn a_star_twice_is_a_repeat_only() {
    let fx = with_front_change("regions: [\"*\"]", "regions: [\"*\", \"*\"]");
    let all = messages(&fx.check());
    assert!(
        all.iter().any(|m| m.contains("listed more than once")),
        "{all:#?}"
    );
    assert!(
        !all.iter().any(|m| m.contains("cannot be mixed")),
        "{all:#?}"
    );
}

/// The diagnostic `message` names once the front matter's `from` is written
/// `to`, after checking that its help holds `help`.
fn front_fix(from: &str, to: &str, message: &str, help: &str) -> Diagnostic {
    let report = with_front_change(from, to).check();
    let d = find(&report, message).clone();
    assert!(d.help.as_deref().is_some_and(|h| h.contains(help)), "{d}");
    d
}

/// A Cyrillic `е` or a full-width digit reads the same as the code it is
/// mistaken for: the character is named, not "did you mean" the same word.
#[test]
fn a_look_alike_letter_is_named() {
    let fx = with_front_change("roles: [directeur]", "roles: [\"dir\u{435}cteur\"]");
    let d = find(&fx.check(), "unknown role").clone();
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .starts_with("character 4 of `dir\u{435}cteur` is U+0435"),
        "{d}"
    );
    // An accent is a near miss, which "did you mean" fixes.
    let fx = with_front_change("roles: [directeur]", "roles: [\"diréctéur\"]");
    let d = find(&fx.check(), "unknown role").clone();
    assert_eq!(d.help.as_deref(), Some("did you mean `directeur`?"));
}

/// Links as authors paste them: what Markdown leaves as text is named with the
/// way to write it, what points nowhere useful is an error with the fix, and an
/// e-mail autolink is a `mailto:` link.
#[test]
fn pasted_links_get_the_fix_that_makes_them_work() {
    let fx = Fixture::minimal();
    let body = "\nVoir [la fiche](ma fiche.md) et [tel](tel:01 23 45 67 89).\n\n\
                Voir [l'alerte] (../alerte/rancon.md), [sic] (voir plus bas) et [fix] (#338).\n\n\
                Voir [l'alerte](../alerte/rancon idf.md).\n\n\
                Et [référence][1] et \\[pas un lien](x), [Ctrl][Alt][Suppr] et a[i][j].\n\n\
                Écrire à <rssi@chu-exemple.fr> ou [écrire](rssi@chu-exemple.fr).\n\n\
                [f](file:///C:/plan.docx) [p](//cdn.example.org/x.js) [q](../alerte/rancon.md?x=1) \
                [m](../alerte/Rancon-IDF.md) ![s](../alerte/Schema.svg) [w](\\\\serveur\\partage)\n\n\
                [d](D:\\Partage\\plan.pdf) [s](smb://serveur/partage/plan.pdf) [o](obsidian://open?vault=x) \
                [ok](sms:+33600000000) ![ailleurs](schema.svg) ![nulle part](img/plan.png) \
                ![dièse](<../alerte/plan #2.svg>) [bouge](rancon-idf) [dossier](rancon/) ![image](rancon.png) \
                [documents](docs/)\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    fx.write("content/mobilisation/docs/annexe.pdf", "%PDF-1.4");
    fx.write(
        "content/alerte/plan #2.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let report = fx.check();
    let expected = [
        (
            "`[la fiche](ma fiche.md)` is not read as a link",
            "`[la fiche](<ma fiche.md>)` or `[la fiche](ma%20fiche.md)`",
        ),
        (
            "`[tel](tel:01 23 45 67 89)` is not read as a link",
            "`[tel](tel:0123456789)`",
        ),
        (
            "`[l'alerte](../alerte/rancon idf.md)` is not read as a link",
            "nor does the file's name: write `[l'alerte](../alerte/rancon-idf.md)`",
        ),
        (
            "`[l'alerte] (../alerte/rancon.md)` is not read as a link",
            "remove the space between `]` and `(`: `[l'alerte](../alerte/rancon.md)`",
        ),
        (
            "uses the link label `[1]`",
            "`[référence](../dossier/fiche.md)`",
        ),
        (
            "link to a missing file `rssi@chu-exemple.fr`",
            "write `mailto:rssi@chu-exemple.fr`",
        ),
        (
            "points to a file on one computer",
            "copy the file into `content/`",
        ),
        (
            "link `//cdn.example.org/x.js` has no scheme",
            "`https://cdn.example.org/x.js`",
        ),
        (
            "`../alerte/rancon.md?x=1`",
            "take no query string: write `../alerte/rancon.md`",
        ),
        (
            "`../alerte/Rancon-IDF.md`",
            "did you mean `../alerte/rancon-idf.md`?",
        ),
        (
            "image to a missing file `../alerte/Schema.svg`",
            "did you mean `../alerte/schema.svg`?",
        ),
        (
            "image to a missing file `schema.svg`",
            "a file of that name is in another folder: `../alerte/schema.svg`",
        ),
        (
            "image to a missing file `img/plan.png`",
            "read from this file's folder: there is no `content/mobilisation/img/plan.png`",
        ),
        (
            "image to a missing file `../alerte/plan #2.svg`",
            "write the `#` of a name as `%23`: `../alerte/plan %232.svg`",
        ),
        (
            "link to a missing file `rancon-idf`",
            "a page of that name is in another folder: `../alerte/rancon-idf.md`",
        ),
        (
            "image to a missing file `rancon.png`",
            "read from this file's folder: there is no `content/mobilisation/rancon.png`",
        ),
        (
            "link to a missing file `rancon/`",
            "a page of that name is in another folder: `../alerte/rancon.md`",
        ),
        (
            "link `docs/` points to a folder",
            "it has no page of its own: link to one of its files, e.g. `docs/annexe.pdf`",
        ),
        (
            "points to a Windows share or folder",
            "copy the file into `content/`",
        ),
        (
            "link `D:\\Partage\\plan.pdf` points to a drive of one computer",
            "copy the file into `content/`",
        ),
        (
            "points to a `smb:` file share",
            "copy the file into `content/`",
        ),
        (
            "opens only where an application for `obsidian:` is installed",
            "readers of the copy may not have it",
        ),
    ];
    for (message, help) in expected {
        let d = find(&report, message);
        assert!(d.help.as_deref().is_some_and(|h| h.contains(help)), "{d}");
    }
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.file.ends_with("cellule.md"))
            .count(),
        expected.len(),
        "{:#?}",
        messages(&report)
    );
    let ok = page_with(
        VALID_FRONT,
        "\n## Activation\n\nÉcrire à <rssi@chu-exemple.fr>.\n",
    );
    fx.write(PAGE, &ok);
    let out = fx.root().join("out");
    let report = fx.build_to(&out, planblanc::load::Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", messages(&report));
    let page = std::fs::read_to_string(out.join("mobilisation/cellule/index.html")).unwrap();
    assert!(
        page.contains("<a href=\"mailto:rssi@chu-exemple.fr\">"),
        "{page}"
    );
}

/// Characters an author cannot see: a control character in a field is an error
/// (it would be written into the page), invisible ones and text-direction
/// controls are named; a file name a USB stick refuses (`:`, a newline, a path
/// too long for Windows) is reported, each diagnostic on one line.
#[test]
fn invisible_characters_and_unportable_names_are_named() {
    let fx = Fixture::minimal();
    let front = VALID_FRONT.replace(
        "title: \"Activer la cellule de crise\"",
        "title: \"Activer\\u0000 la cellule\"",
    );
    fx.write(
        PAGE,
        &page_with(
            &front,
            "\n## Activation\n\nAstreinte 06 11\u{202e}22 33\u{202c}, zéro\u{200b}largeur.\n",
        ),
    );
    fx.write("content/mobilisation/compte rendu 12:30.csv", "a;b\n");
    fx.write("content/mobilisation/deux\nlignes.csv", "a;b\n");
    fx.write("content/mobilisation/a\\b.pdf", "%PDF\n");
    fx.write("content/mobilisation/ran\u{200d}con.csv", "a;b\n");
    fx.write(
        &format!("content/mobilisation/{}.csv", "n".repeat(200)),
        "a;b\n",
    );
    let report = fx.check();
    let title = find(&report, "`title` holds the control character U+0000");
    assert!(title.is_error(), "{title}");
    let bidi = find(
        &report,
        "invisible character U+202E (a text-direction control) in the text (and 2 more)",
    );
    assert!(
        !bidi.is_error() && bidi.source_line.starts_with("Astreinte"),
        "{bidi}"
    );
    find(&report, "the name `compte rendu 12:30.csv` holds `:`");
    let newline = find(
        &report,
        "the name `deux<U+000A>lignes.csv` holds the control character U+000A",
    );
    assert_eq!(newline.to_string().lines().count(), 1, "{newline}");
    find(&report, "its published path is 217 characters long");
    // A joiner between plain letters joins nothing: it only hides the name.
    let joiner = find(&report, "holds the invisible character U+200D");
    assert!(
        joiner
            .help
            .as_deref()
            .unwrap()
            .contains("typing the name anew"),
        "{joiner}"
    );
    let backslash = find(&report, "the name holds `\\`");
    assert!(
        backslash.is_error() && backslash.file.to_string_lossy().ends_with("a\\b.pdf"),
        "{backslash}"
    );
    // Every other problem is still reported in the same run.
    assert!(report.diagnostics.len() >= 7, "{:?}", report.diagnostics);
}

/// Markdown from other tools: a Pandoc fence keeps its language, and what would
/// print as typed (an unknown callout kind, a marker with text after it, a note
/// nothing calls) is named with the fix.
#[test]
fn callouts_fences_and_notes_from_other_tools() {
    let fx = Fixture::minimal();
    let body = "\n## Activation\n\n> [!DANGER]\n> Ne pas éteindre.\n\n> [!TIP] Titre\n> Texte.\n\n\
                > [!NOTE]\n> Bien.\n\nTexte[^a].\n\n[^a]: Appelée.\n\n[^orpheline]: Jamais appelée.\n\n\
                ```{.bash .numberLines}\necho ok\n```\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let danger = find(&report, "`[!DANGER]` is not a callout kind");
    assert!(
        danger.help.as_deref().unwrap().contains("`[!CAUTION]`"),
        "{danger}"
    );
    find(&report, "`[!TIP]` makes a callout only alone on its line");
    let note = find(&report, "footnote `[^orpheline]` is never called");
    assert_eq!(note.source_line, "[^orpheline]: Jamais appelée.");
    let ours: Vec<String> = messages(&report)
        .into_iter()
        .filter(|m| m.contains("cellule.md"))
        .collect();
    assert_eq!(ours.len(), 3, "{ours:#?}");
    let out = fx.root().join("out");
    fx.build_to(&out, planblanc::load::Tlp::Clear);
    let page = std::fs::read_to_string(out.join("mobilisation/cellule/index.html")).unwrap();
    assert!(page.contains("class=\"language-bash\""), "{page}");
}

/// Values as other documents write them get the exact fix: TLP 1.0's `WHITE`, a
/// `TLP:` prefix, TLP 2.0's `AMBER+STRICT` (no level of ours: never widened to
/// amber), a deadline, a period, a priority or a date typed in words, a
/// quote too many, a colon without its space (or with a no-break one), a first
/// field without its colon or indented; region numbers are one error each, not also
/// "`regions` is empty".
#[test]
fn values_from_other_documents_get_their_fix() {
    for (from, to, message, help) in [
        (
            "tlp: clear",
            "tlp: WHITE",
            "unknown value `WHITE`",
            "TLP 2.0 calls WHITE `clear`",
        ),
        (
            "tlp: clear",
            "tlp: \"TLP:AMBER\"",
            "unknown value `TLP:AMBER`",
            "`tlp: amber`",
        ),
        (
            "tlp: clear",
            "tlp: TLP:AMBER+STRICT",
            "unknown value `TLP:AMBER+STRICT`",
            "`tlp: red` keeps the page out of amber builds",
        ),
        (
            "tlp: clear",
            "tlp: clear\ndeadline: 1h30",
            "`deadline` is not an ISO-8601 duration: `1h30`",
            "write `PT1H30M`",
        ),
        (
            "tlp: clear",
            "tlp: clear\ndeadline: 48 heures",
            "`deadline` is not an ISO-8601 duration: `48 heures`",
            "write `PT48H`",
        ),
        (
            "title: \"Activer",
            "title: \"\"Activer",
            "the value starts with two quotes",
            "remove one quote: `title: \"Activer la cellule de crise\"`",
        ),
        (
            "regions: [\"*\"]",
            "regions: \"[\"*\"]",
            "a quote before the list's `[`",
            "remove one quote: `regions: [\"*\"]`",
        ),
        (
            "id: T-MOB-001",
            "id:T-MOB-001",
            "`id:` has no space after it",
            "put a space after the colon: `id: T-MOB-001`",
        ),
        (
            "title: \"Activer",
            "title:\u{a0}\"Activer",
            "the space after `title:` is a no-break space",
            "type a plain space: `title: \"Activer la cellule de crise\"`",
        ),
        (
            "id: T-MOB-001",
            "id = T-MOB-001",
            "this line has no `:`, so it is not a field",
            "`id: T-MOB-001`",
        ),
        (
            "id: T-MOB-001",
            "  id: T-MOB-001",
            "`id:` is indented, and the fields below it are not",
            "start `id:` at the beginning of the line",
        ),
        (
            "roles: [directeur]",
            "roles: directeur, dsi]",
            "unknown role `directeur, dsi]`",
            "a list is written in brackets: `roles: [directeur, dsi]`",
        ),
        (
            "status: valide\nlast_reviewed: 2026-04-01",
            "status:\n  last_reviewed: 2026-04-01",
            "`status` must be a string, found a mapping",
            "`last_reviewed:` is indented under `status:`: start it at the beginning of the line",
        ),
        (
            "priority: P1",
            "priority: 1",
            "`priority` has an unknown value `1`",
            "write `priority: P1`",
        ),
        (
            "tlp: clear",
            "tlp: clear\nreview_every_months: 2 ans",
            "`review_every_months` must be a whole number, found a string `2 ans`",
            "write the number of months alone: `review_every_months: 24`",
        ),
        (
            "last_reviewed: 2026-04-01",
            "last_reviewed: 1er avril 2026",
            "not a valid date",
            "write it year first: `2026-04-01`",
        ),
        (
            "last_reviewed: 2026-04-01",
            "last_reviewed: 2026-4-1",
            "not a valid date",
            "write the month and the day with two digits: `2026-04-01`",
        ),
        (
            "last_reviewed: 2026-04-01",
            "last_reviewed: 2026-04-01T10:00:00Z",
            "not a valid date",
            "write the day alone: `2026-04-01`",
        ),
    ] {
        front_fix(from, to, message, help);
    }
    let report = with_front_change("regions: [\"*\"]", "regions: [84, 11]").check();
    let all = messages(&report);
    assert_eq!(
        all.iter().filter(|m| m.contains("regions")).count(),
        2,
        "{all:#?}"
    );
}

/// The settings and the taxonomies get the same fixes as a front matter,
/// inside a list's entries too: the line to write, not libyaml's words.
#[test]
fn slips_in_settings_and_taxonomies_get_their_fix() {
    let phases = "content/_taxonomies/phases.yaml";
    for (file, from, to, message, help) in [
        (
            phases,
            "  label: \"Mobilisation\"",
            "  label: \"\"Mobilisation\"",
            "the value starts with two quotes",
            "remove one quote: `label: \"Mobilisation\"`",
        ),
        (
            phases,
            "  label: \"Mobilisation\"",
            "label: \"Mobilisation\"",
            "`label:` starts at the margin, so it is not a field of the entry above",
            "indent it as the entry's other fields: `  label: \"Mobilisation\"`",
        ),
        (
            "handbook.yaml",
            "edition: \"2026.1\"",
            "edition:\u{a0}\"2026.1\"",
            "the space after `edition:` is a no-break space",
            "type a plain space: `edition: \"2026.1\"`",
        ),
    ] {
        let fx = Fixture::minimal();
        let text = fx.read(file);
        assert!(text.contains(from), "{from}");
        fx.write(file, &text.replacen(from, to, 1));
        let report = fx.check();
        let d = find(&report, message);
        assert_eq!(d.file.to_string_lossy().replace('\\', "/"), file);
        assert_eq!(d.help.as_deref(), Some(help), "{d}");
    }
}

/// What other tools and systems leave in a handbook: two procedures merged into
/// one file, Hugo's `index.md`, Explorer's `Thumbs.db` and `desktop.ini`.
#[test]
fn other_tools_leftovers_are_named_or_skipped() {
    let fx = Fixture::minimal();
    let second = page_with(
        &VALID_FRONT.replace("id: T-MOB-001", "id: T-MOB-777"),
        "Seconde.\n",
    );
    fx.write(
        PAGE,
        &format!(
            "{}\nPremière.\n\n{second}",
            page_with(VALID_FRONT, VALID_BODY)
        ),
    );
    let bundle = page_with(&VALID_FRONT.replace("id: T-MOB-001", "id: T-MOB-778"), "x");
    fx.write("content/alerte/bundle/index.md", &bundle);
    fx.write("content/alerte/Thumbs.db", "\u{0}");
    fx.write("content/alerte/desktop.ini", "[.ShellClassInfo]");
    let report = fx.check();
    let merged = find(&report, "a second front matter");
    assert!(merged.source_line == "---" && merged.line > 20, "{merged}");
    find(
        &report,
        "`index.md` is published as a procedure named `index`",
    );
    let out = fx.root().join("out");
    fx.build_to(&out, planblanc::load::Tlp::Clear);
    assert!(!out.join("alerte/Thumbs.db").exists() && !out.join("alerte/desktop.ini").exists());
}

/// Other tools' syntax shows as typed: each is named with the Markdown to write,
/// and an Obsidian comment, which its author meant private, is an error.
#[test]
fn other_tools_syntax_is_named() {
    let fx = Fixture::minimal();
    let body = "\n{{< figure src=\"a.png\" >}}\n\nVoir [[cellule]] et ![[plan.png]].\n\n\
                Un ==mot== et %%numéro perso 0612%%.\n\n!!! warning \"Attention\"\n\n\
                `{{< dans du code >}}` et \\[[échappé]].\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    for message in [
        "`{{< figure src=\"a.png\" >}}` is another tool's shortcode",
        "`[[cellule]]` is an Obsidian wikilink",
        "`[[plan.png]]` is an Obsidian embed",
        "`==mot==` is a highlight of other tools",
        "`!!! warning \"Attention\"` is an admonition of another tool",
    ] {
        assert!(!find(&report, message).is_error(), "{message}");
    }
    let comment = find(&report, "is an Obsidian comment");
    assert!(comment.is_error() && comment.help.as_deref().unwrap().contains("<!--"));
    let foreign = messages(&report)
        .into_iter()
        .filter(|m| m.contains("shortcode") || m.contains("Obsidian"))
        .count();
    assert_eq!(foreign, 4, "{:#?}", messages(&report));
}

/// A wikilink names its page by file, path, id or title: its fix is the link
/// to that page, with the wikilink's text and heading; an embed names a file
/// of any folder, its fix the image or link to write. One that names nothing
/// gets the general form.
#[test]
fn wikilinks_and_embeds_are_named_with_the_markdown_to_write() {
    let fx = Fixture::minimal();
    let body = "\nVoir [[rancon]], [[Cellule en EHPAD|en EHPAD]], [[T-ALE-001#Étapes clés]],\n\
                [[alerte/rancon-idf.md]] et [[inconnue]].\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    for (wikilink, link) in [
        (
            "rancon",
            "[Mon poste affiche une rançon](../alerte/rancon.md)",
        ),
        ("Cellule en EHPAD|en EHPAD", "[en EHPAD](ehpad.md)"),
        (
            "T-ALE-001#Étapes clés",
            "[Mon poste affiche une rançon](../alerte/rancon.md#etapes-cles)",
        ),
        (
            "alerte/rancon-idf.md",
            "[Mon poste affiche une rançon (Île-de-France)](../alerte/rancon-idf.md)",
        ),
        ("inconnue", "[text](fiche.md)"),
    ] {
        let d = find(
            &report,
            &format!("`[[{wikilink}]]` is an Obsidian wikilink"),
        );
        let help = format!("write a link to the file: `{link}`");
        assert_eq!(d.help.as_deref(), Some(help.as_str()), "{d}");
    }
    fx.write("content/alerte/Protocole.pdf", "%PDF-1.4");
    let embeds = "\n![[schema.svg|300]] ![[protocole.pdf]] ![[rancon|200]] ![[absent.png]]\n";
    fx.write(
        "content/mobilisation/ehpad.md",
        &format!("{}{embeds}", fx.read("content/mobilisation/ehpad.md")),
    );
    let report = fx.check();
    for (embed, fix) in [
        (
            "schema.svg|300",
            "write an image, its text saying what it shows: `![schema](../alerte/schema.svg)`",
        ),
        (
            "protocole.pdf",
            "write a link to the file: `[Protocole.pdf](../alerte/Protocole.pdf)`",
        ),
        (
            "rancon|200",
            "write a link to the file: `[Mon poste affiche une rançon](../alerte/rancon.md)`",
        ),
        (
            "absent.png",
            "write an image `![text](image.png)`, or link to the page `[text](fiche.md)`",
        ),
    ] {
        let d = find(&report, &format!("`[[{embed}]]` is an Obsidian embed"));
        assert_eq!(d.help.as_deref(), Some(fix), "{d}");
    }
    // Two files named `rancon`: the wikilink names neither.
    let twin = VALID_FRONT.replace("id: T-MOB-001", "id: T-MOB-779");
    fx.write("content/mobilisation/rancon.md", &page_with(&twin, "x"));
    let report = fx.check();
    let d = find(&report, "`[[rancon]]` is an Obsidian wikilink");
    assert_eq!(
        d.help.as_deref(),
        Some("write a link to the file: `[text](fiche.md)`")
    );
}

/// A file named on a Mac (accents decomposed: `e` + U+0301) is found by the link
/// an author types (composed `é`), and the link leads to it once published.
#[test]
fn decomposed_file_names_are_found_by_their_composed_links() {
    let fx = Fixture::minimal();
    let decomposed = "Sche\u{301}ma re\u{301}seau.svg";
    let svg = fx.read("content/alerte/schema.svg");
    fx.write(&format!("content/mobilisation/{decomposed}"), &svg);
    let page = fx
        .read("content/alerte/rancon.md")
        .replace("id: T-ALE-001", "id: T-ALE-321");
    fx.write(
        "content/alerte/proce\u{301}dure.md",
        &page.replace("related: [T-MOB-001]", ""),
    );
    let body = "\n![Schéma](<Schéma réseau.svg>) et [la procédure](../alerte/procédure.md).\n";
    fx.write(
        PAGE,
        &page_with(VALID_FRONT, &format!("{VALID_BODY}{body}")),
    );
    let report = fx.check();
    let problems: Vec<_> = messages(&report)
        .into_iter()
        .filter(|m| m.contains("missing"))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let out = fx.root().join("out");
    fx.build_to(&out, planblanc::load::Tlp::Clear);
    assert_eq!(crate::common::broken_references(&out), Vec::<String>::new());
    // The print bundle finds it too, as a link within the bundle.
    let national = std::fs::read_to_string(out.join("impression/national.html")).unwrap();
    assert!(
        national.contains("<a href=\"#p-T-ALE-321\">la procédure</a>"),
        "no link to the procedure"
    );
}

/// YAML's comments and colons, as authors meet them: a `#1` that ends the title,
/// a `#urgent` that empties the tags, a `: ` in a title, commas taken for a list.
#[test]
fn yaml_comments_and_colons_are_explained() {
    for (from, to, message, help) in [
        (
            "title: \"Activer la cellule de crise\"",
            "title: Appeler le #1 # urgent",
            "`title` stops at `Appeler le`: YAML reads `#1 # urgent` as a comment",
            "`title: \"Appeler le #1 # urgent\"`",
        ),
        (
            "tlp: clear",
            "tlp: clear\ntags: rancongiciel, reflexe",
            "`tags` is one tag, `rancongiciel, reflexe`",
            "`tags: [rancongiciel, reflexe]`",
        ),
        (
            "title: \"Activer la cellule de crise\"",
            "title: Étape 1: isoler",
            "mapping values are not allowed",
            "quote it, `title: \"Étape 1: isoler\"`",
        ),
        (
            "tlp: clear",
            "tlp: clear\ntags: [#urgent, crise]",
            "invalid YAML",
            "`tags: [\"#urgent\", crise]`",
        ),
    ] {
        let d = front_fix(from, to, message, help);
        assert!(d.source_line.starts_with(to.lines().last().unwrap()), "{d}");
    }
    // A comment after a space is a comment: nothing to say.
    let report = with_front_change("tlp: clear", "tlp: clear # à revoir").check();
    assert!(!messages(&report).iter().any(|m| m.contains("comment")));
}

/// A field without its `:` and a field indented under another's value are named
/// at their own line, with the line to write: libyaml reports the first at the
/// next field ("could not find expected ':'").
#[test]
fn a_field_without_its_colon_or_indented_is_named_at_its_line() {
    for (from, to, message, help) in [
        (
            "summary: \"Réunir la cellule de crise.\"",
            "summary \"Réunir la cellule de crise.\"",
            "this line has no `:`, so it is not a field",
            "`summary: \"Réunir la cellule de crise.\"`",
        ),
        (
            "priority: P1",
            "priority = P1",
            "this line has no `:`, so it is not a field",
            "`priority: P1`",
        ),
        (
            "phase: mobilisation",
            "  phase: mobilisation",
            "`phase:` is indented under `summary:`, which already has its value",
            "start `phase:` at the beginning of the line",
        ),
    ] {
        let d = front_fix(from, to, message, help);
        assert_eq!(d.source_line, to, "{d}");
        assert_eq!(d.col, to.len() - to.trim_start().len() + 1, "{d}");
    }
}

/// Links written as other tools write them get a fix that works: the `.md` file
/// a `cible`, `cible/`, `cible.html` or Zola `@/…` link names, `_index.md` for
/// `index.md`, a Docusaurus `/img/…` found by its name, a link written from the
/// page's address as Hugo and Zola read it (one `../` more), and an id as a path.
#[test]
fn other_tools_links_get_a_working_fix() {
    let fx = Fixture::minimal();
    let body = "\n[a](../alerte/rancon) [b](../alerte/rancon/) [c](../alerte/rancon.html) \
                [d](@/alerte/rancon.md) [e](../alerte/index.md) [f](/alerte/rancon) ![g](/img/schema.svg) \
                [h](../../alerte/rancon/) [i](../ehpad/) [j](../alerte/T-ALE-001)\n";
    fx.write(
        PAGE,
        &page_with(VALID_FRONT, &format!("{VALID_BODY}{body}")),
    );
    let report = fx.check();
    for (dest, fix) in [
        ("`../alerte/rancon`", "`../alerte/rancon.md`"),
        ("`../alerte/rancon/`", "`../alerte/rancon.md`"),
        ("`../alerte/rancon.html`", "`../alerte/rancon.md`"),
        ("`@/alerte/rancon.md`", "`../alerte/rancon.md`"),
        ("`../alerte/index.md`", "`../alerte/_index.md`"),
        ("`/alerte/rancon`", "`../alerte/rancon.md`"),
        ("`/img/schema.svg`", "`../alerte/schema.svg`"),
        (
            "`../../alerte/rancon/`",
            "from this file, write `../alerte/rancon.md`",
        ),
        ("`../ehpad/`", "from this file, write `ehpad.md`"),
        ("`../alerte/T-ALE-001`", "write `@T-ALE-001`"),
    ] {
        let d = find(&report, dest);
        assert!(d.help.as_deref().is_some_and(|h| h.contains(fix)), "{d}");
    }
}

/// Links copied from an e-mail or a document export go through someone else's
/// redirect (Outlook's Safe Links, Proofpoint, Google's `/url?q=`): each is named
/// at its address, in Markdown and in raw HTML, with the address inside it.
#[test]
fn links_wrapped_by_a_redirect_get_the_address_inside() {
    let fx = Fixture::minimal();
    let safe = "https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fcyber.gouv.fr%2Fguide&data=05%7C01%7Cj.dupont%40chu-x.fr%7C&reserved=0";
    let body = format!(
        "\nVoir [le guide]({safe}), [la fiche](https://urldefense.com/v3/__https://ars.sante.fr/plan__;!!x$), \
         [Google](https://www.google.com/url?q=https://sante.gouv.fr/&sa=D) et [direct](https://cyber.gouv.fr/).\n\n\
         <p><a href=\"https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fcert.sante.fr&amp;reserved=0\">CERT</a></p>\n"
    );
    let page = page_with(VALID_FRONT, &body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let wrapped: Vec<&planblanc::diag::Diagnostic> = (report.diagnostics.iter())
        .filter(|d| d.message.starts_with("this link goes through"))
        .collect();
    let targets: Vec<&str> = (wrapped.iter())
        .map(|d| d.help.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(
        targets,
        [
            "link to the address itself: `https://cyber.gouv.fr/guide`",
            "link to the address itself: `https://ars.sante.fr/plan`",
            "link to the address itself: `https://sante.gouv.fr/`",
            "link to the address itself: `https://cert.sante.fr`",
        ],
        "{:#?}",
        messages(&report)
    );
    assert!(
        wrapped[0].message.contains("Outlook's Safe Links")
            && wrapped[0].message.contains("names the mailbox")
    );
    assert!(!wrapped[3].message.contains("mailbox"), "{}", wrapped[3]);
    let line = page.lines().position(|l| l.starts_with("Voir")).unwrap() + 1;
    let col = "Voir [le guide](".chars().count() + 1;
    assert_eq!((wrapped[0].line, wrapped[0].col), (line, col));
    assert!(wrapped.iter().all(|d| !d.is_error()));
}

/// A link to the establishment's own network cannot be followed from a copy, nor
/// during the outage the handbook is read for: named at its address, in Markdown
/// and in raw HTML; public addresses are left alone.
#[test]
fn links_to_a_private_network_are_named() {
    let fx = Fixture::minimal();
    let body = "\nVoir [la GED](http://ged.chu-x.local/crise), [l'intranet](http://intranet/plan) et \
                [l'ANSSI](https://cyber.gouv.fr/).\n\n<p><a href=\"http://10.2.3.4/annuaire.pdf\">annuaire</a></p>\n";
    let page = page_with(VALID_FRONT, body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let hosts: Vec<(usize, &str)> = (report.diagnostics.iter())
        .filter(|d| d.message.contains("a server of a private network"))
        .map(|d| (d.line, d.message.split('`').nth(1).unwrap_or_default()))
        .collect();
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let (text, raw) = (line_of("Voir"), line_of("<p><a"));
    assert_eq!(
        hosts,
        [
            (text, "ged.chu-x.local"),
            (text, "intranet"),
            (raw, "10.2.3.4")
        ],
        "{:#?}",
        messages(&report)
    );
    let d = find(&report, "link to `intranet`");
    assert!(
        !d.is_error() && d.help.as_deref().unwrap().contains("content/"),
        "{d}"
    );
    // A name without a domain may be a public site's, cut short: the fix says so.
    assert!(
        d.message.contains("a name without a domain")
            && d.help
                .as_deref()
                .unwrap()
                .contains("write its whole name (`intranet.fr`"),
        "{d}"
    );
    let ged = find(&report, "link to `ged.chu-x.local`");
    assert!(
        !ged.message.contains("without a domain")
            && !ged.help.as_deref().unwrap().contains("whole name"),
        "{ged}"
    );
    assert_eq!(
        d.col,
        "Voir [la GED](http://ged.chu-x.local/crise), [l'intranet]("
            .chars()
            .count()
            + 1
    );
}

/// SharePoint, OneDrive, Teams and Google Drive open only signed in: a link
/// there is named at its address, with the service, in Markdown and raw HTML; a
/// public site of the same company is left alone.
#[test]
fn links_into_a_signed_in_service_are_named() {
    let fx = Fixture::minimal();
    let body = "\nVoir [le plan](https://chuxyz.sharepoint.com/sites/crise/Plan.docx), \
                [la réunion](https://teams.microsoft.com/l/meetup-join/19%3ameeting) et \
                [Google](https://www.google.com/).\n\n\
                <p><a href=\"https://chuxyz-my.sharepoint.com/personal/x/doc.xlsx\">annuaire</a></p>\n";
    let page = page_with(VALID_FRONT, body);
    fx.write(PAGE, &page);
    let report = fx.check();
    let stores: Vec<(usize, usize, &str)> = (report.diagnostics.iter())
        .filter(|d| d.message.contains("opens only online and signed in"))
        .map(|d| (d.line, d.col, d.message.split(',').next().unwrap()))
        .collect();
    let line_of = |start: &str| page.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let (text, raw) = (line_of("Voir"), line_of("<p><a"));
    let teams = "Voir [le plan](https://chuxyz.sharepoint.com/sites/crise/Plan.docx), [la réunion]("
        .chars()
        .count() + 1;
    assert_eq!(
        stores,
        [
            (text, 16, "link to SharePoint"),
            (text, teams, "link to Teams"),
            (raw, 13, "link to OneDrive"),
        ],
        "{:#?}",
        messages(&report)
    );
    let d = find(&report, "link to SharePoint");
    assert!(
        !d.is_error() && d.help.as_deref().unwrap().contains("content/"),
        "{d}"
    );
    // A meeting cannot be copied: its fix is a way in with no account.
    let teams = find(&report, "link to Teams");
    assert!(
        teams.help.as_deref().unwrap().contains("phone number"),
        "{teams}"
    );
}

/// A YAML tag is no include: the value is the text after it, said at the tag.
#[test]
fn yaml_tags_are_named() {
    let report = with_front_change(
        "tlp: clear",
        "tlp: clear\nowner: !include /etc/passwd\ntags:\n  - !!str crise",
    )
    .check();
    let d = find(&report, "YAML tag `!include` is not read");
    assert_eq!(
        (d.source_line.as_str(), d.col),
        ("owner: !include /etc/passwd", 8),
        "{d}"
    );
    find(&report, "YAML tag `!!str` is not read");
}

/// What Windows and other tools save: UTF-16 is named, JSON front matter gets
/// the YAML way to write it, a no-break space before `:` in a key is named.
#[test]
fn files_saved_by_other_tools_are_explained() {
    let fx = Fixture::minimal();
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("---\nid: X\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fx.write_bytes("content/alerte/unicode.md", &utf16);
    fx.write(
        "content/alerte/json.md",
        "{ \"title\": \"Fiche\" }\n\nTexte.\n",
    );
    fx.write(
        PAGE,
        &page_with(&VALID_FRONT.replace("phase: ", "phase\u{a0}: "), VALID_BODY),
    );
    let report = fx.check();
    find(&report, "file is in UTF-16");
    let json = find(&report, "missing front matter");
    assert!(
        json.file.ends_with("json.md")
            && json
                .help
                .as_deref()
                .unwrap()
                .contains("YAML between two `---`"),
        "{json}"
    );
    let key = find(&report, "unknown field `phase\u{a0}`");
    assert!(key.help.as_deref().unwrap().contains("U+00A0"), "{key}");
}

/// A paragraph pasted as a title would be published in every listing that names
/// the sheet: it is warned about at the title, with where the text belongs.
#[test]
fn a_title_the_length_of_a_paragraph_is_warned_about() {
    let long = "Activer la cellule de crise ".repeat(8);
    let fx = with_front_change(
        "title: \"Activer la cellule de crise\"",
        &format!("title: \"{long}\""),
    );
    // The repeat's last space is not counted: a title is trimmed.
    let d = find(&fx.check(), "the title is 223 characters long").clone();
    assert!(!d.is_error());
    assert_at(&d, PAGE, 3);
    assert!(d.help.as_deref().unwrap().contains("`summary`"), "{d}");
}
