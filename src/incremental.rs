//! A build session for `rapor serve`: the first build and every rebuild after a change.
//! Rebuilds write through the same staging-and-swap as `rapor build`, so a broken change
//! never replaces the last good site.

use crate::build::build;
use std::path::{Path, PathBuf};

pub struct Session {
    site_dir: PathBuf,
    out_dir: PathBuf,
}

impl Session {
    pub fn new(site_dir: PathBuf, out_dir: PathBuf) -> Session {
        Session { site_dir, out_dir }
    }

    /// Folders and files whose changes trigger a rebuild (those that exist).
    pub fn watched_paths(&self) -> Vec<PathBuf> {
        [
            "site.toml",
            "content",
            "themes",
            "templates",
            "static",
            "i18n",
        ]
        .iter()
        .map(|p| self.site_dir.join(p))
        .filter(|p| p.exists())
        .collect()
    }

    /// Builds everything; `Ok` carries the one-line summary, `Err` the problems.
    pub fn full_build(&mut self) -> Result<String, String> {
        match build(&self.site_dir, &self.out_dir) {
            Ok(report) => Ok(report.summary(&self.out_dir)),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Rebuilds after the given files changed. Changes inside the output folder (or its
    /// staging folders beside it) are ignored.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<String, String> {
        let relevant: Vec<&PathBuf> = changed.iter().filter(|p| !self.is_output(p)).collect();
        if relevant.is_empty() {
            return Ok(String::new());
        }
        self.full_build()
    }

    fn is_output(&self, path: &Path) -> bool {
        let out_name = self
            .out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        path.ancestors().any(|a| {
            a == self.out_dir
                || a.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{out_name}.")))
        })
    }
}
