//! Figures that several pages show: a chart's SVG with its caption and the data behind it,
//! either as a table in `<details>` or as a link to a visible table on the page. Trends,
//! spreads, category distributions and the map are built here from `SiteView`'s numbers.

use crate::framework::Framework;
use crate::render::charts::boxplot::{self, BoxPlot};
use crate::render::charts::map::{Area, Map};
use crate::render::charts::stacked::{self, Stacked};
use crate::render::charts::trend::{self, Panel, Trend};
use crate::render::geo::Boundaries;
use crate::render::links::Linker;
use crate::render::safe::Safe;
use crate::render::view::SiteView;
use crate::score::aggregate::GroupStats;
use crate::score::analysis::{Quartiles, SMALL_GROUP};
use serde::Serialize;

/// A data table: the first cell of each row is its header.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub caption: String,
    pub headers: Vec<String>,
    /// Right-aligned (numeric) columns.
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// Row header links, one per row (empty for none).
    pub links: Vec<String>,
}

impl DataTable {
    /// A table whose first column is text and the others numbers, without links.
    pub fn new(caption: String, headers: Vec<String>, rows: Vec<Vec<String>>) -> DataTable {
        DataTable {
            caption,
            numeric: (0..headers.len()).map(|i| i > 0).collect(),
            links: vec![String::new(); rows.len()],
            headers,
            rows,
        }
    }
}

/// A chart with what a reader needs beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub kind: &'static str,
    pub svg: Safe,
    pub caption: String,
    /// `#id` of a visible table on the page that holds the chart's data.
    pub table_href: Option<String>,
    /// Otherwise the data itself, shown in `<details>`.
    pub table: Option<DataTable>,
    /// The data as CSV and JSON files (`render::download`), set when the page writes them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downloads: Option<crate::render::download::DataLinks>,
}

/// The short name of each standard (its code when it has none).
pub fn standard_labels(f: &Framework) -> Vec<String> {
    f.standards
        .iter()
        .map(|s| {
            if s.short.is_empty() {
                s.code.clone()
            } else {
                s.short.clone()
            }
        })
        .collect()
}

/// Text of the category-band ticks: the bounds as numbers, none for a framework shown as
/// labels (its numbers are not shown anywhere).
pub fn band_ticks<'a>(view: &'a SiteView) -> impl Fn(f64) -> String + 'a {
    move |v| match view.data.framework.display {
        crate::framework::Display::Number => view.numbers.number(v),
        crate::framework::Display::Label => String::new(),
    }
}

/// `n` with the small-group flag when `n` is below `SMALL_GROUP`.
pub fn n_text(view: &SiteView, n: usize) -> String {
    if n > 0 && n < SMALL_GROUP {
        format!("{n} ({})", view.word("kelompok_kecil"))
    } else {
        n.to_string()
    }
}

/// The category numbers of the bands with their names: `1 Menuju SNP 1, 2 …`.
pub fn category_key<'v>(view: &'v SiteView) -> &'v str {
    // The same for every chart of the view: made once, not on every school page.
    view.chrome.category_key.get_or_init(|| {
        let names: Vec<String> = view
            .data
            .framework
            .categories
            .iter()
            .enumerate()
            .map(|(i, _)| {
                format!(
                    "{} {}",
                    i + 1,
                    view.data.framework.category_name_in(view.lang.code, i)
                )
            })
            .collect();
        format!("{}: {}.", view.word("pita_kategori"), names.join(", "))
    })
}

/// One series of a trend figure: `value(year index, panel)`, where panels are the standards
/// in framework order and then the total.
pub struct TrendSeries<'a> {
    pub label: String,
    pub value: Box<dyn Fn(usize, usize) -> Option<f64> + 'a>,
    pub labelled: bool,
}

/// Small multiples over the years, one panel per standard plus the total.
pub fn trend_figure(
    view: &SiteView,
    id: &str,
    title: &str,
    caption: &str,
    series: &[TrendSeries],
    table_href: Option<String>,
) -> Figure {
    let f = &view.data.framework;
    let years = &view.scores.years;
    let mut labels = standard_labels(f);
    labels.push(view.word("nilai_total"));
    let panels: Vec<Panel> = labels
        .iter()
        .enumerate()
        .map(|(p, label)| Panel {
            title: label.clone(),
            series: series
                .iter()
                .map(|s| trend::Series {
                    label: &s.label,
                    values: (0..years.len()).map(|y| (s.value)(y, p)).collect(),
                    // Labels (Baik, Sedang) are too wide for the panels; the table has them.
                    labelled: s.labelled && f.display == crate::framework::Display::Number,
                })
                .collect(),
        })
        .collect();
    let all_values = panels.iter().flat_map(|p| {
        p.series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
    });
    let range = trend::range_of(all_values, f.scale.min, f.scale.max);
    let number = |v: f64| view.numbers.shown(&view.data.framework, v);
    let total = labels.len() - 1;
    let summary: Vec<String> = series
        .iter()
        .map(|s| {
            let values: Vec<String> = (0..years.len())
                .map(|y| match (s.value)(y, total) {
                    Some(v) => format!("{} {}", years[y], number(v)),
                    None => format!("{} –", years[y]),
                })
                .collect();
            format!("{}: {}", s.label, values.join(", "))
        })
        .collect();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    let desc = format!(
        "{} {span}. {}: {}.",
        view.word("tren_desc"),
        view.word("nilai_total"),
        summary.join("; ")
    );
    let chart = Trend {
        id,
        title: &format!("{title} ({span})"),
        desc: &desc,
        years,
        panels: &panels,
        range,
        number: &number,
    };
    // Panels (the standards and the total) and years are the view's: the frame depends on
    // the range alone.
    let key = (range.0.to_bits(), range.1.to_bits());
    let frame = {
        let mut frames = view.chrome.trend.lock().unwrap_or_else(|e| e.into_inner());
        match frames.iter().find(|(k, _)| *k == key) {
            Some((_, frame)) => frame.clone(),
            None => {
                let frame = std::sync::Arc::new(chart.frame());
                frames.push((key, frame.clone()));
                frame
            }
        }
    };
    let svg = chart.to_svg_on(&frame);
    let table = table_href.is_none().then(|| {
        let mut headers = vec![view.data.framework.unit_heading_in(view.lang.code)];
        for year in years {
            for s in series {
                headers.push(if series.len() > 1 {
                    format!("{year} {}", s.label)
                } else {
                    year.to_string()
                });
            }
        }
        let rows = labels
            .iter()
            .enumerate()
            .map(|(p, label)| {
                let mut row = vec![label.clone()];
                for y in 0..years.len() {
                    for s in series {
                        row.push((s.value)(y, p).map(number).unwrap_or("–".into()));
                    }
                }
                row
            })
            .collect();
        DataTable::new(title.to_string(), headers, rows)
    });
    // The range is in whole units (or the scale's ends): shown without trailing zeros.
    let bound = |v: f64| {
        let text = view.numbers.number(v);
        if text.contains([',', '.']) {
            text.trim_end_matches('0')
                .trim_end_matches([',', '.'])
                .to_string()
        } else {
            text
        }
    };
    let caption = format!(
        "{caption} {} {}–{}.",
        view.word("skala_tegak"),
        bound(range.0),
        bound(range.1)
    );
    Figure {
        kind: "trend",
        svg: Safe(svg),
        caption,
        table_href,
        table,
        downloads: None,
    }
}

/// Per-year stats as a trend series value: standards then the total.
pub fn stats_value(stats: Option<&GroupStats>, panel: usize) -> Option<f64> {
    let g = stats?;
    match g.standards.get(panel) {
        Some(m) => m.map(|m| m.mean),
        None => g.total.map(|m| m.mean),
    }
}

/// Box plots of a group's standards and total in the latest year, with the quartiles table.
pub fn spread_figure(
    view: &SiteView,
    id: &str,
    subject: &str,
    standards: &[Option<Quartiles>],
    total: Option<Quartiles>,
) -> Figure {
    let mut labels = standard_labels(&view.data.framework);
    labels.push(view.word("nilai_total"));
    let rows: Vec<(String, Option<Quartiles>)> = labels
        .into_iter()
        .zip(standards.iter().copied().chain([total]))
        .collect();
    box_figure(view, id, "sebaran_judul", subject, &rows)
}

/// Box plots of school totals per jenjang in the latest year.
pub fn jenjang_figure(
    view: &SiteView,
    id: &str,
    subject: &str,
    kode: Option<&str>,
) -> Option<Figure> {
    let y = view.latest_year()?;
    let spread = view.analysis.region(kode)?.spread.get(y)?;
    if spread.by_jenjang.is_empty() {
        return None;
    }
    let rows: Vec<(String, Option<Quartiles>)> = spread
        .by_jenjang
        .iter()
        .map(|(j, q)| (j.as_str().to_string(), Some(*q)))
        .collect();
    Some(box_figure(view, id, "jenjang_judul", subject, &rows))
}

fn box_figure(
    view: &SiteView,
    id: &str,
    title_key: &str,
    subject: &str,
    rows: &[(String, Option<Quartiles>)],
) -> Figure {
    let f = &view.data.framework;
    let number = |v: f64| view.numbers.shown(&view.data.framework, v);
    let year = view
        .latest_year()
        .map(|y| view.scores.years[y])
        .unwrap_or_default();
    let title = format!("{}: {subject} ({year})", view.word(title_key));
    let medians: Vec<String> = rows
        .iter()
        .filter_map(|(label, q)| q.map(|q| format!("{label} {}", number(q.median))))
        .collect();
    let desc = format!(
        "{} {}: {}.",
        view.word("sebaran_desc"),
        view.word("median"),
        medians.join("; ")
    );
    let legend_words = [
        view.word("legenda_rentang"),
        view.word("legenda_kotak"),
        view.word("median"),
        view.word("rerata"),
    ];
    let plot_rows: Vec<boxplot::Row> = rows
        .iter()
        .map(|(label, q)| boxplot::Row {
            label: label.clone(),
            quartiles: *q,
        })
        .collect();
    let svg = BoxPlot {
        id,
        title: &title,
        desc: &desc,
        rows: &plot_rows,
        framework: f,
        ticks: &band_ticks(view),
        legend: legend_words.each_ref().map(String::as_str),
    }
    .to_svg();
    let headers = [
        "",
        "n_sekolah",
        "terendah",
        "kuartil_1",
        "median",
        "kuartil_3",
        "tertinggi",
        "rerata",
    ]
    .map(|k| {
        if k.is_empty() {
            String::new()
        } else {
            view.word(k)
        }
    })
    .to_vec();
    let table_rows = rows
        .iter()
        .map(|(label, q)| match q {
            Some(q) => vec![
                label.clone(),
                n_text(view, q.n),
                number(q.min),
                number(q.q1),
                number(q.median),
                number(q.q3),
                number(q.max),
                number(q.mean),
            ],
            None => {
                let mut row = vec![label.clone(), "0".into()];
                row.extend(std::iter::repeat_n("–".to_string(), 6));
                row
            }
        })
        .collect();
    Figure {
        kind: "box",
        svg: Safe(svg),
        caption: format!("{} {}", category_key(view), view.word("sebaran_keterangan")),
        table_href: None,
        table: Some(DataTable::new(title, headers, table_rows)),
        downloads: None,
    }
}

/// One row of a category distribution: label, link, stats.
pub struct DistributionRow<'a> {
    pub label: String,
    pub href: String,
    pub stats: Option<&'a GroupStats>,
    pub strong: bool,
}

/// Schools per category as stacked bars, one row per child region or group.
pub fn distribution_figure(
    view: &SiteView,
    id: &str,
    subject: &str,
    rows: &[DistributionRow],
) -> Figure {
    let f = &view.data.framework;
    let names: Vec<String> = (0..f.categories.len())
        .map(|i| f.category_name_in(view.lang.code, i).to_string())
        .collect();
    let year = view
        .latest_year()
        .map(|y| view.scores.years[y])
        .unwrap_or_default();
    let title = format!("{}: {subject} ({year})", view.word("distribusi_judul"));
    let counts = |r: &DistributionRow| {
        r.stats
            .map(|g| g.categories.clone())
            .unwrap_or_else(|| vec![0; names.len()])
    };
    let chart_rows: Vec<stacked::Row> = rows
        .iter()
        .map(|r| stacked::Row {
            label: r.label.clone(),
            counts: counts(r),
            strong: r.strong,
        })
        .collect();
    let desc = format!(
        "{} {}",
        view.word("distribusi_desc"),
        chart_rows
            .iter()
            .map(|r| {
                let parts: Vec<String> = r
                    .counts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{}: {c}", i + 1))
                    .collect();
                format!("{} ({})", r.label, parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let svg = Stacked {
        id,
        title: &title,
        desc: &desc,
        rows: &chart_rows,
        categories: &names,
        empty: &view.word("tidak_ada_data"),
    }
    .to_svg();
    let mut headers = vec![view.word("wilayah")];
    headers.extend(names.iter().cloned());
    headers.push(view.word("n_sekolah"));
    let table_rows = chart_rows
        .iter()
        .map(|r| {
            let mut row = vec![r.label.clone()];
            row.extend(r.counts.iter().map(|c| c.to_string()));
            row.push(n_text(view, r.counts.iter().sum()));
            row
        })
        .collect();
    Figure {
        kind: "stacked",
        svg: Safe(svg),
        caption: view.word("distribusi_keterangan"),
        table_href: None,
        table: Some(DataTable {
            links: rows.iter().map(|r| r.href.clone()).collect(),
            ..DataTable::new(title, headers, table_rows)
        }),
        downloads: None,
    }
}

/// The peta mutu of the given regions (those with a shape), linked to their pages. `None`
/// when none of them has a shape: no boundaries, no map.
pub fn map_figure(
    view: &SiteView,
    boundaries: &Boundaries,
    linker: &Linker,
    subject: &str,
    regions: &[&crate::model::Region],
    table_href: &str,
) -> Option<Figure> {
    let f = &view.data.framework;
    let y = view.latest_year()?;
    let year = view.scores.years[y];
    let mut areas = Vec::new();
    let mut means: Vec<(String, f64)> = Vec::new();
    for region in regions {
        let Some(shape) = boundaries.shapes.get(&region.kode) else {
            continue;
        };
        let mean = view
            .aggregates
            .region(y, &region.kode)
            .and_then(|s| s.all.total);
        let title = match mean {
            Some(m) => {
                means.push((region.nama.clone(), m.mean));
                let cell = view.numbers.score(f, Some(m.mean));
                format!(
                    "{}: {} {} (n = {})",
                    region.nama, cell.text, cell.category, m.n
                )
            }
            None => format!("{}: {}", region.nama, view.word("tidak_ada_data")),
        };
        areas.push(Area {
            shape,
            href: linker.to(&crate::plan::paths::region(&region.kode)),
            title,
            category: mean.map(|m| f.category_index(m.mean)),
        });
    }
    if areas.is_empty() {
        return None;
    }
    means.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let extremes = match (means.first(), means.last()) {
        (Some(hi), Some(lo)) => format!(
            " {} {} ({}); {} {} ({}).",
            view.word("tertinggi"),
            hi.0,
            view.numbers.shown(&view.data.framework, hi.1),
            view.word("terendah"),
            lo.0,
            view.numbers.shown(&view.data.framework, lo.1)
        ),
        _ => String::new(),
    };
    let title = format!("{}: {subject} ({year})", view.word("peta_judul"));
    let desc = format!("{}{extremes}", view.word("peta_desc"));
    let names: Vec<String> = (0..f.categories.len())
        .map(|i| f.category_name_in(view.lang.code, i).to_string())
        .collect();
    let svg = Map {
        id: "peta",
        title: &title,
        desc: &desc,
        areas: &areas,
        categories: &names,
        no_data: &view.word("tidak_ada_data"),
    }
    .to_svg()?;
    Some(Figure {
        kind: "map",
        svg: Safe(svg),
        caption: view.word("peta_keterangan"),
        table_href: Some(table_href.to_string()),
        table: None,
        downloads: None,
    })
}
