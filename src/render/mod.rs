//! Rendering: tera templates from the theme, per-page contexts (`pages/`), charts, markdown.
//! Templates are compiled once; everything that depends on the whole site is computed once in
//! `SiteView` and shared by all pages.

pub mod charts;
pub mod format;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod view;

use crate::diag::Problem;
use crate::plan::{Page, PageKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};
use view::SiteView;
use walkdir::WalkDir;

/// Compiled templates and the UI words of the site's language.
pub struct Renderer {
    tera: Tera,
    pub words: BTreeMap<String, String>,
}

/// A theme folder: `themes/<name>` in the site.
pub fn theme_dir(site_dir: &Path, theme: &str) -> PathBuf {
    site_dir.join("themes").join(theme)
}

impl Renderer {
    pub fn new(site_dir: &Path, theme: &str, language: &str) -> Result<Renderer, Problem> {
        let dir = theme_dir(site_dir, theme);
        let templates = dir.join("templates");
        if !templates.is_dir() {
            return Err(Problem::error("site.toml", "tema tidak ditemukan")
                .field("theme")
                .value(theme)
                .hint(format!(
                    "buat folder themes/{theme}/templates atau pakai theme = \"default\""
                )));
        }
        let mut tera = Tera::new();
        let mut files: Vec<(String, String)> = Vec::new();
        for entry in WalkDir::new(&templates)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&templates)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let file = format!("themes/{theme}/templates/{name}");
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| Problem::error(&file, format!("tidak dapat dibaca: {e}")))?;
            files.push((name, text));
        }
        tera.add_raw_templates(files).map_err(|e| {
            Problem::error(
                format!("themes/{theme}/templates"),
                format!("template tidak valid: {e}"),
            )
            .hint("perbaiki sintaks tera di template tersebut")
        })?;
        let words_file = format!("themes/{theme}/i18n/{language}.toml");
        let words_text = std::fs::read_to_string(site_dir.join(&words_file)).map_err(|e| {
            Problem::error(
                &words_file,
                format!("kata-kata antarmuka tidak dapat dibaca: {e}"),
            )
            .hint("setiap bahasa situs perlu file i18n/<bahasa>.toml di tema")
        })?;
        let words = crate::config::parse_toml(&words_file, &words_text)?;
        Ok(Renderer { tera, words })
    }

    /// Renders one planned page to HTML.
    pub fn render(&self, view: &SiteView, page: &Page) -> Result<String, String> {
        let (template, context): (&str, Context) = match page.kind {
            PageKind::Home => ("home.html", pages::home::context(view, page)),
            PageKind::Region(i) => ("region.html", pages::region::context(view, page, i)),
            PageKind::School(i) => ("school.html", pages::school::context(view, page, i)),
            PageKind::ArticleList => ("articles.html", pages::content::article_list(view, page)),
            PageKind::Article(i) => ("article.html", pages::content::article(view, page, i)),
            PageKind::Methodology => ("methodology.html", pages::content::methodology(view, page)),
            PageKind::Page(i) => ("page.html", pages::content::free_page(view, page, i)),
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
