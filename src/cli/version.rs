//! `planblanc version cut|list`.

use std::path::Path;
use std::process::ExitCode;

use crate::build::{self, BuildOptions};
use crate::load::Tlp;
use crate::model::Audience;
use crate::versions;

/// `quiet`: errors only, no word of what was done.
pub fn cut(root: &Path, label: &str, quiet: bool) -> ExitCode {
    // A frozen version must build forever: check it at every level first.
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        audience: Audience {
            tlp: Tlp::Red,
            drafts: true,
        },
    };
    let errors = match build::build(&opts) {
        Ok(report) => {
            super::print_diagnostics(&report, true);
            report.errors()
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    match versions::cut(root, label, errors) {
        Ok(_) if quiet => ExitCode::SUCCESS,
        Ok(v) => {
            eprintln!(
                "version {} figée dans {}\nétape suivante : dans handbook.yaml, passez `edition:` au libellé de la prochaine édition",
                v.label,
                v.root.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

pub fn list(root: &Path) -> ExitCode {
    for v in versions::list(root) {
        println!("{}", v.label);
    }
    ExitCode::SUCCESS
}
