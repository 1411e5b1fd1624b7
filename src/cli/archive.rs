//! `archive`, `verify` and `keygen`: signed offline copies for distributors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::archive::{self, AboutInfo, ArchiveOptions};
use crate::build::{self, BuildOptions};
use crate::load::Tlp;
use crate::markdown::anchors::slugify;
use crate::model::Audience;

/// Encrypted secret keys are unlocked with this variable (never a CLI argument,
/// which other users could read in the process list).
pub const PASSWORD_VAR: &str = "PLANBLANC_KEY_PASSWORD";

/// Whether `--out` names a folder to write the archive into: one that exists, or
/// a path written with a trailing `/`.
fn names_folder(out: &Path) -> bool {
    out.is_dir()
        || out
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR)
}

pub fn run_archive(
    root: &Path,
    out: Option<PathBuf>,
    tlp: Tlp,
    sign: Option<PathBuf>,
    quiet: bool,
) -> ExitCode {
    if let Some(out) = &out {
        // A copy inside the sources would be published by the next build, and
        // packed into the next archive.
        let folder = if names_folder(out) {
            out.as_path()
        } else {
            out.parent().unwrap_or(out)
        };
        if crate::write::in_sources(folder, root) {
            return fail(&format!(
                "refusing to write the archive into {}: inside content/, themes/ or versions/ \
                 the next build would publish it; write it elsewhere, e.g. archives/",
                out.display()
            ));
        }
        // A device or a pipe (`/dev/null`) would be replaced by the zip.
        let special = std::fs::metadata(out).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if special {
            return fail(&format!(
                "refusing to write the archive over {}: it is not a file (a device or a pipe); give a file name or a folder",
                out.display()
            ));
        }
        // A copy of another level is never replaced: the public copy must not
        // turn restricted under its name, nor the reverse.
        if out.is_file() {
            if let Some(level) = archive_level(out).filter(|l| l != tlp.code()) {
                return fail(&format!(
                    "refusing to replace {}: it holds a TLP:{} copy, and this one is TLP:{}; give another name",
                    out.display(),
                    level.to_uppercase(),
                    tlp.code().to_uppercase()
                ));
            }
        }
        // An earlier archive may be replaced; `handbook.yaml` or a key may not.
        if out.is_file() && !is_our_archive(out) {
            return fail(&format!(
                "refusing to replace {}: it is not an archive planblanc wrote; give a new file name or a folder",
                out.display()
            ));
        }
    }
    sweep_stale_staging();
    // The site built for the archive may hold restricted pages: the folder is
    // this user's alone, as `serve`'s is.
    let mut builder = tempfile::Builder::new();
    builder.prefix(STAGING_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    let staging = match builder.tempdir() {
        Ok(d) => d,
        Err(e) => return fail(&format!("cannot create a temporary folder: {e}")),
    };
    let site_dir = staging.path().join("site");
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: Some(site_dir.clone()),
        audience: Audience { tlp, drafts: false },
    };
    let report = match build::build(&opts) {
        Ok(r) => r,
        Err(e) => return fail(&e.to_string()),
    };
    super::print_diagnostics(&report, quiet);
    if report.errors() > 0 || !report.written {
        eprintln!("archive: the build failed, no archive written");
        return ExitCode::from(1);
    }
    let info = &report.info;
    let top = format!(
        "{}-{}{}",
        slugify(&info.title),
        info.edition,
        tlp.name_suffix()
    );
    let file_name = format!("{top}.zip");
    let out_file = match out {
        Some(dir) if names_folder(&dir) => dir.join(file_name),
        Some(file) => file,
        None => root.join("archives").join(file_name),
    };
    // A name the user chose may hide the level: say it, even with --quiet.
    let named = out_file
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase());
    if tlp != Tlp::Clear && !named.is_some_and(|n| n.contains(&format!("tlp-{}", tlp.code()))) {
        eprintln!(
            "warning: {} holds a TLP:{} copy but its name does not say so: name it `…-tlp-{}.zip` so it cannot pass for the public copy",
            out_file.display(),
            tlp.code().to_uppercase(),
            tlp.code()
        );
    }
    // `archives/` on a fresh handbook, or a new folder the user named.
    if let Some(folder) = out_file.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(folder) {
            return fail(&format!(
                "cannot create the folder {}: {e}",
                folder.display()
            ));
        }
    }
    let options = ArchiveOptions {
        site_dir,
        top_folder: top,
        out_file,
        secret_key: sign,
        password: std::env::var(PASSWORD_VAR).ok(),
        about: AboutInfo {
            title: info.title.clone(),
            edition: info.edition.clone(),
            content_date: info
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "1970-01-01".into()),
            tlp: tlp.code().to_uppercase(),
            language: info.language.clone(),
            pubkey_source: None,
        },
    };
    match archive::write_archive(&options) {
        Ok(r) => {
            if !quiet {
                eprintln!(
                    "{} : {} fichiers, {} octets, sha256 {}{}",
                    r.out_file.display(),
                    r.files,
                    r.bytes,
                    r.archive_sha256,
                    r.key_id
                        .map(|k| format!(", signé (clé {k})"))
                        .unwrap_or_default()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

pub fn run_verify(path: &Path, pubkey: Option<&Path>) -> ExitCode {
    match archive::verify(path, pubkey) {
        Ok(report) => {
            println!("{report}");
            if report.ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        // Nothing there to check (an emptied stick, a copy cut short before its
        // SHA256SUMS): a verdict like any bad copy's, for the reader and for
        // scripts that tell a bad copy (1) from a mistyped command (2).
        Err(e @ archive::ArchiveError::NoCopy { .. }) => {
            println!("Résultat : COPIE INTROUVABLE (FAILED) — ne pas utiliser ce support\n{e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::from(2)
        }
    }
}

pub fn run_keygen(root: &Path, secret: &Path, public: &Path, force: bool) -> ExitCode {
    // In a handbook's sources, the next build would publish the key and the next
    // signed archive carry it. Any folder above the key with a handbook.yaml is
    // a handbook, whatever `--root` says (`keygen` run inside content/ is the slip).
    let absolute = std::path::absolute(secret).unwrap_or_else(|_| secret.to_path_buf());
    let handbooks = std::iter::once(root.to_path_buf()).chain(
        absolute
            .ancestors()
            .skip(1)
            .filter(|a| a.join(crate::load::config::CONFIG_FILE).is_file())
            .map(Path::to_path_buf),
    );
    if handbooks
        .into_iter()
        .any(|h| crate::write::in_sources(secret, &h))
    {
        return fail(&format!(
            "refusing to write the secret key into {}: inside content/, themes/ or versions/ \
             the next build would publish it; keep it outside the handbook's sources",
            secret.display()
        ));
    }
    let password = std::env::var(PASSWORD_VAR).ok();
    match archive::keygen(secret, public, password.as_deref(), force) {
        Ok(()) => {
            eprintln!(
                "clé secrète : {} (à garder hors de toute diffusion)\nclé publique : {} (à publier)",
                secret.display(),
                public.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

/// Whether `path` is an archive planblanc wrote: a zip whose top folder holds
/// `SHA256SUMS` (a `.docx` or a photo zip is a zip too).
fn is_our_archive(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(zip) = zip::ZipArchive::new(file) else {
        return false;
    };
    // (Bound to a name: the iterator borrows `zip`, which must outlive it.)
    let ours = zip.file_names().any(|name| {
        name.split_once('/')
            .is_some_and(|(_, rest)| rest == crate::archive::SUMS_NAME)
    });
    ours
}

/// The TLP level an archive planblanc wrote carries, as its "about" page marks
/// it (`<span class="tlp" …>TLP:RED</span>`).
fn archive_level(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let about = zip
        .file_names()
        .find(|name| {
            name.split_once('/')
                .is_some_and(|(_, rest)| rest == crate::archive::ABOUT_NAME)
        })?
        .to_string();
    let mut html = String::new();
    zip.by_name(&about).ok()?.read_to_string(&mut html).ok()?;
    let after = &html[html.find("class=\"tlp\"")?..];
    let label = &after[after.find("TLP:")? + 4..];
    let level: String = label
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '+')
        .collect();
    Some(level.to_ascii_lowercase())
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

const STAGING_PREFIX: &str = "planblanc-archive-";

/// Staging folders of archive runs killed midway (a day old, so none running).
fn sweep_stale_staging() {
    let day = std::time::Duration::from_secs(24 * 3600);
    let dir = std::env::temp_dir();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let ours = entry
            .file_name()
            .to_string_lossy()
            .starts_with(STAGING_PREFIX);
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > day));
        if ours && old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
