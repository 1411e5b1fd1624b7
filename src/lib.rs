//! planblanc: publishes a hospital's cyber-crisis handbook ("plan blanc numérique")
//! as a static site that works from disk, with no server and no network.
//!
//! The pipeline runs one way: `load` → `validate` → `model` → `markdown`/`render`
//! → `write`, driven by `build`.

pub mod build;
pub mod cli;
pub mod diag;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod validate;
pub mod write;
