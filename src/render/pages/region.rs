//! A province or kab/kota page: means per standard with their change, schools per category,
//! model/imbas counts, the peta mutu of a province's kab/kota, the analysis sections
//! (`findings`), its kab/kota (for a province), its schools, narrative and linked articles.

use super::datasets;
use super::figures::{map_figure, DistributionRow};
use super::findings::{insert_sections, Subject};
use super::score_downloads;
use super::{article_links, base, category_counts, school_row, standard_means, RegionLink};
use crate::model::{Jenjang, Peran, RegionKind};
use crate::plan::{paths, Page};
use crate::render::download::Downloads;
use crate::render::format::{DeltaCell, ScoreCell};
use crate::render::geo::Boundaries;
use crate::render::markdown;
use crate::render::view::SiteView;
use crate::score::aggregate::group_stats;
use serde::Serialize;
use tera::Context;

// Structs, not `json!`: a JSON value would be turned into a template value again.
#[derive(Serialize)]
struct RegionInfo<'a> {
    kode: &'a str,
    nama: &'a str,
    kind: String,
    parent: Option<RegionLink<'a>>,
    is_province: bool,
}

#[derive(Serialize)]
struct Counts {
    schools: usize,
    model: usize,
    imbas: usize,
}

#[derive(Serialize)]
struct JenjangRow<'a> {
    jenjang: &'a str,
    schools: usize,
    total: ScoreCell<'a>,
}

/// A kab/kota of a province.
#[derive(Serialize)]
struct ChildRow<'a> {
    kode: &'a str,
    nama: &'a str,
    href: String,
    schools: usize,
    total: ScoreCell<'a>,
    delta: DeltaCell,
}

pub fn context<'v>(
    view: &SiteView<'v>,
    boundaries: &Boundaries,
    page: &Page,
    index: usize,
    out: &mut Downloads,
) -> Context {
    let data = view.data;
    let f = &data.framework;
    let region = &data.regions[index];
    let (mut ctx, linker) = base(view, page, &region.nama);
    let year = view.latest_year();
    let stats = year.and_then(|y| view.aggregates.region(y, &region.kode));
    let previous = view
        .previous_year()
        .and_then(|y| view.aggregates.region(y, &region.kode));
    let all = stats.map(|s| &s.all);
    let kind = match region.kind {
        RegionKind::Provinsi => view.word("provinsi"),
        RegionKind::Kabupaten => view.word("kabupaten"),
        RegionKind::Kota => view.word("kota"),
    };
    let parent = (!region.is_province())
        .then(|| data.region(region.province_code()))
        .flatten()
        .map(|p| RegionLink::new(&linker, p));
    ctx.insert(
        "region",
        &RegionInfo {
            kode: &region.kode,
            nama: &region.nama,
            kind,
            parent,
            is_province: region.is_province(),
        },
    );
    ctx.insert(
        "standards",
        &standard_means(view, all, previous.map(|s| &s.all)),
    );
    ctx.insert("total", &view.numbers.mean(f, all.and_then(|g| g.total)));
    ctx.insert("categories", &category_counts(view, all));
    ctx.insert(
        "counts",
        &Counts {
            schools: all.map(|g| g.schools).unwrap_or(0),
            model: all.map(|g| g.model).unwrap_or(0),
            imbas: all.map(|g| g.imbas).unwrap_or(0),
        },
    );
    let by_jenjang: Vec<_> = stats
        .map(|s| {
            s.by_jenjang
                .iter()
                .map(|(j, g)| JenjangRow {
                    jenjang: j.as_str(),
                    schools: g.schools,
                    total: view.numbers.mean(f, g.total),
                })
                .collect()
        })
        .unwrap_or_default();
    ctx.insert("by_jenjang", &by_jenjang);
    out.add(&datasets::standard_means(
        view,
        all,
        previous.map(|s| &s.all),
    ));
    out.add(&datasets::category_counts(view, all));
    if let Some(stats) = stats.filter(|s| !s.by_jenjang.is_empty()) {
        out.add(&datasets::by_jenjang(view, stats));
    }
    let child_regions: Vec<_> = if region.is_province() {
        data.regions
            .iter()
            .filter(|r| !r.is_province() && r.province_code() == region.kode)
            .collect()
    } else {
        Vec::new()
    };
    let children: Vec<_> = child_regions
        .iter()
        .map(|r| {
            let g = year
                .and_then(|y| view.aggregates.region(y, &r.kode))
                .map(|s| &s.all);
            let before = view
                .previous_year()
                .and_then(|y| view.aggregates.region(y, &r.kode))
                .and_then(|s| s.all.total);
            let total = g.and_then(|g| g.total);
            let change =
                crate::score::analysis::delta(f, before.map(|m| m.mean), total.map(|m| m.mean));
            ChildRow {
                kode: &r.kode,
                nama: &r.nama,
                href: linker.to(&paths::region(&r.kode)),
                schools: g.map(|g| g.schools).unwrap_or(0),
                total: view.numbers.mean(f, total),
                delta: super::delta_cell(view, change),
            }
        })
        .collect();
    ctx.insert("children", &children);
    if region.is_province() {
        let links = out.add(&datasets::regions(
            view,
            "kabkota",
            view.word("kabkota"),
            &child_regions,
        ));
        let mut map = map_figure(
            view,
            boundaries,
            &linker,
            &region.nama,
            &child_regions,
            "#tabel-kabkota",
        );
        if let Some(map) = map.as_mut() {
            Downloads::link(map, &links);
        }
        ctx.insert("map", &map);
    }
    let school_list: &[usize] = view
        .schools_by_region
        .get(&region.kode)
        .map(Vec::as_slice)
        .unwrap_or_default();
    // A province compares its kab/kota; a kab/kota its groups: all, model, imbas, each jenjang.
    let group_rows: Vec<(String, crate::score::aggregate::GroupStats)> = match year {
        Some(y) if !region.is_province() => kabkota_groups(view, school_list)
            .into_iter()
            .map(|(label, list)| (label, group_stats(data, &view.scores, y, &list)))
            .collect(),
        _ => Vec::new(),
    };
    let rows: Vec<DistributionRow> = if region.is_province() {
        child_regions
            .iter()
            .map(|r| DistributionRow {
                label: r.nama.clone(),
                href: linker.to(&paths::region(&r.kode)),
                stats: year
                    .and_then(|y| view.aggregates.region(y, &r.kode))
                    .map(|s| &s.all),
                strong: false,
            })
            .chain([DistributionRow {
                label: region.nama.clone(),
                href: String::new(),
                stats: all,
                strong: true,
            }])
            .collect()
    } else {
        group_rows
            .iter()
            .enumerate()
            .map(|(i, (label, g))| DistributionRow {
                label: label.clone(),
                href: String::new(),
                stats: Some(g),
                strong: i == 0,
            })
            .collect()
    };
    let subject = Subject {
        kode: Some(&region.kode),
        name: &region.nama,
    };
    // Networks are listed where their schools are: on kab/kota pages.
    let network_schools = if region.is_province() {
        &[][..]
    } else {
        school_list
    };
    insert_sections(
        &mut ctx,
        view,
        &linker,
        &subject,
        &rows,
        network_schools,
        out,
    );
    out.add(&datasets::schools(
        view,
        "sekolah",
        format!("{}: {}", view.word("daftar_sekolah"), region.nama),
        school_list,
    ));
    if !region.is_province() {
        out.add(&score_downloads::region_school_scores(
            view,
            region,
            school_list,
        ));
    }
    // A province of thousands of schools lists them on its kab/kota pages, not in a page of
    // megabytes (rows are about 350 bytes each); its download holds them all.
    let listed =
        !region.is_province() || school_list.len() <= data.config.daftar_sekolah_provinsi_maks;
    let shown = if listed { school_list } else { &[] };
    let schools: Vec<_> = shown
        .iter()
        .map(|&i| school_row(view, &linker, i, year))
        .collect();
    ctx.insert("schools", &schools);
    ctx.insert("schools_listed", &listed);
    let doc = data.region_docs.get(&region.kode);
    ctx.insert("narrative_title", &doc.and_then(|d| d.title.clone()));
    ctx.insert("narrative", &doc.map(|d| markdown::to_html(&d.body)));
    ctx.insert(
        "articles",
        &article_links(view, &linker, view.articles_by_region.get(&region.kode)),
    );
    ctx
}

/// A kab/kota's school groups for the category distribution: all, model, imbas, each jenjang.
fn kabkota_groups(view: &SiteView, schools: &[usize]) -> Vec<(String, Vec<usize>)> {
    let data = view.data;
    let mut groups = vec![(view.word("semua_sekolah"), schools.to_vec())];
    for (peran, word) in [(Peran::Model, "peran_model"), (Peran::Imbas, "peran_imbas")] {
        let list: Vec<usize> = schools
            .iter()
            .copied()
            .filter(|&i| data.schools[i].peran == peran)
            .collect();
        if !list.is_empty() {
            groups.push((view.word(word), list));
        }
    }
    for jenjang in Jenjang::ALL {
        let list: Vec<usize> = schools
            .iter()
            .copied()
            .filter(|&i| data.schools[i].jenjang == jenjang)
            .collect();
        if !list.is_empty() {
            groups.push((jenjang.as_str().to_string(), list));
        }
    }
    groups
}
