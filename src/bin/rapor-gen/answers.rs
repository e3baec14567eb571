//! Synthetic raw data for the PMP method: questionnaire answers (`jawaban/<tahun>.csv`, one
//! row per answer) and administrative data (`administrasi/<tahun>.csv`), generated so that
//! the scores computed from them land near given per-indicator targets.
//!
//! Each respondent has a tendency per item (target of the sub-indicator + own bias + the
//! item's ease + a little noise) and picks one of the two options whose weights lie either
//! side of it, with chances that make the expected weight equal to the tendency; so role
//! means, sub-indicator and indicator scores come out near the target, without the bias that
//! rounding to the nearest option would have near the top of the scale. About 1% of items
//! are skipped (no row or an empty `jawaban`).

use crate::instrument::{self, Instrument, Item, OPTIONS, ROLES};
use crate::rng::Rng;
use crate::schools::Jenjang;

/// Header of the answers file.
pub const ANSWERS_HEADER: &str = "npsn,peran,responden,butir,jawaban\n";
/// Header of the administrative data file.
pub const ADMIN_HEADER: &str = "npsn,subindikator,aktual,standar\n";

const SUB_NOISE_SD: f64 = 0.03;
const RESPONDENT_BIAS_SD: f64 = 0.05;
const ANSWER_NOISE_SD: f64 = 0.05;
const SKIPPED_NO_ROW: f64 = 0.007;
const SKIPPED_EMPTY: f64 = 0.003;

/// What to generate for one school.
#[derive(Debug, Clone)]
pub struct SchoolPlan<'a> {
    pub npsn: &'a str,
    pub jenjang: Jenjang,
    /// Per indicator (rapor-mutu order): the score to aim at, as a share of the scale (0–1);
    /// `None`: no data for that indicator.
    pub targets: &'a [Option<f64>],
    /// Respondents per role (`instrument::ROLES` order).
    pub respondents: [usize; 4],
    /// Write one answer twice (a data-entry slip).
    pub duplicate: bool,
}

/// Respondent counts of an ordinary school: 1 principal, 8–10 teachers, 15–20 pupils,
/// 1 committee member.
pub fn usual_respondents(rng: &mut Rng) -> [usize; 4] {
    [1, 8 + rng.below(3), 15 + rng.below(6), 1]
}

/// About normal with sd 1, from four uniforms (cheap: this runs per answer).
fn noise(rng: &mut Rng) -> f64 {
    (rng.unit() + rng.unit() + rng.unit() + rng.unit() - 2.0) * 1.732_050_807_568_877_2
}

/// Appends one school's answer rows to `out`; returns how many.
pub fn write_school(
    out: &mut Vec<u8>,
    inst: &Instrument,
    plan: &SchoolPlan,
    rng: &mut Rng,
) -> usize {
    let sub_targets: Vec<Option<f64>> = inst
        .subs
        .iter()
        .map(|s| {
            let noise = noise(rng) * SUB_NOISE_SD;
            plan.targets[s.indicator].map(|t| (t + noise).clamp(0.02, 0.98))
        })
        .collect();
    let total: usize = (0..ROLES.len())
        .map(|r| plan.respondents[r] * inst.items_by_role[r].len())
        .sum();
    let duplicate_at = plan.duplicate.then(|| rng.below(total.max(1)));
    let mut k = 0;
    let mut rows = 0;
    for (role, name) in ROLES.iter().enumerate() {
        let options: [[f64; 5]; 2] = [false, true].map(|reverse| {
            let item = Item {
                code: String::new(),
                sub: 0,
                roles: 0,
                reverse,
                ease: 0.0,
            };
            std::array::from_fn(|o| {
                f64::from(instrument::weight(&item, plan.jenjang, role, o)) / 100.0
            })
        });
        for respondent in 1..=plan.respondents[role] {
            let bias = noise(rng) * RESPONDENT_BIAS_SD;
            for &i in &inst.items_by_role[role] {
                let item = &inst.items[i];
                k += 1;
                let Some(target) = sub_targets[item.sub] else {
                    continue;
                };
                let u = rng.unit();
                let tendency = target + bias + item.ease + noise(rng) * ANSWER_NOISE_SD;
                let pick = rng.unit();
                if u < SKIPPED_NO_ROW {
                    continue;
                }
                let option = if u < SKIPPED_NO_ROW + SKIPPED_EMPTY {
                    None
                } else {
                    Some(choose(
                        &options[usize::from(item.reverse)],
                        tendency.clamp(0.0, 1.0),
                        pick,
                    ))
                };
                let copies = if duplicate_at == Some(k) { 2 } else { 1 };
                for _ in 0..copies {
                    out.extend_from_slice(plan.npsn.as_bytes());
                    out.push(b',');
                    out.extend_from_slice(name.as_bytes());
                    out.push(b',');
                    push_number(out, respondent);
                    out.push(b',');
                    out.extend_from_slice(item.code.as_bytes());
                    out.push(b',');
                    if let Some(option) = option {
                        out.push(OPTIONS[option]);
                    }
                    out.push(b'\n');
                    rows += 1;
                }
            }
        }
    }
    rows
}

/// The option with the nearest weight at or below `x` or the one at or above it, the upper
/// with chance `(x - low) / (high - low)`: the expected weight is `x`. `u` is uniform in [0, 1).
fn choose(weights: &[f64; 5], x: f64, u: f64) -> usize {
    let (mut low, mut high) = (None::<usize>, None::<usize>);
    for (o, &w) in weights.iter().enumerate() {
        if w <= x && low.is_none_or(|l| w > weights[l]) {
            low = Some(o);
        }
        if w >= x && high.is_none_or(|h| w < weights[h]) {
            high = Some(o);
        }
    }
    match (low, high) {
        (Some(l), Some(h)) if weights[h] > weights[l] => {
            if u < (x - weights[l]) / (weights[h] - weights[l]) {
                h
            } else {
                l
            }
        }
        (Some(o), _) | (None, Some(o)) => o,
        (None, None) => 0,
    }
}

fn push_number(out: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends one school's administrative rows (one per administrative sub-indicator whose
/// indicator has a target). Values are counts (teachers, staff, classrooms) or areas per
/// pupil (m²) against their standard.
pub fn write_admin(out: &mut String, inst: &Instrument, plan: &SchoolPlan, rng: &mut Rng) {
    let teachers = match plan.jenjang {
        Jenjang::Sd => 8 + rng.below(10),
        Jenjang::Smp => 14 + rng.below(20),
        Jenjang::Sma | Jenjang::Smk => 18 + rng.below(30),
        Jenjang::Slb => 6 + rng.below(8),
    };
    for sub in inst.subs.iter().filter(|s| s.admin) {
        let ratio_noise = noise(rng) * 0.08;
        let Some(target) = plan.targets[sub.indicator] else {
            continue;
        };
        let ratio = (target + ratio_noise).max(0.0);
        let (aktual, standar) = match sub.code {
            // Qualified / certified teachers of all teachers.
            "5.1.1" | "5.1.2" => {
                let n = (ratio.min(1.0) * teachers as f64).round() as usize;
                (n.to_string(), teachers.to_string())
            }
            // Administrative staff against the required number.
            "5.3.1" => {
                let required = match plan.jenjang {
                    Jenjang::Sd | Jenjang::Slb => 3,
                    Jenjang::Smp => 4,
                    Jenjang::Sma | Jenjang::Smk => 5,
                };
                let n = (ratio * f64::from(required)).round() as u32;
                (n.to_string(), required.to_string())
            }
            // Classrooms against study groups (rombel).
            "6.1.2" => {
                let rombel = 6 + rng.below(19);
                let n = (ratio * rombel as f64).round() as usize;
                (n.to_string(), rombel.to_string())
            }
            // Land (6.1.1) or building (6.1.3) area per pupil, m².
            code => {
                let standard = match (code, plan.jenjang) {
                    ("6.1.1", Jenjang::Sd) => 7.0,
                    ("6.1.1", Jenjang::Smp) => 9.0,
                    ("6.1.1", Jenjang::Sma) => 10.0,
                    ("6.1.1", Jenjang::Smk) => 12.0,
                    ("6.1.1", Jenjang::Slb) => 8.0,
                    (_, Jenjang::Sd) => 3.5,
                    (_, Jenjang::Smp) => 4.0,
                    (_, Jenjang::Sma) => 4.5,
                    (_, Jenjang::Smk) => 5.0,
                    (_, Jenjang::Slb) => 4.0,
                };
                (format!("{:.2}", ratio * standard), format!("{standard:.1}"))
            }
        };
        out.push_str(&format!("{},{},{aktual},{standar}\n", plan.npsn, sub.code));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_plan() {
        let inst = instrument::generate(1);
        let targets = vec![Some(0.7); 29];
        let plan = SchoolPlan {
            npsn: "14010001",
            jenjang: Jenjang::Smp,
            targets: &targets,
            respondents: [1, 9, 16, 1],
            duplicate: false,
        };
        let expected: usize = (0..4)
            .map(|r| plan.respondents[r] * inst.items_by_role[r].len())
            .sum();
        // Over 20 schools: one school's mean leans with its principal, who answers most items.
        let mut mean = (0.0, 0);
        for seed in 0..20 {
            let mut out = Vec::new();
            let rows = write_school(&mut out, &inst, &plan, &mut Rng::new(seed));
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), rows);
            assert!(
                rows < expected && rows as f64 > expected as f64 * 0.98,
                "{rows} of {expected}"
            );
            for line in text.lines() {
                let f: Vec<&str> = line.split(',').collect();
                assert_eq!(f.len(), 5, "{line}");
                assert_eq!(f[0], "14010001");
                let role = ROLES.iter().position(|r| *r == f[1]).unwrap();
                assert!(f[2].parse::<usize>().unwrap() <= plan.respondents[role]);
                if let Some(o) = OPTIONS.iter().position(|&o| f[4].as_bytes() == [o]) {
                    let item = inst.items.iter().find(|i| i.code == f[3]).unwrap();
                    mean.0 += f64::from(instrument::weight(item, plan.jenjang, role, o)) / 100.0;
                    mean.1 += 1;
                }
            }
        }
        let mean = mean.0 / f64::from(mean.1);
        assert!((mean - 0.7).abs() < 0.01, "mean weight {mean}");
    }

    #[test]
    fn admin_rows_for_each_administrative_sub_indicator() {
        let inst = instrument::generate(1);
        let mut targets = vec![Some(0.6); 29];
        targets[19] = None; // 6.1: no data
        let plan = SchoolPlan {
            npsn: "14010001",
            jenjang: Jenjang::Sd,
            targets: &targets,
            respondents: [1, 8, 15, 1],
            duplicate: false,
        };
        let mut out = String::new();
        write_admin(&mut out, &inst, &plan, &mut Rng::new(1));
        let subs: Vec<&str> = out.lines().map(|l| l.split(',').nth(1).unwrap()).collect();
        assert_eq!(subs, ["5.1.1", "5.1.2", "5.3.1"]);
        for line in out.lines() {
            let f: Vec<f64> = line
                .split(',')
                .skip(2)
                .map(|v| v.parse().unwrap())
                .collect();
            assert!(f[0] >= 0.0 && f[1] > 0.0, "{line}");
        }
        assert_eq!(push_number_text(0), "0");
        assert_eq!(push_number_text(17), "17");
    }

    #[test]
    fn choices_average_to_the_tendency() {
        let weights = [1.0, 0.7, 0.4, 0.1, 0.0];
        assert_eq!(choose(&weights, 0.7, 0.99), 1);
        assert_eq!(choose(&weights, 1.0, 0.5), 0);
        assert_eq!(choose(&weights, 0.0, 0.5), 4);
        // 0.5 lies between 0.4 (C) and 0.7 (B): B with chance 1/3.
        assert_eq!(choose(&weights, 0.5, 0.3), 1);
        assert_eq!(choose(&weights, 0.5, 0.34), 2);
        let reversed = [0.0, 0.25, 0.5, 0.75, 1.0];
        assert_eq!(choose(&reversed, 0.9, 0.5), 4);
        assert_eq!(choose(&reversed, 0.9, 0.7), 3);
    }

    fn push_number_text(n: usize) -> String {
        let mut out = Vec::new();
        push_number(&mut out, n);
        String::from_utf8(out).unwrap()
    }
}
