//! Rendering: tera templates from the theme, per-page contexts (`pages/`), charts, markdown.
//! Templates are compiled once; everything that depends on the whole site is computed once in
//! `SiteView` and shared by all pages.

pub mod charts;
pub mod format;
pub mod geo;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod view;

use crate::diag::Problem;
use crate::plan::{Page, PageKind};
use crate::theme::Theme;
use std::collections::BTreeMap;
use tera::{Context, Tera};
use view::SiteView;

/// Compiled templates, the UI words of the site's language and the region boundaries.
pub struct Renderer {
    tera: Tera,
    pub words: BTreeMap<String, String>,
    pub boundaries: geo::Boundaries,
}

impl Renderer {
    /// Compiles the theme's templates and reads the UI words of `language`.
    pub fn new(theme: &Theme, language: &str) -> Result<Renderer, Problem> {
        let mut tera = Tera::new();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        )
        .map_err(|e| {
            Problem::error(
                "templates",
                format!("template tidak valid: {}", error_chain(&e)),
            )
            .hint("perbaiki sintaks tera di template tersebut")
        })?;
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
        let words = crate::config::parse_toml(&shown, words_text)?;
        Ok(Renderer {
            tera,
            words,
            boundaries: geo::Boundaries::default(),
        })
    }

    /// Reads the site's region boundaries (`content/data/peta/*.geojson`) for the maps.
    pub fn with_boundaries(mut self, site_dir: &std::path::Path) -> Result<Renderer, Problem> {
        self.boundaries = geo::Boundaries::load(site_dir)?;
        Ok(self)
    }

    /// Renders one planned page to HTML.
    pub fn render(&self, view: &SiteView, page: &Page) -> Result<String, String> {
        let (template, context): (&str, Context) = match page.kind {
            PageKind::Home => (
                "home.html",
                pages::home::context(view, &self.boundaries, page),
            ),
            PageKind::Region(i) => (
                "region.html",
                pages::region::context(view, &self.boundaries, page, i),
            ),
            PageKind::School(i) => ("school.html", pages::school::context(view, page, i)),
            PageKind::Network(i) => ("network.html", pages::network::context(view, page, i)),
            PageKind::ArticleList => ("articles.html", pages::content::article_list(view, page)),
            PageKind::Article(i) => ("article.html", pages::content::article(view, page, i)),
            PageKind::Methodology => ("methodology.html", pages::content::methodology(view, page)),
            PageKind::Page(i) => ("page.html", pages::content::free_page(view, page, i)),
            PageKind::Verval => ("verval.html", pages::verval::context(view, page)),
        };
        self.tera
            .render(template, &context)
            .map_err(|e| format!("{}: template {template}: {}", page.path, error_chain(&e)))
    }
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
