//! Rules that cross files: a school's region exists, an imbas school's model school is a model
//! school, scores belong to known schools, content names existing regions and schools.
//! Row-level rules (formats, ranges, duplicates) live with their readers in `load`.

use crate::diag::{Diagnostics, Problem};
use crate::model::{Doc, Peran, SiteData};
use rayon::prelude::*;

pub fn validate(data: &SiteData, diag: &mut Diagnostics) {
    let mut checks: Vec<fn(&SiteData, &mut Diagnostics)> =
        vec![check_school_regions, check_model_links];
    // Without a usable sekolah.csv every NPSN elsewhere would look unknown: report only the
    // table's own error.
    if data.schools_usable {
        checks.push(check_score_schools);
    }
    checks.push(check_content_refs);
    // The checks run side by side (each looks up every school); their problems are listed in
    // the order of the checks.
    let found: Vec<Diagnostics> = checks
        .par_iter()
        .map(|check| {
            let mut found = Diagnostics::default();
            check(data, &mut found);
            found
        })
        .collect();
    found.into_iter().for_each(|f| diag.extend(f));
}

fn example_kabkota(data: &SiteData) -> String {
    data.regions
        .iter()
        .find(|r| !r.is_province())
        .map(|r| format!(", mis. {}", r.kode))
        .unwrap_or_default()
}

fn check_school_regions(data: &SiteData, diag: &mut Diagnostics) {
    for school in &data.schools {
        let problem = match data.region(&school.kode_wilayah) {
            Some(r) if !r.is_province() => continue,
            Some(_) => "adalah kode provinsi; sekolah harus di kab/kota",
            None => "tidak ada di wilayah.csv",
        };
        if data.regions.is_empty() {
            continue; // wilayah.csv itself failed; its error says what to fix
        }
        diag.push(
            data.school_table
                .problem(school.line, "kode_wilayah", problem)
                .value(&school.kode_wilayah)
                .hint(format!("pilih kode kab/kota{}", example_kabkota(data))),
        );
    }
}

fn check_model_links(data: &SiteData, diag: &mut Diagnostics) {
    for school in &data.schools {
        let Some(model_npsn) = &school.sekolah_model else {
            continue;
        };
        let message = match data.school_index(model_npsn).map(|i| &data.schools[i]) {
            None if data.rejected_npsns.contains(model_npsn) => continue,
            None => "sekolah model tidak ada di sekolah.csv",
            Some(m) if m.peran != Peran::Model => "bukan sekolah model (peran-nya bukan model)",
            Some(_) => continue,
        };
        diag.push(
            data.school_table
                .problem(school.line, "sekolah_model", message)
                .value(model_npsn)
                .hint("isi NPSN sekolah yang berperan model"),
        );
    }
}

fn check_score_schools(data: &SiteData, diag: &mut Diagnostics) {
    for year in &data.years {
        for row in &year.rows {
            let from_raw = year
                .raw
                .as_ref()
                .is_some_and(|(_, n)| n.contains(&row.npsn));
            if !from_raw
                && data.school_index(&row.npsn).is_none()
                && !data.rejected_npsns.contains(&row.npsn)
            {
                diag.push(
                    year.info
                        .problem(row.line, "npsn", "NPSN tidak ada di sekolah.csv")
                        .value(&row.npsn)
                        .hint("tambahkan sekolahnya ke sekolah.csv atau hapus baris ini"),
                );
            }
        }
    }
}

fn check_content_refs(data: &SiteData, diag: &mut Diagnostics) {
    for doc in data.region_docs.values() {
        if data.region(&doc.stem).is_none() {
            diag.push(unknown_stem(doc, "kode wilayah", "14.03.md"));
        }
    }
    for doc in data.school_docs.values() {
        if data.school_index(&doc.stem).is_none() {
            diag.push(unknown_stem(doc, "NPSN", "10400001.md"));
        }
    }
    for article in &data.articles {
        for kode in &article.wilayah {
            if data.region(kode).is_none() {
                diag.push(unknown_ref(
                    &article.doc,
                    "wilayah",
                    kode,
                    "kode tidak ada di wilayah.csv",
                ));
            }
        }
        for npsn in &article.sekolah {
            let unknown = data.school_index(npsn).is_none() && !data.rejected_npsns.contains(npsn);
            if unknown && data.schools_usable {
                diag.push(unknown_ref(
                    &article.doc,
                    "sekolah",
                    npsn,
                    "NPSN tidak ada di sekolah.csv",
                ));
            }
        }
    }
}

fn unknown_stem(doc: &Doc, what: &str, example: &str) -> Problem {
    Problem::error(&doc.file, format!("nama file bukan {what} yang dikenal"))
        .value(&doc.stem)
        .hint(format!(
            "beri nama file dengan {what} yang ada, mis. {example}"
        ))
}

fn unknown_ref(doc: &Doc, field: &str, value: &str, message: &str) -> Problem {
    let mut p = Problem::error(&doc.file, message)
        .field(field)
        .value(value)
        .hint("perbaiki atau hapus dari daftar");
    p.line = doc.line_of(value);
    p
}
