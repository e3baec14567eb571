//! The questionnaire instrument (`content/data/instrumen/`), read once per site and compiled
//! into flat tables, so that scoring one answer is array indexing and not string hashing:
//! items, roles and answer options become small integer ids, and the weight of every
//! (jenjang, role, item, option) is one `f32` in one array.

use super::{find_table, read_table, INSTRUMEN_DIR};
use crate::diag::{Diagnostics, Problem};
use crate::framework::Framework;
use crate::load::table::{Row, Table};
use crate::model::Jenjang;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// Weight-table entry for an item whose sub-indicator gives the role no weight.
pub const NOT_WEIGHTED: f32 = -1.0;
/// The most roles an instrument may name (they are bits of a mask).
const MAX_ROLES: usize = 64;
/// Tolerance of a sub-indicator's role weights around 1.
const ROLE_SUM_TOLERANCE: f64 = 0.001;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Questionnaire,
    Administrative,
}

#[derive(Debug, Clone)]
pub struct SubIndicator {
    pub code: String,
    pub source: Source,
    /// Index of its indicator in framework order.
    pub indicator: usize,
    /// Index of its standard.
    pub standard: usize,
    /// Dense index among the sub-indicators of the same source.
    pub slot: usize,
}

/// The compiled instrument.
#[derive(Debug, Clone, Default)]
pub struct Instrument {
    /// In the order of subindikator.csv.
    pub subindicators: Vec<SubIndicator>,
    /// Sub-indicator index of each questionnaire slot and each administrative slot.
    pub questionnaire: Vec<usize>,
    pub administrative: Vec<usize>,
    /// Lower-cased role names; a role's id is its index.
    pub roles: Vec<String>,
    /// Item codes as written in butir.csv; an item's id is its index.
    pub items: Vec<String>,
    /// Questionnaire slot of each item.
    pub item_slot: Vec<u32>,
    /// Upper-cased answer options; an option's id is its index.
    pub options: Vec<String>,
    /// `weights[((jenjang * roles + role) * items + item) * options + option]`: a weight in
    /// [0, 1], `NOT_WEIGHTED`, or NaN when bobot_jawaban.csv has no row for it.
    pub weights: Vec<f32>,
    /// Per questionnaire slot: the roles with a weight above 0, and the sum of all its weights.
    pub role_weights: Vec<Vec<(u8, f64)>>,
    pub role_weight_sums: Vec<f64>,
    item_ids: ItemIndex,
    /// Single-byte options (`A`, `b`, `3`): byte → option id + 1 (0 = none); 256 entries.
    option_bytes: Vec<u8>,
}

impl Instrument {
    pub fn role_id(&self, peran: &[u8]) -> Option<u8> {
        self.roles
            .iter()
            .position(|r| r.as_bytes().eq_ignore_ascii_case(peran))
            .map(|i| i as u8)
    }

    /// An item's id from its code (case-insensitive); `scratch` avoids an allocation per call.
    #[inline]
    pub fn item_id(&self, butir: &[u8], scratch: &mut Vec<u8>) -> Option<u32> {
        if let Some(id) = self.item_ids.get(butir) {
            return Some(id);
        }
        if !butir.iter().any(u8::is_ascii_lowercase) {
            return None;
        }
        scratch.clear();
        scratch.extend(butir.iter().map(u8::to_ascii_uppercase));
        self.item_ids.get(scratch)
    }

    #[inline]
    pub fn option_id(&self, jawaban: &[u8]) -> Option<u32> {
        if let [byte] = jawaban {
            return self
                .option_bytes
                .get(*byte as usize)?
                .checked_sub(1)
                .map(u32::from);
        }
        self.options
            .iter()
            .position(|o| o.as_bytes().eq_ignore_ascii_case(jawaban))
            .map(|i| i as u32)
    }

    /// Offset of a jenjang's part of `weights`.
    pub fn jenjang_base(&self, jenjang: Jenjang) -> usize {
        let j = Jenjang::ALL.iter().position(|&x| x == jenjang).unwrap_or(0);
        j * self.roles.len() * self.items.len() * self.options.len()
    }

    #[inline]
    pub fn weight_index(&self, base: usize, role: u8, item: u32, option: u32) -> usize {
        base + ((role as usize * self.items.len() + item as usize) * self.options.len())
            + option as usize
    }

    /// A sub-indicator's index by code (`A.1.2` and `a.1.2` are the same code).
    pub fn subindicator(&self, code: &str) -> Option<usize> {
        self.subindicators
            .iter()
            .position(|s| s.code.eq_ignore_ascii_case(code))
    }

    /// Loads the instrument tables. `subindikator` is always required; the other three when
    /// `questionnaire` (there are answers to score). `None` when any of them has an error.
    pub fn load(
        site_dir: &Path,
        framework: &Framework,
        questionnaire: bool,
        diag: &mut Diagnostics,
    ) -> Option<Instrument> {
        let errors_before = diag.error_count();
        let mut tables: Vec<Option<Table>> = Vec::new();
        for (stem, required) in [
            ("subindikator", true),
            ("butir", questionnaire),
            ("bobot_jawaban", questionnaire),
            ("bobot_peran", questionnaire),
        ] {
            let stem = format!("{INSTRUMEN_DIR}/{stem}");
            let table = match find_table(site_dir, &stem, diag) {
                Some(file) => read_table(site_dir, &file, diag),
                None if required => {
                    diag.push(
                        Problem::error(format!("{stem}.csv"), "file instrumen tidak ada")
                            .hint(format!(
                                "jawaban kuesioner dan data administrasi dinilai dengan instrumen: \
                                 buat subindikator, butir, bobot_jawaban dan bobot_peran (.csv atau .xlsx) \
                                 di {INSTRUMEN_DIR}/ (lihat dokumentasi rapor)"
                            )),
                    );
                    None
                }
                None => None,
            };
            tables.push(table);
        }
        if diag.error_count() > errors_before {
            return None;
        }
        let [sub, butir, bobot_jawaban, bobot_peran] =
            <[Option<Table>; 4]>::try_from(tables).expect("four tables");
        let instrument = Instrument::from_tables(
            framework,
            sub.as_ref()?,
            butir.as_ref(),
            bobot_jawaban.as_ref(),
            bobot_peran.as_ref(),
            diag,
        );
        (diag.error_count() == errors_before).then_some(instrument)
    }

    /// Builds the instrument from its tables, reporting every problem of every row.
    pub fn from_tables(
        framework: &Framework,
        subindikator: &Table,
        butir: Option<&Table>,
        bobot_jawaban: Option<&Table>,
        bobot_peran: Option<&Table>,
        diag: &mut Diagnostics,
    ) -> Instrument {
        let mut instrument = Instrument::default();
        let Some(sub_lines) = instrument.read_subindicators(framework, subindikator, diag) else {
            return instrument;
        };
        let have_items = butir.is_some_and(|t| instrument.read_items(t, diag));
        let role_rows = bobot_peran.and_then(|t| instrument.read_role_weights(t, diag));
        let answer_rows = bobot_jawaban
            .map(|t| instrument.read_answer_weights(t, diag))
            .unwrap_or_default();
        if instrument.roles.len() > MAX_ROLES {
            let table = bobot_peran
                .or(bobot_jawaban)
                .expect("roles come from a table");
            diag.push(
                Problem::error(&table.file, format!("lebih dari {MAX_ROLES} peran"))
                    .field("peran")
                    .hint("peran adalah kelompok responden (ks, guru, siswa, komite, …)"),
            );
            return instrument;
        }
        instrument.check_coverage(
            framework,
            subindikator,
            &sub_lines,
            have_items,
            role_rows.is_some(),
            diag,
        );
        instrument.compile_weights(&role_rows.unwrap_or_default(), &answer_rows);
        instrument
    }

    /// subindikator.csv: `kode,nama,sumber`. Returns each sub-indicator's row line, or
    /// `None` when a column is missing.
    fn read_subindicators(
        &mut self,
        framework: &Framework,
        table: &Table,
        diag: &mut Diagnostics,
    ) -> Option<Vec<usize>> {
        let cols = columns(table, &["kode", "nama", "sumber"], diag)?;
        let indicators: HashMap<String, (usize, usize)> = framework
            .indicators()
            .enumerate()
            .map(|(i, (s, ind))| (ind.code.to_lowercase(), (i, s)))
            .collect();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        let mut lines = Vec::new();
        for row in &table.rows {
            let code = row.get(cols[0]);
            let parent = code.rsplit_once('.').filter(|(_, n)| !n.is_empty());
            let found = parent.and_then(|(ind, _)| indicators.get(&ind.to_lowercase()));
            let Some(&(indicator, standard)) = found else {
                let message = if code.is_empty() {
                    "kode subindikator kosong"
                } else {
                    "indikator subindikator ini tidak ada di framework"
                };
                diag.push(table.problem(row, cols[0], message).hint(format!(
                    "kode subindikator = kode indikator + \".\" + nomor, mis. {}.1; indikator {}: {}",
                    first_indicator(framework),
                    framework.name,
                    indicator_range(framework)
                )));
                continue;
            };
            if let Some(first) = first_line.get(&code.to_lowercase()) {
                diag.push(
                    table
                        .problem(row, cols[0], "kode subindikator ganda")
                        .hint(format!("baris {first} sudah memakai kode ini")),
                );
                continue;
            }
            let source = match row.get(cols[2]).to_lowercase().as_str() {
                "kuesioner" => Source::Questionnaire,
                "administrasi" => Source::Administrative,
                _ => {
                    diag.push(
                        table
                            .problem(row, cols[2], "sumber tidak dikenal")
                            .hint("isi kuesioner atau administrasi"),
                    );
                    continue;
                }
            };
            let nama = row.get(cols[1]);
            if nama.is_empty() {
                diag.push(
                    warning(table, row, cols[1], "nama subindikator kosong")
                        .hint("isi nama subindikator agar bisa ditampilkan"),
                );
            }
            first_line.insert(code.to_lowercase(), row.line);
            let slots = match source {
                Source::Questionnaire => &mut self.questionnaire,
                Source::Administrative => &mut self.administrative,
            };
            slots.push(self.subindicators.len());
            self.subindicators.push(SubIndicator {
                code: code.to_string(),
                source,
                indicator,
                standard,
                slot: slots.len() - 1,
            });
            lines.push(row.line);
        }
        Some(lines)
    }

    /// The sub-indicator named in a cell, which must come from the questionnaire.
    fn questionnaire_slot(
        &self,
        table: &Table,
        row: &Row,
        column: usize,
        diag: &mut Diagnostics,
    ) -> Option<usize> {
        let code = row.get(column);
        match self.subindicator(code).map(|s| &self.subindicators[s]) {
            Some(sub) if sub.source == Source::Questionnaire => Some(sub.slot),
            Some(_) => {
                diag.push(
                    table
                        .problem(row, column, "subindikator ini bersumber data administrasi")
                        .hint("hanya subindikator kuesioner yang punya butir dan bobot peran; ubah sumber-nya di subindikator.csv atau hapus baris ini"),
                );
                None
            }
            None => {
                diag.push(
                    table
                        .problem(row, column, "subindikator tidak ada di subindikator.csv")
                        .hint("tambahkan subindikatornya atau perbaiki kodenya"),
                );
                None
            }
        }
    }

    /// butir.csv: `butir,subindikator`. False when a column is missing.
    fn read_items(&mut self, table: &Table, diag: &mut Diagnostics) -> bool {
        let Some(cols) = columns(table, &["butir", "subindikator"], diag) else {
            return false;
        };
        let mut first_line: HashMap<Box<[u8]>, usize> = HashMap::new();
        let mut keys = Vec::new();
        for row in &table.rows {
            let code = row.get(cols[0]);
            if code.is_empty() {
                diag.push(
                    table
                        .problem(row, cols[0], "kode butir kosong")
                        .hint("isi kode butir"),
                );
                continue;
            }
            let key = upper(code);
            if let Some(first) = first_line.get(&key) {
                diag.push(
                    table
                        .problem(row, cols[0], "kode butir ganda")
                        .hint(format!(
                        "baris {first} sudah memakai kode ini (huruf besar/kecil tidak dibedakan)"
                    )),
                );
                continue;
            }
            let Some(slot) = self.questionnaire_slot(table, row, cols[1], diag) else {
                continue;
            };
            first_line.insert(key.clone(), row.line);
            keys.push(key);
            self.items.push(code.to_string());
            self.item_slot.push(slot as u32);
        }
        self.item_ids = ItemIndex::new(&keys);
        true
    }

    fn role(&mut self, name: &str) -> u8 {
        let name = name.to_lowercase();
        match self.roles.iter().position(|r| *r == name) {
            Some(i) => i as u8,
            None => {
                self.roles.push(name);
                // Ids past MAX_ROLES are refused after reading, before anything indexes them.
                (self.roles.len() - 1).min(u8::MAX as usize) as u8
            }
        }
    }

    /// bobot_peran.csv: `subindikator,peran,bobot`. Returns (slot, role, weight) rows, or
    /// `None` when a column is missing.
    fn read_role_weights(
        &mut self,
        table: &Table,
        diag: &mut Diagnostics,
    ) -> Option<Vec<(usize, u8, f64)>> {
        let mut rows = Vec::new();
        let cols = columns(table, &["subindikator", "peran", "bobot"], diag)?;
        let mut first_line: HashMap<(usize, String), usize> = HashMap::new();
        let mut slot_first_line: BTreeMap<usize, &Row> = BTreeMap::new();
        let mut sums = vec![0.0; self.questionnaire.len()];
        for row in &table.rows {
            let Some(slot) = self.questionnaire_slot(table, row, cols[0], diag) else {
                continue;
            };
            let peran = row.get(cols[1]).to_lowercase();
            if peran.is_empty() {
                diag.push(
                    table
                        .problem(row, cols[1], "peran kosong")
                        .hint("isi peran responden, mis. guru"),
                );
                continue;
            }
            let Some(weight) = weight_cell(table, row, cols[2], "bobot peran", diag) else {
                continue;
            };
            if let Some(first) = first_line.get(&(slot, peran.clone())) {
                diag.push(
                    table
                        .problem(row, cols[1], "bobot peran ganda untuk subindikator ini")
                        .hint(format!("baris {first} sudah memberi bobot peran ini")),
                );
                continue;
            }
            first_line.insert((slot, peran.clone()), row.line);
            slot_first_line.entry(slot).or_insert(row);
            sums[slot] += weight;
            let role = self.role(&peran);
            rows.push((slot, role, weight));
        }
        for (slot, row) in slot_first_line {
            let sum = sums[slot];
            if (sum - 1.0).abs() > ROLE_SUM_TOLERANCE {
                let code = &self.subindicators[self.questionnaire[slot]].code;
                diag.push(
                    Problem::error(
                        &table.file,
                        format!("jumlah bobot peran subindikator {code} adalah {sum:.4}, harus 1"),
                    )
                    .at(table.place(row, Some(cols[0])))
                    .field("bobot")
                    .value(code)
                    .hint("ubah bobot peran subindikator ini agar jumlahnya 1 (±0,001)"),
                );
            }
        }
        self.role_weight_sums = sums;
        Some(rows)
    }

    /// bobot_jawaban.csv: `jenjang,peran,jawaban,bobot[,butir]`. Returns
    /// (jenjang, role, option, item or None for every item, weight) rows.
    fn read_answer_weights(&mut self, table: &Table, diag: &mut Diagnostics) -> Vec<AnswerWeight> {
        let mut rows = Vec::new();
        let Some(cols) = columns(table, &["jenjang", "peran", "jawaban", "bobot"], diag) else {
            return rows;
        };
        let butir_col = table.headers.iter().position(|h| h == "butir");
        let mut first_line: HashMap<(usize, String, String, Option<u32>), usize> = HashMap::new();
        let mut scratch = Vec::new();
        for row in &table.rows {
            let jenjang_text = row.get(cols[0]);
            let Some(jenjang) = Jenjang::parse(jenjang_text) else {
                diag.push(
                    table
                        .problem(row, cols[0], "jenjang tidak dikenal")
                        .hint("isi SD, SMP, SMA, SMK atau SLB"),
                );
                continue;
            };
            let jenjang = Jenjang::ALL.iter().position(|&j| j == jenjang).unwrap_or(0);
            let peran = row.get(cols[1]).to_lowercase();
            if peran.is_empty() {
                diag.push(
                    table
                        .problem(row, cols[1], "peran kosong")
                        .hint("isi peran responden, mis. guru"),
                );
                continue;
            }
            let jawaban = row.get(cols[2]).to_uppercase();
            if jawaban.is_empty() {
                diag.push(
                    table
                        .problem(row, cols[2], "jawaban kosong")
                        .hint("isi pilihan jawaban, mis. A"),
                );
                continue;
            }
            let Some(weight) = weight_cell(table, row, cols[3], "bobot jawaban", diag) else {
                continue;
            };
            let item = match butir_col.map(|c| (c, row.get(c))) {
                Some((c, code)) if !code.is_empty() => {
                    match self.item_id(code.as_bytes(), &mut scratch) {
                        Some(id) => Some(id),
                        None => {
                            diag.push(
                                table
                                    .problem(row, c, "butir tidak ada di butir.csv")
                                    .hint("baris khusus butir harus menyebut butir yang ada; kosongkan untuk semua butir"),
                            );
                            continue;
                        }
                    }
                }
                _ => None,
            };
            let key = (jenjang, peran.clone(), jawaban.clone(), item);
            if let Some(first) = first_line.get(&key) {
                diag.push(
                    table
                        .problem(row, cols[2], "bobot jawaban ganda")
                        .hint(format!("baris {first} sudah memberi bobot untuk jenjang, peran, jawaban (dan butir) ini")),
                );
                continue;
            }
            first_line.insert(key, row.line);
            let role = self.role(&peran);
            let option = match self.options.iter().position(|o| *o == jawaban) {
                Some(i) => i,
                None => {
                    self.options.push(jawaban);
                    self.options.len() - 1
                }
            };
            rows.push(AnswerWeight {
                jenjang,
                role,
                option,
                item,
                weight,
            });
        }
        self.option_bytes = vec![0; 256];
        for (id, option) in self.options.iter().enumerate() {
            if let [byte] = option.as_bytes() {
                let id = u8::try_from(id + 1).unwrap_or(0);
                self.option_bytes[byte.to_ascii_uppercase() as usize] = id;
                self.option_bytes[byte.to_ascii_lowercase() as usize] = id;
            }
        }
        rows
    }

    /// Questionnaire sub-indicators without items or role weights, and indicators without
    /// sub-indicators: each is never available, which deserves a word.
    fn check_coverage(
        &self,
        framework: &Framework,
        table: &Table,
        sub_lines: &[usize],
        have_items: bool,
        have_role_weights: bool,
        diag: &mut Diagnostics,
    ) {
        let mut items = vec![0usize; self.questionnaire.len()];
        for &slot in &self.item_slot {
            items[slot as usize] += 1;
        }
        for (slot, &sub) in self.questionnaire.iter().enumerate() {
            let code = &self.subindicators[sub].code;
            let at = |p: Problem| p.line(sub_lines[sub]).field("kode").value(code);
            if have_items && items[slot] == 0 {
                diag.push(at(Problem::warning(
                    &table.file,
                    "subindikator kuesioner tanpa butir di butir.csv: nilainya selalu tidak tersedia",
                ))
                .hint("tambahkan butirnya atau ubah sumber-nya"));
            } else if have_role_weights
                && self.role_weight_sums.get(slot).copied().unwrap_or(0.0) == 0.0
            {
                diag.push(
                    at(Problem::error(
                        &table.file,
                        format!(
                            "subindikator kuesioner {code} tanpa bobot peran (jumlah 0, harus 1)"
                        ),
                    ))
                    .hint("tambahkan bobot per peran di bobot_peran.csv"),
                );
            }
        }
        let mut covered = vec![false; framework.indicator_count()];
        for sub in &self.subindicators {
            covered[sub.indicator] = true;
        }
        for ((_, indicator), covered) in framework.indicators().zip(covered) {
            if !covered {
                diag.push(
                    Problem::warning(
                        &table.file,
                        "indikator tanpa subindikator: nilainya tidak tersedia dari jawaban",
                    )
                    .value(&indicator.code)
                    .hint("tambahkan subindikator untuk indikator ini bila datanya ada"),
                );
            }
        }
    }

    /// Fills `weights` and `role_weights`.
    fn compile_weights(&mut self, role_rows: &[(usize, u8, f64)], answer_rows: &[AnswerWeight]) {
        let (r, i, o) = (self.roles.len(), self.items.len(), self.options.len());
        let mut weighted = vec![false; self.questionnaire.len() * r];
        self.role_weights = vec![Vec::new(); self.questionnaire.len()];
        for &(slot, role, weight) in role_rows {
            weighted[slot * r + role as usize] = true;
            if weight > 0.0 {
                self.role_weights[slot].push((role, weight));
            }
        }
        self.weights = vec![f32::NAN; Jenjang::ALL.len() * r * i * o];
        let index = |j: usize, role: usize, item: usize, option: usize| {
            ((j * r + role) * i + item) * o + option
        };
        // General rows first, then the item-specific rows that override them.
        for row in answer_rows.iter().filter(|w| w.item.is_none()) {
            for item in 0..i {
                self.weights[index(row.jenjang, row.role as usize, item, row.option)] =
                    row.weight as f32;
            }
        }
        for row in answer_rows {
            if let Some(item) = row.item {
                self.weights[index(row.jenjang, row.role as usize, item as usize, row.option)] =
                    row.weight as f32;
            }
        }
        for item in 0..i {
            let slot = self.item_slot[item] as usize;
            for role in (0..r).filter(|&role| !weighted[slot * r + role]) {
                for j in 0..Jenjang::ALL.len() {
                    let at = index(j, role, item, 0);
                    self.weights[at..at + o].fill(NOT_WEIGHTED);
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct AnswerWeight {
    jenjang: usize,
    role: u8,
    option: usize,
    item: Option<u32>,
    weight: f64,
}

fn columns(table: &Table, names: &[&str], diag: &mut Diagnostics) -> Option<Vec<usize>> {
    match table.columns(names) {
        Ok(cols) => Some(cols),
        Err(problems) => {
            problems.into_iter().for_each(|p| diag.push(p));
            None
        }
    }
}

fn warning(table: &Table, row: &Row, column: usize, message: &str) -> Problem {
    Problem {
        severity: crate::diag::Severity::Warning,
        ..table.problem(row, column, message)
    }
}

/// A weight cell: a number in [0, 1] (`,` or `.` decimal).
fn weight_cell(
    table: &Table,
    row: &Row,
    column: usize,
    what: &str,
    diag: &mut Diagnostics,
) -> Option<f64> {
    match parse_decimal(row.get(column)) {
        Some(w) if (0.0..=1.0).contains(&w) => Some(w),
        Some(_) => {
            diag.push(
                table
                    .problem(row, column, &format!("{what} di luar 0–1"))
                    .hint("bobot adalah angka dari 0 sampai 1, mis. 0,75"),
            );
            None
        }
        None => {
            diag.push(
                table
                    .problem(row, column, &format!("{what} bukan angka"))
                    .hint("isi angka dari 0 sampai 1 (koma atau titik desimal)"),
            );
            None
        }
    }
}

/// A finite number with `.` or `,` as decimal separator.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

fn upper(code: &str) -> Box<[u8]> {
    code.as_bytes().iter().map(u8::to_ascii_uppercase).collect()
}

fn first_indicator(framework: &Framework) -> &str {
    framework
        .indicators()
        .next()
        .map_or("", |(_, i)| i.code.as_str())
}

fn indicator_range(framework: &Framework) -> String {
    let last = framework
        .indicators()
        .last()
        .map_or("", |(_, i)| i.code.as_str());
    format!("{}…{last}", first_indicator(framework))
}

/// Up to eight bytes as one number (little-endian, zero-padded); `None` for longer or empty.
#[inline(always)]
pub fn pack(bytes: &[u8]) -> Option<u64> {
    if let Ok(eight) = <[u8; 8]>::try_from(bytes) {
        return Some(u64::from_le_bytes(eight));
    }
    if bytes.is_empty() || bytes.len() > 8 {
        return None;
    }
    Some(
        bytes
            .iter()
            .enumerate()
            .fold(0, |w, (i, &b)| w | u64::from(b) << (8 * i)),
    )
}

/// Equality of short byte strings without a call to `memcmp` (NPSNs, roles, respondent ids:
/// compared once or more per answer).
#[inline(always)]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && match (pack(a), pack(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        }
}

/// Item ids by code. Codes of up to eight bytes (nearly all) are packed into a `u64` and
/// found in an open-addressing table: one multiply and usually one probe, no string compare.
#[derive(Debug, Clone, Default)]
struct ItemIndex {
    /// (packed code, id); code 0 = empty.
    table: Vec<(u64, u32)>,
    shift: u32,
    long: HashMap<Box<[u8]>, u32, FxBuild>,
}

impl ItemIndex {
    fn new(codes: &[Box<[u8]>]) -> Self {
        let bits = (codes.len().max(4) * 4)
            .next_power_of_two()
            .trailing_zeros();
        let mut index = ItemIndex {
            table: vec![(0, 0); 1 << bits],
            shift: 64 - bits,
            long: HashMap::default(),
        };
        for (id, code) in codes.iter().enumerate() {
            match pack(code) {
                Some(key) => {
                    let mut at = index.home(key);
                    while index.table[at].0 != 0 {
                        at = (at + 1) & (index.table.len() - 1);
                    }
                    index.table[at] = (key, id as u32);
                }
                None => {
                    index.long.insert(code.clone(), id as u32);
                }
            }
        }
        index
    }

    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, code: &[u8]) -> Option<u32> {
        let Some(key) = pack(code) else {
            return self.long.get(code).copied();
        };
        if self.table.is_empty() {
            return None;
        }
        let mut at = self.home(key);
        loop {
            match self.table[at] {
                (0, _) => return None,
                (k, id) if k == key => return Some(id),
                _ => at = (at + 1) & (self.table.len() - 1),
            }
        }
    }
}

/// FxHash (as in rustc), for the few item codes longer than eight bytes.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

pub type FxBuild = BuildHasherDefault<FxHasher>;

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    pub fn framework() -> Framework {
        Framework::load(Path::new("."), "rapor-mutu").unwrap()
    }

    fn table(name: &str, text: &str) -> Table {
        Table::parse_csv(text.as_bytes(), name).unwrap()
    }

    /// A small instrument from CSV texts, with the problems it gave.
    pub fn instrument(
        sub: &str,
        butir: &str,
        jawaban: &str,
        peran: &str,
    ) -> (Instrument, Diagnostics) {
        let mut diag = Diagnostics::default();
        let i = Instrument::from_tables(
            &framework(),
            &table("subindikator.csv", sub),
            Some(&table("butir.csv", butir)),
            Some(&table("bobot_jawaban.csv", jawaban)),
            Some(&table("bobot_peran.csv", peran)),
            &mut diag,
        );
        (i, diag)
    }

    pub const SUB: &str = "kode,nama,sumber\n1.1.1,Sikap,kuesioner\n1.1.2,Karakter,Kuesioner\n6.1.1,Lahan,administrasi\n";

    #[test]
    fn codes_ignore_case() {
        let framework = Framework::load(Path::new("."), "rapor-pendidikan").unwrap();
        let sub = table(
            "subindikator.csv",
            "kode,nama,sumber\na.1.1,Literasi membaca,kuesioner\nA.1.2,Literasi,administrasi\n",
        );
        let mut diag = Diagnostics::default();
        let i = Instrument::from_tables(&framework, &sub, None, None, None, &mut diag);
        assert_eq!(diag.error_count(), 0, "{}", diag.report());
        assert_eq!(
            (i.subindicators[0].indicator, i.subindicators[1].indicator),
            (0, 0)
        );
        assert_eq!(i.subindicator("A.1.1"), Some(0));
    }
    pub const BUTIR: &str = "butir,subindikator\nB1,1.1.1\nb2,1.1.1\nB3,1.1.2\n";
    pub const JAWABAN: &str = "jenjang,peran,jawaban,bobot,butir\nSD,guru,A,1,\nSD,guru,b,\"0,5\",\nSD,ks,A,1,\nSD,guru,A,0.25,B3\n";
    pub const PERAN: &str =
        "subindikator,peran,bobot\n1.1.1,guru,0.6\n1.1.1,KS,0.4\n1.1.2,guru,1\n";

    #[test]
    fn ids_and_weights_are_compiled() {
        let (i, diag) = instrument(SUB, BUTIR, JAWABAN, PERAN);
        // Only the 27 indicators without sub-indicators (all but 1.1 and 6.1) are worth a word.
        assert_eq!(
            (diag.error_count(), diag.warning_count()),
            (0, 27),
            "{}",
            diag.report()
        );
        assert_eq!(i.roles, ["guru", "ks"]);
        assert_eq!(i.options, ["A", "B"]);
        assert_eq!(
            (i.questionnaire.clone(), i.administrative.clone()),
            (vec![0, 1], vec![2])
        );
        let mut scratch = Vec::new();
        assert_eq!(i.item_id(b"B2", &mut scratch), Some(1));
        assert_eq!(i.item_id(b"b3", &mut scratch), Some(2));
        assert_eq!(i.item_id(b"B4", &mut scratch), None);
        assert_eq!(
            (i.option_id(b"a"), i.option_id(b"B"), i.option_id(b"C")),
            (Some(0), Some(1), None)
        );
        assert_eq!(i.role_id(b"KS"), Some(1));
        let sd = i.jenjang_base(Jenjang::SD);
        let w = |role, item, option| i.weights[i.weight_index(sd, role, item, option)];
        assert_eq!(w(0, 0, 0), 1.0);
        assert_eq!(w(0, 0, 1), 0.5);
        assert_eq!(w(0, 2, 0), 0.25, "item-specific row overrides");
        assert_eq!(w(1, 0, 0), 1.0);
        assert!(w(1, 0, 1).is_nan(), "ks has no row for B");
        assert_eq!(w(1, 2, 0), NOT_WEIGHTED, "ks has no weight in 1.1.2");
        let smp = i.jenjang_base(Jenjang::SMP);
        assert!(i.weights[i.weight_index(smp, 0, 0, 0)].is_nan());
        assert_eq!(i.role_weights[0], [(0, 0.6), (1, 0.4)]);
    }

    #[test]
    fn role_weights_must_sum_to_one() {
        let peran = "subindikator,peran,bobot\n1.1.1,guru,0.6\n1.1.1,ks,0.3\n1.1.2,guru,1\n";
        let (_, diag) = instrument(SUB, BUTIR, JAWABAN, peran);
        assert_eq!(diag.error_count(), 1, "{}", diag.report());
        let p = &diag.problems[0];
        assert!(
            p.message.contains("1.1.1") && p.message.contains("0.9000"),
            "{p}"
        );
        assert_eq!((p.file.as_str(), p.line), ("bobot_peran.csv", Some(2)));
    }

    #[test]
    fn bad_rows_are_located() {
        let sub = "kode,nama,sumber\n1.1.1,Sikap,kuesioner\n9.9.1,X,kuesioner\n1.1.1,Lagi,kuesioner\n1.2.1,Y,survei\n6.1.1,Lahan,administrasi\n";
        let butir = "butir,subindikator\nB1,1.1.1\nB1,1.1.1\nB2,6.1.1\nB3,7.7.7\n";
        let jawaban = "jenjang,peran,jawaban,bobot\nSD,guru,A,1.5\nTK,guru,A,1\nSD,guru,B,x\nSD,guru,A,1\nSD,guru,a,1\n";
        let peran = "subindikator,peran,bobot\n1.1.1,guru,1\n6.1.1,guru,1\n";
        let (_, diag) = instrument(sub, butir, jawaban, peran);
        let got: Vec<(String, Option<usize>, Option<String>)> = diag
            .problems
            .iter()
            .filter(|p| p.severity == crate::diag::Severity::Error)
            .map(|p| (p.file.clone(), p.line, p.field.clone()))
            .collect();
        let want = [
            ("subindikator.csv", 3, "kode"),
            ("subindikator.csv", 4, "kode"),
            ("subindikator.csv", 5, "sumber"),
            ("butir.csv", 3, "butir"),
            ("butir.csv", 4, "subindikator"),
            ("butir.csv", 5, "subindikator"),
            ("bobot_peran.csv", 3, "subindikator"),
            ("bobot_jawaban.csv", 2, "bobot"),
            ("bobot_jawaban.csv", 3, "jenjang"),
            ("bobot_jawaban.csv", 4, "bobot"),
            ("bobot_jawaban.csv", 6, "jawaban"),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(f, l, c)| (f.to_string(), Some(*l), Some(c.to_string())))
            .collect();
        assert_eq!(got, want, "{}", diag.report());
    }

    #[test]
    fn item_index_finds_short_and_long_codes() {
        let codes: Vec<Box<[u8]>> = ["B1", "B0001", "12345678", "1.1.1.10-KS", "X"]
            .iter()
            .map(|c| c.as_bytes().into())
            .collect();
        let index = ItemIndex::new(&codes);
        for (id, code) in codes.iter().enumerate() {
            assert_eq!(index.get(code), Some(id as u32));
        }
        for missing in ["B2", "", "123456789", "1.1.1.10-GURU", "B1 "] {
            assert_eq!(index.get(missing.as_bytes()), None, "{missing}");
        }
        assert!(same(b"10000001", b"10000001") && !same(b"10000001", b"10000002"));
        assert!(same(b"guru", b"guru") && !same(b"guru", b"gurU") && !same(b"a", b"a\0"));
        assert!(same(b"responden-123", b"responden-123"));
    }

    #[test]
    fn fxhash_differs_for_different_codes() {
        let hash = |b: &[u8]| {
            let mut h = FxHasher::default();
            h.write(b);
            h.finish()
        };
        assert_ne!(hash(b"B001"), hash(b"B002"));
        assert_ne!(hash(b"B0010000A"), hash(b"B0010000B"));
    }
}
