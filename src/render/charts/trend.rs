//! Trend lines over the years as small multiples: one panel per standard (and one for the
//! total), each with up to three series (solid/circle, dashed/square, dotted/diamond). The
//! first and last value of each labelled series are written beside its line, so the change is
//! readable without the colours.

use super::svg::{scale, Anchor, Marker, Point, Svg};
use super::WIDTH;

/// One series: a value per year (`None` = no data that year).
pub struct Series<'a> {
    pub label: &'a str,
    pub values: Vec<Option<f64>>,
    /// Write the first and last values beside the line.
    pub labelled: bool,
}

/// One panel (a standard or the total).
pub struct Panel<'a> {
    pub title: String,
    pub series: Vec<Series<'a>>,
}

pub struct Trend<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub years: &'a [u16],
    pub panels: &'a [Panel<'a>],
    /// Value range of the y axis, shared by all panels so they compare.
    pub range: (f64, f64),
    pub number: &'a dyn Fn(f64) -> String,
}

const STYLES: [(&str, Marker); 3] = [
    ("s1", Marker::Circle),
    ("s2", Marker::Square),
    ("s3", Marker::Diamond),
];
const COLUMNS: i32 = 2;
const PANEL_W: i32 = WIDTH / COLUMNS;
const PANEL_H: i32 = 132;
/// Room either side of the lines for the first and last values.
const SIDE: i32 = 50;

/// What a trend chart draws the same for every chart with the same panels, years and value
/// range: the panel titles and grid lines under the series, the years under the last row.
/// Made once per range and reused (`Trend::to_svg_on`): every school page has a trend chart,
/// and its frame was about a third of it.
pub struct Frame {
    under: String,
    years: String,
}

impl Trend<'_> {
    pub fn to_svg(&self) -> String {
        self.to_svg_on(&self.frame())
    }

    /// The frame of this chart's panels, years and range.
    pub fn frame(&self) -> Frame {
        let mut titles = Vec::with_capacity(self.panels.len());
        let mut grid = Vec::new();
        for (p, panel) in self.panels.iter().enumerate() {
            let (left, top) = self.origin(p);
            titles.push(((left + 4, top + 20), panel.title.as_str()));
            // Light lines at whole units give every panel the same visible scale.
            let y = (top + PANEL_H - 22, top + 36);
            let mut unit = self.range.0.ceil();
            while unit <= self.range.1 {
                let at = scale(unit, self.range, y);
                grid.push(((left + 8, at), (left + PANEL_W - 8, at)));
                unit += 1.0;
            }
        }
        let mut under = Svg::fragment();
        under.texts("sm b", Anchor::Start, &titles);
        under.lines("g", &grid);
        // Years under the last row: first and last only, the table has them all.
        let mut years = Svg::fragment();
        if let (Some(first), Some(last)) = (self.years.first(), self.years.last()) {
            let y = self.rows() * PANEL_H + 6;
            years.text("sm mu", Anchor::Start, (SIDE - 6, y), &first.to_string());
            if self.years.len() > 1 {
                years.text(
                    "sm mu",
                    Anchor::End,
                    (PANEL_W - SIDE + 6, y),
                    &last.to_string(),
                );
            }
        }
        Frame {
            under: under.finish_fragment(),
            years: years.finish_fragment(),
        }
    }

    /// The chart on a frame made by `frame` for the same panels' titles, years and range.
    pub fn to_svg_on(&self, frame: &Frame) -> String {
        let rows = self.rows();
        let series_count = self
            .panels
            .iter()
            .map(|p| p.series.len())
            .max()
            .unwrap_or(0);
        let legend_top = rows * PANEL_H + 30;
        let height = legend_top + 28 * series_count as i32;
        let mut svg = Svg::new(self.id, "trend", (WIDTH, height), self.title, self.desc);
        // Everything is collected first, then written as a few shared elements: per series one
        // group with its lines and one marker path, one text per kind of label.
        let mut drawing = Drawing {
            lines: vec![Vec::new(); STYLES.len()],
            markers: vec![Vec::new(); STYLES.len()],
            labels: vec![(Vec::new(), Vec::new()); STYLES.len()],
        };
        for (p, panel) in self.panels.iter().enumerate() {
            self.panel(&mut drawing, panel, self.origin(p));
        }
        svg.raw(&frame.under);
        // Later series first, so the first (the subject) is drawn on top.
        for s in (0..STYLES.len()).rev() {
            if drawing.markers[s].is_empty() {
                continue;
            }
            let (class, marker) = STYLES[s];
            svg.group(class);
            for line in &drawing.lines[s] {
                svg.polyline("", line);
            }
            svg.markers(marker, &drawing.markers[s]);
            svg.end_group();
        }
        // Value labels take their series' colour, so two close labels stay told apart.
        for (s, (ends, starts)) in drawing.labels.iter().enumerate() {
            let class = format!("sm halo t{}", s + 1);
            svg.texts(&class, Anchor::End, ends);
            svg.texts(&class, Anchor::Start, starts);
        }
        svg.raw(&frame.years);
        if let Some(first) = self.panels.first() {
            let mut y = legend_top;
            for (s, series) in first.series.iter().enumerate().take(STYLES.len()) {
                let (class, marker) = STYLES[s];
                svg.group(class);
                svg.polyline("", &[(12, y), (52, y)]);
                svg.markers(marker, &[(32, y)]);
                svg.end_group();
                svg.text("", Anchor::Start, (64, y + 7), series.label);
                y += 28;
            }
        }
        svg.finish()
    }

    fn rows(&self) -> i32 {
        (self.panels.len() as i32 + COLUMNS - 1) / COLUMNS
    }

    /// The top left corner of panel `p`.
    fn origin(&self, p: usize) -> Point {
        let (col, row) = (p as i32 % COLUMNS, p as i32 / COLUMNS);
        (col * PANEL_W, row * PANEL_H)
    }

    fn panel(&self, drawing: &mut Drawing, panel: &Panel, (left, top): Point) {
        let x = (left + SIDE, left + PANEL_W - SIDE);
        let y = (top + PANEL_H - 22, top + 36);
        let n = self.years.len().max(1);
        let x_of = |i: usize| {
            if n == 1 {
                (x.0 + x.1) / 2
            } else {
                x.0 + ((x.1 - x.0) as f64 * i as f64 / (n - 1) as f64).round() as i32
            }
        };
        let mut end_labels: Vec<(i32, String, Anchor, i32, usize)> = Vec::new();
        for (s, series) in panel.series.iter().enumerate().take(STYLES.len()) {
            let points: Vec<(usize, Point)> = series
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, (x_of(i), scale(v, self.range, y)))))
                .collect();
            // A line only joins consecutive years; a missing year breaks it.
            let mut run: Vec<Point> = Vec::new();
            let mut last_index: Option<usize> = None;
            for &(i, p) in &points {
                if last_index.is_some_and(|l| l + 1 != i) {
                    if run.len() > 1 {
                        drawing.lines[s].push(std::mem::take(&mut run));
                    }
                    run.clear();
                }
                run.push(p);
                last_index = Some(i);
            }
            if run.len() > 1 {
                drawing.lines[s].push(run);
            }
            drawing.markers[s].extend(points.iter().map(|&(_, p)| p));
            if series.labelled {
                if let (Some(&(fi, fp)), Some(&(li, lp))) = (points.first(), points.last()) {
                    let value = |i: usize| series.values[i].map(self.number).unwrap_or_default();
                    end_labels.push((fp.1, value(fi), Anchor::End, fp.0 - 7, s));
                    if li != fi {
                        end_labels.push((lp.1, value(li), Anchor::Start, lp.0 + 7, s));
                    }
                }
            }
        }
        // Labels on the same side keep 17 units apart so two series never overprint.
        for anchor in [Anchor::End, Anchor::Start] {
            let mut side: Vec<&mut (i32, String, Anchor, i32, usize)> =
                end_labels.iter_mut().filter(|l| l.2 == anchor).collect();
            side.sort_by_key(|l| l.0);
            for i in 1..side.len() {
                let previous = side[i - 1].0;
                if side[i].0 - previous < 17 {
                    side[i].0 = previous + 17;
                }
            }
        }
        for (y, text, anchor, x, s) in end_labels {
            let (ends, starts) = &mut drawing.labels[s];
            let list = if anchor == Anchor::End { ends } else { starts };
            list.push(((x, y + 6), text));
        }
    }
}

/// A trend chart's series shapes and labels, collected over all panels.
struct Drawing {
    /// Per series: its line runs and its marker points.
    lines: Vec<Vec<Vec<Point>>>,
    markers: Vec<Vec<Point>>,
    /// Per series: value labels left of the first point, right of the last.
    labels: Vec<(Labels, Labels)>,
}

/// Text labels at their points.
type Labels = Vec<(Point, String)>;

/// A y range for values on `[min, max]` of the scale: whole units around the data, at least
/// two units tall, so small changes show without exaggerating them.
pub fn range_of(
    values: impl IntoIterator<Item = f64>,
    scale_min: f64,
    scale_max: f64,
) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (scale_min, scale_max);
    }
    let mut lo = (lo - 0.25).floor().max(scale_min);
    let mut hi = (hi + 0.25).ceil().min(scale_max);
    if hi - lo < 2.0 {
        if hi + 1.0 <= scale_max {
            hi += 1.0;
        }
        if hi - lo < 2.0 {
            lo = (lo - 1.0).max(scale_min);
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart<'a>(panels: &'a [Panel<'a>], range: (f64, f64)) -> Trend<'a> {
        Trend {
            id: "tren",
            title: "Tren",
            desc: "Nilai per tahun",
            years: &[2019, 2020],
            panels,
            range,
            number: &|v| format!("{v:.2}"),
        }
    }

    fn panels<'a>(label: &'a str, values: [Option<f64>; 2]) -> Vec<Panel<'a>> {
        ["SKL", "Isi", "Total"]
            .iter()
            .map(|title| Panel {
                title: title.to_string(),
                series: vec![Series {
                    label,
                    values: values.to_vec(),
                    labelled: true,
                }],
            })
            .collect()
    }

    #[test]
    fn a_frame_serves_every_chart_with_the_same_panels_years_and_range() {
        let (a, b) = (
            panels("SD A", [Some(4.0), Some(4.5)]),
            panels("SD B & C", [Some(3.5), None]),
        );
        let (a, b) = (chart(&a, (3.0, 6.0)), chart(&b, (3.0, 6.0)));
        let framed = b.to_svg_on(&a.frame());
        assert_eq!(framed, b.to_svg());
        assert_ne!(framed, a.to_svg());
        assert!(framed.contains("SD B &amp; C") && !framed.contains("SD A"));
        assert!(framed.contains(">SKL</tspan>") && framed.contains(">2020</text>"));
        // Another range has other grid lines.
        let wider = panels("SD B & C", [Some(3.5), None]);
        assert_ne!(chart(&wider, (2.0, 6.0)).to_svg(), b.to_svg());
    }
}
