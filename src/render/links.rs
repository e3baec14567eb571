//! The one URL builder: turns a site-root path into a link relative to the current page, so
//! every page works from file:// and under any sub-path of a web server. A page in a language
//! folder (`en/…`) links to pages of its own language and to the shared files (`assets/…`) at
//! the root.

use crate::plan::{Lang, Page};

/// Relative links from one page.
#[derive(Debug, Clone)]
pub struct Linker {
    /// From the page's folder up to the site root (`../../`).
    to_root: String,
    /// From the page's folder up to its language's folder: `to_root` less the language folder.
    to_language: String,
}

impl Linker {
    /// `from` is the current page's path relative to the site root (`sekolah/1/index.html`),
    /// a page of the main language.
    pub fn new(from: &str) -> Linker {
        let depth = from.matches('/').count();
        Linker {
            to_root: "../".repeat(depth),
            to_language: "../".repeat(depth),
        }
    }

    /// Links from a planned page, in its language.
    pub fn for_page(page: &Page) -> Linker {
        Linker::in_language(&page.path, page.lang)
    }

    /// Links from the page at `from` (site-root path, language folder included) of `lang`.
    pub fn in_language(from: &str, lang: Lang) -> Linker {
        let depth = from.matches('/').count();
        let inside = depth - lang.subtree.matches('/').count().min(depth);
        Linker {
            to_root: "../".repeat(depth),
            to_language: "../".repeat(inside),
        }
    }

    /// Absolute links from `base_url` (ending in `/`) for a page of `lang`: for the 404 page,
    /// which a web server shows at the address of any missing path, at any depth.
    pub fn absolute(base_url: &str, lang: Lang) -> Linker {
        Linker {
            to_root: base_url.to_string(),
            to_language: format!("{base_url}{}", lang.subtree),
        }
    }

    /// Link to `target`, a site-root path naming a file (optionally with `#fragment`): a page
    /// of the current language, or a shared file (`assets/…`) at the root.
    pub fn to(&self, target: &str) -> String {
        if crate::plan::paths::is_shared(target) {
            self.root(target)
        } else {
            format!("{}{target}", self.to_language)
        }
    }

    /// Link to `target` as a path from the site root itself, whatever the language: a shared
    /// file, or a page of another language (`en/index.html`).
    pub fn root(&self, target: &str) -> String {
        format!("{}{target}", self.to_root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(
            Linker::new("index.html").to("assets/style.css"),
            "assets/style.css"
        );
        assert_eq!(
            Linker::new("sekolah/14710001/index.html").to("wilayah/14.71/index.html"),
            "../../wilayah/14.71/index.html"
        );
        assert_eq!(
            Linker::new("kegiatan/index.html").to("index.html"),
            "../index.html"
        );
    }

    #[test]
    fn a_language_folder_links_inside_itself_and_to_shared_files_at_the_root() {
        let en = Lang::other("en");
        let linker = Linker::in_language("en/sekolah/14710001/index.html", en);
        assert_eq!(
            linker.to("wilayah/14.71/index.html"),
            "../../wilayah/14.71/index.html"
        );
        assert_eq!(linker.to("assets/style.css"), "../../../assets/style.css");
        assert_eq!(
            linker.root("sekolah/14710001/index.html"),
            "../../../sekolah/14710001/index.html"
        );
        let absolute = Linker::absolute("https://x.id/r/", en);
        assert_eq!(absolute.to("index.html"), "https://x.id/r/en/index.html");
        assert_eq!(
            absolute.to("assets/style.css"),
            "https://x.id/r/assets/style.css"
        );
        let home = Linker::in_language("en/index.html", en);
        assert_eq!(home.to("index.html"), "index.html");
        assert_eq!(home.to("assets/rapor.js"), "../assets/rapor.js");
    }
}
