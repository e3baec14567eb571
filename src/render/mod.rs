//! Rendering: tera templates from the theme, per-page contexts (`pages/`), charts, markdown.
//! Templates are compiled once; everything that depends on the whole site is computed once in
//! `SiteView` and shared by all pages.

pub mod charts;
pub mod download;
pub mod feeds;
pub mod fold;
pub mod format;
pub mod geo;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod safe;
pub mod search;
pub mod view;

use crate::diag::Problem;
use crate::plan::{Page, PageKind};
use crate::theme::Theme;
use std::collections::BTreeMap;
use tera::{Context, Tera};
use view::SiteView;

/// Compiled templates, the UI words of the site's languages and the region boundaries.
pub struct Renderer {
    /// The theme's templates as written (checked at start; used when a view has no copy of
    /// its own).
    tera: Tera,
    /// Their sources, to compile each language's copy with its words folded in (`fold`).
    sources: Vec<(String, String)>,
    /// The UI words of the main language.
    pub words: BTreeMap<String, String>,
    /// The UI words of every site language (main first), by language code.
    pub words_by_language: Vec<(String, BTreeMap<String, String>)>,
    pub boundaries: geo::Boundaries,
}

impl Renderer {
    /// Compiles the theme's templates and reads the UI words of each language (main first).
    pub fn new(theme: &Theme, languages: &[&str]) -> Result<Renderer, Problem> {
        let sources: Vec<(String, String)> = theme
            .templates
            .iter()
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect();
        let tera = compile(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(|e| {
            Problem::error(
                "templates",
                format!("template tidak valid: {}", error_chain(&e)),
            )
            .hint("perbaiki sintaks tera di template tersebut")
        })?;
        let words_by_language = languages
            .iter()
            .map(|&language| Ok((language.to_string(), read_words(theme, language)?)))
            .collect::<Result<Vec<_>, Problem>>()?;
        Ok(Renderer {
            tera,
            sources,
            words: words_by_language
                .first()
                .map(|(_, w)| w.clone())
                .unwrap_or_default(),
            words_by_language,
            boundaries: geo::Boundaries::default(),
        })
    }

    /// One view per site language, main first, sharing everything computed from the data.
    pub fn views<'a>(&self, data: &'a crate::model::SiteData) -> Vec<SiteView<'a>> {
        let main = SiteView::new(data, &self.words);
        let mut views: Vec<SiteView<'a>> = crate::plan::Lang::of_site(&data.config)
            .into_iter()
            .skip(1)
            .map(|lang| {
                let words = self
                    .words_by_language
                    .iter()
                    .find(|(code, _)| code == lang.code)
                    .map(|(_, w)| w.clone())
                    .unwrap_or_default();
                main.in_language(lang, &words)
            })
            .collect();
        views.insert(0, main);
        SiteView::link_languages(&mut views);
        for view in &mut views {
            view.templates = self.folded(view).map(std::sync::Arc::new);
        }
        views
    }

    /// The templates compiled with what every page of a view's language shows alike folded
    /// in: its words (`t`), `site` and `lang`. `None` (the templates as written serve) if that
    /// copy does not compile, which folding should never cause.
    fn folded(&self, view: &SiteView) -> Option<Tera> {
        let mut constants: BTreeMap<String, String> = view
            .words
            .iter()
            .map(|(k, v)| (format!("t.{k}"), v.clone()))
            .collect();
        if let Some(site) = pages::site_value(view).as_map() {
            for (k, v) in site {
                if let (Some(k), Some(v)) = (k.as_str(), v.as_str()) {
                    constants.insert(format!("site.{k}"), v.to_string());
                }
            }
        }
        constants.insert("lang".to_string(), view.lang.code.to_string());
        let folded = fold::fold_constants(&self.sources, &constants);
        compile(folded.iter().map(|(n, t)| (*n, t.as_ref()))).ok()
    }

    /// Reads the site's region boundaries (`content/data/peta/*.geojson`) for the maps.
    pub fn with_boundaries(mut self, site_dir: &std::path::Path) -> Result<Renderer, Problem> {
        self.boundaries = geo::Boundaries::load(site_dir)?;
        Ok(self)
    }

    /// Renders one planned page to HTML (UTF-8).
    pub fn render(&self, view: &SiteView, page: &Page) -> Result<Vec<u8>, String> {
        self.render_page(view, page).map(|r| r.html)
    }

    /// Renders one planned page to HTML, with the data files of its tables beside it.
    pub fn render_page(&self, view: &SiteView, page: &Page) -> Result<Rendered, String> {
        let mut files = download::Downloads::for_page(page, view.numbers);
        let out = &mut files;
        let (template, context): (&str, Context) = match page.kind {
            PageKind::Home => (
                "home.html",
                pages::home::context(view, &self.boundaries, page, out),
            ),
            PageKind::Region(i) => (
                "region.html",
                pages::region::context(view, &self.boundaries, page, i, out),
            ),
            PageKind::School(i) => ("school.html", pages::school::context(view, page, i, out)),
            PageKind::Network(i) => ("network.html", pages::network::context(view, page, i, out)),
            PageKind::ArticleList => ("articles.html", pages::content::article_list(view, page)),
            PageKind::Article(i) => ("article.html", pages::content::article(view, page, i, out)),
            PageKind::Methodology => (
                "methodology.html",
                pages::content::methodology(view, page, out),
            ),
            PageKind::Page(i) => ("page.html", pages::content::free_page(view, page, i)),
            PageKind::Verval => ("verval.html", pages::verval::context(view, page, out)),
            PageKind::NotFound => ("404.html", pages::content::not_found(view, page)),
            PageKind::Compare => (
                "compare.html",
                pages::base(view, page, &view.word("banding_judul")).0,
            ),
        };
        let mut context = context;
        context.insert("downloads", &files.links);
        // Into bytes, written to the file as they are: `render` would check 35 KB of UTF-8 a
        // school page (tera writes only UTF-8) after growing its buffer from the template's size.
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        view.templates
            .as_deref()
            .unwrap_or(&self.tera)
            .render_to(template, &context, &mut html)
            .map_err(|e| format!("{}: template {template}: {}", page.path, error_chain(&e)))?;
        Ok(Rendered {
            html,
            files: files.files,
        })
    }
}

fn compile<'t>(templates: impl IntoIterator<Item = (&'t str, &'t str)>) -> tera::TeraResult<Tera> {
    let mut tera = Tera::new();
    tera.add_raw_templates(templates)?;
    Ok(tera)
}

/// Room for a school page (35 KB) without growing.
const PAGE_CAPACITY: usize = 48 * 1024;

/// A rendered page: its HTML and the files written beside it (its tables' downloads), by
/// site-root path.
pub struct Rendered {
    /// UTF-8.
    pub html: Vec<u8>,
    pub files: Vec<(String, Vec<u8>)>,
}

/// The theme's UI words of one language (`i18n/<language>.toml`).
fn read_words(theme: &Theme, language: &str) -> Result<BTreeMap<String, String>, Problem> {
    let words_key = format!("{language}.toml");
    let words_file = format!("i18n/{words_key}");
    let words_text = theme.i18n.get(&words_key).ok_or_else(|| {
        Problem::error(
            &words_file,
            "kata-kata antarmuka untuk bahasa ini tidak ada",
        )
        .hint("setiap bahasa situs perlu file i18n/<bahasa>.toml di tema")
    })?;
    let shown = theme.origin.get(&words_file).cloned().unwrap_or(words_file);
    crate::config::parse_toml(&shown, words_text)
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
