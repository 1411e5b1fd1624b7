//! planblanc: publishes a hospital's cyber-crisis handbook ("plan blanc numérique")
//! as a static site that works from disk, with no server and no network.
//!
//! The pipeline runs one way: `load` → `validate` → `model` → `markdown`/`render`
//! → `write`, driven by `build`.

// Diagnostics are plain values returned on the cold error path; boxing them would
// only add noise.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

pub mod archive;
pub mod build;
pub mod cli;
pub mod diag;
pub mod html;
pub mod load;
pub mod markdown;
pub mod model;
pub mod print;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod validate;
pub mod versions;
pub mod write;
