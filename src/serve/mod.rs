//! `planblanc serve`: the authoring loop. Builds the site into a temporary folder,
//! serves it over HTTP on the loopback address, watches the sources, rebuilds on
//! every change and tells the open pages to reload. While the content has errors the
//! last good build stays online, with an overlay listing the errors.
//!
//! Layout: `watch` (which files count), `rebuild` (the pluggable rebuild), `state`
//! (what handlers see), `http` + `paths` + `reply` (requests, confined to the output
//! folder), `inject` (reload script and overlay), `events` (server-sent events),
//! `outdir` (the temporary output folder), `console`.

pub mod console;
pub mod events;
pub mod http;
pub mod inject;
pub mod outdir;
pub mod paths;
pub mod rebuild;
pub mod reply;
pub mod state;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;

use crate::build::BuildOptions;
use crate::model::Audience;
use console::Console;
use http::HttpServer;
use rebuild::{IncrementalRebuild, Rebuild};
use state::Shared;
use watch::SourceWatcher;

pub const DEFAULT_BIND: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Idle event streams get a comment this often, which also drops closed ones.
const HEARTBEAT: Duration = Duration::from_secs(15);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the browser on the site once it is served.
    pub open: bool,
    pub audience: Audience,
    /// Print only errors.
    pub quiet: bool,
    /// Print the time of each build step.
    pub verbose: bool,
}

#[derive(Debug, Error)]
pub enum ServeError {
    #[error("cannot create the temporary output folder: {0}")]
    OutputDir(std::io::Error),
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: SocketAddr, message: String },
    #[error("cannot watch {path}: {source}")]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("file watching stopped: changes would no longer show; restart `planblanc serve`")]
    WatchStopped,
}

/// Serves the site until the process is stopped (or file watching fails),
/// rebuilding it in full on every change.
pub fn run(options: &ServeOptions) -> Result<(), ServeError> {
    // The watcher reports absolute paths: the incremental rebuild finds the
    // edited pages by taking the root off them.
    let mut options = options.clone();
    if let Ok(root) = options.root.canonicalize() {
        options.root = root;
    }
    let options = &options;
    let out = outdir::OutputDir::create().map_err(ServeError::OutputDir)?;
    out.remove_on_signal();
    let site = out.site();
    let mut rebuilder = IncrementalRebuild::new(BuildOptions {
        root: options.root.clone(),
        out: Some(site.clone()),
        audience: options.audience,
    });
    serve_with(options, &mut rebuilder, site)
}

/// The loop behind `run`, with the rebuild strategy and output folder supplied:
/// `rebuilder` must write into `site`.
pub fn serve_with(
    options: &ServeOptions,
    rebuilder: &mut dyn Rebuild,
    site: PathBuf,
) -> Result<(), ServeError> {
    let mut console = Console::new(options.quiet, options.verbose);
    // Watching starts before the first build, so a save made during it is not lost.
    let mut watcher = SourceWatcher::new(&options.root).map_err(|source| ServeError::Watch {
        path: options.root.clone(),
        source,
    })?;
    // Said once, so authors can look at the built files (and tests can clean up
    // after killing the server).
    eprintln!("dossier de prévisualisation : {}", site.display());
    let shared = Arc::new(Shared::new(site, options.bind.is_loopback()));
    rebuild_and_publish(
        rebuilder,
        &shared,
        &mut console,
        &[],
        "construction du site",
    );

    let server = HttpServer::start(SocketAddr::new(options.bind, options.port), shared.clone())?;
    if !options.bind.is_loopback() {
        console.warn(&format!(
            "le serveur écoute sur {}, joignable depuis le réseau : toute personne qui y \
             accède lit les fiches publiées à ce niveau TLP",
            options.bind
        ));
    }
    let url = format!("http://{}/", server.addr);
    // On stdout, alone on its line: scripts and tests read the address from here.
    println!("planblanc serve : {url}");
    eprintln!("surveille content/, themes/, versions/ et handbook.yaml ; Ctrl-C pour arrêter");
    if options.open {
        open_browser(&url);
    }
    start_heartbeat(Arc::clone(&shared));

    while let Some(change) = watcher.next_change() {
        match change {
            Ok(paths) => {
                console.changed(&options.root, &paths);
                rebuild_and_publish(rebuilder, &shared, &mut console, &paths, "reconstruction");
            }
            Err(e) => console.warn(&format!("surveillance des fichiers : {e}")),
        }
    }
    server.stop();
    Err(ServeError::WatchStopped)
}

fn rebuild_and_publish(
    rebuilder: &mut dyn Rebuild,
    shared: &Shared,
    console: &mut Console,
    changed: &[PathBuf],
    what: &str,
) {
    let spinner = console.spinner(what);
    let outcome = rebuild::run(rebuilder, changed);
    spinner.finish_and_clear();
    // Pages first: printing thousands of warnings must not delay the reload.
    shared.publish(&outcome);
    console.report(&outcome);
}

fn start_heartbeat(shared: Arc<Shared>) {
    // Without the thread the server still works; stale streams are then dropped at
    // the next reload instead.
    let _ = std::thread::Builder::new()
        .name("planblanc-heartbeat".into())
        .spawn(move || loop {
            std::thread::sleep(HEARTBEAT);
            shared.hub.heartbeat();
        });
}

/// Opens the default browser when `xdg-open` is there; a failure only means the
/// author opens the printed URL by hand.
fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let child = Command::new("xdg-open")
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if let Ok(mut child) = child {
        // Reaped in the background so it does not linger as a zombie.
        std::thread::spawn(move || child.wait());
    }
}
