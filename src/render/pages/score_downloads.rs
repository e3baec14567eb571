//! The score tables too large for one page: every school's indicators, standards and total,
//! per year for the whole site (`unduh/nilai-<year>.csv`, written in parts) and per kab/kota
//! for all years (`wilayah/<kode>/nilai-sekolah.csv`, which the kab/kota's schools link to).
//!
//! A school's own page links to its kab/kota's table rather than to a file of its own: a
//! national site would otherwise hold 450,000 small files (on a USB stick each takes a whole
//! cluster) repeating what these tables hold, and writing them was an eighth of a build.

use super::datasets::{
    column, identity_cells, identity_columns, standard_cells, standard_columns, value,
};
use crate::model::Region;
use crate::render::download::{Cell, Column, Dataset};
use crate::render::view::SiteView;
use crate::score::SchoolScore;

/// The columns of a school's scores: each indicator, each standard, the total, its category.
fn score_columns(view: &SiteView, columns: &mut Vec<Column>) {
    let f = &view.data.framework;
    // "Indikator 1.1", never a bare "1.1", which a spreadsheet may read as a time or number.
    for (_, indicator) in f.indicators() {
        columns.push(Column::new(
            indicator.code.clone(),
            format!("{} {}", view.word("indikator"), indicator.code),
        ));
    }
    standard_columns(view, columns);
}

/// The cells of `score_columns` for one school's score (empty cells without a score).
fn score_cells(view: &SiteView, score: Option<&SchoolScore>, row: &mut Vec<Cell>) {
    let f = &view.data.framework;
    row.extend(
        (0..f.indicator_count()).map(|k| value(view, score.and_then(|sc| sc.indicators[k]))),
    );
    standard_cells(view, score, row);
}

/// Every school's indicators, standards and total in one year: the whole site's download.
pub fn year_scores(view: &SiteView, year: usize, schools: std::ops::Range<usize>) -> Dataset {
    let data = view.data;
    let mut columns = identity_columns(view);
    columns.push(column(view, "kabkota", "kabkota"));
    columns.push(column(view, "provinsi", "provinsi"));
    score_columns(view, &mut columns);
    let y = view.scores.years[year];
    let mut dataset = Dataset::new(
        &format!("nilai-{y}"),
        format!("{} {y}: {}", view.word("unduh_nilai"), data.config.title),
        columns,
    );
    for (i, school) in data.schools[schools.clone()].iter().enumerate() {
        let score = view.scores.get(year, schools.start + i);
        let region = data.region(&school.kode_wilayah);
        let province = region.and_then(|r| data.region(r.province_code()));
        let mut row = identity_cells(view, school);
        row.push(Cell::text(region.map(|r| r.nama.as_str()).unwrap_or("")));
        row.push(Cell::text(province.map(|r| r.nama.as_str()).unwrap_or("")));
        score_cells(view, score, &mut row);
        dataset.rows.push(row);
    }
    dataset
}

/// File name (without extension) of a kab/kota's school scores, in its page's folder.
pub const REGION_SCHOOL_SCORES: &str = "nilai-sekolah";

/// A kab/kota's schools, every year: one row per school and year it has a score, years in
/// order. Each school's page links here for the numbers of its tables and charts.
pub fn region_school_scores(view: &SiteView, region: &Region, schools: &[usize]) -> Dataset {
    let mut columns = vec![
        column(view, "npsn", "npsn"),
        column(view, "nama", "nama"),
        column(view, "jenjang", "jenjang"),
        column(view, "tahun", "tahun"),
    ];
    score_columns(view, &mut columns);
    let mut dataset = Dataset::new(
        REGION_SCHOOL_SCORES,
        region_school_scores_title(view, region),
        columns,
    );
    for &i in schools {
        let school = &view.data.schools[i];
        for (y, year) in view.scores.years.iter().enumerate() {
            let Some(score) = view.scores.get(y, i) else {
                continue;
            };
            let mut row = vec![
                Cell::text(&school.npsn),
                Cell::text(&school.nama),
                Cell::text(school.jenjang.as_str()),
                Cell::Text(year.to_string()),
            ];
            score_cells(view, Some(score), &mut row);
            dataset.rows.push(row);
        }
    }
    dataset
}

/// The title of `region_school_scores`, which a school's page shows beside its links to it.
pub fn region_school_scores_title(view: &SiteView, region: &Region) -> String {
    format!("{}: {}", view.word("nilai_sekolah_kabkota"), region.nama)
}

/// Schools whose rows of a year's download are built at once (a row is about 2 KB as cells).
const YEAR_ROWS_AT_ONCE: usize = 1000;

/// The whole site's scores per year: `unduh/nilai-<year>.csv` in every language's folder (its
/// dialect) and `.json` once, at the root. Each file is written in parts as its rows are made,
/// into the writer `create` opens for its path (a national year is about 70 MB as CSV and as
/// JSON: made whole, they added 400 MB to a build's peak memory); returns the bytes and files
/// written.
pub fn write_year_files<W: std::io::Write>(
    views: &[SiteView],
    create: impl Fn(&str) -> anyhow::Result<W> + Sync,
) -> anyhow::Result<(u64, usize)> {
    use rayon::prelude::*;
    let jobs: Vec<(usize, usize)> = (0..views.len())
        .flat_map(|v| (0..views[v].scores.years.len()).map(move |y| (v, y)))
        .collect();
    let written = jobs
        .par_iter()
        .map(|&(v, y)| {
            let view = &views[v];
            let year = view.scores.years[y];
            let whole = year_scores(view, y, 0..0);
            let csv_path = format!(
                "{}{}",
                view.lang.subtree,
                crate::plan::paths::year_download(year, "csv")
            );
            let mut bytes = 0;
            let mut put = |w: &mut W, part: &[u8]| -> anyhow::Result<()> {
                bytes += part.len() as u64;
                Ok(w.write_all(part)?)
            };
            let mut csv = create(&csv_path)?;
            put(&mut csv, &whole.to_csv(&view.numbers))?;
            // The JSON once, beside the main language's pages.
            let mut json = match v {
                0 => Some((
                    create(&crate::plan::paths::year_download(year, "json"))?,
                    whole.json_around_rows(),
                )),
                _ => None,
            };
            if let Some((w, (head, _))) = &mut json {
                put(w, head)?;
            }
            let count = view.data.schools.len();
            for start in (0..count).step_by(YEAR_ROWS_AT_ONCE) {
                let part = year_scores(view, y, start..count.min(start + YEAR_ROWS_AT_ONCE));
                let mut rows = Vec::new();
                part.csv_rows(&view.numbers, &mut rows);
                put(&mut csv, &rows)?;
                if let Some((w, _)) = &mut json {
                    let mut rows = Vec::new();
                    part.json_rows(&view.numbers, &mut rows);
                    if start > 0 {
                        put(w, b",")?;
                    }
                    put(w, &crate::render::download::escape_json_for_html(rows))?;
                }
            }
            csv.flush()?;
            let files = match json {
                Some((mut w, (_, tail))) => {
                    put(&mut w, &tail)?;
                    w.flush()?;
                    2
                }
                None => 1,
            };
            Ok((bytes, files))
        })
        .collect::<anyhow::Result<Vec<(u64, usize)>>>()?;
    Ok(written
        .iter()
        .fold((0, 0), |(b, n), (bytes, files)| (b + bytes, n + files)))
}
