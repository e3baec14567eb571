//! A school's rapor page: identity, region, model/imbas links, scores per standard and
//! indicator with categories, all years, the radar chart, narrative and articles.

use super::{article_links, base, peran_label, school_row, status_label};
use crate::plan::{paths, Page};
use crate::render::charts::radar::{Radar, Series};
use crate::render::markdown;
use crate::render::view::SiteView;
use serde_json::{json, Value};
use tera::Context;

pub fn context(view: &SiteView, page: &Page, index: usize) -> Context {
    let data = view.data;
    let f = &data.framework;
    let school = &data.schools[index];
    let (mut ctx, linker) = base(view, page, &school.nama);
    let region = data.region(&school.kode_wilayah);
    let province = region.and_then(|r| data.region(r.province_code()));
    let link = |r: Option<&crate::model::Region>| {
        r.map(|r| json!({"nama": r.nama, "href": linker.to(&paths::region(&r.kode))}))
    };
    let model = school
        .sekolah_model
        .as_deref()
        .and_then(|m| data.school_index(m))
        .map(|m| school_row(view, &linker, m, view.latest_year()));
    let imbas: Vec<Value> = view
        .imbas_by_model
        .get(&index)
        .map(|list| {
            list.iter()
                .map(|&i| school_row(view, &linker, i, view.latest_year()))
                .collect()
        })
        .unwrap_or_default();
    ctx.insert(
        "school",
        &json!({
            "npsn": school.npsn,
            "nama": school.nama,
            "jenjang": school.jenjang.as_str(),
            "status": status_label(view, school.status),
            "peran": peran_label(view, school.peran),
            "region": link(region),
            "province": link(province),
            "model": model,
            "imbas": imbas,
        }),
    );
    let year = view.latest_year();
    let score = year.and_then(|y| view.scores.get(y, index));
    let region_stats = year
        .and_then(|y| view.aggregates.region(y, &school.kode_wilayah))
        .map(|s| &s.all);
    let mut offset = 0;
    let standards: Vec<Value> = f
        .standards
        .iter()
        .enumerate()
        .map(|(s, standard)| {
            let indicators: Vec<Value> = standard
                .indicators
                .iter()
                .enumerate()
                .map(|(k, ind)| {
                    let v = score.and_then(|sc| sc.indicators[offset + k]);
                    json!({"code": ind.code, "name": ind.name, "score": view.numbers.score(f, v)})
                })
                .collect();
            offset += standard.indicators.len();
            json!({
                "code": standard.code,
                "name": standard.name,
                "short": standard.short,
                "score": view.numbers.score(f, score.and_then(|sc| sc.standards[s])),
                "region_mean": view.numbers.mean(f, region_stats.and_then(|g| g.standards[s])),
                "indicators": indicators,
            })
        })
        .collect();
    ctx.insert("standards", &standards);
    ctx.insert(
        "total",
        &view.numbers.score(f, score.and_then(|sc| sc.total)),
    );
    ctx.insert("has_score", &score.is_some());
    ctx.insert("history", &history(view, index));
    if let (Some(score), Some(region)) = (score, region) {
        ctx.insert(
            "radar",
            &radar(view, school, score, region_stats, &region.nama),
        );
    }
    let doc = data.school_docs.get(&school.npsn);
    ctx.insert("narrative_title", &doc.and_then(|d| d.title.clone()));
    ctx.insert("narrative", &doc.map(|d| markdown::to_html(&d.body)));
    ctx.insert(
        "articles",
        &article_links(view, &linker, view.articles_by_school.get(&school.npsn)),
    );
    ctx
}

/// One row per year: the year, each standard's score and the total.
fn history(view: &SiteView, index: usize) -> Vec<Value> {
    let f = &view.data.framework;
    view.scores
        .years
        .iter()
        .enumerate()
        .map(|(y, year)| {
            let sc = view.scores.get(y, index);
            let standards: Vec<_> = (0..f.standards.len())
                .map(|s| view.numbers.score(f, sc.and_then(|sc| sc.standards[s])))
                .collect();
            json!({"year": year, "standards": standards,
                   "total": view.numbers.score(f, sc.and_then(|sc| sc.total))})
        })
        .collect()
}

fn radar(
    view: &SiteView,
    school: &crate::model::School,
    score: &crate::score::SchoolScore,
    region_stats: Option<&crate::score::aggregate::GroupStats>,
    region_name: &str,
) -> String {
    let f = &view.data.framework;
    let axes: Vec<String> = f
        .standards
        .iter()
        .map(|s| {
            if s.short.is_empty() {
                s.code.clone()
            } else {
                s.short.clone()
            }
        })
        .collect();
    let comparison: Vec<Option<f64>> = (0..f.standards.len())
        .map(|s| region_stats.and_then(|g| g.standards[s]).map(|m| m.mean))
        .collect();
    let rings: Vec<(f64, String)> = f
        .categories
        .iter()
        .skip(1)
        .map(|c| (c.min, view.numbers.number(c.min)))
        .collect();
    let mean_label = format!("{} {region_name}", view.word("rerata"));
    let values: Vec<String> = axes
        .iter()
        .zip(&score.standards)
        .map(|(a, v)| {
            format!(
                "{a} {}",
                v.map(|v| view.numbers.number(v)).unwrap_or("–".into())
            )
        })
        .collect();
    Radar {
        id: "radar",
        title: &format!("{}: {}", view.word("radar_judul"), school.nama),
        desc: &format!(
            "{} {}. {}",
            view.word("radar_desc"),
            mean_label,
            values.join("; ")
        ),
        axes: &axes,
        max: f.scale.max,
        rings: &rings,
        school: Series {
            label: &school.nama,
            values: &score.standards,
        },
        comparison: Series {
            label: &mean_label,
            values: &comparison,
        },
    }
    .to_svg()
}
