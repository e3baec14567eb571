//! Pages written in markdown: the dissemination list and articles, the methodology page (its
//! scale and category tables come from the framework, never typed), and free pages.

use super::{article_summary, base};
use crate::plan::{paths, Page, METHODOLOGY_SLUG};
use crate::render::download::Downloads;
use crate::render::markdown;
use crate::render::view::SiteView;
use serde_json::{json, Value};
use tera::Context;

/// `2020-10-15` as `15 Oktober 2020` in the site's language.
pub fn long_date(view: &SiteView, iso: &str) -> String {
    let mut parts = iso.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let month = view.word(&format!("bulan_{}", m.trim_start_matches('0')));
    format!("{} {month} {y}", d.trim_start_matches('0'))
}

pub fn article_list(view: &SiteView, page: &Page) -> Context {
    let (mut ctx, linker) = base(view, page, &view.word("kegiatan"));
    let list: Vec<Value> = (0..view.data.articles.len())
        .map(|i| article_summary(view, &linker, i))
        .collect();
    ctx.insert("articles", &list);
    ctx
}

pub fn article(view: &SiteView, page: &Page, index: usize, out: &mut Downloads) -> Context {
    let data = view.data;
    let a = &data.articles[index];
    let (mut ctx, linker) = base(view, page, &a.judul);
    let regions: Vec<Value> = a
        .wilayah
        .iter()
        .filter_map(|k| data.region(k))
        .map(|r| json!({"label": r.nama, "href": linker.to(&paths::region(&r.kode))}))
        .collect();
    let schools: Vec<Value> = a
        .sekolah
        .iter()
        .filter_map(|n| data.school_index(n))
        .map(|i| {
            let s = &data.schools[i];
            json!({"label": s.nama, "npsn": s.npsn, "href": linker.to(&paths::school(&s.npsn))})
        })
        .collect();
    let tables: Vec<Value> = a
        .tables
        .iter()
        .enumerate()
        .map(|(number, t)| {
            let links = out.add(&super::datasets::article_table(number, t));
            let count = |cells: &Vec<String>| -> Vec<String> {
                cells
                    .iter()
                    .zip(&t.numeric)
                    .map(|(c, &num)| match (num, c.parse::<usize>()) {
                        (true, Ok(n)) => view.numbers.count(n),
                        _ => c.clone(),
                    })
                    .collect()
            };
            json!({
                "title": t.title,
                "headers": t.headers,
                "numeric": t.numeric,
                "rows": t.rows.iter().map(count).collect::<Vec<_>>(),
                "total_row": t.total_row.as_ref().map(count),
                "downloads": links,
            })
        })
        .collect();
    ctx.insert(
        "article",
        &json!({
            "judul": a.judul,
            "tanggal": a.tanggal,
            "tanggal_teks": long_date(view, &a.tanggal),
            "tempat": a.tempat,
            "ringkasan": a.ringkasan,
            "tags": a.tags,
            "body": markdown::to_html(&a.doc.body),
            "tables": tables,
            "regions": regions,
            "schools": schools,
        }),
    );
    ctx
}

pub fn methodology(view: &SiteView, page: &Page, out: &mut Downloads) -> Context {
    let data = view.data;
    let f = &data.framework;
    let doc = data.pages.iter().find(|p| p.slug == METHODOLOGY_SLUG);
    let title = doc
        .map(|d| d.judul.clone())
        .unwrap_or_else(|| view.word("metodologi"));
    let (mut ctx, linker) = base(view, page, &title);
    out.add(&super::datasets::scale(view));
    ctx.insert("site_downloads", &super::site_downloads(view, &linker));
    let categories: Vec<Value> = f
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({"name": f.category_name_in(view.lang.code, i), "level": i + 1, "stars": c.stars,
                   "min": view.numbers.number(c.min), "max": view.numbers.number(c.max)})
        })
        .collect();
    let standards: Vec<Value> = f
        .standards
        .iter()
        .map(|s| {
            json!({"code": s.code, "name": s.name, "short": s.short,
                   "indicators": s.indicators.iter().map(|i| json!({"code": i.code, "name": i.name})).collect::<Vec<_>>()})
        })
        .collect();
    ctx.insert(
        "framework",
        &json!({
            "name": f.name,
            "description": f.description,
            "min": view.numbers.number(f.scale.min),
            "max": view.numbers.number(f.scale.max),
            "decimals": f.scale.decimals,
            "categories": categories,
            "standards": standards,
            "indicator_count": f.indicator_count(),
        }),
    );
    ctx.insert("body", &doc.map(|d| markdown::to_html(&d.doc.body)));
    ctx
}

pub fn free_page(view: &SiteView, page: &Page, index: usize) -> Context {
    let p = &view.data.pages[index];
    let (mut ctx, _) = base(view, page, &p.judul);
    ctx.insert("body", &markdown::to_html(&p.doc.body));
    ctx
}

/// The 404 page. A web server shows it at the address of any missing path, so its links can't
/// be relative to where it is written. With `base_url` they are absolute (`base` builds them
/// so); without it they are written relative to the page's own folder, and a small inline
/// script finds the site root in the address (the first of the site's top folders, within
/// the site's depth, else the missing path's folder) and sets `<base href>` before anything
/// loads. From file:// the page is only ever opened as itself, and the script does nothing.
pub fn not_found(view: &SiteView, page: &Page) -> Context {
    let (mut ctx, _) = base(view, page, &view.word("tidak_ditemukan"));
    if view.data.config.base_url().is_none() {
        let samples = [
            paths::region("x"),
            paths::school("x"),
            paths::network("x"),
            paths::ARTICLES.to_string(),
            paths::page("x"),
            paths::VERVAL.to_string(),
            paths::COMPARE.to_string(),
            paths::year_download(2000, "csv"),
            paths::ASSETS.to_string(),
        ];
        let mut folders: Vec<String> = samples
            .iter()
            .filter_map(|p| p.split_once('/').map(|(top, _)| top.to_string()))
            .chain(
                view.languages
                    .iter()
                    .filter(|(l, _)| !l.subtree.is_empty())
                    .map(|(l, _)| l.subtree.trim_end_matches('/').to_string()),
            )
            .collect();
        folders.sort();
        folders.dedup();
        // The deepest page: `en/wilayah/<kode>/index.html` sits three folders down.
        let depth = samples
            .iter()
            .map(|p| p.matches('/').count())
            .max()
            .unwrap_or(0)
            + usize::from(view.languages.len() > 1);
        ctx.insert(
            "find_root",
            &json!({
                "folders": crate::render::download::json_for_html(&json!(folders)),
                "depth": depth,
                "here": page.lang.subtree,
            }),
        );
    }
    ctx
}
