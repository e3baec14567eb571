//! Horizontal bars on the framework scale with category bands behind them: a school's
//! indicators (short labels to the left, a gap between standards) or the schools of a
//! model–imbas network (names above the bars). Each bar's value is written at its end.

use super::svg::{scale, Anchor, Point, Svg};
use super::{bands, category_class, WIDTH};
use crate::framework::Framework;

/// One bar.
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    /// The value as shown (`4,50`), or the word for "not available".
    pub text: String,
    /// Leave a gap above this bar (a new standard starts).
    pub gap_before: bool,
    /// Draw the label in bold (e.g. the model school of a network).
    pub strong: bool,
}

/// Where the bar labels go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    /// In a column of this width to the left of the bars (codes such as `4.5`).
    Left(i32),
    /// On their own line above each bar (school names).
    Above,
}

pub struct Bars<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub bars: &'a [Bar],
    pub labels: Labels,
    pub framework: &'a Framework,
    /// Text of the band ticks (category lower bounds); empty for none.
    pub ticks: &'a dyn Fn(f64) -> String,
}

const TOP: i32 = 34;
const BAR: i32 = 14;
const GAP: i32 = 10;

impl Bars<'_> {
    fn row_height(&self) -> i32 {
        match self.labels {
            Labels::Left(_) => 22,
            Labels::Above => 46,
        }
    }

    pub fn to_svg(&self) -> String {
        let f = self.framework;
        let x0 = match self.labels {
            Labels::Left(width) => width,
            Labels::Above => 12,
        };
        // Room to the right of the longest bar for its value.
        let x = (x0, WIDTH - 64);
        let gaps = self.bars.iter().filter(|b| b.gap_before).count() as i32;
        let bottom = TOP + self.row_height() * self.bars.len() as i32 + GAP * gaps + 4;
        let height = bottom + 30;
        let mut svg = Svg::new(self.id, "bars", (WIDTH, height), self.title, self.desc);
        bands(&mut svg, f, x, TOP, bottom, self.ticks);
        // Shapes and labels are collected by kind and written as a few shared elements.
        let mut labels: Vec<(Point, String)> = Vec::new();
        let mut strong_labels: Vec<(Point, String)> = Vec::new();
        let mut values: Vec<(Point, String)> = Vec::new();
        let mut missing: Vec<(Point, String)> = Vec::new();
        let mut by_category: Vec<Vec<(Point, (i32, i32))>> = vec![Vec::new(); f.categories.len()];
        let mut y = TOP + 4;
        for bar in self.bars {
            if bar.gap_before {
                y += GAP;
            }
            let (label_at, bar_top) = match self.labels {
                Labels::Left(_) => ((x0 - 8, y + 14), y + 2),
                Labels::Above => ((x0 + 2, y + 18), y + 26),
            };
            let list = if bar.strong {
                &mut strong_labels
            } else {
                &mut labels
            };
            list.push((label_at, bar.label.clone()));
            match bar.value {
                Some(v) => {
                    let end = scale(v, (f.scale.min, f.scale.max), x);
                    by_category[f.category_index(v)].push(((x.0, bar_top), (end - x.0, BAR + 2)));
                    values.push(((end + 6, bar_top + 14), bar.text.clone()));
                }
                None => missing.push(((x.0 + 6, bar_top + 14), bar.text.clone())),
            }
            y += self.row_height();
        }
        for (i, rects) in by_category.iter().enumerate() {
            svg.rects(&format!("bar {}", category_class(i)), rects);
        }
        let (anchor, halo) = match self.labels {
            Labels::Left(_) => (Anchor::End, ""),
            Labels::Above => (Anchor::Start, " halo"),
        };
        svg.texts(&format!("sm{halo}"), anchor, &labels);
        svg.texts(&format!("sm b{halo}"), anchor, &strong_labels);
        svg.texts("sm", Anchor::Start, &values);
        svg.texts("sm mu", Anchor::Start, &missing);
        svg.finish()
    }
}
