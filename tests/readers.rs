//! The bundled example as its readers meet it, in headless Chromium and the Nu Html Checker:
//! - tests/browser/readers.mjs: a table's CSV downloaded from a file:// page equals the table,
//!   school pages print on at most two A4 pages with their charts, the language switch leads
//!   to the same page and back, the 404 page works at any depth behind a web server;
//! - tests/browser/a11y.mjs: axe-core (WCAG 2.0–2.2 A and AA) finds no violation at a
//!   desktop and a phone width, and the skip link is the first Tab stop;
//! - the Nu Html Checker (npm `vnu-jar`, run with Java) finds no error.
//!
//! The last two run over one page of every page kind (`sample_pages`), in both languages.
//! Needs Debian's chromium, Java and tests/browser's npm packages: `tests/run` installs them,
//! and without them these tests fail rather than skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn example() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        common::build_ok(common::repo_root(), &out);
        (dir, out)
    })
    .1
}

fn browser_dir() -> PathBuf {
    let dir = common::repo_root().join("tests/browser");
    assert!(
        Path::new("/usr/bin/chromium").exists() && dir.join("node_modules").exists(),
        "chromium or tests/browser/node_modules is missing: run `tests/run` (it installs both)"
    );
    dir
}

fn node(script: &str, args: &[String]) -> Output {
    let dir = browser_dir();
    Command::new("node")
        .arg(dir.join(script))
        .arg(example())
        .args(args)
        .current_dir(&dir)
        .output()
        .expect("run node (is Node.js installed?)")
}

/// The first entry (sorted) of a folder of the output whose name passes `keep`.
fn first_in(out: &Path, dir: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut names: Vec<String> = std::fs::read_dir(out.join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| keep(n) && out.join(dir).join(n).join("index.html").exists())
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no page in {dir}/"))
}

/// A model and an imbas school of the example (their pages differ: network, model school).
fn model_and_imbas() -> (String, String) {
    let csv =
        std::fs::read_to_string(common::repo_root().join("content/data/sekolah.csv")).unwrap();
    let with_role = |role: &str| {
        csv.lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .find(|f| f.get(5) == Some(&role))
            .map(|f| f[0].to_string())
            .unwrap_or_else(|| panic!("no {role} school in sekolah.csv"))
    };
    (with_role("model"), with_role("imbas"))
}

/// One page of every page kind (home, province, kab/kota, model and imbas school, network,
/// article list and article, methodology and free page, verval, compare, 404), plus the
/// English versions of the home, a region and a school.
fn sample_pages() -> Vec<String> {
    let out = example();
    let (model, imbas) = model_and_imbas();
    let province = first_in(out, "wilayah", |n| !n.contains('.'));
    let district = first_in(out, "wilayah", |n| n.contains('.'));
    let article = first_in(out, "kegiatan", |_| true);
    let free = first_in(out, "halaman", |n| n != "metodologi");
    let mut pages: Vec<String> = [
        "index.html".to_string(),
        format!("wilayah/{province}/index.html"),
        format!("wilayah/{district}/index.html"),
        format!("sekolah/{model}.html"),
        format!("sekolah/{imbas}.html"),
        format!("jejaring/{model}/index.html"),
        "kegiatan/index.html".into(),
        format!("kegiatan/{article}/index.html"),
        "halaman/metodologi/index.html".into(),
        format!("halaman/{free}/index.html"),
        "verval/index.html".into(),
        "banding/index.html".into(),
        "404.html".into(),
    ]
    .into();
    for english in [
        "index.html".to_string(),
        format!("wilayah/{district}/index.html"),
        format!("sekolah/{model}.html"),
    ] {
        pages.push(format!("en/{english}"));
    }
    for page in &pages {
        assert!(out.join(page).is_file(), "sample page {page} was not built");
    }
    pages
}

fn assert_passed(what: &str, run: &Output) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    println!("{text}");
    assert!(
        run.status.success(),
        "{what} failed ({}):\n{text}",
        run.status
    );
}

#[test]
fn downloads_print_language_switch_and_404_work_in_chromium() {
    let (model, imbas) = model_and_imbas();
    let schools: Vec<String> = [&model, &imbas]
        .iter()
        .map(|n| format!("sekolah/{n}.html"))
        .collect();
    let run = node("readers.mjs", &schools);
    assert_passed("tests/browser/readers.mjs", &run);
    // Every school printed and reported its page count.
    let stdout = String::from_utf8_lossy(&run.stdout);
    for school in &schools {
        let pages: usize = stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("pdf-pages {school} ")))
            .unwrap_or_else(|| panic!("{school} was not printed"))
            .parse()
            .unwrap();
        assert!((1..=2).contains(&pages), "{school}: {pages} A4 pages");
    }
}

#[test]
fn every_page_kind_passes_axe_and_the_keyboard_checks() {
    let pages = sample_pages();
    let run = node("a11y.mjs", &pages);
    assert_passed("tests/browser/a11y.mjs", &run);
    let stdout = String::from_utf8_lossy(&run.stdout);
    for page in &pages {
        assert!(
            stdout.contains(&format!("ok   {page} @360: axe")),
            "{page} was not checked at phone width"
        );
    }
}

#[test]
fn every_page_kind_is_valid_html_for_the_nu_checker() {
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.exists(),
        "{} is missing: run `tests/run`",
        jar.display()
    );
    let pages = sample_pages();
    let run = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&pages)
        .current_dir(example())
        .output()
        .expect("run java (tests/run installs default-jre-headless)");
    assert_passed("the Nu Html Checker", &run);
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
