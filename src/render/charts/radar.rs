//! Radar chart of a school's standards against its kab/kota and province means. Each series
//! differs by line (solid, dashed, dotted) and marker (circle, square, diamond) as well as by
//! colour; the legend names them.

use super::svg::{Anchor, Marker, Point, Svg};
use super::WIDTH;

const HEIGHT: i32 = 456;
const CENTER: Point = (260, 188);
const RADIUS: f64 = 122.0;

/// One series on the radar.
pub struct Series<'a> {
    pub label: &'a str,
    /// One value per axis; `None` leaves the point out of the polygon.
    pub values: &'a [Option<f64>],
}

pub struct Radar<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    /// Axis labels (short standard names).
    pub axes: &'a [String],
    /// Scale maximum and the rings to draw (e.g. category lower bounds) with their labels.
    pub max: f64,
    pub rings: &'a [(f64, String)],
    /// The school first (solid, filled), then up to two comparisons (dashed, dotted).
    pub series: &'a [Series<'a>],
}

/// Line class, marker shape and marker class per series.
const STYLES: [(&str, Marker); 3] = [
    ("s1", Marker::Circle),
    ("s2", Marker::Square),
    ("s3", Marker::Diamond),
];

/// Point at a fractional axis position (0.5 = halfway between axes 0 and 1).
fn point_at(axis: f64, axes: usize, value: f64, max: f64) -> Point {
    let angle = -std::f64::consts::FRAC_PI_2 + axis * std::f64::consts::TAU / axes as f64;
    let r = RADIUS * (value / max).clamp(0.0, 1.0);
    (
        CENTER.0 + (r * angle.cos()).round() as i32,
        CENTER.1 + (r * angle.sin()).round() as i32,
    )
}

impl Radar<'_> {
    pub fn to_svg(&self) -> String {
        let n = self.axes.len();
        let mut svg = Svg::new(self.id, "radar", (WIDTH, HEIGHT), self.title, self.desc);
        let point = |i: usize, v: f64| point_at(i as f64, n, v, self.max);
        svg.group("g");
        for ring in self.rings.iter().map(|r| r.0).chain([self.max]) {
            let ring_points: Vec<Point> = (0..=n).map(|i| point(i % n, ring)).collect();
            svg.polyline("", &ring_points);
        }
        svg.end_group();
        let spokes: Vec<_> = (0..n).map(|i| (CENTER, point(i, self.max))).collect();
        svg.lines("g", &spokes);
        for (i, label) in self.axes.iter().enumerate() {
            let (x, y) = point_at(i as f64, n, self.max * 1.1, self.max);
            let anchor = if x < CENTER.0 - 10 {
                Anchor::End
            } else if x > CENTER.0 + 10 {
                Anchor::Start
            } else {
                Anchor::Middle
            };
            // Baseline a third of the text height below the point centres the label on it.
            svg.text("", anchor, (x, y + 7), label);
        }
        // Comparisons first, so the school's shape is drawn on top.
        for (s, series) in self.series.iter().enumerate().rev().take(STYLES.len()) {
            let (class, marker) = STYLES[s.min(STYLES.len() - 1)];
            let points: Vec<Point> = series
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| point(i, v)))
                .collect();
            if points.is_empty() {
                continue;
            }
            svg.group(class);
            if s == 0 {
                svg.polygon("area", &points);
            }
            let mut closed = points.clone();
            closed.push(points[0]);
            svg.polyline("", &closed);
            svg.markers(marker, &points);
            svg.end_group();
        }
        // Ring values sit between the first two axes and are drawn last, with a
        // white halo, so lines crossing them do not hide them.
        for (ring, label) in self.rings {
            let (x, y) = point_at(0.5, n, *ring, self.max);
            svg.text("sm mu halo", Anchor::Start, (x + 3, y + 6), label);
        }
        // Legend: one row per series, below the chart.
        let mut y = HEIGHT - 28 * self.series.len() as i32 + 6;
        for (s, series) in self.series.iter().enumerate().take(STYLES.len()) {
            let (class, marker) = STYLES[s];
            svg.group(class);
            svg.polyline("", &[(24, y), (64, y)]);
            svg.markers(marker, &[(44, y)]);
            svg.end_group();
            svg.text("", Anchor::Start, (76, y + 7), series.label);
            y += 28;
        }
        svg.finish()
    }
}
