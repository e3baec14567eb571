//! The site's data after loading and validation: regions, schools, yearly indicator scores and
//! the markdown content. Everything is sorted (regions by code, schools by NPSN) so that every
//! later step is deterministic.

use crate::config::SiteConfig;
use crate::framework::Framework;
use crate::load::table::TableInfo;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    Provinsi,
    Kabupaten,
    Kota,
}

#[derive(Debug, Clone, Serialize)]
pub struct Region {
    /// Kemendagri dotted code: `14` (province) or `14.03` (kab/kota).
    pub kode: String,
    pub nama: String,
    pub kind: RegionKind,
}

impl Region {
    /// A kab/kota's province code: the part before the dot.
    pub fn province_code(&self) -> &str {
        self.kode.split('.').next().unwrap_or(&self.kode)
    }

    pub fn is_province(&self) -> bool {
        self.kind == RegionKind::Provinsi
    }
}

/// Values are written as in the data files (SD, SMP, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Jenjang {
    SD,
    SMP,
    SMA,
    SMK,
    SLB,
}

impl Jenjang {
    pub const ALL: [Jenjang; 5] = [
        Jenjang::SD,
        Jenjang::SMP,
        Jenjang::SMA,
        Jenjang::SMK,
        Jenjang::SLB,
    ];

    pub fn parse(text: &str) -> Option<Jenjang> {
        Jenjang::ALL
            .into_iter()
            .find(|j| j.as_str().eq_ignore_ascii_case(text.trim()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Jenjang::SD => "SD",
            Jenjang::SMP => "SMP",
            Jenjang::SMA => "SMA",
            Jenjang::SMK => "SMK",
            Jenjang::SLB => "SLB",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Negeri,
    Swasta,
}

/// A school's role in the coaching programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Peran {
    Model,
    Imbas,
    /// Not in the programme (empty cell).
    None,
}

#[derive(Debug, Clone, Serialize)]
pub struct School {
    /// 8-digit string; leading zeros matter.
    pub npsn: String,
    pub nama: String,
    pub jenjang: Jenjang,
    pub status: Status,
    /// A kab/kota code.
    pub kode_wilayah: String,
    pub peran: Peran,
    /// For an imbas school: the NPSN of its model school.
    pub sekolah_model: Option<String>,
    /// Line in sekolah.csv, for later messages.
    #[serde(skip)]
    pub line: usize,
}

/// One year's indicator scores, one row per school, values in framework indicator order.
#[derive(Debug, Clone)]
pub struct YearScores {
    pub year: u16,
    /// The file the scores were read from, with its sheet and headers, for messages.
    pub info: TableInfo,
    /// Rows computed from raw answers: their file, and the NPSNs whose row came from it
    /// (their `line` points into that file, not into `info`).
    pub raw: Option<(TableInfo, BTreeSet<String>)>,
    pub rows: Vec<ScoreRow>,
}

impl YearScores {
    /// The file a school's row was read from (indicator scores or raw answers).
    pub fn info_for(&self, npsn: &str) -> &TableInfo {
        match &self.raw {
            Some((info, npsns)) if npsns.contains(npsn) => info,
            _ => &self.info,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub npsn: String,
    pub line: usize,
    /// `None` = not available (never zero).
    pub values: Vec<Option<f64>>,
    /// Standard scores computed from sub-indicators (raw questionnaire answers), where a
    /// standard is the mean of all its sub-indicators rather than of its indicators.
    /// `None` for indicator-level input: standards are then means of `values`.
    pub standards: Option<Vec<Option<f64>>>,
}

/// Respondents per school and role in one year's answers file (for verval).
#[derive(Debug, Clone, Default)]
pub struct Respondents {
    pub file: String,
    /// Role names, the order of the counts.
    pub roles: Vec<String>,
    /// NPSN → (the school's first line in the file, respondents per role).
    pub by_school: BTreeMap<String, (usize, Vec<u32>)>,
}

/// A markdown document with TOML front matter.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Path relative to the site folder.
    pub file: String,
    /// File stem: a region code, an NPSN or an article slug.
    pub stem: String,
    pub title: Option<String>,
    /// The front matter text (without the `+++` lines), to locate values in messages.
    pub front: String,
    pub body: String,
}

impl Doc {
    /// Line in the file of the first front-matter line that contains `value` quoted
    /// (`"14.03"` or `'14.03'`).
    pub fn line_of(&self, value: &str) -> Option<usize> {
        let double = format!("\"{value}\"");
        let single = format!("'{value}'");
        self.front_line(|l| l.contains(&double) || l.contains(&single))
    }

    /// Line in the file of a front-matter key (`tanggal = …`).
    pub fn line_of_key(&self, key: &str) -> Option<usize> {
        self.front_line(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
    }

    fn front_line(&self, matches: impl Fn(&str) -> bool) -> Option<usize> {
        // Front matter starts on line 2, after the opening `+++`.
        self.front.lines().position(matches).map(|i| i + 2)
    }
}

/// A dissemination article (`content/kegiatan/*.md`).
#[derive(Debug, Clone)]
pub struct Article {
    pub doc: Doc,
    pub slug: String,
    pub judul: String,
    /// ISO date `YYYY-MM-DD`; articles sort newest first by it.
    pub tanggal: String,
    pub wilayah: Vec<String>,
    pub sekolah: Vec<String>,
    pub tags: Vec<String>,
    pub tempat: Option<String>,
    pub ringkasan: Option<String>,
    pub tables: Vec<DataTable>,
}

/// A table shown in an article, read from a CSV beside it, with computed totals.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Added totals row (label first), when the article asks for one.
    pub total_row: Option<Vec<String>>,
    /// Which columns are numeric (right-aligned).
    pub numeric: Vec<bool>,
}

/// A free page (`content/halaman/*.md`).
#[derive(Debug, Clone)]
pub struct FreePage {
    pub doc: Doc,
    pub slug: String,
    pub judul: String,
    pub urutan: i64,
}

/// Everything a build needs, loaded and validated.
#[derive(Debug, Clone)]
pub struct SiteData {
    pub config: SiteConfig,
    pub framework: Framework,
    /// Sorted by code.
    pub regions: Vec<Region>,
    /// Sorted by NPSN.
    pub schools: Vec<School>,
    /// NPSNs of sekolah.csv rows rejected with an error: references to them are not errors
    /// of their own (the row's error already says what to fix).
    pub rejected_npsns: BTreeSet<String>,
    /// False when sekolah.csv could not be used at all (e.g. a missing column): checks that
    /// need the school list are skipped so the one real error is not buried.
    pub schools_usable: bool,
    /// Where the school rows are, to point later messages at a line or cell.
    pub school_table: TableInfo,
    /// Sorted by year, oldest first.
    pub years: Vec<YearScores>,
    /// Who answered the questionnaires, per year with raw answers.
    pub respondents: BTreeMap<u16, Respondents>,
    pub region_docs: BTreeMap<String, Doc>,
    pub school_docs: BTreeMap<String, Doc>,
    /// Newest first.
    pub articles: Vec<Article>,
    /// By `urutan`, then slug.
    pub pages: Vec<FreePage>,
}

impl SiteData {
    pub fn school_index(&self, npsn: &str) -> Option<usize> {
        self.schools
            .binary_search_by(|s| s.npsn.as_str().cmp(npsn))
            .ok()
    }

    pub fn region(&self, kode: &str) -> Option<&Region> {
        self.regions
            .binary_search_by(|r| r.kode.as_str().cmp(kode))
            .ok()
            .map(|i| &self.regions[i])
    }
}
