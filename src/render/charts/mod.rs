//! Charts as SVG written at build time (see `svg` for why by hand). Every chart is
//! `role="img"` with a `<title>` and `<desc>`, is drawn in a viewBox that the page scales to
//! its width, and uses the theme's CSS classes for colour (`k1`…`k5` for categories, `s1`…`s3`
//! for series): the palette lives in style.css, where its contrast is documented.
//!
//! Text sizes are chosen against the viewBox width (520 for most charts): at 360 px screen
//! width the base 20-unit text is about 12.6 px, the small 18-unit text about 11 px.

pub mod bars;
pub mod boxplot;
pub mod map;
pub mod radar;
pub mod stacked;
pub mod svg;
pub mod trend;

use crate::framework::Framework;
use svg::{scale, Anchor, Svg};

/// Width of most charts' viewBox.
pub const WIDTH: i32 = 520;

/// Classes of a category's fill (`k1` = lowest).
pub fn category_class(index: usize) -> String {
    format!("k{}", index + 1)
}

/// Category bands behind a horizontal value axis: a light tint per category between its
/// bounds, the category level (1…) on top and the lower bounds as ticks below, so a bar's end
/// shows its category by position and number as well as by colour.
pub fn bands(
    svg: &mut Svg,
    f: &Framework,
    x: (i32, i32),
    top: i32,
    bottom: i32,
    numbers: &dyn Fn(f64) -> String,
) {
    let domain = (f.scale.min, f.scale.max);
    svg.group("band");
    for (i, c) in f.categories.iter().enumerate() {
        let from = scale(c.min.max(f.scale.min), domain, x);
        let to = match f.categories.get(i + 1) {
            Some(next) => scale(next.min, domain, x),
            None => x.1,
        };
        svg.rect(&category_class(i), (from, top), (to - from, bottom - top));
    }
    svg.end_group();
    for (i, c) in f.categories.iter().enumerate() {
        let from = scale(c.min.max(f.scale.min), domain, x);
        let to = match f.categories.get(i + 1) {
            Some(next) => scale(next.min, domain, x),
            None => x.1,
        };
        svg.text(
            "sm b",
            Anchor::Middle,
            ((from + to) / 2, top - 6),
            &(i + 1).to_string(),
        );
        if i > 0 {
            svg.line("g", (from, top), (from, bottom));
        }
        svg.text(
            "sm mu",
            Anchor::Middle,
            (from, bottom + 20),
            &numbers(c.min),
        );
    }
}

/// HTML/XML escaping for text placed in SVG outside of templates.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
