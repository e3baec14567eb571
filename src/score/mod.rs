//! Scores: each school's standards and total from its indicator scores, then region
//! aggregates (`aggregate`). Computed per year, in parallel.
//!
//! With indicator-level input, a standard is the mean of its available indicators and a
//! school's total the mean of its available standards. Missing stays missing (never zero).

pub mod aggregate;
pub mod analysis;
pub mod answers;

use crate::framework::Framework;
use crate::model::{ScoreRow, SiteData};
use rayon::prelude::*;

/// One school's scores for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolScore {
    /// In framework indicator order.
    pub indicators: Vec<Option<f64>>,
    /// In framework standard order.
    pub standards: Vec<Option<f64>>,
    pub total: Option<f64>,
}

/// Scores of every school for every year: `by_year[y][school index]`.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Years, oldest first (same order as `SiteData::years`).
    pub years: Vec<u16>,
    pub by_year: Vec<Vec<Option<SchoolScore>>>,
}

impl Scores {
    /// The score of a school in the year at `year_index`, if it has data that year.
    pub fn get(&self, year_index: usize, school: usize) -> Option<&SchoolScore> {
        self.by_year.get(year_index)?.get(school)?.as_ref()
    }

    pub fn latest_index(&self) -> Option<usize> {
        self.years.len().checked_sub(1)
    }
}

pub fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// A school's scores from one row: standards as given (raw-answer input) or as means of the
/// indicator values.
pub fn score_row(framework: &Framework, row: &ScoreRow) -> SchoolScore {
    match &row.standards {
        Some(standards) => {
            let total = mean(standards.iter().copied());
            SchoolScore {
                indicators: row.values.clone(),
                standards: standards.clone(),
                total,
            }
        }
        None => score_school(framework, row.values.clone()),
    }
}

/// A school's standards and total from its indicator values (framework order).
pub fn score_school(framework: &Framework, indicators: Vec<Option<f64>>) -> SchoolScore {
    let mut offset = 0;
    let standards: Vec<Option<f64>> = framework
        .standards
        .iter()
        .map(|s| {
            let n = s.indicators.len();
            let m = mean(indicators[offset..offset + n].iter().copied());
            offset += n;
            m
        })
        .collect();
    let total = mean(standards.iter().copied());
    SchoolScore {
        indicators,
        standards,
        total,
    }
}

/// Scores every school in every year, in parallel over rows.
pub fn score_site(data: &SiteData) -> Scores {
    let by_year = data
        .years
        .par_iter()
        .map(|year| {
            let mut row_of_school: Vec<Option<usize>> = vec![None; data.schools.len()];
            for (r, row) in year.rows.iter().enumerate() {
                if let Some(i) = data.school_index(&row.npsn) {
                    row_of_school[i] = Some(r);
                }
            }
            row_of_school
                .par_iter()
                .map(|r| {
                    r.map(|r| score_row(&data.framework, &year.rows[r]))
                        .filter(|s| s.total.is_some())
                })
                .collect()
        })
        .collect();
    Scores {
        years: data.years.iter().map(|y| y.year).collect(),
        by_year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn standard_is_mean_of_available_indicators() {
        let f = Framework::load(Path::new("."), "rapor-mutu").unwrap();
        // Standard 1 has 3 indicators: 6, 5, (missing) -> 5.5.
        // Standard 2: 4, 4, 4 -> 4. Standards 3..8 all missing.
        let mut values = vec![None; 29];
        values[0] = Some(6.0);
        values[1] = Some(5.0);
        values[3] = Some(4.0);
        values[4] = Some(4.0);
        values[5] = Some(4.0);
        let s = score_school(&f, values);
        assert_eq!(s.standards[0], Some(5.5));
        assert_eq!(s.standards[1], Some(4.0));
        assert_eq!(s.standards[2], None);
        assert_eq!(s.total, Some(4.75));
    }

    #[test]
    fn all_missing_is_not_zero() {
        let f = Framework::load(Path::new("."), "rapor-mutu").unwrap();
        let s = score_school(&f, vec![None; 29]);
        assert_eq!(s.total, None);
        assert_eq!(mean([None, None]), None);
    }
}
