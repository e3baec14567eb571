//! A school's rapor page: identity, region, model/imbas links, scores per standard and
//! indicator with categories and the change since the previous year, comparison with the
//! same jenjang in its kab/kota and province, its weakest indicators with recommendations,
//! all years, charts (radar, indicator bars, trends), narrative and articles.

use super::datasets;
use super::figures::{standard_labels, trend_figure, Figure, TrendSeries};
use super::school_tables::{self, HistoryRow, IndicatorRow, PeerRow, StandardRow};
use super::score_downloads;
use super::{
    article_links, base, delta_cell, mean_cell, peran_label, school_row, status_label, RegionLink,
    SchoolRow,
};
use crate::framework::Change;
use crate::model::{Region, School};
use crate::plan::{paths, Page};
use crate::render::charts::bars::{Bar, Bars, Labels};
use crate::render::charts::radar::{Radar, Series};
use crate::render::download::Downloads;
use crate::render::format::ScoreCell;
use crate::render::markdown;
use crate::render::safe::Safe;
use crate::render::view::SiteView;
use crate::score::aggregate::GroupStats;
use crate::score::analysis::delta;
use crate::score::SchoolScore;
use serde::Serialize;
use tera::Context;

// The page's objects are structs, not `json!`: each would be built as a JSON value and then
// turned into a template value, once per school (about 3 % of a build's CPU time).
#[derive(Serialize)]
struct SchoolInfo<'a> {
    npsn: &'a str,
    nama: &'a str,
    jenjang: &'a str,
    status: &'a str,
    peran: &'a str,
    region: Option<RegionLink<'a>>,
    province: Option<RegionLink<'a>>,
    model: Option<SchoolRow<'a>>,
    imbas: Vec<SchoolRow<'a>>,
    network_href: Option<String>,
}

#[derive(Serialize)]
struct TotalMeans<'a> {
    region: ScoreCell<'a>,
    province: ScoreCell<'a>,
}

#[derive(Serialize)]
struct Recommendation<'a> {
    code: &'a str,
    name: &'a str,
    score: ScoreCell<'a>,
    rekomendasi: &'a str,
}

pub fn context<'v>(view: &SiteView<'v>, page: &Page, index: usize, out: &mut Downloads) -> Context {
    let data = view.data;
    let f = &data.framework;
    let school = &data.schools[index];
    let (mut ctx, linker) = base(view, page, &school.nama);
    let region = data.region(&school.kode_wilayah);
    let province = region.and_then(|r| data.region(r.province_code()));
    let link = |r: Option<&'v Region>| r.map(|r| RegionLink::new(&linker, r));
    let model_index = school
        .sekolah_model
        .as_deref()
        .and_then(|m| data.school_index(m));
    let model = model_index.map(|m| school_row(view, &linker, m, view.latest_year()));
    let imbas: Vec<_> = view
        .imbas_by_model
        .get(&index)
        .map(|list| {
            list.iter()
                .map(|&i| school_row(view, &linker, i, view.latest_year()))
                .collect()
        })
        .unwrap_or_default();
    // The network page of the school's own network: its own as a model, its model's as imbas.
    let network = if view.imbas_by_model.contains_key(&index) {
        Some(index)
    } else {
        model_index
    };
    ctx.insert(
        "school",
        &SchoolInfo {
            npsn: &school.npsn,
            nama: &school.nama,
            jenjang: school.jenjang.as_str(),
            status: status_label(view, school.status),
            peran: peran_label(view, school.peran),
            region: link(region),
            province: link(province),
            model,
            imbas,
            network_href: network.map(|m| linker.to(&paths::network(&data.schools[m].npsn))),
        },
    );
    let year = view.latest_year();
    let score = year.and_then(|y| view.scores.get(y, index));
    let before = view.previous_year().and_then(|y| view.scores.get(y, index));
    let stats_of = |kode: &str| year.and_then(|y| view.aggregates.region(y, kode));
    let region_stats = stats_of(&school.kode_wilayah).map(|s| &s.all);
    let province_stats = region
        .and_then(|r| stats_of(r.province_code()))
        .map(|s| &s.all);
    let mut offset = 0;
    let standards: Vec<StandardRow> = f
        .standards
        .iter()
        .enumerate()
        .map(|(s, standard)| {
            let indicators = standard
                .indicators
                .iter()
                .enumerate()
                .map(|(k, ind)| IndicatorRow {
                    code: &ind.code,
                    name: &ind.name,
                    score: view
                        .numbers
                        .score(f, score.and_then(|sc| sc.indicators[offset + k])),
                })
                .collect();
            offset += standard.indicators.len();
            let value = score.and_then(|sc| sc.standards[s]);
            StandardRow {
                code: &standard.code,
                name: &standard.name,
                short: &standard.short,
                score: view.numbers.score(f, value),
                region_mean: view
                    .numbers
                    .mean(f, region_stats.and_then(|g| g.standards[s])),
                province_mean: view
                    .numbers
                    .mean(f, province_stats.and_then(|g| g.standards[s])),
                delta: delta_cell(view, delta(f, before.and_then(|b| b.standards[s]), value)),
                indicators,
            }
        })
        .collect();
    let total = score.and_then(|sc| sc.total);
    ctx.insert("total", &view.numbers.score(f, total));
    ctx.insert(
        "total_delta",
        &delta_cell(view, view.analysis.total_delta[index]),
    );
    ctx.insert(
        "total_means",
        &TotalMeans {
            region: view.numbers.mean(f, region_stats.and_then(|g| g.total)),
            province: view.numbers.mean(f, province_stats.and_then(|g| g.total)),
        },
    );
    ctx.insert("has_score", &score.is_some());
    let peers_of = |kode: &str| stats_of(kode).and_then(|s| s.by_jenjang.get(&school.jenjang));
    let peers = peers(
        view,
        score,
        peers_of(&school.kode_wilayah),
        region.and_then(|r| peers_of(r.province_code())),
    );
    let small_group = view.word("kelompok_kecil");
    let words = school_tables::Words {
        small_group: &small_group,
        labels: f.display == crate::framework::Display::Label,
    };
    ctx.insert(
        "tables",
        &school_tables::tables(&standards, &peers, &history(view, index), &words),
    );
    ctx.insert("recommendations", &recommendations(view, index));
    // The numbers of the page's tables and charts are the school's rows in its kab/kota's table
    // (written by the kab/kota's page); the means are in the kab/kota's and province's own.
    // Each table carries the link; each chart points to its table ("Lihat tabel datanya"), so
    // the charts do not repeat it (three links fewer, 1.3 KB of 35 a page).
    if let Some(r) = region {
        out.elsewhere(
            &paths::region_folder(&r.kode),
            score_downloads::REGION_SCHOOL_SCORES,
            score_downloads::region_school_scores_title(view, r),
        );
    }
    if let Some(imbas) = view.imbas_by_model.get(&index).filter(|l| !l.is_empty()) {
        out.add(&datasets::schools(
            view,
            "imbas",
            format!("{}: {}", view.word("membina"), school.nama),
            imbas,
        ));
    }
    if let (Some(score), Some(region)) = (score, region) {
        let province_name = province.map(|p| p.nama.as_str());
        let radar = radar(
            view,
            school,
            score,
            [
                (region_stats, Some(region.nama.as_str())),
                (province_stats, province_name),
            ],
        );
        ctx.insert("radar", &radar);
        ctx.insert("indicator_chart", &indicator_bars(view, school, score));
    }
    if view.scores.years.len() > 1 {
        ctx.insert("trend", &trend(view, index));
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
fn history<'v>(view: &SiteView<'v>, index: usize) -> Vec<HistoryRow<'v>> {
    let f = &view.data.framework;
    view.scores
        .years
        .iter()
        .enumerate()
        .map(|(y, &year)| {
            let sc = view.scores.get(y, index);
            HistoryRow {
                year,
                standards: (0..f.standards.len())
                    .map(|s| view.numbers.score(f, sc.and_then(|sc| sc.standards[s])))
                    .collect(),
                total: view.numbers.score(f, sc.and_then(|sc| sc.total)),
            }
        })
        .collect()
}

/// The school beside the means of its jenjang in its kab/kota and province: standards, then
/// the total; each mean with n and the small-group flag.
fn peers<'v>(
    view: &SiteView<'v>,
    score: Option<&SchoolScore>,
    kabkota: Option<&GroupStats>,
    province: Option<&GroupStats>,
) -> Vec<PeerRow<'v>> {
    let f = &view.data.framework;
    let labels = f
        .standards
        .iter()
        .map(|s| s.name.clone())
        .chain([view.word("nilai_total")]);
    labels
        .enumerate()
        .map(|(s, name)| {
            let own = score.and_then(|sc| sc.standards.get(s).copied().unwrap_or(sc.total));
            let mean = |g: Option<&GroupStats>| {
                g.and_then(|g| g.standards.get(s).copied().unwrap_or(g.total))
            };
            let (k, p) = (mean(kabkota), mean(province));
            let difference = match delta(f, k.map(|m| m.mean), own) {
                Some(d) if f.change(0.0, d) != Change::Same => view.numbers.signed(d),
                Some(_) => view.word("sama"),
                None => "–".into(),
            };
            PeerRow {
                name,
                total: s == f.standards.len(),
                score: view.numbers.score(f, own),
                kabkota: mean_cell(view, k),
                province: mean_cell(view, p),
                difference,
            }
        })
        .collect()
}

/// The school's weakest indicators with the framework's recommended actions.
fn recommendations<'v>(view: &SiteView<'v>, index: usize) -> Vec<Recommendation<'v>> {
    let f = &view.data.framework;
    let indicators: Vec<_> = f.indicators().collect();
    view.analysis.school_weakest[index]
        .iter()
        .map(|w| {
            let (_, indicator) = indicators[w.index];
            Recommendation {
                code: &indicator.code,
                name: &indicator.name,
                score: view.numbers.score(f, Some(w.value)),
                rekomendasi: &indicator.rekomendasi,
            }
        })
        .collect()
}

fn radar(
    view: &SiteView,
    school: &School,
    score: &SchoolScore,
    comparisons: [(Option<&GroupStats>, Option<&str>); 2],
) -> Figure {
    let f = &view.data.framework;
    let axes = standard_labels(f);
    // Comparisons are the kab/kota and province means; one without a name is left out.
    let comparisons: Vec<(String, Vec<Option<f64>>)> = comparisons
        .iter()
        .filter_map(|(stats, name)| {
            let values = (0..f.standards.len())
                .map(|s| stats.and_then(|g| g.standards[s]).map(|m| m.mean))
                .collect();
            name.map(|n| (format!("{} {n}", view.word("rerata")), values))
        })
        .collect();
    let rings: Vec<(f64, String)> = f
        .categories
        .iter()
        .skip(1)
        .map(|c| (c.min, view.numbers.number(c.min)))
        .collect();
    let values: Vec<String> = axes
        .iter()
        .zip(&score.standards)
        .map(|(a, v)| {
            format!(
                "{a} {}",
                v.map(|v| view.numbers.shown(&view.data.framework, v))
                    .unwrap_or("–".into())
            )
        })
        .collect();
    let mut series = vec![Series {
        label: &school.nama,
        values: &score.standards,
    }];
    series.extend(
        comparisons
            .iter()
            .map(|(label, values)| Series { label, values }),
    );
    let labels: Vec<&str> = comparisons.iter().map(|(l, _)| l.as_str()).collect();
    let radar = Radar {
        id: "radar",
        title: &format!("{}: {}", view.word("radar_judul"), school.nama),
        desc: &format!(
            "{} {}. {}",
            view.word("radar_desc"),
            labels.join(", "),
            values.join("; ")
        ),
        axes: &axes,
        max: f.scale.max,
        rings: &rings,
        series: &series,
    };
    // Axes, rings and maximum are the framework's: one frame for every school page.
    let svg = radar.to_svg_on(view.chrome.radar.get_or_init(|| radar.frame()));
    Figure {
        kind: "radar",
        svg: Safe(svg),
        caption: view.word("data_grafik_standar"),
        table_href: Some("#tabel-standar".into()),
        table: None,
        downloads: None,
    }
}

/// Every indicator as a bar on the category bands.
fn indicator_bars(view: &SiteView, school: &School, score: &SchoolScore) -> Figure {
    let f = &view.data.framework;
    let na = view
        .data
        .framework
        .missing_label_in(view.lang.code)
        .to_string();
    let bars: Vec<Bar> = f
        .indicators()
        .zip(&score.indicators)
        .enumerate()
        .map(|(i, ((s, indicator), value))| Bar {
            label: indicator.code.clone(),
            value: *value,
            text: value
                .map(|v| view.numbers.shown(&view.data.framework, v))
                .unwrap_or_else(|| na.clone()),
            gap_before: i > 0 && f.standards[s].indicators[0].code == indicator.code,
            strong: false,
        })
        .collect();
    let mut known: Vec<(&str, f64)> = bars
        .iter()
        .filter_map(|b| b.value.map(|v| (b.label.as_str(), v)))
        .collect();
    known.sort_by(|a, b| a.1.total_cmp(&b.1));
    let extremes = match (known.first(), known.last()) {
        (Some(lo), Some(hi)) => format!(
            " {} {} ({}); {} {} ({}).",
            view.word("terendah"),
            lo.0,
            view.numbers.shown(&view.data.framework, lo.1),
            view.word("tertinggi"),
            hi.0,
            view.numbers.shown(&view.data.framework, hi.1)
        ),
        _ => String::new(),
    };
    let year = view
        .latest_year()
        .map(|y| view.scores.years[y])
        .unwrap_or_default();
    let chart = Bars {
        id: "indikator",
        title: &format!("{}: {} ({year})", view.word("indikator_judul"), school.nama),
        desc: &format!("{}{extremes}", view.word("indikator_desc")),
        bars: &bars,
        labels: Labels::Left(60),
        framework: f,
        ticks: &super::figures::band_ticks(view),
    };
    // Every school has a bar (or its missing mark) per indicator: one frame for all.
    let svg = chart.to_svg_on(view.chrome.indicator_bars.get_or_init(|| chart.frame()));
    Figure {
        kind: "bars",
        svg: Safe(svg),
        caption: format!(
            "{} {}",
            super::figures::category_key(view),
            view.word("data_grafik_indikator")
        ),
        table_href: Some("#tabel-indikator".into()),
        table: None,
        downloads: None,
    }
}

/// The school's standards over the years (the history table holds the numbers).
fn trend(view: &SiteView, index: usize) -> Figure {
    let school_value = move |y: usize, p: usize| {
        let sc = view.scores.get(y, index)?;
        sc.standards.get(p).copied().unwrap_or(sc.total)
    };
    let series = [TrendSeries {
        label: view.data.schools[index].nama.clone(),
        value: Box::new(school_value),
        labelled: true,
    }];
    trend_figure(
        view,
        "tren",
        &view.word("tren_judul"),
        &view.word("data_grafik_riwayat"),
        &series,
        Some("#tabel-riwayat".into()),
    )
}
