//! `site.toml`: what a site is called, which framework it uses, which years it publishes.

use crate::diag::Problem;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The parsed `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Language of the site's words (`id` or `en`); data stays as written.
    #[serde(default = "default_language")]
    pub language: String,
    /// A preset name (`rapor-mutu`) or a TOML file path relative to the site folder.
    #[serde(default = "default_framework")]
    pub framework: String,
    /// Years to publish; each needs `content/data/nilai/<year>.csv`. Empty: every file found.
    #[serde(default)]
    pub years: Vec<u16>,
    /// Only for absolute URLs in sitemap and feeds; pages never depend on it.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Who publishes the site (shown in the footer).
    #[serde(default)]
    pub publisher: String,
    /// When true, every page that shows school data says it is synthetic.
    #[serde(default)]
    pub synthetic: bool,
    /// The site's own wording of that notice (e.g. which data is real); default: the theme's.
    #[serde(default)]
    pub synthetic_note: Option<String>,
    /// Sheet to read per spreadsheet file (default: the first sheet), e.g.
    /// `sheets = { "content/data/sekolah.xlsx" = "Data" }`.
    #[serde(default)]
    pub sheets: BTreeMap<String, String>,
    /// Thresholds of the data checks (verval).
    #[serde(default)]
    pub verval: VervalConfig,
}

/// Thresholds of `rapor check`'s warnings; every one has a default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VervalConfig {
    /// Fewest respondents per role a school should have (raw answers).
    pub min_responden: BTreeMap<String, usize>,
    /// A standard that changes by more than this between two consecutive years is flagged.
    pub lonjakan_maks: f64,
    /// A model school with more imbas schools than this is flagged (usually about five).
    pub imbas_maks: usize,
}

impl Default for VervalConfig {
    fn default() -> Self {
        VervalConfig {
            min_responden: [("ks", 1), ("guru", 8), ("siswa", 15)]
                .into_iter()
                .map(|(role, n)| (role.to_string(), n))
                .collect(),
            lonjakan_maks: 1.5,
            imbas_maks: 8,
        }
    }
}

fn default_language() -> String {
    "id".into()
}

fn default_framework() -> String {
    "rapor-mutu".into()
}

fn default_theme() -> String {
    "default".into()
}

impl SiteConfig {
    /// Reads `site.toml` from the site folder.
    pub fn load(site_dir: &Path) -> Result<SiteConfig, Problem> {
        let path = site_dir.join("site.toml");
        if !path.is_file() {
            return Err(Problem::error("site.toml", "tidak ada")
                .hint("jalankan rapor di folder situs yang berisi site.toml"));
        }
        let text = crate::load::text::read_text(&path, "site.toml")?;
        let config: SiteConfig = parse_toml("site.toml", &text)?;
        if !matches!(config.language.as_str(), "id" | "en") {
            return Err(Problem::error("site.toml", "bahasa tidak dikenal")
                .field("language")
                .value(config.language)
                .hint("pakai \"id\" atau \"en\""));
        }
        Ok(config)
    }
}

/// Parses TOML, turning a syntax or type error into a problem with its line.
pub fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|e| {
        let mut problem = Problem::error(file, format!("TOML tidak valid: {}", e.message().trim()))
            .hint("periksa tanda kutip, tanda = dan nama kunci");
        if let Some(span) = e.span() {
            problem = problem.line(line_of_offset(text, span.start));
        }
        problem
    })
}

/// 1-based line number of a byte offset.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_error_has_line() {
        let err = parse_toml::<SiteConfig>("site.toml", "title = \"x\"\nyears = [2019, \"a\"]\n")
            .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.file, "site.toml");
    }

    #[test]
    fn defaults_apply() {
        let c: SiteConfig = parse_toml("site.toml", "title = \"Situs\"").unwrap();
        assert_eq!(c.language, "id");
        assert_eq!(c.framework, "rapor-mutu");
        assert!(c.years.is_empty());
    }
}
