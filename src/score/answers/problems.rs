//! Problems of big files, kept small: per kind of problem the first few occurrences (with
//! their place and value) and a count, so a file with ten million bad lines gives a handful
//! of messages and one total instead of ten million lines.

use crate::diag::{Diagnostics, Problem};
use crate::load::table::place;

/// How many occurrences of one kind are shown in full.
pub const SHOWN: usize = 5;

/// Every kind of problem the raw-data readers report, with its severity and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A required cell is empty (the field name).
    Empty(&'static str),
    ExtraCells,
    UnknownSchool,
    UnknownRole,
    UnknownItem,
    UnknownOption,
    NoConversion,
    RoleNotWeighted,
    Duplicate,
    NotContiguous,
    Renormalised,
    AdminUnknownSub,
    AdminNotAdministrative,
    AdminBadAktual,
    AdminBadStandar,
    AdminDuplicate,
}

impl Kind {
    fn is_error(self) -> bool {
        !matches!(
            self,
            Kind::UnknownSchool
                | Kind::UnknownRole
                | Kind::RoleNotWeighted
                | Kind::Duplicate
                | Kind::Renormalised
        )
    }

    /// The column the problem belongs to.
    pub fn field(self) -> &'static str {
        match self {
            Kind::Empty(field) => field,
            Kind::ExtraCells => "",
            Kind::UnknownSchool | Kind::NotContiguous => "npsn",
            Kind::UnknownRole | Kind::RoleNotWeighted | Kind::Renormalised => "peran",
            Kind::UnknownItem | Kind::Duplicate => "butir",
            Kind::UnknownOption | Kind::NoConversion => "jawaban",
            Kind::AdminUnknownSub | Kind::AdminNotAdministrative | Kind::AdminDuplicate => {
                "subindikator"
            }
            Kind::AdminBadAktual => "aktual",
            Kind::AdminBadStandar => "standar",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Kind::Empty(_) => "sel wajib kosong",
            Kind::ExtraCells => "baris berisi lebih banyak kolom dari judul kolom",
            Kind::UnknownSchool => "NPSN tidak ada di sekolah.csv; baris sekolah ini diabaikan",
            Kind::UnknownRole => "peran tidak dikenal di instrumen; jawaban diabaikan",
            Kind::UnknownItem => "butir tidak ada di butir.csv",
            Kind::UnknownOption => "jawaban tidak ada di bobot_jawaban.csv",
            Kind::NoConversion => "jawaban tidak punya bobot untuk jenjang dan peran ini",
            Kind::RoleNotWeighted => {
                "peran ini tidak punya bobot di bobot_peran.csv untuk subindikator butir ini; jawaban diabaikan"
            }
            Kind::Duplicate => {
                "jawaban ganda (npsn, peran, responden dan butir sama); yang dipakai jawaban pertama"
            }
            Kind::NotContiguous => "baris sekolah ini tidak berurutan dalam file",
            Kind::Renormalised => {
                "peran berbobot tanpa responden di sekolah ini; bobot peran lain dinormalkan ulang"
            }
            Kind::AdminUnknownSub => "subindikator tidak ada di subindikator.csv",
            Kind::AdminNotAdministrative => "subindikator ini bersumber kuesioner, bukan data administrasi",
            Kind::AdminBadAktual => "aktual harus angka ≥ 0",
            Kind::AdminBadStandar => "standar harus angka lebih dari 0",
            Kind::AdminDuplicate => "data administrasi ganda untuk sekolah dan subindikator ini",
        }
    }

    fn hint(self, detail: &str, other_line: Option<u64>) -> String {
        let other = other_line.map(|l| l.to_string()).unwrap_or_default();
        match self {
            Kind::Empty(field) => format!("isi kolom {field}"),
            Kind::ExtraCells => {
                "periksa pemisah kolom yang berlebih; kolom: npsn, peran, responden, butir, jawaban"
                    .into()
            }
            Kind::UnknownSchool => "tambahkan sekolahnya ke sekolah.csv atau hapus barisnya".into(),
            Kind::UnknownRole => format!("peran di instrumen: {detail}"),
            Kind::UnknownItem => "tambahkan butir ini ke instrumen/butir.csv atau perbaiki kodenya".into(),
            Kind::UnknownOption => format!("jawaban yang dikenal: {detail}"),
            Kind::NoConversion | Kind::RoleNotWeighted => detail.to_string(),
            Kind::Duplicate => format!("baris {other} berisi jawaban yang sama; hapus salah satu"),
            Kind::NotContiguous => format!(
                "sekolah ini sudah muncul mulai baris {other}; urutkan file menurut npsn agar semua jawaban satu sekolah berurutan"
            ),
            Kind::Renormalised => format!("{detail}; periksa apakah jawaban peran ini hilang"),
            Kind::AdminUnknownSub => "tambahkan subindikator ini ke instrumen/subindikator.csv".into(),
            Kind::AdminNotAdministrative => {
                "ubah sumber-nya di subindikator.csv menjadi administrasi atau hapus baris ini".into()
            }
            Kind::AdminBadAktual => "isi angka (koma atau titik desimal)".into(),
            Kind::AdminBadStandar => "isi angka lebih dari 0 (koma atau titik desimal)".into(),
            Kind::AdminDuplicate => format!("baris {other} sudah berisi data ini; hapus salah satu"),
        }
    }
}

/// One occurrence kept in full. Lines may be relative to a chunk until `shift`.
#[derive(Debug, Clone)]
pub struct Sample {
    pub line: u64,
    /// The file column, for spreadsheet cells.
    pub column: Option<usize>,
    pub value: String,
    /// Text for the hint (names the context: jenjang, peran, sub-indicator, …).
    pub detail: String,
    /// Another line the problem refers to (the first of two duplicates).
    pub other_line: Option<u64>,
}

#[derive(Debug, Clone)]
struct KindLog {
    kind: Kind,
    count: u64,
    samples: Vec<Sample>,
}

/// Problems of one file, or of one chunk of it.
#[derive(Debug, Clone, Default)]
pub struct ProblemLog {
    kinds: Vec<KindLog>,
}

impl ProblemLog {
    /// Counts an occurrence; `sample` is called only while the kind still has room to show it.
    #[inline]
    pub fn add(&mut self, kind: Kind, sample: impl FnOnce() -> Sample) {
        let log = match self.kinds.iter().position(|k| k.kind == kind) {
            Some(i) => &mut self.kinds[i],
            None => {
                self.kinds.push(KindLog {
                    kind,
                    count: 0,
                    samples: Vec::new(),
                });
                self.kinds.last_mut().expect("just pushed")
            }
        };
        log.count += 1;
        if log.samples.len() < SHOWN {
            log.samples.push(sample());
        }
    }

    #[cfg(test)]
    pub fn count(&self, kind: Kind) -> u64 {
        self.kinds
            .iter()
            .find(|k| k.kind == kind)
            .map_or(0, |k| k.count)
    }

    /// Adds `offset` to every line (a chunk's lines become the file's).
    pub fn shift(&mut self, offset: u64) {
        for sample in self.kinds.iter_mut().flat_map(|k| k.samples.iter_mut()) {
            sample.line += offset;
            if let Some(other) = &mut sample.other_line {
                *other += offset;
            }
        }
    }

    /// Appends a later part of the same file (chunks in file order).
    pub fn append(&mut self, other: ProblemLog) {
        for log in other.kinds {
            match self.kinds.iter_mut().find(|k| k.kind == log.kind) {
                Some(mine) => {
                    mine.count += log.count;
                    let room = SHOWN - mine.samples.len();
                    mine.samples.extend(log.samples.into_iter().take(room));
                }
                None => self.kinds.push(log),
            }
        }
    }

    /// Writes the kept occurrences, and per kind one line with the total when there were
    /// more. `sheet` is the spreadsheet's sheet (places become cells), `None` for CSV.
    pub fn report(mut self, file: &str, sheet: Option<&str>, diag: &mut Diagnostics) {
        self.kinds.sort_by_key(|k| k.kind);
        for log in self.kinds {
            let kind = log.kind;
            let new = |message: String| {
                if kind.is_error() {
                    Problem::error(file, message)
                } else {
                    Problem::warning(file, message)
                }
            };
            for sample in &log.samples {
                let mut problem = new(kind.message().to_string())
                    .at(place(sheet, sample.line as usize, sample.column))
                    .hint(kind.hint(&sample.detail, sample.other_line));
                if !kind.field().is_empty() {
                    problem = problem.field(kind.field());
                }
                if !sample.value.is_empty() {
                    problem = problem.value(&sample.value);
                }
                diag.push(problem);
            }
            let more = log.count - log.samples.len() as u64;
            if more > 0 {
                diag.push(new(format!(
                    "{}: {more} kali lagi selain {} contoh di atas (total {})",
                    kind.message(),
                    log.samples.len(),
                    log.count
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(line: u64) -> Sample {
        Sample {
            line,
            column: Some(3),
            value: format!("B{line}"),
            detail: String::new(),
            other_line: None,
        }
    }

    #[test]
    fn keeps_the_first_few_of_each_kind_and_counts_the_rest() {
        let mut first = ProblemLog::default();
        for line in 0..3 {
            first.add(Kind::UnknownItem, || sample(line));
        }
        let mut second = ProblemLog::default();
        for line in 0..10 {
            second.add(Kind::UnknownItem, || sample(line));
        }
        second.shift(100);
        first.append(second);
        assert_eq!(first.count(Kind::UnknownItem), 13);
        let mut diag = Diagnostics::default();
        first.report("j.csv", None, &mut diag);
        let lines: Vec<Option<usize>> = diag.problems.iter().map(|p| p.line).collect();
        assert_eq!(
            lines,
            [Some(0), Some(1), Some(2), Some(100), Some(101), None]
        );
        assert!(
            diag.problems[5].message.contains("8 kali lagi"),
            "{}",
            diag.problems[5]
        );
        assert_eq!(diag.error_count(), 6);
    }

    #[test]
    fn spreadsheet_places_are_cells() {
        let mut log = ProblemLog::default();
        log.add(Kind::Duplicate, || Sample {
            other_line: Some(4),
            ..sample(9)
        });
        let mut diag = Diagnostics::default();
        log.report("j.xlsx", Some("Data"), &mut diag);
        let p = &diag.problems[0];
        assert_eq!(p.cell.as_deref(), Some("Data!D9"));
        assert!(p.hint.as_deref().unwrap().contains("baris 4"));
        assert_eq!(diag.warning_count(), 1);
    }
}
