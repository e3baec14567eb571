//! `content/data/sekolah.csv`: one row per school.

use super::table::Table;
use crate::diag::{Diagnostics, Problem};
use crate::model::{Jenjang, Peran, School, Status};
use std::collections::{BTreeMap, BTreeSet};

const REQUIRED: [&str; 5] = ["npsn", "nama", "jenjang", "status", "kode_wilayah"];

/// Schools read from `sekolah.csv`, and the NPSNs of rows rejected with an error (so other
/// files that name them are not reported again).
#[derive(Debug, Default)]
pub struct SchoolRows {
    pub schools: Vec<School>,
    pub rejected: BTreeSet<String>,
}

/// Reads school rows; checks each row's own fields and NPSN uniqueness. Cross-file rules
/// (region exists, model school exists) are in `validate`.
pub fn read_schools(table: &Table, diag: &mut Diagnostics) -> SchoolRows {
    let cols = match table.columns(&REQUIRED) {
        Ok(c) => c,
        Err(problems) => {
            problems.into_iter().for_each(|p| diag.push(p));
            return SchoolRows::default();
        }
    };
    let peran_col = table.column("peran").ok();
    let model_col = table.column("sekolah_model").ok();
    let mut by_npsn: BTreeMap<String, School> = BTreeMap::new();
    let mut rejected = BTreeSet::new();
    for row in &table.rows {
        let at = |field: &str, value: &str, message: &str| {
            Problem::error(&table.file, message)
                .line(row.line)
                .field(field)
                .value(value)
        };
        let mut ok = true;
        let mut fail = |p: Problem| {
            diag.push(p);
            ok = false;
        };
        let npsn = row.get(cols[0]);
        if !is_npsn(npsn) {
            fail(
                at("npsn", npsn, "NPSN harus 8 angka")
                    .hint("tulis NPSN sebagai teks 8 angka; angka nol di depan jangan hilang"),
            );
        }
        let nama = row.get(cols[1]);
        if nama.is_empty() {
            fail(at("nama", nama, "nama sekolah kosong").hint("isi nama sekolah"));
        }
        let jenjang_text = row.get(cols[2]);
        let jenjang = Jenjang::parse(jenjang_text);
        if jenjang.is_none() {
            fail(
                at("jenjang", jenjang_text, "jenjang tidak dikenal")
                    .hint("isi SD, SMP, SMA, SMK atau SLB"),
            );
        }
        let status_text = row.get(cols[3]);
        let status = match status_text.to_lowercase().as_str() {
            "negeri" => Some(Status::Negeri),
            "swasta" => Some(Status::Swasta),
            _ => {
                fail(
                    at("status", status_text, "status tidak dikenal")
                        .hint("isi negeri atau swasta"),
                );
                None
            }
        };
        let peran_text = peran_col.map(|c| row.get(c)).unwrap_or("");
        let peran = match peran_text.to_lowercase().as_str() {
            "model" => Some(Peran::Model),
            "imbas" => Some(Peran::Imbas),
            "" => Some(Peran::None),
            _ => {
                fail(
                    at("peran", peran_text, "peran tidak dikenal")
                        .hint("isi model, imbas, atau kosongkan"),
                );
                None
            }
        };
        let model = model_col.map(|c| row.get(c)).unwrap_or("");
        if peran == Some(Peran::Imbas) && model.is_empty() {
            fail(
                at("sekolah_model", model, "sekolah imbas tanpa sekolah model")
                    .hint("isi NPSN sekolah model yang membina sekolah ini"),
            );
        }
        if peran != Some(Peran::Imbas) && !model.is_empty() {
            fail(
                at(
                    "sekolah_model",
                    model,
                    "hanya sekolah imbas yang punya sekolah model",
                )
                .hint("kosongkan kolom ini atau isi peran dengan imbas"),
            );
        }
        if let Some(first) = by_npsn.get(npsn) {
            fail(at("npsn", npsn, "NPSN ganda").hint(format!(
                "NPSN ini sudah dipakai di baris {} ({})",
                first.line, first.nama
            )));
        }
        let (Some(jenjang), Some(status), Some(peran), true) = (jenjang, status, peran, ok) else {
            rejected.insert(npsn.to_string());
            continue;
        };
        by_npsn.insert(
            npsn.to_string(),
            School {
                npsn: npsn.to_string(),
                nama: nama.to_string(),
                jenjang,
                status,
                kode_wilayah: row.get(cols[4]).to_string(),
                peran,
                sekolah_model: (!model.is_empty()).then(|| model.to_string()),
                line: row.line,
            },
        );
    }
    SchoolRows {
        schools: by_npsn.into_values().collect(),
        rejected,
    }
}

pub fn is_npsn(text: &str) -> bool {
    text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit())
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
    fn duplicate_npsn_names_both_lines() {
        let (_, d) = read("10400001,A,SD,negeri,14.03,,\n10400001,B,SD,negeri,14.03,,\n");
        let p = &d.problems[0];
        assert_eq!((p.line, p.field.as_deref()), (Some(3), Some("npsn")));
        assert!(p.hint.as_deref().unwrap().contains("baris 2"));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let (s, d) = read("1040,,TK,umum,14.03,guru,\n");
        assert!(s.is_empty());
        let fields: Vec<_> = d
            .problems
            .iter()
            .map(|p| p.field.clone().unwrap())
            .collect();
        assert_eq!(fields, ["npsn", "nama", "jenjang", "status", "peran"]);
    }
}
