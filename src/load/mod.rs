//! Reading a site folder: `site.toml`, the framework, data tables and markdown content.
//! Every reader collects all problems it finds instead of stopping at the first.

pub mod codes;
pub mod content;
pub mod csv_dialect;
pub mod regions;
pub mod schools;
pub mod scores;
pub mod table;
pub mod xlsx;

use crate::config::SiteConfig;
use crate::diag::{Diagnostics, Problem};
use crate::framework::Framework;
use crate::model::{SiteData, YearScores};
use crate::validate;
use std::path::Path;
use table::Table;

/// Data tables by path without extension: each may be `.csv` or `.xlsx`.
pub const WILAYAH: &str = "content/data/wilayah";
pub const SEKOLAH: &str = "content/data/sekolah";
pub const NILAI_DIR: &str = "content/data/nilai";

/// Extensions a data table may have, in the order they are looked for.
pub const TABLE_EXTENSIONS: [&str; 2] = ["csv", "xlsx"];

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
    let tables = Tables {
        site_dir,
        config: &config,
    };
    let regions = tables
        .read_required(WILAYAH, &mut diag)
        .map(|t| regions::read_regions(&t, &mut diag))
        .unwrap_or_default();
    let school_rows = tables
        .read_required(SEKOLAH, &mut diag)
        .map(|t| schools::read_schools(&t, &mut diag))
        .unwrap_or_default();
    let years = read_years(&tables, &framework, &mut diag);
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
        schools_usable: school_rows.usable,
        school_table: school_rows.info,
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

/// Finds and reads data tables of a site, CSV or XLSX, with the sheet named in site.toml.
pub struct Tables<'a> {
    pub site_dir: &'a Path,
    pub config: &'a SiteConfig,
}

impl Tables<'_> {
    /// The file of a table (`stem` + one extension), relative to the site, if there is one.
    /// Two files for one table (`sekolah.csv` and `sekolah.xlsx`) is an error.
    pub fn find(&self, stem: &str, diag: &mut Diagnostics) -> Option<String> {
        let found: Vec<String> = TABLE_EXTENSIONS
            .iter()
            .map(|ext| format!("{stem}.{ext}"))
            .filter(|file| self.site_dir.join(file).is_file())
            .collect();
        if found.len() > 1 {
            diag.push(
                Problem::error(&found[0], "tabel yang sama ada dalam dua file")
                    .value(found.join(", "))
                    .hint("hapus atau ganti nama salah satu file"),
            );
        }
        found.into_iter().next()
    }

    /// Reads a table that must exist.
    pub fn read_required(&self, stem: &str, diag: &mut Diagnostics) -> Option<Table> {
        match self.find(stem, diag) {
            Some(file) => self.read(&file, diag),
            None => {
                diag.push(
                    Problem::error(format!("{stem}.csv"), "file data tidak ada")
                        .hint("buat file ini sebagai .csv atau .xlsx (lihat README)"),
                );
                None
            }
        }
    }

    /// Reads one table file; problems of single rows go to `diag`.
    pub fn read(&self, file: &str, diag: &mut Diagnostics) -> Option<Table> {
        let sheet = self.config.sheets.get(file).map(String::as_str);
        match Table::read_sheet(&self.site_dir.join(file), file, sheet) {
            Ok(mut t) => {
                std::mem::take(&mut t.problems)
                    .into_iter()
                    .for_each(|p| diag.push(p));
                Some(t)
            }
            Err(p) => {
                diag.push(p);
                None
            }
        }
    }
}

/// The years listed in site.toml, or every `nilai/<year>.csv|xlsx` found when none are listed.
fn read_years(tables: &Tables, framework: &Framework, diag: &mut Diagnostics) -> Vec<YearScores> {
    let mut years = tables.config.years.clone();
    if years.is_empty() {
        if let Ok(entries) = std::fs::read_dir(tables.site_dir.join(NILAI_DIR)) {
            years = entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let (stem, ext) = name.rsplit_once('.')?;
                    TABLE_EXTENSIONS
                        .contains(&ext)
                        .then(|| stem.parse::<u16>().ok())?
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
            let table = tables.read_required(&format!("{NILAI_DIR}/{year}"), diag)?;
            Some(scores::read_year(&table, year, framework, diag))
        })
        .collect()
}
