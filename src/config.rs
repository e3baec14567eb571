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
    /// Language of the site's words (`id` or `en`); data stays as written. The main
    /// language: its pages sit at the root of the output.
    #[serde(default = "default_language")]
    pub language: String,
    /// Every language the site is published in, the main one included, e.g.
    /// `["id", "en"]`: each other language gets the same pages under `<code>/` (`en/`).
    /// Empty: the main language only.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A preset name (`rapor-mutu`) or a TOML file path relative to the site folder.
    #[serde(default = "default_framework")]
    pub framework: String,
    /// Years to publish; each needs `content/data/nilai/<year>.csv`. Empty: every file found.
    #[serde(default)]
    pub years: Vec<u16>,
    /// Where the site is published (`https://contoh.go.id/rapor/`): only for the absolute
    /// URLs of the sitemap, the Atom feed and the 404 page's links; pages never depend on it.
    /// Without it the sitemap and feed are not written.
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
    /// The most schools a province page lists in its table; a province with more lists them
    /// on its kab/kota pages (a national site's largest has 15,000: a page of megabytes).
    #[serde(default = "default_province_list_max")]
    pub daftar_sekolah_provinsi_maks: usize,
}

fn default_province_list_max() -> usize {
    2000
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
        for (i, code) in config.languages.iter().enumerate() {
            if !matches!(code.as_str(), "id" | "en") {
                return Err(Problem::error("site.toml", "bahasa tidak dikenal")
                    .field("languages")
                    .value(code)
                    .hint("pakai \"id\" dan/atau \"en\", mis. languages = [\"id\", \"en\"]"));
            }
            if config.languages[..i].contains(code) {
                return Err(Problem::error("site.toml", "bahasa tertulis dua kali")
                    .field("languages")
                    .value(code)
                    .hint("tulis setiap bahasa sekali"));
            }
        }
        if !config.languages.is_empty() && !config.languages.contains(&config.language) {
            return Err(
                Problem::error("site.toml", "bahasa utama tidak ada di languages")
                    .field("languages")
                    .value(config.languages.join(", "))
                    .hint(format!(
                        "tambahkan \"{}\" (language, bahasa halaman di akar situs) ke languages",
                        config.language
                    )),
            );
        }
        if let Some(url) = &config.base_url {
            let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
            let host = url.split_once("://").map(|(_, h)| h).unwrap_or("");
            let plain = !url
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>'));
            if !matches!(scheme.as_deref(), Some("http" | "https")) || host.is_empty() || !plain {
                return Err(Problem::error("site.toml", "base_url bukan alamat web")
                    .field("base_url")
                    .value(url)
                    .hint("tulis alamat lengkap situs, mis. base_url = \"https://contoh.go.id/rapor/\""));
            }
        }
        Ok(config)
    }

    /// Every language of the site, the main one first.
    pub fn all_languages(&self) -> Vec<&str> {
        let mut list = vec![self.language.as_str()];
        list.extend(
            self.languages
                .iter()
                .map(String::as_str)
                .filter(|&l| l != self.language),
        );
        list
    }

    /// `base_url` ending with `/`, so a site path can be appended to it.
    pub fn base_url(&self) -> Option<String> {
        self.base_url.as_ref().map(|url| {
            if url.ends_with('/') {
                url.clone()
            } else {
                format!("{url}/")
            }
        })
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
        assert_eq!(c.all_languages(), ["id"]);
        assert_eq!(c.base_url(), None);
    }

    #[test]
    fn languages_put_the_main_one_first() {
        let c: SiteConfig = parse_toml(
            "site.toml",
            "title = \"Situs\"\nlanguages = [\"en\", \"id\"]\nbase_url = \"https://x.go.id/r\"",
        )
        .unwrap();
        assert_eq!(c.all_languages(), ["id", "en"]);
        assert_eq!(c.base_url().as_deref(), Some("https://x.go.id/r/"));
    }

    #[test]
    fn unknown_languages_and_bad_base_urls_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for (text, field) in [
            ("languages = [\"id\", \"fr\"]", "languages"),
            ("languages = [\"en\"]", "languages"),
            ("languages = [\"id\", \"id\"]", "languages"),
            ("base_url = \"contoh.go.id/rapor\"", "base_url"),
            ("base_url = \"javascript:alert(1)\"", "base_url"),
        ] {
            std::fs::write(
                dir.path().join("site.toml"),
                format!("title = \"S\"\n{text}\n"),
            )
            .unwrap();
            let err = SiteConfig::load(dir.path()).unwrap_err();
            assert_eq!(err.field.as_deref(), Some(field), "{text}: {err}");
        }
    }
}
