//! The downloadable tables of the pages (`render::download`): the same numbers the page
//! shows, as rounded there, with column labels in the page's language and stable keys.

use super::{peran_label, status_label};
use crate::framework::Display;
use crate::model::{Region, School};
use crate::render::download::{column_key, Cell, Column, Dataset};
use crate::render::view::SiteView;
use crate::score::aggregate::{GroupStats, Mean};
use crate::score::analysis::delta;
use crate::score::SchoolScore;

/// A value as the site shows it: the number, or its label for a framework shown as labels.
pub fn value(view: &SiteView, v: Option<f64>) -> Cell {
    let f = &view.data.framework;
    match (v, f.display) {
        (None, _) => Cell::Empty,
        (Some(v), Display::Label) => Cell::Text(view.numbers.shown(f, v)),
        (Some(v), Display::Number) => Cell::Number(v),
    }
}

/// The category name of a value (empty when not available).
pub fn category(view: &SiteView, v: Option<f64>) -> Cell {
    let f = &view.data.framework;
    match v {
        Some(v) => Cell::text(f.category_name_in(view.lang.code, f.category_index(v))),
        None => Cell::Empty,
    }
}

/// A change as a number, or in words for a framework shown as labels.
pub fn change(view: &SiteView, d: Option<f64>) -> Cell {
    let f = &view.data.framework;
    match (d, f.display) {
        (None, _) => Cell::Empty,
        (Some(d), Display::Label) => {
            Cell::text(f.change_label_in(view.lang.code, f.change(0.0, d)))
        }
        (Some(d), Display::Number) => Cell::Number(d),
    }
}

fn mean_cells(view: &SiteView, m: Option<Mean>) -> [Cell; 2] {
    [
        value(view, m.map(|m| m.mean)),
        m.map(|m| Cell::Count(m.n)).unwrap_or(Cell::Empty),
    ]
}

pub(super) fn column(view: &SiteView, key: &str, word: &str) -> Column {
    Column::new(key, view.word(word))
}

/// A column per standard (`standar_1`, "Standar 1"), then the total and its category.
pub(super) fn standard_columns(view: &SiteView, columns: &mut Vec<Column>) {
    let f = &view.data.framework;
    let unit = f.unit_heading_in(view.lang.code);
    for s in &f.standards {
        columns.push(Column::new(
            format!("standar_{}", s.code),
            format!("{unit} {}", s.code),
        ));
    }
    columns.push(column(view, "nilai", "nilai_total"));
    columns.push(column(view, "kategori", "kategori"));
}

/// The cells of `standard_columns` for one school's score (empty without a score).
pub(super) fn standard_cells(view: &SiteView, score: Option<&SchoolScore>, row: &mut Vec<Cell>) {
    let f = &view.data.framework;
    row.extend((0..f.standards.len()).map(|s| value(view, score.and_then(|sc| sc.standards[s]))));
    let total = score.and_then(|sc| sc.total);
    row.push(value(view, total));
    row.push(category(view, total));
}

/// A school's identity columns in school tables and score downloads: NPSN, name, jenjang,
/// status, role, its model school and its kab/kota code.
pub(super) fn identity_columns(view: &SiteView) -> Vec<Column> {
    vec![
        column(view, "npsn", "npsn"),
        column(view, "nama", "nama"),
        column(view, "jenjang", "jenjang"),
        column(view, "status", "status"),
        column(view, "peran", "peran"),
        column(view, "sekolah_model", "dibina_oleh"),
        column(view, "kode_wilayah", "kode"),
    ]
}

/// The cells of `identity_columns` for one school.
pub(super) fn identity_cells(view: &SiteView, school: &School) -> Vec<Cell> {
    vec![
        Cell::text(&school.npsn),
        Cell::text(&school.nama),
        Cell::text(school.jenjang.as_str()),
        Cell::text(status_label(view, school.status)),
        Cell::text(peran_label(view, school.peran)),
        Cell::text(school.sekolah_model.clone().unwrap_or_default()),
        Cell::text(&school.kode_wilayah),
    ]
}

/// Means per standard and of the total for a group, with n and the change since the
/// previous year (the standards table of a region and of the home page).
pub fn standard_means(
    view: &SiteView,
    stats: Option<&GroupStats>,
    previous: Option<&GroupStats>,
) -> Dataset {
    let f = &view.data.framework;
    let unit = f.unit_heading_in(view.lang.code);
    let mut dataset = Dataset::new(
        "standar",
        format!(
            "{} {}",
            view.word("nilai_per"),
            f.unit_label_in(view.lang.code)
        ),
        vec![
            column(view, "kode", "kode"),
            Column::new("nama", unit),
            column(view, "rerata", "rerata"),
            column(view, "kategori", "kategori"),
            column(view, "n", "n_sekolah"),
            column(view, "perubahan", "perubahan"),
        ],
    );
    let mut push = |code: &str, name: &str, now: Option<Mean>, before: Option<Mean>| {
        let mean = now.map(|m| m.mean);
        dataset.rows.push(vec![
            Cell::text(code),
            Cell::text(name),
            value(view, mean),
            category(view, mean),
            now.map(|m| Cell::Count(m.n)).unwrap_or(Cell::Empty),
            change(view, delta(f, before.map(|m| m.mean), mean)),
        ]);
    };
    for (s, standard) in f.standards.iter().enumerate() {
        push(
            &standard.code,
            &standard.name,
            stats.and_then(|g| g.standards[s]),
            previous.and_then(|g| g.standards[s]),
        );
    }
    push(
        "",
        &view.word("nilai_total"),
        stats.and_then(|g| g.total),
        previous.and_then(|g| g.total),
    );
    dataset
}

/// Schools per category of their total.
pub fn category_counts(view: &SiteView, stats: Option<&GroupStats>) -> Dataset {
    let f = &view.data.framework;
    let mut dataset = Dataset::new(
        "kategori",
        view.word("sebaran_kategori"),
        vec![
            column(view, "kategori", "kategori"),
            column(view, "jumlah_sekolah", "jumlah_sekolah"),
        ],
    );
    for i in 0..f.categories.len() {
        dataset.rows.push(vec![
            Cell::text(f.category_name_in(view.lang.code, i)),
            Cell::Count(stats.map(|g| g.categories[i]).unwrap_or(0)),
        ]);
    }
    dataset
}

/// A list of regions with their schools, mean total, category and change.
pub fn regions(view: &SiteView, name: &str, title: String, list: &[&Region]) -> Dataset {
    let f = &view.data.framework;
    let mut dataset = Dataset::new(
        name,
        title,
        vec![
            column(view, "kode", "kode"),
            column(view, "nama", "wilayah"),
            column(view, "jumlah_sekolah", "jumlah_sekolah"),
            column(view, "sekolah_model", "sekolah_model"),
            column(view, "sekolah_imbas", "sekolah_imbas"),
            column(view, "rerata", "rerata"),
            column(view, "n", "n_sekolah"),
            column(view, "kategori", "kategori"),
            column(view, "perubahan", "perubahan"),
        ],
    );
    for region in list {
        let stats = |y: Option<usize>| {
            y.and_then(|y| view.aggregates.region(y, &region.kode))
                .map(|s| &s.all)
        };
        let (now, before) = (stats(view.latest_year()), stats(view.previous_year()));
        let total = now.and_then(|g| g.total);
        let mean = total.map(|m| m.mean);
        let count = |c: fn(&GroupStats) -> usize| Cell::Count(now.map(c).unwrap_or(0));
        dataset.rows.push(vec![
            Cell::text(&region.kode),
            Cell::text(&region.nama),
            count(|g| g.schools),
            count(|g| g.model),
            count(|g| g.imbas),
            value(view, mean),
            total.map(|m| Cell::Count(m.n)).unwrap_or(Cell::Empty),
            category(view, mean),
            change(
                view,
                delta(f, before.and_then(|g| g.total).map(|m| m.mean), mean),
            ),
        ]);
    }
    dataset
}

/// Schools with their identity and latest scores per standard and in total.
pub fn schools(view: &SiteView, name: &str, title: String, list: &[usize]) -> Dataset {
    let data = view.data;
    let mut columns = identity_columns(view);
    columns.push(column(view, "wilayah", "wilayah"));
    standard_columns(view, &mut columns);
    let mut dataset = Dataset::new(name, title, columns);
    let latest = view.latest_year();
    for &i in list {
        let school = &data.schools[i];
        let score = latest.and_then(|y| view.scores.get(y, i));
        let mut row = identity_cells(view, school);
        let region = data.region(&school.kode_wilayah);
        row.push(Cell::text(region.map(|r| r.nama.as_str()).unwrap_or("")));
        standard_cells(view, score, &mut row);
        dataset.rows.push(row);
    }
    dataset
}

/// The model–imbas networks among `schools`: the model's latest total and the imbas mean,
/// and their change from the first to the latest year.
pub fn networks(view: &SiteView, schools: &[usize]) -> Dataset {
    let f = &view.data.framework;
    let mut dataset = Dataset::new(
        "jejaring",
        view.word("daftar_jejaring"),
        vec![
            column(view, "npsn", "npsn"),
            column(view, "sekolah_model", "sekolah_model"),
            column(view, "jumlah_imbas", "jumlah_imbas"),
            column(view, "nilai_model", "nilai_model"),
            column(view, "rerata_imbas", "rerata_imbas"),
            column(view, "n_imbas", "n_sekolah"),
            column(view, "perubahan_model", "perubahan_model"),
            column(view, "perubahan_imbas", "perubahan_imbas"),
        ],
    );
    let Some(last) = view.latest_year() else {
        return dataset;
    };
    for &m in schools {
        let (Some(imbas), Some(groups)) =
            (view.imbas_by_model.get(&m), view.analysis.networks.get(&m))
        else {
            continue;
        };
        let model_total = |y: usize| view.scores.get(y, m).and_then(|s| s.total);
        let imbas_mean = |y: usize| groups.get(y).and_then(|g| g.total);
        let school = &view.data.schools[m];
        let mut row = vec![
            Cell::text(&school.npsn),
            Cell::text(&school.nama),
            Cell::Count(imbas.len()),
            value(view, model_total(last)),
        ];
        row.extend(mean_cells(view, imbas_mean(last)));
        row.push(change(view, delta(f, model_total(0), model_total(last))));
        row.push(change(
            view,
            delta(
                f,
                imbas_mean(0).map(|m| m.mean),
                imbas_mean(last).map(|m| m.mean),
            ),
        ));
        dataset.rows.push(row);
    }
    dataset
}

/// The schools that rose and fell most since the previous year.
pub fn movers(
    view: &SiteView,
    risers: &[crate::score::analysis::Mover],
    fallers: &[crate::score::analysis::Mover],
) -> Dataset {
    let mut dataset = Dataset::new(
        "naik-turun",
        view.word("naik_turun"),
        vec![
            column(view, "daftar", "daftar"),
            column(view, "npsn", "npsn"),
            column(view, "nama", "nama"),
            column(view, "nilai", "nilai"),
            column(view, "perubahan", "perubahan"),
        ],
    );
    let latest = view.latest_year();
    for (list, word) in [(risers, "naik_terbanyak"), (fallers, "turun_terbanyak")] {
        for mover in list {
            let school = &view.data.schools[mover.school];
            let total = latest
                .and_then(|y| view.scores.get(y, mover.school))
                .and_then(|s| s.total);
            dataset.rows.push(vec![
                Cell::Text(view.word(word)),
                Cell::text(&school.npsn),
                Cell::text(&school.nama),
                value(view, total),
                change(view, Some(mover.delta)),
            ]);
        }
    }
    dataset
}

/// A region's schools per jenjang: how many, their mean total and its category.
pub fn by_jenjang(view: &SiteView, stats: &crate::score::aggregate::RegionStats) -> Dataset {
    let mut dataset = Dataset::new(
        "per-jenjang",
        view.word("per_jenjang"),
        vec![
            column(view, "jenjang", "jenjang"),
            column(view, "jumlah_sekolah", "jumlah_sekolah"),
            column(view, "rerata", "rerata"),
            column(view, "n", "n_sekolah"),
            column(view, "kategori", "kategori"),
        ],
    );
    for (jenjang, g) in &stats.by_jenjang {
        let mut row = vec![Cell::text(jenjang.as_str()), Cell::Count(g.schools)];
        row.extend(mean_cells(view, g.total));
        row.push(category(view, g.total.map(|m| m.mean)));
        dataset.rows.push(row);
    }
    dataset
}

/// A model–imbas network: each member's latest scores per standard, its total every year and
/// its changes, then the imbas schools' mean.
pub fn network(view: &SiteView, model: usize, members: &[usize], groups: &[GroupStats]) -> Dataset {
    let data = view.data;
    let f = &data.framework;
    let years = &view.scores.years;
    let (latest, previous) = (view.latest_year(), view.previous_year());
    let unit = f.unit_heading_in(view.lang.code);
    let latest_year = latest.map(|y| years[y].to_string()).unwrap_or_default();
    let mut columns = vec![
        column(view, "npsn", "npsn"),
        column(view, "nama", "nama"),
        column(view, "jenjang", "jenjang"),
        column(view, "peran", "peran"),
    ];
    for s in &f.standards {
        columns.push(Column::new(
            format!("standar_{}", s.code),
            format!("{unit} {} ({latest_year})", s.code),
        ));
    }
    columns.push(Column::new(
        "nilai",
        format!("{} ({latest_year})", view.word("nilai_total")),
    ));
    columns.push(column(view, "perubahan", "perubahan"));
    for year in years {
        columns.push(Column::new(
            format!("nilai_{year}"),
            format!("{} {year}", view.word("nilai_total")),
        ));
    }
    columns.push(column(view, "n", "n_sekolah"));
    columns.push(Column::new(
        "perubahan_sejak_awal",
        format!(
            "{} {} {}",
            view.word("perubahan"),
            view.word("sejak").to_lowercase(),
            years.first().map(|y| y.to_string()).unwrap_or_default()
        ),
    ));
    let title = format!("{} {}", view.word("jejaring"), data.schools[model].nama);
    let mut dataset = Dataset::new("jejaring", title, columns);
    for &i in members {
        let s = &data.schools[i];
        let total = |y: Option<usize>| {
            y.and_then(|y| view.scores.get(y, i))
                .and_then(|sc| sc.total)
        };
        let score = latest.and_then(|y| view.scores.get(y, i));
        let mut row = vec![
            Cell::text(&s.npsn),
            Cell::text(&s.nama),
            Cell::text(s.jenjang.as_str()),
            Cell::text(peran_label(view, s.peran)),
        ];
        row.extend(
            (0..f.standards.len()).map(|k| value(view, score.and_then(|sc| sc.standards[k]))),
        );
        row.push(value(view, total(latest)));
        row.push(change(view, delta(f, total(previous), total(latest))));
        row.extend((0..years.len()).map(|y| value(view, total(Some(y)))));
        row.push(Cell::Count(1));
        row.push(change(view, delta(f, total(Some(0)), total(latest))));
        dataset.rows.push(row);
    }
    let imbas_latest = latest.and_then(|y| groups.get(y));
    let mean = |y: Option<usize>| y.and_then(|y| groups.get(y)).and_then(|g| g.total);
    let mut row = vec![
        Cell::Empty,
        Cell::Text(view.word("rerata_imbas")),
        Cell::Empty,
        Cell::Text(view.word("peran_imbas")),
    ];
    row.extend((0..f.standards.len()).map(|k| {
        value(
            view,
            imbas_latest.and_then(|g| g.standards[k]).map(|m| m.mean),
        )
    }));
    row.push(value(view, mean(latest).map(|m| m.mean)));
    row.push(change(
        view,
        delta(
            f,
            mean(previous).map(|m| m.mean),
            mean(latest).map(|m| m.mean),
        ),
    ));
    row.extend((0..years.len()).map(|y| value(view, mean(Some(y)).map(|m| m.mean))));
    row.push(
        mean(latest)
            .map(|m| Cell::Count(m.n))
            .unwrap_or(Cell::Empty),
    );
    row.push(change(
        view,
        delta(
            f,
            mean(Some(0)).map(|m| m.mean),
            mean(latest).map(|m| m.mean),
        ),
    ));
    dataset.rows.push(row);
    dataset
}

/// A table of an article (`[[tabel]]`), with its totals row: counts as numbers.
pub fn article_table(number: usize, table: &crate::model::DataTable) -> Dataset {
    let columns = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| Column::new(column_key(h, i), h.clone()))
        .collect();
    let mut dataset = Dataset::new(
        &format!("tabel-{}", number + 1),
        table.title.clone(),
        columns,
    );
    for row in table.rows.iter().chain(table.total_row.as_ref()) {
        dataset.rows.push(
            row.iter()
                .enumerate()
                .map(
                    |(i, cell)| match (table.numeric.get(i), cell.parse::<usize>()) {
                        (Some(true), Ok(n)) => Cell::Count(n),
                        _ if cell.is_empty() => Cell::Empty,
                        _ => Cell::text(cell),
                    },
                )
                .collect(),
        );
    }
    dataset
}

/// The framework's scale: each category with its range and stars (the methodology page).
pub fn scale(view: &SiteView) -> Dataset {
    let f = &view.data.framework;
    let mut dataset = Dataset::new(
        "kategori",
        view.word("skala"),
        vec![
            column(view, "kategori", "kategori"),
            Column::new("min", format!("{} (min)", view.word("rentang"))),
            Column::new("max", format!("{} (max)", view.word("rentang"))),
            column(view, "bintang", "bintang"),
        ],
    );
    for (i, c) in f.categories.iter().enumerate() {
        dataset.rows.push(vec![
            Cell::text(f.category_name_in(view.lang.code, i)),
            Cell::Number(c.min),
            Cell::Number(c.max),
            Cell::Count(c.stars as usize),
        ]);
    }
    dataset
}
