//! Synthetic rapor mutu scores (PMP): 8 standards, 29 indicators, 0.00–7.00, one table per year.
//!
//! Each school has its own level, per-standard and per-indicator effects and a yearly trend
//! (steeper for model schools); yearly shocks let some schools fall in some standards.

use crate::rng::Rng;
use crate::schools::{Jenjang, School};
use std::collections::HashSet;

/// Indicators per standard (standard 1 has 1.1–1.3, standard 4 has 4.1–4.5, …).
pub const STANDARD_SIZES: [usize; 8] = [3, 3, 3, 5, 5, 3, 4, 3];

/// Standard 1 (SKL) a bit higher; 5 (PTK) and 6 (Sarana Prasarana) clearly lower.
pub const STANDARD_OFFSET: [f64; 8] = [0.35, 0.05, 0.10, 0.0, -0.55, -0.75, 0.05, 0.0];
const LEVEL_MEAN: f64 = 4.75;
const LEVEL_SD: f64 = 0.6;
const STANDARD_EFFECT_SD: f64 = 0.3;
const INDICATOR_EFFECT_SD: f64 = 0.25;
const YEAR_SHOCK_SD: f64 = 0.15;
const CELL_NOISE_SD: f64 = 0.18;
const MISSING_CELL_SHARE: f64 = 0.01;
/// Imbas schools that joined the data collection after the first year.
const LATE_JOINER_SHARE: f64 = 0.02;
/// School-years with one whole standard not available.
const WHOLE_STANDARD_GAPS: usize = 3;

/// A score in hundredths of a point (0..=700); `None` = not available.
pub type Cell = Option<u16>;

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub npsn: String,
    /// One per indicator, in `indicator_codes()` order.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearTable {
    pub year: u16,
    pub rows: Vec<ScoreRow>,
}

/// `1.1`, `1.2`, … `8.3`.
pub fn indicator_codes() -> Vec<String> {
    (1..)
        .zip(STANDARD_SIZES)
        .flat_map(|(s, n)| (1..=n).map(move |i| format!("{s}.{i}")))
        .collect()
}

/// Standard index (0-based) of each indicator.
pub fn indicator_standards() -> Vec<usize> {
    (0..)
        .zip(STANDARD_SIZES)
        .flat_map(|(s, n)| std::iter::repeat_n(s, n))
        .collect()
}

/// What stays the same for a school across years.
struct Profile {
    level: f64,
    slope: f64,
    standard_effect: Vec<f64>,
    indicator_effect: Vec<f64>,
}

fn profile(school: &School, indicators: usize, rng: &mut Rng) -> Profile {
    let jenjang_effect = match school.jenjang {
        Jenjang::Sd => 0.0,
        Jenjang::Smp => 0.05,
        Jenjang::Sma => 0.2,
        Jenjang::Smk => -0.05,
        Jenjang::Slb => -0.3,
    };
    let status_effect = if school.negeri { 0.05 } else { -0.05 };
    let (model_effect, slope) = if school.is_model() {
        (0.15, rng.normal(0.22, 0.05))
    } else if school.programme {
        (0.0, rng.normal(0.10, 0.04))
    } else {
        // Outside the coaching programme: a slower rise.
        (0.0, rng.normal(0.05, 0.04))
    };
    Profile {
        level: rng.normal(LEVEL_MEAN, LEVEL_SD) + jenjang_effect + status_effect + model_effect,
        slope,
        standard_effect: (0..8)
            .map(|_| rng.normal(0.0, STANDARD_EFFECT_SD))
            .collect(),
        indicator_effect: (0..indicators)
            .map(|_| rng.normal(0.0, INDICATOR_EFFECT_SD))
            .collect(),
    }
}

/// One school's indicator scores in year number `t` (0 = first year).
fn year_cells(p: &Profile, standards: &[usize], t: f64, rng: &mut Rng) -> Vec<Cell> {
    let shocks: Vec<f64> = (0..8).map(|_| rng.normal(0.0, YEAR_SHOCK_SD)).collect();
    standards
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let value = p.level
                + STANDARD_OFFSET[s]
                + p.standard_effect[s]
                + p.indicator_effect[i]
                + p.slope * t
                + shocks[s]
                + rng.normal(0.0, CELL_NOISE_SD);
            // Always draw, so a missing cell does not shift later draws.
            let missing = rng.chance(MISSING_CELL_SHARE);
            (!missing).then(|| to_hundredths(value))
        })
        .collect()
}

fn to_hundredths(value: f64) -> u16 {
    (value.clamp(0.0, 7.0) * 100.0).round() as u16
}

/// One school's indicator scores in each of `years` consecutive years, from its own stream
/// (so any subset of schools can be generated alone, in any order, on any thread).
pub fn school_years(
    school: &School,
    years: usize,
    seed: u64,
    standards: &[usize],
) -> Vec<Vec<Cell>> {
    let mut rng = Rng::derive(seed, &format!("nilai/{}", school.npsn));
    let p = profile(school, standards.len(), &mut rng);
    (0..years)
        .map(|t| year_cells(&p, standards, t as f64, &mut rng))
        .collect()
}

/// One table per year, rows sorted by NPSN (a school may have no row in the first year).
pub fn generate_scores(schools: &[School], years: &[u16], seed: u64) -> Vec<YearTable> {
    let standards = indicator_standards();
    let mut tables: Vec<YearTable> = years
        .iter()
        .map(|&year| YearTable {
            year,
            rows: Vec::new(),
        })
        .collect();
    for school in schools {
        let years = school_years(school, years.len(), seed, &standards);
        for (table, cells) in tables.iter_mut().zip(years) {
            let npsn = school.npsn.clone();
            table.rows.push(ScoreRow { npsn, cells });
        }
    }
    let mut rng = Rng::derive(seed, "nilai/gaps");
    if let Some(first) = tables.first_mut() {
        drop_late_joiners(first, schools, &mut rng);
    }
    blank_whole_standards(&mut tables, &mut rng);
    for table in &mut tables {
        table.rows.sort_by(|a, b| a.npsn.cmp(&b.npsn));
    }
    tables
}

/// About 2% of imbas schools have no row in the first year.
fn drop_late_joiners(table: &mut YearTable, schools: &[School], rng: &mut Rng) {
    let mut imbas: Vec<&str> = schools
        .iter()
        .filter(|s| !s.is_model())
        .map(|s| s.npsn.as_str())
        .collect();
    let count = (imbas.len() as f64 * LATE_JOINER_SHARE).round() as usize;
    rng.shuffle(&mut imbas);
    let late: HashSet<&str> = imbas.into_iter().take(count).collect();
    table.rows.retain(|row| !late.contains(row.npsn.as_str()));
}

/// A few school-years (different schools) where one whole standard is not available.
fn blank_whole_standards(tables: &mut [YearTable], rng: &mut Rng) {
    let mut hit = HashSet::new();
    for _ in 0..WHOLE_STANDARD_GAPS * 10 {
        if hit.len() == WHOLE_STANDARD_GAPS || tables.is_empty() {
            return;
        }
        let table = &mut tables[rng.below(tables.len())];
        if table.rows.is_empty() {
            continue;
        }
        let index = rng.below(table.rows.len());
        let row = &mut table.rows[index];
        let standard = rng.below(STANDARD_SIZES.len());
        if hit.insert(row.npsn.clone()) {
            let start: usize = STANDARD_SIZES[..standard].iter().sum();
            row.cells[start..start + STANDARD_SIZES[standard]].fill(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::{districts, tests::riau_regions, RIAU};
    use crate::schools::generate_schools;

    const YEARS: [u16; 4] = [2017, 2018, 2019, 2020];

    fn riau(seed: u64) -> (Vec<School>, Vec<YearTable>) {
        let schools = generate_schools(&districts(&riau_regions(), &RIAU).unwrap(), seed);
        let tables = generate_scores(&schools, &YEARS, seed);
        (schools, tables)
    }

    /// Mean over a school's available cells of one standard (indices `range`).
    fn mean(cells: &[Cell]) -> Option<f64> {
        let values: Vec<f64> = cells
            .iter()
            .flatten()
            .map(|&c| f64::from(c) / 100.0)
            .collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    }

    fn standard_means(row: &ScoreRow) -> Vec<Option<f64>> {
        let mut start = 0;
        STANDARD_SIZES
            .iter()
            .map(|&n| {
                start += n;
                mean(&row.cells[start - n..start])
            })
            .collect()
    }

    #[test]
    fn codes_are_the_29_rapor_mutu_indicators() {
        let codes = indicator_codes();
        assert_eq!(codes.len(), 29);
        assert_eq!((codes[0].as_str(), codes[28].as_str()), ("1.1", "8.3"));
        assert_eq!(codes[13], "4.5");
        assert_eq!(indicator_standards()[13], 3);
    }

    #[test]
    fn every_cell_is_empty_or_within_the_scale() {
        let (_, tables) = riau(2020);
        for table in &tables {
            for row in &table.rows {
                assert_eq!(row.cells.len(), 29);
                assert!(row.cells.iter().flatten().all(|&c| c <= 700));
            }
        }
    }

    #[test]
    fn rows_are_complete_except_first_year_late_joiners() {
        let (schools, tables) = riau(2020);
        let late: Vec<&School> = schools
            .iter()
            .filter(|s| !tables[0].rows.iter().any(|r| r.npsn == s.npsn))
            .collect();
        assert_eq!(late.len(), 19, "2% of 960 imbas");
        assert!(late.iter().all(|s| !s.is_model()));
        for table in &tables[1..] {
            let npsns: Vec<&str> = table.rows.iter().map(|r| r.npsn.as_str()).collect();
            let all: Vec<&str> = schools.iter().map(|s| s.npsn.as_str()).collect();
            assert_eq!(npsns, all, "{}: one row per school, sorted", table.year);
        }
    }

    #[test]
    fn missing_data_is_rare_but_present() {
        let (_, tables) = riau(2020);
        let cells: Vec<Cell> = tables
            .iter()
            .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().copied()))
            .collect();
        let share = cells.iter().filter(|c| c.is_none()).count() as f64 / cells.len() as f64;
        assert!((0.007..0.015).contains(&share), "{share}");
        let whole_standards = tables
            .iter()
            .flat_map(|t| &t.rows)
            .filter(|r| standard_means(r).contains(&None))
            .count();
        assert!((2..=4).contains(&whole_standards), "{whole_standards}");
    }

    #[test]
    fn scores_are_plausible_by_standard_and_trend() {
        let (schools, tables) = riau(2020);
        let avg = |t: &YearTable, pick: &dyn Fn(&ScoreRow) -> Option<f64>| {
            let v: Vec<f64> = t.rows.iter().filter_map(pick).collect();
            v.iter().sum::<f64>() / v.len() as f64
        };
        let std_mean = |s: usize| move |r: &ScoreRow| standard_means(r)[s];
        let last = &tables[3];
        assert!(avg(last, &std_mean(5)) < avg(last, &std_mean(1)) - 0.5);
        assert!(avg(last, &std_mean(4)) < avg(last, &std_mean(2)) - 0.4);
        assert!(avg(last, &std_mean(0)) > avg(last, &std_mean(3)));
        let is_model = |npsn: &str| schools.iter().any(|s| s.npsn == npsn && s.is_model());
        let school_mean = |model: bool| {
            move |r: &ScoreRow| {
                let means: Vec<f64> = standard_means(r).into_iter().flatten().collect();
                (is_model(&r.npsn) == model).then(|| means.iter().sum::<f64>() / means.len() as f64)
            }
        };
        let gain =
            |model| avg(&tables[3], &school_mean(model)) - avg(&tables[0], &school_mean(model));
        assert!(
            (0.15..0.5).contains(&gain(false)),
            "imbas gain {}",
            gain(false)
        );
        assert!(
            (0.45..0.95).contains(&gain(true)),
            "model gain {}",
            gain(true)
        );
        let overall = avg(last, &school_mean(false));
        assert!((3.71..6.67).contains(&overall), "{overall}");
    }

    #[test]
    fn same_seed_same_scores_other_seed_differs() {
        assert_eq!(riau(11).1, riau(11).1);
        assert_ne!(riau(11).1, riau(12).1);
    }
}
