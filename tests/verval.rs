//! Verval: `rapor check` reports every warning a data team needs, with its place, in text
//! and in JSON, and the build goes on despite warnings.

mod common;

use common::*;

fn lines_with(report: &str, needle: &str) -> Vec<String> {
    report
        .lines()
        .filter(|l| l.contains(needle))
        .map(str::to_string)
        .collect()
}

#[test]
fn model_school_without_imbas_is_flagged() {
    let site = site_from_fixture("mini");
    let report = stdout(&check(site.path()));
    let found = lines_with(&report, "sekolah model tanpa sekolah imbas");
    assert_eq!(
        found,
        ["warning: content/data/sekolah.csv:6: kolom peran: \"14720002\" sekolah model tanpa sekolah imbas (isi kolom sekolah_model pada sekolah imbasnya, atau ubah peran sekolah ini)"]
    );
}

#[test]
fn a_jump_between_years_is_flagged_once_per_school_with_each_standard() {
    let site = site_from_fixture("mini");
    let report = stdout(&check(site.path()));
    let found = lines_with(&report, "14720001 (");
    assert_eq!(found.len(), 1, "{report}");
    assert!(
        found[0].starts_with("warning: content/data/nilai/2020.csv:5: kolom npsn:"),
        "{}",
        found[0]
    );
    assert!(found[0].contains("2: 5.00 → 7.00"), "{}", found[0]);
    assert!(
        found[0].contains("nilai 6 standar berubah lebih dari 1.5"),
        "{}",
        found[0]
    );
    // A higher threshold silences it.
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap() + "\n[verval]\nlonjakan_maks = 2.5\n";
    std::fs::write(&toml, text).unwrap();
    let report = stdout(&check(site.path()));
    assert!(
        lines_with(&report, "berubah lebih dari").is_empty(),
        "{report}"
    );
}

#[test]
fn too_many_imbas_per_model_is_flagged() {
    let site = site_from_fixture("mini");
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap() + "\n[verval]\nimbas_maks = 1\n";
    std::fs::write(&toml, text).unwrap();
    let report = stdout(&check(site.path()));
    let found = lines_with(&report, "sekolah model dengan 2 sekolah imbas");
    assert_eq!(found.len(), 1, "{report}");
    assert!(
        found[0].starts_with("warning: content/data/sekolah.csv:2: kolom npsn: \"14710001\""),
        "{}",
        found[0]
    );
}

#[test]
fn a_school_missing_a_year_it_had_before_is_flagged() {
    let site = site_from_fixture("mini");
    let path = site.path().join("content/data/nilai/2020.csv");
    let text: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("14710003,"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(0), "warnings never fail a check");
    let found = lines_with(
        &stdout(&out),
        "tidak ada nilai tahun 2020, padahal ada nilai tahun 2019",
    );
    assert_eq!(found.len(), 1, "{}", stdout(&out));
    assert!(
        found[0].contains("content/data/nilai/2020.csv: kolom npsn: \"14710003\""),
        "{}",
        found[0]
    );
    build_ok(site.path(), &site.path().join("out"));
}

#[test]
fn json_format_lists_every_problem_for_tools() {
    let site = site_from_fixture("mini");
    let out = rapor([
        "check".as_ref(),
        site.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 3);
    let problems = json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3);
    let model = problems
        .iter()
        .find(|p| p["message"] == "sekolah model tanpa sekolah imbas")
        .expect("model warning");
    assert_eq!(model["severity"], "warning");
    assert_eq!(model["file"], "content/data/sekolah.csv");
    assert_eq!(model["line"], 6);
    assert_eq!(model["field"], "peran");
    assert_eq!(model["value"], "14720002");
}

#[test]
fn json_format_reports_errors_and_exits_1() {
    let site = site_from_fixture("mini");
    let path = site.path().join("content/data/sekolah.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("14.72,,", "14.99,,");
    std::fs::write(&path, text).unwrap();
    let out = rapor([
        "check".as_ref(),
        site.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["errors"], 1);
    let p = &json["problems"][0];
    assert_eq!(
        (p["line"].as_u64(), p["field"].as_str(), p["value"].as_str()),
        (Some(5), Some("kode_wilayah"), Some("14.99"))
    );
}

#[test]
fn the_site_has_a_data_quality_page_linked_to_the_schools() {
    let site = site_from_fixture("mini");
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    let html = std::fs::read_to_string(out.join("verval/index.html")).unwrap();
    let text = read_page(&out, "verval/index.html");
    assert!(text.contains("Kualitas data (verval)"), "{text}");
    // Kota Dumai: 2 schools, both with complete 2020 data, 2 warnings (a jump, a model
    // school without imbas), each linked to its school page.
    assert!(html.contains("<th scope=\"row\"><a href=\"#kab-14.72\">Kota Dumai</a></th><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">2</td>"), "{html}");
    assert!(html.contains("href=\"../sekolah/14720002.html\">SMK Negeri 1 Contoh Dumai</a>"));
    assert!(text.contains("sekolah model tanpa sekolah imbas"));
    // Pekanbaru: B and C have missing indicators in 2020: partial data.
    assert!(html.contains("<th scope=\"row\"><a href=\"#kab-14.71\">Kota Pekanbaru</a></th><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">1</td>"), "{html}");
}
