//! Home page: the site's scope, its score per standard with the change since the previous
//! year, the peta mutu, the analysis sections for the site as a whole (`findings`), its
//! kab/kota and the latest articles.

use super::figures::{map_figure, DistributionRow};
use super::findings::{insert_sections, Subject};
use super::{article_summary, base, category_counts, datasets, delta_cell, standard_means};
use crate::model::{Peran, Region};
use crate::plan::{paths, Page};
use crate::render::download::Downloads;
use crate::render::geo::Boundaries;
use crate::render::view::SiteView;
use serde_json::json;
use tera::Context;

/// How many articles the home page lists.
const LATEST_ARTICLES: usize = 5;

pub fn context(
    view: &SiteView,
    boundaries: &Boundaries,
    page: &Page,
    out: &mut Downloads,
) -> Context {
    let data = view.data;
    let (mut ctx, linker) = base(view, page, &data.config.title);
    let year = view.latest_year();
    let stats = year
        .and_then(|y| view.aggregates.site.get(y))
        .map(|r| &r.all);
    let previous = view
        .previous_year()
        .and_then(|y| view.aggregates.site.get(y))
        .map(|r| &r.all);
    let f = &data.framework;
    let region_row = |r: &Region| {
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
        json!({
            "kode": r.kode,
            "nama": r.nama,
            "href": linker.to(&paths::region(&r.kode)),
            "schools": g.map(|g| g.schools).unwrap_or(0),
            "model": g.map(|g| g.model).unwrap_or(0),
            "imbas": g.map(|g| g.imbas).unwrap_or(0),
            "total": view.numbers.mean(f, total),
            "delta": delta_cell(view, change),
        })
    };
    let province_regions: Vec<&Region> = data.regions.iter().filter(|r| r.is_province()).collect();
    let kabkota_regions: Vec<&Region> = data.regions.iter().filter(|r| !r.is_province()).collect();
    let provinces: Vec<_> = province_regions.iter().map(|r| region_row(r)).collect();
    let kabkota: Vec<_> = kabkota_regions.iter().map(|r| region_row(r)).collect();
    ctx.insert("provinces", &provinces);
    ctx.insert("kabkota", &kabkota);
    ctx.insert("standards", &standard_means(view, stats, previous));
    ctx.insert("total", &view.numbers.mean(f, stats.and_then(|g| g.total)));
    ctx.insert("categories", &category_counts(view, stats));
    ctx.insert(
        "counts",
        &json!({
            "schools": view.numbers.count(data.schools.len()),
            "model": view.numbers.count(data.schools.iter().filter(|s| s.peran == Peran::Model).count()),
            "imbas": view.numbers.count(data.schools.iter().filter(|s| s.peran == Peran::Imbas).count()),
            "regions": kabkota.len(),
        }),
    );
    // A one-province site maps and compares its kab/kota; a national site its provinces.
    let (compared, table) = if province_regions.len() > 1 {
        (&province_regions, "#tabel-provinsi")
    } else {
        (&kabkota_regions, "#tabel-kabkota")
    };
    out.add(&datasets::standard_means(view, stats, previous));
    out.add(&datasets::category_counts(view, stats));
    if province_regions.len() > 1 {
        out.add(&datasets::regions(
            view,
            "provinsi",
            view.word("provinsi"),
            &province_regions,
        ));
    }
    let kabkota_links = out.add(&datasets::regions(
        view,
        "kabkota",
        view.word("kabkota"),
        &kabkota_regions,
    ));
    let subject_name = view.word("seluruh_situs");
    let mut map = map_figure(view, boundaries, &linker, &subject_name, compared, table);
    if let Some(map) = map.as_mut() {
        let compared_links = out
            .links
            .get(if province_regions.len() > 1 {
                "provinsi"
            } else {
                "kabkota"
            })
            .unwrap_or(&kabkota_links)
            .clone();
        Downloads::link(map, &compared_links);
    }
    ctx.insert("map", &map);
    ctx.insert("site_downloads", &super::site_downloads(view, &linker));
    let rows: Vec<DistributionRow> = compared
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
            label: subject_name.clone(),
            href: String::new(),
            stats,
            strong: true,
        }])
        .collect();
    let subject = Subject {
        kode: None,
        name: &subject_name,
    };
    // Networks are listed on kab/kota pages; the whole site's list would be hundreds of rows.
    insert_sections(&mut ctx, view, &linker, &subject, &rows, &[], out);
    let latest: Vec<_> = (0..data.articles.len().min(LATEST_ARTICLES))
        .map(|i| article_summary(view, &linker, i))
        .collect();
    ctx.insert("articles", &latest);
    ctx
}
