//! The one URL builder: turns a site-root path into a link relative to the current page, so
//! every page works from file:// and under any sub-path of a web server.

/// Relative links from one page.
#[derive(Debug, Clone)]
pub struct Linker {
    prefix: String,
}

impl Linker {
    /// `from` is the current page's path relative to the site root (`sekolah/1/index.html`).
    pub fn new(from: &str) -> Linker {
        let depth = from.matches('/').count();
        Linker {
            prefix: "../".repeat(depth),
        }
    }

    /// Link to `target` (a site-root path naming a file, optionally with `#fragment`).
    pub fn to(&self, target: &str) -> String {
        format!("{}{target}", self.prefix)
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
}
