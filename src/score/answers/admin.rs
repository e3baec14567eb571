//! Administrative data (`content/data/administrasi/<tahun>.csv`): per school and
//! sub-indicator an actual value and the standard it is held against; the score is
//! `min(1, aktual / standar)` on the framework's scale.

use super::instrument::{parse_decimal, Instrument, Source};
use super::problems::{Kind, ProblemLog, Sample};
use super::read_table;
use crate::diag::Diagnostics;
use crate::framework::Framework;
use crate::model::School;
use std::path::Path;

/// Scores of the administrative sub-indicators, dense by (school, administrative slot).
#[derive(Debug, Clone, Default)]
pub struct AdminScores {
    slots: usize,
    /// NaN = not available.
    values: Vec<f64>,
    /// Line of each value's row (0 = none).
    lines: Vec<u32>,
}

impl AdminScores {
    #[inline]
    pub fn value(&self, school: usize, slot: usize) -> f64 {
        self.values
            .get(school * self.slots + slot)
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// Schools with at least one value, with the line of their first row.
    pub fn schools(&self) -> Vec<(u32, u64)> {
        if self.slots == 0 {
            return Vec::new();
        }
        self.lines
            .chunks(self.slots)
            .enumerate()
            .filter_map(|(school, lines)| {
                let first = lines.iter().copied().filter(|&l| l > 0).min()?;
                Some((school as u32, u64::from(first)))
            })
            .collect()
    }
}

/// Reads one year's administrative data; problems go to `diag`.
pub fn read_admin(
    site_dir: &Path,
    file: &str,
    framework: &Framework,
    instrument: &Instrument,
    schools: &[School],
    diag: &mut Diagnostics,
) -> AdminScores {
    let slots = instrument.administrative.len();
    let mut scores = AdminScores {
        slots,
        values: vec![f64::NAN; schools.len() * slots],
        lines: vec![0; schools.len() * slots],
    };
    let Some(table) = read_table(site_dir, file, diag) else {
        return scores;
    };
    let cols = match table.columns(&["npsn", "subindikator", "aktual", "standar"]) {
        Ok(cols) => cols,
        Err(problems) => {
            problems.into_iter().for_each(|p| diag.push(p));
            return scores;
        }
    };
    let scale = &framework.scale;
    let mut log = ProblemLog::default();
    for row in &table.rows {
        let mut report = |kind: Kind, column: usize, other_line: Option<u64>| {
            log.add(kind, || Sample {
                line: row.line as u64,
                column: Some(cols[column]),
                value: row.get(cols[column]).to_string(),
                detail: String::new(),
                other_line,
            })
        };
        let npsn = row.get(cols[0]);
        let code = row.get(cols[1]);
        if npsn.is_empty() || code.is_empty() {
            let column = if npsn.is_empty() { 0 } else { 1 };
            report(Kind::Empty(["npsn", "subindikator"][column]), column, None);
            continue;
        }
        let Ok(school) = schools.binary_search_by(|s| s.npsn.as_str().cmp(npsn)) else {
            report(Kind::UnknownSchool, 0, None);
            continue;
        };
        let slot = match instrument
            .subindicator(code)
            .map(|s| &instrument.subindicators[s])
        {
            Some(sub) if sub.source == Source::Administrative => sub.slot,
            Some(_) => {
                report(Kind::AdminNotAdministrative, 1, None);
                continue;
            }
            None => {
                report(Kind::AdminUnknownSub, 1, None);
                continue;
            }
        };
        let Some(aktual) = parse_decimal(row.get(cols[2])).filter(|&a| a >= 0.0) else {
            report(Kind::AdminBadAktual, 2, None);
            continue;
        };
        let Some(standar) = parse_decimal(row.get(cols[3])).filter(|&s| s > 0.0) else {
            report(Kind::AdminBadStandar, 3, None);
            continue;
        };
        let at = school * slots + slot;
        if scores.lines[at] > 0 {
            report(Kind::AdminDuplicate, 1, Some(u64::from(scores.lines[at])));
            continue;
        }
        scores.values[at] = scale.min + (scale.max - scale.min) * (aktual / standar).min(1.0);
        scores.lines[at] = u32::try_from(row.line).unwrap_or(u32::MAX);
    }
    log.report(&table.file, table.sheet.as_deref(), diag);
    scores
}
