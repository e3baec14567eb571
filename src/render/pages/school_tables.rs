//! The rows of a school page's four score tables (standards, peers, indicators, years),
//! written here as HTML rather than by the template.
//!
//! A school page is rendered once per school, 226,000 times in a national site, and these
//! rows hold most of its cells: turning each cell into a template value and interpreting the
//! loops over them was about a third of the page's time. The template keeps each table, its
//! caption and head; it receives the rows as `tables.*` (see docs/templates.md).
//!
//! The markup is that of the theme's `num`, `delta` and `flag` components (partials/
//! components.html); keep them in step. Text goes through tera's own HTML escaping, so a row
//! is exactly what the template would have written.

use crate::render::format::{DeltaCell, ScoreCell};
use crate::render::safe::Safe;
use serde::Serialize;

/// One standard of the school's latest year, with its indicators.
pub struct StandardRow<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub short: &'a str,
    pub score: ScoreCell<'a>,
    pub region_mean: ScoreCell<'a>,
    pub province_mean: ScoreCell<'a>,
    pub delta: DeltaCell,
    pub indicators: Vec<IndicatorRow<'a>>,
}

pub struct IndicatorRow<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub score: ScoreCell<'a>,
}

/// One year: each standard's score and the total.
pub struct HistoryRow<'a> {
    pub year: u16,
    pub standards: Vec<ScoreCell<'a>>,
    pub total: ScoreCell<'a>,
}

/// A standard (or the total) beside the means of the school's jenjang.
pub struct PeerRow<'a> {
    pub name: String,
    pub total: bool,
    pub score: ScoreCell<'a>,
    pub kabkota: ScoreCell<'a>,
    pub province: ScoreCell<'a>,
    pub difference: String,
}

/// The rows, as the template reads them: `{{ tables.standards }}` (marked safe).
#[derive(Serialize, Debug, Default)]
pub struct Tables {
    /// `<tr>` per standard: code, name, score, category, kab/kota and province means, change.
    pub standards: Safe,
    /// `<tr>` per standard and the total: the school, its jenjang in the kab/kota and the
    /// province (with n and the small-group flag), and the difference when numbers are shown.
    pub peers: Safe,
    /// A `<tbody>` per standard: its row, then a row per indicator.
    pub indicators: Safe,
    /// The history table's head cells for the standards (`<th>` each).
    pub history_head: Safe,
    /// `<tr>` per year: each standard's score and the total.
    pub history: Safe,
}

/// The words the rows need, in the page's language.
pub struct Words<'a> {
    /// Beside a mean of fewer than five schools (`kelompok_kecil`).
    pub small_group: &'a str,
    /// Whether the framework shows values as labels only: no difference column then.
    pub labels: bool,
}

pub fn tables(
    standards: &[StandardRow],
    peers: &[PeerRow],
    history: &[HistoryRow],
    words: &Words,
) -> Tables {
    let mut t = Tables::default();
    let mut h = Html::default();
    for s in standards {
        h.raw("<tr><td>");
        h.text(s.code);
        h.raw("</td><th scope=\"row\">");
        h.text(s.name);
        h.raw("</th><td class=\"n\">");
        h.num(&s.score);
        h.raw("</td><td>");
        h.text(s.score.category);
        h.raw("</td><td class=\"n\">");
        h.num(&s.region_mean);
        h.raw("</td><td class=\"n\">");
        h.num(&s.province_mean);
        h.raw("</td><td class=\"n\">");
        h.delta(&s.delta);
        h.raw("</td></tr>\n");
    }
    t.standards = Safe(h.take());
    for r in peers {
        h.raw(if r.total {
            "<tr class=\"group\">"
        } else {
            "<tr>"
        });
        h.raw("<th scope=\"row\">");
        h.text(&r.name);
        h.raw("</th><td class=\"n\">");
        h.num(&r.score);
        for mean in [&r.kabkota, &r.province] {
            h.raw("</td><td class=\"n\">");
            h.num(mean);
            h.raw(" <span class=\"n-count\">n=");
            if let Some(n) = mean.n {
                h.raw(&n.to_string());
            }
            h.raw("</span>");
            if mean.small {
                h.raw(" <span class=\"flag\">");
                h.text(words.small_group);
                h.raw("</span>");
            }
        }
        h.raw("</td>");
        if !words.labels {
            h.raw("<td class=\"n\">");
            h.text(&r.difference);
            h.raw("</td>");
        }
        h.raw("</tr>\n");
    }
    t.peers = Safe(h.take());
    for s in standards {
        h.raw("<tbody>\n<tr class=\"group\">");
        h.code_name_score(s.code, s.name, &s.score);
        for i in &s.indicators {
            h.raw("<tr>");
            h.code_name_score(i.code, i.name, &i.score);
        }
        h.raw("</tbody>\n");
    }
    t.indicators = Safe(h.take());
    for s in standards {
        h.raw("<th scope=\"col\" class=\"n\" title=\"");
        h.text(s.name);
        h.raw("\">");
        h.text(s.short);
        h.raw("</th>");
    }
    t.history_head = Safe(h.take());
    for y in history {
        h.raw("<tr><th scope=\"row\">");
        h.raw(itoa::Buffer::new().format(y.year));
        h.raw("</th>");
        for c in y.standards.iter().chain([&y.total]) {
            h.raw("<td class=\"n\">");
            h.num(c);
            h.raw("</td>");
        }
        h.raw("</tr>\n");
    }
    t.history = Safe(h.take());
    t
}

/// An HTML buffer.
#[derive(Default)]
struct Html(Vec<u8>);

impl Html {
    fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    fn text(&mut self, s: &str) {
        // Writing to a Vec cannot fail.
        let _ = tera::escape_html(s, &mut self.0);
    }

    /// The `num` component: a number coloured by its category, or the missing mark.
    fn num(&mut self, c: &ScoreCell) {
        if c.available {
            self.raw("<span class=\"num cat-");
            self.raw(itoa::Buffer::new().format(c.level));
            self.raw("\">");
        } else {
            self.raw("<span class=\"na\">");
        }
        self.text(&c.text);
        self.raw("</span>");
    }

    /// The `delta` component: arrow, signed number and the direction in words.
    fn delta(&mut self, d: &DeltaCell) {
        if !d.available {
            return self.raw("<span class=\"na\">–</span>");
        }
        self.raw("<span class=\"delta ");
        self.text(d.dir);
        self.raw("\"><span aria-hidden=\"true\">");
        self.text(d.arrow);
        self.raw("</span>");
        if d.text.is_empty() {
            self.raw(" ");
            self.text(&d.word);
        } else {
            self.raw(" ");
            self.text(&d.text);
            self.raw("<span class=\"visually-hidden\"> (");
            self.text(&d.word);
            self.raw(")</span>");
        }
        self.raw("</span>");
    }

    /// The cells of an indicator table row after its `<tr>`: code, name, score, category.
    fn code_name_score(&mut self, code: &str, name: &str, score: &ScoreCell) {
        self.raw("<td>");
        self.text(code);
        self.raw("</td><th scope=\"row\">");
        self.text(name);
        self.raw("</th><td class=\"n\">");
        self.num(score);
        self.raw("</td><td>");
        self.text(score.category);
        self.raw("</td></tr>\n");
    }

    fn take(&mut self) -> String {
        String::from_utf8(std::mem::take(&mut self.0)).expect("HTML built from str is UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, level: usize, n: Option<usize>, small: bool) -> ScoreCell<'static> {
        ScoreCell {
            text: text.into(),
            category: if level > 0 {
                // A framework's names live as long as the site; a test's, for the test run.
                Box::leak(format!("Kat <{level}>").into_boxed_str())
            } else {
                ""
            },
            level,
            n,
            small,
            available: level > 0,
        }
    }

    #[test]
    fn rows_escape_data_and_mark_missing_values() {
        let standards = [StandardRow {
            code: "1",
            name: "Lulusan & <b>",
            short: "SKL",
            score: cell("5,18", 4, None, false),
            region_mean: cell("–", 0, Some(0), false),
            province_mean: cell("5,30", 4, Some(481), false),
            delta: DeltaCell {
                text: "−0,09".into(),
                arrow: "▼",
                dir: "down",
                word: "turun".into(),
                available: true,
            },
            indicators: vec![IndicatorRow {
                code: "1.1",
                name: "Sikap \"baik\"",
                score: cell("–", 0, None, false),
            }],
        }];
        let peers = [PeerRow {
            name: "Nilai total".into(),
            total: true,
            score: cell("5,00", 4, None, false),
            kabkota: cell("4,90", 4, Some(3), true),
            province: cell("4,80", 4, Some(300), false),
            difference: "+0,10".into(),
        }];
        let history = [HistoryRow {
            year: 2020,
            standards: vec![cell("5,18", 4, None, false)],
            total: cell("–", 0, None, false),
        }];
        let words = Words {
            small_group: "n < 5",
            labels: false,
        };
        let t = tables(&standards, &peers, &history, &words);
        assert_eq!(
            &*t.standards,
            "<tr><td>1</td><th scope=\"row\">Lulusan &amp; &lt;b&gt;</th>\
             <td class=\"n\"><span class=\"num cat-4\">5,18</span></td><td>Kat &lt;4&gt;</td>\
             <td class=\"n\"><span class=\"na\">–</span></td>\
             <td class=\"n\"><span class=\"num cat-4\">5,30</span></td>\
             <td class=\"n\"><span class=\"delta down\"><span aria-hidden=\"true\">▼</span> −0,09\
             <span class=\"visually-hidden\"> (turun)</span></span></td></tr>\n"
        );
        assert!(t
            .peers
            .starts_with("<tr class=\"group\"><th scope=\"row\">Nilai total</th>"));
        assert!(t
            .peers
            .contains("n=3</span> <span class=\"flag\">n &lt; 5</span>"));
        assert!(t
            .peers
            .contains("n=300</span></td><td class=\"n\">+0,10</td></tr>"));
        assert!(t
            .indicators
            .contains("<th scope=\"row\">Sikap &quot;baik&quot;</th>"));
        assert!(t
            .indicators
            .starts_with("<tbody>\n<tr class=\"group\"><td>1</td>"));
        assert_eq!(
            &*t.history_head,
            "<th scope=\"col\" class=\"n\" title=\"Lulusan &amp; &lt;b&gt;\">SKL</th>"
        );
        assert!(t
            .history
            .ends_with("<td class=\"n\"><span class=\"na\">–</span></td></tr>\n"));

        let labels = tables(
            &[],
            &peers,
            &[],
            &Words {
                labels: true,
                ..words
            },
        );
        assert!(
            !labels.peers.contains("+0,10"),
            "no difference column for labels"
        );
    }
}
