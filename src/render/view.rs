//! Everything pages read, computed once per build: the data, scores, aggregates, the analysis
//! (spread, changes, weakest indicators, model vs imbas) and the cross-references (schools per
//! region, imbas per model school, articles per region/school) in `Computed`, shared by every
//! language; and per language a `SiteView` with its words and number format, which reads the
//! shared part through `Deref` (`view.scores`).

use super::format::NumberFormat;
use crate::model::{Peran, SiteData};
use crate::plan::Lang;
use crate::score::aggregate::{self, Aggregates};
use crate::score::analysis::Analysis;
use crate::score::{self, Scores};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What pages of one language read: the shared computed site and the language's words.
pub struct SiteView<'a> {
    computed: Arc<Computed<'a>>,
    pub lang: Lang,
    pub numbers: NumberFormat,
    /// The theme's UI words with `{unit}` and `{Unit}` replaced by the framework's name for
    /// its top-level unit (standar, dimensi), so no word assumes eight standards.
    pub words: BTreeMap<String, String>,
    /// The same words as a template value, built once: every page's context shares it (a
    /// tera map is reference-counted) instead of converting some 200 strings per page.
    pub words_value: tera::Value,
    /// The theme's templates with these words folded in (`Renderer::views`); without it
    /// pages render with the templates as written.
    pub templates: Option<Arc<tera::Tera>>,
    /// Every language of the site (main first) with its name in its own words, for the
    /// language switch.
    pub languages: Vec<(Lang, String)>,
    /// What every page's context shares, built once (see `pages::base`): `site`, and `links`
    /// with `nav` per way to the root and current menu item (all 226,000 school pages of a
    /// national site share one).
    pub chrome: Chrome,
}

/// Template values shared by many pages, made on first use.
#[derive(Default)]
pub struct Chrome {
    pub site: std::sync::OnceLock<tera::Value>,
    pub menu: std::sync::OnceLock<Vec<(String, String)>>,
    #[allow(clippy::type_complexity)]
    pub by_place: std::sync::Mutex<
        std::collections::HashMap<(String, String, Option<usize>), (tera::Value, tera::Value)>,
    >,
    /// The frame of every school's radar (axes, rings): the same on all school pages.
    pub radar: std::sync::OnceLock<crate::render::charts::radar::Frame>,
    /// The frame of every school's indicator bars (bands, indicator codes).
    pub indicator_bars: std::sync::OnceLock<crate::render::charts::bars::Frame>,
    /// The key to the category bands under bar charts (`pages::figures::category_key`).
    pub category_key: std::sync::OnceLock<String>,
    /// The frames of trend charts (`pages::figures::trend_figure`, whose panels and years
    /// are the view's) by value range: a handful, shared by every school, region and network.
    #[allow(clippy::type_complexity)]
    pub trend: std::sync::Mutex<
        Vec<(
            (u64, u64),
            std::sync::Arc<crate::render::charts::trend::Frame>,
        )>,
    >,
}

/// The language-independent part, computed once per build.
pub struct Computed<'a> {
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
}

impl<'a> std::ops::Deref for SiteView<'a> {
    type Target = Computed<'a>;

    fn deref(&self) -> &Computed<'a> {
        &self.computed
    }
}

impl<'a> SiteView<'a> {
    /// The view of the site's main language, computing everything shared.
    pub fn new(data: &'a SiteData, words: &BTreeMap<String, String>) -> SiteView<'a> {
        let lang = Lang::main(&data.config.language);
        SiteView::with_words(Arc::new(Computed::new(data)), lang, words)
    }

    /// The same site in another language: shares everything computed, with that language's
    /// words and number format.
    pub fn in_language(&self, lang: Lang, words: &BTreeMap<String, String>) -> SiteView<'a> {
        SiteView::with_words(self.computed.clone(), lang, words)
    }

    fn with_words(
        computed: Arc<Computed<'a>>,
        lang: Lang,
        words: &BTreeMap<String, String>,
    ) -> SiteView<'a> {
        let framework = &computed.data.framework;
        let (unit, heading) = (
            framework.unit_label_in(lang.code),
            framework.unit_heading_in(lang.code),
        );
        let words: BTreeMap<String, String> = words
            .iter()
            .map(|(k, v)| {
                let text = v.replace("{unit}", unit).replace("{Unit}", &heading);
                (k.clone(), text)
            })
            .collect();
        let name = words
            .get("nama_bahasa")
            .cloned()
            .unwrap_or_else(|| lang.code.to_string());
        SiteView {
            words_value: tera::Value::from_serializable(&words),
            templates: None,
            words,
            numbers: NumberFormat::new(lang.code, framework),
            languages: vec![(lang, name)],
            lang,
            computed,
            chrome: Chrome::default(),
        }
    }

    /// Tells every view of a build about the others, for the language switch.
    pub fn link_languages(views: &mut [SiteView<'a>]) {
        let all: Vec<(Lang, String)> = views
            .iter()
            .flat_map(|v| v.languages.first().cloned())
            .collect();
        for view in views {
            view.languages = all.clone();
        }
    }

    /// The view of a page's language among a build's views (the main one if it has none).
    pub fn for_page<'v>(views: &'v [SiteView<'a>], page: &crate::plan::Page) -> &'v SiteView<'a> {
        views
            .iter()
            .find(|v| v.lang == page.lang)
            .unwrap_or(&views[0])
    }

    /// A UI word of the view's language (the key itself when the theme lacks it).
    pub fn word(&self, key: &str) -> String {
        self.words
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// `word` without a copy, for words printed on many rows (a school's status and role).
    pub fn word_ref<'s>(&'s self, key: &'s str) -> &'s str {
        self.words.get(key).map_or(key, String::as_str)
    }
}

/// The imbas schools of each model school (index), models without imbas included.
fn imbas_by_model(data: &SiteData) -> BTreeMap<usize, Vec<usize>> {
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
    imbas_by_model
}

impl<'a> Computed<'a> {
    pub fn new(data: &'a SiteData) -> Computed<'a> {
        // What does not need the scores is worked out while they are computed, and the
        // aggregates beside the analysis: each has a serial part that would leave a core idle.
        let (scores, (schools_by_region, imbas_by_model)) = rayon::join(
            || score::score_site(data),
            || (aggregate::schools_by_region(data), imbas_by_model(data)),
        );
        let (aggregates, analysis) = rayon::join(
            || aggregate::aggregate(data, &scores, &schools_by_region),
            || Analysis::compute(data, &scores, &schools_by_region, &imbas_by_model),
        );
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
        Computed {
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

    pub fn latest_year(&self) -> Option<usize> {
        self.scores.latest_index()
    }

    /// The year before the latest, for changes.
    pub fn previous_year(&self) -> Option<usize> {
        self.analysis.previous
    }
}
