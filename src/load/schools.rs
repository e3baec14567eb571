//! `content/data/sekolah.csv` (or `.xlsx`): one row per school.

use super::codes;
use super::regions::{describe, warning};
use super::table::{Table, TableInfo};
use crate::diag::{Diagnostics, Place};
use crate::model::{Jenjang, Peran, School, Status};
use std::collections::{BTreeMap, BTreeSet};

const REQUIRED: [&str; 5] = ["npsn", "nama", "jenjang", "status", "kode_wilayah"];

/// Schools read from `sekolah.csv`, the NPSNs of rows rejected with an error (so other files
/// that name them are not reported again), and where the rows are, for later messages.
#[derive(Debug, Default)]
pub struct SchoolRows {
    pub schools: Vec<School>,
    pub rejected: BTreeSet<String>,
    /// False when the table itself could not be used (missing columns): checks that need
    /// the list of schools are then skipped rather than reporting every reference.
    pub usable: bool,
    pub info: TableInfo,
}

/// Reads school rows; checks each row's own fields and NPSN uniqueness. Cross-file rules
/// (region exists, model school exists) are in `validate`.
pub fn read_schools(table: &Table, diag: &mut Diagnostics) -> SchoolRows {
    let mut out = SchoolRows {
        info: table.info(),
        ..SchoolRows::default()
    };
    let cols = match table.columns(&REQUIRED) {
        Ok(c) => c,
        Err(problems) => {
            problems.into_iter().for_each(|p| diag.push(p));
            return out;
        }
    };
    out.usable = true;
    let [npsn_col, nama_col, jenjang_col, status_col, wilayah_col] =
        [cols[0], cols[1], cols[2], cols[3], cols[4]];
    let peran_col = table.column("peran").ok();
    let model_col = table.column("sekolah_model").ok();
    let mut by_npsn: BTreeMap<String, (Place, School)> = BTreeMap::new();
    for row in &table.rows {
        let mut errors = Vec::new();
        let npsn = match codes::npsn(row.get(npsn_col)) {
            Ok(code) => {
                if let Some(note) = &code.note {
                    diag.push(warning(table, row, npsn_col, note));
                }
                code.text
            }
            Err(hint) => {
                errors.push(
                    table
                        .problem(row, npsn_col, "NPSN harus 8 angka")
                        .hint(hint),
                );
                row.get(npsn_col).to_string()
            }
        };
        let nama = row.get(nama_col);
        if nama.is_empty() {
            errors.push(
                table
                    .problem(row, nama_col, "nama sekolah kosong")
                    .hint("isi nama sekolah"),
            );
        }
        let jenjang = Jenjang::parse(row.get(jenjang_col));
        if jenjang.is_none() {
            errors.push(
                table
                    .problem(row, jenjang_col, "jenjang tidak dikenal")
                    .hint("isi SD, SMP, SMA, SMK atau SLB"),
            );
        }
        let status = match row.get(status_col).to_lowercase().as_str() {
            "negeri" => Some(Status::Negeri),
            "swasta" => Some(Status::Swasta),
            _ => {
                errors.push(
                    table
                        .problem(row, status_col, "status tidak dikenal")
                        .hint("isi negeri atau swasta"),
                );
                None
            }
        };
        let kode_wilayah = match codes::kabkota(row.get(wilayah_col)) {
            Ok(code) => {
                if let Some(note) = &code.note {
                    diag.push(warning(table, row, wilayah_col, note));
                }
                code.text
            }
            Err(hint) => {
                errors.push(
                    table
                        .problem(row, wilayah_col, "kode_wilayah bukan kode kab/kota")
                        .hint(hint),
                );
                String::new()
            }
        };
        let peran_text = peran_col.map(|c| row.get(c)).unwrap_or("");
        let peran = match peran_text.to_lowercase().as_str() {
            "model" => Some(Peran::Model),
            "imbas" => Some(Peran::Imbas),
            "" => Some(Peran::None),
            _ => {
                errors.push(
                    table
                        .problem(row, peran_col.unwrap_or(0), "peran tidak dikenal")
                        .hint("isi model, imbas, atau kosongkan"),
                );
                None
            }
        };
        let model = match model_col.map(|c| (c, row.get(c))) {
            Some((c, text)) if !text.is_empty() => match codes::npsn(text) {
                Ok(code) => Some(code.text),
                Err(hint) => {
                    errors.push(table.problem(row, c, "sekolah_model bukan NPSN").hint(hint));
                    None
                }
            },
            _ => None,
        };
        if let (Some(Peran::Imbas), None, Some(c)) = (peran, &model, model_col.or(peran_col)) {
            errors.push(
                table
                    .problem(row, c, "sekolah imbas tanpa sekolah model")
                    .hint(
                    "isi kolom sekolah_model dengan NPSN sekolah model yang membina sekolah ini",
                ),
            );
        }
        if let (Some(p), Some(_), Some(c)) = (peran, &model, model_col) {
            if p != Peran::Imbas {
                errors.push(
                    table
                        .problem(row, c, "hanya sekolah imbas yang punya sekolah model")
                        .hint("kosongkan kolom ini atau isi peran dengan imbas"),
                );
            }
        }
        if let Some((first, school)) = by_npsn.get(&npsn) {
            errors.push(table.problem(row, npsn_col, "NPSN ganda").hint(format!(
                "NPSN ini sudah dipakai di {} ({})",
                describe(first),
                school.nama
            )));
        }
        let ok = errors.is_empty();
        errors.into_iter().for_each(|p| diag.push(p));
        let (Some(jenjang), Some(status), Some(peran), true) = (jenjang, status, peran, ok) else {
            out.rejected.insert(npsn);
            continue;
        };
        let school = School {
            npsn: npsn.clone(),
            nama: nama.to_string(),
            jenjang,
            status,
            kode_wilayah,
            peran,
            sekolah_model: model,
            line: row.line,
        };
        by_npsn.insert(npsn, (table.place(row, Some(npsn_col)), school));
    }
    out.schools = by_npsn.into_values().map(|(_, s)| s).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model\n";

    fn read(rows: &str) -> (Vec<School>, Diagnostics) {
        let t = Table::parse_csv(format!("{HEADER}{rows}").as_bytes(), "sekolah.csv").unwrap();
        let mut d = Diagnostics::default();
        (read_schools(&t, &mut d).schools, d)
    }

    #[test]
    fn keeps_leading_zeros_and_sorts() {
        let (s, d) = read("10400002,B,smp,Negeri,14.03,,\n01400001,A,SD,swasta,14.03,model,\n");
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(s[0].npsn, "01400001");
        assert_eq!(s[1].jenjang, Jenjang::SMP);
    }

    #[test]
    fn lost_leading_zero_and_dotless_code_are_read_with_warnings() {
        let (s, d) = read("1400001,A,SD,negeri,1403,,\n");
        assert_eq!(
            (s[0].npsn.as_str(), s[0].kode_wilayah.as_str()),
            ("01400001", "14.03")
        );
        assert_eq!(d.warning_count(), 2);
        assert_eq!(d.error_count(), 0);
    }

    #[test]
    fn duplicate_npsn_names_both_lines() {
        let (_, d) = read("10400001,A,SD,negeri,14.03,,\n10400001,B,SD,negeri,14.03,,\n");
        let p = &d.problems[0];
        assert_eq!((p.line, p.field.as_deref()), (Some(3), Some("npsn")));
        assert!(p.hint.as_deref().unwrap().contains("baris 2"));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let (s, d) = read("10x0,,TK,umum,14.03,guru,\n");
        assert!(s.is_empty());
        let fields: Vec<_> = d
            .problems
            .iter()
            .map(|p| p.field.clone().unwrap())
            .collect();
        assert_eq!(fields, ["npsn", "nama", "jenjang", "status", "peran"]);
    }
}
