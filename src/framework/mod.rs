//! The quality framework: standards, indicators, the score scale and its categories.
//! It is data (a TOML preset shipped with rapor, or a site's own file); no code assumes
//! eight standards or a 0–7 scale.

use crate::config::parse_toml;
use crate::diag::Problem;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Presets shipped inside the binary, by name.
const PRESETS: &[(&str, &str)] = &[
    ("rapor-mutu", include_str!("presets/rapor-mutu.toml")),
    (
        "rapor-pendidikan",
        include_str!("presets/rapor-pendidikan.toml"),
    ),
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// What one top-level unit is called in prose (`standar`, `dimensi`).
    #[serde(default = "default_unit_label")]
    pub unit_label: String,
    /// The same word with a capital, for headings (`Standar`, `Dimensi`).
    #[serde(default)]
    pub unit_heading: String,
    pub scale: Scale,
    /// How a value is shown: its number with the category beside it (Rapor Mutu), or only
    /// its category label (Rapor Pendidikan: Baik / Sedang / Kurang).
    #[serde(default)]
    pub display: Display,
    /// Shown for a value that is not available.
    #[serde(default = "default_missing_label")]
    pub missing_label: String,
    /// Words for the change from the previous year.
    #[serde(default)]
    pub change: ChangeLabels,
    pub categories: Vec<Category>,
    pub standards: Vec<Standard>,
    /// The framework's words in another site language (`[translations.en]`): what a unit is
    /// called, the missing-value label, the change words and category names. Names of
    /// standards and indicators and the recommendations are data and stay as written.
    #[serde(default)]
    pub translations: BTreeMap<String, FrameworkWords>,
}

/// A framework's words in one language; a word left out stays as the framework writes it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkWords {
    pub unit_label: Option<String>,
    pub unit_heading: Option<String>,
    pub missing_label: Option<String>,
    pub change: Option<ChangeWords>,
    /// Category names, lowest first, as many as `categories`.
    #[serde(default)]
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeWords {
    pub up: String,
    pub down: String,
    pub same: String,
}

fn default_unit_label() -> String {
    "standar".into()
}

fn default_missing_label() -> String {
    "tidak tersedia".into()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Display {
    #[default]
    Number,
    Label,
}

/// How a change from last year is named; changes within `tolerance` count as unchanged.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChangeLabels {
    pub up: String,
    pub down: String,
    pub same: String,
    pub tolerance: f64,
}

impl Default for ChangeLabels {
    fn default() -> Self {
        ChangeLabels {
            up: "naik".into(),
            down: "turun".into(),
            same: "tetap".into(),
            tolerance: 0.005,
        }
    }
}

/// Direction of a change between two years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Up,
    Down,
    Same,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub decimals: usize,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub name: String,
    pub min: f64,
    pub max: f64,
    #[serde(default)]
    pub stars: u8,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub short: String,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    /// Recommended first actions for a school weak in this indicator (1–2 sentences), shown
    /// with the weakest indicators of a school or region. Optional: a framework without it
    /// still lists the weakest indicators.
    #[serde(default)]
    pub rekomendasi: String,
}

impl Framework {
    /// Loads a preset by name, or a TOML file relative to the site folder.
    pub fn load(site_dir: &Path, name_or_path: &str) -> Result<Framework, Problem> {
        let (file, text) = match PRESETS.iter().find(|(name, _)| *name == name_or_path) {
            Some((name, text)) => (format!("<preset {name}>"), text.to_string()),
            None => {
                // Only a file inside the site: never `/etc/...`, `../`, a symlink out of the
                // site or a device.
                let path = crate::load::text::inside_site(site_dir, name_or_path)
                    .filter(|p| p.is_file())
                    .ok_or_else(|| {
                        Problem::error("site.toml", "framework tidak ditemukan di folder situs")
                            .field("framework")
                            .value(name_or_path)
                            .hint(format!(
                                "pakai preset ({}) atau path file TOML di dalam folder situs, mis. framework.toml",
                                preset_names().join(", ")
                            ))
                    })?;
                let text = crate::load::text::read_text(&path, name_or_path)?;
                (name_or_path.to_string(), text)
            }
        };
        Framework::parse(&file, &text)
    }

    /// Parses and checks a framework file's text; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<Framework, Problem> {
        let framework: Framework = parse_toml(file, text)?;
        framework.check(file)?;
        Ok(framework)
    }

    /// Structural rules a framework file must meet before any score is read against it.
    fn check(&self, file: &str) -> Result<(), Problem> {
        if self.standards.is_empty() || self.categories.is_empty() {
            return Err(
                Problem::error(file, "framework tanpa standar atau kategori")
                    .hint("isi [[standards]] dan [[categories]]"),
            );
        }
        let finite = self.scale.min.is_finite() && self.scale.max.is_finite();
        if !finite || self.scale.min >= self.scale.max || self.scale.decimals > 6 {
            return Err(Problem::error(file, "skala tidak valid")
                .field("scale")
                .hint("min harus lebih kecil dari max, decimals 0–6"));
        }
        let mut seen = BTreeSet::new();
        for standard in &self.standards {
            if standard.indicators.is_empty() {
                return Err(Problem::error(file, "standar tanpa indikator")
                    .field("standards")
                    .value(&standard.code));
            }
            for code in
                std::iter::once(&standard.code).chain(standard.indicators.iter().map(|i| &i.code))
            {
                if !seen.insert(code.clone()) {
                    return Err(Problem::error(file, "kode ganda di framework")
                        .value(code)
                        .hint("setiap kode standar dan indikator harus unik"));
                }
            }
        }
        let mut previous_min = f64::NEG_INFINITY;
        for category in &self.categories {
            let finite = category.min.is_finite() && category.max.is_finite();
            if !finite || category.min <= previous_min || category.min > category.max {
                return Err(Problem::error(file, "rentang kategori tidak urut")
                    .field("categories")
                    .value(&category.name)
                    .hint("urutkan kategori dari yang terendah; min ≤ max"));
            }
            previous_min = category.min;
        }
        if !(self.change.tolerance.is_finite() && self.change.tolerance >= 0.0) {
            return Err(Problem::error(file, "toleransi perubahan tidak valid")
                .field("change.tolerance")
                .hint("isi angka 0 atau lebih, mis. 0.005"));
        }
        for (lang, words) in &self.translations {
            if !words.categories.is_empty() && words.categories.len() != self.categories.len() {
                return Err(
                    Problem::error(file, "jumlah nama kategori terjemahan tidak sama")
                        .field(format!("translations.{lang}.categories"))
                        .value(words.categories.join(", "))
                        .hint(format!(
                            "tulis {} nama, dari kategori terendah",
                            self.categories.len()
                        )),
                );
            }
        }
        Ok(())
    }

    /// All indicators in framework order, with the index of their standard.
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &Indicator)> {
        self.standards
            .iter()
            .enumerate()
            .flat_map(|(s, standard)| standard.indicators.iter().map(move |i| (s, i)))
    }

    pub fn indicator_count(&self) -> usize {
        self.standards.iter().map(|s| s.indicators.len()).sum()
    }

    /// Rounds to the scale's decimals, so a shown value and its category always agree.
    pub fn round(&self, value: f64) -> f64 {
        let factor = 10f64.powi(self.scale.decimals as i32);
        (value * factor).round() / factor
    }

    /// Index of the category a score falls in: the highest whose `min` the rounded score reaches.
    pub fn category_index(&self, value: f64) -> usize {
        let rounded = self.round(value);
        self.categories
            .iter()
            .rposition(|c| rounded >= c.min)
            .unwrap_or(0)
    }

    pub fn category(&self, value: f64) -> &Category {
        &self.categories[self.category_index(value)]
    }

    /// Direction of a change, with the framework's tolerance.
    pub fn change(&self, before: f64, after: f64) -> Change {
        let delta = after - before;
        if delta > self.change.tolerance {
            Change::Up
        } else if delta < -self.change.tolerance {
            Change::Down
        } else {
            Change::Same
        }
    }

    /// The word for a change (`naik`, `Turun`, ...).
    pub fn change_label(&self, change: Change) -> &str {
        match change {
            Change::Up => &self.change.up,
            Change::Down => &self.change.down,
            Change::Same => &self.change.same,
        }
    }

    /// The word for a change in a site language (the framework's own when not translated).
    pub fn change_label_in(&self, lang: &str, change: Change) -> &str {
        match self.translations.get(lang).and_then(|t| t.change.as_ref()) {
            Some(words) => match change {
                Change::Up => &words.up,
                Change::Down => &words.down,
                Change::Same => &words.same,
            },
            None => self.change_label(change),
        }
    }

    /// The label of a missing value in a site language.
    pub fn missing_label_in(&self, lang: &str) -> &str {
        self.translations
            .get(lang)
            .and_then(|t| t.missing_label.as_deref())
            .unwrap_or(&self.missing_label)
    }

    /// What a top-level unit is called in prose, in a site language.
    pub fn unit_label_in(&self, lang: &str) -> &str {
        self.translations
            .get(lang)
            .and_then(|t| t.unit_label.as_deref())
            .unwrap_or(&self.unit_label)
    }

    /// Heading word for a top-level unit in a site language.
    pub fn unit_heading_in(&self, lang: &str) -> String {
        match self.translations.get(lang) {
            Some(FrameworkWords {
                unit_heading: Some(h),
                ..
            }) => h.clone(),
            Some(FrameworkWords {
                unit_label: Some(label),
                ..
            }) => capitalised(label),
            _ => self.unit_heading(),
        }
    }

    /// The name of the category at `index` in a site language.
    pub fn category_name_in(&self, lang: &str, index: usize) -> &str {
        self.translations
            .get(lang)
            .and_then(|t| t.categories.get(index))
            .unwrap_or(&self.categories[index].name)
    }

    /// Heading word for a top-level unit (`Standar`, `Dimensi`).
    pub fn unit_heading(&self) -> String {
        if self.unit_heading.is_empty() {
            capitalised(&self.unit_label)
        } else {
            self.unit_heading.clone()
        }
    }

    pub fn in_scale(&self, value: f64) -> bool {
        value.is_finite() && value >= self.scale.min && value <= self.scale.max
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rapor_mutu() -> Framework {
        Framework::load(Path::new("."), "rapor-mutu").unwrap()
    }

    #[test]
    fn preset_has_eight_standards_and_29_indicators() {
        let f = rapor_mutu();
        assert_eq!(f.standards.len(), 8);
        assert_eq!(f.indicator_count(), 29);
        assert_eq!(f.standards[3].indicators.len(), 5);
    }

    #[test]
    fn preset_recommends_an_action_for_every_indicator() {
        let f = rapor_mutu();
        for (_, indicator) in f.indicators() {
            let sentences = indicator.rekomendasi.matches(". ").count() + 1;
            assert!(
                indicator.rekomendasi.ends_with('.') && (1..=2).contains(&sentences),
                "{}: {:?}",
                indicator.code,
                indicator.rekomendasi
            );
        }
    }

    #[test]
    fn categories_follow_the_published_ranges() {
        let f = rapor_mutu();
        let name = |v: f64| f.category(v).name.clone();
        assert_eq!(name(0.0), "Menuju SNP 1");
        assert_eq!(name(2.04), "Menuju SNP 1");
        assert_eq!(name(2.05), "Menuju SNP 2");
        assert_eq!(name(3.70), "Menuju SNP 2");
        assert_eq!(name(3.71), "Menuju SNP 3");
        assert_eq!(name(5.06), "Menuju SNP 3");
        assert_eq!(name(5.07), "Menuju SNP 4");
        assert_eq!(name(6.66), "Menuju SNP 4");
        assert_eq!(name(6.67), "SNP");
        assert_eq!(name(7.0), "SNP");
        // 2.046 shows as 2,05, so it must be in the category of 2.05.
        assert_eq!(name(2.046), "Menuju SNP 2");
        assert_eq!(name(2.044), "Menuju SNP 1");
    }

    #[test]
    fn rapor_pendidikan_shows_labels_on_a_0_100_scale() {
        let f = Framework::load(Path::new("."), "rapor-pendidikan").unwrap();
        assert_eq!(f.display, Display::Label);
        assert_eq!(f.unit_heading(), "Dimensi");
        assert_eq!(f.standards.len(), 5);
        assert_eq!(f.standards[0].indicators[0].code, "A.1");
        let name = |v: f64| f.category(v).name.clone();
        assert_eq!(name(10.0), "Kurang");
        assert_eq!(name(55.0), "Sedang");
        assert_eq!(name(80.0), "Baik");
        assert_eq!(f.change_label(f.change(60.0, 62.0)), "Naik");
        assert_eq!(f.change_label(f.change(60.0, 60.2)), "Tetap");
        assert_eq!(f.change_label(f.change(60.0, 55.0)), "Turun");
        assert_eq!(f.missing_label, "Tidak tersedia");
    }

    #[test]
    fn duplicate_codes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text =
            include_str!("presets/rapor-mutu.toml").replace("code = \"1.2\"", "code = \"1.1\"");
        std::fs::write(dir.path().join("f.toml"), text).unwrap();
        let err = Framework::load(dir.path(), "f.toml").unwrap_err();
        assert!(err.message.contains("kode ganda"), "{err}");
        assert_eq!(err.value.as_deref(), Some("1.1"));
    }

    #[test]
    fn scales_and_categories_must_be_finite() {
        let preset = include_str!("presets/rapor-mutu.toml");
        for (from, to) in [
            ("max = 7.0", "max = inf"),
            ("min = 0.0", "min = nan"),
            ("decimals = 2", "decimals = 2\n[change]\ntolerance = nan"),
        ] {
            assert!(preset.contains(from), "{from}");
            let err = Framework::parse("f.toml", &preset.replacen(from, to, 1)).unwrap_err();
            assert_eq!(err.file, "f.toml", "{to}: {err}");
        }
    }

    #[test]
    fn framework_files_stay_in_the_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("f.toml"),
            include_str!("presets/rapor-mutu.toml"),
        )
        .unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        for outside in ["../f.toml", "/dev/zero", "/etc/passwd"] {
            let err = Framework::load(&site, outside).unwrap_err();
            assert_eq!(err.field.as_deref(), Some("framework"), "{outside}: {err}");
        }
    }

    #[test]
    fn unknown_preset_names_the_field() {
        let err = Framework::load(Path::new("/nonexistent"), "rapor-lain").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("framework"));
    }
}
