//! `planblanc bundle`: print bundles (HTML, and PDF with `--pdf`) written into a
//! folder, to print in advance: the national handbook, editions, role cards.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use crate::build::{self, BuildOptions};
use crate::diag::did_you_mean;
use crate::load::{self, Taxonomy, Tlp};
use crate::model::editions::Edition;
use crate::model::{Audience, Site};
use crate::print::output::Formats;
use crate::print::{output, select, Bundle, BundleKind, Printer, PDF_SUPPORTED, SITE_DIR};

/// Bundles typeset per process. typst-pdf 0.15 keeps about 130 MB per distinct
/// document for the life of the process, whatever comemo evicts (measured: 10
/// editions 1.5 GB; all 205 bundles of the bundled handbook over 22 GB), so a large
/// PDF run is split into child processes of this many bundles, two at a time.
const PDF_BATCH: usize = 8;

#[derive(Args, Clone, Debug)]
pub struct BundleArgs {
    /// An establishment's edition, as <region>/<type> codes (e.g. 11/ch); repeatable
    #[arg(long, value_name = "REGION/TYPE")]
    edition: Vec<String>,
    /// A role's cards (fiches rôle and reflex cards of that role); repeatable
    #[arg(long, value_name = "CODE")]
    role: Vec<String>,
    /// The national handbook: every published procedure
    #[arg(long)]
    national: bool,
    /// National, every role with cards, and every edition
    #[arg(long)]
    all: bool,
    /// Also write the PDF (PDF/A-2b) beside each HTML file
    #[arg(long)]
    pdf: bool,
    /// Highest TLP level to include: clear, green, amber or red
    #[arg(long, default_value = "clear", value_parser = super::parse_tlp)]
    tlp: Tlp,
    /// Output folder (default <root>/impression; not inside content/)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Bundles typeset per child process in a large PDF run
    #[arg(long, default_value_t = PDF_BATCH, hide = true)]
    pdf_batch: usize,
    /// Set on the child processes of a batched PDF run: the content is already
    /// checked and the HTML written; typeset the PDFs only
    #[arg(long, hide = true)]
    batch_child: bool,
}

pub fn run(root: &Path, args: &BundleArgs, quiet: bool) -> ExitCode {
    let started = Instant::now();
    if args.pdf && !PDF_SUPPORTED {
        return usage("this planblanc was built without PDF support (cargo feature `pdf`)");
    }
    let nothing_chosen =
        !args.all && !args.national && args.edition.is_empty() && args.role.is_empty();
    if nothing_chosen {
        return usage(
            "choose what to print: --national, --edition REGION/TYPE, --role CODE or --all",
        );
    }
    let out = args.out.clone().unwrap_or_else(|| root.join(SITE_DIR));
    // The default folder is the handbook's: a link there came with the handbook.
    if args.out.is_none() && crate::write::is_link(&out) {
        return fail(&crate::write::WriteError::Link(out).to_string());
    }
    if crate::write::in_sources(&out, root) {
        return usage(&format!(
            "refusing to write bundles into {}: inside content/, themes/ or versions/ the next build would publish them",
            out.display()
        ));
    }
    let audience = Audience {
        tlp: args.tlp,
        drafts: false,
    };
    if args.batch_child {
        end_with_parent();
    }
    // One `bundle` at a time per folder (its PDF workers write under its lock):
    // two would rename each other's half-written files.
    let _lock = if args.batch_child {
        None
    } else {
        let locked = std::fs::create_dir_all(&out)
            .map_err(|e| format!("cannot write {}: {e}", out.display()))
            .and_then(|()| crate::write::Lock::beside(&out).map_err(|e| e.to_string()));
        match locked {
            Ok(lock) => Some(lock),
            Err(message) => return fail(&message),
        }
    };
    if !args.batch_child {
        // The content is checked as `build` checks it: no printout of a broken handbook.
        if let Err(code) = check(root, audience) {
            return code;
        }
    }
    let loaded = load::load(root);
    let theme = match load::theme::load(root, &loaded.config.theme, &loaded.config.language) {
        Ok(t) => t,
        Err(d) => return fail(&d.message),
    };
    let site = Site::new(loaded, audience);
    let printer = Printer::new(&site, &theme);
    let bundles = match chosen(&printer, args) {
        Ok(b) => b,
        Err(Choice::Usage(message)) => return usage(&message),
        Err(Choice::Empty(message)) => return fail(&message),
    };
    let batched = args.pdf && !args.batch_child && bundles.len() > args.pdf_batch.max(1);
    let formats = Formats {
        html: !args.batch_child,
        pdf: args.pdf && !batched,
    };
    let written = match output::write_to_dir(&printer, &bundles, &out, formats) {
        Ok(w) => w,
        Err(e) => return fail(&e.to_string()),
    };
    if !quiet {
        for w in &written {
            let pages = w.pages.map(|p| format!(", {p} pages")).unwrap_or_default();
            eprintln!(
                "  {} ({} Ko{pages})",
                w.path.display(),
                w.bytes.div_ceil(1024)
            );
        }
    }
    for w in written.iter().filter(|w| !w.unprintable.is_empty()) {
        eprintln!("{}", unprintable_warning(w));
    }
    if batched {
        if let Err(message) = typeset_in_children(root, args, &out, &bundles, quiet) {
            return fail(&message);
        }
    }
    if !quiet && !args.batch_child {
        eprintln!(
            "{} dans {}, {:.2} s",
            crate::diag::count(bundles.len(), "recueil", "recueils"),
            out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    ExitCode::SUCCESS
}

fn check(root: &Path, audience: Audience) -> Result<(), ExitCode> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        audience,
    };
    let report = build::build(&opts).map_err(|e| fail(&e.to_string()))?;
    super::print_diagnostics(&report, true);
    if report.errors() > 0 {
        eprintln!("bundle: the content has errors, nothing written");
        return Err(ExitCode::from(1));
    }
    Ok(())
}

/// Typesets the PDFs in child processes of `--pdf-batch` bundles, two at a time,
/// so that memory stays bounded (see `PDF_BATCH`).
fn typeset_in_children(
    root: &Path,
    args: &BundleArgs,
    out: &Path,
    bundles: &[Bundle],
    quiet: bool,
) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find planblanc itself: {e}"))?;
    let batches: Vec<&[Bundle]> = bundles.chunks(args.pdf_batch.max(1)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let run_batches = || -> Result<(), String> {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let Some(batch) = batches.get(i) else {
                return Ok(());
            };
            let mut cmd = std::process::Command::new(&exe);
            cmd.arg("bundle")
                .arg("--root")
                .arg(root)
                .arg("--out")
                .arg(out)
                .args(["--tlp", args.tlp.code(), "--pdf", "--batch-child"]);
            if quiet {
                cmd.arg("--quiet");
            }
            for bundle in *batch {
                cmd.args(selection(bundle));
            }
            let status = cmd
                .status()
                .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
            if !status.success() {
                return Err(format!(
                    "typesetting batch {} of {} failed",
                    i + 1,
                    batches.len()
                ));
            }
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2).map(|_| scope.spawn(run_batches)).collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("a typesetting worker panicked".into()))
            })
            .collect::<Result<Vec<()>, String>>()
            .map(|_| ())
    })
}

/// The arguments that choose one bundle.
fn selection(bundle: &Bundle) -> Vec<String> {
    match &bundle.kind {
        BundleKind::National => vec!["--national".into()],
        BundleKind::Edition { region, kind } => {
            vec!["--edition".into(), format!("{region}/{kind}")]
        }
        BundleKind::Role(code) => vec!["--role".into(), code.clone()],
    }
}

enum Choice {
    /// An unknown code: a usage error (exit 2).
    Usage(String),
    /// A role with nothing to print at this TLP level (exit 1).
    Empty(String),
}

fn chosen(printer: &Printer, args: &BundleArgs) -> Result<Vec<Bundle>, Choice> {
    let site = printer.site;
    if args.all {
        return Ok(select::all(site, printer.variants()));
    }
    let mut bundles = Vec::new();
    if args.national {
        bundles.push(Bundle::national(site));
    }
    for code in &args.edition {
        let Some((region, kind)) = code.split_once('/') else {
            return Err(Choice::Usage(format!(
                "edition `{code}`: expected <region>/<type> codes, e.g. 11/ch"
            )));
        };
        known(region, &site.tax.regions, "region")?;
        known(kind, &site.tax.types, "establishment type")?;
        let edition = Edition { region, kind };
        bundles.push(Bundle::edition(site, printer.variants(), edition));
    }
    // A role with nothing to print is said and skipped: the other cards of a
    // batch (`--role a --role b…`) are still written.
    let mut empty = Vec::new();
    for code in &args.role {
        known(code, &site.tax.roles, "role")?;
        let bundle = Bundle::role(site, code);
        if bundle.members.is_empty() {
            empty.push(format!("`{code}`"));
        } else {
            bundles.push(bundle);
        }
    }
    if !empty.is_empty() {
        let message = format!(
            "no fiche-role or fiche-reflexe published at TLP {} for the role{} {}",
            args.tlp.code(),
            if empty.len() > 1 { "s" } else { "" },
            empty.join(", ")
        );
        if bundles.is_empty() {
            return Err(Choice::Empty(message));
        }
        eprintln!(
            "warning: {message}: nothing printed for {}",
            if empty.len() > 1 { "them" } else { "it" }
        );
    }
    Ok(bundles)
}

fn known(code: &str, tax: &Taxonomy, what: &str) -> Result<(), Choice> {
    if tax.get(code).is_some() {
        return Ok(());
    }
    let help = did_you_mean(code, tax.candidates())
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    Err(Choice::Usage(format!("unknown {what} `{code}`{help}")))
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// Characters a PDF could not draw: said even with `--quiet`, since the printout
/// differs from the text.
fn unprintable_warning(w: &output::Written) -> String {
    let chars: Vec<String> = w
        .unprintable
        .iter()
        .map(|&c| match crate::diag::unseen(c) {
            // Named only: printed, a right-to-left override turns the line around.
            true => format!("{} (invisible)", crate::diag::code_point(c)),
            false => format!("{c} ({})", crate::diag::code_point(c)),
        })
        .collect();
    format!(
        "warning: {}: no embedded font can print {}; shown as □ (invisible ones left out)",
        w.path.display(),
        chars.join(", ")
    )
}

/// A PDF worker ends with the `bundle` that started it: killed alone, the parent
/// would leave its workers writing into the folder for tens of seconds.
fn end_with_parent() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number and changes
        // nothing but this process's own parent-death signal.
        unsafe {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
        }
        // The parent may have ended before the call: then init adopted us.
        if std::os::unix::process::parent_id() == 1 {
            std::process::exit(1);
        }
    }
}
