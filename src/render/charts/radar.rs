//! Radar chart of a school's standards against its kab/kota and province means. Each series
//! differs by line (solid, dashed, dotted) and marker (circle, square, diamond) as well as by
//! colour; the legend names them.

use super::backend::{ink, ClassBackend, NoError};
use super::svg::{Marker, Point, Svg};
use super::WIDTH;
use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

type Drawn = Result<(), DrawingAreaErrorKind<NoError>>;

/// Chart parts (`backend::PARTS`) used here.
const TEXT: usize = 0;
const GRID: usize = 1;
const AREA: usize = 3;
const RING_LABEL: usize = 6;

/// Chart part and marker shape per series.
const STYLES: [(usize, Marker); 3] = [
    (2, Marker::Circle),
    (4, Marker::Square),
    (5, Marker::Diamond),
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

/// The parts of a radar that are the same for every school of a site language: the rings,
/// spokes and axis labels under the series, and the ring values over them. Drawn once and
/// reused (`Radar::to_svg_on`): they were over half of each school's radar.
pub struct Frame {
    under: String,
    over: String,
}

impl Radar<'_> {
    /// Lays the chart out with plotters' elements, written as compact SVG by `ClassBackend`.
    pub fn to_svg(&self) -> String {
        self.to_svg_on(&self.frame())
    }

    /// The chart on a frame drawn by `frame` from the same axes, rings and maximum.
    pub fn to_svg_on(&self, frame: &Frame) -> String {
        let mut svg = Svg::new(self.id, "radar", (WIDTH, HEIGHT), self.title, self.desc);
        svg.raw(&frame.under);
        self.layer(&mut svg, |r, root| r.draw_series(root));
        svg.raw(&frame.over);
        self.layer(&mut svg, |r, root| r.draw_legend(root));
        svg.finish()
    }

    /// The frame: what does not depend on the series.
    pub fn frame(&self) -> Frame {
        let mut under = Svg::fragment();
        self.layer(&mut under, |r, root| r.draw_grid(root));
        let mut over = Svg::fragment();
        self.layer(&mut over, |r, root| r.draw_ring_labels(root));
        Frame {
            under: under.finish_fragment(),
            over: over.finish_fragment(),
        }
    }

    /// Draws one layer into `svg`; each layer closes its own groups.
    fn layer(
        &self,
        svg: &mut Svg,
        draw: impl FnOnce(&Self, &DrawingArea<ClassBackend, Shift>) -> Drawn,
    ) {
        let backend = ClassBackend::new(svg, (WIDTH as u32, HEIGHT as u32));
        let root = backend.into_drawing_area();
        // Drawing into a String cannot fail (the backend's error type is never built).
        let _ = draw(self, &root);
        let _ = root.present();
    }

    fn point(&self, i: usize, v: f64) -> Point {
        point_at(i as f64, self.axes.len(), v, self.max)
    }

    fn draw_grid(&self, root: &DrawingArea<ClassBackend, Shift>) -> Drawn {
        let n = self.axes.len();
        for ring in self.rings.iter().map(|r| r.0).chain([self.max]) {
            let ring_points: Vec<Point> = (0..=n).map(|i| self.point(i % n, ring)).collect();
            root.draw(&PathElement::new(ring_points, ink(GRID)))?;
        }
        // All spokes as one path out and back through the centre: one element.
        let spokes: Vec<Point> = (0..n)
            .flat_map(|i| [CENTER, self.point(i, self.max)])
            .collect();
        root.draw(&PathElement::new(spokes, ink(GRID)))?;
        for (i, label) in self.axes.iter().enumerate() {
            let (x, y) = point_at(i as f64, n, self.max * 1.1, self.max);
            let h = if x < CENTER.0 - 10 {
                HPos::Right
            } else if x > CENTER.0 + 10 {
                HPos::Left
            } else {
                HPos::Center
            };
            // Baseline a third of the text height below the point centres the label on it.
            root.draw(&Text::new(label.clone(), (x, y + 7), text(TEXT, h)))?;
        }
        Ok(())
    }

    fn draw_series(&self, root: &DrawingArea<ClassBackend, Shift>) -> Drawn {
        // Comparisons first, so the school's shape is drawn on top.
        for (s, series) in self.series.iter().enumerate().rev().take(STYLES.len()) {
            let (part, marker) = STYLES[s.min(STYLES.len() - 1)];
            let points: Vec<Point> = series
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| self.point(i, v)))
                .collect();
            if points.is_empty() {
                continue;
            }
            if s == 0 {
                root.draw(&Polygon::new(points.clone(), ink(AREA).filled()))?;
            }
            let mut closed = points.clone();
            closed.push(points[0]);
            root.draw(&PathElement::new(closed, ink(part)))?;
            for &p in &points {
                draw_marker(root, marker, part, p)?;
            }
        }
        Ok(())
    }

    /// Ring values sit between the first two axes and are drawn after the series, with a
    /// white halo, so lines crossing them do not hide them. Centred on the ring: beside it
    /// they ran up to the second axis's label.
    fn draw_ring_labels(&self, root: &DrawingArea<ClassBackend, Shift>) -> Drawn {
        for (ring, label) in self.rings {
            let (x, y) = point_at(0.5, self.axes.len(), *ring, self.max);
            root.draw(&Text::new(
                label.clone(),
                (x, y + 6),
                text(RING_LABEL, HPos::Center),
            ))?;
        }
        Ok(())
    }

    /// Legend: one row per series, below the chart.
    fn draw_legend(&self, root: &DrawingArea<ClassBackend, Shift>) -> Drawn {
        let mut y = HEIGHT - 28 * self.series.len() as i32 + 6;
        for (s, series) in self.series.iter().enumerate().take(STYLES.len()) {
            let (part, marker) = STYLES[s];
            root.draw(&PathElement::new(vec![(24, y), (64, y)], ink(part)))?;
            draw_marker(root, marker, part, (44, y))?;
            root.draw(&Text::new(
                series.label.to_string(),
                (76, y + 7),
                text(TEXT, HPos::Left),
            ))?;
            y += 28;
        }
        Ok(())
    }
}

/// Text of a chart part, anchored at `h` on its baseline.
fn text(part: usize, h: HPos) -> TextStyle<'static> {
    ("sans-serif", 16)
        .into_font()
        .color(&ink(part))
        .pos(Pos::new(h, VPos::Bottom))
}

/// A series marker: circle, square or diamond, so series differ by shape as well as colour.
fn draw_marker(
    root: &DrawingArea<ClassBackend, Shift>,
    marker: Marker,
    part: usize,
    (x, y): Point,
) -> Drawn {
    let style = ink(part).filled();
    match marker {
        Marker::Circle => root.draw(&Circle::new((x, y), 5, style))?,
        Marker::Square => root.draw(&Rectangle::new([(x - 4, y - 4), (x + 5, y + 5)], style))?,
        Marker::Diamond => root.draw(&Polygon::new(
            vec![(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)],
            style,
        ))?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame holds nothing of the series: one drawn for a school fits every other.
    #[test]
    fn a_frame_fits_every_chart_with_the_same_axes() {
        let axes: Vec<String> = ["SKL", "Isi", "Proses"].map(String::from).to_vec();
        let rings = [(2.0, "2,00".to_string()), (4.0, "4,00".to_string())];
        let mean = [Some(3.0), Some(3.5), Some(4.0)];
        let low = [
            Series {
                label: "SD A",
                values: &[Some(1.0), Some(2.0), None],
            },
            Series {
                label: "Rerata <kab>",
                values: &mean,
            },
        ];
        let high = [
            Series {
                label: "SD B & C",
                values: &[Some(6.5), Some(5.0), Some(4.0)],
            },
            Series {
                label: "Rerata <kab>",
                values: &mean,
            },
        ];
        let radar = |series| Radar {
            id: "radar",
            title: "Radar",
            desc: "Nilai",
            axes: &axes,
            max: 7.0,
            rings: &rings,
            series,
        };
        let (a, b) = (radar(&low), radar(&high));
        let framed = b.to_svg_on(&a.frame());
        assert_eq!(framed, b.to_svg());
        assert_ne!(framed, a.to_svg());
        assert!(framed.contains("SD B &amp; C") && !framed.contains("SD A"));
        assert!(framed.contains(">4,00</text>") && framed.contains(">Proses</text>"));
    }
}
