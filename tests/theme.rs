//! A site's own theme overrides the built-in default file by file and string by
//! string: a hospital changes its header or colours without copying the theme.

use std::fs;

use crate::common::{self, Fixture};
use planblanc::load::Tlp;

fn with_theme(files: &[(&str, &str)]) -> Fixture {
    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml");
    fx.write("handbook.yaml", &format!("{config}theme: monchu\n"));
    for (path, text) in files {
        fx.write(&format!("themes/monchu/{path}"), text);
    }
    fx
}

/// Builds the fixture without errors and reads one file of the site.
fn built_file(fx: &Fixture, rel: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    assert_eq!(fx.build_to(out.path(), Tlp::Clear).errors(), 0);
    fs::read_to_string(out.path().join(rel)).unwrap()
}

fn in_english(fx: &Fixture) {
    let config = fx.read("handbook.yaml");
    fx.write(
        "handbook.yaml",
        &config.replace("language: fr", "language: en"),
    );
}

fn default_file(path: &str) -> String {
    fs::read_to_string(common::repo_root().join("themes/default").join(path)).unwrap()
}

#[test]
fn a_theme_holds_only_what_it_changes() {
    let base = default_file("templates/base.html")
        .replace(
            "<main id=\"main\"",
            "<main data-theme=\"monchu\" id=\"main\"",
        )
        .replace(
            "<p class=\"brand\">",
            "<p class=\"brand\"><img src=\"{{ root }}assets/logo.svg\" alt=\"\">",
        );
    let fx = with_theme(&[
        ("templates/base.html", &base),
        ("css/style.css", "body { color: #123; }\n"),
        ("css/logo.css", ".logo { width: 4rem; }\n"),
        (
            "print/print.css",
            "body { font-family: serif; } /* monchu */\n",
        ),
        (
            "static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let report = fx.build_to(out.path(), Tlp::Clear);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let home = fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(home.contains("<main data-theme=\"monchu\" id=\"main\""));
    let deep = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert!(
        deep.contains("<img src=\"../../assets/logo.svg\" alt=\"\">"),
        "{deep}"
    );
    // Templates, scripts and strings the theme lacks come from the default.
    let page = fs::read_to_string(out.path().join("alerte/rancon/index.html")).unwrap();
    assert!(page.contains("<article class=\"procedure"), "{page}");
    assert!(page.contains("Aller au contenu"));
    let css = fs::read_to_string(out.path().join("assets/style.css")).unwrap();
    assert_eq!(css, "body { color: #123; }\n");
    assert!(out.path().join("assets/logo.css").is_file());
    assert!(out.path().join("assets/logo.svg").is_file());
    assert!(out.path().join("assets/search.js").is_file());
    // The printouts take the theme's print stylesheet.
    let national = fs::read_to_string(out.path().join("impression/national.html")).unwrap();
    assert!(national.contains("<style>\nbody { font-family: serif; } /* monchu */\n"));
    assert!(common::broken_references(out.path()).is_empty());
}

#[test]
fn theme_strings_override_the_default_ones_language_by_language() {
    let fx = with_theme(&[(
        "i18n.yaml",
        "fr:\n  skip_link: \"Aller à la fiche\"\nen:\n  home: \"Front page\"\n",
    )]);
    let home = built_file(&fx, "index.html");
    assert!(home.contains(">Aller à la fiche</a>"), "{home}");
    assert!(
        home.contains(">Accueil</a>"),
        "the default French strings stay"
    );

    in_english(&fx);
    let home = built_file(&fx, "index.html");
    assert!(home.contains(">Front page</a>"), "{home}");
    assert!(
        home.contains(">Skip to content</a>"),
        "English beats the theme's French"
    );
}

#[test]
fn theme_mistakes_name_the_theme_file() {
    let fx = with_theme(&[("templates/term.html", "<p>\n{{ t.no_such_string }}")]);
    let report = fx.check();
    let d = common::find(&report, "no translation for `t.no_such_string`");
    assert_eq!(
        d.file,
        std::path::Path::new("themes/monchu/templates/term.html")
    );
    assert_eq!((d.line, d.col), (2, 4), "{d}");
    let fx = with_theme(&[("templates/term.html", "{{ t.hoem }}")]);
    let d = common::find(&fx.check(), "t.hoem").clone();
    assert_eq!(d.help.as_deref(), Some("did you mean `t.home`?"));

    let fx = with_theme(&[("i18n.yaml", "fr: [\n")]);
    let report = fx.check();
    let d = common::find(&report, "invalid YAML");
    assert_eq!(d.file, std::path::Path::new("themes/monchu/i18n.yaml"));

    let fx = Fixture::minimal();
    let config = fx.read("handbook.yaml");
    fx.write("handbook.yaml", &format!("{config}theme: absent\n"));
    let report = fx.check();
    let d = common::find(&report, "theme `absent` not found");
    assert!(d.help.as_deref().unwrap_or("").contains("remove `theme:`"));
}

/// A template Tera cannot parse is an error at its line and column in the theme's
/// own file, with the line shown, not a build failure naming no file.
#[test]
fn a_template_syntax_error_names_the_file_and_the_place() {
    let base =
        default_file("templates/base.html").replacen("</footer>", "<p>{{ oups </p></footer>", 1);
    let line = base.lines().position(|l| l.contains("{{ oups")).unwrap() + 1;
    let fx = with_theme(&[("templates/base.html", &base)]);
    let report = fx.check();
    let d = common::find(&report, "template syntax:");
    assert!(d.is_error());
    assert_eq!(
        d.file.to_string_lossy(),
        "themes/monchu/templates/base.html"
    );
    assert_eq!(d.line, line, "{d}");
    assert!(d.source_line.contains("{{ oups"), "{d}");
}

/// An error Tera meets while rendering is told as a content error is: at the
/// theme file and line that write the name Tera could not find (the template
/// rendered or one it extends), with the closest name the page has, in every
/// output format; the last good site stays.
#[test]
fn a_template_render_error_is_placed_in_the_theme() {
    let base = default_file("templates/base.html").replacen(
        "{{ site.title }}",
        "{{ site.title | nosuchfilter }}",
        1,
    );
    let line = base
        .lines()
        .position(|l| l.contains("nosuchfilter"))
        .unwrap()
        + 1;
    let fx = with_theme(&[("templates/base.html", &base)]);
    let report = fx.check();
    let d = common::find(&report, "nosuchfilter");
    assert!(d.is_error());
    assert_eq!(
        d.file.to_string_lossy(),
        "themes/monchu/templates/base.html"
    );
    assert_eq!(d.line, line, "{d}");
    assert_eq!(d.source_line.find("nosuchfilter"), Some(d.col - 1), "{d}");

    let fx = Fixture::minimal();
    let out = fx.root().join("out");
    fx.build_to(&out, Tlp::Clear);
    let before = common::read_all(&out);
    let page =
        default_file("templates/page.html").replace("{{ page.summary }}", "{{ page.sumary }}");
    let config = fx.read("handbook.yaml");
    fx.write("handbook.yaml", &format!("{config}theme: monchu\n"));
    fx.write("themes/monchu/templates/page.html", &page);
    let report = fx.build_to(&out, Tlp::Clear);
    let d = common::find(&report, "Variable `page.sumary` not found");
    assert_eq!(
        d.file.to_string_lossy(),
        "themes/monchu/templates/page.html"
    );
    assert!(d.source_line.contains("{{ page.sumary }}"), "{d}");
    assert_eq!(d.help.as_deref(), Some("did you mean `page.summary`?"));
    assert!(!report.written);
    assert!(
        common::read_all(&out) == before,
        "the last good site changed"
    );
    let cli = fx.cli(&["check", "--format", "json"]);
    assert_eq!(cli.status.code(), Some(1));
    let json = String::from_utf8_lossy(&cli.stdout);
    assert!(
        json.contains("\"line\":") && json.contains("page.sumary"),
        "{json}"
    );

    // A template it includes that is not there is found at the include.
    let page = default_file("templates/page.html").replace(
        "<div class=\"content\"",
        "{% include \"absent.html\" %}<div class=\"content\"",
    );
    assert!(page.contains("absent.html"));
    fx.write("themes/monchu/templates/page.html", &page);
    let report = fx.check();
    let d = common::find(&report, "absent.html");
    assert!(
        d.source_line.contains("{% include \"absent.html\" %}"),
        "{d}"
    );
}

/// Mistakes in several templates are all reported by one run, each at its place:
/// a theme author does not fix them one build at a time.
#[test]
fn errors_in_several_templates_are_reported_together() {
    let page =
        default_file("templates/page.html").replace("{{ page.summary }}", "{{ page.sumary }}");
    let term = default_file("templates/term.html")
        .replace(">{{ term.label }}</h1>", ">{{ term.lable }}</h1>");
    let section = default_file("templates/section.html").replace(
        ">{{ section.title | raised }}</h1>",
        ">{{ section.titel | raised }}</h1>",
    );
    let fx = with_theme(&[
        ("templates/page.html", &page),
        ("templates/term.html", &term),
        ("templates/section.html", &section),
    ]);
    let report = fx.check();
    for (file, wrong) in [
        ("page.html", "page.sumary"),
        ("term.html", "term.lable"),
        ("section.html", "section.titel"),
    ] {
        let d = common::find(&report, wrong);
        assert_eq!(
            d.file.to_string_lossy(),
            format!("themes/monchu/templates/{file}")
        );
        assert!(d.source_line.contains(wrong), "{d}");
    }
    // Each once, though every section and term meets it.
    assert_eq!(report.errors(), 3, "{:#?}", report.diagnostics);
}

/// A base template that lost the block page.html fills publishes every procedure
/// empty: the build stops and says why instead of publishing blank sheets.
#[test]
fn a_theme_that_shows_no_procedure_text_is_an_error() {
    let base =
        default_file("templates/base.html").replace("{% block main %}{% endblock main %}", "");
    let fx = with_theme(&[("templates/base.html", &base)]);
    let report = fx.check();
    let d = common::find(&report, "shows none of its procedure's text");
    assert!(d.is_error());
    // The theme changed base.html only: that is where to look.
    assert_eq!(
        d.file.to_string_lossy(),
        "themes/monchu/templates/base.html"
    );
    assert!(
        d.help.as_deref().unwrap_or("").contains("{% block main %}"),
        "{d}"
    );

    // A theme that rewrites the markup around the text shows the text.
    let page = default_file("templates/page.html").replace(
        "{{ content | safe }}",
        "{{ content | replace(from=\"<ol>\", to=\"<ol class='x'>\") | safe }}",
    );
    let fx = with_theme(&[("templates/page.html", &page)]);
    assert_eq!(common::errors(&fx.check()), Vec::<String>::new());
}

/// The default theme keeps the printouts' words in `print/i18n.yaml`: a theme
/// changes them in the same file (its `i18n.yaml` still has the last word).
#[test]
fn a_theme_changes_the_printouts_words_where_the_default_keeps_them() {
    let fx = with_theme(&[(
        "print/i18n.yaml",
        "fr:\n  print_national: \"Manuel du CHU\"\n",
    )]);
    let national = built_file(&fx, "impression/national.html");
    assert!(national.contains("Manuel du CHU"), "{national}");
    // Given in French only, it leaves an English handbook's bundle English.
    in_english(&fx);
    let national = built_file(&fx, "impression/national.html");
    assert!(
        !national.contains("Manuel du CHU"),
        "French in an English bundle"
    );

    let fx = with_theme(&[("print/i18n.yaml", "fr:\n  print_national: \"oups\n")]);
    let d = common::find(&fx.check(), "invalid YAML").clone();
    assert_eq!(
        d.file,
        std::path::Path::new("themes/monchu/print/i18n.yaml")
    );
}

/// The theme's own markup keeps the offline promise: a remote script, an
/// address from the disk's root, or an asset the build does not write is an
/// error at the template line that writes it.
#[test]
fn a_theme_that_loads_what_a_copy_lacks_is_an_error() {
    let base = default_file("templates/base.html");
    for (from, to, said, marked) in [
        (
            "</head>",
            "<script src=\"https://cdn.example/x.js\"></script></head>",
            "loads a remote file (`https://cdn.example/x.js`)",
            "https://cdn.example/x.js",
        ),
        (
            "{{ root }}assets/site.js",
            "/assets/site.js",
            "an address from the disk's root",
            "/assets/site.js",
        ),
        (
            "{{ root }}assets/style.css",
            "{{ root }}assets/styles.css",
            "a file the build does not write",
            "assets/styles.css",
        ),
    ] {
        let changed = base.replacen(from, to, 1);
        let line = changed.lines().position(|l| l.contains(to)).unwrap() + 1;
        let fx = with_theme(&[("templates/base.html", &changed)]);
        let report = fx.check();
        let d = common::find(&report, said);
        assert!(d.is_error());
        assert_eq!(
            d.file.to_string_lossy(),
            "themes/monchu/templates/base.html"
        );
        assert_eq!(d.line, line, "{d}");
        assert_eq!(d.source_line.find(marked), Some(d.col - 1), "{d}");
    }
    // The home page has a template of its own.
    let home = default_file("templates/home.html").replace(
        "{% endblock main %}",
        "<script src=\"https://cdn.example/h.js\"></script>{% endblock main %}",
    );
    let fx = with_theme(&[("templates/home.html", &home)]);
    let d = common::find(
        &fx.check(),
        "loads a remote file (`https://cdn.example/h.js`)",
    )
    .clone();
    assert_eq!(
        d.file.to_string_lossy(),
        "themes/monchu/templates/home.html"
    );
    // A file of the theme's static/ folder is written, so it may be loaded.
    let logo = base.replacen(
        "</head>",
        "<link rel=\"icon\" href=\"{{ root }}assets/logo.svg\"></head>",
        1,
    );
    let fx = with_theme(&[
        ("templates/base.html", &logo),
        ("static/logo.svg", "<svg/>"),
    ]);
    assert_eq!(common::errors(&fx.check()), Vec::<String>::new());
}

/// Theme files that would overwrite each other in `assets/`, and translations
/// that are not text, stop the build at the file that says so.
#[test]
fn theme_files_that_collide_or_translate_to_no_text_are_errors() {
    // The theme's own file replaces the built-in one of its name…
    let fx = with_theme(&[("static/style.css", "body {}")]);
    assert_eq!(built_file(&fx, "assets/style.css"), "body {}");
    // …but two of its own would silently make one.
    let fx = with_theme(&[("css/logo.css", "a {}"), ("static/logo.css", "b {}")]);
    let d = common::find(&fx.check(), "would both be written to assets/logo.css").clone();
    assert!(d.is_error());
    assert_eq!(d.file.to_string_lossy(), "themes/monchu/static/logo.css");

    let fx = with_theme(&[("i18n.yaml", "fr:\n  home: Accueil\n  skip_link: [a, b]\n")]);
    let d = common::find(&fx.check(), "`fr.skip_link` is a list, not a text").clone();
    assert_eq!(
        (d.file.to_string_lossy().as_ref(), d.line),
        ("themes/monchu/i18n.yaml", 3)
    );
    assert!(
        d.help.as_deref().unwrap_or("").contains("skip_link: \"…\""),
        "{d}"
    );
}

/// A translation no template reads is a warning with the key meant; a key of
/// the theme's own given in French only warns an English handbook.
#[test]
fn translations_nothing_reads_are_warned_about() {
    let base = default_file("templates/base.html").replacen(
        "</footer>",
        "<p>{{ t.hospital }}</p></footer>",
        1,
    );
    let fx = with_theme(&[
        ("templates/base.html", &base),
        (
            "i18n.yaml",
            "fr:\n  skip_lnk: \"Aller\"\n  hospital: \"CHU de Nantes\"\n",
        ),
    ]);
    let report = fx.check();
    let d = common::find(&report, "`fr.skip_lnk` translates nothing");
    assert!(!d.is_error());
    assert_eq!(
        (d.line, d.help.as_deref()),
        (2, Some("did you mean `skip_link`?"))
    );
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("French only")));
    in_english(&fx);
    let report = fx.check();
    let d = common::find(&report, "`hospital` is given in French only");
    assert_eq!(d.line, 3, "{d}");
}
