//! `planblanc serve`, driven as an author would: the real binary on a copy of the
//! fixture, a hand-written HTTP/1.1 client, the event stream, edits on disk.
//! Every wait is bounded; every server is killed when its test ends.
//!
//! This module holds that harness; `reload` tests the authoring loop (edits,
//! errors, the served result against a clean build), `http` what the server
//! answers and how it lives and goes (paths, methods, ports, its folder).

mod http;
mod reload;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{self, Fixture};

/// How the reload script tag the server adds to pages starts (it goes on to
/// name the build the page was served from).
const SCRIPT_START: &str = "<script src=\"/__planblanc/reload.js\" data-build=\"";

/// The reload script tag of a served page, whole.
fn script_tag(page: &str) -> &str {
    let start = page.find(SCRIPT_START).expect("the reload script");
    let end = start + page[start..].find("</script>").expect("its end") + "</script>".len();
    &page[start..end]
}
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
        let mut command = Command::new(env!("CARGO_BIN_EXE_planblanc"));
        command.args(["serve", "--port", "0", "--root"]).arg(root);
        Server::spawn(command)
    }

    /// As authors start it: from the handbook's folder (`--root .`), printing the
    /// steps of each build.
    fn start_in(root: &Path) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_planblanc"));
        command
            .args(["serve", "--port", "0", "--verbose"])
            .current_dir(root);
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let mut child = command
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

    /// Everything the stream brought so far, waiting `for_how_long` for more.
    fn drain(&mut self, for_how_long: Duration) -> &str {
        let deadline = Instant::now() + for_how_long;
        let mut buf = [0u8; 4096];
        while Instant::now() < deadline {
            if let Ok(n @ 1..) = self.stream.read(&mut buf) {
                self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
        &self.seen[self.read_upto..]
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
