//! Numbers and categories as the reader sees them: fixed decimals, the language's decimal
//! separator, and the category name and level next to every score (never colour alone).

use crate::framework::Framework;
use crate::score::aggregate::Mean;
use serde::Serialize;

/// A score ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreCell {
    /// `5,12` (id) or `5.12` (en); `–` when not available.
    pub text: String,
    /// Category name; empty when not available.
    pub category: String,
    /// 1-based category level for styling; 0 when not available.
    pub level: usize,
    /// Number of schools behind a mean; absent for a single school's score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,
    pub available: bool,
}

/// Formats numbers for one site language.
#[derive(Debug, Clone, Copy)]
pub struct NumberFormat {
    pub decimal_comma: bool,
    pub decimals: usize,
}

impl NumberFormat {
    pub fn new(language: &str, framework: &Framework) -> NumberFormat {
        NumberFormat {
            decimal_comma: language == "id",
            decimals: framework.scale.decimals,
        }
    }

    /// The value with the framework's decimals. Rounds half away from zero, exactly like
    /// `Framework::round`, so a shown number and its category always agree.
    pub fn number(&self, value: f64) -> String {
        let factor = 10f64.powi(self.decimals as i32);
        let text = format!("{:.*}", self.decimals, (value * factor).round() / factor);
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

    pub fn score(&self, framework: &Framework, value: Option<f64>) -> ScoreCell {
        match value {
            Some(v) => {
                let index = framework.category_index(v);
                ScoreCell {
                    text: self.number(v),
                    category: framework.categories[index].name.clone(),
                    level: index + 1,
                    n: None,
                    available: true,
                }
            }
            None => ScoreCell {
                text: "–".into(),
                category: String::new(),
                level: 0,
                n: None,
                available: false,
            },
        }
    }

    pub fn mean(&self, framework: &Framework, mean: Option<Mean>) -> ScoreCell {
        let mut cell = self.score(framework, mean.map(|m| m.mean));
        cell.n = Some(mean.map(|m| m.n).unwrap_or(0));
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_uses_decimal_comma_and_dot_grouping() {
        let f = NumberFormat {
            decimal_comma: true,
            decimals: 2,
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
    fn english_uses_decimal_point() {
        let f = NumberFormat {
            decimal_comma: false,
            decimals: 2,
        };
        assert_eq!(f.number(3.7), "3.70");
        assert_eq!(f.count(1417), "1,417");
    }
}
