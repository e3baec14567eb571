//! The analysis sections of a region page and of the home page (the site as one group): the
//! spread of school scores, schools per category by child region, trends, model vs imbas over
//! the years, the model–imbas networks, recommendations and the schools that rose or fell most.

use super::figures::{
    distribution_figure, jenjang_figure, spread_figure, stats_value, trend_figure, DistributionRow,
    Figure, TrendSeries,
};
use super::{datasets, delta_cell, mean_cell, school_row, SchoolRow};
use crate::plan::paths;
use crate::render::download::Downloads;
use crate::render::format::{DeltaCell, ScoreCell};
use crate::render::links::Linker;
use crate::render::view::SiteView;
use crate::score::aggregate::RegionStats;
use crate::score::analysis::{delta, Mover, RegionAnalysis};
use serde::Serialize;
use tera::Context;

/// What the sections are about: a region code (`None` = the whole site) and its name.
pub struct Subject<'a> {
    pub kode: Option<&'a str>,
    pub name: &'a str,
}

/// Region stats of the subject in a year.
fn stats<'v>(view: &'v SiteView, kode: Option<&str>, year: usize) -> Option<&'v RegionStats> {
    match kode {
        Some(k) => view.aggregates.region(year, k),
        None => view.aggregates.site.get(year),
    }
}

// The sections' values are structs, not `json!`: a JSON value would be turned into a template
// value again, on every region page.
#[derive(Serialize, Default)]
struct Movers<'a> {
    risers: Vec<SchoolRow<'a>>,
    fallers: Vec<SchoolRow<'a>>,
}

#[derive(Serialize, Default)]
struct Recommendations<'a> {
    weakest: Vec<WeakIndicator<'a>>,
    common: Vec<WeakIndicator<'a>>,
}

/// An indicator among the weakest; `schools` of `of` share it (the common ones only).
#[derive(Serialize)]
struct WeakIndicator<'a> {
    code: &'a str,
    name: &'a str,
    rekomendasi: &'a str,
    score: ScoreCell<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schools: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<usize>,
}

/// A model–imbas network in a region's list.
#[derive(Serialize)]
pub struct NetworkRow<'a> {
    nama: &'a str,
    npsn: &'a str,
    href: String,
    imbas: usize,
    model: ScoreCell<'a>,
    imbas_mean: ScoreCell<'a>,
    model_change: DeltaCell,
    imbas_change: DeltaCell,
}

/// Inserts every analysis section of the subject into the page context. `children` are the
/// rows of the category distribution (child regions, or groups for a kab/kota);
/// `network_schools` the schools whose model–imbas networks the page lists.
pub fn insert_sections(
    ctx: &mut Context,
    view: &SiteView,
    linker: &Linker,
    subject: &Subject,
    children: &[DistributionRow],
    network_schools: &[usize],
    out: &mut Downloads,
) {
    ctx.insert("networks", &Vec::<NetworkRow>::new());
    ctx.insert("recommendations", &Recommendations::default());
    ctx.insert("movers", &Movers::default());
    ctx.insert("total_delta", &delta_cell(view, None));
    let Some(analysis) = view.analysis.region(subject.kode) else {
        return;
    };
    // A region without any scored school (yet) has nothing to analyse.
    let scored = (0..view.scores.years.len())
        .any(|y| stats(view, subject.kode, y).is_some_and(|s| s.all.total.is_some()));
    if !scored {
        return;
    }
    let latest = view.latest_year();
    if let Some(spread) = latest.and_then(|y| analysis.spread.get(y)) {
        if spread.total.is_some() {
            let mut figure = spread_figure(
                view,
                "sebaran",
                subject.name,
                &spread.standards,
                spread.total,
            );
            out.attach("sebaran", &mut figure);
            ctx.insert("spread_chart", &figure);
        }
        let mut figure = jenjang_figure(view, "jenjang", subject.name, subject.kode);
        if let Some(figure) = figure.as_mut() {
            out.attach("sebaran-jenjang", figure);
        }
        ctx.insert("jenjang_chart", &figure);
    }
    if !children.is_empty() {
        let mut figure = distribution_figure(view, "distribusi", subject.name, children);
        out.attach("distribusi", &mut figure);
        ctx.insert("distribution_chart", &figure);
    }
    if view.scores.years.len() > 1 {
        let mut figure = region_trend(view, subject);
        out.attach("tren", &mut figure);
        ctx.insert("trend_chart", &figure);
    }
    if let Some(mut figure) = model_imbas_figure(view, "model-imbas", subject.name, analysis) {
        out.attach("model-imbas", &mut figure);
        ctx.insert("model_imbas_chart", &figure);
    }
    if !network_schools.is_empty() {
        out.add(&datasets::networks(view, network_schools));
    }
    ctx.insert("networks", &networks(view, linker, network_schools));
    ctx.insert("recommendations", &recommendations(view, analysis));
    ctx.insert(
        "movers",
        &Movers {
            risers: movers(view, linker, &analysis.risers),
            fallers: movers(view, linker, &analysis.fallers),
        },
    );
    if !analysis.risers.is_empty() || !analysis.fallers.is_empty() {
        out.add(&datasets::movers(view, &analysis.risers, &analysis.fallers));
    }
    ctx.insert("total_delta", &total_delta(view, subject.kode));
}

/// Change of the subject's mean total since the previous year.
fn total_delta(view: &SiteView, kode: Option<&str>) -> crate::render::format::DeltaCell {
    let f = &view.data.framework;
    let total = |y: Option<usize>| {
        y.and_then(|y| stats(view, kode, y))
            .and_then(|s| s.all.total)
            .map(|m| m.mean)
    };
    delta_cell(
        view,
        delta(f, total(view.previous_year()), total(view.latest_year())),
    )
}

fn region_trend(view: &SiteView, subject: &Subject) -> Figure {
    let kode = subject.kode.map(str::to_string);
    let series = [TrendSeries {
        label: format!("{} {}", view.word("rerata"), subject.name),
        value: Box::new(move |y, p| {
            stats_value(stats(view, kode.as_deref(), y).map(|s| &s.all), p)
        }),
        labelled: true,
    }];
    trend_figure(
        view,
        "tren",
        &format!("{}: {}", view.word("tren_wilayah_judul"), subject.name),
        &view.word("tren_wilayah_keterangan"),
        &series,
        None,
    )
}

/// Model vs imbas means per standard over the years; `None` without model or imbas schools.
pub fn model_imbas_figure(
    view: &SiteView,
    id: &str,
    subject: &str,
    analysis: &RegionAnalysis,
) -> Option<Figure> {
    let has =
        |groups: &[crate::score::aggregate::GroupStats]| groups.iter().any(|g| g.total.is_some());
    if !has(&analysis.model) && !has(&analysis.imbas) {
        return None;
    }
    let series = [
        TrendSeries {
            label: view.word("peran_model"),
            value: Box::new(|y, p| stats_value(analysis.model.get(y), p)),
            labelled: true,
        },
        TrendSeries {
            label: view.word("peran_imbas"),
            value: Box::new(|y, p| stats_value(analysis.imbas.get(y), p)),
            labelled: true,
        },
    ];
    let mut figure = trend_figure(
        view,
        id,
        &format!("{}: {subject}", view.word("model_imbas_judul")),
        &view.word("model_imbas_keterangan"),
        &series,
        None,
    );
    // How many schools each yearly mean stands on.
    if let Some(table) = figure.table.as_mut() {
        let mut row = vec![view.word("n_sekolah")];
        for y in 0..view.scores.years.len() {
            for group in [&analysis.model, &analysis.imbas] {
                let n = group.get(y).and_then(|g| g.total).map(|m| m.n).unwrap_or(0);
                row.push(super::figures::n_text(view, n));
            }
        }
        table.rows.push(row);
    }
    Some(figure)
}

/// The model–imbas networks whose model school is among `schools`: latest totals and the
/// change from the first to the latest year, for the model and for its imbas mean.
pub fn networks<'v>(
    view: &SiteView<'v>,
    linker: &Linker,
    schools: &[usize],
) -> Vec<NetworkRow<'v>> {
    let f = &view.data.framework;
    // Over the whole period: the programme's question is whether schools rose over it.
    let first = 0;
    let Some(last) = view.latest_year() else {
        return Vec::new();
    };
    schools
        .iter()
        .filter_map(|&m| {
            let imbas = view.imbas_by_model.get(&m)?;
            let groups = view.analysis.networks.get(&m)?;
            let model_total = |y: usize| view.scores.get(y, m).and_then(|s| s.total);
            let imbas_mean = |y: usize| groups.get(y).and_then(|g| g.total);
            let school = &view.data.schools[m];
            Some(NetworkRow {
                nama: &school.nama,
                npsn: &school.npsn,
                href: linker.to(&paths::network(&school.npsn)),
                imbas: imbas.len(),
                model: view.numbers.score(f, model_total(last)),
                imbas_mean: mean_cell(view, imbas_mean(last)),
                model_change: delta_cell(view, delta(f, model_total(first), model_total(last))),
                imbas_change: delta_cell(
                    view,
                    delta(
                        f,
                        imbas_mean(first).map(|m| m.mean),
                        imbas_mean(last).map(|m| m.mean),
                    ),
                ),
            })
        })
        .collect()
}

/// The region's weakest indicators (by their means) and those most of its schools share.
fn recommendations<'v>(view: &SiteView<'v>, analysis: &RegionAnalysis) -> Recommendations<'v> {
    let f = &view.data.framework;
    let indicators: Vec<_> = f.indicators().map(|(_, i)| i).collect();
    let weakest = analysis
        .weakest
        .iter()
        .map(|w| {
            let i = indicators[w.index];
            WeakIndicator {
                code: &i.code,
                name: &i.name,
                rekomendasi: &i.rekomendasi,
                score: mean_cell(view, analysis.indicator_means[w.index]),
                schools: None,
                of: None,
            }
        })
        .collect();
    let common = analysis
        .common_weak
        .iter()
        .map(|c| {
            let i = indicators[c.index];
            WeakIndicator {
                code: &i.code,
                name: &i.name,
                rekomendasi: &i.rekomendasi,
                score: mean_cell(view, c.mean),
                schools: Some(c.schools),
                of: Some(c.of),
            }
        })
        .collect();
    Recommendations { weakest, common }
}

fn movers<'a>(view: &'a SiteView, linker: &Linker, list: &[Mover]) -> Vec<SchoolRow<'a>> {
    list.iter()
        .map(|m| SchoolRow {
            delta: Some(delta_cell(view, Some(m.delta))),
            ..school_row(view, linker, m.school, view.latest_year())
        })
        .collect()
}
