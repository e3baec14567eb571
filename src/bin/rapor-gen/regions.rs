//! Regions read from `wilayah.csv` and the per-district school counts of a programme.

use crate::schools::District;
use serde::Deserialize;
use std::io::Read;

/// One row of `wilayah.csv` (`kode,nama,jenis`; Kemendagri dotted codes).
#[derive(Debug, Clone, Deserialize)]
pub struct Region {
    pub kode: String,
    pub nama: String,
    pub jenis: String,
}

/// How many model and imbas schools a programme has in one kab/kota.
#[derive(Debug, Clone, Copy)]
pub struct Quota {
    pub kode: &'static str,
    pub models: usize,
    pub imbas: usize,
}

const fn quota(kode: &'static str, models: usize, imbas: usize) -> Quota {
    Quota {
        kode,
        models,
        imbas,
    }
}

/// LPMP Riau's coached schools, October 2020 (DOMAIN.md section 6): 240 model, 960 imbas.
pub const RIAU: [Quota; 12] = [
    quota("14.01", 34, 113), // Kampar
    quota("14.02", 25, 93),  // Indragiri Hulu
    quota("14.03", 21, 88),  // Bengkalis
    quota("14.04", 16, 60),  // Indragiri Hilir
    quota("14.05", 15, 63),  // Pelalawan
    quota("14.06", 22, 88),  // Rokan Hulu
    quota("14.07", 21, 85),  // Rokan Hilir
    quota("14.08", 20, 89),  // Siak
    quota("14.09", 13, 60),  // Kuantan Singingi
    quota("14.10", 15, 57),  // Kepulauan Meranti
    quota("14.71", 28, 125), // Pekanbaru
    quota("14.72", 10, 39),  // Dumai
];

pub fn read_regions<R: Read>(reader: R) -> Result<Vec<Region>, csv::Error> {
    csv::Reader::from_reader(reader).deserialize().collect()
}

/// "Kabupaten Indragiri Hilir" → "Indragiri Hilir", "Kota Dumai" → "Dumai" (as used in names
/// like "SD Negeri 012 Indragiri Hilir").
pub fn short_name(nama: &str) -> &str {
    ["Kabupaten ", "Kota "]
        .iter()
        .find_map(|prefix| nama.strip_prefix(prefix))
        .unwrap_or(nama)
}

/// Joins quotas with their regions; every quota must name a kab/kota present in `regions`, and
/// each model school needs at least one imbas school to coach.
pub fn districts(regions: &[Region], quotas: &[Quota]) -> Result<Vec<District>, String> {
    quotas
        .iter()
        .map(|q| {
            let region = regions
                .iter()
                .find(|r| r.kode == q.kode)
                .ok_or_else(|| format!("region {} is not in wilayah.csv", q.kode))?;
            if !matches!(region.jenis.as_str(), "kabupaten" | "kota") {
                return Err(format!(
                    "region {} is a {}, not a kab/kota",
                    q.kode, region.jenis
                ));
            }
            if q.models == 0 || q.imbas < q.models {
                return Err(format!(
                    "region {}: need ≥1 model and ≥1 imbas per model",
                    q.kode
                ));
            }
            Ok(District {
                kode: q.kode.to_string(),
                short_name: short_name(&region.nama).to_string(),
                models: q.models,
                imbas: q.imbas,
            })
        })
        .collect()
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// The committed input, so tests see the same districts as the real run.
    pub fn riau_regions() -> Vec<Region> {
        read_regions(include_str!("../../../content/data/wilayah.csv").as_bytes()).unwrap()
    }

    #[test]
    fn riau_table_totals_match_the_domain_notes() {
        assert_eq!(RIAU.iter().map(|q| q.models).sum::<usize>(), 240);
        assert_eq!(RIAU.iter().map(|q| q.imbas).sum::<usize>(), 960);
    }

    #[test]
    fn riau_quotas_cover_all_kab_kota_of_the_province() {
        let regions = riau_regions();
        let kabkota: Vec<&str> = regions
            .iter()
            .filter(|r| r.kode.starts_with("14.") && r.jenis != "provinsi")
            .map(|r| r.kode.as_str())
            .collect();
        assert_eq!(kabkota.len(), 12);
        for kode in kabkota {
            assert!(RIAU.iter().any(|q| q.kode == kode), "{kode} has no quota");
        }
        let d = districts(&regions, &RIAU).unwrap();
        let pelalawan = d.iter().find(|d| d.kode == "14.05").unwrap();
        assert_eq!(pelalawan.short_name, "Pelalawan");
    }

    #[test]
    fn short_names_drop_the_kind() {
        assert_eq!(short_name("Kabupaten Indragiri Hilir"), "Indragiri Hilir");
        assert_eq!(short_name("Kota Dumai"), "Dumai");
        assert_eq!(short_name("Riau"), "Riau");
    }

    #[test]
    fn unknown_region_is_an_error() {
        let err = districts(&riau_regions(), &[quota("14.99", 1, 4)]).unwrap_err();
        assert!(err.contains("14.99"));
        assert!(districts(&riau_regions(), &[quota("14", 1, 4)]).is_err());
        assert!(districts(&riau_regions(), &[quota("14.01", 5, 4)]).is_err());
    }
}
