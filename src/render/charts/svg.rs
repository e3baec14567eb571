//! A small SVG writer for the charts: integer coordinates, shared CSS classes (defined in the
//! theme's style.css) instead of inline styles, and one escaping path for text. Hand-written
//! rather than plotters' output, which repeats every style on every element: a school page
//! carries several charts and a national build has over 200,000 school pages.

use super::escape;
use std::fmt::Write;

/// A point in the chart's user units (the viewBox).
pub type Point = (i32, i32);

/// Horizontal text alignment (`text-anchor`), as the CSS classes `m` and `e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// An SVG document being written.
pub struct Svg {
    out: String,
}

impl Svg {
    /// Opens a scalable, labelled chart: `role="img"` with a `<title>` and `<desc>` that
    /// screen readers announce; `id` must be unique on the page.
    pub fn new(id: &str, kind: &str, size: (i32, i32), title: &str, desc: &str) -> Svg {
        Svg::with_role("img", id, kind, size, title, desc)
    }

    /// Opens a chart whose parts are links (the map): `role="group"`, so its links stay
    /// reachable (an image's children are presentational, and a link inside an image is an
    /// interactive control nested in another, WCAG 4.1.2).
    pub fn interactive(id: &str, kind: &str, size: (i32, i32), title: &str, desc: &str) -> Svg {
        Svg::with_role("group", id, kind, size, title, desc)
    }

    fn with_role(
        role: &str,
        id: &str,
        kind: &str,
        size: (i32, i32),
        title: &str,
        desc: &str,
    ) -> Svg {
        let mut out = String::with_capacity(4096);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"chart-{kind}\" role=\"{role}\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
            size.0,
            size.1,
            escape(title),
            escape(desc)
        );
        Svg { out }
    }

    /// A part of a chart written once and reused in many (`raw`): no `<svg>` around it.
    pub fn fragment() -> Svg {
        Svg { out: String::new() }
    }

    pub fn finish_fragment(self) -> String {
        self.out
    }

    /// Markup written earlier by a fragment.
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Starts a group whose children share a class (`<g class="…">`).
    pub fn group(&mut self, class: &str) {
        let _ = write!(self.out, "<g class=\"{class}\">");
    }

    pub fn end_group(&mut self) {
        self.out.push_str("</g>");
    }

    /// A link around the next elements (`<a href>`); close with `end_link`. `title` is shown
    /// on hover and read as the link's name.
    pub fn link(&mut self, href: &str, title: &str) {
        let _ = write!(
            self.out,
            "<a href=\"{}\"><title>{}</title>",
            escape(href),
            escape(title)
        );
    }

    pub fn end_link(&mut self) {
        self.out.push_str("</a>");
    }

    pub fn polyline(&mut self, class: &str, points: &[Point]) {
        self.shape("polyline", class, points);
    }

    pub fn polygon(&mut self, class: &str, points: &[Point]) {
        self.shape("polygon", class, points);
    }

    fn shape(&mut self, tag: &str, class: &str, points: &[Point]) {
        let _ = write!(self.out, "<{tag}{} points=\"", class_attr(class));
        for (i, &(x, y)) in points.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            int(&mut self.out, x);
            self.out.push(',');
            int(&mut self.out, y);
        }
        self.out.push_str("\"/>");
    }

    /// A path with precomputed `d` data (map shapes).
    pub fn path(&mut self, class: &str, d: &str) {
        let _ = write!(self.out, "<path{} d=\"{d}\"/>", class_attr(class));
    }

    pub fn line(&mut self, class: &str, from: Point, to: Point) {
        let _ = write!(
            self.out,
            "<line{} x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            class_attr(class),
            from.0,
            from.1,
            to.0,
            to.1
        );
    }

    pub fn rect(&mut self, class: &str, at: Point, size: (i32, i32)) {
        let _ = write!(
            self.out,
            "<rect{} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            class_attr(class),
            at.0,
            at.1,
            size.0.max(0),
            size.1.max(0)
        );
    }

    pub fn circle(&mut self, class: &str, at: Point, r: i32) {
        let _ = write!(
            self.out,
            "<circle{} cx=\"{}\" cy=\"{}\" r=\"{r}\"/>",
            class_attr(class),
            at.0,
            at.1
        );
    }

    /// Straight lines as one path (`M x y H x` for horizontal, `V` for vertical ones): a chart
    /// draws dozens of grid and axis lines, and one element per line doubles their bytes.
    pub fn lines(&mut self, class: &str, segments: &[(Point, Point)]) {
        if segments.is_empty() {
            return;
        }
        let mut d = String::new();
        for &((x1, y1), (x2, y2)) in segments {
            ints(&mut d, &[("M", x1), (" ", y1)]);
            if y1 == y2 {
                ints(&mut d, &[("H", x2)]);
            } else if x1 == x2 {
                ints(&mut d, &[("V", y2)]);
            } else {
                ints(&mut d, &[("L", x2), (" ", y2)]);
            }
        }
        self.path(class, &d);
    }

    /// Rectangles as one path (bars of one category).
    pub fn rects(&mut self, class: &str, rects: &[(Point, (i32, i32))]) {
        if rects.is_empty() {
            return;
        }
        let mut d = String::new();
        for &((x, y), (w, h)) in rects {
            ints(&mut d, &[("M", x), (" ", y), ("h", w), ("v", h), ("H", x)]);
            d.push('z');
        }
        self.path(class, &d);
    }

    /// Markers of one series. Circles and squares are zero-length path segments drawn with a
    /// wide round or square line cap (`dot`, `sq` in style.css): one element for all points.
    pub fn markers(&mut self, shape: Marker, points: &[Point]) {
        if points.is_empty() {
            return;
        }
        let class = match shape {
            Marker::Circle => "dot",
            Marker::Square => "sq",
            Marker::Diamond => {
                for &p in points {
                    self.marker(Marker::Diamond, "", p);
                }
                return;
            }
        };
        let mut d = String::new();
        for &(x, y) in points {
            ints(&mut d, &[("M", x), (" ", y)]);
            d.push_str("h0");
        }
        self.path(class, &d);
    }

    /// Several labels that share a class and anchor, as `<tspan>`s of one `<text>`.
    pub fn texts<T: AsRef<str>>(&mut self, class: &str, anchor: Anchor, items: &[(Point, T)]) {
        if items.is_empty() {
            return;
        }
        let classes = anchor_classes(class, anchor);
        let _ = write!(self.out, "<text{}>", class_attr(&classes));
        for &((x, y), ref text) in items {
            ints(&mut self.out, &[("<tspan x=\"", x), ("\" y=\"", y)]);
            self.out.push_str("\">");
            self.out.push_str(&escape(text.as_ref()));
            self.out.push_str("</tspan>");
        }
        self.out.push_str("</text>");
    }

    /// A series marker: circle, square or diamond, so series differ by shape too.
    pub fn marker(&mut self, shape: Marker, class: &str, at: Point) {
        let (x, y) = at;
        match shape {
            Marker::Circle => self.circle(class, at, 5),
            Marker::Square => self.rect(class, (x - 4, y - 4), (9, 9)),
            Marker::Diamond => {
                self.polygon(class, &[(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)])
            }
        }
    }

    /// Text with its baseline at `at.1`; `class` picks size and colour (see style.css).
    pub fn text(&mut self, class: &str, anchor: Anchor, at: Point, text: &str) {
        let classes = anchor_classes(class, anchor);
        let _ = write!(
            self.out,
            "<text{} x=\"{}\" y=\"{}\">{}</text>",
            class_attr(&classes),
            at.0,
            at.1,
            escape(text)
        );
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// Marker shapes, one per series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Diamond,
}

/// The class list of a text: its own classes and the anchor's (`m`, `e`).
fn anchor_classes(class: &str, anchor: Anchor) -> String {
    let anchor_class = match anchor {
        Anchor::Start => "",
        Anchor::Middle => "m",
        Anchor::End => "e",
    };
    match (class.is_empty(), anchor_class.is_empty()) {
        (true, _) => anchor_class.to_string(),
        (false, true) => class.to_string(),
        (false, false) => format!("{class} {anchor_class}"),
    }
}

fn class_attr(class: &str) -> String {
    if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    }
}

/// Writes an integer (itoa: `write!` through core::fmt was a tenth of a school page's CPU).
fn int(out: &mut String, v: i32) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Writes each text followed by its integer: `[("M", 1), (" ", 2)]` gives `M1 2`.
fn ints(out: &mut String, parts: &[(&str, i32)]) {
    for &(text, v) in parts {
        out.push_str(text);
        int(out, v);
    }
}

/// Maps a value on `[lo, hi]` to a pixel on `[from, to]`, rounded to an integer.
pub fn scale(value: f64, (lo, hi): (f64, f64), (from, to): (i32, i32)) -> i32 {
    let t = if hi > lo {
        ((value - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    from + (t * f64::from(to - from)).round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_compact_labelled_svg() {
        let mut svg = Svg::new("x", "bars", (100, 50), "Judul <a>", "Isi & data");
        svg.group("s1");
        svg.polyline("", &[(0, 0), (10, 5)]);
        svg.end_group();
        svg.text("sm", Anchor::End, (9, 9), "4,50");
        let out = svg.finish();
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" class=\"chart-bars\" role=\"img\" aria-labelledby=\"x-t x-d\"><title id=\"x-t\">Judul &lt;a&gt;</title><desc id=\"x-d\">Isi &amp; data</desc>"));
        assert!(out.contains("<g class=\"s1\"><polyline points=\"0,0 10,5\"/></g>"));
        assert!(out.contains("<text class=\"sm e\" x=\"9\" y=\"9\">4,50</text>"));
        assert!(out.ends_with("</svg>"));
    }

    #[test]
    fn shared_shapes_are_single_elements() {
        let mut svg = Svg::new("x", "t", (10, 10), "T", "D");
        svg.lines("g", &[((0, 5), (9, 5)), ((3, 0), (3, 9)), ((0, 0), (9, 9))]);
        svg.rects("bar k1", &[((1, 2), (3, 4))]);
        svg.markers(Marker::Circle, &[(1, 1), (2, 3)]);
        svg.texts("sm", Anchor::End, &[((1, 2), "a"), ((3, 4), "<b>")]);
        let out = svg.finish();
        assert!(
            out.contains("<path class=\"g\" d=\"M0 5H9M3 0V9M0 0L9 9\"/>"),
            "{out}"
        );
        assert!(out.contains("<path class=\"bar k1\" d=\"M1 2h3v4H1z\"/>"));
        assert!(out.contains("<path class=\"dot\" d=\"M1 1h0M2 3h0\"/>"));
        assert!(out.contains("<text class=\"sm e\"><tspan x=\"1\" y=\"2\">a</tspan><tspan x=\"3\" y=\"4\">&lt;b&gt;</tspan></text>"));
    }

    #[test]
    fn scale_clamps_and_rounds() {
        assert_eq!(scale(3.5, (0.0, 7.0), (0, 100)), 50);
        assert_eq!(scale(9.0, (0.0, 7.0), (0, 100)), 100);
        assert_eq!(scale(1.0, (0.0, 7.0), (100, 0)), 86);
    }
}
