//! Scores from raw questionnaire answers and administrative data (the PMP method,
//! DOMAIN.md §4), instead of or beside indicator scores in `nilai/<tahun>.csv`.
//!
//! Files (each may be `.csv` — `,` `;` or tab, UTF-8 with or without BOM, CRLF ok, quotes
//! ok — or `.xlsx`, first sheet):
//!
//! - `content/data/instrumen/` (one instrument per site, for every year):
//!   - `subindikator`: `kode,nama,sumber` — code `6.1.3` belongs to indicator `6.1` of the
//!     framework; `sumber` is `kuesioner` or `administrasi`.
//!   - `butir`: `butir,subindikator` — each questionnaire item's sub-indicator (item codes
//!     are compared without regard to case).
//!   - `bobot_jawaban`: `jenjang,peran,jawaban,bobot[,butir]` — the weight in [0, 1] of an
//!     answer option by school level and role; rows with `butir` override the general ones
//!     for that item.
//!   - `bobot_peran`: `subindikator,peran,bobot` — role weights of each questionnaire
//!     sub-indicator, summing to 1 (±0.001).
//! - `content/data/jawaban/<tahun>`: `npsn,peran,responden,butir,jawaban`, one row per answer;
//!   `responden` names a respondent within (npsn, peran); all rows of a school together; an
//!   empty `jawaban` is an item not answered.
//! - `content/data/administrasi/<tahun>`: `npsn,subindikator,aktual,standar`.
//!
//! Method: a respondent's value for a sub-indicator is the mean weight of its items they
//! answered; a role's value the mean over its respondents who answered any; the
//! sub-indicator score is `max × Σ w_role × value_role / Σ w_role` over the weighted roles
//! that answered (all of them: the weights sum to 1; some missing: renormalised — reported
//! when a weighted role has no respondent at the school; none: not available). Administrative: `min(1, aktual / standar) × max`. An
//! indicator is the mean of its available sub-indicators; a standard the mean of all its
//! available sub-indicators (not of its indicators). Missing is not available, never zero.
//!
//! The answers file can be national (hundreds of millions of rows): it is streamed school
//! by school, never loaded; plain CSV is split at school boundaries and scored on all
//! threads (see `pass`).
//!
//! ```no_run
//! # use rapor::{diag::Diagnostics, framework::Framework};
//! # let site = std::path::Path::new(".");
//! # let framework = Framework::load(site, "rapor-mutu").unwrap();
//! # let schools = Vec::new();
//! let mut diag = Diagnostics::default();
//! let years = rapor::score::answers::read_answer_years(site, &framework, &schools, &[], &mut diag);
//! for (year, scores) in &years {
//!     println!("{year}: {} schools from {}", scores.rows.len(), scores.file);
//! }
//! ```

mod admin;
mod instrument;
mod pass;
mod problems;
mod records;
mod repeat;
mod split;
mod tally;

use crate::diag::{Diagnostics, Problem};
use crate::framework::Framework;
use crate::load::table::Table;
use crate::model::{School, ScoreRow};
use admin::AdminScores;
use instrument::Instrument;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tally::{Context, SchoolResult};

pub use problems::SHOWN as PROBLEMS_SHOWN_PER_KIND;
pub use tally::FIELDS as ANSWER_FIELDS;

pub const INSTRUMEN_DIR: &str = "content/data/instrumen";
pub const JAWABAN_DIR: &str = "content/data/jawaban";
pub const ADMINISTRASI_DIR: &str = "content/data/administrasi";

/// Extensions a raw-data table may have, in the order they are looked for.
const EXTENSIONS: [&str; 2] = ["csv", "xlsx"];

/// One year's scores from raw data.
#[derive(Debug, Clone)]
pub struct AnswerYear {
    pub year: u16,
    /// The file the rows' lines point into: the answers file, else the administrative one.
    pub file: String,
    /// `content/data/jawaban/<tahun>.csv|xlsx`, when the year has answers.
    pub answers_file: Option<String>,
    /// `content/data/administrasi/<tahun>.csv|xlsx`, when the year has administrative data.
    pub admin_file: Option<String>,
    /// One per known school with any score, sorted by NPSN; `standards` is always `Some`.
    /// A row's `line` is its school's first line in the answers file, or in the
    /// administrative file for a school without answers.
    pub rows: Vec<ScoreRow>,
    /// `respondents[i]` belongs to `rows[i]`.
    pub respondents: Vec<Respondents>,
    /// Role names (lower case), the order of `Respondents::by_role`.
    pub roles: Vec<String>,
    /// Answer rows read (non-blank data lines of the answers file).
    pub answer_rows: u64,
}

/// Who answered at one school.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Respondents {
    /// Respondents per role (order of `AnswerYear::roles`); all zero: administrative data only.
    pub by_role: Vec<u32>,
    /// Questionnaire sub-indicators whose role weights were renormalised because a weighted
    /// role had no respondent who answered them (a role with no respondent at all at the
    /// school is also reported as a warning; one whose respondents skipped the items is not).
    pub renormalised: u32,
}

impl Respondents {
    pub fn total(&self) -> u32 {
        self.by_role.iter().sum()
    }
}

/// How the answers file is split for threads. The defaults suit every file; tests use tiny
/// chunks to exercise the boundaries.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Target bytes per chunk (default: file size / (8 × threads), within 1–64 MiB).
    pub chunk_bytes: Option<u64>,
}

/// Finds `jawaban/<tahun>.*` and `administrasi/<tahun>.*`, loads the instrument once and
/// scores every year found (only `years`, unless it is empty). Problems go to `diag`; a year
/// whose answers file cannot be read at all is left out.
pub fn read_answer_years(
    site_dir: &Path,
    framework: &Framework,
    schools: &[School],
    years: &[u16],
    diag: &mut Diagnostics,
) -> BTreeMap<u16, AnswerYear> {
    read_answer_years_with(
        site_dir,
        framework,
        schools,
        years,
        &Options::default(),
        diag,
    )
}

/// `read_answer_years` with explicit `Options`.
pub fn read_answer_years_with(
    site_dir: &Path,
    framework: &Framework,
    schools: &[School],
    years: &[u16],
    options: &Options,
    diag: &mut Diagnostics,
) -> BTreeMap<u16, AnswerYear> {
    let mut answer_files = year_files(site_dir, JAWABAN_DIR, diag);
    let mut admin_files = year_files(site_dir, ADMINISTRASI_DIR, diag);
    if !years.is_empty() {
        answer_files.retain(|y, _| years.contains(y));
        admin_files.retain(|y, _| years.contains(y));
    }
    let mut result = BTreeMap::new();
    if answer_files.is_empty() && admin_files.is_empty() {
        return result;
    }
    let Some(instrument) = Instrument::load(site_dir, framework, !answer_files.is_empty(), diag)
    else {
        return result;
    };
    let all_years: BTreeSet<u16> = answer_files
        .keys()
        .chain(admin_files.keys())
        .copied()
        .collect();
    for year in all_years {
        let answers_file = answer_files.get(&year).cloned();
        let admin_file = admin_files.get(&year).cloned();
        let admin = match &admin_file {
            Some(file) => admin::read_admin(site_dir, file, framework, &instrument, schools, diag),
            None => AdminScores::default(),
        };
        let ctx = Context {
            framework,
            instrument: &instrument,
            schools,
            admin: &admin,
        };
        let (scored, answer_rows) = match &answers_file {
            Some(file) => match pass::score_answers(site_dir, file, &ctx, options, diag) {
                Some(pass) => (pass.schools, pass.records),
                None => continue,
            },
            None => (Vec::new(), 0),
        };
        let scored = with_admin_only_schools(&ctx, scored);
        let (rows, respondents) = scored
            .into_iter()
            .map(|s| {
                let respondents = Respondents {
                    by_role: s.respondents,
                    renormalised: s.renormalised,
                };
                (s.row, respondents)
            })
            .unzip();
        let file = answers_file
            .clone()
            .or_else(|| admin_file.clone())
            .unwrap_or_default();
        result.insert(
            year,
            AnswerYear {
                year,
                file,
                answers_file,
                admin_file,
                rows,
                respondents,
                roles: instrument.roles.clone(),
                answer_rows,
            },
        );
    }
    result
}

/// Adds rows for schools that have administrative data but no answers; keeps school order.
fn with_admin_only_schools(ctx: &Context, scored: Vec<SchoolResult>) -> Vec<SchoolResult> {
    let admin_only: Vec<SchoolResult> = ctx
        .admin
        .schools()
        .into_iter()
        .filter(|(school, _)| scored.binary_search_by_key(school, |s| s.school).is_err())
        .filter_map(|(school, line)| {
            let row = tally::school_row(ctx, school, None, line)?;
            Some(SchoolResult {
                school,
                row,
                respondents: vec![0; ctx.instrument.roles.len()],
                renormalised: 0,
            })
        })
        .collect();
    if admin_only.is_empty() {
        return scored;
    }
    let mut all = scored;
    all.extend(admin_only);
    all.sort_unstable_by_key(|s| s.school);
    all
}

/// `<dir>/<tahun>.csv|xlsx` by year. Other names are warned about; two files for one year
/// are an error.
fn year_files(site_dir: &Path, dir: &str, diag: &mut Diagnostics) -> BTreeMap<u16, String> {
    let mut files: BTreeMap<u16, String> = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(site_dir.join(dir)) else {
        return files;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    for name in names {
        let file = format!("{dir}/{name}");
        let year = name.rsplit_once('.').and_then(|(stem, ext)| {
            let table = EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e));
            let digits = stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit());
            (table && digits)
                .then(|| stem.parse::<u16>().ok())
                .flatten()
        });
        let Some(year) = year else {
            diag.push(
                Problem::warning(&file, "nama file bukan tahun; file diabaikan")
                    .hint("beri nama <tahun>.csv atau <tahun>.xlsx, mis. 2020.csv"),
            );
            continue;
        };
        if let Some(first) = files.get(&year) {
            diag.push(
                Problem::error(first, "data tahun yang sama ada dalam dua file")
                    .value(format!("{first}, {file}"))
                    .hint("hapus atau ganti nama salah satu file"),
            );
            continue;
        }
        files.insert(year, file);
    }
    files
}

/// The file of a table (`stem` + a known extension), relative to the site. Two files for
/// one table is an error.
fn find_table(site_dir: &Path, stem: &str, diag: &mut Diagnostics) -> Option<String> {
    let found: Vec<String> = EXTENSIONS
        .iter()
        .map(|ext| format!("{stem}.{ext}"))
        .filter(|file| site_dir.join(file).is_file())
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

/// Reads a (small) table; what the reader noticed goes to `diag`.
fn read_table(site_dir: &Path, file: &str, diag: &mut Diagnostics) -> Option<Table> {
    match Table::read(&site_dir.join(file), file) {
        Ok(mut table) => {
            std::mem::take(&mut table.problems)
                .into_iter()
                .for_each(|p| diag.push(p));
            Some(table)
        }
        Err(problem) => {
            diag.push(problem);
            None
        }
    }
}
