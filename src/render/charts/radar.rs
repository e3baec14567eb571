//! Radar chart of a school's standards against a comparison (its kab/kota mean).

use super::label_svg;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const WIDTH: u32 = 520;
const HEIGHT: u32 = 440;
const CENTER: (i32, i32) = (260, 200);
const RADIUS: f64 = 145.0;

/// One series on the radar.
pub struct Series<'a> {
    pub label: &'a str,
    /// One value per axis; `None` leaves a gap in the polygon.
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
    /// First the school, then the comparison.
    pub school: Series<'a>,
    pub comparison: Series<'a>,
}

// Colours pass 3:1 contrast against white for graphics (WCAG 1.4.11).
const SCHOOL: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const COMPARISON: RGBColor = RGBColor(0x8a, 0x4b, 0x08);
const GRID: RGBColor = RGBColor(0xb8, 0xbe, 0xc6);
const LABEL: RGBColor = RGBColor(0x22, 0x27, 0x2e);

fn point(axis: usize, axes: usize, value: f64, max: f64) -> (i32, i32) {
    point_at(axis as f64, axes, value, max)
}

/// Point at a fractional axis position (0.5 = halfway between axes 0 and 1).
fn point_at(axis: f64, axes: usize, value: f64, max: f64) -> (i32, i32) {
    let angle = -std::f64::consts::FRAC_PI_2 + axis * std::f64::consts::TAU / axes as f64;
    let r = RADIUS * value / max;
    (
        CENTER.0 + (r * angle.cos()).round() as i32,
        CENTER.1 + (r * angle.sin()).round() as i32,
    )
}

impl Radar<'_> {
    pub fn to_svg(&self) -> String {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
            // Drawing into a String cannot fail; an error would only drop the chart's shapes.
            let _ = self.draw(&root);
            let _ = root.present();
        }
        label_svg(&buf, self.id, "chart chart-radar", self.title, self.desc)
    }

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error + '_>> {
        let n = self.axes.len();
        let small = ("sans-serif", 18).into_font().color(&LABEL);
        for ring in self.rings.iter().map(|r| r.0).chain([self.max]) {
            let points: Vec<_> = (0..=n).map(|i| point(i % n, n, ring, self.max)).collect();
            root.draw(&PathElement::new(points, GRID.stroke_width(1)))?;
        }
        for (i, label) in self.axes.iter().enumerate() {
            root.draw(&PathElement::new(
                vec![CENTER, point(i, n, self.max, self.max)],
                GRID.stroke_width(1),
            ))?;
            let (x, y) = point(i, n, self.max * 1.09, self.max);
            let h = if x < CENTER.0 - 10 {
                HPos::Right
            } else if x > CENTER.0 + 10 {
                HPos::Left
            } else {
                HPos::Center
            };
            let style = ("sans-serif", 22)
                .into_font()
                .color(&LABEL)
                .pos(Pos::new(h, VPos::Center));
            root.draw(&Text::new(label.clone(), (x, y), style))?;
        }
        // Ring values sit between the first two axes so they never cover a series point.
        for (ring, label) in self.rings {
            let (x, y) = point_at(0.5, n, *ring, self.max);
            root.draw(&Text::new(label.clone(), (x + 2, y), small.clone()))?;
        }
        self.draw_series(root, &self.comparison, COMPARISON, false)?;
        self.draw_series(root, &self.school, SCHOOL, true)?;
        self.draw_legend(root)?;
        Ok(())
    }

    fn draw_series(
        &self,
        root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
        series: &Series,
        color: RGBColor,
        filled: bool,
    ) -> Result<(), Box<dyn std::error::Error + '_>> {
        let n = self.axes.len();
        let points: Vec<(i32, i32)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| point(i, n, v.clamp(0.0, self.max), self.max)))
            .collect();
        if points.is_empty() {
            return Ok(());
        }
        if filled {
            root.draw(&Polygon::new(points.clone(), color.mix(0.18).filled()))?;
        }
        let mut closed = points.clone();
        closed.push(points[0]);
        if filled {
            root.draw(&PathElement::new(closed, color.stroke_width(3)))?;
        } else {
            root.draw(&DashedPathElement::new(closed, 7, 5, color.stroke_width(3)))?;
        }
        for p in points {
            if filled {
                root.draw(&Circle::new(p, 4, color.filled()))?;
            } else {
                root.draw(&Rectangle::new(
                    [(p.0 - 4, p.1 - 4), (p.0 + 4, p.1 + 4)],
                    color.filled(),
                ))?;
            }
        }
        Ok(())
    }

    fn draw_legend(
        &self,
        root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error + '_>> {
        let y = HEIGHT as i32 - 18;
        let font = ("sans-serif", 20)
            .into_font()
            .color(&LABEL)
            .pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&PathElement::new(
            vec![(20, y), (50, y)],
            SCHOOL.stroke_width(3),
        ))?;
        root.draw(&Circle::new((35, y), 4, SCHOOL.filled()))?;
        root.draw(&Text::new(
            self.school.label.to_string(),
            (58, y),
            font.clone(),
        ))?;
        let x = WIDTH as i32 / 2 + 10;
        root.draw(&DashedPathElement::new(
            vec![(x, y), (x + 30, y)],
            7,
            5,
            COMPARISON.stroke_width(3),
        ))?;
        root.draw(&Rectangle::new(
            [(x + 11, y - 4), (x + 19, y + 4)],
            COMPARISON.filled(),
        ))?;
        root.draw(&Text::new(
            self.comparison.label.to_string(),
            (x + 38, y),
            font,
        ))?;
        Ok(())
    }
}
