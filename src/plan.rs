//! The page plan: every page's output path and what it shows, as a plain value that tests can
//! inspect before anything is rendered. `paths` is the one place that names output files.

use crate::model::{Peran, SiteData};

/// What a page shows; indexes point into `SiteData`'s sorted lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    /// Index into `SiteData::regions`.
    Region(usize),
    /// Index into `SiteData::schools`.
    School(usize),
    /// A model school's network with its imbas schools: index into `SiteData::schools` of
    /// the model school.
    Network(usize),
    ArticleList,
    /// Index into `SiteData::articles`.
    Article(usize),
    /// Scale, categories and aggregation rules from the framework, with the optional
    /// `content/halaman/metodologi.md` text.
    Methodology,
    /// Index into `SiteData::pages` (free pages other than the methodology).
    Page(usize),
    /// Data quality (verval): per kab/kota, schools with complete, partial and missing data,
    /// and the warnings that concern them.
    Verval,
    /// Schools side by side (`banding/`): rapor.js fills it from the selection in the URL or
    /// localStorage, with the scores from the search index's NPSN shards.
    Compare,
    /// The page a web server shows for a missing path (`404.html`), at any depth: its links
    /// are absolute from `base_url`, or set by a small inline script (see `pages::not_found`).
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output path relative to the site root, always naming a file (`…/index.html`,
    /// `en/sekolah/14710001.html`).
    pub path: String,
    pub kind: PageKind,
    /// The language of its words; its path starts with the language's folder.
    pub lang: Lang,
}

impl Page {
    /// The path inside its language's folder: the same for a page in every language.
    pub fn site_path(&self) -> &str {
        &self.path[self.lang.subtree.len()..]
    }
}

/// A site language and where its pages are: the main language at the root, any other in a
/// folder named by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang {
    /// `id` or `en`, as in `<html lang>`.
    pub code: &'static str,
    /// `""` for the main language, otherwise `en/` (or `id/`).
    pub subtree: &'static str,
}

impl Lang {
    /// The main language, at the root.
    pub fn main(code: &str) -> Lang {
        Lang {
            code: Lang::known(code),
            subtree: "",
        }
    }

    /// A second language, in its own folder.
    pub fn other(code: &str) -> Lang {
        match Lang::known(code) {
            "en" => Lang {
                code: "en",
                subtree: "en/",
            },
            _ => Lang {
                code: "id",
                subtree: "id/",
            },
        }
    }

    /// The site's languages, main first (`site.toml` allows `id` and `en` only).
    pub fn of_site(config: &crate::config::SiteConfig) -> Vec<Lang> {
        let all = config.all_languages();
        std::iter::once(Lang::main(all[0]))
            .chain(all[1..].iter().map(|code| Lang::other(code)))
            .collect()
    }

    fn known(code: &str) -> &'static str {
        match code {
            "en" => "en",
            _ => "id",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub pages: Vec<Page>,
    /// The site's languages, main first.
    pub languages: Vec<Lang>,
}

/// Slug of the free page whose text the methodology page shows.
pub const METHODOLOGY_SLUG: &str = "metodologi";

/// Output paths. Folder names are region codes, NPSNs and checked slugs only.
pub mod paths {
    pub const HOME: &str = "index.html";
    /// Folder of the theme's files (style, script, search index): one copy at the root,
    /// shared by every language.
    pub const ASSETS: &str = "assets/";
    pub const ARTICLES: &str = "kegiatan/index.html";
    pub const STYLE: &str = "assets/style.css";
    pub const SCRIPT: &str = "assets/rapor.js";

    pub fn region(kode: &str) -> String {
        format!("{}index.html", region_folder(kode))
    }

    /// A region page's folder, where its tables' downloads are.
    pub fn region_folder(kode: &str) -> String {
        format!("wilayah/{kode}/")
    }

    /// A school's page: a file, not a folder, of its own (`sekolah/14710001.html`). A national
    /// site has 226,000 schools: a folder each cost a directory block and a third of the
    /// kernel's time of writing the pages on ext4, and a whole cluster each on a USB stick's
    /// exFAT.
    pub fn school(npsn: &str) -> String {
        format!("sekolah/{npsn}.html")
    }

    /// A model school's network page.
    pub fn network(npsn: &str) -> String {
        format!("jejaring/{npsn}/index.html")
    }

    pub fn article(slug: &str) -> String {
        format!("kegiatan/{slug}/index.html")
    }

    pub fn page(slug: &str) -> String {
        format!("halaman/{slug}/index.html")
    }

    pub fn methodology() -> String {
        page(super::METHODOLOGY_SLUG)
    }

    /// Whether a site-root path names a file shared by every language (at the root) rather
    /// than a page of one language.
    pub fn is_shared(target: &str) -> bool {
        target.starts_with(ASSETS)
    }

    pub const VERVAL: &str = "verval/index.html";
    /// The page a web server shows for a missing path (in each language's folder).
    pub const NOT_FOUND: &str = "404.html";
    /// Only with `base_url`: the sitemap (or sitemap index), and the Atom feed of articles.
    pub const SITEMAP: &str = "sitemap.xml";
    pub const FEED: &str = "kegiatan/atom.xml";

    /// Part `n` (from 1) of a sitemap too large for one file.
    pub fn sitemap_part(n: usize) -> String {
        format!("sitemap-{n}.xml")
    }

    /// Every school's scores in one year (`csv` in each language's folder, `json` once).
    pub fn year_download(year: u16, extension: &str) -> String {
        format!("unduh/nilai-{year}.{extension}")
    }
    pub const COMPARE: &str = "banding/index.html";
    /// The search index every page of a language loads (see `render::search`).
    pub fn search_index(lang: &str) -> String {
        crate::render::search::manifest_path(lang)
    }
}

impl Plan {
    pub fn count(&self, matches: impl Fn(&PageKind) -> bool) -> usize {
        self.pages.iter().filter(|p| matches(&p.kind)).count()
    }
}

/// Plans every page of the site, in a fixed order: all pages of the main language, then the
/// same pages under each other language's folder.
pub fn plan(data: &SiteData) -> Plan {
    let languages = Lang::of_site(&data.config);
    let pages_of_one_language = site_pages(data);
    let pages = languages
        .iter()
        .flat_map(|&lang| {
            pages_of_one_language.iter().map(move |p| Page {
                path: format!("{}{}", lang.subtree, p.path),
                kind: p.kind,
                lang,
            })
        })
        .collect();
    Plan { pages, languages }
}

/// A page of one language: its path inside the language's folder and what it shows.
struct SitePage {
    path: String,
    kind: PageKind,
}

/// Every page of one language, paths relative to the language's folder.
fn site_pages(data: &SiteData) -> Vec<SitePage> {
    let mut pages = vec![SitePage {
        path: paths::HOME.into(),
        kind: PageKind::Home,
    }];
    pages.extend(data.regions.iter().enumerate().map(|(i, r)| SitePage {
        path: paths::region(&r.kode),
        kind: PageKind::Region(i),
    }));
    pages.extend(data.schools.iter().enumerate().map(|(i, s)| SitePage {
        path: paths::school(&s.npsn),
        kind: PageKind::School(i),
    }));
    pages.extend(
        data.schools
            .iter()
            .enumerate()
            .filter(|(_, s)| s.peran == Peran::Model)
            .map(|(i, s)| SitePage {
                path: paths::network(&s.npsn),
                kind: PageKind::Network(i),
            }),
    );
    pages.push(SitePage {
        path: paths::ARTICLES.into(),
        kind: PageKind::ArticleList,
    });
    pages.extend(data.articles.iter().enumerate().map(|(i, a)| SitePage {
        path: paths::article(&a.slug),
        kind: PageKind::Article(i),
    }));
    pages.push(SitePage {
        path: paths::methodology(),
        kind: PageKind::Methodology,
    });
    pages.push(SitePage {
        path: paths::VERVAL.into(),
        kind: PageKind::Verval,
    });
    pages.push(SitePage {
        path: paths::COMPARE.into(),
        kind: PageKind::Compare,
    });
    pages.push(SitePage {
        path: paths::NOT_FOUND.into(),
        kind: PageKind::NotFound,
    });
    pages.extend(
        data.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.slug != METHODOLOGY_SLUG)
            .map(|(i, p)| SitePage {
                path: paths::page(&p.slug),
                kind: PageKind::Page(i),
            }),
    );
    pages
}
