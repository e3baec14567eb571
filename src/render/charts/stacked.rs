//! Schools per category as 100 % stacked bars, one per child region (or jenjang), lowest
//! category on the left. Segments wide enough carry their count; the legend gives each
//! category's level number and name, and the data table gives every count.

use super::svg::{Anchor, Svg};
use super::{category_class, WIDTH};

pub struct Row {
    pub label: String,
    /// Schools per category (framework order).
    pub counts: Vec<usize>,
    pub strong: bool,
}

pub struct Stacked<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub rows: &'a [Row],
    /// Category names, lowest first.
    pub categories: &'a [String],
    /// Shown for a row without schools.
    pub empty: &'a str,
}

const ROW: i32 = 56;
const BAR: i32 = 26;
const X: (i32, i32) = (12, WIDTH - 12);

impl Stacked<'_> {
    pub fn to_svg(&self) -> String {
        let legend_rows = self.categories.len().div_ceil(2) as i32;
        let top = 12 + 28 * legend_rows;
        let height = top + ROW * self.rows.len() as i32 + 8;
        let mut svg = Svg::new(self.id, "stacked", (WIDTH, height), self.title, self.desc);
        // Legend in two columns: swatch with the level number, then the name.
        for (i, name) in self.categories.iter().enumerate() {
            let (col, row) = (i as i32 % 2, i as i32 / 2);
            let (x, y) = (X.0 + col * (WIDTH / 2), 8 + row * 28);
            svg.group(&format!("seg {}", category_class(i)));
            svg.rect("", (x, y), (30, 20));
            svg.text(
                "sm b",
                Anchor::Middle,
                (x + 15, y + 16),
                &(i + 1).to_string(),
            );
            svg.end_group();
            svg.text("sm", Anchor::Start, (x + 38, y + 16), name);
        }
        let width = X.1 - X.0;
        for (r, row) in self.rows.iter().enumerate() {
            let y = top + ROW * r as i32;
            let class = if row.strong { "sm b" } else { "sm" };
            svg.text(class, Anchor::Start, (X.0, y + 18), &row.label);
            let total: usize = row.counts.iter().sum();
            let bar_top = y + 24;
            if total == 0 {
                svg.text("sm mu", Anchor::Start, (X.0, bar_top + 19), self.empty);
                continue;
            }
            // Cumulative rounding: segment edges land on whole units and the bar ends exactly.
            let mut done = 0;
            for (i, &count) in row.counts.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let from = X.0 + (width as usize * done / total) as i32;
                done += count;
                let to = X.0 + (width as usize * done / total) as i32;
                svg.group(&format!("seg {}", category_class(i)));
                svg.rect("", (from, bar_top), (to - from, BAR));
                if to - from >= 30 {
                    svg.text(
                        "sm b",
                        Anchor::Middle,
                        ((from + to) / 2, bar_top + 19),
                        &count.to_string(),
                    );
                }
                svg.end_group();
            }
        }
        svg.finish()
    }
}
