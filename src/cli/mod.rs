//! Command line: parses arguments with clap, runs the library, prints diagnostics and
//! a summary, and maps outcomes to exit codes (0 ok, 1 content errors, 2 usage).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod archive;
mod bundle;
mod editions;
mod serve;
mod version;

use crate::build::{self, BuildOptions, BuildReport};
use crate::diag::{count, Diagnostic};
use crate::load::Tlp;
use crate::model::Audience;

#[derive(Parser)]
#[command(
    name = "planblanc",
    version,
    about = "Publie un plan blanc numérique : site statique hors ligne, sans serveur ni réseau."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// Site root (holds handbook.yaml and content/)
    #[arg(long, default_value = ".", global = true)]
    root: PathBuf,
    /// Print only errors
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Print the time of each build step
    #[arg(long, short, global = true)]
    verbose: bool,
}

/// How `build` and `check` print diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The source line with a caret and the fix, on stderr
    Human,
    /// One line each, `path:line:col: error: message (fix)`, on stderr (editors, grep)
    Short,
    /// One JSON object per line on stdout (CI annotations, editor plugins)
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default <root>/public)
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder (replaced atomically when the build succeeds)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Highest TLP level to publish: clear, green, amber or red
        #[arg(long, default_value = "clear", value_parser = parse_tlp)]
        tlp: Tlp,
        /// Also publish drafts (draft: true or status: brouillon)
        #[arg(long)]
        drafts: bool,
        /// How to print problems
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Check the content as `build` does, without writing anything
    Check {
        #[command(flatten)]
        common: Common,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
        /// TLP level to check the site at (links to unpublished pages)
        #[arg(long, default_value = "red", value_parser = parse_tlp)]
        tlp: Tlp,
        /// How to print problems
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Build the site and write a verifiable zip (SHA256SUMS, optional signature)
    Archive {
        #[command(flatten)]
        common: Common,
        /// The zip to write (default <root>/archives/<title>-<edition>.zip)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Highest TLP level to publish in the copy
        #[arg(long, default_value = "clear", value_parser = parse_tlp)]
        tlp: Tlp,
        /// Minisign secret key to sign SHA256SUMS (password in PLANBLANC_KEY_PASSWORD)
        #[arg(long, value_name = "SECRET_KEY_FILE")]
        sign: Option<PathBuf>,
    },
    /// Print the edition table: procedures per phase for each region × type
    Editions {
        #[command(flatten)]
        common: Common,
        /// Only this region (code)
        #[arg(long)]
        region: Option<String>,
        /// Only this establishment type (code)
        #[arg(long = "type")]
        kind: Option<String>,
        /// TLP level of the edition
        #[arg(long, default_value = "clear", value_parser = parse_tlp)]
        tlp: Tlp,
    },
    /// Write print bundles (one self-contained HTML file each, PDF with --pdf) into
    /// <root>/impression/ or --out: national handbook, editions, role cards
    Bundle {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        args: bundle::BundleArgs,
    },
    /// Frozen versions: `version cut <label>`, `version list`
    Version {
        #[command(subcommand)]
        action: VersionAction,
    },
    /// Check a copy (zip or folder): missing, extra or modified files, signature
    Verify {
        #[command(flatten)]
        common: Common,
        /// The zip, or the unpacked folder
        path: PathBuf,
        /// Minisign public key to check SHA256SUMS.minisig with
        #[arg(long)]
        pubkey: Option<PathBuf>,
    },
    /// Preview the site over HTTP, rebuilding and reloading pages on every change
    Serve(serve::ServeCmd),
    /// Create a new handbook in DIR (missing or empty) that builds as it is
    Init(serve::InitCmd),
    /// Create a procedure with complete front matter, e.g. `new alerte/ma-fiche.md`
    New(serve::NewCmd),
    /// Create a minisign-compatible key pair for signing archives
    Keygen {
        #[command(flatten)]
        common: Common,
        /// Secret key file (created with owner-only permissions; default <root>/planblanc.key)
        #[arg(long)]
        secret: Option<PathBuf>,
        /// Public key file, to publish (default <root>/planblanc.pub)
        #[arg(long)]
        public: Option<PathBuf>,
        /// Replace existing key files
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum VersionAction {
    /// Freeze the current content/ and handbook.yaml into versions/<label>/
    Cut {
        #[command(flatten)]
        common: Common,
        /// Label of the frozen version, e.g. 2026.1
        label: String,
    },
    /// List the frozen versions, oldest first
    List {
        #[command(flatten)]
        common: Common,
    },
}

impl Command {
    /// The handbook a command reads, for those that need one.
    fn handbook_root(&self) -> Option<&Path> {
        let common = match self {
            Command::Build { common, .. }
            | Command::Check { common, .. }
            | Command::Archive { common, .. }
            | Command::Editions { common, .. }
            | Command::Bundle { common, .. } => common,
            Command::Version {
                action: VersionAction::Cut { common, .. } | VersionAction::List { common },
            } => common,
            Command::Serve(cmd) => &cmd.common,
            Command::New(cmd) => &cmd.common,
            Command::Verify { .. } | Command::Init(_) | Command::Keygen { .. } => return None,
        };
        Some(&common.root)
    }
}

/// A `--root` with neither `handbook.yaml` nor `content/` is a mistyped path, not
/// a handbook with problems: one line, and the folder that was probably meant.
fn is_handbook(root: &Path) -> Result<(), String> {
    use crate::load::config::CONFIG_FILE;
    if root.join(CONFIG_FILE).is_file() || root.join("content").is_dir() {
        return Ok(());
    }
    let what = if root.is_dir() {
        format!(
            "`{}` is not a handbook folder: it has no {CONFIG_FILE} and no content/",
            root.display()
        )
    } else if root.exists() {
        format!("`{}` is a file, not a handbook folder", root.display())
    } else {
        format!("the folder `{}` does not exist", root.display())
    };
    let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let above = absolute
        .ancestors()
        .skip(1)
        .take(3)
        .find(|a| a.join(CONFIG_FILE).is_file());
    let hint = match above {
        Some(a) => {
            // As the author would type it from here.
            let cwd = std::env::current_dir().unwrap_or_default();
            let shown = match a.strip_prefix(&cwd) {
                Ok(rel) if rel.as_os_str().is_empty() => Path::new("."),
                Ok(rel) => rel,
                Err(_) => a,
            };
            format!("did you mean `--root {}`?", shown.display())
        }
        None => "give the folder that holds handbook.yaml and content/, or create one with `planblanc init DIR`".into(),
    };
    Err(format!("{what}\n  = help: {hint}"))
}

fn parse_tlp(s: &str) -> Result<Tlp, String> {
    Tlp::parse(s)
        .ok_or_else(|| format!("unknown TLP level `{s}` (expected clear, green, amber or red)"))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // `planblanc verify … | head`: a reader that stops reading ends the command
    // quietly, as it does any Unix tool, instead of a panic on the closed pipe.
    // (The preview server keeps Rust's default: a browser closing a connection
    // must not stop it.)
    if !matches!(cli.command, Command::Serve(_)) {
        end_quietly_on_closed_pipe();
    }
    if let Some(root) = cli.command.handbook_root() {
        if let Err(message) = is_handbook(root) {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }
    match cli.command {
        Command::Build {
            common,
            out,
            tlp,
            drafts,
            format,
        } => {
            let out = out.unwrap_or_else(|| build::default_out(&common.root));
            let opts = BuildOptions {
                root: common.root.clone(),
                out: Some(out.clone()),
                audience: Audience { tlp, drafts },
            };
            let done = format!("écrit dans {}", out.display());
            run_build(&common, &opts, format, false, &done)
        }
        Command::Archive {
            common,
            out,
            tlp,
            sign,
        } => archive::run_archive(&common.root, out, tlp, sign, common.quiet),
        Command::Editions {
            common,
            region,
            kind,
            tlp,
        } => editions::run(&common.root, region.as_deref(), kind.as_deref(), tlp),
        Command::Bundle { common, args } => bundle::run(&common.root, &args, common.quiet),
        Command::Version { action } => match action {
            VersionAction::Cut { common, label } => {
                version::cut(&common.root, &label, common.quiet)
            }
            VersionAction::List { common } => version::list(&common.root),
        },
        Command::Serve(cmd) => serve::run_serve(cmd),
        Command::Init(cmd) => serve::run_init(cmd),
        Command::New(cmd) => serve::run_new(cmd),
        Command::Verify {
            common: _,
            path,
            pubkey,
        } => archive::run_verify(&path, pubkey.as_deref()),
        Command::Keygen {
            common,
            secret,
            public,
            force,
        } => {
            let secret = secret.unwrap_or_else(|| common.root.join("planblanc.key"));
            let public = public.unwrap_or_else(|| common.root.join("planblanc.pub"));
            archive::run_keygen(&common.root, &secret, &public, force)
        }
        Command::Check {
            common,
            strict,
            tlp,
            format,
        } => {
            let opts = BuildOptions {
                root: common.root.clone(),
                out: None,
                audience: Audience { tlp, drafts: true },
            };
            run_build(&common, &opts, format, strict, "vérifié, rien n'est écrit")
        }
    }
}

fn run_build(
    common: &Common,
    opts: &BuildOptions,
    format: Format,
    strict: bool,
    what: &str,
) -> ExitCode {
    let started = std::time::Instant::now();
    let report = match build::build(opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    print_in(&report, common.quiet, format);
    if common.verbose {
        for (step, t) in &report.timings {
            eprintln!("  {step:<14} {:>8.1} ms", t.as_secs_f64() * 1000.0);
        }
    }
    let failed = report.errors() > 0 || (strict && report.warnings() > 0);
    if !common.quiet || failed {
        let outcome = if failed { "échec" } else { what };
        // Without an output folder (`check`) no file is written, so none is counted.
        let files = match opts.out {
            Some(_) => format!("{}, ", count(report.files, "fichier", "fichiers")),
            None => String::new(),
        };
        // A new sheet is a draft: say where it went.
        let drafts = match report.drafts {
            0 => String::new(),
            1 => " (1 brouillon non publié : --drafts le publie)".to_string(),
            n => format!(" ({n} brouillons non publiés : --drafts les publie)"),
        };
        eprintln!(
            "{}{drafts}, {files}{}, {}, {:.2} s — {outcome}",
            count(report.pages, "page", "pages"),
            count(report.errors(), "erreur", "erreurs"),
            count(report.warnings(), "avertissement", "avertissements"),
            started.elapsed().as_secs_f64()
        );
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn print_diagnostics(report: &BuildReport, quiet: bool) {
    print_in(report, quiet, Format::Human);
}

/// Every diagnostic (errors only when `quiet`) in `format`. For people, many
/// overdue reviews are one list after the rest, so that the problems to fix now
/// are not lost among them; `--format short` and `json` list every one alike.
fn print_in(report: &BuildReport, quiet: bool, format: Format) {
    let styled = std::io::stderr().is_terminal();
    let shown = report.diagnostics.iter().filter(|d| !quiet || d.is_error());
    let overdue = |d: &&Diagnostic| d.message.starts_with(crate::validate::OVERDUE);
    let grouped =
        format == Format::Human && shown.clone().filter(overdue).count() > OVERDUE_ONE_BY_ONE;
    for d in shown.clone().filter(|d| !(grouped && overdue(d))) {
        match format {
            Format::Human => eprintln!("{}\n", d.render(styled)),
            Format::Short => eprintln!("{d}"),
            Format::Json => println!("{}", d.to_json()),
        }
    }
    if grouped {
        eprintln!(
            "{}",
            overdue_list(&shown.filter(overdue).collect::<Vec<_>>())
        );
    }
}

/// Beyond this many, overdue reviews are listed one per line.
const OVERDUE_ONE_BY_ONE: usize = 5;
/// How many lines of that list are printed.
const OVERDUE_LISTED: usize = 20;

fn overdue_list(overdue: &[&Diagnostic]) -> String {
    let mut out = format!(
        "warning: {} procedures are overdue for review (review each one and update its `last_reviewed`)\n",
        overdue.len()
    );
    for d in overdue.iter().take(OVERDUE_LISTED) {
        let detail = d
            .message
            .trim_start_matches(crate::validate::OVERDUE)
            .trim_start_matches(": ");
        out.push_str(&format!(
            "  {}:{}:{}  {detail}\n",
            d.file.display(),
            d.line,
            d.col
        ));
    }
    if overdue.len() > OVERDUE_LISTED {
        out.push_str(&format!(
            "  … and {} more (`--format short` lists them all)\n",
            overdue.len() - OVERDUE_LISTED
        ));
    }
    out
}

#[cfg(unix)]
fn end_quietly_on_closed_pipe() {
    // SAFETY: restoring the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn end_quietly_on_closed_pipe() {}
