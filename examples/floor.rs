//! The floor of a build: read every Markdown file under `<root>/content`, render it
//! with pulldown-cmark (same options as planblanc) and write the HTML, in parallel,
//! with no templates, taxonomies, links, highlighting or index. bench/compare.sh
//! reports planblanc's build time against this.
//!
//! Usage: cargo run --release --example floor -- <root> <out>

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(root), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor <site root> <output dir>");
        std::process::exit(2);
    };
    let content = Path::new(root).join("content");
    if !content.is_dir() {
        eprintln!("floor: no folder {}", content.display());
        std::process::exit(2);
    }
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let out = Path::new(out);
    files.par_iter().for_each(|path| {
        let Ok(text) = fs::read_to_string(path) else {
            return;
        };
        let body = strip_front_matter(&text);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(body, planblanc::markdown::options()),
        );
        let rel = path
            .strip_prefix(&content)
            .unwrap_or(path)
            .with_extension("");
        let target = out.join(rel).join("index.html");
        if let Some(parent) = target.parent() {
            let _ = fs::create_dir_all(parent);
        }
        let _ = fs::write(target, html);
    });
    println!("{} files", files.len());
}

fn strip_front_matter(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|i| &rest[i + 5..]))
        .unwrap_or(text)
}
