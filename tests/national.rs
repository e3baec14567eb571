//! `rapor-gen national` at a small size, kept honest: the same seed writes the same files,
//! the data looks like the country (every province and kab/kota, the jenjang mix, networks
//! inside a kab/kota and level, four years, raw answers for 2020), and the site it makes
//! builds with every page the plan promises, every link resolving, the search index within
//! its bounds and two builds byte-identical: the checks the example passes, at the scale
//! bench/national.sh measures.

mod common;

use rapor::render::search::{NAME_SHARD_BOUND, NPSN_SHARD_BOUND};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const SCHOOLS: usize = 1500;
/// What a page may load of the search index before the reader types (issue 6).
const BEFORE_TYPING_LIMIT: u64 = 300_000;

fn generate(out: &Path, seed: u64) {
    let run = Command::new(env!("CARGO_BIN_EXE_rapor-gen"))
        .args(["national", "--schools", &SCHOOLS.to_string()])
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(out)
        .output()
        .expect("run rapor-gen");
    assert!(
        run.status.success(),
        "rapor-gen national failed\n{}",
        common::show(&run)
    );
}

/// The generated site and its build, shared by the tests.
fn site() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let out = dir.path().join("out");
        generate(&site, 1);
        common::build_ok(&site, &out);
        (dir, site, out)
    })
}

/// A CSV of the generated site as rows of fields (its cells hold no quotes or commas).
fn rows(site: &Path, rel: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(site.join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn same_seed_same_files_other_seed_other_schools() {
    let (_, site, _) = site();
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("again");
    generate(&again, 1);
    assert_eq!(common::snapshot(site), common::snapshot(&again));
    let other = dir.path().join("other");
    generate(&other, 2);
    let names = |s: &Path| std::fs::read(s.join("content/data/sekolah.csv")).unwrap();
    assert_ne!(names(site), names(&other), "the seed changes the schools");
}

#[test]
fn generated_data_looks_like_the_country() {
    let (_, site, _) = site();
    let regions = rows(site, "content/data/wilayah.csv");
    let provinces = regions.iter().filter(|r| !r[0].contains('.')).count();
    assert_eq!((provinces, regions.len() - provinces), (38, 514));

    let schools = rows(site, "content/data/sekolah.csv");
    assert_eq!(schools.len(), SCHOOLS);
    let npsns: BTreeSet<&str> = schools.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(npsns.len(), SCHOOLS, "NPSNs are unique");
    assert!(npsns
        .iter()
        .all(|n| n.len() == 8 && n.bytes().all(|b| b.is_ascii_digit())));
    let codes: BTreeSet<&str> = regions.iter().map(|r| r[0].as_str()).collect();
    assert!(schools
        .iter()
        .all(|r| r[4].contains('.') && codes.contains(r[4].as_str())));

    // The jenjang mix of DOMAIN.md §5, within a few points at this size.
    let mut per_level: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &schools {
        *per_level.entry(r[2].as_str()).or_default() += 1;
    }
    let share = |j: &str| per_level.get(j).copied().unwrap_or(0) as f64 / SCHOOLS as f64;
    for (level, expected) in [
        ("SD", 0.664),
        ("SMP", 0.195),
        ("SMA", 0.066),
        ("SMK", 0.064),
    ] {
        assert!(
            (share(level) - expected).abs() < 0.04,
            "{level}: {}",
            share(level)
        );
    }
    assert!(per_level.contains_key("SLB"), "{per_level:?}");

    // Every imbas school's model is a model school of its kab/kota and level.
    let by_npsn: BTreeMap<&str, &Vec<String>> =
        schools.iter().map(|r| (r[0].as_str(), r)).collect();
    let imbas: Vec<_> = schools.iter().filter(|r| r[5] == "imbas").collect();
    assert!(imbas.len() > SCHOOLS / 20, "{} imbas schools", imbas.len());
    for r in imbas {
        let model = by_npsn[r[6].as_str()];
        assert_eq!(
            (model[5].as_str(), &model[4], &model[2]),
            ("model", &r[4], &r[2]),
            "{r:?}"
        );
    }

    for year in 2017..=2020 {
        let scores = rows(site, &format!("content/data/nilai/{year}.csv"));
        assert!(
            scores.len() > SCHOOLS * 9 / 10,
            "{year}: {} rows",
            scores.len()
        );
    }
    let answers = rows(site, "content/data/jawaban/2020.csv");
    assert!(answers.len() > SCHOOLS * 700, "{} answers", answers.len());
}

#[test]
fn national_site_has_every_page_and_every_link_resolves() {
    let (_, site, out) = site();
    let count = |dir: &str| std::fs::read_dir(out.join(dir)).unwrap().count();
    // A page each, and a model school's list of its imbas schools beside it.
    let files = |dir: &str| -> Vec<String> {
        std::fs::read_dir(out.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let schools = files("sekolah");
    assert_eq!(
        schools.iter().filter(|f| f.ends_with(".html")).count(),
        SCHOOLS
    );
    assert!(
        schools.iter().all(|f| f.ends_with(".html")
            || f.ends_with("-imbas.csv")
            || f.ends_with("-imbas.json")),
        "{schools:?}"
    );
    assert_eq!(
        count("wilayah"),
        38 + 514,
        "a page for every province and kab/kota"
    );
    let models = rows(site, "content/data/sekolah.csv")
        .iter()
        .filter(|r| r[5] == "model")
        .count();
    assert_eq!(count("jejaring"), models, "a network page per model school");

    let (checked, problems) = common::links::check_links(out);
    assert!(checked > SCHOOLS * 20, "only {checked} references checked");
    assert!(
        problems.is_empty(),
        "{} broken:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
}

#[test]
fn national_search_index_stays_within_its_bounds() {
    let (_, _, out) = site();
    let mut shards = 0;
    for entry in std::fs::read_dir(out.join("assets/cari")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let size = entry.metadata().unwrap().len();
        let bound = match &name[..2] {
            "in" => BEFORE_TYPING_LIMIT,
            "s-" => NAME_SHARD_BOUND as u64,
            "n-" => NPSN_SHARD_BOUND as u64,
            _ => panic!("unexpected index file {name}"),
        };
        assert!(size <= bound, "{name}: {size} bytes, bound {bound}");
        shards += 1;
    }
    assert!(shards > 3, "{shards} index files");
}

#[test]
fn national_site_builds_byte_identical_twice() {
    let (dir, site, out) = site();
    let second = dir.path().join("second");
    common::build_ok(site, &second);
    let (a, b) = (common::snapshot(out), common::snapshot(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (file, bytes) in &a {
        assert!(*bytes == b[file], "{file} differs between builds");
    }
}

#[test]
fn whole_site_year_downloads_hold_every_school_once() {
    let (_, _, out) = site();
    // Written in parts of 1,000 schools: 1,500 schools make two.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("unduh/nilai-2020.json")).unwrap())
            .expect("unduh/nilai-2020.json is JSON");
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), SCHOOLS);
    let npsns: BTreeSet<&str> = rows.iter().map(|r| r[0].as_str().unwrap()).collect();
    assert_eq!(npsns.len(), SCHOOLS);
    let columns = json["columns"].as_array().unwrap().len();
    assert!(rows.iter().all(|r| r.as_array().unwrap().len() == columns));
    let csv = std::fs::read_to_string(out.join("unduh/nilai-2020.csv")).unwrap();
    assert_eq!(
        csv.split("\r\n").filter(|l| !l.is_empty()).count(),
        SCHOOLS + 1
    );
    assert!(csv
        .split("\r\n")
        .nth(1500)
        .is_some_and(|l| l.starts_with(rows[1499][0].as_str().unwrap())));
}
