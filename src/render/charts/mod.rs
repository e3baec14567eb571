//! Charts as SVG written at build time (see `svg` for why by hand). Every chart is
//! `role="img"` with a `<title>` and `<desc>`, is drawn in a viewBox that the page scales to
//! its width, and uses the theme's CSS classes for colour (`k1`…`k5` for categories, `s1`…`s3`
//! for series): the palette lives in style.css, where its contrast is documented.
//!
//! Text sizes are chosen against the viewBox width (520 for most charts): at 360 px screen
//! width the base 20-unit text is about 12.6 px, the small 18-unit text about 11 px.

pub mod backend;
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
/// bounds, the category level (1…) on top and the lower bounds as ticks below (`ticks` gives
/// their text; empty for none), so a bar's end shows its category by position and number as
/// well as by colour.
pub fn bands(
    svg: &mut Svg,
    f: &Framework,
    x: (i32, i32),
    top: i32,
    bottom: i32,
    ticks: &dyn Fn(f64) -> String,
) {
    let domain = (f.scale.min, f.scale.max);
    let spans: Vec<(i32, i32)> = f
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let from = scale(c.min.max(f.scale.min), domain, x);
            let to = match f.categories.get(i + 1) {
                Some(next) => scale(next.min, domain, x),
                None => x.1,
            };
            (from, to)
        })
        .collect();
    svg.group("band");
    for (i, &(from, to)) in spans.iter().enumerate() {
        svg.rect(&category_class(i), (from, top), (to - from, bottom - top));
    }
    svg.end_group();
    let levels: Vec<_> = spans
        .iter()
        .enumerate()
        .map(|(i, &(from, to))| (((from + to) / 2, top - 6), (i + 1).to_string()))
        .collect();
    svg.texts("sm b", Anchor::Middle, &levels);
    let bounds: Vec<_> = spans
        .iter()
        .skip(1)
        .map(|&(from, _)| ((from, top), (from, bottom)))
        .collect();
    svg.lines("g", &bounds);
    let tick_labels: Vec<_> = spans
        .iter()
        .zip(&f.categories)
        .map(|(&(from, _), c)| ((from, bottom + 20), ticks(c.min)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    svg.texts("sm mu", Anchor::Middle, &tick_labels);
}

/// HTML/XML escaping for text placed in SVG outside of templates.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    // Most labels are numbers and plain names: borrowed as they are.
    // Bytes, not chars: the five are ASCII, and a char pattern decodes every character.
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
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
    std::borrow::Cow::Owned(out)
}
