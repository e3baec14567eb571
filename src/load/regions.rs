//! `content/data/wilayah.csv`: provinces and kab/kota with Kemendagri dotted codes.

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
    let mut by_code: BTreeMap<String, (usize, Region)> = BTreeMap::new();
    for row in &table.rows {
        let at = |field: &str, value: &str, message: &str| {
            Problem::error(&table.file, message)
                .line(row.line)
                .field(field)
                .value(value)
        };
        let kode = row.get(cols[0]);
        let nama = row.get(cols[1]);
        let jenis = row.get(cols[2]);
        let kind = match jenis.to_lowercase().as_str() {
            "provinsi" => RegionKind::Provinsi,
            "kabupaten" => RegionKind::Kabupaten,
            "kota" => RegionKind::Kota,
            _ => {
                diag.push(
                    at("jenis", jenis, "jenis wilayah tidak dikenal")
                        .hint("isi provinsi, kabupaten atau kota"),
                );
                continue;
            }
        };
        if let Err(hint) = check_code(kode, kind) {
            diag.push(at("kode", kode, "kode wilayah tidak valid").hint(hint));
            continue;
        }
        if nama.is_empty() {
            diag.push(at("nama", nama, "nama wilayah kosong").hint("isi nama wilayah"));
            continue;
        }
        if let Some((first_line, _)) = by_code.get(kode) {
            diag.push(
                at("kode", kode, "kode wilayah ganda")
                    .hint(format!("kode ini sudah dipakai di baris {first_line}")),
            );
            continue;
        }
        let region = Region {
            kode: kode.to_string(),
            nama: nama.to_string(),
            kind,
        };
        by_code.insert(kode.to_string(), (row.line, region));
    }
    for (line, region) in by_code.values() {
        if !region.is_province() && !by_code.contains_key(region.province_code()) {
            diag.push(
                Problem::error(&table.file, "provinsi dari kab/kota ini tidak ada")
                    .line(*line)
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

/// Province `NN`, kab/kota `NN.NN`; kota codes start at 71.
fn check_code(kode: &str, kind: RegionKind) -> Result<(), String> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match kind {
        RegionKind::Provinsi => digits(kode, 2),
        RegionKind::Kabupaten | RegionKind::Kota => match kode.split_once('.') {
            Some((p, k)) => digits(p, 2) && digits(k, 2),
            None => false,
        },
    };
    if ok {
        return Ok(());
    }
    if kind != RegionKind::Provinsi && digits(kode, 4) {
        return Err(format!(
            "pakai kode Kemendagri bertitik: {}.{}",
            &kode[..2],
            &kode[2..]
        ));
    }
    Err(match kind {
        RegionKind::Provinsi => "kode provinsi dua angka, mis. 14".into(),
        _ => "kode kab/kota bertitik, mis. 14.03".into(),
    })
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
    fn undotted_code_gets_a_hint() {
        let (_, d) = read("kode,nama,jenis\n14,Riau,provinsi\n1403,Bengkalis,kabupaten\n");
        let p = &d.problems[0];
        assert_eq!((p.line, p.field.as_deref()), (Some(3), Some("kode")));
        assert!(p.hint.as_deref().unwrap().contains("14.03"));
    }

    #[test]
    fn missing_province_and_duplicates() {
        let (_, d) = read("kode,nama,jenis\n14.01,A,kabupaten\n14.01,B,kabupaten\n");
        assert_eq!(d.error_count(), 2);
    }
}
