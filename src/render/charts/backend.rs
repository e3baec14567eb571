//! A plotters drawing backend that writes compact, class-styled SVG through `Svg`. Charts lay
//! out their geometry with plotters' elements (paths, polygons, circles, text); a colour here
//! only names a chart part (`ink`), and the theme's style.css gives parts their real colours,
//! so every shape is one short element and restyling needs no rebuild of the code.

use super::svg::{Anchor, Marker, Point, Svg};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// Chart parts: the group a shape belongs to (`<g class>`) and its own class.
pub const PARTS: [(&str, &str); 9] = [
    ("", ""),           // 0: plain text
    ("g", ""),          // 1: grid lines
    ("s1", ""),         // 2: first series (line, markers)
    ("s1", "area"),     // 3: first series' filled area
    ("s2", ""),         // 4: second series
    ("s3", ""),         // 5: third series
    ("", "sm mu halo"), // 6: small muted labels with a halo (ring values)
    ("s1", "leg"),      // 7: legend samples (same look as their series)
    ("", "sm"),         // 8: small text
];

/// The "colour" that names chart part `index` of `PARTS`.
pub fn ink(index: usize) -> RGBColor {
    RGBColor(0x0c, 0x4a, index as u8)
}

fn part(color: BackendColor) -> (&'static str, &'static str) {
    PARTS.get(color.rgb.2 as usize).copied().unwrap_or(("", ""))
}

/// Writes plotters' drawing calls into an `Svg`, grouping consecutive shapes of a group and
/// gathering consecutive markers into one path.
pub struct ClassBackend<'a> {
    svg: &'a mut Svg,
    size: (u32, u32),
    group: &'static str,
    markers: Option<(Marker, Vec<Point>)>,
}

impl<'a> ClassBackend<'a> {
    pub fn new(svg: &'a mut Svg, size: (u32, u32)) -> ClassBackend<'a> {
        ClassBackend {
            svg,
            size,
            group: "",
            markers: None,
        }
    }

    fn enter(&mut self, group: &'static str) {
        self.flush_markers();
        if group != self.group {
            if !self.group.is_empty() {
                self.svg.end_group();
            }
            if !group.is_empty() {
                self.svg.group(group);
            }
            self.group = group;
        }
    }

    fn marker(&mut self, group: &'static str, shape: Marker, at: Point) {
        if group != self.group {
            self.enter(group);
        }
        match &mut self.markers {
            Some((s, points)) if *s == shape => points.push(at),
            _ => {
                self.flush_markers();
                self.markers = Some((shape, vec![at]));
            }
        }
    }

    fn flush_markers(&mut self) {
        if let Some((shape, points)) = self.markers.take() {
            self.svg.markers(shape, &points);
        }
    }
}

/// Never produced: writing into a `String` cannot fail.
#[derive(Debug)]
pub struct NoError;

impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no error")
    }
}

impl std::error::Error for NoError {}

type Drawn = Result<(), DrawingErrorKind<NoError>>;

impl DrawingBackend for ClassBackend<'_> {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        self.enter("");
        Ok(())
    }

    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Drawn {
        Ok(()) // charts draw shapes, never pixels
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        self.draw_path([from, to], style)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let (group, class) = part(style.color());
        self.enter(group);
        let points: Vec<Point> = path.into_iter().collect();
        self.svg.polyline(class, &points);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        let (group, class) = part(style.color());
        self.enter(group);
        let points: Vec<Point> = vert.into_iter().collect();
        self.svg.polygon(class, &points);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        _: u32,
        style: &S,
        _: bool,
    ) -> Drawn {
        let (group, _) = part(style.color());
        self.marker(group, Marker::Circle, center);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        _: bool,
    ) -> Drawn {
        let (group, _) = part(style.color());
        let center = (
            (upper_left.0 + bottom_right.0) / 2,
            (upper_left.1 + bottom_right.1) / 2,
        );
        self.marker(group, Marker::Square, center);
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Drawn {
        let (group, class) = part(style.color());
        self.enter(group);
        let anchor = match style.anchor().h_pos {
            HPos::Left => Anchor::Start,
            HPos::Center => Anchor::Middle,
            HPos::Right => Anchor::End,
        };
        // `pos` is the text's baseline: sizes and fonts come from style.css.
        self.svg.text(class, anchor, pos, text);
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<NoError>> {
        let size = style.size();
        Ok((
            (text.chars().count() as f64 * size * 0.55) as u32,
            size as u32,
        ))
    }
}
