//! Reading a site folder: `site.toml`, the framework, data tables and markdown content.
//! Every reader collects all problems it finds instead of stopping at the first.

pub mod content;
pub mod regions;
pub mod schools;
pub mod scores;
pub mod table;

use crate::config::SiteConfig;
use crate::diag::{Diagnostics, Problem};
use crate::framework::Framework;
use crate::model::{SiteData, YearScores};
use crate::validate;
use std::path::Path;
use table::Table;

pub const WILAYAH_FILE: &str = "content/data/wilayah.csv";
pub const SEKOLAH_FILE: &str = "content/data/sekolah.csv";
pub const NILAI_DIR: &str = "content/data/nilai";

/// Loads and validates a whole site. Returns the data only when there is no error;
/// the diagnostics always hold every problem found (errors and warnings).
pub fn load_site(site_dir: &Path) -> (Option<SiteData>, Diagnostics) {
    let mut diag = Diagnostics::default();
    let config = match SiteConfig::load(site_dir) {
        Ok(c) => c,
        Err(p) => {
            diag.push(p);
            return (None, diag);
        }
    };
    let framework = match Framework::load(site_dir, &config.framework) {
        Ok(f) => f,
        Err(p) => {
            diag.push(p);
            return (None, diag);
        }
    };
    let regions = read_table(site_dir, WILAYAH_FILE, &mut diag)
        .map(|t| regions::read_regions(&t, &mut diag))
        .unwrap_or_default();
    let school_rows = read_table(site_dir, SEKOLAH_FILE, &mut diag)
        .map(|t| schools::read_schools(&t, &mut diag))
        .unwrap_or_default();
    let years = read_years(site_dir, &config, &framework, &mut diag);
    let region_docs = content::read_narratives(site_dir, "content/wilayah", &mut diag);
    let school_docs = content::read_narratives(site_dir, "content/sekolah", &mut diag);
    let articles = content::read_articles(site_dir, &mut diag);
    let pages = content::read_pages(site_dir, &mut diag);
    let data = SiteData {
        config,
        framework,
        regions,
        schools: school_rows.schools,
        rejected_npsns: school_rows.rejected,
        years,
        region_docs: region_docs
            .into_iter()
            .map(|d| (d.stem.clone(), d))
            .collect(),
        school_docs: school_docs
            .into_iter()
            .map(|d| (d.stem.clone(), d))
            .collect(),
        articles,
        pages,
    };
    validate::validate(&data, &mut diag);
    if diag.has_errors() {
        (None, diag)
    } else {
        (Some(data), diag)
    }
}

fn read_table(site_dir: &Path, file: &str, diag: &mut Diagnostics) -> Option<Table> {
    let path = site_dir.join(file);
    if !path.is_file() {
        diag.push(Problem::error(file, "file data tidak ada").hint("buat file ini (lihat README)"));
        return None;
    }
    match Table::read_csv(&path, file) {
        Ok(t) => Some(t),
        Err(p) => {
            diag.push(p);
            None
        }
    }
}

/// The years listed in site.toml, or every `nilai/<year>.csv` found when none are listed.
fn read_years(
    site_dir: &Path,
    config: &SiteConfig,
    framework: &Framework,
    diag: &mut Diagnostics,
) -> Vec<YearScores> {
    let mut years = config.years.clone();
    if years.is_empty() {
        if let Ok(entries) = std::fs::read_dir(site_dir.join(NILAI_DIR)) {
            years = entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".csv")?.parse::<u16>().ok()
                })
                .collect();
        }
    }
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        diag.push(
            Problem::error(NILAI_DIR, "tidak ada data nilai")
                .hint("tambahkan content/data/nilai/<tahun>.csv atau isi years di site.toml"),
        );
    }
    years
        .into_iter()
        .filter_map(|year| {
            let file = format!("{NILAI_DIR}/{year}.csv");
            let table = read_table(site_dir, &file, diag)?;
            Some(scores::read_year(&table, year, framework, diag))
        })
        .collect()
}
