//! `serve`, `init` and `new`: the authoring loop and its starting points. Their
//! arguments live here so that `cli/mod.rs` only names the commands.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{parse_tlp, Common};
use crate::load::Tlp;
use crate::model::Audience;
use crate::scaffold::{self, NewProcedure};
use crate::serve::{self, ServeOptions};

#[derive(Args)]
pub(super) struct ServeCmd {
    #[command(flatten)]
    pub(super) common: Common,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Address to listen on; anything but loopback exposes the site to the network
    #[arg(long, default_value_t = serve::DEFAULT_BIND)]
    bind: IpAddr,
    /// Open the site in the browser (xdg-open)
    #[arg(long)]
    open: bool,
    /// Highest TLP level to publish, as for `build`
    #[arg(long, default_value = "clear", value_parser = parse_tlp)]
    tlp: Tlp,
    /// Also publish drafts (status: brouillon, as `new` creates them)
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
pub(super) struct InitCmd {
    /// Folder of the new handbook
    dir: PathBuf,
}

#[derive(Args)]
pub(super) struct NewCmd {
    #[command(flatten)]
    pub(super) common: Common,
    /// Path under content/ (`.md` added when missing)
    path: String,
    /// Phase code (default: the phase of the folder's procedures, or the folder's name)
    #[arg(long)]
    phase: Option<String>,
    /// Role code (default: the first role of the taxonomy)
    #[arg(long)]
    role: Option<String>,
}

pub(super) fn run_serve(cmd: ServeCmd) -> ExitCode {
    let options = ServeOptions {
        root: cmd.common.root,
        bind: cmd.bind,
        port: cmd.port,
        open: cmd.open,
        audience: Audience {
            tlp: cmd.tlp,
            drafts: cmd.drafts,
        },
        quiet: cmd.common.quiet,
        verbose: cmd.common.verbose,
    };
    match serve::run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

pub(super) fn run_init(cmd: InitCmd) -> ExitCode {
    let dir = &cmd.dir;
    match scaffold::init(dir) {
        Ok(files) => {
            for f in &files {
                eprintln!("créé : {}", dir.join(f).display());
            }
            eprintln!(
                "manuel créé : `planblanc serve --root {}` pour le voir en l'écrivant",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

pub(super) fn run_new(cmd: NewCmd) -> ExitCode {
    let root = cmd.common.root.as_path();
    let request = NewProcedure {
        root,
        path: &cmd.path,
        phase: cmd.phase.as_deref(),
        role: cmd.role.as_deref(),
        // The one place planblanc reads the wall clock: a new procedure is
        // reviewed today. Builds only ever use dates written in the content.
        today: chrono::Local::now().date_naive(),
    };
    match scaffold::create_procedure(&request) {
        Ok(_) if cmd.common.quiet => ExitCode::SUCCESS,
        Ok(created) => {
            for section in &created.sections {
                eprintln!("créé : {}", shown(root, section).display());
            }
            eprintln!(
                "créé : {} ({}, phase {}, rôle {}), en brouillon : visible avec `planblanc serve --drafts`",
                shown(root, &created.file).display(),
                created.id,
                created.phase,
                created.role
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

/// A path under the root as the author would type it from where they are.
fn shown(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}
