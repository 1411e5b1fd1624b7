//! The authoring loop: an edit shows, an error shows over the last good page, and
//! what is served equals a clean build.

use super::*;

const PAGE: &str = "/alerte/rancon/index.html";
const SOURCE: &str = "content/alerte/rancon.md";

/// Edits the ransom sheet's text and waits for the pages to be told to reload.
fn edit_text_and_wait(fx: &Fixture, events: &mut Events) {
    edit(
        fx,
        SOURCE,
        "Débranchez le câble réseau",
        "Débranchez vite le câble",
    );
    events.wait_for("event: reload");
}

#[test]
fn serves_the_site_and_reloads_pages_after_an_edit() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control").as_deref(), Some("no-store"));
    let home = home.text();
    assert!(home.contains("Manuel de test"), "{home}");
    assert_eq!(home.matches(SCRIPT_START).count(), 1);
    assert!(
        home.contains(&format!("{}</body>", script_tag(&home))),
        "{home}"
    );
    assert_eq!(
        server.get("/alerte/rancon/").text(),
        server.get(PAGE).text()
    );
    assert_eq!(
        server.get("/alerte/").text(),
        server.get("/alerte/index.html").text()
    );
    // Without its slash, a folder's relative links would resolve one level up.
    let moved = server.get("/alerte?x=1");
    assert_eq!(moved.status, 302);
    assert_eq!(moved.header("Location").as_deref(), Some("/alerte/?x=1"));

    let script = server.get("/__planblanc/reload.js");
    assert_eq!(script.status, 200);
    assert!(script
        .text()
        .contains("EventSource(\"/__planblanc/events\")"));

    let mut events = server.events();
    edit_text_and_wait(&fx, &mut events);
    let page = server.get(PAGE).text();
    assert!(page.contains("Débranchez vite le câble"), "{page}");
    assert!(!page.contains("planblanc-overlay"), "{page}");

    // A second edit makes a second reload.
    edit(&fx, SOURCE, "Appelez le numéro interne", "Appelez le 5555");
    events.wait_for("event: reload");
    assert!(server.get(PAGE).text().contains("Appelez le 5555"));
}

/// From the handbook's own folder (the default `--root .`), an edit to a page's
/// text is an incremental rebuild, as with an absolute root.
#[test]
fn a_relative_root_gets_incremental_rebuilds() {
    let fx = Fixture::minimal();
    let server = Server::start_in(fx.root());
    let mut events = server.events();
    edit_text_and_wait(&fx, &mut events);
    server.wait_console("load+markdown");
    assert!(server.get(PAGE).text().contains("Débranchez vite le câble"));
}

/// An edit that changes no served file (a sheet this preview does not publish)
/// reloads no page; the next one that does, reloads them.
#[test]
fn an_edit_that_changes_nothing_served_reloads_nothing() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let mut events = server.events();
    let built = |server: &Server| server.console().matches("construit").count();
    let before = built(&server);
    edit(
        &fx,
        "content/mobilisation/annuaire-idf.md",
        "astreinte 01 00",
        "astreinte 02 00",
    );
    let deadline = Instant::now() + WAIT;
    while built(&server) == before {
        assert!(
            Instant::now() < deadline,
            "no rebuild:\n{}",
            server.console()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let after = events.drain(Duration::from_millis(500)).to_string();
    assert!(
        !after.contains("event: reload"),
        "reloaded for nothing:\n{after}"
    );
    edit_text_and_wait(&fx, &mut events);
}

#[test]
fn served_pages_equal_a_clean_build_but_for_the_script() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let mut events = server.events();
    edit(&fx, SOURCE, "Note de bas de page.", "Note modifiée.");
    events.wait_for("event: reload");

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let built = fx.cli(&["build", "--quiet", "--out", site.to_str().unwrap()]);
    assert!(built.status.success(), "{:?}", built);
    for rel in [
        "index.html",
        "alerte/rancon/index.html",
        "alerte/index.html",
        "mobilisation/cellule/index.html",
        "phases/index.html",
    ] {
        let served = server.get(&format!("/{rel}"));
        assert_eq!(served.status, 200, "{rel}");
        let served = served.text();
        assert_eq!(served.matches(SCRIPT_START).count(), 1, "{rel}");
        let expected = std::fs::read(site.join(rel)).unwrap();
        assert!(
            served.replacen(script_tag(&served), "", 1).into_bytes() == expected,
            "{rel} differs from the build"
        );
    }
    assert!(server
        .get("/alerte/rancon/index.html")
        .text()
        .contains("Note modifiée."));

    // Nothing of the preview ever reaches a build.
    for rel in common::files(&site) {
        let bytes = std::fs::read(site.join(&rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__planblanc") && !text.contains("planblanc-overlay"),
            "{} carries preview code",
            rel.display()
        );
    }
    assert!(
        !fx.root().join("public").exists(),
        "serve must not write <root>/public"
    );
}

#[test]
fn content_errors_show_an_overlay_over_the_last_good_page() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let mut events = server.events();
    let good = server.get(PAGE).text();

    edit(&fx, SOURCE, "phase: alerte", "phase: alrte");
    events.wait_for("event: reload");
    let reply = server.get(PAGE);
    assert_eq!(reply.status, 200, "the last good page is still served");
    let page = reply.text();
    assert!(
        page.contains("<div id=\"planblanc-overlay\" role=\"alert\""),
        "{page}"
    );
    assert!(page.contains("content/alerte/rancon.md:6:8"), "{page}");
    assert!(page.contains("unknown phase `alrte`"), "{page}");
    assert!(page.contains("did you mean `alerte`?"), "{page}");
    assert_eq!(
        strip_injection(&page),
        strip_injection(&good),
        "the page under the overlay is the last good build"
    );
    // Every HTML page carries it, not only the broken one.
    assert!(server.get("/").text().contains("planblanc-overlay"));
    assert!(!server
        .get("/assets/style.css")
        .text()
        .contains("planblanc-overlay"));
    // The console shows the diagnostic as `check` renders it.
    server.wait_console("--> content/alerte/rancon.md:6:8");
    server.wait_console("unknown phase `alrte`");

    // Diagnostics are escaped: a value with markup stays text.
    edit(
        &fx,
        SOURCE,
        "phase: alrte",
        "phase: \"<img src=x onerror=alert(1)>\"",
    );
    events.wait_for("event: reload");
    let page = server.get(PAGE).text();
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    assert!(!page.contains("<img src=x"), "{page}");

    edit(
        &fx,
        SOURCE,
        "phase: \"<img src=x onerror=alert(1)>\"",
        "phase: alerte",
    );
    events.wait_for("event: reload");
    let page = server.get(PAGE).text();
    assert!(!page.contains("planblanc-overlay"), "{page}");
    assert_eq!(
        strip_injection(&page),
        strip_injection(&good),
        "fixing the file restores the page"
    );
}

#[test]
fn new_and_removed_files_and_the_config_are_watched() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let mut events = server.events();

    let page = fx
        .read("content/mobilisation/cellule.md")
        .replace("id: T-MOB-001", "id: T-MOB-009")
        .replace("Activer la cellule de crise", "Une fiche toute neuve")
        .replace("previous: T-ALE-001\n", "");
    fx.write("content/mobilisation/neuve.md", &page);
    events.wait_for("event: reload");
    let reply = server.wait_page("/mobilisation/neuve/index.html", |p| {
        p.contains("Une fiche toute neuve")
    });
    assert_eq!(reply.status, 200);

    fx.remove("content/mobilisation/neuve.md");
    events.wait_for("event: reload");
    let gone = server.wait_page("/mobilisation/neuve/index.html", |p| {
        p.contains("Page introuvable")
    });
    assert_eq!(gone.status, 404);

    edit(&fx, "handbook.yaml", "Manuel de test", "Manuel renommé");
    events.wait_for("event: reload");
    server.wait_page("/", |p| p.contains("Manuel renommé"));
    assert!(
        server.console().contains("modifié : handbook.yaml"),
        "{}",
        server.console()
    );
}

fn strip_injection(page: &str) -> String {
    let tag = script_tag(page);
    let Some(start) = page.find("<div id=\"planblanc-overlay\"") else {
        return page.replacen(tag, "", 1);
    };
    let end = page.find(tag).expect("script after overlay") + tag.len();
    format!("{}{}", &page[..start], &page[end..])
}

#[test]
fn a_site_that_never_built_shows_errors_then_appears() {
    let fx = Fixture::minimal();
    edit(&fx, SOURCE, "phase: alerte", "phase: alrte");
    let server = Server::start(fx.root());
    let mut events = server.events();
    let reply = server.get("/");
    assert_eq!(reply.status, 404);
    let page = reply.text();
    assert!(page.contains("role=\"alert\""), "{page}");
    assert!(page.contains("unknown phase `alrte`"), "{page}");
    assert!(
        page.contains(SCRIPT_START),
        "the page reloads once fixed: {page}"
    );

    edit(&fx, SOURCE, "phase: alrte", "phase: alerte");
    events.wait_for("event: reload");
    let reply = server.wait_page("/", |p| p.contains("Manuel de test"));
    assert_eq!(reply.status, 200);
    assert!(!reply.text().contains("planblanc-overlay"));
}

/// The `data-build` the page's script tag carries.
fn page_build(page: &str) -> String {
    let tag = script_tag(page);
    let start = tag.find("data-build=\"").expect("data-build") + "data-build=\"".len();
    tag[start..start + tag[start..].find('"').unwrap()].to_string()
}

/// The build the stream's `hello` names.
fn hello_build(events: &mut Events) -> String {
    let seen = &events.seen;
    let at = seen.rfind("event: hello\ndata: ").expect("hello") + "event: hello\ndata: ".len();
    seen[at..at + seen[at..].find('\n').unwrap()].to_string()
}

/// A page names the build it was served from, and the event stream the build
/// now: a page fetched just before a save (its reload event sent while it was
/// still loading) sees them differ and reloads itself; a fresh page does not.
#[test]
fn a_page_knows_which_build_it_shows() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let before = server.get(PAGE).text();
    assert_eq!(page_build(&before), hello_build(&mut server.events()));

    let mut events = server.events();
    edit_text_and_wait(&fx, &mut events);
    let now = hello_build(&mut server.events());
    assert_ne!(page_build(&before), now, "the stale page would not reload");
    assert_eq!(page_build(&server.get(PAGE).text()), now);

    // The script closes its stream before reloading (six tabs would otherwise
    // hold every connection the browser allows the server), and compares builds.
    let script = server.get("/__planblanc/reload.js").text();
    assert!(script.contains("events.close();"), "{script}");
    assert!(script.contains("getAttribute(\"data-build\")"), "{script}");
}
