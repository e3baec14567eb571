//! Verval (verifikasi dan validasi): warnings a data team needs before publishing, beyond the
//! errors that stop a build. Each finding names its place and, when it concerns one school,
//! that school, so the site's data-quality page can link to it.

use crate::diag::{Diagnostics, Problem};
use crate::model::{Peran, SiteData};
use crate::score::Scores;

/// A warning and the school it concerns (index into `SiteData::schools`), if one.
#[derive(Debug, Clone)]
pub struct Finding {
    pub school: Option<usize>,
    pub problem: Problem,
}

/// Every verval finding of a site, in a fixed order (by check, then school).
pub fn check(data: &SiteData, scores: &Scores) -> Vec<Finding> {
    let mut findings = Vec::new();
    model_networks(data, &mut findings);
    respondents(data, &mut findings);
    missing_years(data, scores, &mut findings);
    jumps(data, scores, &mut findings);
    findings
}

/// Adds the findings' problems to a diagnostics list.
pub fn push_all(findings: &[Finding], diag: &mut Diagnostics) {
    findings.iter().for_each(|f| diag.push(f.problem.clone()));
}

fn model_networks(data: &SiteData, findings: &mut Vec<Finding>) {
    let max = data.config.verval.imbas_maks;
    let mut imbas_count = vec![0usize; data.schools.len()];
    for school in &data.schools {
        if let Some(m) = school
            .sekolah_model
            .as_deref()
            .and_then(|m| data.school_index(m))
        {
            imbas_count[m] += 1;
        }
    }
    for (i, school) in data.schools.iter().enumerate() {
        if school.peran != Peran::Model {
            continue;
        }
        let count = imbas_count[i];
        let problem = if count == 0 {
            warning_at(
                data,
                school.line,
                "peran",
                "sekolah model tanpa sekolah imbas",
            )
            .value(&school.npsn)
            .hint("isi kolom sekolah_model pada sekolah imbasnya, atau ubah peran sekolah ini")
        } else if count > max {
            warning_at(
                data,
                school.line,
                "npsn",
                &format!("sekolah model dengan {count} sekolah imbas (biasanya sekitar lima)"),
            )
            .value(&school.npsn)
            .hint(format!(
                "periksa kolom sekolah_model; batas peringatan imbas_maks = {max} di site.toml"
            ))
        } else {
            continue;
        };
        findings.push(Finding {
            school: Some(i),
            problem,
        });
    }
}

fn warning_at(data: &SiteData, line: usize, field: &str, message: &str) -> Problem {
    let mut p = data.school_table.problem(line, field, message);
    p.severity = crate::diag::Severity::Warning;
    p
}

/// Schools whose questionnaires had fewer respondents in a role than `min_responden`.
fn respondents(data: &SiteData, findings: &mut Vec<Finding>) {
    let minimum = &data.config.verval.min_responden;
    for (year, who) in &data.respondents {
        for (npsn, (line, counts)) in &who.by_school {
            let short: Vec<String> = minimum
                .iter()
                .filter_map(|(role, &min)| {
                    let have = who
                        .roles
                        .iter()
                        .position(|r| r == role)
                        .map(|i| counts[i] as usize)
                        .unwrap_or(0);
                    (have < min).then(|| format!("{role} {have} dari minimal {min}"))
                })
                .collect();
            if short.is_empty() {
                continue;
            }
            findings.push(Finding {
                school: data.school_index(npsn),
                problem: Problem::warning(
                    &who.file,
                    format!("responden {year} kurang dari minimal: {}", short.join(", ")),
                )
                .line(*line)
                .field("responden")
                .value(npsn)
                .hint("nilai sekolah ini bersandar pada sedikit jawaban; batas min_responden di site.toml"),
            });
        }
    }
}

/// A school that had data in a year and none in the next one.
fn missing_years(data: &SiteData, scores: &Scores, findings: &mut Vec<Finding>) {
    for y in 1..scores.years.len() {
        for (i, school) in data.schools.iter().enumerate() {
            if scores.get(y - 1, i).is_some() && scores.get(y, i).is_none() {
                let info = &data.years[y].info;
                findings.push(Finding {
                    school: Some(i),
                    problem: Problem::warning(
                        &info.file,
                        format!(
                            "tidak ada nilai tahun {}, padahal ada nilai tahun {}",
                            scores.years[y],
                            scores.years[y - 1]
                        ),
                    )
                    .field("npsn")
                    .value(&school.npsn)
                    .hint("tambahkan baris sekolah ini bila datanya ada, atau catat alasannya"),
                });
            }
        }
    }
}

/// Standards that moved more than `lonjakan_maks` between consecutive years: one finding per
/// school and year, listing each such standard with its two values.
fn jumps(data: &SiteData, scores: &Scores, findings: &mut Vec<Finding>) {
    let max = data.config.verval.lonjakan_maks;
    let f = &data.framework;
    for y in 1..scores.years.len() {
        let rows = &data.years[y].rows;
        for (i, school) in data.schools.iter().enumerate() {
            let (Some(before), Some(after)) = (scores.get(y - 1, i), scores.get(y, i)) else {
                continue;
            };
            let moved: Vec<String> = f
                .standards
                .iter()
                .zip(before.standards.iter().zip(&after.standards))
                .filter_map(|(standard, (a, b))| {
                    let (a, b) = ((*a)?, (*b)?);
                    ((b - a).abs() > max).then(|| format!("{}: {a:.2} → {b:.2}", standard.code))
                })
                .collect();
            if moved.is_empty() {
                continue;
            }
            let info = data.years[y].info_for(&school.npsn);
            let mut problem = Problem::warning(
                &info.file,
                format!(
                    "nilai {} standar berubah lebih dari {max} dari {} ke {}",
                    moved.len(),
                    scores.years[y - 1],
                    scores.years[y]
                ),
            )
            .field("npsn")
            .value(format!("{} ({})", school.npsn, moved.join("; ")))
            .hint("periksa data sekolah ini; batas peringatan lonjakan_maks di site.toml");
            if let Ok(r) = rows.binary_search_by(|r| r.npsn.as_str().cmp(&school.npsn)) {
                problem = problem.at(info.place(rows[r].line, Some("npsn")));
            }
            findings.push(Finding {
                school: Some(i),
                problem,
            });
        }
    }
}
