//! `planblanc serve`, driven as an author would: the real binary on a copy of the
//! fixture, a hand-written HTTP/1.1 client, the event stream, edits on disk.
//! Every wait is bounded; every server is killed when its test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{self, Fixture};

const SCRIPT_TAG: &str = "<script src=\"/__planblanc/reload.js\"></script>";
const WAIT: Duration = Duration::from_secs(10);

/// A running `planblanc serve`, killed on drop. Its stderr is collected so tests
/// can read the console.
struct Server {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planblanc"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start planblanc serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let mut err = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let (tx, rx) = std::sync::mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let _ = tx.send(line[at + 7..].trim_end_matches('/').to_string());
                }
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            stderr,
        };
        server.addr = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no URL printed; stderr:\n{}", server.console()));
        server
    }

    fn console(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, target: &str) -> Reply {
        request(&self.addr, "GET", target)
    }

    fn events(&self) -> Events {
        Events::open(&self.addr)
    }

    /// Polls `target` until `pred` holds on the body.
    fn wait_page(&self, target: &str, pred: impl Fn(&str) -> bool) -> Reply {
        let deadline = Instant::now() + WAIT;
        loop {
            let reply = self.get(target);
            if pred(&reply.text()) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "{target} never matched; last body:\n{}\nconsole:\n{}",
                reply.text(),
                self.console()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_console(&self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.console().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "console never showed {needle:?}:\n{}",
                self.console()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Killed, the server could not remove its temporary output: do it here.
        let console = self.console();
        let out = console
            .lines()
            .find_map(|l| l.strip_prefix("dossier de prévisualisation : "))
            .and_then(|site| Path::new(site).parent());
        if let Some(dir) = out.filter(|d| {
            d.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("planblanc-serve-"))
        }) {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One HTTP/1.1 request on a fresh connection; the target is sent as is, so tests
/// can send what browsers would normalise away.
fn request(addr: &str, method: &str, target: &str) -> Reply {
    exchange(addr, method, target, "close")
}

/// Sends one request and reads the answer: the body by its Content-Length (the
/// connection may stay open), else up to the end of the connection.
fn exchange(addr: &str, method: &str, target: &str, connection: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: {connection}\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(reply) = parse_reply(&raw, method == "HEAD") {
            return reply;
        }
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) => panic!("{method} {target}: no complete answer: {e}"),
        }
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&raw)));
    reply_of(&raw, split)
}

/// A complete reply with a Content-Length, or `None` while bytes are missing.
fn parse_reply(raw: &[u8], head_only: bool) -> Option<Reply> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let reply = reply_of(raw, split);
    let length: usize = reply.header("Content-Length")?.parse().ok()?;
    let expected = if head_only { 0 } else { length };
    (reply.body.len() >= expected).then_some(reply)
}

fn reply_of(raw: &[u8], split: usize) -> Reply {
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line: {head}"));
    Reply {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

/// A subscription to the server-sent events.
struct Events {
    stream: TcpStream,
    seen: String,
    /// How much of `seen` earlier waits consumed.
    read_upto: usize,
}

impl Events {
    fn open(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        write!(
            stream,
            "GET /__planblanc/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
            read_upto: 0,
        };
        // Once `hello` is in, the server holds this subscriber: edits made after this
        // point are announced to it.
        events.wait_for("event: hello");
        events
    }

    /// Waits for `needle` after what earlier waits consumed; returns when it came.
    fn wait_for(&mut self, needle: &str) -> Instant {
        let deadline = Instant::now() + WAIT;
        let mut buf = [0u8; 4096];
        loop {
            if let Some(at) = self.seen[self.read_upto..].find(needle) {
                self.read_upto += at + needle.len();
                return Instant::now();
            }
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in the event stream:\n{}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {} // read timeout: look again
            }
        }
    }
}

fn edit(fx: &Fixture, rel: &str, from: &str, to: &str) {
    let text = fx.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    fx.write(rel, &text.replacen(from, to, 1));
}

const PAGE: &str = "/alerte/rancon/index.html";
const SOURCE: &str = "content/alerte/rancon.md";

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
    assert_eq!(home.matches(SCRIPT_TAG).count(), 1);
    assert!(home.contains(&format!("{SCRIPT_TAG}</body>")), "{home}");
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
    edit(
        &fx,
        SOURCE,
        "Débranchez le câble réseau",
        "Débranchez vite le câble",
    );
    events.wait_for("event: reload");
    let page = server.get(PAGE).text();
    assert!(page.contains("Débranchez vite le câble"), "{page}");
    assert!(!page.contains("planblanc-overlay"), "{page}");

    // A second edit makes a second reload.
    edit(&fx, SOURCE, "Appelez le numéro interne", "Appelez le 5555");
    events.wait_for("event: reload");
    assert!(server.get(PAGE).text().contains("Appelez le 5555"));
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
        assert_eq!(served.matches(SCRIPT_TAG).count(), 1, "{rel}");
        let expected = std::fs::read(site.join(rel)).unwrap();
        assert!(
            served.replacen(SCRIPT_TAG, "", 1).into_bytes() == expected,
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
    assert_eq!(page, good, "fixing the file restores the page");
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
    let Some(start) = page.find("<div id=\"planblanc-overlay\"") else {
        return page.replacen(SCRIPT_TAG, "", 1);
    };
    let end = page.find(SCRIPT_TAG).expect("script after overlay") + SCRIPT_TAG.len();
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
        page.contains(SCRIPT_TAG),
        "the page reloads once fixed: {page}"
    );

    edit(&fx, SOURCE, "phase: alrte", "phase: alerte");
    events.wait_for("event: reload");
    let reply = server.wait_page("/", |p| p.contains("Manuel de test"));
    assert_eq!(reply.status, 200);
    assert!(!reply.text().contains("planblanc-overlay"));
}

#[test]
fn requests_cannot_leave_the_output_folder() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    for target in [
        "/../Cargo.toml",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%252e%252e/x",
        "/%252e%252e%252fetc%252fpasswd",
        "//etc/passwd",
        "/alerte/..\\..\\x",
        "/..%5c..%5cetc%5cpasswd",
        "/alerte/%00/x",
        "/etc/passwd%00.html",
        "/./index.html",
        "http://localhost/etc/passwd",
        "/__planblanc/../../etc/passwd",
    ] {
        let reply = server.get(target);
        assert!(
            matches!(reply.status, 400 | 403 | 404),
            "{target}: {}",
            reply.status
        );
        let body = reply.text();
        assert!(
            !body.contains("root:") && !body.contains("[package]"),
            "{target} leaked: {body}"
        );
    }
    // The site's own sources are not served either.
    assert_eq!(server.get("/handbook.yaml").status, 404);
    assert_eq!(server.get("/content/alerte/rancon.md").status, 404);
}

#[test]
fn only_get_and_head_are_served_with_the_right_types() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let reply = request(&server.addr, method, "/index.html");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow").as_deref(), Some("GET, HEAD"));
    }
    let head = request(&server.addr, "HEAD", "/index.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let get = server.get("/index.html");
    assert_eq!(
        head.header("Content-Length"),
        Some(get.body.len().to_string())
    );

    for (target, kind) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/site.js", "text/javascript; charset=utf-8"),
        ("/alerte/schema.svg", "image/svg+xml"),
        ("/__planblanc/reload.js", "text/javascript; charset=utf-8"),
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(
            reply.header("Content-Type").as_deref(),
            Some(kind),
            "{target}"
        );
        assert_eq!(reply.header("Cache-Control").as_deref(), Some("no-store"));
    }
    assert_eq!(server.get("/no/such/page.html").status, 404);
    assert_eq!(server.get("/__planblanc/other").status, 404);
}

/// Browsers keep connections alive and open several at once for one page; every
/// one must be answered promptly, even with an event stream open.
#[test]
fn concurrent_keep_alive_connections_are_all_answered() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let _events = server.events();
    let first = exchange(&server.addr, "GET", "/index.html", "keep-alive");
    assert_eq!(first.header("Connection").as_deref(), Some("close"));
    let started = Instant::now();
    let handles: Vec<_> = [
        "/assets/style.css",
        "/assets/syntax.css",
        "/assets/site.js",
        "/assets/search.js",
        "/__planblanc/reload.js",
        "/alerte/schema.svg",
        "/alerte/rancon/index.html",
        "/phases/index.html",
    ]
    .into_iter()
    .map(|target| {
        let addr = server.addr.clone();
        std::thread::spawn(move || exchange(&addr, "GET", target, "keep-alive").status)
    })
    .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn serve_has_help_and_rejects_bad_addresses() {
    let help = Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--port", "--bind", "--open", "--root"] {
        assert!(text.contains(flag), "{flag}: {text}");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .args(["serve", "--bind", "not-an-address"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_port_in_use_is_said_with_the_way_out() {
    let fx = Fixture::minimal();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_planblanc"))
        .args(["serve", "--quiet", "--port", &port, "--root"])
        .arg(fx.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("another program uses port {port}")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}

/// The preview folder is its owner's alone (a `--tlp red` preview holds TLP:RED
/// pages, in a /dev/shm every user shares), and SIGTERM or Ctrl-C remove it.
#[cfg(unix)]
#[test]
fn the_preview_folder_is_private_and_goes_with_the_server() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::minimal();
    for signal in ["-INT", "-TERM"] {
        let mut server = Server::start(fx.root());
        server.wait_console("dossier de prévisualisation : ");
        let console = server.console();
        let site = console
            .lines()
            .find_map(|l| l.strip_prefix("dossier de prévisualisation : "))
            .map(std::path::PathBuf::from)
            .expect("preview folder said");
        let dir = site.parent().unwrap().to_path_buf();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", dir.display());
        let pid = server.child.id().to_string();
        assert!(Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success());
        assert!(!server.child.wait().unwrap().success());
        assert!(!dir.exists(), "{signal}: {} left behind", dir.display());
    }
}
