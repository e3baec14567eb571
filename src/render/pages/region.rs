//! A province or kab/kota page: means per standard, schools per category, model/imbas counts,
//! its kab/kota (for a province), its schools, narrative and linked articles.

use super::{article_links, base, category_counts, school_row, standard_means};
use crate::model::RegionKind;
use crate::plan::{paths, Page};
use crate::render::markdown;
use crate::render::view::SiteView;
use serde_json::json;
use tera::Context;

pub fn context(view: &SiteView, page: &Page, index: usize) -> Context {
    let data = view.data;
    let f = &data.framework;
    let region = &data.regions[index];
    let (mut ctx, linker) = base(view, page, &region.nama);
    let year = view.latest_year();
    let stats = year.and_then(|y| view.aggregates.region(y, &region.kode));
    let all = stats.map(|s| &s.all);
    let kind = match region.kind {
        RegionKind::Provinsi => view.word("provinsi"),
        RegionKind::Kabupaten => view.word("kabupaten"),
        RegionKind::Kota => view.word("kota"),
    };
    let parent = (!region.is_province())
        .then(|| data.region(region.province_code()))
        .flatten()
        .map(|p| json!({"nama": p.nama, "href": linker.to(&paths::region(&p.kode))}));
    ctx.insert(
        "region",
        &json!({"kode": region.kode, "nama": region.nama, "kind": kind, "parent": parent,
                "is_province": region.is_province()}),
    );
    ctx.insert("standards", &standard_means(view, all));
    ctx.insert("total", &view.numbers.mean(f, all.and_then(|g| g.total)));
    ctx.insert("categories", &category_counts(view, all));
    ctx.insert(
        "counts",
        &json!({
            "schools": all.map(|g| g.schools).unwrap_or(0),
            "model": all.map(|g| g.model).unwrap_or(0),
            "imbas": all.map(|g| g.imbas).unwrap_or(0),
        }),
    );
    let by_jenjang: Vec<_> = stats
        .map(|s| {
            s.by_jenjang
                .iter()
                .map(|(j, g)| {
                    json!({"jenjang": j.as_str(), "schools": g.schools,
                           "total": view.numbers.mean(f, g.total)})
                })
                .collect()
        })
        .unwrap_or_default();
    ctx.insert("by_jenjang", &by_jenjang);
    let children: Vec<_> =
        if region.is_province() {
            data.regions
            .iter()
            .filter(|r| !r.is_province() && r.province_code() == region.kode)
            .map(|r| {
                let g = year.and_then(|y| view.aggregates.region(y, &r.kode)).map(|s| &s.all);
                json!({"kode": r.kode, "nama": r.nama, "href": linker.to(&paths::region(&r.kode)),
                       "schools": g.map(|g| g.schools).unwrap_or(0),
                       "total": view.numbers.mean(f, g.and_then(|g| g.total))})
            })
            .collect()
        } else {
            Vec::new()
        };
    ctx.insert("children", &children);
    let schools: Vec<_> = view
        .schools_by_region
        .get(&region.kode)
        .map(|list| {
            list.iter()
                .map(|&i| school_row(view, &linker, i, year))
                .collect()
        })
        .unwrap_or_default();
    ctx.insert("schools", &schools);
    let doc = data.region_docs.get(&region.kode);
    ctx.insert("narrative_title", &doc.and_then(|d| d.title.clone()));
    ctx.insert("narrative", &doc.map(|d| markdown::to_html(&d.body)));
    ctx.insert(
        "articles",
        &article_links(view, &linker, view.articles_by_region.get(&region.kode)),
    );
    ctx
}
