//! The peta mutu: a choropleth of regions coloured by the category of their mean score. Each
//! region is a link to its page with a `<title>`; its category level is written on it, so the
//! map reads without colour. Projection: equirectangular, longitudes scaled by the cosine of
//! the mean latitude, which keeps a province's shape true enough at this size.

use super::svg::{Anchor, Svg};
use super::{category_class, WIDTH};
use crate::render::geo::Shape;
use std::fmt::Write;

/// One region on the map.
pub struct Area<'a> {
    pub shape: &'a Shape,
    /// Relative link to the region's page.
    pub href: String,
    /// Hover text and link name: region, mean and category.
    pub title: String,
    /// Category index of the mean; `None` = no data.
    pub category: Option<usize>,
}

pub struct Map<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub areas: &'a [Area<'a>],
    /// Category names, lowest first, for the legend.
    pub categories: &'a [String],
    /// Legend word for regions without data.
    pub no_data: &'a str,
}

const PAD: i32 = 10;
/// The tallest a map may get, so a long north–south region stays on screen.
const MAX_HEIGHT: f64 = 560.0;

/// Lon/lat to viewBox units.
struct Projection {
    lon0: f64,
    lat1: f64,
    kx: f64,
    scale: f64,
}

impl Projection {
    fn fit(areas: &[Area]) -> Option<(Projection, i32)> {
        let points = areas
            .iter()
            .flat_map(|a| a.shape.polygons.iter().flatten().flatten());
        let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(lon, lat) in points {
            lon0 = lon0.min(lon);
            lon1 = lon1.max(lon);
            lat0 = lat0.min(lat);
            lat1 = lat1.max(lat);
        }
        if lon0 > lon1 {
            return None;
        }
        let kx = ((lat0 + lat1) / 2.0).to_radians().cos();
        let (w, h) = (((lon1 - lon0) * kx).max(1e-9), (lat1 - lat0).max(1e-9));
        let scale = (f64::from(WIDTH - 2 * PAD) / w).min(MAX_HEIGHT / h);
        let height = (h * scale).ceil() as i32 + 2 * PAD;
        Some((
            Projection {
                lon0,
                lat1,
                kx,
                scale,
            },
            height,
        ))
    }

    fn point(&self, (lon, lat): (f64, f64)) -> (i32, i32) {
        (
            PAD + ((lon - self.lon0) * self.kx * self.scale).round() as i32,
            PAD + ((self.lat1 - lat) * self.scale).round() as i32,
        )
    }
}

/// Compact path data: whole units, relative moves, repeated points dropped.
fn path_data(projection: &Projection, shape: &Shape) -> (String, Option<(i32, i32)>) {
    let mut d = String::new();
    let mut best: Option<(f64, (i32, i32))> = None;
    for ring in shape.polygons.iter().flatten() {
        let mut points: Vec<(i32, i32)> = ring.iter().map(|&p| projection.point(p)).collect();
        points.dedup();
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            continue;
        }
        let (mut x, mut y) = points[0];
        let _ = write!(d, "M{x} {y}l");
        for (i, &(px, py)) in points[1..].iter().enumerate() {
            let (dx, dy) = (px - x, py - y);
            if i > 0 && dx >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{dx}");
            if dy >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{dy}");
            (x, y) = (px, py);
        }
        d.push('z');
        if let Some(c) = centroid(&points) {
            if best.is_none_or(|b| c.0 > b.0) {
                best = Some(c);
            }
        }
    }
    (d, best.map(|b| b.1))
}

/// Area and area-weighted centroid of a ring (shoelace formula).
fn centroid(points: &[(i32, i32)]) -> Option<(f64, (i32, i32))> {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for (i, &(x0, y0)) in points.iter().enumerate() {
        let (x1, y1) = points[(i + 1) % points.len()];
        let cross = f64::from(x0) * f64::from(y1) - f64::from(x1) * f64::from(y0);
        a += cross;
        cx += f64::from(x0 + x1) * cross;
        cy += f64::from(y0 + y1) * cross;
    }
    if a.abs() < 1e-9 {
        return None;
    }
    let at = (
        (cx / (3.0 * a)).round() as i32,
        (cy / (3.0 * a)).round() as i32,
    );
    Some((a.abs() / 2.0, at))
}

impl Map<'_> {
    /// `None` when no area has a usable shape.
    pub fn to_svg(&self) -> Option<String> {
        let (projection, map_height) = Projection::fit(self.areas)?;
        let legend_rows = (self.categories.len() + 1).div_ceil(2) as i32;
        let height = map_height + 16 + 28 * legend_rows;
        let mut svg = Svg::interactive(self.id, "map", (WIDTH, height), self.title, self.desc);
        let mut labels = Vec::new();
        for area in self.areas {
            let (d, at) = path_data(&projection, area.shape);
            if d.is_empty() {
                continue;
            }
            let class = match area.category {
                Some(c) => format!("area {}", category_class(c)),
                None => "area none".to_string(),
            };
            svg.link(&area.href, &area.title);
            svg.path(&class, &d);
            svg.end_link();
            if let Some(at) = at {
                let text = area
                    .category
                    .map(|c| (c + 1).to_string())
                    .unwrap_or("–".into());
                labels.push((at, text));
            }
        }
        // Labels after all shapes, so no neighbour covers them; they do not catch the pointer.
        svg.group("maplabel");
        for ((x, y), text) in labels {
            svg.text("b halo", Anchor::Middle, (x, y + 7), &text);
        }
        svg.end_group();
        let legend = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, name)| (category_class(i), (i + 1).to_string(), name.as_str()))
            .chain([("none".to_string(), "–".to_string(), self.no_data)]);
        for (i, (class, number, name)) in legend.enumerate() {
            let (col, row) = (i as i32 % 2, i as i32 / 2);
            let (x, y) = (PAD + col * (WIDTH / 2), map_height + 12 + row * 28);
            svg.rect(&format!("area {class}"), (x, y), (30, 20));
            svg.text("sm b halo", Anchor::Middle, (x + 15, y + 16), &number);
            svg.text("sm", Anchor::Start, (x + 38, y + 16), name);
        }
        Some(svg.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(lon: f64, lat: f64) -> Shape {
        Shape {
            polygons: vec![vec![vec![
                (lon, lat),
                (lon + 1.0, lat),
                (lon + 1.0, lat + 1.0),
                (lon, lat + 1.0),
                (lon, lat),
            ]]],
        }
    }

    #[test]
    fn areas_are_links_with_titles_and_level_labels() {
        let (a, b) = (square(100.0, 0.0), square(101.0, 0.0));
        let areas = [
            Area {
                shape: &a,
                href: "../14.71/index.html".into(),
                title: "Kota A: 4,00 Menuju SNP 3".into(),
                category: Some(2),
            },
            Area {
                shape: &b,
                href: "../14.72/index.html".into(),
                title: "Kota B: tidak ada data".into(),
                category: None,
            },
        ];
        let names: Vec<String> = ["1", "2", "3", "4", "5"].map(String::from).to_vec();
        let svg = Map {
            id: "peta",
            title: "Peta",
            desc: "Uji",
            areas: &areas,
            categories: &names,
            no_data: "tidak ada data",
        }
        .to_svg()
        .unwrap();
        // Two squares side by side fill the width: 500 units for 2 degrees at the equator.
        assert!(svg.contains("<a href=\"../14.71/index.html\"><title>Kota A: 4,00 Menuju SNP 3</title><path class=\"area k3\" d=\"M10 260l250 0 0-250-250 0z\"/></a>"), "{svg}");
        assert!(svg.contains("<path class=\"area none\""));
        assert!(svg.contains(">3</text>") && svg.contains(">–</text>"));
    }
}
