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

    /// Left end of the bars and their range in x.
    fn x(&self) -> (i32, (i32, i32)) {
        let x0 = match self.labels {
            Labels::Left(width) => width,
            Labels::Above => 12,
        };
        // Room to the right of the longest bar for its value.
        (x0, (x0, WIDTH - 64))
    }

    /// Bottom of the plot: below the last row.
    fn bottom(&self) -> i32 {
        let gaps = self.bars.iter().filter(|b| b.gap_before).count() as i32;
        TOP + self.row_height() * self.bars.len() as i32 + GAP * gaps + 4
    }

    /// Top of each bar's row, gaps included.
    fn rows(&self) -> impl Iterator<Item = (&Bar, i32)> {
        let mut y = TOP + 4;
        self.bars.iter().map(move |bar| {
            if bar.gap_before {
                y += GAP;
            }
            let row = y;
            y += self.row_height();
            (bar, row)
        })
    }

    pub fn to_svg(&self) -> String {
        self.to_svg_on(&self.frame())
    }

    /// What does not depend on the values: the category bands and the bar labels. The same
    /// for every chart with the same labels, gaps and framework (every school's indicators).
    pub fn frame(&self) -> Frame {
        let (x0, x) = self.x();
        let mut under = Svg::fragment();
        bands(
            &mut under,
            self.framework,
            x,
            TOP,
            self.bottom(),
            self.ticks,
        );
        let mut labels: Vec<(Point, String)> = Vec::new();
        let mut strong_labels: Vec<(Point, String)> = Vec::new();
        for (bar, y) in self.rows() {
            let label_at = match self.labels {
                Labels::Left(_) => (x0 - 8, y + 14),
                Labels::Above => (x0 + 2, y + 18),
            };
            let list = if bar.strong {
                &mut strong_labels
            } else {
                &mut labels
            };
            list.push((label_at, bar.label.clone()));
        }
        let (anchor, halo) = match self.labels {
            Labels::Left(_) => (Anchor::End, ""),
            Labels::Above => (Anchor::Start, " halo"),
        };
        let mut over = Svg::fragment();
        over.texts(&format!("sm{halo}"), anchor, &labels);
        over.texts(&format!("sm b{halo}"), anchor, &strong_labels);
        Frame {
            under: under.finish_fragment(),
            labels: over.finish_fragment(),
        }
    }

    /// The chart on a frame made by `frame` from bars with the same labels and gaps.
    pub fn to_svg_on(&self, frame: &Frame) -> String {
        let f = self.framework;
        let (_, x) = self.x();
        let height = self.bottom() + 30;
        let mut svg = Svg::new(self.id, "bars", (WIDTH, height), self.title, self.desc);
        svg.raw(&frame.under);
        // Shapes and labels are collected by kind and written as a few shared elements.
        let mut values: Vec<(Point, &str)> = Vec::new();
        let mut missing: Vec<(Point, &str)> = Vec::new();
        let mut by_category: Vec<Vec<(Point, (i32, i32))>> = vec![Vec::new(); f.categories.len()];
        for (bar, y) in self.rows() {
            let bar_top = match self.labels {
                Labels::Left(_) => y + 2,
                Labels::Above => y + 26,
            };
            match bar.value {
                Some(v) => {
                    let end = scale(v, (f.scale.min, f.scale.max), x);
                    by_category[f.category_index(v)].push(((x.0, bar_top), (end - x.0, BAR + 2)));
                    values.push(((end + 6, bar_top + 14), &bar.text));
                }
                None => missing.push(((x.0 + 6, bar_top + 14), &bar.text)),
            }
        }
        for (i, rects) in by_category.iter().enumerate() {
            svg.rects(&format!("bar {}", category_class(i)), rects);
        }
        svg.raw(&frame.labels);
        svg.texts("sm", Anchor::Start, &values);
        svg.texts("sm mu", Anchor::Start, &missing);
        svg.finish()
    }
}

/// The parts of a bar chart that do not depend on its values (`Bars::frame`).
pub struct Frame {
    under: String,
    labels: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A frame holds the bands and labels only: one drawn for a school fits every other.
    #[test]
    fn a_frame_fits_every_chart_with_the_same_labels() {
        let f = Framework::load(Path::new("."), "rapor-mutu").unwrap();
        let bars = |values: [Option<f64>; 3]| -> Vec<Bar> {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| Bar {
                    label: format!("1.{}", i + 1),
                    value: *v,
                    text: v.map_or("–".into(), |v| format!("{v:.2}")),
                    gap_before: i == 2,
                    strong: false,
                })
                .collect()
        };
        let ticks = |v: f64| format!("{v:.1}");
        let chart = |bars| Bars {
            id: "indikator",
            title: "Indikator",
            desc: "Nilai",
            bars,
            labels: Labels::Left(60),
            framework: &f,
            ticks: &ticks,
        };
        let (a, b) = (
            bars([Some(1.5), None, Some(6.0)]),
            bars([Some(5.5), Some(3.25), None]),
        );
        let (a, b) = (chart(&a), chart(&b));
        let framed = b.to_svg_on(&a.frame());
        assert_eq!(framed, b.to_svg());
        assert_ne!(framed, a.to_svg());
        assert!(framed.contains(">3.25</tspan>") && !framed.contains(">1.50</tspan>"));
        assert!(framed.contains(">1.3</tspan>"), "{framed}");
    }
}
