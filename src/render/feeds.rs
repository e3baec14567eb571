//! `sitemap.xml` and the Atom feed of the dissemination articles (`kegiatan/atom.xml`, and
//! `en/kegiatan/atom.xml` for English). Both need absolute URLs, so they are written only when
//! `site.toml` sets `base_url`; pages never depend on it.

use super::view::SiteView;
use crate::plan::{paths, PageKind, Plan};
use std::fmt::Write as _;

/// Most URLs in one sitemap file (the sitemap protocol's limit); a larger site gets a
/// sitemap index in `sitemap.xml` and the URLs in `sitemap-1.xml`, `sitemap-2.xml`, ….
pub const SITEMAP_LIMIT: usize = 50_000;

/// Text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and line breaks are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The public URL of a planned path: a folder's `index.html` as the folder (`…/wilayah/14/`).
pub fn url(base_url: &str, path: &str) -> String {
    let folder = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{folder}")
}

/// Whether a page belongs in the sitemap: every page a reader can land on, not the 404 page
/// nor the compare page (empty until the reader picks schools).
fn listed(kind: &PageKind) -> bool {
    !matches!(kind, PageKind::NotFound | PageKind::Compare)
}

/// The sitemap files: every listed page in every language, each with its language versions
/// (`xhtml:link rel="alternate" hreflang`).
pub fn sitemap(plan: &Plan, base_url: &str) -> Vec<(String, Vec<u8>)> {
    let pages: Vec<_> = plan.pages.iter().filter(|p| listed(&p.kind)).collect();
    let entries: Vec<String> = pages
        .iter()
        .map(|page| {
            let mut entry = format!("<url><loc>{}</loc>", xml_escape(&url(base_url, &page.path)));
            if plan.languages.len() > 1 {
                for lang in &plan.languages {
                    let _ = write!(
                        entry,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        lang.code,
                        xml_escape(&url(
                            base_url,
                            &format!("{}{}", lang.subtree, page.site_path())
                        ))
                    );
                }
            }
            entry.push_str("</url>\n");
            entry
        })
        .collect();
    let urlset = |chunk: &[String]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        chunk.iter().for_each(|e| xml.push_str(e));
        xml.push_str("</urlset>\n");
        xml.into_bytes()
    };
    if entries.len() <= SITEMAP_LIMIT {
        return vec![(paths::SITEMAP.to_string(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = paths::sitemap_part(i + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            xml_escape(&format!("{base_url}{name}"))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (paths::SITEMAP.to_string(), index.into_bytes()));
    files
}

/// The Atom feed of the dissemination articles in one language, newest first; `None` for a
/// site without articles.
pub fn atom(view: &SiteView, base_url: &str) -> Option<(String, Vec<u8>)> {
    let data = view.data;
    let newest = data.articles.first()?;
    let subtree = view.lang.subtree;
    let path = format!("{subtree}{}", paths::FEED);
    let list_url = url(base_url, &format!("{subtree}{}", paths::ARTICLES));
    let date = |d: &str| format!("{d}T00:00:00Z");
    let author = if data.config.publisher.is_empty() {
        &data.config.title
    } else {
        &data.config.publisher
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<subtitle>{}</subtitle>\n<id>{}</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        view.lang.code,
        xml_escape(&format!("{} · {}", data.config.title, view.word("kegiatan"))),
        xml_escape(&data.config.description),
        xml_escape(&list_url),
        xml_escape(&url(base_url, &path)),
        xml_escape(&list_url),
        date(&newest.tanggal),
        xml_escape(author),
    );
    // Article texts are written in the site's main language.
    let content_lang = &data.config.language;
    for article in &data.articles {
        let href = url(
            base_url,
            &format!("{subtree}{}", paths::article(&article.slug)),
        );
        let _ = write!(
            xml,
            "<entry xml:lang=\"{content_lang}\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<published>{}</published>\n<updated>{}</updated>\n",
            xml_escape(&article.judul),
            xml_escape(&href),
            xml_escape(&href),
            date(&article.tanggal),
            date(&article.tanggal),
        );
        if let Some(summary) = article.ringkasan.as_deref().filter(|s| !s.is_empty()) {
            let _ = writeln!(xml, "<summary>{}</summary>", xml_escape(summary));
        }
        for tag in &article.tags {
            let _ = writeln!(xml, "<category term=\"{}\"/>", xml_escape(tag));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    Some((path, xml.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_folders_and_escape() {
        assert_eq!(url("https://x.id/r/", "index.html"), "https://x.id/r/");
        assert_eq!(
            url("https://x.id/r/", "en/sekolah/1/index.html"),
            "https://x.id/r/en/sekolah/1/"
        );
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}

#[cfg(test)]
mod sitemap_tests {
    use super::*;
    use crate::plan::{Lang, Page};

    fn plan_of(schools: usize) -> Plan {
        let languages = vec![Lang::main("id"), Lang::other("en")];
        let mut pages = Vec::new();
        for lang in &languages {
            for i in 0..schools {
                pages.push(Page {
                    path: format!("{}{}", lang.subtree, paths::school(&i.to_string())),
                    kind: PageKind::School(i),
                    lang: *lang,
                });
            }
            pages.push(Page {
                path: format!("{}{}", lang.subtree, paths::NOT_FOUND),
                kind: PageKind::NotFound,
                lang: *lang,
            });
        }
        Plan { pages, languages }
    }

    #[test]
    fn a_small_site_has_one_sitemap_with_language_versions() {
        let files = sitemap(&plan_of(2), "https://x.id/r/");
        assert_eq!(files.len(), 1);
        let xml = String::from_utf8(files[0].1.clone()).unwrap();
        assert_eq!(xml.matches("<url>").count(), 4, "404 pages are not listed");
        assert!(xml.contains("<loc>https://x.id/r/en/sekolah/1.html</loc>"));
        assert!(xml.contains(
            "<xhtml:link rel=\"alternate\" hreflang=\"id\" href=\"https://x.id/r/sekolah/1.html\"/>"
        ));
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let files = sitemap(&plan_of(SITEMAP_LIMIT / 2 + 1), "https://x.id/r/");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(index.contains("<sitemapindex") && index.contains("https://x.id/r/sitemap-2.xml"));
        let first = String::from_utf8(files[1].1.clone()).unwrap();
        assert_eq!(first.matches("<url>").count(), SITEMAP_LIMIT);
    }
}
