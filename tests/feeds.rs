//! sitemap.xml and the Atom feed of articles need absolute URLs: written with `base_url`,
//! left out (with a note in the build summary) without it. The 404 page works at any depth:
//! absolute links with `base_url`, else links relative to the root and a script that sets
//! `<base>` (its behaviour in a browser is checked by tests/browser/readers.mjs).

mod common;

use common::{build, site_from_fixture, snapshot, stderr};
use quick_xml::events::Event;
use std::collections::BTreeMap;

const BASE: &str = "https://contoh.go.id/rapor/";

fn built(extra_toml: &str) -> (String, BTreeMap<String, Vec<u8>>) {
    let site = site_from_fixture("mini");
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{text}languages = [\"id\", \"en\"]\n{extra_toml}"),
    )
    .unwrap();
    let out = site.path().join("out");
    let output = build(site.path(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    (stderr(&output), snapshot(&out))
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

/// Every element name and the text of the elements called `text_of`, checking the XML is
/// well formed.
fn parse_xml(xml: &str, text_of: &str) -> (Vec<String>, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut names, mut texts) = (Vec::new(), Vec::new());
    let mut inside = false;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed XML: {e}\n{xml}"))
        {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                inside = name == text_of;
                names.push(name);
            }
            Event::Text(t) if inside => texts.push(t.into_inner().into_owned()),
            Event::End(_) => inside = false,
            Event::Eof => break,
            _ => {}
        }
    }
    (names, texts)
}

#[test]
fn without_base_url_no_sitemap_or_feed_and_the_summary_says_so() {
    let (summary, files) = built("");
    assert!(!files.contains_key("sitemap.xml"));
    assert!(!files.keys().any(|p| p.ends_with("atom.xml")));
    assert!(
        summary.contains("sitemap.xml dan feed Atom tidak dibuat: isi base_url"),
        "{summary}"
    );
    // The 404 page finds the root with its script; links are relative to the root folder.
    let page = text(&files, "404.html");
    assert!(page.contains("document.createElement(\"base\")"));
    assert!(page.contains("href=\"assets/style.css\"") && page.contains("href=\"index.html\""));
    assert!(!page.contains("application/atom+xml"));
    let english = text(&files, "en/404.html");
    assert!(english.contains("lang=\"en\"") && english.contains("here = \"en/\""));
    assert!(english.contains("href=\"../assets/style.css\""));
}

#[test]
fn with_base_url_sitemap_and_feed_have_absolute_urls() {
    let (summary, files) = built(&format!("base_url = \"{}\"\n", BASE.trim_end_matches('/')));
    assert!(!summary.contains("tidak dibuat"), "{summary}");

    let sitemap = text(&files, "sitemap.xml");
    let (names, locs) = parse_xml(&sitemap, "loc");
    assert_eq!(names[0], "urlset");
    let pages = files
        .keys()
        .filter(|p| p.ends_with(".html") && !p.contains("banding/") && !p.ends_with("404.html"))
        .count();
    assert_eq!(locs.len(), pages, "one <url> per page in both languages");
    assert!(locs.iter().all(|l| l.starts_with(BASE)), "{locs:?}");
    assert!(locs.contains(&format!("{BASE}sekolah/14710001.html")));
    assert!(locs.contains(&format!("{BASE}en/sekolah/14710001.html")));
    assert!(!locs.iter().any(|l| l.contains("404")));
    assert!(sitemap.contains(&format!("hreflang=\"en\" href=\"{BASE}en/wilayah/14.71/\"")));

    for (feed, lang, prefix) in [
        ("kegiatan/atom.xml", "id", ""),
        ("en/kegiatan/atom.xml", "en", "en/"),
    ] {
        let xml = text(&files, feed);
        let (names, ids) = parse_xml(&xml, "id");
        assert_eq!(names[0], "feed");
        assert!(xml.contains(&format!("xml:lang=\"{lang}\"")));
        assert_eq!(
            names.iter().filter(|n| *n == "entry").count(),
            1,
            "one article"
        );
        assert!(
            ids.contains(&format!(
                "{BASE}{prefix}kegiatan/pendampingan-pekanbaru-2020/"
            )),
            "{ids:?}"
        );
        assert!(xml.contains("<updated>") && xml.contains("T00:00:00Z</updated>"));
        // Linked from every page's head, relatively.
        let home = text(&files, &format!("{prefix}index.html"));
        assert!(
            home.contains("type=\"application/atom+xml\"")
                && home.contains("href=\"kegiatan/atom.xml\"")
        );
    }

    // The 404 page's links are absolute, so they work at any depth without a script.
    let page = text(&files, "404.html");
    assert!(!page.contains("createElement(\"base\")"));
    assert!(page.contains(&format!("href=\"{BASE}assets/style.css\"")));
    assert!(page.contains(&format!("href=\"{BASE}index.html\"")));
    assert!(text(&files, "en/404.html").contains(&format!("href=\"{BASE}en/index.html\"")));
}

#[test]
fn a_base_url_that_is_no_web_address_is_refused() {
    let site = site_from_fixture("mini");
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}base_url = \"contoh.go.id/rapor\"\n")).unwrap();
    let output = build(site.path(), &site.path().join("out"));
    assert!(!output.status.success());
    let report = common::stdout(&output) + &stderr(&output);
    assert!(report.contains("base_url bukan alamat web"), "{report}");
}
