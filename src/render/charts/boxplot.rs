//! Box plots of a group's school scores on the framework scale, one row per standard (or per
//! jenjang): whiskers from the lowest to the highest school, the box from the first to the
//! third quartile, a thick line at the median and a diamond at the mean. Category bands behind.

use super::svg::{scale, Anchor, Svg};
use super::{bands, WIDTH};
use crate::framework::Framework;
use crate::score::analysis::Quartiles;

pub struct Row {
    pub label: String,
    pub quartiles: Option<Quartiles>,
}

pub struct BoxPlot<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub rows: &'a [Row],
    pub framework: &'a Framework,
    /// Text of the band ticks (category lower bounds); empty for none.
    pub ticks: &'a dyn Fn(f64) -> String,
    /// Legend words: minimum–maximum, quartiles, median, mean.
    pub legend: [&'a str; 4],
}

const TOP: i32 = 34;
const ROW: i32 = 38;

impl BoxPlot<'_> {
    pub fn to_svg(&self) -> String {
        let f = self.framework;
        let labels = label_width(self.rows.iter().map(|r| r.label.as_str()));
        let x = (labels, WIDTH - 20);
        let bottom = TOP + ROW * self.rows.len() as i32 + 4;
        let legend_top = bottom + 52;
        let height = legend_top + 2 * 28;
        let mut svg = Svg::new(self.id, "box", (WIDTH, height), self.title, self.desc);
        bands(&mut svg, f, x, TOP, bottom, self.ticks);
        let at = |v: f64| scale(v, (f.scale.min, f.scale.max), x);
        for (r, row) in self.rows.iter().enumerate() {
            let mid = TOP + 4 + ROW * r as i32 + ROW / 2;
            svg.text("sm", Anchor::End, (labels - 8, mid + 6), &row.label);
            let Some(q) = row.quartiles else {
                svg.text("sm mu", Anchor::Start, (x.0 + 6, mid + 6), "–");
                continue;
            };
            svg.group("box");
            svg.line("", (at(q.min), mid), (at(q.max), mid));
            svg.line("", (at(q.min), mid - 7), (at(q.min), mid + 7));
            svg.line("", (at(q.max), mid - 7), (at(q.max), mid + 7));
            svg.rect("", (at(q.q1), mid - 11), (at(q.q3) - at(q.q1), 22));
            svg.line("med", (at(q.median), mid - 13), (at(q.median), mid + 13));
            let m = at(q.mean);
            svg.polygon(
                "mean",
                &[(m, mid - 7), (m + 7, mid), (m, mid + 7), (m - 7, mid)],
            );
            svg.end_group();
        }
        // Legend: a sample box with its parts named.
        let y = legend_top;
        svg.group("box");
        svg.line("", (20, y), (120, y));
        svg.line("", (20, y - 7), (20, y + 7));
        svg.line("", (120, y - 7), (120, y + 7));
        svg.rect("", (45, y - 11), (50, 22));
        svg.line("med", (70, y - 13), (70, y + 13));
        svg.polygon("mean", &[(82, y - 7), (89, y), (82, y + 7), (75, y)]);
        svg.end_group();
        let [range, box_words, median, mean] = self.legend;
        svg.text("sm", Anchor::Start, (136, y - 4), range);
        svg.text("sm", Anchor::Start, (136, y + 20), box_words);
        svg.text("sm", Anchor::Start, (380, y - 4), &format!("| {median}"));
        svg.text("sm", Anchor::Start, (380, y + 20), &format!("◆ {mean}"));
        svg.finish()
    }
}

/// Room for the row labels: about 10 units per character of 18-unit text (the browser lays
/// the text out; this errs wide), within 60–220 so the plot keeps most of the width.
fn label_width<'a>(labels: impl Iterator<Item = &'a str>) -> i32 {
    let longest = labels.map(|l| l.chars().count()).max().unwrap_or(0) as i32;
    (longest * 10 + 16).clamp(60, 220)
}
