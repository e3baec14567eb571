//! A build session for `rapor serve`: the first build and every rebuild after a change.
//! - A changed narrative re-renders only the page that shows it, written in place.
//! - A changed data file (`content/data/`) reloads and rescores the site and renders it in
//!   memory, but writes only the files whose bytes changed (`update.rs`): a score fixed at one
//!   school rewrites its page and the few whose means moved, not 10,000.
//! - Any other change (site.toml, theme, articles) rebuilds the whole site through the same
//!   staging-and-swap as `rapor build`.
//!
//! A broken change never replaces the last good site: nothing is written unless the whole
//! site loaded and rendered.

use crate::build::{prepare, render_site, write_site, BuildError, Prepared};
use crate::diag::Problem;
use crate::load::content::read_narrative;
use crate::plan::{paths, Lang, Page, PageKind};
use crate::progress::Progress;
use crate::render::view::SiteView;
use crate::update::{InPlace, TooManyChanges};
use crate::write::{absolute, check_output_dir, safe_relative};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Changed bytes a data update may hold in memory before it rebuilds through staging instead.
const UPDATE_LIMIT_BYTES: u64 = 512 << 20;

pub struct Session {
    site_dir: PathBuf,
    out_dir: PathBuf,
    /// The site as last built successfully, kept for narrative-only rebuilds.
    state: Option<Prepared>,
}

/// Where a narrative's text is shown.
enum Narrative {
    Region(String),
    School(String),
}

impl Session {
    pub fn new(site_dir: PathBuf, out_dir: PathBuf) -> Session {
        // The watcher reports absolute, resolved paths: compare against the same form.
        let site_dir = absolute(&site_dir).unwrap_or(site_dir);
        let out_dir = absolute(&out_dir).unwrap_or(out_dir);
        Session {
            site_dir,
            out_dir,
            state: None,
        }
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
        let started = Instant::now();
        check_output_dir(&self.site_dir, &self.out_dir).map_err(|e| format!("error: {e:#}"))?;
        let prepared = prepare(&self.site_dir).map_err(|e| e.to_string())?;
        let report = write_site(&prepared, &self.out_dir, &Progress::none(), started)
            .map_err(|e| e.to_string())?;
        self.state = Some(prepared);
        Ok(report.summary(&self.out_dir))
    }

    /// Rebuilds after the given files changed. Changes inside the output folder (or its
    /// staging folders beside it) are ignored.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<String, String> {
        let relevant: Vec<&PathBuf> = changed.iter().filter(|p| !self.is_output(p)).collect();
        if relevant.is_empty() {
            return Ok(String::new());
        }
        let narratives: Option<Vec<(PathBuf, Narrative)>> = relevant
            .iter()
            .map(|p| self.narrative_of(p).map(|n| ((*p).clone(), n)))
            .collect();
        let data_only = relevant
            .iter()
            .all(|p| p.starts_with(self.site_dir.join("content/data")));
        match (narratives, self.state.is_some()) {
            (Some(list), true) => self.rebuild_narratives(list),
            (None, true) if data_only => self.update_data(),
            _ => self.full_build(),
        }
    }

    /// Reloads the data and rewrites only the output files that changed; a full build when
    /// too much changed to hold in memory.
    fn update_data(&mut self) -> Result<String, String> {
        if !self.out_dir.join(crate::write::MARKER).is_file() {
            // The output folder was removed or replaced: nothing to update in place.
            return self.full_build();
        }
        let started = Instant::now();
        let prepared = prepare(&self.site_dir).map_err(|e| e.to_string())?;
        let update =
            InPlace::new(&self.out_dir, UPDATE_LIMIT_BYTES).map_err(|e| format!("error: {e:#}"))?;
        let report = match render_site(&prepared, &update, &Progress::none(), started) {
            Ok(report) => report,
            Err(BuildError::Output(e)) if e.downcast_ref::<TooManyChanges>().is_some() => {
                drop(update);
                return self.full_build();
            }
            Err(e) => return Err(e.to_string()),
        };
        let done = update.commit().map_err(|e| format!("error: {e:#}"))?;
        self.state = Some(prepared);
        Ok(format!(
            "rapor: data dimuat ulang; {} file diperbarui, {} dihapus, {} tetap dalam {} ms ({} peringatan)",
            done.written,
            done.removed,
            done.unchanged,
            started.elapsed().as_millis(),
            report.diagnostics.warning_count()
        ))
    }

    /// `content/wilayah/<kode>.md` or `content/sekolah/<npsn>.md` of a known region/school.
    fn narrative_of(&self, path: &Path) -> Option<Narrative> {
        let rel = path.strip_prefix(&self.site_dir).ok()?;
        let dir = rel.parent()?.to_str()?;
        if rel.extension()? != "md" {
            return None;
        }
        let stem = rel.file_stem()?.to_str()?.to_string();
        let data = &self.state.as_ref()?.data;
        match dir {
            "content/wilayah" if data.region(&stem).is_some() => Some(Narrative::Region(stem)),
            "content/sekolah" if data.school_index(&stem).is_some() => {
                Some(Narrative::School(stem))
            }
            _ => None,
        }
    }

    /// Re-reads the narratives and re-renders only their pages, written in place.
    fn rebuild_narratives(&mut self, changed: Vec<(PathBuf, Narrative)>) -> Result<String, String> {
        let started = Instant::now();
        let Some(state) = self.state.as_mut() else {
            return self.full_build();
        };
        let mut pages = Vec::new();
        for (path, narrative) in &changed {
            let file = path
                .strip_prefix(&self.site_dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            let (docs, key, page) = match narrative {
                Narrative::Region(kode) => {
                    let i = state.data.regions.iter().position(|r| &r.kode == kode);
                    (
                        &mut state.data.region_docs,
                        kode,
                        i.map(|i| (paths::region(kode), PageKind::Region(i))),
                    )
                }
                Narrative::School(npsn) => {
                    let i = state.data.school_index(npsn);
                    (
                        &mut state.data.school_docs,
                        npsn,
                        i.map(|i| (paths::school(npsn), PageKind::School(i))),
                    )
                }
            };
            if path.exists() {
                let doc = read_narrative(path, &file).map_err(|p| report(&p))?;
                docs.insert(key.clone(), doc);
            } else {
                docs.remove(key);
            }
            if let Some((path, kind)) = page {
                // The narrative shows on the page in every language.
                for lang in Lang::of_site(&state.data.config) {
                    pages.push(Page {
                        path: format!("{}{path}", lang.subtree),
                        kind,
                        lang,
                    });
                }
            }
        }
        let state = self.state.as_ref().expect("state checked above");
        let views = state.renderer.views(&state.data);
        for page in &pages {
            let html = state
                .renderer
                .render(SiteView::for_page(&views, page), page)?;
            write_in_place(&self.out_dir, &page.path, &html)
                .map_err(|e| format!("error: {e:#}"))?;
        }
        Ok(format!(
            "rapor: {} halaman diperbarui dalam {} ms",
            pages.len(),
            started.elapsed().as_millis()
        ))
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

fn report(problem: &Problem) -> String {
    format!("{problem}\n1 error, 0 warning\n")
}

/// Replaces one output file atomically (write beside it, then rename over it), so a reader
/// never sees half a page.
fn write_in_place(out_dir: &Path, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let path = out_dir.join(safe_relative(rel)?);
    let temp = path.with_extension("html.tmp");
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, &path)?;
    Ok(())
}
