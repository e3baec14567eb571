//! Home page: the site's scope, its score per standard, its kab/kota and the latest articles.

use super::{article_summary, base, category_counts, standard_means};
use crate::model::Peran;
use crate::plan::{paths, Page};
use crate::render::view::SiteView;
use serde_json::json;
use tera::Context;

/// How many articles the home page lists.
const LATEST_ARTICLES: usize = 5;

pub fn context(view: &SiteView, page: &Page) -> Context {
    let data = view.data;
    let (mut ctx, linker) = base(view, page, &data.config.title);
    let year = view.latest_year();
    let stats = year
        .and_then(|y| view.aggregates.site.get(y))
        .map(|r| &r.all);
    let f = &data.framework;
    let region_row = |r: &crate::model::Region| {
        let g = year
            .and_then(|y| view.aggregates.region(y, &r.kode))
            .map(|s| &s.all);
        json!({
            "kode": r.kode,
            "nama": r.nama,
            "href": linker.to(&paths::region(&r.kode)),
            "schools": g.map(|g| g.schools).unwrap_or(0),
            "model": g.map(|g| g.model).unwrap_or(0),
            "imbas": g.map(|g| g.imbas).unwrap_or(0),
            "total": view.numbers.mean(f, g.and_then(|g| g.total)),
        })
    };
    let provinces: Vec<_> = data
        .regions
        .iter()
        .filter(|r| r.is_province())
        .map(region_row)
        .collect();
    let kabkota: Vec<_> = data
        .regions
        .iter()
        .filter(|r| !r.is_province())
        .map(region_row)
        .collect();
    ctx.insert("provinces", &provinces);
    ctx.insert("kabkota", &kabkota);
    ctx.insert("standards", &standard_means(view, stats));
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
    let latest: Vec<_> = (0..data.articles.len().min(LATEST_ARTICLES))
        .map(|i| article_summary(view, &linker, i))
        .collect();
    ctx.insert("articles", &latest);
    ctx
}
