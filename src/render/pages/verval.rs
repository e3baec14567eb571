//! The data-quality page (verval): per kab/kota, how many schools have complete, partial or
//! no data in the latest year, and the warnings of `rapor check` that concern its schools,
//! each linked to the school.

use super::base;
use crate::plan::{paths, Page};
use crate::render::download::{Cell, Column, Dataset, Downloads};
use crate::render::view::SiteView;
use crate::verval;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use tera::Context;

/// The summary table: per kab/kota, schools with complete, partial and no data, warnings.
fn summary_dataset(view: &SiteView, regions: &[Value]) -> Dataset {
    let keys = ["schools", "complete", "partial", "missing", "warnings"];
    let mut dataset = Dataset::new(
        "kelengkapan",
        view.word("verval_ringkasan"),
        [
            ("kode", "kode"),
            ("wilayah", "wilayah"),
            ("jumlah_sekolah", "jumlah_sekolah"),
            ("data_lengkap", "data_lengkap"),
            ("data_sebagian", "data_sebagian"),
            ("data_tidak_ada", "data_tidak_ada"),
            ("peringatan", "peringatan"),
        ]
        .iter()
        .map(|(key, word)| Column::new(*key, view.word(word)))
        .collect(),
    );
    for r in regions {
        let mut row = vec![
            Cell::text(r["kode"].as_str().unwrap_or_default()),
            Cell::text(r["nama"].as_str().unwrap_or_default()),
        ];
        row.extend(
            keys.iter()
                .map(|k| Cell::Count(r[*k].as_u64().unwrap_or(0) as usize)),
        );
        dataset.rows.push(row);
    }
    dataset
}

/// Every school with missing or partial data or a warning, with its kab/kota.
fn flagged_dataset(view: &SiteView, regions: &[Value]) -> Dataset {
    let mut dataset = Dataset::new(
        "sekolah",
        format!("{}: {}", view.word("verval_judul"), view.word("sekolah")),
        [
            ("kode_wilayah", "kode"),
            ("wilayah", "wilayah"),
            ("npsn", "npsn"),
            ("nama", "nama"),
            ("data", "data"),
            ("peringatan", "peringatan"),
        ]
        .iter()
        .map(|(key, word)| Column::new(*key, view.word(word)))
        .collect(),
    );
    for r in regions {
        for s in r["flagged"].as_array().into_iter().flatten() {
            let warnings: Vec<&str> = s["warnings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            dataset.rows.push(vec![
                Cell::text(r["kode"].as_str().unwrap_or_default()),
                Cell::text(r["nama"].as_str().unwrap_or_default()),
                Cell::text(s["npsn"].as_str().unwrap_or_default()),
                Cell::text(s["nama"].as_str().unwrap_or_default()),
                Cell::text(s["data"].as_str().unwrap_or_default()),
                Cell::text(warnings.join(" | ")),
            ]);
        }
    }
    dataset
}

/// A school's data in the latest year.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Completeness {
    Complete,
    Partial,
    Missing,
}

pub fn context(view: &SiteView, page: &Page, out: &mut Downloads) -> Context {
    let data = view.data;
    let (mut ctx, linker) = base(view, page, &view.word("verval_judul"));
    let findings = verval::check(data, &view.scores);
    let mut messages: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut general = Vec::new();
    for finding in &findings {
        match finding.school {
            Some(i) => messages
                .entry(i)
                .or_default()
                .push(finding.problem.message.clone()),
            None => general.push(finding.problem.to_string()),
        }
    }
    let year = view.latest_year();
    let completeness = |i: usize| match year.and_then(|y| view.scores.get(y, i)) {
        None => Completeness::Missing,
        Some(s) if s.indicators.iter().all(Option::is_some) => Completeness::Complete,
        Some(_) => Completeness::Partial,
    };
    let label = |c: Completeness| match c {
        Completeness::Complete => view.word("data_lengkap"),
        Completeness::Partial => view.word("data_sebagian"),
        Completeness::Missing => view.word("data_tidak_ada"),
    };
    let mut totals = [0usize; 4];
    let regions: Vec<Value> = data
        .regions
        .iter()
        .filter(|r| !r.is_province())
        .map(|region| {
            let list = view
                .schools_by_region
                .get(&region.kode)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let mut counts = [0usize; 4];
            let mut flagged = Vec::new();
            for &i in list {
                let c = completeness(i);
                counts[c as usize] += 1;
                let notes = messages.get(&i).cloned().unwrap_or_default();
                counts[3] += notes.len();
                if c != Completeness::Complete || !notes.is_empty() {
                    let s = &data.schools[i];
                    flagged.push(json!({
                        "nama": s.nama, "npsn": s.npsn,
                        "href": linker.to(&paths::school(&s.npsn)),
                        "data": label(c), "warnings": notes,
                    }));
                }
            }
            for (t, c) in totals.iter_mut().zip(counts) {
                *t += c;
            }
            json!({
                "kode": region.kode, "nama": region.nama,
                "href": linker.to(&paths::region(&region.kode)),
                "schools": list.len(), "complete": counts[0], "partial": counts[1],
                "missing": counts[2], "warnings": counts[3], "flagged": flagged,
            })
        })
        .collect();
    out.add(&summary_dataset(view, &regions));
    out.add(&flagged_dataset(view, &regions));
    ctx.insert("regions", &regions);
    ctx.insert(
        "totals",
        &json!({"schools": data.schools.len(), "complete": totals[0], "partial": totals[1],
                "missing": totals[2], "warnings": totals[3]}),
    );
    ctx.insert("general", &general);
    ctx
}
