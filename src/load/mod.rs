//! Reading a site folder: `site.toml`, the framework, data tables and markdown content.
//! Every reader collects all problems it finds instead of stopping at the first.

pub mod codes;
pub mod content;
pub mod csv_dialect;
pub mod regions;
pub mod schools;
pub mod scores;
pub mod table;
pub mod text;
pub mod xlsx;

use crate::config::SiteConfig;
use crate::diag::{Diagnostics, Problem};
use crate::framework::Framework;
use crate::model::{Respondents, ScoreRow, SiteData, YearScores};
use crate::score::answers::{self, AnswerYear};
use crate::validate;
use std::collections::BTreeMap;
use std::path::Path;
use table::Table;
use table::TableInfo;

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
    let links = text::check_links(site_dir);
    if !links.is_empty() {
        links.into_iter().for_each(|p| diag.push(p));
        return (None, diag);
    }
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
    // Markdown is read beside the scores; problems are listed in the order of a serial read.
    let ((years, respondents), (content_diag, region_docs, school_docs, articles, pages)) =
        rayon::join(
            || read_years(&tables, &framework, &school_rows, &mut diag),
            || {
                let mut diag = Diagnostics::default();
                let region_docs = content::read_narratives(site_dir, "content/wilayah", &mut diag);
                let school_docs = content::read_narratives(site_dir, "content/sekolah", &mut diag);
                let articles = content::read_articles(site_dir, &mut diag);
                let pages = content::read_pages(site_dir, &mut diag);
                (diag, region_docs, school_docs, articles, pages)
            },
        );
    diag.extend(content_diag);
    let data = SiteData {
        config,
        framework,
        regions,
        schools: school_rows.schools,
        rejected_npsns: school_rows.rejected,
        schools_usable: school_rows.usable,
        school_table: school_rows.info,
        years,
        respondents,
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
                diag.push(Tables::missing(stem));
                None
            }
        }
    }

    /// The error for a table that must exist and does not.
    fn missing(stem: &str) -> Problem {
        Problem::error(format!("{stem}.csv"), "file data tidak ada")
            .hint("buat file ini sebagai .csv atau .xlsx (lihat README)")
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

/// The years listed in site.toml (or every year with a nilai or raw-data file when none are
/// listed), each from `nilai/<year>` and/or raw answers and administrative data.
fn read_years(
    tables: &Tables,
    framework: &Framework,
    school_rows: &schools::SchoolRows,
    diag: &mut Diagnostics,
) -> (Vec<YearScores>, BTreeMap<u16, Respondents>) {
    use rayon::prelude::*;
    let listed = &tables.config.years;
    let mut nilai_candidates = if listed.is_empty() {
        nilai_years(tables.site_dir)
    } else {
        listed.clone()
    };
    nilai_candidates.sort_unstable();
    nilai_candidates.dedup();
    // The nilai tables are read (on all threads) while the raw answers are scored: read one
    // after the other, a core waited through the serial parts of each.
    let ((raw, raw_diag), mut nilai) = rayon::join(
        || {
            let mut raw_diag = Diagnostics::default();
            // Raw data needs the school list (jenjang per school); without it, its errors
            // would only repeat sekolah.csv's.
            let raw = if school_rows.usable {
                answers::read_answer_years(
                    tables.site_dir,
                    framework,
                    &school_rows.schools,
                    listed,
                    &mut raw_diag,
                )
            } else {
                BTreeMap::new()
            };
            (raw, raw_diag)
        },
        || {
            nilai_candidates
                .par_iter()
                .map(|&year| {
                    let mut diag = Diagnostics::default();
                    let file = tables.find(&nilai_stem(year), &mut diag);
                    let scores = file
                        .as_ref()
                        .and_then(|f| tables.read(f, &mut diag))
                        .map(|t| scores::read_year(&t, year, framework, &mut diag));
                    (year, (file.is_some(), scores, diag))
                })
                .collect::<BTreeMap<_, _>>()
        },
    );
    diag.extend(raw_diag);
    let mut years = listed.clone();
    if years.is_empty() {
        years = nilai_candidates;
        years.extend(raw.keys());
    }
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        diag.push(
            Problem::error(NILAI_DIR, "tidak ada data nilai")
                .hint("tambahkan content/data/nilai/<tahun>.csv atau isi years di site.toml"),
        );
    }
    let years: Vec<_> = years
        .into_iter()
        .map(|year| (year, nilai.remove(&year)))
        .collect();
    // Merged on all threads; problems joined in year order as a sequential read gives them.
    let read: Vec<(Option<YearScores>, Option<Respondents>, Diagnostics)> = years
        .into_par_iter()
        .map(|(year, nilai)| {
            let (found, mut scores, mut diag) =
                nilai.unwrap_or((false, None, Diagnostics::default()));
            let mut who = None;
            match raw.get(&year) {
                // Indicator scores are optional beside raw data.
                Some(answer_year) => {
                    who = Some(respondents_of(answer_year));
                    scores = Some(merge_raw(scores.take(), answer_year));
                }
                None if !found => diag.push(Tables::missing(&nilai_stem(year))),
                None => {}
            }
            (scores, who, diag)
        })
        .collect();
    let mut respondents = BTreeMap::new();
    let mut scores = Vec::new();
    for (year_scores, who, year_diag) in read {
        diag.extend(year_diag);
        if let (Some(who), Some(y)) = (who, &year_scores) {
            respondents.insert(y.year, who);
        }
        scores.extend(year_scores);
    }
    (scores, respondents)
}

fn nilai_stem(year: u16) -> String {
    format!("{NILAI_DIR}/{year}")
}

/// Years with a `nilai/<year>` file.
fn nilai_years(site_dir: &Path) -> Vec<u16> {
    let Ok(entries) = std::fs::read_dir(site_dir.join(NILAI_DIR)) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (stem, ext) = name.rsplit_once('.')?;
            TABLE_EXTENSIONS
                .contains(&ext)
                .then(|| stem.parse::<u16>().ok())?
        })
        .collect()
}

/// Raw-answer scores replace a school's indicator row; scores from administrative data alone
/// fill in only for schools without one (a few administrative sub-indicators are not a rapor).
fn merge_raw(nilai: Option<YearScores>, raw: &AnswerYear) -> YearScores {
    let mut scores = nilai.unwrap_or_else(|| YearScores {
        year: raw.year,
        info: TableInfo {
            file: raw.file.clone(),
            sheet: None,
            headers: answers::ANSWER_FIELDS
                .iter()
                .map(|f| f.to_string())
                .collect(),
        },
        raw: None,
        rows: Vec::new(),
    });
    let raw_info = TableInfo {
        file: raw.file.clone(),
        sheet: None,
        headers: answers::ANSWER_FIELDS
            .iter()
            .map(|f| f.to_string())
            .collect(),
    };
    let mut from_raw = std::collections::BTreeSet::new();
    let mut by_npsn: BTreeMap<String, ScoreRow> =
        scores.rows.drain(..).map(|r| (r.npsn.clone(), r)).collect();
    for (row, who) in raw.rows.iter().zip(&raw.respondents) {
        if who.total() > 0 || !by_npsn.contains_key(&row.npsn) {
            by_npsn.insert(row.npsn.clone(), row.clone());
            from_raw.insert(row.npsn.clone());
        }
    }
    scores.rows = by_npsn.into_values().collect();
    scores.raw = Some((raw_info, from_raw));
    scores
}

fn respondents_of(raw: &AnswerYear) -> Respondents {
    Respondents {
        file: raw.answers_file.clone().unwrap_or_else(|| raw.file.clone()),
        roles: raw.roles.clone(),
        by_school: raw
            .rows
            .iter()
            .zip(&raw.respondents)
            .filter(|(_, who)| who.total() > 0)
            .map(|(row, who)| (row.npsn.clone(), (row.line, who.by_role.clone())))
            .collect(),
    }
}
