//! Per-page template contexts. `base` holds what every page has (site, words, navigation,
//! links to assets); the other modules add what their page kind shows.

pub mod content;
pub mod datasets;
pub mod figures;
pub mod findings;
pub mod home;
pub mod network;
pub mod region;
pub mod school;
pub mod school_tables;
pub mod score_downloads;
pub mod verval;

use super::format::{DeltaCell, ScoreCell};
use super::links::Linker;
use super::view::SiteView;
use crate::model::{Peran, Status};
use crate::plan::{paths, Page, PageKind};
use crate::score::aggregate::{GroupStats, Mean};
use serde::Serialize;
use serde_json::{json, Value};
use tera::Context;

/// A link as templates use it.
#[derive(Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// A region as a page links to it (`school.region`, a region's `parent`…).
#[derive(Serialize)]
pub struct RegionLink<'a> {
    pub nama: &'a str,
    pub href: String,
}

impl<'a> RegionLink<'a> {
    pub fn new(linker: &Linker, region: &'a crate::model::Region) -> RegionLink<'a> {
        RegionLink {
            nama: &region.nama,
            href: linker.to(&paths::region(&region.kode)),
        }
    }
}

/// Context every page starts from.
pub fn base(view: &SiteView, page: &Page, title: &str) -> (Context, Linker) {
    let data = view.data;
    let linker = match (page.kind, data.config.base_url()) {
        (PageKind::NotFound, Some(base_url)) => Linker::absolute(&base_url, page.lang),
        _ => Linker::for_page(page),
    };
    let mut ctx = Context::new();
    ctx.insert("lang", page.lang.code);
    // Data (names, narratives, the framework's texts) is written in the main language: a page
    // in another language marks it with this `lang` (WCAG 3.1.2).
    let content_lang = (page.lang.code != data.config.language).then_some(&data.config.language);
    ctx.insert("content_lang", &content_lang);
    ctx.insert("languages", &language_links(view, page, &linker));
    ctx.insert_value("site", site_value(view).clone());
    ctx.insert_value("t", view.words_value.clone());
    ctx.insert("title", title);
    let (links, nav) = links_and_nav(view, page, &linker);
    ctx.insert_value("links", links);
    ctx.insert_value("nav", nav);
    if let Some(y) = view.latest_year() {
        ctx.insert("year", &view.scores.years[y]);
    }
    (ctx, linker)
}

/// `site` of every page of a view's language (made once).
pub fn site_value<'v>(view: &'v SiteView) -> &'v tera::Value {
    let data = view.data;
    view.chrome.site.get_or_init(|| {
        tera::Value::from_serializable(&json!({
            "title": data.config.title,
            "description": data.config.description,
            "publisher": data.config.publisher,
            "synthetic": data.config.synthetic,
            "synthetic_note": data.config.synthetic_note,
            "framework": data.framework.name,
            "unit": data.framework.unit_heading_in(view.lang.code),
            "unit_label": data.framework.unit_label_in(view.lang.code),
            // Values shown as category labels only (Rapor Pendidikan): no differences in numbers.
            "labels": data.framework.display == crate::framework::Display::Label,
        }))
    })
}

/// The whole site's downloads, one CSV (in the page's language) and one JSON per year.
pub fn site_downloads(view: &SiteView, linker: &Linker) -> Vec<Value> {
    view.scores
        .years
        .iter()
        .map(|&year| {
            json!({
                "year": year,
                "csv": linker.to(&paths::year_download(year, "csv")),
                "json": linker.root(&paths::year_download(year, "json")),
            })
        })
        .collect()
}

/// The same page in each other language of the site, named in that language's own words.
fn language_links(view: &SiteView, page: &Page, linker: &Linker) -> Vec<Value> {
    view.languages
        .iter()
        .filter(|(lang, _)| *lang != page.lang)
        .map(|(lang, name)| {
            json!({
                "code": lang.code,
                "name": name,
                "href": linker.root(&format!("{}{}", lang.subtree, page.site_path())),
            })
        })
        .collect()
}

/// `links` (assets, home, articles…) and `nav` of a page: the same for every page with the
/// same way to the root and current menu item, so made once for each (the cache is small).
fn links_and_nav(view: &SiteView, page: &Page, linker: &Linker) -> (tera::Value, tera::Value) {
    let data = view.data;
    let menu = view.chrome.menu.get_or_init(|| menu(view));
    let current_target = match page.kind {
        PageKind::Article(_) => paths::ARTICLES,
        _ => page.site_path(),
    };
    let current = menu.iter().position(|(_, target)| target == current_target);
    let key = (linker.root(""), linker.to(""), current);
    let mut cache = view
        .chrome
        .by_place
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    cache
        .entry(key)
        .or_insert_with(|| {
            let links = json!({
                "home": linker.to(paths::HOME),
                "style": linker.to(paths::STYLE),
                "script": linker.to(paths::SCRIPT),
                "index": linker.to(&paths::search_index(page.lang.code)),
                "compare": linker.to(paths::COMPARE),
                // The way back to the site root, for rapor.js (`data-root`): `../../` or empty.
                "root": linker.root(""),
                // The way to the root of the page's language (`en/`), where its pages are.
                "pages": linker.to(""),
                "articles": linker.to(paths::ARTICLES),
                "methodology": linker.to(&paths::methodology()),
                // The Atom feed of articles, written only with base_url (absolute URLs).
                "feed": (data.config.base_url.is_some() && !data.articles.is_empty())
                    .then(|| linker.to(paths::FEED)),
            });
            let nav: Vec<Value> = menu
                .iter()
                .enumerate()
                .map(|(i, (label, target))| {
                    json!({"label": label, "href": linker.to(target), "current": Some(i) == current})
                })
                .collect();
            (
                tera::Value::from_serializable(&links),
                tera::Value::from_serializable(&nav),
            )
        })
        .clone()
}

/// Main navigation: home, provinces, articles, methodology, free pages (label, target).
fn menu(view: &SiteView) -> Vec<(String, String)> {
    let mut items = vec![(view.word("beranda"), paths::HOME.to_string())];
    let provinces: Vec<_> = view
        .data
        .regions
        .iter()
        .filter(|r| r.is_province())
        .collect();
    if provinces.len() <= 3 {
        items.extend(
            provinces
                .iter()
                .map(|r| (r.nama.clone(), paths::region(&r.kode))),
        );
    }
    items.push((view.word("kegiatan"), paths::ARTICLES.to_string()));
    items.push((view.word("metodologi"), paths::methodology()));
    items.extend(
        view.data
            .pages
            .iter()
            .filter(|p| p.slug != crate::plan::METHODOLOGY_SLUG)
            .map(|p| (p.judul.clone(), paths::page(&p.slug))),
    );
    items
}

pub fn peran_label<'s>(view: &'s SiteView, peran: Peran) -> &'s str {
    match peran {
        Peran::Model => view.word_ref("peran_model"),
        Peran::Imbas => view.word_ref("peran_imbas"),
        Peran::None => "–",
    }
}

pub fn status_label<'s>(view: &'s SiteView, status: Status) -> &'s str {
    match status {
        Status::Negeri => view.word_ref("negeri"),
        Status::Swasta => view.word_ref("swasta"),
    }
}

/// A row of a school table.
pub fn school_row<'a>(
    view: &'a SiteView,
    linker: &Linker,
    i: usize,
    year: Option<usize>,
) -> SchoolRow<'a> {
    let s = &view.data.schools[i];
    let total = year
        .and_then(|y| view.scores.get(y, i))
        .and_then(|sc| sc.total);
    SchoolRow {
        npsn: &s.npsn,
        nama: &s.nama,
        href: linker.to(&paths::school(&s.npsn)),
        jenjang: s.jenjang.as_str(),
        status: status_label(view, s.status),
        peran: peran_label(view, s.peran),
        total: view.numbers.score(&view.data.framework, total),
        status_key: if s.status == Status::Negeri {
            "negeri"
        } else {
            "swasta"
        },
        peran_key: crate::render::search::peran_value(s.peran),
        sort: sort_value(view, total),
        delta: None,
    }
}

/// A school as lists show it (`partials/schools.html`; the model and imbas of a school
/// page). A struct, not `json!`: a kab/kota page lists hundreds, each once turned into a
/// JSON value and then into a template value.
#[derive(Serialize)]
pub struct SchoolRow<'a> {
    pub npsn: &'a str,
    pub nama: &'a str,
    pub href: String,
    pub jenjang: &'a str,
    pub status: &'a str,
    pub peran: &'a str,
    pub total: ScoreCell<'a>,
    /// For rapor.js's filters and sorting (`data-*` on the row and cells).
    pub status_key: &'static str,
    pub peran_key: &'static str,
    pub sort: String,
    /// The change that made it a mover (findings' lists of risers and fallers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<DeltaCell>,
}

/// A value as rapor.js sorts it (`data-v`): the shown number with a decimal point, or empty.
pub fn sort_value(view: &SiteView, value: Option<f64>) -> String {
    let plain = super::format::NumberFormat {
        decimal_comma: false,
        ..view.numbers
    };
    value.map(|v| plain.number(v)).unwrap_or_default()
}

/// Standards of a group with their mean, category, n and the change of the mean since the
/// previous year (`previous`: the same group's stats that year).
pub fn standard_means<'v>(
    view: &SiteView<'v>,
    stats: Option<&GroupStats>,
    previous: Option<&GroupStats>,
) -> Vec<StandardMean<'v>> {
    let f = &view.data.framework;
    f.standards
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mean = stats.and_then(|g| g.standards[i]);
            let before = previous.and_then(|g| g.standards[i]);
            let cell: ScoreCell = view.numbers.mean(f, mean);
            let change =
                crate::score::analysis::delta(f, before.map(|m| m.mean), mean.map(|m| m.mean));
            StandardMean {
                code: &s.code,
                name: &s.name,
                short: &s.short,
                score: cell,
                delta: delta_cell(view, change),
            }
        })
        .collect()
}

/// A standard's mean in a group (`standards` of region and home pages).
#[derive(Serialize)]
pub struct StandardMean<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub short: &'a str,
    pub score: ScoreCell<'a>,
    pub delta: DeltaCell,
}

/// How many schools of a group are in a category (`categories` of region and home pages).
#[derive(Serialize)]
pub struct CategoryCount<'a> {
    pub name: &'a str,
    pub level: usize,
    pub count: usize,
}

/// A change for templates, with its direction in the site's words.
pub fn delta_cell(view: &SiteView, change: Option<f64>) -> DeltaCell {
    view.numbers.delta(&view.data.framework, change)
}

/// A group mean for templates (with n and the small-group caution).
pub fn mean_cell<'v>(view: &SiteView<'v>, mean: Option<Mean>) -> ScoreCell<'v> {
    view.numbers.mean(&view.data.framework, mean)
}

/// Schools per category for a group, with category names and levels.
pub fn category_counts<'v>(
    view: &SiteView<'v>,
    stats: Option<&GroupStats>,
) -> Vec<CategoryCount<'v>> {
    view.data
        .framework
        .categories
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let count = stats.map(|g| g.categories[i]).unwrap_or(0);
            CategoryCount {
                name: view.data.framework.category_name_in(view.lang.code, i),
                level: i + 1,
                count,
            }
        })
        .collect()
}

/// Links to the articles at the given indexes.
pub fn article_links(view: &SiteView, linker: &Linker, indexes: Option<&Vec<usize>>) -> Vec<Value> {
    indexes
        .map(|list| {
            list.iter()
                .map(|&i| article_summary(view, linker, i))
                .collect()
        })
        .unwrap_or_default()
}

pub fn article_summary(view: &SiteView, linker: &Linker, i: usize) -> Value {
    let a = &view.data.articles[i];
    json!({
        "judul": a.judul,
        "tanggal": a.tanggal,
        "tanggal_teks": content::long_date(view, &a.tanggal),
        "tempat": a.tempat,
        "ringkasan": a.ringkasan,
        "href": linker.to(&paths::article(&a.slug)),
    })
}
