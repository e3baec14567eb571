//! The build pipeline: load → validate → score → plan → render → write.

use crate::diag::Diagnostics;
use crate::load;
use crate::model::SiteData;
use crate::plan;
use crate::progress::Progress;
use crate::render::{view::SiteView, Renderer};
use crate::theme::Theme;
use crate::write::{check_output_dir, Output, Staging};
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub diagnostics: Diagnostics,
    /// What the build left out and why (no sitemap without base_url), for the summary.
    pub notes: Vec<String>,
}

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// The input has errors; nothing was written.
    Input(Diagnostics),
    /// Rendering or writing failed; the previous output is untouched.
    Output(anyhow::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Input(d) => write!(f, "{}", d.report()),
            BuildError::Output(e) => write!(f, "error: {e:#}"),
        }
    }
}

pub fn build(site_dir: &Path, out_dir: &Path) -> Result<BuildReport, BuildError> {
    build_with_progress(site_dir, out_dir, &Progress::none())
}

/// A loaded, validated site with its compiled theme: everything a build renders from.
/// `rapor serve` keeps one between rebuilds.
pub struct Prepared {
    pub data: SiteData,
    /// Problems of the input (warnings only: a site with errors is never prepared).
    pub diagnostics: Diagnostics,
    pub theme: Theme,
    pub renderer: Renderer,
}

/// Loads, validates and compiles the theme: the steps before anything is rendered.
pub fn prepare(site_dir: &Path) -> Result<Prepared, BuildError> {
    let (data, diagnostics) = load::load_site(site_dir);
    let Some(data) = data else {
        return Err(BuildError::Input(diagnostics));
    };
    let theme_and_renderer = Theme::load(site_dir, &data.config.theme).and_then(|theme| {
        let renderer =
            Renderer::new(&theme, &data.config.all_languages())?.with_boundaries(site_dir)?;
        Ok((renderer, theme))
    });
    let (renderer, theme) = theme_and_renderer.map_err(|p| {
        let mut d = diagnostics.clone();
        d.push(p);
        BuildError::Input(d)
    })?;
    Ok(Prepared {
        data,
        diagnostics,
        theme,
        renderer,
    })
}

/// `build`, reporting its stages to a progress bar.
pub fn build_with_progress(
    site_dir: &Path,
    out_dir: &Path,
    progress: &Progress,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    progress.stage("memuat data", 0);
    check_output_dir(site_dir, out_dir).map_err(BuildError::Output)?;
    let prepared = prepare(site_dir)?;
    let report = write_site(&prepared, out_dir, progress, started);
    free_unless_exiting(prepared);
    report
}

/// Set by a command that ends the process right after its build (`rapor build`).
static EXITING_AFTER_BUILD: AtomicBool = AtomicBool::new(false);

/// Tells builds that the process ends after them: they then leave their data (the site and
/// its scores) to the operating system instead of freeing it allocation by allocation, which
/// took a tenth of a second on one core at the end of a 50,000-school build.
pub fn exiting_after_build() {
    EXITING_AFTER_BUILD.store(true, Ordering::Relaxed);
}

fn free_unless_exiting<T>(value: T) {
    if EXITING_AFTER_BUILD.load(Ordering::Relaxed) {
        std::mem::forget(value);
    }
}

/// Scores, plans and renders every page into a staging folder, then swaps it in.
pub fn write_site(
    prepared: &Prepared,
    out_dir: &Path,
    progress: &Progress,
    started: Instant,
) -> Result<BuildReport, BuildError> {
    let staging = Staging::new(out_dir).map_err(BuildError::Output)?;
    let mut report = render_site(prepared, &staging, progress, started)?;
    progress.stage("memasang output", 0);
    staging.commit().map_err(BuildError::Output)?;
    progress.finish();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Scores, plans and renders every file of the site into `out`.
pub fn render_site<O: Output>(
    prepared: &Prepared,
    out: &O,
    progress: &Progress,
    started: Instant,
) -> Result<BuildReport, BuildError> {
    let Prepared {
        data,
        theme,
        renderer,
        ..
    } = prepared;
    progress.stage("menghitung nilai", 0);
    let views = renderer.views(data);
    let view = &views[0];
    let mut diagnostics = prepared.diagnostics.clone();
    crate::verval::push_all(&crate::verval::check(data, &view.scores), &mut diagnostics);
    progress.stage("merencanakan halaman", 0);
    let plan = plan::plan(data);
    progress.stage("menulis halaman", plan.pages.len() as u64);
    let written = plan
        .pages
        .par_iter()
        .map(|page| {
            let rendered = renderer
                .render_page(SiteView::for_page(&views, page), page)
                .map_err(anyhow::Error::msg)?;
            out.write(&page.path, &rendered.html)?;
            let mut bytes = rendered.html.len() as u64;
            for (path, data) in &rendered.files {
                out.write(path, data)?;
                bytes += data.len() as u64;
            }
            progress.step();
            Ok((bytes, rendered.files.len()))
        })
        .collect::<anyhow::Result<Vec<(u64, usize)>>>()
        .map_err(BuildError::Output)?;
    let mut bytes: u64 = written.iter().map(|(b, _)| b).sum();
    let mut data_files: usize = written.iter().map(|(_, n)| n).sum();
    // The whole site's scores per year, for the home page's and methodology's download list.
    progress.stage("unduhan per tahun", 0);
    let (year_bytes, year_files) =
        crate::render::pages::score_downloads::write_year_files(&views, |path| out.create(path))
            .map_err(BuildError::Output)?;
    bytes += year_bytes;
    data_files += year_files;
    // Sitemap and feeds need absolute URLs: only with base_url.
    let mut notes = Vec::new();
    match data.config.base_url() {
        Some(base_url) => {
            let mut files = crate::render::feeds::sitemap(&plan, &base_url);
            files.extend(
                views
                    .iter()
                    .filter_map(|v| crate::render::feeds::atom(v, &base_url)),
            );
            for (path, data) in &files {
                out.write(path, data).map_err(BuildError::Output)?;
                bytes += data.len() as u64;
            }
            data_files += files.len();
        }
        None => notes
            .push("sitemap.xml dan feed Atom tidak dibuat: isi base_url di site.toml".to_string()),
    }
    for (path, bytes) in &theme.statics {
        out.write(path, bytes).map_err(BuildError::Output)?;
    }
    progress.stage("indeks pencarian", 0);
    let index = crate::render::search::files(&views);
    for (path, bytes) in &index {
        out.write(path, bytes).map_err(BuildError::Output)?;
    }
    let statics = theme.statics.len() + index.len();
    let pages = plan.pages.len();
    free_unless_exiting((views, plan, index));
    Ok(BuildReport {
        pages,
        files: pages + data_files + statics,
        bytes,
        elapsed: started.elapsed(),
        diagnostics,
        notes,
    })
}

impl BuildReport {
    /// The one line every build ends with: pages, size, time, warnings, then any notes.
    pub fn summary(&self, out_dir: &Path) -> String {
        let mut line = format!(
            "rapor: {} halaman, {} file, {:.1} MB ditulis ke {} dalam {:.2} s ({} peringatan)",
            self.pages,
            self.files,
            self.bytes as f64 / 1e6,
            out_dir.display(),
            self.elapsed.as_secs_f64(),
            self.diagnostics.warning_count()
        );
        for note in &self.notes {
            line.push_str("; ");
            line.push_str(note);
        }
        line
    }
}
