//! Every integration test, in one binary.
//!
//! Each module was once its own test target. Linking the engine (typst included)
//! once per target cost gigabytes of disk and most of the build time, so they
//! share one binary: `cargo test --test integration site::` runs one module.

mod common;

mod archive;
mod archive_layout;
mod browser;
mod changelog;
mod cli;
mod content_language;
mod diagnostics;
mod editions;
mod images_and_links;
mod incremental;
mod leaks;
mod near_misses;
mod output;
mod pagination;
mod print;
mod print_fidelity;
mod raw_html;
mod robustness;
mod scaffold;
mod search_analysis;
mod search_relevance;
mod serve;
mod site;
mod theme;
mod versions;
mod word_documents;
