//! Scoring a stream of answer records school by school. Only the current school's
//! accumulators are kept (per respondent and sub-indicator: sum of weights and count; per
//! respondent and item: whether and where it was answered); when the school changes, its
//! sub-indicator, indicator and standard scores are computed and the accumulators reset.

use super::admin::AdminScores;
use super::instrument::{same, FxBuild, Instrument, NOT_WEIGHTED};
use super::problems::{Kind, ProblemLog, Sample};
use crate::framework::Framework;
use crate::model::{School, ScoreRow};
use std::collections::HashMap;

/// The field order of an answer record.
pub const FIELDS: [&str; 5] = ["npsn", "peran", "responden", "butir", "jawaban"];

/// What scoring a year needs besides the answers.
pub struct Context<'a> {
    pub framework: &'a Framework,
    pub instrument: &'a Instrument,
    /// Sorted by NPSN.
    pub schools: &'a [School],
    pub admin: &'a AdminScores,
}

/// One school's result.
#[derive(Debug, Clone)]
pub struct SchoolResult {
    /// Index in `Context::schools`.
    pub school: u32,
    pub row: ScoreRow,
    /// Respondents per role (instrument role order).
    pub respondents: Vec<u32>,
    /// Questionnaire sub-indicators whose role weights were renormalised over the roles
    /// that answered.
    pub renormalised: u32,
}

/// A run of consecutive rows with one NPSN (to find schools whose rows are not together).
#[derive(Debug, Clone)]
pub struct Run {
    pub npsn: Box<[u8]>,
    pub line: u64,
}

/// What a stretch of the answers file gave. Lines are relative to the stretch's start.
#[derive(Debug, Default)]
pub struct TallyOutput {
    pub schools: Vec<SchoolResult>,
    pub runs: Vec<Run>,
    pub problems: ProblemLog,
    /// Records (non-blank lines) read.
    pub records: u64,
    /// Lines in the stretch (set by the reader).
    pub lines: u64,
}

pub struct Tally<'a> {
    ctx: &'a Context<'a>,
    /// File column of each field, for spreadsheet cells in messages.
    columns: [usize; 5],
    items: usize,
    slots: usize,
    words: usize,
    // The current run of rows with one NPSN.
    in_run: bool,
    run_npsn: Vec<u8>,
    run_line: u64,
    school: Option<u32>,
    weight_base: usize,
    // The last role and respondent seen: rows of one respondent usually follow each other.
    last_peran: Vec<u8>,
    last_role: Option<u8>,
    last_key: Vec<u8>,
    last_respondent: usize,
    // Role and respondent slot of the last row when it got that far (for `record_repeat`).
    repeat: Option<(u8, usize)>,
    // Respondents of the current school: role, and index by (role, id).
    respondent_role: Vec<u8>,
    respondent_index: HashMap<Box<[u8]>, u32, FxBuild>,
    key: Vec<u8>,
    scratch: Vec<u8>,
    // Per (respondent, questionnaire slot): sum of weights, number of answers.
    sums: Vec<f64>,
    counts: Vec<u32>,
    touched: Vec<u32>,
    // Per (respondent, item): answered yet (bits), and on which line.
    answered: Vec<u64>,
    answer_line: Vec<u64>,
    // Per (role, questionnaire slot): sum of respondent means, number of respondents.
    role_sums: Vec<f64>,
    role_counts: Vec<u32>,
    role_touched: Vec<u32>,
    slot_scores: Vec<f64>,
    out: TallyOutput,
}

impl<'a> Tally<'a> {
    pub fn new(ctx: &'a Context<'a>, columns: [usize; 5]) -> Self {
        let instrument = ctx.instrument;
        let items = instrument.items.len();
        let slots = instrument.questionnaire.len();
        let roles = instrument.roles.len();
        Tally {
            ctx,
            columns,
            items,
            slots,
            words: items.div_ceil(64).max(1),
            in_run: false,
            run_npsn: Vec::new(),
            run_line: 0,
            school: None,
            weight_base: 0,
            last_peran: Vec::new(),
            last_role: None,
            last_key: Vec::new(),
            last_respondent: usize::MAX,
            repeat: None,
            respondent_role: Vec::new(),
            respondent_index: HashMap::default(),
            key: Vec::new(),
            scratch: Vec::new(),
            sums: Vec::new(),
            counts: Vec::new(),
            touched: Vec::new(),
            answered: Vec::new(),
            answer_line: Vec::new(),
            role_sums: vec![0.0; roles * slots],
            role_counts: vec![0; roles * slots],
            role_touched: Vec::new(),
            slot_scores: vec![f64::NAN; slots],
            out: TallyOutput::default(),
        }
    }

    fn problem(
        &mut self,
        kind: Kind,
        line: u64,
        field: usize,
        value: &[u8],
        detail: impl FnOnce() -> String,
    ) {
        let column = Some(self.columns[field]);
        self.out.problems.add(kind, || Sample {
            line,
            column,
            value: String::from_utf8_lossy(value).into_owned(),
            detail: detail(),
            other_line: None,
        });
    }

    /// One answer row: `fields` in `FIELDS` order, trimmed; `extra`: cells beyond the header.
    #[inline]
    pub fn record(&mut self, line: u64, fields: &[&[u8]; 5], extra: bool) {
        self.repeat = None;
        self.out.records += 1;
        let &[npsn, peran, responden, butir, jawaban] = fields;
        if !self.in_run || !same(npsn, &self.run_npsn) {
            if npsn.is_empty() {
                self.problem(Kind::Empty("npsn"), line, 0, b"", String::new);
                return;
            }
            self.start_run(npsn, line);
        }
        if self.school.is_none() {
            return;
        }
        if extra {
            self.problem(Kind::ExtraCells, line, 0, b"", String::new);
            return;
        }
        for (field, value) in [(1, peran), (2, responden), (3, butir)] {
            if value.is_empty() {
                self.problem(Kind::Empty(FIELDS[field]), line, field, b"", String::new);
                return;
            }
        }
        let instrument = self.ctx.instrument;
        let Some(role) = self.role(peran) else {
            self.problem(Kind::UnknownRole, line, 1, peran, || {
                instrument.roles.join(", ")
            });
            return;
        };
        self.answer(line, role, Err(responden), butir, jawaban);
    }

    /// A row whose npsn, peran and responden are the previous row's, byte for byte (the
    /// caller compared them), and whose butir is not empty: what `record` would do, without
    /// looking up again the school, role and respondent the previous row resolved.
    #[inline]
    pub fn record_repeat(&mut self, line: u64, fields: &[&[u8]; 5]) {
        match self.repeat {
            Some((role, respondent)) => {
                self.out.records += 1;
                self.answer(line, role, Ok(respondent), fields[3], fields[4]);
            }
            None => self.record(line, fields, false),
        }
    }

    /// The answer part of a row of a known school and role. `respondent`: its slot when known,
    /// else its id, resolved (and added) only once the answer is found valid.
    #[inline(always)]
    fn answer(
        &mut self,
        line: u64,
        role: u8,
        respondent: Result<usize, &[u8]>,
        butir: &[u8],
        jawaban: &[u8],
    ) {
        let instrument = self.ctx.instrument;
        let Some(item) = instrument.item_id(butir, &mut self.scratch) else {
            self.problem(Kind::UnknownItem, line, 3, butir, String::new);
            return;
        };
        if jawaban.is_empty() {
            // Not answered: the item does not count for this respondent.
            return;
        }
        let Some(option) = instrument.option_id(jawaban) else {
            self.problem(Kind::UnknownOption, line, 4, jawaban, || {
                instrument.options.join(", ")
            });
            return;
        };
        let weight =
            instrument.weights[instrument.weight_index(self.weight_base, role, item, option)];
        if weight.is_nan() || weight < 0.0 {
            self.weight_problem(weight, line, role, item, jawaban);
            return;
        }
        let respondent = match respondent {
            Ok(slot) => slot,
            Err(id) => self.respondent(role, id),
        };
        self.repeat = Some((role, respondent));
        let answered = respondent * self.words + item as usize / 64;
        let bit = 1u64 << (item % 64);
        let at = respondent * self.items + item as usize;
        if self.answered[answered] & bit != 0 {
            let first = self.answer_line[at];
            let column = Some(self.columns[3]);
            self.out.problems.add(Kind::Duplicate, || Sample {
                line,
                column,
                value: String::from_utf8_lossy(butir).into_owned(),
                detail: String::new(),
                other_line: Some(first),
            });
            return;
        }
        self.answered[answered] |= bit;
        self.answer_line[at] = line;
        let cell = respondent * self.slots + instrument.item_slot[item as usize] as usize;
        if self.counts[cell] == 0 {
            self.touched.push(cell as u32);
        }
        self.counts[cell] += 1;
        self.sums[cell] += f64::from(weight);
    }

    #[cold]
    fn weight_problem(&mut self, weight: f32, line: u64, role: u8, item: u32, jawaban: &[u8]) {
        let instrument = self.ctx.instrument;
        let school = &self.ctx.schools[self.school.unwrap_or(0) as usize];
        let role_name = &instrument.roles[role as usize];
        let item_code = &instrument.items[item as usize];
        let sub = &instrument.subindicators
            [instrument.questionnaire[instrument.item_slot[item as usize] as usize]];
        if weight == NOT_WEIGHTED {
            self.problem(Kind::RoleNotWeighted, line, 1, role_name.as_bytes(), || {
                format!(
                    "butir {item_code} termasuk subindikator {}; tambahkan bobot peran {role_name} di bobot_peran.csv bila perannya memang menjawab butir ini",
                    sub.code
                )
            });
        } else {
            self.problem(Kind::NoConversion, line, 4, jawaban, || {
                format!(
                    "bobot_jawaban.csv tidak punya baris untuk jenjang {}, peran {role_name}, jawaban {} (butir {item_code})",
                    school.jenjang.as_str(),
                    String::from_utf8_lossy(jawaban)
                )
            });
        }
    }

    #[inline]
    fn role(&mut self, peran: &[u8]) -> Option<u8> {
        if self.last_peran.is_empty() || !same(peran, &self.last_peran) {
            self.last_peran.clear();
            self.last_peran.extend_from_slice(peran);
            self.last_role = self.ctx.instrument.role_id(peran);
        }
        self.last_role
    }

    /// The current school's slot of a respondent, added on first sight.
    #[inline]
    fn respondent(&mut self, role: u8, id: &[u8]) -> usize {
        if self.last_respondent != usize::MAX
            && self.last_key.first() == Some(&role)
            && same(&self.last_key[1..], id)
        {
            return self.last_respondent;
        }
        self.key.clear();
        self.key.push(role);
        self.key.extend_from_slice(id);
        let slot = match self.respondent_index.get(self.key.as_slice()) {
            Some(&slot) => slot as usize,
            None => self.add_respondent(role),
        };
        std::mem::swap(&mut self.last_key, &mut self.key);
        self.last_respondent = slot;
        slot
    }

    fn add_respondent(&mut self, role: u8) -> usize {
        let slot = self.respondent_role.len();
        self.respondent_role.push(role);
        self.respondent_index
            .insert(self.key.as_slice().into(), slot as u32);
        let n = slot + 1;
        if self.sums.len() < n * self.slots {
            self.sums.resize(n * self.slots, 0.0);
            self.counts.resize(n * self.slots, 0);
        }
        if self.answered.len() < n * self.words {
            self.answered.resize(n * self.words, 0);
            self.answer_line.resize(n * self.items, 0);
        }
        slot
    }

    fn start_run(&mut self, npsn: &[u8], line: u64) {
        self.finish_run();
        self.repeat = None;
        self.in_run = true;
        self.run_npsn.clear();
        self.run_npsn.extend_from_slice(npsn);
        self.run_line = line;
        self.out.runs.push(Run {
            npsn: npsn.into(),
            line,
        });
        let schools = self.ctx.schools;
        self.school = schools
            .binary_search_by(|s| s.npsn.as_bytes().cmp(npsn))
            .ok()
            .map(|i| i as u32);
        match self.school {
            Some(i) => {
                self.weight_base = self
                    .ctx
                    .instrument
                    .jenjang_base(schools[i as usize].jenjang)
            }
            None => self.problem(Kind::UnknownSchool, line, 0, npsn, String::new),
        }
    }

    /// Scores the current school and resets the accumulators.
    fn finish_run(&mut self) {
        if !std::mem::take(&mut self.in_run) {
            return;
        }
        let Some(school) = self.school.take() else {
            return;
        };
        let instrument = self.ctx.instrument;
        let slots = self.slots;
        for &cell in &self.touched {
            let cell = cell as usize;
            let (respondent, slot) = (cell / slots, cell % slots);
            let at = self.respondent_role[respondent] as usize * slots + slot;
            if self.role_counts[at] == 0 {
                self.role_touched.push(at as u32);
            }
            self.role_counts[at] += 1;
            self.role_sums[at] += self.sums[cell] / f64::from(self.counts[cell]);
            self.sums[cell] = 0.0;
            self.counts[cell] = 0;
        }
        self.touched.clear();
        let mut respondents = vec![0u32; instrument.roles.len()];
        let mut present_roles = 0u64;
        for &role in &self.respondent_role {
            respondents[role as usize] += 1;
            present_roles |= 1 << role;
        }
        let scale = &self.ctx.framework.scale;
        let mut renormalised = 0u32;
        // Weighted roles without any respondent at this school, where they were needed.
        let mut absent_roles = 0u64;
        let mut absent_subs = 0u32;
        let mut first_absent = None;
        for slot in 0..slots {
            let (mut weighted, mut present) = (0.0, 0.0);
            let mut missing = 0u64;
            for &(role, weight) in &instrument.role_weights[slot] {
                let at = role as usize * slots + slot;
                match self.role_counts[at] {
                    0 => missing |= 1 << role,
                    n => {
                        weighted += weight * self.role_sums[at] / f64::from(n);
                        present += weight;
                    }
                }
            }
            self.slot_scores[slot] = if present > 0.0 {
                if missing != 0 {
                    renormalised += 1;
                    if missing & !present_roles != 0 {
                        absent_roles |= missing & !present_roles;
                        absent_subs += 1;
                        first_absent.get_or_insert(slot);
                    }
                }
                scale.min + (scale.max - scale.min) * weighted / present
            } else {
                f64::NAN
            };
        }
        for &at in &self.role_touched {
            self.role_sums[at as usize] = 0.0;
            self.role_counts[at as usize] = 0;
        }
        self.role_touched.clear();
        self.answered[..self.respondent_role.len() * self.words].fill(0);
        self.respondent_role.clear();
        self.respondent_index.clear();
        self.last_respondent = usize::MAX;
        if let Some(slot) = first_absent {
            let names: Vec<&str> = (0..instrument.roles.len())
                .filter(|r| absent_roles & (1 << r) != 0)
                .map(|r| instrument.roles[r].as_str())
                .collect();
            let code = &instrument.subindicators[instrument.questionnaire[slot]].code;
            let detail = format!("terjadi pada {absent_subs} subindikator, mis. {code}");
            let line = self.run_line;
            self.problem(
                Kind::Renormalised,
                line,
                1,
                names.join(", ").as_bytes(),
                || detail,
            );
        }
        if let Some(row) = school_row(self.ctx, school, Some(&self.slot_scores), self.run_line) {
            self.out.schools.push(SchoolResult {
                school,
                row,
                respondents,
                renormalised,
            });
        }
    }

    /// Scores the last school and hands over everything found.
    pub fn finish(mut self) -> TallyOutput {
        self.finish_run();
        self.out
    }
}

/// A school's indicator and standard scores from its questionnaire sub-indicator scores
/// (NaN = not available; `None` = no answers) and its administrative data. An indicator is
/// the mean of its available sub-indicators, a standard the mean of all its available
/// sub-indicators. `None` when nothing is available.
pub fn school_row(
    ctx: &Context,
    school: u32,
    slot_scores: Option<&[f64]>,
    line: u64,
) -> Option<ScoreRow> {
    let instrument = ctx.instrument;
    let framework = ctx.framework;
    let mut indicators = vec![(0.0, 0u32); framework.indicator_count()];
    let mut standards = vec![(0.0, 0u32); framework.standards.len()];
    let questionnaire = slot_scores
        .unwrap_or(&[])
        .iter()
        .zip(&instrument.questionnaire);
    let administrative = instrument
        .administrative
        .iter()
        .enumerate()
        .map(|(slot, sub)| (ctx.admin.value(school as usize, slot), sub));
    let mut any = false;
    for (score, &sub) in questionnaire
        .map(|(s, sub)| (*s, sub))
        .chain(administrative)
    {
        if score.is_nan() {
            continue;
        }
        let sub = &instrument.subindicators[sub];
        for (acc, index) in [
            (&mut indicators, sub.indicator),
            (&mut standards, sub.standard),
        ] {
            acc[index].0 += score;
            acc[index].1 += 1;
        }
        any = true;
    }
    let means = |acc: Vec<(f64, u32)>| -> Vec<Option<f64>> {
        acc.into_iter()
            .map(|(sum, n)| (n > 0).then(|| sum / f64::from(n)))
            .collect()
    };
    any.then(|| ScoreRow {
        npsn: ctx.schools[school as usize].npsn.clone(),
        line: line as usize,
        values: means(indicators),
        standards: Some(means(standards)),
    })
}
