//! A model–imbas network page (`jejaring/<npsn>/`): the model school and its imbas schools
//! side by side in the latest year and over all years, the imbas mean beside the model, and
//! the programme's question in one sentence: did the imbas schools rise as the model did?

use super::figures::{stats_value, trend_figure, Figure, TrendSeries};
use super::{base, delta_cell, mean_cell, peran_label, RegionLink};
use crate::plan::{paths, Page};
use crate::render::charts::bars::{Bar, Bars, Labels};
use crate::render::download::Downloads;
use crate::render::format::{DeltaCell, ScoreCell};
use crate::render::safe::Safe;
use crate::render::view::SiteView;
use crate::score::aggregate::GroupStats;
use crate::score::analysis::delta;
use serde::Serialize;
use tera::Context;

// Structs, not `json!`: a value built as JSON would be turned into a template value again.
#[derive(Serialize)]
struct Network<'a> {
    model: ModelLink<'a>,
    region: Option<RegionLink<'a>>,
    province: Option<RegionLink<'a>>,
    imbas_count: usize,
    rows: Vec<Row<'a>>,
    imbas: ImbasRow<'a>,
    model_change: DeltaCell,
    imbas_change: DeltaCell,
    first_year: Option<u16>,
    standards: Vec<String>,
}

#[derive(Serialize)]
struct ModelLink<'a> {
    nama: &'a str,
    npsn: &'a str,
    href: String,
}

/// The model or an imbas school in the network's table.
#[derive(Serialize)]
struct Row<'a> {
    nama: &'a str,
    npsn: &'a str,
    href: String,
    jenjang: &'a str,
    peran: &'a str,
    is_model: bool,
    standards: Vec<ScoreCell<'a>>,
    total: ScoreCell<'a>,
    delta: DeltaCell,
    totals: Vec<ScoreCell<'a>>,
    change: DeltaCell,
    peran_key: &'static str,
    sort: String,
}

/// The mean of the imbas schools.
#[derive(Serialize)]
struct ImbasRow<'a> {
    standards: Vec<ScoreCell<'a>>,
    total: ScoreCell<'a>,
    delta: DeltaCell,
    totals: Vec<ScoreCell<'a>>,
    change: DeltaCell,
}

pub fn context<'v>(view: &SiteView<'v>, page: &Page, model: usize, out: &mut Downloads) -> Context {
    let data = view.data;
    let f = &data.framework;
    let school = &data.schools[model];
    let title = format!("{} {}", view.word("jejaring"), school.nama);
    let (mut ctx, linker) = base(view, page, &title);
    let region = data.region(&school.kode_wilayah);
    let province = region.and_then(|r| data.region(r.province_code()));
    let link = |r: Option<&'v crate::model::Region>| r.map(|r| RegionLink::new(&linker, r));
    let empty = Vec::new();
    let imbas = view.imbas_by_model.get(&model).unwrap_or(&empty);
    let groups: &[GroupStats] = view
        .analysis
        .networks
        .get(&model)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let members: Vec<usize> = std::iter::once(model)
        .chain(imbas.iter().copied())
        .collect();
    let (latest, previous) = (view.latest_year(), view.previous_year());
    let years = &view.scores.years;
    let rows: Vec<Row> = members
        .iter()
        .map(|&i| {
            let s = &data.schools[i];
            let score = latest.and_then(|y| view.scores.get(y, i));
            let standards: Vec<_> = (0..f.standards.len())
                .map(|k| view.numbers.score(f, score.and_then(|sc| sc.standards[k])))
                .collect();
            let totals: Vec<_> = (0..years.len())
                .map(|y| {
                    view.numbers
                        .score(f, view.scores.get(y, i).and_then(|sc| sc.total))
                })
                .collect();
            let total_in = |y: Option<usize>| {
                y.and_then(|y| view.scores.get(y, i))
                    .and_then(|sc| sc.total)
            };
            Row {
                nama: &s.nama,
                npsn: &s.npsn,
                href: linker.to(&paths::school(&s.npsn)),
                jenjang: s.jenjang.as_str(),
                peran: peran_label(view, s.peran),
                is_model: i == model,
                standards,
                total: view.numbers.score(f, score.and_then(|sc| sc.total)),
                delta: delta_cell(view, view.analysis.total_delta[i]),
                totals,
                change: delta_cell(view, delta(f, total_in(Some(0)), total_in(latest))),
                peran_key: crate::render::search::peran_value(s.peran),
                sort: super::sort_value(view, score.and_then(|sc| sc.total)),
            }
        })
        .collect();
    let imbas_latest = latest.and_then(|y| groups.get(y));
    let imbas_total = |y: Option<usize>| {
        y.and_then(|y| groups.get(y))
            .and_then(|g| g.total)
            .map(|m| m.mean)
    };
    let imbas_row = ImbasRow {
        standards: (0..f.standards.len())
            .map(|k| mean_cell(view, imbas_latest.and_then(|g| g.standards[k])))
            .collect(),
        total: mean_cell(view, imbas_latest.and_then(|g| g.total)),
        delta: delta_cell(view, delta(f, imbas_total(previous), imbas_total(latest))),
        totals: (0..years.len())
            .map(|y| mean_cell(view, groups.get(y).and_then(|g| g.total)))
            .collect(),
        change: delta_cell(view, delta(f, imbas_total(Some(0)), imbas_total(latest))),
    };
    let model_total = |y: Option<usize>| {
        y.and_then(|y| view.scores.get(y, model))
            .and_then(|sc| sc.total)
    };
    let model_change = delta_cell(view, delta(f, model_total(Some(0)), model_total(latest)));
    let imbas_change = delta_cell(view, delta(f, imbas_total(Some(0)), imbas_total(latest)));
    ctx.insert(
        "network",
        &Network {
            model: ModelLink {
                nama: &school.nama,
                npsn: &school.npsn,
                href: linker.to(&paths::school(&school.npsn)),
            },
            region: link(region),
            province: link(province),
            imbas_count: imbas.len(),
            rows,
            imbas: imbas_row,
            model_change,
            imbas_change,
            first_year: years.first().copied(),
            standards: super::figures::standard_labels(f),
        },
    );
    ctx.insert("years", years);
    let links = out.add(&super::datasets::network(view, model, &members, groups));
    if years.len() > 1 {
        let mut figure = trend(view, model, groups);
        out.attach("tren", &mut figure);
        ctx.insert("trend_chart", &figure);
    }
    if latest.is_some() {
        let mut figure = totals_chart(view, model, &members);
        Downloads::link(&mut figure, &links);
        ctx.insert("totals_chart", &figure);
    }
    ctx
}

fn trend(view: &SiteView, model: usize, groups: &[GroupStats]) -> Figure {
    let model_value = move |y: usize, p: usize| {
        let sc = view.scores.get(y, model)?;
        sc.standards.get(p).copied().unwrap_or(sc.total)
    };
    let series = [
        TrendSeries {
            label: view.word("peran_model"),
            value: Box::new(model_value),
            labelled: true,
        },
        TrendSeries {
            label: view.word("rerata_imbas"),
            value: Box::new(move |y, p| stats_value(groups.get(y), p)),
            labelled: true,
        },
    ];
    let mut figure = trend_figure(
        view,
        "tren",
        &format!(
            "{}: {}",
            view.word("jejaring_tren_judul"),
            view.data.schools[model].nama
        ),
        &view.word("jejaring_tren_keterangan"),
        &series,
        None,
    );
    if let Some(table) = figure.table.as_mut() {
        let mut row = vec![view.word("n_sekolah")];
        for y in 0..view.scores.years.len() {
            row.push("1".into());
            let n = groups
                .get(y)
                .and_then(|g| g.total)
                .map(|m| m.n)
                .unwrap_or(0);
            row.push(super::figures::n_text(view, n));
        }
        table.rows.push(row);
    }
    figure
}

/// Each member's total in the latest year as a bar, the model first.
fn totals_chart(view: &SiteView, model: usize, members: &[usize]) -> Figure {
    let f = &view.data.framework;
    let y = view.latest_year().unwrap_or_default();
    let na = view
        .data
        .framework
        .missing_label_in(view.lang.code)
        .to_string();
    let bars: Vec<Bar> = members
        .iter()
        .map(|&i| {
            let value = view.scores.get(y, i).and_then(|sc| sc.total);
            Bar {
                label: view.data.schools[i].nama.clone(),
                value,
                text: value
                    .map(|v| view.numbers.shown(&view.data.framework, v))
                    .unwrap_or_else(|| na.clone()),
                gap_before: false,
                strong: i == model,
            }
        })
        .collect();
    let values: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.text))
        .collect();
    let svg = Bars {
        id: "nilai-jejaring",
        title: &format!(
            "{}: {} ({})",
            view.word("jejaring_nilai_judul"),
            view.data.schools[model].nama,
            view.scores.years[y]
        ),
        desc: &format!(
            "{} {}.",
            view.word("jejaring_nilai_desc"),
            values.join("; ")
        ),
        bars: &bars,
        labels: Labels::Above,
        framework: f,
        ticks: &super::figures::band_ticks(view),
    }
    .to_svg();
    Figure {
        kind: "bars",
        svg: Safe(svg),
        caption: format!(
            "{} {}",
            super::figures::category_key(view),
            view.word("data_grafik_jejaring")
        ),
        table_href: Some("#tabel-jejaring".into()),
        table: None,
        downloads: None,
    }
}
