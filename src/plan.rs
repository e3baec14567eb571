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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output path relative to the site root, always naming a file (`…/index.html`).
    pub path: String,
    pub kind: PageKind,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub pages: Vec<Page>,
}

/// Slug of the free page whose text the methodology page shows.
pub const METHODOLOGY_SLUG: &str = "metodologi";

/// Output paths. Folder names are region codes, NPSNs and checked slugs only.
pub mod paths {
    pub const HOME: &str = "index.html";
    pub const ARTICLES: &str = "kegiatan/index.html";
    pub const STYLE: &str = "assets/style.css";
    pub const SCRIPT: &str = "assets/rapor.js";

    pub fn region(kode: &str) -> String {
        format!("wilayah/{kode}/index.html")
    }

    pub fn school(npsn: &str) -> String {
        format!("sekolah/{npsn}/index.html")
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

    pub const VERVAL: &str = "verval/index.html";
}

impl Plan {
    pub fn count(&self, matches: impl Fn(&PageKind) -> bool) -> usize {
        self.pages.iter().filter(|p| matches(&p.kind)).count()
    }
}

/// Plans every page of the site, in a fixed order.
pub fn plan(data: &SiteData) -> Plan {
    let mut pages = vec![Page {
        path: paths::HOME.into(),
        kind: PageKind::Home,
    }];
    pages.extend(data.regions.iter().enumerate().map(|(i, r)| Page {
        path: paths::region(&r.kode),
        kind: PageKind::Region(i),
    }));
    pages.extend(data.schools.iter().enumerate().map(|(i, s)| Page {
        path: paths::school(&s.npsn),
        kind: PageKind::School(i),
    }));
    pages.extend(
        data.schools
            .iter()
            .enumerate()
            .filter(|(_, s)| s.peran == Peran::Model)
            .map(|(i, s)| Page {
                path: paths::network(&s.npsn),
                kind: PageKind::Network(i),
            }),
    );
    pages.push(Page {
        path: paths::ARTICLES.into(),
        kind: PageKind::ArticleList,
    });
    pages.extend(data.articles.iter().enumerate().map(|(i, a)| Page {
        path: paths::article(&a.slug),
        kind: PageKind::Article(i),
    }));
    pages.push(Page {
        path: paths::methodology(),
        kind: PageKind::Methodology,
    });
    pages.push(Page {
        path: paths::VERVAL.into(),
        kind: PageKind::Verval,
    });
    pages.extend(
        data.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.slug != METHODOLOGY_SLUG)
            .map(|(i, p)| Page {
                path: paths::page(&p.slug),
                kind: PageKind::Page(i),
            }),
    );
    Plan { pages }
}
