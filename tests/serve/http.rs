//! What the preview server answers (only its folder, only GET and HEAD, every
//! connection) and how it lives: help, ports, and its private folder.

use super::*;

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

/// A page of another site whose name was made to lead here (DNS rebinding) must
/// not read the preview: only requests naming this machine are answered.
#[test]
fn only_requests_naming_this_machine_are_answered() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let ask = |host: &str| -> u16 {
        let mut stream = TcpStream::connect(&server.addr).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            stream,
            "GET /index.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let head = String::from_utf8_lossy(&raw);
        head.split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    };
    for host in [
        format!("attacker.example:{port}"),
        "evil.example".into(),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        assert_eq!(ask(&host), 403, "{host}");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "LOCALHOST".into(),
    ] {
        assert_eq!(ask(&host), 200, "{host}");
    }
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

/// A client that pipelines requests behind its own event stream (two streams,
/// or a page) on several connections, then never reads: HTTP can answer them
/// only once the stream ends, and they must not hold the workers or the streams
/// every other page needs.
#[test]
fn requests_behind_an_event_stream_hold_no_one() {
    let fx = Fixture::minimal();
    let server = Server::start(fx.root());
    let host = &server.addr;
    let stream = format!("GET /__planblanc/events HTTP/1.1\r\nHost: {host}\r\n\r\n");
    let page = format!("GET /index.html HTTP/1.1\r\nHost: {host}\r\n\r\n");
    let mut held = Vec::new();
    for behind in [&stream, &page, &page, &page, &page, &page] {
        let mut c = TcpStream::connect(host).unwrap();
        c.write_all(format!("{stream}{behind}").as_bytes()).unwrap();
        held.push(c);
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(server.get("/index.html").status, 200);
    let mut events = server.events();
    edit(
        &fx,
        "content/alerte/rancon.md",
        "## Étapes",
        "## Étapes modifiées",
    );
    events.wait_for("event: reload");
    drop(held);
}
