//! Numbers and categories as the reader sees them: fixed decimals, the language's decimal
//! separator, and the category name and level next to every score (never colour alone).

use crate::framework::{Change, Display, Framework};
use crate::score::aggregate::Mean;
use crate::score::analysis::SMALL_GROUP;
use serde::Serialize;

/// A score ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreCell<'f> {
    /// `5,12` (id) or `5.12` (en); `–` when not available.
    pub text: String,
    /// Category name (the framework's); empty when not available.
    pub category: &'f str,
    /// 1-based category level for styling; 0 when not available.
    pub level: usize,
    /// Number of schools behind a mean; absent for a single school's score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,
    /// A mean of fewer than `SMALL_GROUP` schools: shown with a caution.
    pub small: bool,
    pub available: bool,
}

/// A change since an earlier year, ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct DeltaCell {
    /// `+0,23` or `−0,15`; empty for no change (the word says it) and for a framework shown
    /// as labels; `–` when either year lacks the value.
    pub text: String,
    /// `▲`, `▼` or `=`; empty when not available.
    pub arrow: &'static str,
    /// `up`, `down`, `same` or `na`, for styling.
    pub dir: &'static str,
    /// The direction in the site's language (naik, turun, tetap).
    pub word: String,
    pub available: bool,
}

/// Formats numbers for one site language.
#[derive(Debug, Clone, Copy)]
pub struct NumberFormat {
    pub decimal_comma: bool,
    pub decimals: usize,
    /// The language (`id`, `en`) whose framework words (change, missing, categories) it uses.
    pub lang: &'static str,
}

impl NumberFormat {
    pub fn new(language: &str, framework: &Framework) -> NumberFormat {
        NumberFormat {
            decimal_comma: language == "id",
            decimals: framework.scale.decimals,
            lang: if language == "en" { "en" } else { "id" },
        }
    }

    /// The value with the framework's decimals. Rounds half away from zero, exactly like
    /// `Framework::round`, so a shown number and its category always agree.
    pub fn number(&self, value: f64) -> String {
        let factor = self.factor();
        // The common case without float formatting (a tenth of a national build's time):
        // the rounded value as an integer count of the last decimal, split at the point.
        if let Some(units) = self.units(value * factor) {
            return self.fixed(units);
        }
        let scaled = (value * factor).round();
        let text = format!("{:.*}", self.decimals, scaled / factor);
        // Avoid "-0,00" for tiny negative deltas.
        let text = if text.trim_start_matches(['-', '0', '.']).is_empty() {
            text.trim_start_matches('-').to_string()
        } else {
            text
        };
        if self.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }

    /// A scaled value as whole units of the last decimal, where those print exactly (below
    /// 10^15) and the decimals are few enough for `fixed`.
    fn units(&self, scaled: f64) -> Option<i64> {
        round_to_integer(scaled)
            .filter(|u| self.decimals <= 6 && u.unsigned_abs() < 1_000_000_000_000_000)
    }

    /// 10 to the power of the decimals (a table: `powi` is a call into libm).
    fn factor(&self) -> f64 {
        const POWERS: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
        POWERS
            .get(self.decimals)
            .copied()
            .unwrap_or_else(|| 10f64.powi(self.decimals as i32))
    }

    /// The value as `number` shows it, as a number again (`5.12` for 5.1234): what a shown
    /// value's text would parse to, without the text. None for what `number` cannot show.
    pub fn rounded(&self, value: f64) -> Option<f64> {
        let factor = self.factor();
        if let Some(units) = self.units(value * factor) {
            // Both exact integers: the division rounds once, to the double nearest the
            // decimal text, as parsing that text would.
            Some(if units == 0 {
                0.0
            } else {
                units as f64 / factor
            })
        } else {
            self.number(value).parse().ok()
        }
    }

    /// `units` hundredths (for two decimals) as text: `-512` → `-5,12`; zero never signed.
    fn fixed(&self, units: i64) -> String {
        let mut out = String::with_capacity(24);
        self.push_fixed(units, self.decimal_comma, &mut out);
        out
    }

    fn push_fixed(&self, units: i64, comma: bool, out: &mut impl Sink) {
        let separator = if comma { b',' } else { b'.' };
        // Scores and changes with two decimals (`4,61`, `-0,25`): written from the digits
        // directly, the case of nearly every number of a build.
        if self.decimals == 2 && units.unsigned_abs() < 10_000 {
            let n = units.unsigned_abs() as usize;
            let (whole, fraction) = (n / 100, n % 100);
            if units < 0 {
                out.byte(b'-');
            }
            let whole_digits = &TWO_DIGITS[2 * whole..2 * whole + 2];
            out.text(if whole < 10 {
                &whole_digits[1..]
            } else {
                whole_digits
            });
            out.byte(separator);
            out.text(&TWO_DIGITS[2 * fraction..2 * fraction + 2]);
            return;
        }
        let mut buffer = itoa::Buffer::new();
        let digits = buffer.format(units.unsigned_abs());
        let d = self.decimals;
        if units < 0 {
            out.byte(b'-');
        }
        if digits.len() > d {
            out.text(&digits[..digits.len() - d]);
        } else {
            out.byte(b'0');
        }
        if d > 0 {
            out.byte(separator);
            for _ in digits.len()..d {
                out.byte(b'0');
            }
            out.text(&digits[digits.len().saturating_sub(d)..]);
        }
    }

    /// Appends `number(value)` to a download's bytes (no String per number).
    pub fn push_number(&self, value: f64, out: &mut Vec<u8>) {
        match self.units(value * self.factor()) {
            Some(units) => self.push_fixed(units, self.decimal_comma, out),
            None => out.extend_from_slice(self.number(value).as_bytes()),
        }
    }

    /// Appends the value as shown, as a JSON number: what serde_json writes for
    /// `rounded(value)` (`5.1`, `5.0`, `-0.25`), or `null` for what has no number.
    pub fn push_json_number(&self, value: f64, out: &mut Vec<u8>) {
        // Shortest round-trip text of units / 10^d is the decimal text without trailing
        // zeros while it stays below 10^15 and has at most four decimals (no exponent).
        match self
            .units(value * self.factor())
            .filter(|_| self.decimals <= 4)
        {
            Some(0) => out.extend_from_slice(b"0.0"),
            Some(units) => {
                self.push_fixed(units, false, out);
                if self.decimals == 0 {
                    out.extend_from_slice(b".0");
                } else {
                    // The decimals always hold a point: trim zeros back to it, keeping one.
                    while out.last() == Some(&b'0') {
                        out.pop();
                    }
                    if out.last() == Some(&b'.') {
                        out.push(b'0');
                    }
                }
            }
            None => match self.rounded(value).filter(|v| v.is_finite()) {
                Some(v) => serde_json::to_writer(out, &v).expect("a number serialises"),
                None => out.extend_from_slice(b"null"),
            },
        }
    }

    /// A change with its sign: `+0,23`, `−0,15` (a true minus sign) or `0,00`.
    pub fn signed(&self, value: f64) -> String {
        let text = self.number(value.abs());
        if text.bytes().all(|b| matches!(b, b'0' | b'.' | b',')) {
            return text;
        }
        // The sign before the digits without `format!` (17 changes a school page).
        let sign = if value > 0.0 { "+" } else { "\u{2212}" };
        let mut out = String::with_capacity(sign.len() + text.len());
        out.push_str(sign);
        out.push_str(&text);
        out
    }

    /// A change as a template shows it. Its direction comes from the framework (with its
    /// tolerance) and is given in the framework's words (`naik`, `Turun`, …), so the arrow is
    /// never the only sign of it; a framework shown as labels shows no number.
    pub fn delta(&self, framework: &Framework, value: Option<f64>) -> DeltaCell {
        let Some(v) = value else {
            return DeltaCell {
                text: "–".into(),
                arrow: "",
                dir: "na",
                word: String::new(),
                available: false,
            };
        };
        let change = framework.change(0.0, v);
        let (arrow, dir) = match change {
            Change::Up => ("▲", "up"),
            Change::Down => ("▼", "down"),
            Change::Same => ("=", "same"),
        };
        // "No change" reads as a word, not as a bare 0,00 that could pass for a missing value.
        let text = match (framework.display, change) {
            (Display::Number, Change::Up | Change::Down) => self.signed(v),
            _ => String::new(),
        };
        DeltaCell {
            text,
            arrow,
            dir,
            word: framework.change_label_in(self.lang, change).to_string(),
            available: true,
        }
    }

    /// Thousands grouped (`1.417` in id, `1,417` in en).
    pub fn count(&self, value: usize) -> String {
        let digits = value.to_string();
        let sep = if self.decimal_comma { '.' } else { ',' };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A score with its category. A framework shown as labels (Rapor Pendidikan) shows the
    /// category name in place of the number and its own word for a missing value.
    pub fn score<'f>(&self, framework: &'f Framework, value: Option<f64>) -> ScoreCell<'f> {
        let labels = framework.display == Display::Label;
        match value {
            Some(v) => {
                let index = framework.category_index(v);
                let name = framework.category_name_in(self.lang, index);
                let (text, category) = if labels {
                    (name.to_string(), "")
                } else {
                    (self.number(v), name)
                };
                ScoreCell {
                    text,
                    category,
                    level: index + 1,
                    n: None,
                    small: false,
                    available: true,
                }
            }
            None => ScoreCell {
                text: if labels {
                    framework.missing_label_in(self.lang).to_string()
                } else {
                    "–".into()
                },
                category: "",
                level: 0,
                n: None,
                small: false,
                available: false,
            },
        }
    }

    /// A value as the framework shows it: the number, or its category label.
    pub fn shown(&self, framework: &Framework, value: f64) -> String {
        match framework.display {
            Display::Number => self.number(value),
            Display::Label => self.score(framework, Some(value)).text,
        }
    }

    pub fn mean<'f>(&self, framework: &'f Framework, mean: Option<Mean>) -> ScoreCell<'f> {
        let mut cell = self.score(framework, mean.map(|m| m.mean));
        let n = mean.map(|m| m.n).unwrap_or(0);
        cell.n = Some(n);
        cell.small = n > 0 && n < SMALL_GROUP;
        cell
    }
}

/// Where `push_fixed` writes: a page's text or a download's bytes (ASCII either way).
trait Sink {
    fn text(&mut self, text: &str);
    fn byte(&mut self, byte: u8);
}

impl Sink for String {
    fn text(&mut self, text: &str) {
        self.push_str(text);
    }
    fn byte(&mut self, byte: u8) {
        self.push(char::from(byte));
    }
}

impl Sink for Vec<u8> {
    fn text(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }
    fn byte(&mut self, byte: u8) {
        self.push(byte);
    }
}

/// `00`, `01` … `99`: the two digits of a number below 100 at `2 * n`.
const TWO_DIGITS: &str = "0001020304050607080910111213141516171819\
                          2021222324252627282930313233343536373839\
                          4041424344454647484950515253545556575859\
                          6061626364656667686970717273747576777879\
                          8081828384858687888990919293949596979899";

/// `x` rounded half away from zero, as `f64::round` does, when it fits in 2^52 (where every
/// fraction is exact); without `round`, which is a call into libm on baseline x86-64.
fn round_to_integer(x: f64) -> Option<i64> {
    // NaN and the infinities fail this too.
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return None;
    }
    let whole = x as i64;
    let fraction = x - whole as f64;
    Some(if fraction >= 0.5 {
        whole + 1
    } else if fraction <= -0.5 {
        whole - 1
    } else {
        whole
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Xorshift: the next of a fixed sequence of pseudo-random numbers.
    fn next(x: &mut u64) -> u64 {
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x
    }

    /// 40,000 values: changes in [-10, 10) and scores in [0, 7), to five and four decimals.
    fn scores_and_changes(x: &mut u64) -> Vec<f64> {
        (0..20_000)
            .flat_map(|_| {
                let r = next(x);
                [
                    (r % 2_000_000) as f64 / 1e5 - 10.0,
                    (r % 10_000) as f64 / 1e4 * 7.0,
                ]
            })
            .collect()
    }

    /// The integer path of `number` against plain float formatting, over every decimal count.
    #[test]
    fn number_matches_float_formatting() {
        let slow = |f: &NumberFormat, v: f64| {
            let factor = 10f64.powi(f.decimals as i32);
            let text = format!("{:.*}", f.decimals, (v * factor).round() / factor);
            let text = if text.trim_start_matches(['-', '0', '.']).is_empty() {
                text.trim_start_matches('-').to_string()
            } else {
                text
            };
            if f.decimal_comma {
                text.replace('.', ",")
            } else {
                text
            }
        };
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for decimals in 0..=4 {
            for decimal_comma in [false, true] {
                let f = NumberFormat {
                    decimal_comma,
                    decimals,
                    lang: "id",
                };
                let mut values = vec![0.0, -0.0, 0.004, -0.004, 0.005, -0.005, 7.0, 2.675, 1.005];
                // Either side of the two-decimal shortcut's bound (10,000 hundredths).
                values.extend([9.994, 10.0, 99.99, 99.995, 100.0, -99.995, -123.456, 1e6]);
                values.extend(scores_and_changes(&mut x));
                for v in values {
                    assert_eq!(f.number(v), slow(&f, v), "{v} with {decimals} decimals");
                }
            }
        }
    }

    /// Numbers in downloads: the CSV text is `number`'s, the JSON what serde_json writes for
    /// the rounded value.
    #[test]
    fn pushed_numbers_match_number_and_serde_json() {
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for decimals in 0..=6 {
            for decimal_comma in [false, true] {
                let f = NumberFormat {
                    decimal_comma,
                    decimals,
                    lang: "id",
                };
                let mut values = vec![0.0, -0.0, 0.004, -0.004, 0.05, -0.05, 7.0, 2.675, 1e20];
                values.extend([f64::NAN, f64::INFINITY, 1e-7, 123456.5, -3.0]);
                values.extend(scores_and_changes(&mut x));
                for v in values {
                    // After other cells, as in a download.
                    let mut csv = b"x;".to_vec();
                    f.push_number(v, &mut csv);
                    assert_eq!(
                        String::from_utf8(csv).unwrap(),
                        format!("x;{}", f.number(v))
                    );
                    let mut json = Vec::new();
                    f.push_json_number(v, &mut json);
                    let json = String::from_utf8(json).unwrap();
                    let serde = match f.rounded(v).filter(|v| v.is_finite()) {
                        Some(r) => serde_json::to_string(&r).unwrap(),
                        None => "null".into(),
                    };
                    assert_eq!(json, serde, "{v} with {decimals} decimals");
                }
            }
        }
    }

    #[test]
    fn integer_rounding_is_f64_round() {
        let mut x: u64 = 0x853c_49e6_748f_ea9b;
        let mut values = vec![
            0.5,
            -0.5,
            1.5,
            -2.5,
            0.499_999_999_999_999_94,
            4.5e15,
            -4.4e15,
        ];
        for _ in 0..100_000 {
            let x = next(&mut x);
            values.push(f64::from_bits(x));
            values.push((x % 4_000_000) as f64 / 8.0 - 250_000.0);
        }
        for v in values {
            match round_to_integer(v) {
                Some(r) => assert_eq!(r as f64, v.round(), "{v}"),
                None => assert!(v.is_nan() || v.abs() >= 4.5e15, "{v}"),
            }
        }
    }

    #[test]
    fn rounded_is_the_shown_text_as_a_number() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for decimals in 0..=4 {
            let f = NumberFormat {
                decimal_comma: false,
                decimals,
                lang: "en",
            };
            for _ in 0..20_000 {
                let v = (next(&mut x) % 2_000_000) as f64 / 1e5 - 10.0;
                let parsed: f64 = f.number(v).parse().unwrap();
                assert_eq!(f.rounded(v).unwrap().to_bits(), parsed.to_bits(), "{v}");
            }
        }
    }

    #[test]
    fn indonesian_uses_decimal_comma_and_dot_grouping() {
        let f = NumberFormat {
            decimal_comma: true,
            decimals: 2,
            lang: "id",
        };
        assert_eq!(f.number(5.126), "5,13");
        assert_eq!(f.number(4.0), "4,00");
        assert_eq!(f.number(-0.001), "0,00");
        assert_eq!(f.count(1417), "1.417");
        // (2.04 + 2.05) / 2 is 2.04499… in binary; shown and categorised as 2,05.
        assert_eq!(f.number((2.04 + 2.05) / 2.0), "2,05");
        assert_eq!(f.count(226000), "226.000");
        assert_eq!(f.count(12), "12");
    }

    #[test]
    fn changes_carry_sign_arrow_and_word() {
        let framework = Framework::load(std::path::Path::new("."), "rapor-mutu").unwrap();
        let f = NumberFormat {
            decimal_comma: true,
            decimals: 2,
            lang: "id",
        };
        let up = f.delta(&framework, Some(0.234));
        assert_eq!(
            (up.text.as_str(), up.arrow, up.word.as_str()),
            ("+0,23", "▲", "naik")
        );
        let down = f.delta(&framework, Some(-0.15));
        assert_eq!((down.text.as_str(), down.dir), ("\u{2212}0,15", "down"));
        let same = f.delta(&framework, Some(-0.001));
        assert_eq!(
            (same.text.as_str(), same.arrow, same.word.as_str()),
            ("", "=", "tetap")
        );
        assert!(!f.delta(&framework, None).available);
    }

    #[test]
    fn english_uses_decimal_point() {
        let f = NumberFormat {
            decimal_comma: false,
            decimals: 2,
            lang: "en",
        };
        assert_eq!(f.number(3.7), "3.70");
        assert_eq!(f.count(1417), "1,417");
    }
}
