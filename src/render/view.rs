//! Everything pages read, computed once per build: the data, scores, aggregates, the analysis
//! (spread, changes, weakest indicators, model vs imbas) and the cross-references (schools per
//! region, imbas per model school, articles per region/school).

use super::format::NumberFormat;
use crate::model::{Peran, SiteData};
use crate::score::aggregate::{self, Aggregates};
use crate::score::analysis::Analysis;
use crate::score::{self, Scores};
use std::collections::BTreeMap;

pub struct SiteView<'a> {
    pub data: &'a SiteData,
    pub scores: Scores,
    pub aggregates: Aggregates,
    pub analysis: Analysis,
    /// Schools (indexes) per region code: a kab/kota and its province.
    pub schools_by_region: BTreeMap<String, Vec<usize>>,
    /// Imbas schools (indexes) per model school index.
    pub imbas_by_model: BTreeMap<usize, Vec<usize>>,
    /// Articles (indexes, newest first) per region code and per NPSN they name.
    pub articles_by_region: BTreeMap<String, Vec<usize>>,
    pub articles_by_school: BTreeMap<String, Vec<usize>>,
    pub numbers: NumberFormat,
    /// The theme's UI words with `{unit}` and `{Unit}` replaced by the framework's name for
    /// its top-level unit (standar, dimensi), so no word assumes eight standards.
    pub words: BTreeMap<String, String>,
    /// The same words as a template value, built once: every page's context shares it (a
    /// tera map is reference-counted) instead of converting some 200 strings per page.
    pub words_value: tera::Value,
}

impl<'a> SiteView<'a> {
    pub fn new(data: &'a SiteData, words: &'a BTreeMap<String, String>) -> SiteView<'a> {
        let scores = score::score_site(data);
        let schools_by_region = aggregate::schools_by_region(data);
        let aggregates = aggregate::aggregate(data, &scores, &schools_by_region);
        let mut imbas_by_model: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, school) in data.schools.iter().enumerate() {
            if school.peran == Peran::Model {
                imbas_by_model.entry(i).or_default();
            }
            if let Some(model) = school
                .sekolah_model
                .as_deref()
                .and_then(|m| data.school_index(m))
            {
                imbas_by_model.entry(model).or_default().push(i);
            }
        }
        let analysis = Analysis::compute(data, &scores, &schools_by_region, &imbas_by_model);
        let mut articles_by_region: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut articles_by_school: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, article) in data.articles.iter().enumerate() {
            for kode in &article.wilayah {
                articles_by_region.entry(kode.clone()).or_default().push(i);
            }
            for npsn in &article.sekolah {
                articles_by_school.entry(npsn.clone()).or_default().push(i);
            }
        }
        let words: BTreeMap<String, String> = words
            .iter()
            .map(|(k, v)| {
                let text = v
                    .replace("{unit}", &data.framework.unit_label)
                    .replace("{Unit}", &data.framework.unit_heading());
                (k.clone(), text)
            })
            .collect();
        SiteView {
            words_value: tera::Value::from_serializable(&words),
            words,
            numbers: NumberFormat::new(&data.config.language, &data.framework),
            data,
            scores,
            aggregates,
            analysis,
            schools_by_region,
            imbas_by_model,
            articles_by_region,
            articles_by_school,
        }
    }

    /// A UI word of the site's language (the key itself when the theme lacks it).
    pub fn word(&self, key: &str) -> String {
        self.words
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    pub fn latest_year(&self) -> Option<usize> {
        self.scores.latest_index()
    }

    /// The year before the latest, for changes.
    pub fn previous_year(&self) -> Option<usize> {
        self.analysis.previous
    }
}
