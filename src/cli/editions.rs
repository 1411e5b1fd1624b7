//! `planblanc editions`: the table of editions for authors, counts per phase.

use std::path::Path;
use std::process::ExitCode;

use crate::diag::did_you_mean;
use crate::load::{self, Taxonomy, Tlp};
use crate::model::editions::{self, Variants};
use crate::model::{Audience, Site};

pub fn run(root: &Path, region: Option<&str>, kind: Option<&str>, tlp: Tlp) -> ExitCode {
    let loaded = load::load(root);
    if loaded.diags.iter().any(|d| d.is_error()) {
        eprintln!("error: the content has errors; run `planblanc check` first");
        return ExitCode::from(1);
    }
    let site = Site::new(loaded, Audience { tlp, drafts: false });
    for (code, tax, what) in [
        (region, &site.tax.regions, "region"),
        (kind, &site.tax.types, "type"),
    ] {
        if let Some(code) = code {
            if let Some(err) = unknown(code, tax, what) {
                eprintln!("error: {err}");
                return ExitCode::from(2);
            }
        }
    }
    let variants = Variants::of(&site);
    // A closed pipe (`| head`) ends the listing quietly instead of panicking.
    match table(&site, &variants, region, kind) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn table(
    site: &Site,
    variants: &Variants,
    region: Option<&str>,
    kind: Option<&str>,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let phases: String = site
        .tax
        .phases
        .terms
        .iter()
        .map(|t| format!(" {:>6.6}", t.code))
        .collect();
    writeln!(out, "{:<40}{phases}  total", "edition")?;
    let members = editions::members_of_all(site, variants);
    for (edition, members) in editions::all(site).into_iter().zip(&members) {
        if region.is_some_and(|r| r != edition.region) || kind.is_some_and(|k| k != edition.kind) {
            continue;
        }
        let counts = editions::counts(site, members);
        let name = format!(
            "{} × {}",
            site.tax.regions.label(edition.region),
            site.tax.types.label(edition.kind)
        );
        let cells: String = counts.iter().map(|n| format!(" {n:>6}")).collect();
        writeln!(
            out,
            "{:<40}{cells} {:>6}",
            truncate(&name, 40),
            counts.iter().sum::<usize>()
        )?;
    }
    Ok(())
}

fn unknown(code: &str, tax: &Taxonomy, what: &str) -> Option<String> {
    if tax.get(code).is_some() {
        return None;
    }
    let help = did_you_mean(code, tax.candidates())
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    Some(format!("unknown {what} `{code}`{help}"))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}
