//! The HTTP side of the preview: GET and HEAD only, files from the output folder
//! with the reload script (and the error overlay) added to HTML, the event stream,
//! and nothing else. A bad request gets a status code, never a panic. tiny_http
//! accepts connections and parses requests; `reply` writes the answers.

use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use tiny_http::{Method, Request, Server};

use super::inject::{self, EVENTS_PATH, RELOAD_JS, RESERVED_PREFIX, SCRIPT_PATH};
use super::paths::{self, Resolved};
use super::reply::Reply;
use super::state::Shared;
use super::ServeError;

/// Threads answering requests. Event streams are handed over to the hub, so they do
/// not hold a thread.
const WORKERS: usize = 4;

/// A rebuild swaps the output folder by two renames; a request falling between them
/// waits for the new folder (up to 100 × 10 ms) instead of getting a 404.
const SWAP_WAITS: usize = 100;
const SWAP_WAIT: Duration = Duration::from_millis(10);

pub struct HttpServer {
    server: Arc<Server>,
    workers: Vec<thread::JoinHandle<()>>,
    pub addr: SocketAddr,
}

impl HttpServer {
    /// Listens on `addr` (port 0 picks a free port) and answers from `shared`.
    pub fn start(addr: SocketAddr, shared: Arc<Shared>) -> Result<HttpServer, ServeError> {
        let listen_error = |message: String| ServeError::Listen { addr, message };
        let server = Server::http(addr).map_err(|e| {
            let in_use = e
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse);
            let hint = if in_use {
                format!(
                    "; another program uses port {}: choose another with `--port N`, or \
                     `--port 0` for any free one",
                    addr.port()
                )
            } else {
                String::new()
            };
            listen_error(format!("{e}{hint}"))
        })?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| listen_error("not an IP address".into()))?;
        let server = Arc::new(server);
        let (to_workers, queue) = std::sync::mpsc::channel::<Request>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        let mut workers = (0..WORKERS)
            .map(|i| {
                let queue = Arc::clone(&queue);
                let shared = Arc::clone(&shared);
                thread::Builder::new()
                    .name(format!("planblanc-http-{i}"))
                    .spawn(move || loop {
                        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        match next {
                            Ok(request) => handle(request, &shared),
                            Err(_) => return,
                        }
                    })
                    .map_err(|e| listen_error(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let dispatcher = {
            let server = Arc::clone(&server);
            thread::Builder::new()
                .name("planblanc-http-dispatch".into())
                .spawn(move || {
                    while let Ok(request) = server.recv() {
                        dispatch(request, &shared, &to_workers);
                    }
                })
                .map_err(|e| listen_error(e.to_string()))?
        };
        workers.push(dispatcher);
        Ok(HttpServer {
            server,
            workers,
            addr,
        })
    }

    /// Stops answering: the workers leave once their current request is done.
    pub fn stop(self) {
        for _ in &self.workers {
            self.server.unblock();
        }
    }
}

/// Requests arrive here one at a time, each connection's in the order it sent
/// them. An event stream is subscribed before the next request is read, so a
/// request pipelined behind it is known to be waiting for it and parked, never
/// given to a worker that would block on writing its answer.
fn dispatch(request: Request, shared: &Arc<Shared>, workers: &std::sync::mpsc::Sender<Request>) {
    let events = request.method() == &Method::Get
        && paths::path_part(request.url()) == EVENTS_PATH
        && !request.remote_addr().is_some_and(|&a| shared.hub.holds(a));
    if events {
        return handle(request, shared);
    }
    if let Err(unsent) = workers.send(request) {
        handle(unsent.0, shared);
    }
}

fn handle(request: Request, shared: &Arc<Shared>) {
    // HTTP answers a connection's requests in order: one sent behind the
    // connection's own event stream is answered only once the stream ends. It
    // waits on a thread of its own, not on a worker every other page needs.
    if let Some(&from) = request.remote_addr() {
        if shared.hub.holds(from) {
            return park(request, shared);
        }
    }
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        Reply::plain(405).header("Allow", "GET, HEAD").send(request);
        return;
    }
    if shared.loopback_only && !names_this_machine(&request) {
        // Another site's page whose name now leads here (DNS rebinding) would read
        // the preview, TLP:RED pages included.
        Reply::plain(403).send(request);
        return;
    }
    let target = request.url().to_string();
    let path = paths::path_part(&target);
    if path == EVENTS_PATH && method == Method::Get {
        // A client that is already gone is simply not kept.
        let from = request.remote_addr().copied();
        let _ = shared.hub.subscribe(from, request.into_writer(), || {
            shared.build(&shared.status())
        });
        return;
    }
    let reply = if path == SCRIPT_PATH {
        Reply::new(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        )
    } else if path == EVENTS_PATH {
        Reply::new(200, "text/event-stream; charset=utf-8", Vec::new())
    } else if path.starts_with(RESERVED_PREFIX) {
        Reply::plain(404)
    } else {
        site_reply(shared, &target)
    };
    reply.send(request);
}

/// Requests waiting behind an event stream, each on its thread, at most this
/// many: past it, a client pipelining requests behind its own stream gets no
/// answer to them (nor would it get any before closing the stream).
const MAX_PARKED: usize = 32;
static PARKED: AtomicUsize = AtomicUsize::new(0);

fn park(request: Request, shared: &Arc<Shared>) {
    if PARKED.fetch_add(1, Ordering::SeqCst) >= MAX_PARKED {
        PARKED.fetch_sub(1, Ordering::SeqCst);
        // Dropping it would write an answer, which waits for the stream too.
        std::mem::forget(request);
        return;
    }
    let shared = Arc::clone(shared);
    let spawned = thread::Builder::new()
        .name("planblanc-http-parked".into())
        .spawn(move || {
            handle_after_stream(request, &shared);
            PARKED.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        PARKED.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers a parked request once its connection's stream is gone.
fn handle_after_stream(request: Request, shared: &Arc<Shared>) {
    let Some(&from) = request.remote_addr() else {
        return handle(request, shared);
    };
    while shared.hub.holds(from) {
        thread::sleep(Duration::from_millis(200));
    }
    handle(request, shared);
}

/// Whether the request's `Host` names this machine: `localhost` or a loopback
/// address, with any port. A request without one (HTTP/1.0) comes from a tool,
/// not a page.
fn names_this_machine(request: &Request) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().trim().to_ascii_lowercase())
    else {
        return true;
    };
    is_loopback_host(&host)
}

fn is_loopback_host(host: &str) -> bool {
    // `[::1]:8000`, `127.0.0.1:8000`, `localhost`.
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.');
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A file of the site, or the 302/403/404 answers.
fn site_reply(shared: &Shared, target: &str) -> Reply {
    let status = shared.status();
    let overlay = status.overlay.as_deref();
    // Read before the file: a page built later than it says reloads once more.
    let build = shared.build(&status);
    match read(&shared.site, target, status.has_output) {
        Fetched::File(path, bytes) => file_reply(&path, bytes, overlay, &build),
        Fetched::NotFound => not_found(overlay, status.has_output, &build),
        Fetched::Forbidden => Reply::plain(403),
        // Not 301: browsers keep those forever, and the port may serve another site later.
        Fetched::AddSlash(location) => Reply::plain(302).header("Location", &location),
    }
}

enum Fetched {
    File(PathBuf, Vec<u8>),
    NotFound,
    Forbidden,
    AddSlash(String),
}

fn read(site: &Path, target: &str, has_output: bool) -> Fetched {
    for _ in 0..SWAP_WAITS {
        match paths::resolve(site, target) {
            Resolved::Forbidden => return Fetched::Forbidden,
            Resolved::AddSlash(location) => return Fetched::AddSlash(location),
            Resolved::File(path) => {
                if let Ok(bytes) = fs::read(&path) {
                    return Fetched::File(path, bytes);
                }
            }
            Resolved::NotFound if !has_output || site.is_dir() => return Fetched::NotFound,
            Resolved::NotFound => {}
        }
        thread::sleep(SWAP_WAIT);
    }
    Fetched::NotFound
}

fn file_reply(path: &Path, bytes: Vec<u8>, overlay: Option<&str>, build: &str) -> Reply {
    let kind = content_type(path);
    if !kind.starts_with("text/html") {
        return Reply::new(200, kind, bytes);
    }
    match String::from_utf8(bytes) {
        Ok(html) => Reply::new(
            200,
            kind,
            inject::inject(&html, overlay, build).into_bytes(),
        ),
        Err(e) => Reply::new(200, kind, e.into_bytes()),
    }
}

/// A 404 is an HTML page with the reload script, so that a page opened before its
/// file existed (or before the first successful build) appears once it builds.
fn not_found(overlay: Option<&str>, has_output: bool, build: &str) -> Reply {
    let text = if has_output {
        "Aucune page à cette adresse."
    } else {
        "Le site n'a pas encore pu être construit : corrigez les erreurs signalées, \
         la page se rechargera d'elle-même."
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Page introuvable</title>\n</head>\n<body>\n<h1>Page introuvable</h1>\n\
         <p>{text}</p>\n<p><a href=\"/index.html\">Accueil du manuel</a></p>\n</body>\n</html>\n"
    );
    Reply::new(
        404,
        "text/html; charset=utf-8",
        inject::inject(&html, overlay, build).into_bytes(),
    )
}

/// Content-Type by extension; unknown files are sent as bytes.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        for (file, kind) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("s.CSS", "text/css; charset=utf-8"),
            ("x.js", "text/javascript; charset=utf-8"),
            ("i.svg", "image/svg+xml"),
            ("i.png", "image/png"),
            ("i.jpg", "image/jpeg"),
            ("f.pdf", "application/pdf"),
            ("m.csv", "text/csv; charset=utf-8"),
            ("s.json", "application/json"),
            ("SHA256SUMS.txt", "text/plain; charset=utf-8"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), kind, "{file}");
        }
    }
}
