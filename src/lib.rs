//! rapor: a static-site generator for Indonesian school quality reports (rapor mutu, peta
//! mutu). A site folder of data tables, a quality framework and markdown becomes an offline,
//! browsable site.
//!
//! The data flows through one module per step:
//! `load` (+ `validate`) → `score` → `plan` → `render` (templates, charts) → `write`;
//! `build` runs them in order.
//!
//! ```no_run
//! let report = rapor::build::build("site".as_ref(), "site/output".as_ref()).unwrap();
//! println!("{} pages", report.pages);
//! ```

// Problems carry file, line, field, value and hint; they are rare, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod framework;
pub mod incremental;
pub mod load;
pub mod model;
pub mod plan;
pub mod progress;
pub mod render;
pub mod score;
pub mod theme;
pub mod update;
pub mod validate;
pub mod verval;
pub mod write;
