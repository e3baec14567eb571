//! Builds the bundled example (the repository itself) like a user would and checks the whole
//! output: page counts, every link and fragment, no external or root-absolute references,
//! charts on school pages, computed article totals, escaping, and byte-identical rebuilds.

mod common;

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build(site: &Path, out: &Path) {
    let result = Command::new(env!("CARGO_BIN_EXE_rapor"))
        .arg("build")
        .arg(site)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "rapor build failed:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// One build of the example shared by the read-only tests.
fn example() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        build(repo(), &out);
        (dir, out)
    })
    .1
}

/// All files under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut list: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    list.sort();
    list
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn example_has_one_page_per_region_and_school() {
    let out = example();
    let all = files(out);
    let count = |prefix: &str| {
        all.iter()
            .filter(|f| f.starts_with(prefix) && f.ends_with("/index.html"))
            .count()
    };
    assert!(all.contains(&"index.html".to_string()));
    assert_eq!(count("wilayah/"), 13, "1 province + 12 kab/kota");
    assert!(out.join("wilayah/14/index.html").is_file());
    for kode in ["14.01", "14.03", "14.10", "14.71", "14.72"] {
        assert!(
            out.join(format!("wilayah/{kode}/index.html")).is_file(),
            "{kode}"
        );
    }
    let schools = all
        .iter()
        .filter(|f| f.starts_with("sekolah/") && f.ends_with(".html"))
        .count();
    assert_eq!(schools, 1200);
    assert!(out.join("kegiatan/index.html").is_file());
    assert!(out.join("halaman/metodologi/index.html").is_file());

    // The plan says the same, as a plain value.
    let (data, diag) = rapor::load::load_site(repo());
    let data = data.unwrap_or_else(|| panic!("{}", diag.report()));
    let plan = rapor::plan::plan(&data);
    use rapor::plan::PageKind;
    // Every page in Indonesian at the root and in English under en/ (site.toml: languages).
    let codes: Vec<&str> = plan.languages.iter().map(|l| l.code).collect();
    assert_eq!(codes, ["id", "en"]);
    assert_eq!(plan.count(|k| matches!(k, PageKind::School(_))), 2 * 1200);
    assert_eq!(plan.count(|k| matches!(k, PageKind::Region(_))), 2 * 13);
    assert_eq!(plan.count(|k| matches!(k, PageKind::Home)), 2);
    let english: Vec<_> = plan.pages.iter().filter(|p| p.lang.code == "en").collect();
    assert_eq!(english.len() * 2, plan.pages.len());
    for page in &english {
        assert_eq!(page.path, format!("en/{}", page.site_path()));
        assert!(out.join(&page.path).is_file(), "{} not written", page.path);
    }
    let html_files = all.iter().filter(|f| f.ends_with(".html")).count();
    assert_eq!(plan.pages.len(), html_files);
}

#[test]
fn every_reference_is_relative_and_resolves() {
    let (checked, problems) = common::links::check_links(example());
    assert!(
        problems.is_empty(),
        "{} broken of {checked}:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
    assert!(checked > 20_000, "only {checked} references checked");
}

#[test]
fn school_pages_carry_their_radar_chart() {
    let out = example();
    let pages = files(out);
    let school_pages = pages
        .iter()
        .filter(|f| f.starts_with("sekolah/") && f.ends_with(".html"));
    for file in school_pages {
        let html = read(&out.join(file));
        let svg = html
            .find("<svg")
            .unwrap_or_else(|| panic!("{file}: no svg"));
        let tag = &html[svg..svg + html[svg..].find('>').unwrap()];
        assert!(
            tag.contains("role=\"img\"") && tag.contains("chart-radar"),
            "{file}: {tag}"
        );
        assert!(
            html[svg..].contains("<title id=\"radar-t\">"),
            "{file}: no title"
        );
        assert!(
            html[svg..].contains("<desc id=\"radar-d\">"),
            "{file}: no desc"
        );
    }
}

#[test]
fn every_page_says_school_data_is_synthetic() {
    let out = example();
    for file in files(out).iter().filter(|f| f.ends_with(".html")) {
        assert!(read(&out.join(file)).contains("data sintetis"), "{file}");
    }
}

/// Without `synthetic_note` the theme's own notice is shown, and a narrative without `judul`
/// gets the theme's heading: both were empty (tera's `default` keeps a null).
#[test]
fn theme_words_stand_in_for_an_unset_note_and_narrative_title() {
    let site = common::site_from_fixture("mini");
    assert!(!read(&site.path().join("site.toml")).contains("synthetic_note"));
    std::fs::write(
        site.path().join("content/wilayah/14.71.md"),
        "Narasi tanpa judul.\n",
    )
    .unwrap();
    let out = site.path().join("out");
    build(site.path(), &out);
    for page in [
        "index.html",
        "wilayah/14.71/index.html",
        "sekolah/14710001.html",
    ] {
        let html = read(&out.join(page));
        assert!(
            html.contains(
                "role=\"note\">Nama sekolah, NPSN dan nilai di situs ini adalah data sintetis"
            ),
            "{page}: no synthetic notice"
        );
    }
    let region = read(&out.join("wilayah/14.71/index.html"));
    assert!(
        region.contains("<h2 id=\"narasi\">Catatan</h2>"),
        "empty narrative heading"
    );
}

#[test]
fn participant_totals_are_computed_from_the_csv() {
    let html = read(&example().join("kegiatan/pendampingan-daring-oktober-2020/index.html"));
    let foot = &html[html.find("<tfoot>").expect("a totals row")..];
    let foot = &foot[..foot.find("</tfoot>").unwrap()];
    let cells: Vec<String> = Regex::new(r"<t[hd][^>]*>([^<]*)</t[hd]>")
        .unwrap()
        .captures_iter(foot)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(cells, ["Total", "", "23", "194", "240", "960", "1.417"]);
}

#[test]
fn articles_and_the_pages_they_name_link_both_ways() {
    let out = example();
    let article = "kegiatan/diseminasi-peta-mutu-2020-indragiri-hilir/index.html";
    let html = read(&out.join(article));
    assert!(html.contains("href=\"../../wilayah/14.04/index.html\""));
    assert!(html.contains("href=\"../../sekolah/14040001.html\""));
    for (page, up) in [
        ("wilayah/14.04/index.html", "../../"),
        ("sekolah/14040001.html", "../"),
    ] {
        let back = read(&out.join(page));
        assert!(
            back.contains(&format!("href=\"{up}{article}\"")),
            "{page} lacks a link back"
        );
    }
}

#[test]
fn data_from_files_is_escaped() {
    let site = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(repo()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(repo()).unwrap();
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if !matches!(top.as_deref(), Some("content" | "themes" | "site.toml")) {
            continue;
        }
        let dest = site.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    let sekolah = site.path().join("content/data/sekolah.csv");
    std::fs::write(&sekolah, replace_name(&read(&sekolah), "14710001", hostile)).unwrap();
    let narrative = site.path().join("content/sekolah/14710001.md");
    let body = read(&narrative) + "\n<script>alert(3)</script>\n";
    std::fs::write(&narrative, body).unwrap();
    let out = site.path().join("out");
    build(site.path(), &out);
    // The only scripts are the theme's own, loaded from files (rapor.js, the search index).
    let own_scripts =
        Regex::new(r#"<script src="[./]*assets/[a-z/.-]+\.js" defer></script>"#).unwrap();
    let page = read(&out.join("sekolah/14710001.html"));
    let page = own_scripts.replace_all(&page, "");
    assert!(!page.contains("<script"), "raw script in page");
    assert!(!page.contains("<img src=x"), "raw img in page");
    assert!(
        page.contains("&lt;script&gt;alert(1)"),
        "name not shown escaped"
    );
    assert!(
        page.contains("&lt;script&gt;alert(3)"),
        "narrative HTML not shown escaped"
    );
    let region = read(&out.join("wilayah/14.71/index.html"));
    let region = own_scripts.replace_all(&region, "");
    assert!(!region.contains("<script") && region.contains("&lt;script&gt;alert(1)"));
}

/// Replaces a school's name (the second field of its row) with `name`, CSV-quoted.
fn replace_name(csv: &str, npsn: &str, name: &str) -> String {
    csv.lines()
        .map(|line| {
            if line.starts_with(&format!("{npsn},")) {
                let rest = line.splitn(3, ',').nth(2).unwrap();
                format!("{npsn},\"{}\",{rest}", name.replace('"', "\"\""))
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("second");
    build(repo(), &second);
    let first = example();
    let (a, b) = (files(first), files(&second));
    assert_eq!(a, b);
    for file in &a {
        let same =
            std::fs::read(first.join(file)).unwrap() == std::fs::read(second.join(file)).unwrap();
        assert!(same, "{file} differs between builds");
    }
}

#[test]
fn example_latest_year_is_scored_from_raw_answers() {
    assert!(
        repo().join("content/data/jawaban/2020.csv").is_file(),
        "content/data/jawaban/2020.csv is generated: run `cargo run --bin rapor-gen -- riau` (tests/run does)"
    );
    let (data, diag) = rapor::load::load_site(repo());
    let data = data.unwrap_or_else(|| panic!("{}", diag.report()));
    let latest = data.years.last().unwrap();
    assert_eq!(latest.year, 2020);
    let (info, from_raw) = latest.raw.as_ref().expect("2020 has raw answers");
    assert_eq!(info.file, "content/data/jawaban/2020.csv");
    // Every school but the one that sent no answers (it keeps its nilai row).
    assert_eq!(from_raw.len(), 1199);
    assert!(!from_raw.contains("14080029"));
    assert!(latest
        .rows
        .iter()
        .any(|r| r.npsn == "14080029" && r.standards.is_none()));
    let who = &data.respondents[&2020];
    assert_eq!(who.by_school.len(), 1199);
    // Earlier years stay indicator scores.
    assert!(data.years[..3].iter().all(|y| y.raw.is_none()));
}
