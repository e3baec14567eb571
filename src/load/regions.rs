//! `content/data/wilayah.csv` (or `.xlsx`): provinces and kab/kota with Kemendagri dotted codes.

use super::codes;
use super::table::Table;
use crate::diag::{Diagnostics, Problem};
use crate::model::{Region, RegionKind};
use std::collections::BTreeMap;

/// Reads the region rows, collecting a problem for every bad row.
pub fn read_regions(table: &Table, diag: &mut Diagnostics) -> Vec<Region> {
    let cols = match table.columns(&["kode", "nama", "jenis"]) {
        Ok(c) => c,
        Err(problems) => {
            problems.into_iter().for_each(|p| diag.push(p));
            return Vec::new();
        }
    };
    let (kode_col, nama_col, jenis_col) = (cols[0], cols[1], cols[2]);
    let mut by_code: BTreeMap<String, (crate::diag::Place, Region)> = BTreeMap::new();
    for row in &table.rows {
        let kind = match row.get(jenis_col).to_lowercase().as_str() {
            "provinsi" => RegionKind::Provinsi,
            "kabupaten" => RegionKind::Kabupaten,
            "kota" => RegionKind::Kota,
            _ => {
                diag.push(
                    table
                        .problem(row, jenis_col, "jenis wilayah tidak dikenal")
                        .hint("isi provinsi, kabupaten atau kota"),
                );
                continue;
            }
        };
        let code = match kind {
            RegionKind::Provinsi => codes::province(row.get(kode_col)),
            _ => codes::kabkota(row.get(kode_col)),
        };
        let code = match code {
            Ok(code) => code,
            Err(hint) => {
                diag.push(
                    table
                        .problem(row, kode_col, "kode wilayah tidak valid")
                        .hint(hint),
                );
                continue;
            }
        };
        if let Some(note) = &code.note {
            diag.push(warning(table, row, kode_col, note));
        }
        let nama = row.get(nama_col);
        if nama.is_empty() {
            diag.push(
                table
                    .problem(row, nama_col, "nama wilayah kosong")
                    .hint("isi nama wilayah"),
            );
            continue;
        }
        if let Some((first, _)) = by_code.get(&code.text) {
            diag.push(
                table
                    .problem(row, kode_col, "kode wilayah ganda")
                    .hint(format!("kode ini sudah dipakai di {}", describe(first))),
            );
            continue;
        }
        let region = Region {
            kode: code.text.clone(),
            nama: nama.to_string(),
            kind,
        };
        by_code.insert(code.text, (table.place(row, Some(kode_col)), region));
    }
    for (place, region) in by_code.values() {
        if !region.is_province() && !by_code.contains_key(region.province_code()) {
            diag.push(
                Problem::error(&table.file, "provinsi dari kab/kota ini tidak ada")
                    .at(place.clone())
                    .field("kode")
                    .value(&region.kode)
                    .hint(format!(
                        "tambahkan baris provinsi dengan kode {}",
                        region.province_code()
                    )),
            );
        }
    }
    by_code.into_values().map(|(_, r)| r).collect()
}

/// A warning at a cell whose value was read differently from how it was written.
pub fn warning(table: &Table, row: &super::table::Row, column: usize, note: &str) -> Problem {
    let mut p = table.problem(row, column, note);
    p.severity = crate::diag::Severity::Warning;
    p
}

/// `baris 3` or `Sheet1!A3`, for hints that point at another row.
pub fn describe(place: &crate::diag::Place) -> String {
    match place {
        crate::diag::Place::Line(line) => format!("baris {line}"),
        crate::diag::Place::Cell(cell) => cell.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(csv: &str) -> (Vec<Region>, Diagnostics) {
        let t = Table::parse_csv(csv.as_bytes(), "wilayah.csv").unwrap();
        let mut d = Diagnostics::default();
        (read_regions(&t, &mut d), d)
    }

    #[test]
    fn reads_and_sorts() {
        let (r, d) = read("kode,nama,jenis\n14.71,Kota Pekanbaru,kota\n14,Riau,provinsi\n");
        assert!(d.problems.is_empty());
        assert_eq!(r[0].kode, "14");
        assert_eq!(r[1].province_code(), "14");
    }

    #[test]
    fn undotted_code_is_read_with_a_warning() {
        let (r, d) = read("kode,nama,jenis\n14,Riau,provinsi\n1403,Bengkalis,kabupaten\n");
        assert_eq!(r[1].kode, "14.03");
        let p = &d.problems[0];
        assert_eq!(p.severity, crate::diag::Severity::Warning);
        assert_eq!((p.line, p.field.as_deref()), (Some(3), Some("kode")));
        assert!(p.message.contains("14.03"));
    }

    #[test]
    fn missing_province_and_duplicates() {
        let (_, d) = read("kode,nama,jenis\n14.01,A,kabupaten\n14.01,B,kabupaten\n");
        assert_eq!(d.error_count(), 2);
    }
}
