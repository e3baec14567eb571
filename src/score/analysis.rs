//! What the scores say beyond a mean: the spread of school scores (quartiles), the change
//! since the previous year, each school's and region's weakest indicators, model vs imbas
//! groups over the years, and the schools that rose or fell most.
//!
//! Computed once per build (`Analysis::compute`), schools and regions in parallel; pages only
//! read it. Everything is ordered (BTreeMap, sorted lists with explicit tie-breaks), so two
//! builds give the same output.
//!
//! ```
//! use rapor::score::analysis::quartiles;
//! let q = quartiles(&[1.0, 2.0, 3.0, 4.0]).unwrap();
//! assert_eq!((q.q1, q.median, q.q3), (1.75, 2.5, 3.25));
//! ```

use super::aggregate::{group_stats, GroupStats, Mean};
use super::Scores;
use crate::framework::Framework;
use crate::model::{Jenjang, Peran, SiteData};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// How many weakest indicators a school or region lists (with their recommendations).
pub const WEAKEST: usize = 3;
/// How many schools the "rose most" and "fell most" lists of a region hold.
pub const MOVERS: usize = 5;
/// Groups with fewer schools than this are flagged: their means and quartiles move a lot
/// with a single school.
pub const SMALL_GROUP: usize = 5;

/// Five-number summary and mean of a group's scores.
///
/// Quartiles interpolate linearly between the sorted values (position `(n − 1) · p`), the
/// method of spreadsheet `QUARTILE.INC`/`KUARTIL.INC`, so readers can check them by hand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    pub n: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
}

/// Quartiles of the values, `None` for no values.
pub fn quartiles(values: &[f64]) -> Option<Quartiles> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let h = (sorted.len() - 1) as f64 * p;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
    };
    Some(Quartiles {
        n: sorted.len(),
        min: sorted[0],
        q1: at(0.25),
        median: at(0.5),
        q3: at(0.75),
        max: sorted[sorted.len() - 1],
        mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
    })
}

/// Change from `previous` to `current` as readers see it: the difference of the two values
/// rounded to the scale's decimals, so that shown numbers add up (4,50 − 3,00 = +1,50).
pub fn delta(framework: &Framework, previous: Option<f64>, current: Option<f64>) -> Option<f64> {
    let (p, c) = (previous?, current?);
    Some(framework.round(framework.round(c) - framework.round(p)))
}

/// An indicator ranked among the weakest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeakIndicator {
    /// Position in framework indicator order.
    pub index: usize,
    pub value: f64,
    /// Category index of the value (0 = lowest).
    pub category: usize,
}

/// The `k` weakest available indicators: lowest category first, then lowest value, then
/// framework order (so ties are broken the same way every build).
pub fn weakest_indicators(
    framework: &Framework,
    values: &[Option<f64>],
    k: usize,
) -> Vec<WeakIndicator> {
    let mut ranked: Vec<WeakIndicator> = values
        .iter()
        .enumerate()
        .filter_map(|(index, v)| {
            v.map(|value| WeakIndicator {
                index,
                value,
                category: framework.category_index(value),
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then(a.value.total_cmp(&b.value))
            .then(a.index.cmp(&b.index))
    });
    ranked.truncate(k);
    ranked
}

/// An indicator that many schools of a region have among their weakest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommonWeakness {
    pub index: usize,
    /// Schools that have it among their `WEAKEST` indicators.
    pub schools: usize,
    /// Of how many schools with scores.
    pub of: usize,
    /// The region's mean of the indicator.
    pub mean: Option<Mean>,
}

/// Spread of one group's school scores in one year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spread {
    /// Per standard (framework order).
    pub standards: Vec<Option<Quartiles>>,
    /// Of school totals.
    pub total: Option<Quartiles>,
    /// Of school totals per jenjang that has schools with scores.
    pub by_jenjang: BTreeMap<Jenjang, Quartiles>,
}

/// A school and its change of total since the previous year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mover {
    pub school: usize,
    pub delta: f64,
}

/// Analysis of one region (or of the whole site).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionAnalysis {
    /// Per year.
    pub spread: Vec<Spread>,
    /// Model schools only, per year.
    pub model: Vec<GroupStats>,
    /// Imbas schools only, per year.
    pub imbas: Vec<GroupStats>,
    /// Latest year: the mean of each indicator (framework order).
    pub indicator_means: Vec<Option<Mean>>,
    /// Latest year: the region's weakest indicators by their means.
    pub weakest: Vec<WeakIndicator>,
    /// Latest year: indicators most often among its schools' weakest, most often first.
    pub common_weak: Vec<CommonWeakness>,
    /// Largest rises of the total since the previous year, largest first.
    pub risers: Vec<Mover>,
    /// Largest falls, largest first.
    pub fallers: Vec<Mover>,
}

/// Everything `Analysis::compute` derives, for all regions, networks and schools.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Year index of the latest year and of the one before it.
    pub latest: Option<usize>,
    pub previous: Option<usize>,
    /// Per region code (province and kab/kota).
    pub regions: BTreeMap<String, RegionAnalysis>,
    /// All schools of the site.
    pub site: RegionAnalysis,
    /// Per model school (index): its imbas schools' stats per year.
    pub networks: BTreeMap<usize, Vec<GroupStats>>,
    /// Per school: its weakest indicators in the latest year.
    pub school_weakest: Vec<Vec<WeakIndicator>>,
    /// Per school: change of its total since the previous year.
    pub total_delta: Vec<Option<f64>>,
}

impl Analysis {
    /// Computes the analysis. `schools_by_region` and `imbas_by_model` are the lists
    /// `SiteView` already holds (school indexes per region code and per model school).
    pub fn compute(
        data: &SiteData,
        scores: &Scores,
        schools_by_region: &BTreeMap<String, Vec<usize>>,
        imbas_by_model: &BTreeMap<usize, Vec<usize>>,
    ) -> Analysis {
        let f = &data.framework;
        let latest = scores.latest_index();
        let previous = latest.and_then(|y| y.checked_sub(1));
        let (school_weakest, total_delta): (Vec<_>, Vec<_>) = (0..data.schools.len())
            .into_par_iter()
            .map(|i| {
                let now = latest.and_then(|y| scores.get(y, i));
                let before = previous.and_then(|y| scores.get(y, i));
                let weakest = now
                    .map(|s| weakest_indicators(f, &s.indicators, WEAKEST))
                    .unwrap_or_default();
                let change = delta(f, before.and_then(|s| s.total), now.and_then(|s| s.total));
                (weakest, change)
            })
            .unzip();
        let context = Context {
            data,
            scores,
            latest,
            school_weakest: &school_weakest,
            total_delta: &total_delta,
        };
        let all: Vec<usize> = (0..data.schools.len()).collect();
        // The whole site (every school's values sorted per standard and year) beside the
        // regions: alone it kept one core idle.
        let (regions, site) = rayon::join(
            || {
                schools_by_region
                    .par_iter()
                    .map(|(kode, list)| (kode.clone(), context.region(list)))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .collect()
            },
            || context.region(&all),
        );
        let networks = imbas_by_model
            .par_iter()
            .map(|(&model, imbas)| {
                let per_year = (0..scores.years.len())
                    .map(|y| group_stats(data, scores, y, imbas))
                    .collect();
                (model, per_year)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        Analysis {
            latest,
            previous,
            regions,
            site,
            networks,
            school_weakest,
            total_delta,
        }
    }

    /// The analysis of a region code, or of the whole site for `None`.
    pub fn region(&self, kode: Option<&str>) -> Option<&RegionAnalysis> {
        match kode {
            Some(k) => self.regions.get(k),
            None => Some(&self.site),
        }
    }
}

/// What every region's analysis reads.
struct Context<'a> {
    data: &'a SiteData,
    scores: &'a Scores,
    latest: Option<usize>,
    school_weakest: &'a [Vec<WeakIndicator>],
    total_delta: &'a [Option<f64>],
}

impl Context<'_> {
    fn region(&self, schools: &[usize]) -> RegionAnalysis {
        let (data, scores) = (self.data, self.scores);
        let f = &data.framework;
        let years = 0..scores.years.len();
        let with_peran = |peran: Peran| -> Vec<usize> {
            schools
                .iter()
                .copied()
                .filter(|&i| data.schools[i].peran == peran)
                .collect()
        };
        let (models, imbas) = (with_peran(Peran::Model), with_peran(Peran::Imbas));
        let indicator_means = self
            .latest
            .map(|y| indicator_means(scores, y, schools, f.indicator_count()))
            .unwrap_or_else(|| vec![None; f.indicator_count()]);
        let means: Vec<Option<f64>> = indicator_means.iter().map(|m| m.map(|m| m.mean)).collect();
        let (risers, fallers) = self.movers(schools);
        RegionAnalysis {
            spread: years
                .clone()
                .into_par_iter()
                .map(|y| self.spread(y, schools))
                .collect(),
            model: years
                .clone()
                .map(|y| group_stats(data, scores, y, &models))
                .collect(),
            imbas: years
                .map(|y| group_stats(data, scores, y, &imbas))
                .collect(),
            weakest: weakest_indicators(f, &means, WEAKEST),
            common_weak: self.common_weak(schools, &indicator_means),
            indicator_means,
            risers,
            fallers,
        }
    }

    fn spread(&self, year: usize, schools: &[usize]) -> Spread {
        let f = &self.data.framework;
        let scored: Vec<(usize, &super::SchoolScore)> = schools
            .iter()
            .filter_map(|&i| self.scores.get(year, i).map(|s| (i, s)))
            .collect();
        let standards = (0..f.standards.len())
            .map(|s| {
                let values: Vec<f64> = scored
                    .iter()
                    .filter_map(|(_, sc)| sc.standards[s])
                    .collect();
                quartiles(&values)
            })
            .collect();
        let totals: Vec<f64> = scored.iter().filter_map(|(_, sc)| sc.total).collect();
        let mut by_jenjang: BTreeMap<Jenjang, Vec<f64>> = BTreeMap::new();
        for (i, sc) in &scored {
            if let Some(t) = sc.total {
                by_jenjang
                    .entry(self.data.schools[*i].jenjang)
                    .or_default()
                    .push(t);
            }
        }
        Spread {
            standards,
            total: quartiles(&totals),
            by_jenjang: by_jenjang
                .into_iter()
                .filter_map(|(j, v)| quartiles(&v).map(|q| (j, q)))
                .collect(),
        }
    }

    /// Indicators counted over the schools' own weakest lists; ties go to the lower mean.
    fn common_weak(&self, schools: &[usize], means: &[Option<Mean>]) -> Vec<CommonWeakness> {
        let mut counts = vec![0usize; means.len()];
        let mut of = 0;
        for &i in schools {
            let weakest = &self.school_weakest[i];
            if !weakest.is_empty() {
                of += 1;
            }
            for w in weakest {
                counts[w.index] += 1;
            }
        }
        let mut list: Vec<CommonWeakness> = counts
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .map(|(index, n)| CommonWeakness {
                index,
                schools: n,
                of,
                mean: means[index],
            })
            .collect();
        list.sort_by(|a, b| {
            let mean = |c: &CommonWeakness| c.mean.map(|m| m.mean).unwrap_or(f64::INFINITY);
            b.schools
                .cmp(&a.schools)
                .then(mean(a).total_cmp(&mean(b)))
                .then(a.index.cmp(&b.index))
        });
        list.truncate(WEAKEST);
        list
    }

    fn movers(&self, schools: &[usize]) -> (Vec<Mover>, Vec<Mover>) {
        let changes: Vec<Mover> = schools
            .iter()
            .filter_map(|&i| {
                self.total_delta[i].map(|d| Mover {
                    school: i,
                    delta: d,
                })
            })
            .collect();
        // School indexes follow NPSN order, so equal changes list by NPSN.
        let pick = |keep: fn(f64) -> bool, order: fn(&Mover, &Mover) -> std::cmp::Ordering| {
            let mut list: Vec<Mover> = changes.iter().copied().filter(|m| keep(m.delta)).collect();
            list.sort_by(|a, b| order(a, b).then(a.school.cmp(&b.school)));
            list.truncate(MOVERS);
            list
        };
        (
            pick(|d| d > 0.0, |a, b| b.delta.total_cmp(&a.delta)),
            pick(|d| d < 0.0, |a, b| a.delta.total_cmp(&b.delta)),
        )
    }
}

/// Mean of each indicator over the schools that have it in `year`.
pub fn indicator_means(
    scores: &Scores,
    year: usize,
    schools: &[usize],
    indicators: usize,
) -> Vec<Option<Mean>> {
    let mut sums = vec![(0.0, 0usize); indicators];
    for &i in schools {
        if let Some(sc) = scores.get(year, i) {
            for (sum, v) in sums.iter_mut().zip(&sc.indicators) {
                if let Some(v) = v {
                    sum.0 += v;
                    sum.1 += 1;
                }
            }
        }
    }
    sums.into_iter()
        .map(|(sum, n)| {
            (n > 0).then(|| Mean {
                mean: sum / n as f64,
                n,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn quartiles_interpolate_like_quartile_inc() {
        let q = quartiles(&[7.0, 1.0, 3.0, 5.0, 2.0]).unwrap();
        assert_eq!(
            (q.n, q.min, q.q1, q.median, q.q3, q.max),
            (5, 1.0, 2.0, 3.0, 5.0, 7.0)
        );
        assert_eq!(q.mean, 3.6);
        let one = quartiles(&[4.2]).unwrap();
        assert_eq!((one.q1, one.median, one.q3), (4.2, 4.2, 4.2));
        assert_eq!(quartiles(&[]), None);
    }

    #[test]
    fn delta_is_the_difference_of_shown_values() {
        let f = Framework::load(Path::new("."), "rapor-mutu").unwrap();
        // 4.504 shows as 4,50 and 3.996 as 4,00: the reader sees +0,50, not +0,508.
        assert_eq!(delta(&f, Some(3.996), Some(4.504)), Some(0.5));
        assert_eq!(delta(&f, None, Some(4.0)), None);
        assert_eq!(delta(&f, Some(4.001), Some(4.0)), Some(0.0));
    }

    #[test]
    fn weakest_breaks_ties_by_framework_order() {
        let f = Framework::load(Path::new("."), "rapor-mutu").unwrap();
        let mut values = vec![Some(5.0); 29];
        values[4] = Some(2.0);
        values[9] = None;
        values[20] = Some(3.0);
        values[2] = Some(3.0);
        let w: Vec<usize> = weakest_indicators(&f, &values, 3)
            .iter()
            .map(|w| w.index)
            .collect();
        assert_eq!(w, [4, 2, 20]);
    }
}
