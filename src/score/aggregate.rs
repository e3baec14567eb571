//! Region aggregates: the mean of school scores per standard and in total, with n, the number
//! of schools per category, and the same by jenjang. Computed per year, regions in parallel.

use super::Scores;
use crate::framework::Framework;
use crate::model::{Jenjang, Peran, SiteData};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A mean and how many values it is the mean of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mean {
    pub mean: f64,
    pub n: usize,
}

/// Aggregate of one group of schools in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupStats {
    /// Schools in the group (with or without data).
    pub schools: usize,
    pub model: usize,
    pub imbas: usize,
    /// Mean per standard over schools that have that standard.
    pub standards: Vec<Option<Mean>>,
    /// Mean of school totals.
    pub total: Option<Mean>,
    /// Schools per category of their total (framework category order).
    pub categories: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RegionStats {
    pub all: GroupStats,
    /// Only jenjang that have schools in the region.
    pub by_jenjang: BTreeMap<Jenjang, GroupStats>,
}

/// `by_year[y]` maps a region code (province or kab/kota) to its stats; `site[y]` covers
/// every school of the site.
#[derive(Debug, Clone)]
pub struct Aggregates {
    pub by_year: Vec<BTreeMap<String, RegionStats>>,
    pub site: Vec<RegionStats>,
}

impl Aggregates {
    pub fn region(&self, year_index: usize, kode: &str) -> Option<&RegionStats> {
        self.by_year.get(year_index)?.get(kode)
    }
}

/// Aggregates of a list of schools (indexes into `data.schools`) in one year.
pub fn group_stats(data: &SiteData, scores: &Scores, year: usize, schools: &[usize]) -> GroupStats {
    let framework: &Framework = &data.framework;
    let n_standards = framework.standards.len();
    let mut sums = vec![(0.0, 0usize); n_standards];
    let mut total = (0.0, 0usize);
    let mut categories = vec![0usize; framework.categories.len()];
    let (mut model, mut imbas) = (0, 0);
    for &i in schools {
        match data.schools[i].peran {
            Peran::Model => model += 1,
            Peran::Imbas => imbas += 1,
            Peran::None => {}
        }
        let Some(score) = scores.get(year, i) else {
            continue;
        };
        for (sum, value) in sums.iter_mut().zip(&score.standards) {
            if let Some(v) = value {
                sum.0 += v;
                sum.1 += 1;
            }
        }
        if let Some(t) = score.total {
            total.0 += t;
            total.1 += 1;
            categories[framework.category_index(t)] += 1;
        }
    }
    let to_mean = |(sum, n): (f64, usize)| {
        (n > 0).then(|| Mean {
            mean: sum / n as f64,
            n,
        })
    };
    GroupStats {
        schools: schools.len(),
        model,
        imbas,
        standards: sums.into_iter().map(to_mean).collect(),
        total: to_mean(total),
        categories,
    }
}

fn region_stats(data: &SiteData, scores: &Scores, year: usize, schools: &[usize]) -> RegionStats {
    let mut by_jenjang_schools: BTreeMap<Jenjang, Vec<usize>> = BTreeMap::new();
    for &i in schools {
        by_jenjang_schools
            .entry(data.schools[i].jenjang)
            .or_default()
            .push(i);
    }
    RegionStats {
        all: group_stats(data, scores, year, schools),
        by_jenjang: by_jenjang_schools
            .into_iter()
            .map(|(j, list)| (j, group_stats(data, scores, year, &list)))
            .collect(),
    }
}

/// School indexes per region code: each school counts in its kab/kota and its province.
pub fn schools_by_region(data: &SiteData) -> BTreeMap<String, Vec<usize>> {
    let mut map: BTreeMap<String, Vec<usize>> = data
        .regions
        .iter()
        .map(|r| (r.kode.clone(), Vec::new()))
        .collect();
    for (i, school) in data.schools.iter().enumerate() {
        if let Some(region) = data.region(&school.kode_wilayah) {
            map.entry(region.kode.clone()).or_default().push(i);
            let province = region.province_code();
            if province != region.kode {
                map.entry(province.to_string()).or_default().push(i);
            }
        }
    }
    map
}

pub fn aggregate(
    data: &SiteData,
    scores: &Scores,
    by_region: &BTreeMap<String, Vec<usize>>,
) -> Aggregates {
    let all: Vec<usize> = (0..data.schools.len()).collect();
    let years = 0..scores.years.len();
    // The whole site's stats (a pass over every school, per year) beside the regions':
    // alone they kept one core idle.
    let (by_year, site) = rayon::join(
        || {
            years
                .clone()
                .map(|y| {
                    by_region
                        .par_iter()
                        .map(|(kode, list)| (kode.clone(), region_stats(data, scores, y, list)))
                        .collect::<Vec<_>>()
                        .into_iter()
                        .collect()
                })
                .collect()
        },
        || {
            years
                .clone()
                .into_par_iter()
                .map(|y| region_stats(data, scores, y, &all))
                .collect()
        },
    );
    Aggregates { by_year, site }
}
