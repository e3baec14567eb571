//! Taking the data away: every table and chart links its data as CSV and JSON beside the page,
//! CSV in the dialect of the page's language (Excel in that language opens it right), JSON
//! valid and the same table, and the whole site's scores per year linked from the home page
//! and the methodology. Built from the `mini` fixture with English enabled.

mod common;

use common::{build_ok, site_from_fixture, snapshot};
use serde_json::Value;
use std::collections::BTreeMap;

const SCHOOL: &str = "sekolah/14710001";

/// The mini site in Indonesian and English, built; returns the site folder and every output
/// file by path.
fn built(
    extra_toml: &str,
    hostile_name: Option<&str>,
) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let site = site_from_fixture("mini");
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{text}languages = [\"id\", \"en\"]\n{extra_toml}"),
    )
    .unwrap();
    if let Some(name) = hostile_name {
        let path = site.path().join("content/data/sekolah.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        std::fs::write(&path, text.replace("SD Negeri 1 Contoh Pekanbaru", &quoted)).unwrap();
    }
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    let files = snapshot(&out);
    (site, files)
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written"))
            .clone(),
    )
    .unwrap()
}

/// CSV rows of a download: checks the byte-order mark and CRLF line ends.
fn csv_rows(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "no UTF-8 BOM");
    let body = &bytes[3..];
    let lines = body.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    assert!(
        lines.clone().all(|l| l.ends_with(b"\r")),
        "lines must end in CRLF"
    );
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// `href`s of links to downloads in a page.
fn download_links(html: &str) -> Vec<String> {
    regex::Regex::new(r#"href="([^"]+\.(?:csv|json))""#)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_string())
        .collect()
}

/// Resolves a relative link from a page path.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for piece in href.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn every_table_on_every_page_links_its_data() {
    let (_site, files) = built("", None);
    let mut tables = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with("index.html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        // The compare page's table is filled in by the script from the search index.
        if path.contains("banding/") {
            continue;
        }
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        for (at, _) in main.match_indices("<table") {
            tables += 1;
            // A chart's table sits in its figure, whose caption links the data; any other
            // table has its links after it, in its section.
            let figure_start = main[..at].rfind("<figure");
            let inside_figure = figure_start.is_some_and(|f| !main[f..at].contains("</figure>"));
            let scope = if inside_figure {
                let f = figure_start.unwrap();
                &main[f..f + main[f..].find("</figure>").unwrap()]
            } else {
                let end = main[at..]
                    .find("</section>")
                    .map(|e| at + e)
                    .unwrap_or(main.len());
                &main[at..end]
            };
            assert!(
                scope.contains("class=\"unduh") && scope.contains("download type=\"text/csv\""),
                "{path}: a table without download links: {}",
                &main[at..(at + 200).min(main.len())]
            );
        }
        for href in download_links(&html) {
            let target = resolve(path, &href);
            assert!(
                files.contains_key(&target),
                "{path}: {href} -> {target} missing"
            );
        }
    }
    assert!(tables > 50, "only {tables} tables seen");
}

#[test]
fn a_school_links_its_kabkota_table_which_holds_the_numbers_of_its_page() {
    let (_site, files) = built("", None);
    let page = text(&files, &format!("{SCHOOL}.html"));
    // The school's numbers are its rows in its kab/kota's table, said so beside the links.
    let csv_href = "../wilayah/14.71/nilai-sekolah.csv";
    assert!(
        page.contains(&format!("href=\"{csv_href}\""))
            && page.contains("href=\"../wilayah/14.71/nilai-sekolah.json\""),
        "no link to the kab/kota's table"
    );
    assert!(
        page.contains("Unduh data (Nilai setiap sekolah per tahun, per indikator: Kota Pekanbaru)")
    );
    assert!(
        !files
            .keys()
            .any(|p| p.starts_with(SCHOOL) && p.contains("nilai.")),
        "a school's scores have no files of their own"
    );
    // The total in the standards table's footer, as the page shows it (`5,12`).
    let total_row = &page[page.find("<tfoot>").unwrap()..page.find("</tfoot>").unwrap()];
    let shown = regex::Regex::new(r#"class="num cat-\d">([^<]+)<"#)
        .unwrap()
        .captures(total_row)
        .unwrap()[1]
        .to_string();
    assert!(
        shown.contains(','),
        "Indonesian pages use a decimal comma: {shown}"
    );
    let npsn = "14710001";
    let row_of = |rows: &[Vec<String>], year: &str| {
        let header = &rows[0];
        let (n, y) = (
            header
                .iter()
                .position(|h| h == "NPSN")
                .expect("an NPSN column"),
            header
                .iter()
                .position(|h| h == "Tahun" || h == "Year")
                .expect("a year column"),
        );
        rows.iter()
            .find(|r| r[n] == npsn && r[y] == year)
            .unwrap_or_else(|| panic!("no row for {npsn} in {year}"))
            .clone()
    };

    let id = csv_rows(&files["wilayah/14.71/nilai-sekolah.csv"], b';');
    let total = id[0]
        .iter()
        .position(|h| h == "Nilai sekolah")
        .expect("a total column");
    assert_eq!(
        row_of(&id, "2020")[total],
        shown,
        "CSV total differs from the page"
    );
    assert!(
        id[0].iter().any(|h| h == "Indikator 1.1"),
        "indicator columns"
    );
    // Every school of the kab/kota, each year it has scores: no more, no fewer.
    let schools = text(&files, "wilayah/14.71/sekolah.csv").lines().count() - 1;
    let years = id[0].iter().position(|h| h == "Tahun").unwrap();
    let npsns: std::collections::BTreeSet<&str> = id[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        npsns.len(),
        schools,
        "one school's rows per school of the kab/kota"
    );
    assert!(
        id[1..].iter().all(|r| r[0].starts_with("1471")),
        "only its own schools"
    );
    assert!(
        id[1..].iter().any(|r| r[years] == "2019"),
        "earlier years too"
    );

    // The English page's CSV: comma-separated, decimal point, English headers, same numbers.
    let en_page = text(&files, &format!("en/{SCHOOL}.html"));
    assert!(en_page.contains(&format!("href=\"{csv_href}\"")));
    assert!(en_page.contains("href=\"../../wilayah/14.71/nilai-sekolah.json\""));
    let en = csv_rows(&files["en/wilayah/14.71/nilai-sekolah.csv"], b',');
    let en_total = en[0].iter().position(|h| h == "School score").unwrap();
    assert_eq!(row_of(&en, "2020")[en_total], shown.replace(',', "."));
    assert!(
        !files.contains_key("en/wilayah/14.71/nilai-sekolah.json"),
        "JSON is written once"
    );
}

#[test]
fn json_downloads_are_valid_and_hold_the_same_table_as_their_csv() {
    let (_site, files) = built("", None);
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".json")) {
        let value: Value = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        let columns = value["columns"].as_array().expect("columns");
        let rows = value["rows"].as_array().expect("rows");
        assert!(value["title"].is_string(), "{path}: no title");
        assert!(columns
            .iter()
            .all(|c| c["key"].is_string() && c["label"].is_string()));
        let csv = csv_rows(&files[&path.replace(".json", ".csv")], b';');
        assert_eq!(
            csv.len(),
            rows.len() + 1,
            "{path}: row count differs from its CSV"
        );
        for (row, csv_row) in rows.iter().zip(&csv[1..]) {
            let row = row.as_array().unwrap();
            assert_eq!(row.len(), columns.len(), "{path}: ragged row");
            for (cell, csv_cell) in row.iter().zip(csv_row) {
                let as_csv = match cell {
                    Value::Null => String::new(),
                    Value::Number(n) if n.is_f64() => format!(
                        "{:.*}",
                        csv_cell.split(',').nth(1).map_or(0, str::len),
                        n.as_f64().unwrap()
                    )
                    .replace('.', ","),
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => rapor::render::download::neutralise(s).into_owned(),
                    other => panic!("{path}: unexpected {other}"),
                };
                assert_eq!(&as_csv, csv_cell, "{path}");
            }
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} JSON files");
}

#[test]
fn json_and_csv_downloads_neutralise_markup_and_formulas() {
    let hostile = "=HYPERLINK(\"http://x.invalid\")</script><script>alert(1)</script>";
    let (_site, files) = built("", Some(hostile));
    let json = text(&files, "unduh/nilai-2020.json");
    assert!(
        !json.contains('<') && !json.contains('>'),
        "markup in JSON: {json}"
    );
    let value: Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = value["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r[1].as_str())
        .collect();
    assert!(
        names.contains(&hostile),
        "the name must come back unchanged: {names:?}"
    );
    let csv = csv_rows(&files["unduh/nilai-2020.csv"], b';');
    let cell = csv.iter().find(|r| r[0] == "14710001").unwrap()[1].clone();
    assert_eq!(cell, format!("'{hostile}"));
}

#[test]
fn the_whole_site_per_year_is_linked_from_home_and_methodology() {
    let (_site, files) = built("", None);
    for year in [2019, 2020] {
        let csv = csv_rows(&files[&format!("unduh/nilai-{year}.csv")], b';');
        assert_eq!(csv.len(), 1 + 5, "a row per school");
        assert!(
            csv[0].contains(&"Indikator 1.1".to_string()),
            "{:?}",
            csv[0]
        );
        assert!(csv[0].contains(&"Standar 8".to_string()));
        let en = csv_rows(&files[&format!("en/unduh/nilai-{year}.csv")], b',');
        assert!(en[0].contains(&"Indicator 1.1".to_string()), "{:?}", en[0]);
        for page in ["index.html", "halaman/metodologi/index.html"] {
            for (prefix, up) in [("", ""), ("en/", "../")] {
                let html = text(&files, &format!("{prefix}{page}"));
                let depth = "../".repeat(page.matches('/').count());
                assert!(
                    html.contains(&format!("href=\"{depth}unduh/nilai-{year}.csv\"")),
                    "{prefix}{page}: no CSV link for {year}"
                );
                assert!(
                    html.contains(&format!("href=\"{depth}{up}unduh/nilai-{year}.json\"")),
                    "{prefix}{page}: no JSON link for {year}"
                );
            }
        }
    }
    let methodology = text(&files, "halaman/metodologi/index.html");
    assert!(methodology.contains("titik koma") && methodology.contains("UTF-8"));
}

#[test]
fn a_province_with_more_schools_than_it_lists_points_to_its_kabkota_pages_and_its_download() {
    // The mini province has 5 schools; a limit of 4 is what 15,000 are to the default 2,000.
    let (_site, files) = built("daftar_sekolah_provinsi_maks = 4\n", None);
    let province = text(&files, "wilayah/14/index.html");
    let list = &province[province
        .find("id=\"daftar-sekolah\"")
        .expect("the schools section")..];
    let list = &list[..list.find("</section>").unwrap()];
    assert!(!list.contains("<table"), "no school table: {list}");
    assert!(
        list.contains("didaftar di halaman setiap kabupaten/kota"),
        "{list}"
    );
    assert!(
        list.contains("href=\"sekolah.csv\"") && files.contains_key("wilayah/14/sekolah.csv"),
        "the full list stays downloadable: {list}"
    );
    let rows = csv_rows(&files["wilayah/14/sekolah.csv"], b';');
    assert_eq!(
        rows.len() - 1,
        5,
        "the download lists every school of the province"
    );
    // The kab/kota pages keep their tables, and the default lists the province's schools.
    assert!(text(&files, "wilayah/14.71/index.html").contains("<table class=\"schools\""));
    let (_site, files) = built("", None);
    let province = text(&files, "wilayah/14/index.html");
    assert_eq!(province.matches("<tr data-npsn=").count(), 5);
}
