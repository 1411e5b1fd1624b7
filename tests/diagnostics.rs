//! One fixture site per diagnostic: each asserts the message, the file, the line and
//! the fix, on a copy of `tests/fixtures/minimal` with one file broken.

use crate::common::{errors, find, messages, Fixture};
use planblanc::diag::Diagnostic;

pub(crate) const PAGE: &str = "content/mobilisation/cellule.md";

/// The cellule page with its front matter lines replaced/added.
pub(crate) fn page_with(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}")
}

pub(crate) const VALID_FRONT: &str = "id: T-MOB-001
title: \"Activer la cellule de crise\"
summary: \"Réunir la cellule de crise.\"
phase: mobilisation
roles: [directeur]
regions: [\"*\"]
establishment_types: [\"*\"]
priority: P1
status: valide
last_reviewed: 2026-04-01
tlp: clear
previous: T-ALE-001";

pub(crate) const VALID_BODY: &str =
    "\n## Activation\n\nLa cellule se réunit.\n\n## Sécurité\n\nTexte.\n";

pub(crate) fn with_front_change(from: &str, to: &str) -> Fixture {
    assert!(VALID_FRONT.contains(from), "{from}");
    let fx = Fixture::minimal();
    fx.write(PAGE, &page_with(&VALID_FRONT.replace(from, to), VALID_BODY));
    fx
}

pub(crate) fn assert_at(d: &planblanc::diag::Diagnostic, file: &str, line: usize) {
    assert_eq!(d.file.to_string_lossy().replace('\\', "/"), file, "{d}");
    assert_eq!(d.line, line, "{d}");
}

#[test]
fn minimal_fixture_is_clean() {
    let errors = errors(&Fixture::minimal().check());
    assert!(errors.is_empty(), "{errors:#?}");
}

/// An unclosed `[` is reported at its bracket, not at the next key where the
/// parser gave up, with the fix.
#[test]
fn an_unclosed_bracket_is_placed_at_its_opening() {
    let fx = with_front_change("tlp: clear", "tlp: clear\ntags: [crise, \"a, b\", rançon");
    let d = find(&fx.check(), "this `[` is never closed").clone();
    let line = VALID_FRONT.lines().position(|l| l == "tlp: clear").unwrap() + 3;
    assert_at(&d, PAGE, line);
    assert_eq!(d.col, "tags: ".len() + 1, "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("end the value with `]` on the same line")
    );
}

/// A value nested past the parser's limit is refused at its bracket before the
/// parser sees it: libyaml would first spend minutes scanning it.
#[test]
fn deeply_nested_yaml_is_refused_at_once() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let fx = with_front_change(
        "summary: \"Réunir la cellule de crise.\"",
        &format!("summary: {deep}"),
    );
    let d = find(&fx.check(), "values are nested more than 128 levels deep").clone();
    assert_at(&d, PAGE, 4);
    assert_eq!(d.col, "summary: ".len() + 129, "{d}");
    assert!(d.help.as_deref().unwrap().contains("flat"), "{d}");
}

#[test]
fn an_empty_file_is_named_so() {
    let fx = Fixture::minimal();
    fx.write(PAGE, "\n");
    let d = find(&fx.check(), "empty file").clone();
    assert_at(&d, PAGE, 0);
    assert!(d
        .render(false)
        .contains("--> content/mobilisation/cellule.md\n   = help:"));
}

#[test]
fn a_markdown_file_not_named_md_is_neither_published_nor_copied() {
    let fx = Fixture::minimal();
    let secret = page_with(&VALID_FRONT.replace("tlp: clear", "tlp: red"), VALID_BODY);
    fx.write("content/mobilisation/secret.MD", &secret);
    fx.write("content/mobilisation/notes.markdown", &secret);
    let report = fx.check();
    let skipped: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message == "Markdown file not published")
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
    assert!(skipped.iter().all(|d| !d.is_error()));
    let helps: Vec<_> = skipped.iter().filter_map(|d| d.help.as_deref()).collect();
    assert!(helps.contains(&"rename it `secret.md` to publish it as a procedure"));
    assert!(helps.contains(&"rename it `notes.md` to publish it as a procedure"));
    let out = fx.root().join("out");
    fx.build_to(&out, planblanc::load::Tlp::Clear);
    assert!(out.join("index.html").is_file());
    for copied in ["mobilisation/secret.MD", "mobilisation/notes.markdown"] {
        assert!(!out.join(copied).exists(), "{copied} was copied");
    }
}

/// Copies live on USB sticks and Windows laptops: names they refuse or fold
/// together are reported while the author can still rename them.
#[test]
fn names_a_usb_stick_cannot_hold_are_warned_about() {
    let fx = Fixture::minimal();
    let page = |id: &str| page_with(&VALID_FRONT.replace("T-MOB-001", id), VALID_BODY);
    fx.write("content/mobilisation/Cellule.md", &page("T-MOB-091"));
    fx.write("content/mobilisation/aux.md", &page("T-MOB-092"));
    fx.write("content/mobilisation/quoi?.md", &page("T-MOB-093"));
    let report = fx.check();
    let case = find(&report, "differ only by case");
    assert!(!case.is_error());
    assert!(
        case.message.contains("`mobilisation/cellule/index.html`"),
        "{case}"
    );
    let device = find(&report, "the name `aux` is a device name Windows reserves");
    assert_eq!(device.file.to_string_lossy(), "content/mobilisation/aux.md");
    find(&report, "the name `quoi?` holds `?`");
    // The same name with its accents encoded two ways (macOS decomposes them).
    fx.write("content/mobilisation/sch\u{e9}ma.csv", "a\n");
    fx.write("content/mobilisation/sche\u{301}ma.csv", "b\n");
    let report = fx.check();
    let twins = find(&report, "has the same name as the file from");
    assert!(
        twins.message.contains("accents encoded another way"),
        "{twins}"
    );
    // A control character breaks `archive` too: an error at `check` already.
    fx.write("content/mobilisation/tab\tx.pdf", "%PDF-1.4\n");
    let report = fx.check();
    let tab = find(&report, "holds the control character U+0009");
    assert!(tab.is_error(), "{tab}");
}

#[test]
fn missing_front_matter() {
    let fx = Fixture::minimal();
    fx.write(PAGE, "# Activer la cellule\n\nTexte.\n");
    let d = find(&fx.check(), "missing front matter").clone();
    assert_at(&d, PAGE, 1);
    assert!(d.help.unwrap().contains("---"));
}

#[test]
fn unclosed_front_matter() {
    let fx = Fixture::minimal();
    fx.write(PAGE, &format!("---\n{VALID_FRONT}\n{VALID_BODY}"));
    let d = find(&fx.check(), "front matter is not closed").clone();
    assert_at(&d, PAGE, 1);
}

#[test]
fn malformed_yaml_maps_position_to_file_line() {
    let fx = with_front_change("roles: [directeur]", "roles: [directeur");
    let d = find(&fx.check(), "invalid YAML").clone();
    assert_eq!(d.file.to_string_lossy(), PAGE);
    // The YAML error surfaces at or just after the broken line (line 6 of the file).
    assert!((6..=8).contains(&d.line), "{d}");
}

#[test]
fn duplicate_front_matter_key_points_at_the_repeat() {
    // `phase:` is line 5 of the file; the repeat goes right after `roles:` (line 6).
    let fx = with_front_change(
        "roles: [directeur]\n",
        "roles: [directeur]\nphase: alerte\n",
    );
    let d = find(&fx.check(), "duplicate key `phase`").clone();
    assert_at(&d, PAGE, 7);
    assert_eq!(d.col, 1, "{d}");
    assert!(d.help.unwrap().contains("keep one `phase:` line"));
}

/// A repeated key does not hide the page's other mistakes: all in one run,
/// block lists repeated too, and the first value is the one read.
#[test]
fn a_repeated_key_hides_no_other_problem() {
    let fx = with_front_change(
        "priority: P1\nstatus: valide\n",
        "priority: P9\nstatus: valide\nroles:\n  - rssi\n  - directeur\ntitle: \"Autre\"\n",
    );
    let report = fx.check();
    let roles = find(&report, "duplicate key `roles`").clone();
    assert_at(&roles, PAGE, 11);
    let title = find(&report, "duplicate key `title`").clone();
    assert_at(&title, PAGE, 14);
    let priority = find(&report, "`priority` has an unknown value `P9`").clone();
    assert_at(&priority, PAGE, 9);
    assert_eq!(report.errors(), 3, "{:#?}", report.diagnostics);
}

#[test]
fn pasted_control_characters_are_named_at_their_place() {
    // In the front matter YAML refuses it: an error at the character (line 4, after
    // `summary: "Réunir`), not at the start of the front matter.
    let fx = with_front_change("summary: \"Réunir la", "summary: \"Réunir\u{b} la");
    let d = find(&fx.check(), "control character U+000B is not allowed").clone();
    assert_at(&d, PAGE, 4);
    assert_eq!(d.col, 17, "{d}");
    assert!(d.is_error());
    assert!(d.help.unwrap().contains("delete it"));
    // In the text it only shows as nothing: a warning at the first, counting the rest.
    let fx = Fixture::minimal();
    let body = VALID_BODY.replacen("La cellule", "La\u{b}cellule", 1) + "\u{1}\u{85}\n";
    fx.write(PAGE, &page_with(VALID_FRONT, &body));
    let d = find(
        &fx.check(),
        "control character U+000B in the text (and 2 more)",
    )
    .clone();
    // The fences and the 12 front-matter lines take lines 1-14; then "", the
    // heading, "" and the paragraph.
    assert_at(&d, PAGE, 18);
    assert_eq!(d.col, 3, "{d}");
    assert!(!d.is_error());
    // On the site each is a space: HTML allows none of them, and the words
    // around a Word line break stay apart.
    let out = tempfile::tempdir().unwrap();
    fx.build_to(out.path(), planblanc::load::Tlp::Clear);
    let page = PAGE.trim_start_matches("content/").trim_end_matches(".md");
    let html = std::fs::read_to_string(out.path().join(page).join("index.html")).unwrap();
    assert!(html.contains("La cellule"), "{html}");
    assert!(!html.contains(['\u{1}', '\u{b}', '\u{85}']), "{html}");
}

/// A procedure that fails to load is reported once: the pages that link to it or
/// name its id get no errors of their own.
#[test]
fn an_unreadable_page_is_one_error_not_a_cascade() {
    const TARGET: &str = "content/alerte/rancon.md";
    for (from, to) in [
        ("roles: [tout-personnel]", "roles: [tout-personnel"),
        ("tags: [rancongiciel]\n---", "tags: [rancongiciel]\n"),
    ] {
        let fx = Fixture::minimal();
        let page = fx.read(TARGET);
        assert!(page.contains(from), "{from}");
        fx.write(TARGET, &page.replacen(from, to, 1));
        let report = fx.check();
        let errors = errors(&report);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].contains(TARGET), "{errors:#?}");
        // Nor do the editions that lost it warn of a gap.
        assert!(
            !(report.diagnostics.iter()).any(|d| d.message.contains("has no procedure")),
            "{:#?}",
            report.diagnostics
        );
    }
}

/// A level typed as the site shows it (`CLEAR`) is one error at the page: it is
/// read as red to be safe, but the pages that link to it are not warned about a
/// red page nobody chose.
#[test]
fn an_unreadable_level_warns_no_page_that_links_to_it() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &page.replace("tlp: clear", "tlp: CLEAR"),
    );
    let report = fx.check();
    let d = find(&report, "tlp");
    assert!(
        d.is_error() && d.help.as_deref().unwrap_or("").contains("`tlp: clear`"),
        "{d:?}"
    );
    let tlp: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("TLP:RED"))
        .map(|d| format!("{}: {}", d.file.display(), d.message))
        .collect();
    assert!(tlp.is_empty(), "{tlp:#?}");
}

#[test]
fn missing_required_field() {
    let fx = with_front_change("summary: \"Réunir la cellule de crise.\"\n", "");
    let d = find(&fx.check(), "missing required field `summary`").clone();
    assert_at(&d, PAGE, 1);
    assert!(d.help.unwrap().contains("summary:"));
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let fx = with_front_change("priority: P1", "priorty: P1");
    let d = find(&fx.check(), "unknown field `priorty`").clone();
    assert_at(&d, PAGE, 9);
    assert_eq!(d.help.as_deref(), Some("did you mean `priority`?"));
}

#[test]
fn wrong_type() {
    let fx = with_front_change("roles: [directeur]", "roles: {a: 1}");
    let d = find(&fx.check(), "`roles` must be a list of strings").clone();
    assert_at(&d, PAGE, 6);
}

#[test]
fn unknown_taxonomy_code_with_suggestion() {
    let fx = with_front_change(
        "establishment_types: [\"*\"]",
        "establishment_types: [ehpda]",
    );
    let d = find(&fx.check(), "unknown establishment type `ehpda`").clone();
    assert_at(&d, PAGE, 8);
    assert_eq!(d.col, 23);
    assert_eq!(d.help.as_deref(), Some("did you mean `ehpad`?"));
    assert_eq!(d.source_line, "establishment_types: [ehpda]");
}

#[test]
fn unquoted_region_code_says_to_quote() {
    let fx = with_front_change("regions: [\"*\"]", "regions: [84]");
    let d = find(&fx.check(), "must be strings, found the number `84`").clone();
    assert_at(&d, PAGE, 7);
    assert_eq!(d.help.as_deref(), Some("quote it: `\"84\"`"));
}

/// Numbers in a list are named as written and placed at their own item, each
/// its own error: `0x0B` reads as 11, yet is not the `11` beside it.
#[test]
fn numbers_in_a_list_are_named_as_written_at_their_item() {
    let fx = with_front_change("regions: [\"*\"]", "regions: [0x0B, 11.0, +11, 11]");
    let report = fx.check();
    for (written, col) in [("0x0B", 11), ("11.0", 17), ("+11", 23), ("11", 28)] {
        let d = find(&report, &format!("found the number `{written}`")).clone();
        assert_at(&d, PAGE, 7);
        assert_eq!((d.col, d.len), (col, written.len()), "{d}");
        assert_eq!(d.help.unwrap(), format!("quote it: `\"{written}\"`"));
    }
    let fx = with_front_change("roles: [directeur]", "roles:\n  - directeur\n  - 12.5");
    let d = find(&fx.check(), "found the number `12.5`").clone();
    assert_at(&d, PAGE, 8);
    assert_eq!(d.col, 5, "{d}");
}

#[test]
fn star_mixed_with_codes() {
    let fx = with_front_change("regions: [\"*\"]", "regions: [\"*\", \"11\"]");
    let d = find(&fx.check(), "cannot be mixed with codes").clone();
    assert_at(&d, PAGE, 7);
}

#[test]
fn duplicate_id_reports_both_places() {
    let fx = with_front_change("id: T-MOB-001", "id: T-ALE-001");
    let report = fx.check();
    let dups: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message == "duplicate id `T-ALE-001`")
        .collect();
    assert_eq!(dups.len(), 2, "{dups:?}");
    let files: Vec<String> = dups
        .iter()
        .map(|d| d.file.to_string_lossy().into_owned())
        .collect();
    assert!(
        files.contains(&PAGE.to_string())
            && files.contains(&"content/alerte/rancon.md".to_string())
    );
    assert!(dups.iter().all(|d| d.line == 2));
}

/// A sheet copied twice: one error at each holder, naming the others and free
/// ids. What points to the id is not checked against an arbitrary holder (the
/// `next`/`previous` fix used to name whichever copy sorted first).
#[test]
fn a_copied_sheet_is_one_error_at_each_holder_with_free_ids() {
    let fx = Fixture::minimal();
    let copy = page_with(
        &VALID_FRONT.replace("previous: T-ALE-001", "previous: T-ALE-001-IDF"),
        VALID_BODY,
    );
    fx.write("content/mobilisation/cellule-copie.md", &copy);
    fx.write("content/alerte/cellule-bis.md", &copy);
    let report = fx.check();
    let dups: Vec<_> = (report.diagnostics.iter())
        .filter(|d| d.message == "duplicate id `T-MOB-001`")
        .collect();
    assert_eq!(dups.len(), 3, "{dups:?}");
    let copy_error = dups
        .iter()
        .find(|d| d.file.ends_with("cellule-copie.md"))
        .unwrap();
    assert_eq!(
        copy_error.help.as_deref(),
        Some(
            "`T-MOB-001` is also the id of content/alerte/cellule-bis.md and \
             content/mobilisation/cellule.md; ids must be unique: give all but one \
             a new id (`T-MOB-003` and `T-MOB-004` are free)"
        )
    );
    let messages = messages(&report);
    assert!(
        !messages.iter().any(|m| m.contains("`next: T-MOB-001`")),
        "{messages:#?}"
    );
    assert_eq!(errors(&report).len(), 3, "{:#?}", errors(&report));
}

#[test]
fn references_pointing_nowhere() {
    for key in ["variant_of", "related", "replaces", "next"] {
        let line = if key == "related" || key == "replaces" {
            format!("{key}: [T-MOB-01]")
        } else {
            format!("{key}: T-MOB-01")
        };
        let fx = Fixture::minimal();
        let front = format!(
            "{}\n{line}",
            VALID_FRONT.replace("regions: [\"*\"]", "regions: [\"11\"]")
        );
        fx.write(PAGE, &page_with(&front, VALID_BODY));
        let d = find(
            &fx.check(),
            &format!("`{key}` points to an unknown id `T-MOB-01`"),
        )
        .clone();
        assert_at(&d, PAGE, 14);
        // The closest id, `T-MOB-001`, is the page's own: never the fix.
        assert!(
            d.help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean `T-MOB-002`?"),
            "{key}: {d}"
        );
    }
}

/// The same in `handbook.yaml` and a taxonomy: a repeated key is an error at
/// the repeat, and the file's other mistakes come in the same run.
#[test]
fn repeated_keys_in_settings_and_taxonomies_hide_nothing() {
    let fx = Fixture::minimal();
    fx.append(
        "handbook.yaml",
        "title: \"Autre\"\nreview_every_months: douze\n",
    );
    let regions = fx.read("content/_taxonomies/regions.yaml");
    fx.write(
        "content/_taxonomies/regions.yaml",
        &regions.replacen(
            "- code: \"84\"\n  label: \"Auvergne-Rhône-Alpes\"\n",
            "- code: \"84 x\"\n  label: \"Auvergne-Rhône-Alpes\"\n  label: \"ARA\"\n",
            1,
        ),
    );
    let report = fx.check();
    let d = find(&report, "duplicate key `title`").clone();
    let line = fx
        .read("handbook.yaml")
        .lines()
        .position(|l| l.contains("Autre"))
        .unwrap();
    assert_at(&d, "handbook.yaml", line + 1);
    let d = find(&report, "duplicate key `label`").clone();
    assert_at(&d, "content/_taxonomies/regions.yaml", 6);
    assert!(d.message.starts_with("invalid YAML: duplicate"), "{d}");
    find(&report, "invalid code `84 x`");
    find(&report, "review_every_months");
}

/// A `---` left inside the front matter ends it early: one error at that line,
/// not a "missing required field" for each field below it. A body that opens
/// with one line that only looks like a field is left alone.
#[test]
fn a_front_matter_closed_early_is_named_at_its_dashes() {
    let fx = with_front_change("phase: mobilisation\n", "---\nphase: mobilisation\n");
    let report = fx.check();
    let d = find(&report, "this `---` ends the front matter, but `phase:`").clone();
    assert_at(&d, PAGE, 5);
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("missing required")));
    assert_eq!(report.errors(), 1, "{:#?}", report.diagnostics);
    let fx = Fixture::minimal();
    fx.write(
        PAGE,
        &page_with(
            VALID_FRONT,
            &format!("\nstatus: en cours de rédaction\n{VALID_BODY}"),
        ),
    );
    assert!(fx
        .check()
        .diagnostics
        .iter()
        .all(|d| !d.message.contains("ends the front matter")));
}

/// A page whose id is refused (`T-ALE-001é`) is one error: the pages that name
/// the id it was meant to have are spared theirs, and no fix offers the refused id.
#[test]
fn a_refused_id_is_one_error_and_never_the_fix() {
    let fx = Fixture::minimal();
    let page = fx.read("content/alerte/rancon.md");
    fx.write(
        "content/alerte/rancon.md",
        &page.replace("id: T-ALE-001\n", "id: T-ALE-001é\n"),
    );
    let report = fx.check();
    find(&report, "invalid id `T-ALE-001é`");
    assert_eq!(report.errors(), 1, "{:#?}", report.diagnostics);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.help.as_deref().is_some_and(|h| h.contains('é'))),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn previous_next_cycle() {
    let fx = with_front_change(
        "previous: T-ALE-001",
        "previous: T-ALE-001\nnext: T-ALE-001",
    );
    let report = fx.check();
    let d = find(&report, "links form a cycle").clone();
    assert!(
        d.message.contains("T-ALE-001") && d.message.contains("T-MOB-001"),
        "{d}"
    );
}

#[test]
fn invalid_date_and_duration() {
    let fx = with_front_change(
        "last_reviewed: 2026-04-01",
        "last_reviewed: 2026-13-01\ndeadline: 72H",
    );
    let report = fx.check();
    let d = find(&report, "`last_reviewed` is not a valid date").clone();
    assert_at(&d, PAGE, 11);
    let d = find(&report, "`deadline` is not an ISO-8601 duration").clone();
    assert_at(&d, PAGE, 12);
    assert!(d.help.unwrap().contains("PT72H"));
}

#[test]
fn broken_internal_link_and_anchor() {
    let fx = Fixture::minimal();
    let body = "\n## Activation\n\nVoir [x](../alerte/rancn.md) et [y](../alerte/rancon.md#etape) et [z](@T-ALE-002).\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let d = find(&report, "link to a missing page `../alerte/rancn.md`").clone();
    assert_at(&d, PAGE, 18);
    assert_eq!(d.col, 10);
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .contains("../alerte/rancon.md"),
        "{d}"
    );
    let d = find(&report, "missing anchor `#etape`").clone();
    assert_at(&d, PAGE, 18);
    // The caret underlines the destination, as for every other link error.
    assert_eq!(
        (d.col, d.len),
        (37, "../alerte/rancon.md#etape".len()),
        "{d}"
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `etapes`?"));
    let d = find(&report, "link to unknown id `T-ALE-002`").clone();
    assert_at(&d, PAGE, 18);
}

/// A link written as GitHub, GitLab, Hugo or mdBook name headings (accents and
/// capitals kept, punctuation dropped, `-1` for a repeat, percent-encoded), or
/// after a heading's text where `{#…}` names it otherwise, is told the anchor
/// it means.
#[test]
fn anchors_written_as_other_generators_write_them_are_pointed_to() {
    let fx = Fixture::minimal();
    let body = "\n## Étapes clés (H+0 → H+1)\n\n## Critères de sortie {#sortie}\n\n\
                ## Étapes clés (H+0 → H+1)\n\n\
                [a](#étapes-clés-h0--h1) [b](#%C3%89tapes-Cl%C3%A9s-H0--H1) \
                [c](#critères-de-sortie) [d](#étapes-clés-h0--h1-1) [e](#sorti)\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    for (written, meant) in [
        ("étapes-clés-h0--h1", "etapes-cles-h-0-h-1"),
        ("%C3%89tapes-Cl%C3%A9s-H0--H1", "etapes-cles-h-0-h-1"),
        ("critères-de-sortie", "sortie"),
        ("étapes-clés-h0--h1-1", "etapes-cles-h-0-h-1-1"),
        ("sorti", "sortie"),
    ] {
        let d = find(
            &report,
            &format!("missing anchor `#{written}` in this page"),
        );
        assert!(d.is_error(), "{d}");
        let help = format!("did you mean `{meant}`?");
        assert_eq!(d.help.as_deref(), Some(help.as_str()), "{d}");
    }
}

/// pulldown-cmark hands a destination over decoded; the caret still covers it
/// as written: escapes, character references, `<…>`, a table's `\|`.
#[test]
fn the_caret_covers_a_destination_as_written() {
    let fx = Fixture::minimal();
    let lines = [
        "[a](foo%20b&auml;.md)",
        "[b](foo\\(et\\(bar\\).md)",
        "![c](<mon image&eacute;.png> \"titre\")",
        "[d [imbriqué]](cible\\_x.md 'titre')",
    ];
    let body = format!(
        "\n{}\n\n| t |\n| --- |\n| [e](un\\|deux.md) |\n",
        lines.join("\n\n")
    );
    fx.write(PAGE, &page_with(VALID_FRONT, &body));
    let report = fx.check();
    let written = [
        "foo%20b&auml;.md",
        "foo\\(et\\(bar\\).md",
        "mon image&eacute;.png",
        "cible\\_x.md",
        "un\\|deux.md",
    ];
    for (decoded, written) in [
        "foo%20bä.md",
        "foo(et(bar).md",
        "mon imageé.png",
        "cible_x.md",
        "un|deux.md",
    ]
    .into_iter()
    .zip(written)
    {
        let d = find(&report, &format!("`{decoded}`"));
        let byte = d.source_line.find(written).expect("written on its line");
        let col = d.source_line[..byte].chars().count() + 1;
        assert_eq!((d.col, d.len), (col, written.chars().count()), "{d}");
    }
}

#[test]
fn site_absolute_link_is_an_error() {
    let fx = Fixture::minimal();
    fx.write(
        PAGE,
        &page_with(
            VALID_FRONT,
            "\nVoir [x](/alerte/rancon/index.html), [y](@/alerte/rancon.md#etapes) et \
             [z](/alerte/rancon.md#etapes).\n",
        ),
    );
    let report = fx.check();
    let d = find(&report, "site-absolute link").clone();
    assert!(d.is_error());
    // The published address of a page: the fix is its Markdown file.
    assert!(d.help.unwrap().contains("`../alerte/rancon.md`"));
    let d = find(&report, "site-absolute link `/alerte/rancon.md#etapes`");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("`../alerte/rancon.md#etapes`"),
        "{d}"
    );
    // Zola's path from `content/` keeps its anchor in the fix.
    let d = find(&report, "is a Zola internal link");
    assert_eq!(
        d.help.as_deref(),
        Some("write the path relative to this file: `../alerte/rancon.md#etapes`")
    );
}

#[test]
fn script_links_are_errors_and_are_not_published() {
    let fx = Fixture::minimal();
    let body = "\nVoir [x](javascript:alert(1)) et ![y](JavaScript:void(0)).\n";
    fx.write(PAGE, &page_with(VALID_FRONT, body));
    let report = fx.check();
    let d = find(&report, "link `javascript:alert(1)` runs a script").clone();
    assert!(d.is_error());
    assert_eq!((d.line, d.col), (16, 10), "{d}");
    find(&report, "image `JavaScript:void(0)` runs a script");
    let out = fx.root().join("out");
    assert!(fx.build_to(&out, planblanc::load::Tlp::Clear).errors() > 0);
    assert!(!out.exists(), "a site was written despite the errors");
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let fx = Fixture::minimal();
    let mut bytes = page_with(VALID_FRONT, "\nLigne un.\nLigne ").into_bytes();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b" deux.\n");
    fx.write_bytes(PAGE, &bytes);
    let d = find(&fx.check(), "not valid UTF-8").clone();
    assert_at(&d, PAGE, 17);
    assert_eq!(d.col, 7);
}

#[test]
fn link_to_more_restricted_tlp_is_a_warning() {
    let report = Fixture::minimal().check();
    let d = find(&report, "TLP:CLEAR page links to a TLP:AMBER page").clone();
    assert!(!d.is_error());
    assert_at(&d, "content/mobilisation/ehpad.md", 14);
    // The same link written in raw HTML is said the same way.
    let fx = Fixture::minimal();
    fx.write(
        PAGE,
        &page_with(VALID_FRONT, "\n<a href=\"annuaire-idf.md\">annuaire</a>\n"),
    );
    let d = find(
        &fx.check(),
        "TLP:CLEAR page links to a TLP:AMBER page (`annuaire-idf.md`)",
    )
    .clone();
    assert_at(&d, PAGE, 16);
    assert_eq!(d.col, 10, "{d}");
}

#[test]
fn overdue_review_is_a_warning() {
    let fx = with_front_change("last_reviewed: 2026-04-01", "last_reviewed: 2024-01-15");
    let d = find(&fx.check(), "review overdue").clone();
    assert!(!d.is_error());
    assert_at(&d, PAGE, 11);
    assert!(d.message.contains("due 2025-01-15"), "{d}");
}

#[test]
fn raw_html_loading_external_is_a_warning() {
    let fx = Fixture::minimal();
    fx.write(
        PAGE,
        &page_with(
            VALID_FRONT,
            "\n<iframe src=\"https://example.org/carte\"></iframe>\n",
        ),
    );
    let d = find(&fx.check(), "fails offline").clone();
    assert!(!d.is_error());
    assert_at(&d, PAGE, 16);
    // The caret is on the address, not on the start of the tag.
    assert_eq!(
        (d.col, d.len),
        (14, "https://example.org/carte".len()),
        "{d}"
    );
}

#[test]
fn raw_html_comment_left_open_is_an_error_that_names_its_line() {
    let fx = Fixture::minimal();
    // A draft commented out and never closed would hide the rest of the page,
    // its links and the search scripts.
    fx.write(
        PAGE,
        &page_with(
            VALID_FRONT,
            "\nTexte.\n\n> Citation : <!-- brouillon\n\n<!-- brouillon\n\n## Suite\n",
        ),
    );
    let report = fx.check();
    let d = find(&report, "comment `<!--` is never closed").clone();
    assert!(d.is_error());
    assert_at(&d, PAGE, 20);
    assert_eq!((d.col, d.len), (1, 4), "{d}");
    assert_eq!(d.help.as_deref(), Some("close it with `-->`"));
    // The `<!--` inside the quote is text (never closed on its line), not HTML.
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("raw HTML"))
            .count(),
        1,
        "{report:?}"
    );
    insta::assert_snapshot!(d.render(false));
}

#[test]
fn raw_html_script_left_open_is_an_error() {
    let fx = Fixture::minimal();
    fx.write(
        PAGE,
        &page_with(
            VALID_FRONT,
            "\nTexte.\n\n<style>\np { color: red }\n\nSuite.\n",
        ),
    );
    let d = find(&fx.check(), "`<style>` is never closed").clone();
    assert!(d.is_error());
    assert_at(&d, PAGE, 18);
}

#[test]
fn raw_html_tags_that_reach_out_of_the_text_are_warnings() {
    let fx = Fixture::minimal();
    fx.write(
        PAGE,
        &page_with(
            VALID_FRONT,
            "\n<details>\n<summary>Détail</summary>\n\nTexte **Markdown**.\n\n</details>\n\n\
             - un <span>point\n\n</section>\n\n<div class=\"encadre\">\n\nSuite.\n",
        ),
    );
    let report = fx.check();
    let raw: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("raw HTML"))
        .map(|d| (d.message.as_str(), d.line, d.col, d.is_error()))
        .collect();
    assert_eq!(
        raw,
        [
            ("raw HTML `<span>` is never closed", 23, 6, false),
            (
                "raw HTML `</section>` closes nothing opened in this page",
                25,
                1,
                false
            ),
            ("raw HTML `<div>` is never closed", 27, 1, false),
        ]
    );
}

#[test]
fn placeholder_taken_for_an_html_tag_is_a_warning_with_the_escape() {
    let fx = Fixture::minimal();
    // Browsers drop unknown tags: the reader would see "Appelez le  puis notez ."
    fx.write(
        PAGE,
        &page_with(
            VALID_FRONT,
            "\nAppelez le <numero> puis notez <nom du cadre>.\n",
        ),
    );
    let report = fx.check();
    let d = find(&report, "`<nom du cadre>` is read as an HTML tag").clone();
    assert!(!d.is_error());
    assert_at(&d, PAGE, 16);
    assert_eq!((d.col, d.len), (32, "<nom du cadre>".len()), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("to show it as text, write `\\<nom du cadre>`")
    );
    find(
        &report,
        "`<numero>` is read as an HTML tag, so it does not show on the page",
    );
}

#[test]
fn fields_named_as_in_hugo_or_zola_get_planblanc_s_name() {
    let fx = with_front_change(
        "tlp: clear",
        "tlp: clear\ndescription: \"x\"\ndate: 2026-01-01",
    );
    let report = fx.check();
    let d = find(&report, "unknown field `description`").clone();
    assert_at(&d, PAGE, 13);
    assert_eq!(
        d.help.as_deref(),
        Some("planblanc calls this field `summary`: move its value there")
    );
    let d = find(&report, "unknown field `date`");
    assert_eq!(
        d.help.as_deref(),
        Some("planblanc calls this field `last_reviewed`: move its value there")
    );
}

#[test]
fn unknown_code_language_is_a_warning() {
    let fx = Fixture::minimal();
    fx.write(PAGE, &page_with(VALID_FRONT, "\n```klingon\nqapla'\n```\n"));
    let d = find(&fx.check(), "unknown code language `klingon`").clone();
    assert!(!d.is_error());
    assert_at(&d, PAGE, 16);
    // What other tools write for plain text is no language to warn about.
    for plain in ["text", "plaintext", "none", "Text"] {
        fx.write(
            PAGE,
            &page_with(VALID_FRONT, &format!("\n```{plain}\nsortie\n```\n")),
        );
        let report = fx.check();
        let languages: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("language"))
            .collect();
        assert!(languages.is_empty(), "{plain}: {languages:#?}");
    }
}

/// A theme is a folder under `themes/`, never a path (its files are published);
/// the edition names folders and files, so it holds no `/`.
#[test]
fn theme_and_edition_are_names_not_paths() {
    for (line, key, needle) in [
        (
            "theme: /tmp/ailleurs",
            "theme",
            "must name a folder under `themes/`",
        ),
        (
            "theme: ../../ailleurs",
            "theme",
            "must name a folder under `themes/`",
        ),
        ("theme: ..", "theme", "must name a folder under `themes/`"),
        (
            "edition: \"../../x\"",
            "edition",
            "must hold only letters, digits",
        ),
        (
            "edition: \"2026 1\"",
            "edition",
            "must hold only letters, digits",
        ),
    ] {
        let fx = Fixture::minimal();
        let config = fx.read("handbook.yaml");
        let config = config
            .lines()
            .filter(|l| !l.starts_with(&format!("{key}:")))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
            + line
            + "\n";
        fx.write("handbook.yaml", &config);
        let report = fx.check();
        let d = find(&report, needle);
        assert!(d.is_error() && d.source_line == line, "{line}: {d:?}");
    }
    // A theme that is not there is said at its line.
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml") + "theme: absent\n";
    fx.write("handbook.yaml", &config);
    let report = fx.check();
    let d = find(&report, "theme `absent` not found");
    assert_eq!((d.source_line.as_str(), d.col), ("theme: absent", 8), "{d}");
}

/// Windows editors start UTF-8 files with a byte-order mark: configuration and
/// taxonomies read as if it were not there, and their problems keep their lines.
#[test]
fn a_byte_order_mark_is_not_a_yaml_document() {
    let fx = Fixture::minimal();
    for file in ["handbook.yaml", "content/_taxonomies/roles.yaml"] {
        fx.write(file, &format!("\u{feff}{}", fx.read(file)));
    }
    let report = fx.check();
    assert_eq!(errors(&report), Vec::<String>::new());
    let config = fx
        .read("handbook.yaml")
        .replace("review_every_months", "review_every_month");
    fx.write("handbook.yaml", &config);
    let d = find(&fx.check(), "unknown field `review_every_month`").clone();
    assert!(d.source_line.starts_with("review_every_month:"), "{d:?}");
}

/// A setting of the wrong type says which value was meant: `oui` is `true`, and
/// quotes made `"10"` text.
#[test]
fn a_setting_of_the_wrong_type_gets_the_value_meant() {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml") + "highlight: non\npaginate_by: \"10\"\n";
    fx.write("handbook.yaml", &config);
    let report = fx.check();
    let d = find(&report, "`highlight` must be `true` or `false`");
    assert_eq!(d.help.as_deref(), Some("write `highlight: false`"));
    let d = find(&report, "`paginate_by` must be a whole number");
    assert_eq!(
        d.help.as_deref(),
        Some("remove the quotes: `paginate_by: 10`")
    );
}

#[test]
fn bad_config_and_taxonomy() {
    let fx = Fixture::minimal();
    fx.write(
        "handbook.yaml",
        "title: T\nedition: \"1\"\nreview_every_month: 6\n",
    );
    fx.write("content/_taxonomies/roles.yaml", "- code: directeur\n  label: Directeur\n- code: rssi\n  lable: RSSI\n- code: tout-personnel\n  label: Tous\n");
    let report = fx.check();
    let d = find(&report, "unknown field `review_every_month`").clone();
    assert_at(&d, "handbook.yaml", 3);
    assert_eq!(
        d.help.as_deref(),
        Some("did you mean `review_every_months`?")
    );
    let d = find(&report, "unknown field `lable`").clone();
    assert_at(&d, "content/_taxonomies/roles.yaml", 4);
    // At the key, in place of `label` said missing; and the pages that use the
    // term's code get no error of their own.
    assert_eq!((d.col, d.len), (3, 5), "{d}");
    let all = messages(&report);
    assert!(
        !all.iter()
            .any(|m| m.contains("missing required field `label`") || m.contains("`rssi`")),
        "{all:#?}"
    );
    // An entry written as a flow mapping is placed the same way.
    fx.write(
        "content/_taxonomies/roles.yaml",
        "- {code: directeur, label: Directeur}
- {code: rssi, lable: RSSI}
- {code: tout-personnel, label: Tous}
",
    );
    let d = find(&fx.check(), "unknown field `lable`").clone();
    assert_at(&d, "content/_taxonomies/roles.yaml", 2);
    assert_eq!((d.col, d.len), (16, 5), "{d}");
}

#[test]
fn every_problem_in_one_run_sorted_by_file_and_line() {
    let fx = Fixture::minimal();
    fx.write(
        PAGE,
        &page_with(
            &VALID_FRONT
                .replace("phase: mobilisation", "phase: mobilisaton")
                .replace("tlp: clear", "tlp: orange"),
            "\n[x](nowhere.md)\n",
        ),
    );
    fx.write("content/alerte/autre.md", "pas de front matter\n");
    let report = fx.check();
    let shown: Vec<(String, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.file.to_string_lossy().into_owned(), d.line))
        .collect();
    assert!(shown.len() >= 4, "{shown:?}");
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(shown, sorted);
    find(&report, "unknown phase `mobilisaton`");
    find(&report, "`tlp` has an unknown value `orange`");
    find(&report, "missing front matter");
    find(&report, "link to a missing page `nowhere.md`");
}

#[test]
fn rendered_diagnostic_snapshot() {
    let fx = with_front_change(
        "establishment_types: [\"*\"]",
        "establishment_types: [ehpda]",
    );
    insta::assert_snapshot!(rendered(&fx, Diagnostic::is_error));
}

/// The diagnostics of `fx`'s check that `keep` keeps, as an author reads them.
fn rendered(fx: &Fixture, keep: impl Fn(&Diagnostic) -> bool) -> String {
    let report = fx.check();
    let shown: Vec<String> = (report.diagnostics.iter())
        .filter(|d| keep(d))
        .map(|d| d.render(false))
        .collect();
    shown.join("\n\n")
}

/// French writes quotes and apostrophes inside its titles: a quote that ends
/// the value early is pointed at, with the value requoted as YAML reads it.
#[test]
fn a_quote_inside_a_quoted_title_snapshot() {
    let fx = with_front_change(
        "title: \"Activer la cellule de crise\"",
        "title: \"Activer le \"plan blanc\" de l'établissement\"",
    );
    let edit = |file: &str, from: &str, to: &str| {
        let text = fx.read(file);
        assert!(text.contains(from), "{file}: {from}");
        fx.write(file, &text.replacen(from, to, 1));
    };
    edit(
        "content/alerte/rancon.md",
        "summary: \"Les gestes de tout professionnel.\"",
        "summary: 'L'équipe de garde prévient'",
    );
    edit(
        "content/alerte/rancon-idf.md",
        "title: \"Mon poste affiche une rançon (Île-de-France)\"",
        "title: \"Mon poste affiche une rançon\" (Île-de-France)",
    );
    insta::assert_snapshot!(rendered(&fx, |d| d.message.starts_with("invalid YAML")));
}

/// A value starting with a character YAML gives a meaning to (a list item's
/// `- `, a reserved `@`) is named at that character, with the value quoted.
#[test]
fn a_value_starting_with_a_yaml_character_snapshot() {
    let fx = with_front_change(
        "title: \"Activer la cellule de crise\"",
        "title: - Activer la cellule de crise",
    );
    let ehpad = "content/mobilisation/ehpad.md";
    let text = fx
        .read(ehpad)
        .replacen("title: \"Cellule en EHPAD\"", "title: @Cellule EHPAD", 1);
    fx.write(ehpad, &text);
    insta::assert_snapshot!(rendered(&fx, |d| d.message.starts_with("invalid YAML")));
}
