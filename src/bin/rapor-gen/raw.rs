//! The example's raw data for its latest year: questionnaire answers of every school and
//! their administrative data, aimed at the school's generated indicator scores of that year
//! (so the scores computed from answers resemble `nilai/<tahun>.csv`), with the odd cases a
//! real collection has: one school that sent nothing, a few with fewer teachers or pupils
//! than usual, a few without a committee member, a few answers entered twice.

use crate::answers::{self, SchoolPlan, ADMIN_HEADER, ANSWERS_HEADER};
use crate::instrument::{Instrument, GURU, KOMITE, SISWA};
use crate::rng::Rng;
use crate::schools::School;
use crate::scores::YearTable;
use std::collections::HashMap;
use std::io::{self, Write};

const FEWER_RESPONDENTS: usize = 6;
const NO_KOMITE: usize = 4;
const DUPLICATES: usize = 5;

/// Schools with an odd collection, by NPSN.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Oddities {
    pub no_answers: String,
    pub fewer_respondents: Vec<String>,
    pub no_komite: Vec<String>,
    pub duplicate: Vec<String>,
}

pub fn oddities(schools: &[School], seed: u64) -> Oddities {
    let mut rng = Rng::derive(seed, "jawaban/istimewa");
    let mut npsns: Vec<&str> = schools.iter().map(|s| s.npsn.as_str()).collect();
    rng.shuffle(&mut npsns);
    let mut take = |n: usize| -> Vec<String> {
        let picked: Vec<String> = npsns.iter().take(n).map(|s| s.to_string()).collect();
        npsns.drain(..picked.len());
        picked
    };
    Oddities {
        no_answers: take(1).pop().unwrap_or_default(),
        fewer_respondents: take(FEWER_RESPONDENTS),
        no_komite: take(NO_KOMITE),
        duplicate: take(DUPLICATES),
    }
}

/// What is known about the year's collection.
pub struct RawYear<'a> {
    pub schools: &'a [School],
    /// The generated indicator scores of the same year: the answers aim at them.
    pub scores: &'a YearTable,
    pub instrument: &'a Instrument,
    pub oddities: &'a Oddities,
    pub seed: u64,
}

impl RawYear<'_> {
    /// Per indicator, the share of the scale the school's answers aim at.
    fn targets(&self) -> HashMap<&str, Vec<Option<f64>>> {
        self.scores
            .rows
            .iter()
            .map(|row| {
                let targets = row
                    .cells
                    .iter()
                    .map(|c| c.map(|c| f64::from(c) / 700.0))
                    .collect();
                (row.npsn.as_str(), targets)
            })
            .collect()
    }

    fn plan<'p>(
        &self,
        school: &'p School,
        targets: &'p [Option<f64>],
        rng: &mut Rng,
    ) -> SchoolPlan<'p> {
        let odd = |list: &[String]| list.contains(&school.npsn);
        let mut respondents = answers::usual_respondents(rng);
        if odd(&self.oddities.fewer_respondents) {
            respondents[GURU] = 4 + rng.below(4);
            respondents[SISWA] = 8 + rng.below(7);
        }
        if odd(&self.oddities.no_komite) {
            respondents[KOMITE] = 0;
        }
        SchoolPlan {
            npsn: &school.npsn,
            jenjang: school.jenjang,
            targets,
            respondents,
            duplicate: odd(&self.oddities.duplicate),
        }
    }

    /// Writes `jawaban/<tahun>.csv` for the schools `include` accepts (all, in the example);
    /// returns the number of answer rows.
    pub fn write_answers(
        &self,
        out: &mut impl Write,
        include: impl Fn(&School) -> bool,
    ) -> io::Result<usize> {
        let targets = self.targets();
        out.write_all(ANSWERS_HEADER.as_bytes())?;
        let mut rows = 0;
        let mut bytes = Vec::new();
        for school in self.schools.iter().filter(|s| include(s)) {
            let Some(targets) = targets.get(school.npsn.as_str()) else {
                continue;
            };
            if school.npsn == self.oddities.no_answers {
                continue;
            }
            let label = format!("jawaban/{}/{}", self.scores.year, school.npsn);
            let mut rng = Rng::derive(self.seed, &label);
            let plan = self.plan(school, targets, &mut rng);
            bytes.clear();
            rows += answers::write_school(&mut bytes, self.instrument, &plan, &mut rng);
            out.write_all(&bytes)?;
        }
        Ok(rows)
    }

    /// `administrasi/<tahun>.csv`.
    pub fn admin_csv(&self) -> Vec<u8> {
        let targets = self.targets();
        let mut out = String::from(ADMIN_HEADER);
        for school in self.schools {
            let Some(targets) = targets.get(school.npsn.as_str()) else {
                continue;
            };
            if school.npsn == self.oddities.no_answers {
                continue;
            }
            let label = format!("administrasi/{}/{}", self.scores.year, school.npsn);
            let mut rng = Rng::derive(self.seed, &label);
            let plan = SchoolPlan {
                npsn: &school.npsn,
                jenjang: school.jenjang,
                targets,
                respondents: [0; 4],
                duplicate: false,
            };
            answers::write_admin(&mut out, self.instrument, &plan, &mut rng);
        }
        out.into_bytes()
    }
}
