//! The analysis of the `analysis` fixture worked out by hand: changes since the previous year,
//! quartiles, model vs imbas means, weakest indicators, risers and fallers — through the
//! library API and in the built pages — and the charts: every one labelled, with its data
//! beside it; the peta mutu linked to existing region pages; no map without GeoJSON.

mod common;

use common::{build_ok, fixture_dir, read_page, site_from_fixture};
use rapor::model::SiteData;
use rapor::render::view::SiteView;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

// ---------------------------------------------------------------------------------------
// tests/fixtures/analysis, by hand. Indicators per standard: 3, 3, 3, 5, 5, 3, 4, 3.
// Each school has a base value for every indicator and a few lower ones in 2020; 2019 and
// 2018 are the base values only.
//
// 2020                     base  lower                     standards ≠ base          total
// M1 14710001 SD model     5.0   6.1 3, 5.4 3.5, 8.2 4.5   S5 23.5/5 = 4.7,
//                                                          S6 13/3, S8 14.5/3        4.858333 "4,86"
// I1 14710002 SD imbas M1  4.0   6.1 2, 6.2 3.5, 8.2 3.8   S6 9.5/3, S8 11.8/3       3.8875   "3,89"
// I2 14710003 SD imbas M1  3.0   5.4 1, 6.1 2.5, 8.2 2.8   S5 2.6, S6 8.5/3, S8 8.8/3 2.920833 "2,92"
// I3 14710004 SMP imbas M1 4.5   6.1 2.5, 5.4 3, 6.2 4     S5 4.2, S6 11/3           4.358333 "4,36"
// P1 14710005 SD           6.0   8.2 2, 6.1 5, 7.4 5.5     S6 17/3, S7 5.875, S8 14/3 5.776042 "5,78"
// M2 14720001 SMP model    6.5   1.2 5, 2.3 5.5, 4.4 6     S1 6, S2 18.5/3, S4 6.4   6.383333 "6,38"
// I4 14720002 SMP imbas M2 3.5   3.1 2, 3.2 2.5, 3.3 3.1   S3 7.6/3                  3.379167 "3,38"
// D1 14720003 SMA          5.5   1.3 4, 2.1 4.5, 4.1 5,    S1 5, S2 15.5/3, S4 5.4
//                                7.4 empty                 (S7 5.5 from 3 indicators) 5.383333 "5,38"
// 2019 base: M1 4.5, I1 3.5, I2 3.2, I3 4.0, P1 6.0, M2 6.0, I4 3.5; D1 has no row.
// 2018 base: M1 4.0, I1 3.0, I2 3.0, I3 3.5, P1 5.5, M2 5.0, I4 3.0, D1 5.0.
//
// Change of the total since 2019, from the shown values:
//   M1 4,86 − 4,50 = +0,36   I1 3,89 − 3,50 = +0,39   I2 2,92 − 3,20 = −0,28
//   I3 4,36 − 4,00 = +0,36   P1 5,78 − 6,00 = −0,22   M2 6,38 − 6,00 = +0,38
//   I4 3,38 − 3,50 = −0,12   D1 none (no 2019 row)
//   M1 per standard: S1 5,00 − 4,50 = +0,50, S6 4,33 − 4,50 = −0,17, S8 4,83 − 4,50 = +0,33
// Risers in 14.71: I1 +0,39, then M1 and I3 at +0,36 (NPSN order); fallers: I2, P1.
//
// Quartiles (linear interpolation at (n − 1)·p) of the 2020 totals:
//   14.71 (n 5): 2.920833 3.8875 4.358333 4.858333 5.776042 → Q1 3,89, median 4,36, Q3 4,86;
//                mean 21.801042/5 = 4.360208 "4,36"
//   14 (n 8):    2.920833 3.379167 3.8875 4.358333 4.858333 5.383333 5.776042 6.383333
//                Q1 at 1.75: 3.379167 + .75 × 0.508333 = 3.760417 "3,76"
//                median at 3.5: (4.358333 + 4.858333)/2 = 4.608333 "4,61"
//                Q3 at 5.25: 5.383333 + .25 × 0.392708 = 5.481510 "5,48"; mean 4.618359 "4,62"
//   14.71 standard 6: 8.5/3 9.5/3 11/3 13/3 17/3 → Q1 3,17, median 3,67, Q3 4,33, mean 3,93
//
// Model vs imbas, network of M1 (imbas I1, I2, I3), totals:
//   2018 model 4.0, imbas (3 + 3 + 3.5)/3 = 3.166667 "3,17"
//   2019 model 4.5, imbas (3.5 + 3.2 + 4)/3 = 3.566667 "3,57"
//   2020 model 4.858333, imbas (3.8875 + 2.920833 + 4.358333)/3 = 3.722222 "3,72"
//   change 2018→2020: model 4,86 − 4,00 = +0,86; imbas 3,72 − 3,17 = +0,55
// Whole site 2020: model (M1, M2) 5.620833 "5,62", imbas (I1 I2 I3 I4) 3.636458 "3,64";
//             2018: model 4.5, imbas (3 + 3 + 3.5 + 3)/4 = 3.125 "3,13"
//
// Weakest indicators (lowest category, then value, then framework order), 2020:
//   M1 6.1 (3,00 SNP 2), 5.4 (3,50 SNP 2), 8.2 (4,50 SNP 3)   I1 6.1, 6.2, 8.2
//   I2 5.4, 6.1, 8.2   I3 6.1, 5.4, 6.2   P1 8.2, 6.1, 7.4
// 14.71 indicator means: 6.1 15/5 = 3.00, 5.4 17.5/5 = 3.50, 8.2 17.6/5 = 3.52 (all SNP 2),
//   6.2 4.30, 7.4 4.40, the rest 4.50 → weakest 6.1, 5.4, 8.2
// Most shared weaknesses in 14.71: 6.1 in 5 of 5 schools, 8.2 in 4, 5.4 in 3.
//
// Same jenjang: the SD schools of 14.71 are M1, I1, I2, P1 (n 4, flagged n < 5); Dumai has
//   none, so the province's SD mean is the same: total 17.442708/4 = 4.360677 "4,36";
//   M1 − SD mean = 4,86 − 4,36 = +0,50.
// ---------------------------------------------------------------------------------------

const M1: &str = "14710001";
const I1: &str = "14710002";
const I2: &str = "14710003";
const I3: &str = "14710004";
const P1: &str = "14710005";
const M2: &str = "14720001";
const I4: &str = "14720002";
const D1: &str = "14720003";

const Y2018: usize = 0;
const Y2020: usize = 2;

fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-6,
        "{what}: got {actual}, expected {expected}"
    );
}

fn load() -> SiteData {
    let (data, diag) = rapor::load::load_site(&fixture_dir("analysis"));
    data.unwrap_or_else(|| panic!("{}", diag.report()))
}

fn index(data: &SiteData, npsn: &str) -> usize {
    data.school_index(npsn).expect(npsn)
}

/// Indicator codes of a list of framework positions.
fn codes(data: &SiteData, positions: impl IntoIterator<Item = usize>) -> Vec<String> {
    let all: Vec<&str> = data
        .framework
        .indicators()
        .map(|(_, i)| i.code.as_str())
        .collect();
    positions.into_iter().map(|p| all[p].to_string()).collect()
}

#[test]
fn changes_since_the_previous_year() {
    let data = load();
    let words = BTreeMap::new();
    let view = SiteView::new(&data, &words);
    let a = &view.analysis;
    assert_eq!((a.latest, a.previous), (Some(2), Some(1)));
    for (npsn, expected) in [
        (M1, Some(0.36)),
        (I1, Some(0.39)),
        (I2, Some(-0.28)),
        (I3, Some(0.36)),
        (P1, Some(-0.22)),
        (M2, Some(0.38)),
        (I4, Some(-0.12)),
        (D1, None),
    ] {
        let got = a.total_delta[index(&data, npsn)];
        match (got, expected) {
            (Some(g), Some(e)) => close(g, e, npsn),
            (g, e) => assert_eq!(g, e, "{npsn}"),
        }
    }
    let kota = &a.regions["14.71"];
    let movers = |list: &[rapor::score::analysis::Mover]| -> Vec<(String, f64)> {
        list.iter()
            .map(|m| (data.schools[m.school].npsn.clone(), m.delta))
            .collect()
    };
    let risers = movers(&kota.risers);
    let names: Vec<&str> = risers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [I1, M1, I3]);
    close(risers[0].1, 0.39, "top riser");
    let fallers = movers(&kota.fallers);
    let names: Vec<&str> = fallers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [I2, P1]);
    let province: Vec<String> = movers(&a.regions["14"].risers)
        .into_iter()
        .map(|m| m.0)
        .collect();
    assert_eq!(province, [I1, M2, M1, I3]);
}

#[test]
fn quartiles_of_school_scores() {
    let data = load();
    let words = BTreeMap::new();
    let view = SiteView::new(&data, &words);
    let q = view.analysis.regions["14.71"].spread[Y2020].total.unwrap();
    assert_eq!(q.n, 5);
    close(q.min, 2.920_833_333, "14.71 min");
    close(q.q1, 3.8875, "14.71 Q1");
    close(q.median, 4.358_333_333, "14.71 median");
    close(q.q3, 4.858_333_333, "14.71 Q3");
    close(q.max, 5.776_041_667, "14.71 max");
    close(q.mean, 4.360_208_333, "14.71 mean");
    let q = view.analysis.regions["14"].spread[Y2020].total.unwrap();
    assert_eq!(q.n, 8);
    close(q.q1, 3.760_416_667, "14 Q1");
    close(q.median, 4.608_333_333, "14 median");
    close(q.q3, 5.481_510_417, "14 Q3");
    close(q.mean, 4.618_359_375, "14 mean");
    let q = view.analysis.regions["14.71"].spread[Y2020].standards[5].unwrap();
    close(q.q1, 9.5 / 3.0, "14.71 S6 Q1");
    close(q.median, 11.0 / 3.0, "14.71 S6 median");
    close(q.q3, 13.0 / 3.0, "14.71 S6 Q3");
    // By jenjang: 14.71 has SD (M1 I1 I2 P1) and SMP (I3).
    let by_jenjang = &view.analysis.regions["14.71"].spread[Y2020].by_jenjang;
    let sizes: Vec<(&str, usize)> = by_jenjang.iter().map(|(j, q)| (j.as_str(), q.n)).collect();
    assert_eq!(sizes, [("SD", 4), ("SMP", 1)]);
    close(
        by_jenjang.values().next().unwrap().mean,
        4.360_677_083,
        "SD mean",
    );
}

#[test]
fn model_and_imbas_means_over_the_years() {
    let data = load();
    let words = BTreeMap::new();
    let view = SiteView::new(&data, &words);
    let network = &view.analysis.networks[&index(&data, M1)];
    let totals: Vec<(f64, usize)> = network
        .iter()
        .map(|g| g.total.map(|m| (m.mean, m.n)).unwrap())
        .collect();
    close(totals[0].0, 9.5 / 3.0, "imbas 2018");
    close(totals[1].0, 10.7 / 3.0, "imbas 2019");
    close(totals[2].0, 3.722_222_222, "imbas 2020");
    assert!(totals.iter().all(|t| t.1 == 3));
    let kota = &view.analysis.regions["14.71"];
    close(
        kota.model[Y2020].total.unwrap().mean,
        4.858_333_333,
        "14.71 model",
    );
    close(
        kota.imbas[Y2020].total.unwrap().mean,
        3.722_222_222,
        "14.71 imbas",
    );
    // Standard 6 of the imbas schools: (9.5/3 + 8.5/3 + 11/3)/3 = 29/9.
    close(
        kota.imbas[Y2020].standards[5].unwrap().mean,
        29.0 / 9.0,
        "14.71 imbas S6",
    );
    let site = &view.analysis.site;
    close(
        site.model[Y2020].total.unwrap().mean,
        5.620_833_333,
        "site model 2020",
    );
    close(
        site.imbas[Y2020].total.unwrap().mean,
        3.636_458_333,
        "site imbas 2020",
    );
    close(
        site.model[Y2018].total.unwrap().mean,
        4.5,
        "site model 2018",
    );
    close(
        site.imbas[Y2018].total.unwrap().mean,
        3.125,
        "site imbas 2018",
    );
    assert_eq!(site.imbas[Y2020].total.unwrap().n, 4);
}

#[test]
fn weakest_indicators_of_schools_and_regions() {
    let data = load();
    let words = BTreeMap::new();
    let view = SiteView::new(&data, &words);
    let a = &view.analysis;
    for (npsn, expected) in [
        (M1, ["6.1", "5.4", "8.2"]),
        (I1, ["6.1", "6.2", "8.2"]),
        (I2, ["5.4", "6.1", "8.2"]),
        (I3, ["6.1", "5.4", "6.2"]),
        (P1, ["8.2", "6.1", "7.4"]),
        (D1, ["1.3", "2.1", "4.1"]),
    ] {
        let weakest = &a.school_weakest[index(&data, npsn)];
        assert_eq!(
            codes(&data, weakest.iter().map(|w| w.index)),
            expected,
            "{npsn}"
        );
    }
    let m1 = &a.school_weakest[index(&data, M1)];
    assert_eq!(m1.iter().map(|w| w.category).collect::<Vec<_>>(), [1, 1, 2]);
    let kota = &a.regions["14.71"];
    assert_eq!(
        codes(&data, kota.weakest.iter().map(|w| w.index)),
        ["6.1", "5.4", "8.2"]
    );
    close(kota.weakest[2].value, 3.52, "8.2 mean");
    let common: Vec<(String, usize, usize)> = kota
        .common_weak
        .iter()
        .map(|c| (codes(&data, [c.index])[0].clone(), c.schools, c.of))
        .collect();
    assert_eq!(
        common,
        [
            ("6.1".to_string(), 5, 5),
            ("8.2".to_string(), 4, 5),
            ("5.4".to_string(), 3, 5)
        ]
    );
}

// ---------------------------------------------------------------------------------------
// The built site.

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = site_from_fixture("analysis");
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    (site, out)
}

fn assert_has(text: &str, wanted: &str, page: &str) {
    assert!(
        text.contains(wanted),
        "{page} lacks {wanted:?}; page text:\n{text}"
    );
}

#[test]
fn school_page_shows_changes_peers_and_recommendations() {
    let (_site, out) = built();
    let page = "sekolah/14710001.html";
    let text = read_page(&out, page);
    for wanted in [
        "Nilai sekolah 2020 4,86 Menuju SNP 3 ▲ +0,36 (naik) dibanding tahun sebelumnya",
        // code, standard, score, category, kab/kota mean, province mean, change
        "1 Standar Kompetensi Lulusan 5,00 Menuju SNP 3 4,50 4,63 ▲ +0,50 (naik)",
        "6 Standar Sarana dan Prasarana 4,33 Menuju SNP 3 3,93 4,40 ▼ −0,17 (turun)",
        "8 Standar Pembiayaan 4,83 Menuju SNP 3",
        "▲ +0,33 (naik)",
        // Same jenjang: 4 SD schools in the kab/kota and the province, flagged.
        "Dibanding sekolah sejenjang (SD)",
        "Nilai sekolah 4,86 4,36 n=4 n < 5 4,36 n=4 n < 5 +0,50",
        "n < 5: baca dengan hati-hati",
        // The three weakest with the preset's recommended actions.
        "6.1 Kapasitas sekolah (rombel, lahan, bangunan) memadai: 3,00 Menuju SNP 2 Hitung ulang kebutuhan ruang kelas",
        "5.4 Ketersediaan dan kompetensi laboran: 3,50 Menuju SNP 2 Tunjuk laboran",
        "8.2 Biaya operasi sesuai ketentuan: 4,50 Menuju SNP 3 Rencanakan biaya operasi",
        "Jejaring Sekolah model dan sekolah imbasnya",
    ] {
        assert_has(&text, wanted, page);
    }
    // No previous year for D1: no change shown, no zero.
    let d1 = read_page(&out, "sekolah/14720003.html");
    assert!(!d1.contains("dibanding tahun sebelumnya"), "{d1}");
    // An unchanged standard says so in words (I4: standard 1 stays at 3,50; Dumai's mean
    // (6 + 3.5 + 5)/3 = 4,83).
    let i4 = read_page(&out, "sekolah/14720002.html");
    assert_has(
        &i4,
        "1 Standar Kompetensi Lulusan 3,50 Menuju SNP 2 4,83 4,63 = tetap",
        "I4",
    );
}

#[test]
fn region_pages_show_spread_weaknesses_movers_and_networks() {
    let (_site, out) = built();
    let page = "wilayah/14.71/index.html";
    let text = read_page(&out, page);
    for wanted in [
        "Nilai sekolah: 4,36 Menuju SNP 3 (n = 5), ▲ +0,12 (naik)",
        // Quartile table: n, lowest, Q1, median, Q3, highest, mean.
        "Nilai sekolah 5 2,92 3,89 4,36 4,86 5,78 4,36",
        "Sarpras 5 2,83 3,17 3,67 4,33 5,67 3,93",
        // The region's weakest indicators by mean, and those most schools share.
        "6.1 Kapasitas sekolah (rombel, lahan, bangunan) memadai: 3,00 Menuju SNP 2 n=5",
        "5.4 Ketersediaan dan kompetensi laboran: 3,50 Menuju SNP 2 n=5",
        "8.2 Biaya operasi sesuai ketentuan: 3,52 Menuju SNP 2 n=5",
        "6.1 Kapasitas sekolah (rombel, lahan, bangunan) memadai: 5 dari 5 sekolah",
        "8.2 Biaya operasi sesuai ketentuan: 4 dari 5 sekolah",
        "5.4 Ketersediaan dan kompetensi laboran: 3 dari 5 sekolah",
        // Risers and fallers.
        "Naik paling banyak Nama Nilai Perubahan SD Imbas Satu Pekanbaru 3,89 ▲ +0,39 (naik) SD Model Pekanbaru 4,86 ▲ +0,36 (naik) SMP Imbas Tiga Pekanbaru 4,36 ▲ +0,36 (naik)",
        "Turun paling banyak Nama Nilai Perubahan SD Imbas Dua Pekanbaru 2,92 ▼ −0,28 (turun) SD Lain Pekanbaru 5,78 ▼ −0,22 (turun)",
        // The network of M1: 3 imbas, model 4,86, imbas mean 3,72 (n 3, flagged), changes.
        "SD Model Pekanbaru 3 4,86 3,72 n < 5 ▲ +0,86 (naik) ▲ +0,55 (naik)",
        // Model vs imbas over the years (data table of the chart).
        "Nilai sekolah 4,00 3,17 4,50 3,57 4,86 3,72",
    ] {
        assert_has(&text, wanted, page);
    }
    let page = "wilayah/14/index.html";
    let text = read_page(&out, page);
    for wanted in [
        "Nilai sekolah 8 2,92 3,76 4,61 5,48 6,38 4,62",
        "Naik paling banyak Nama Nilai Perubahan SD Imbas Satu Pekanbaru 3,89 ▲ +0,39 (naik) SMP Model Dumai 6,38 ▲ +0,38 (naik)",
        "Kota Dumai 14.72 3 5,05 Menuju SNP 3",
    ] {
        assert_has(&text, wanted, page);
    }
    let page = "index.html";
    let text = read_page(&out, page);
    // Whole site, model vs imbas: 2018 4,50 / 3,13, 2019 (4.5 + 6)/2 = 5,25 /
    // (3.5 + 3.2 + 4 + 3.5)/4 = 3,55, 2020 5,62 / 3,64.
    assert_has(&text, "Nilai sekolah 4,50 3,13 5,25 3,55 5,62 3,64", page);
}

#[test]
fn network_page_compares_model_and_imbas() {
    let (_site, out) = built();
    let page = "jejaring/14710001/index.html";
    let text = read_page(&out, page);
    for wanted in [
        "Jejaring SD Model Pekanbaru",
        "Jumlah sekolah imbas: 3",
        // (page_text puts a space after each tag, hence "(naik) ;")
        "Sejak 2018: Sekolah model ▲ +0,86 (naik) ; Rerata sekolah imbas ▲ +0,55 (naik)",
        "SD Model Pekanbaru 4,00 4,50 4,86 ▲ +0,86 (naik)",
        "Rerata sekolah imbas 3,17 3,57 3,72 ▲ +0,55 (naik)",
        "SD Imbas Dua Pekanbaru 3,00 3,20 2,92 ▼ −0,08 (turun)",
    ] {
        assert_has(&text, wanted, page);
    }
    // Schools link to their network page.
    for npsn in [M1, I1, I2, I3] {
        let html = std::fs::read_to_string(out.join(format!("sekolah/{npsn}.html"))).unwrap();
        assert!(
            html.contains("href=\"../jejaring/14710001/index.html\""),
            "{npsn}"
        );
    }
}

/// Every `<figure class="chart …">` of a page: its SVG is role="img" (a map of links
/// role="group") with a non-empty
/// `<title>` and `<desc>`, and its numbers are beside it, in `<details>` or in a table the
/// caption links to on the same page.
fn check_charts(html: &str, page: &str) -> usize {
    let figure = regex::Regex::new(r#"(?s)<figure class="chart[^"]*">(.*?)</figure>"#).unwrap();
    let title = regex::Regex::new(
        r#"<title id="([a-z-]+)-t">([^<]+)</title><desc id="([a-z-]+)-d">([^<]+)</desc>"#,
    )
    .unwrap();
    let table_link = regex::Regex::new(r##"<figcaption>[^<]*<a href="#([a-z-]+)">"##).unwrap();
    let mut count = 0;
    for f in figure.captures_iter(html) {
        let body = &f[1];
        count += 1;
        let svg_tag = &body[body
            .find("<svg")
            .unwrap_or_else(|| panic!("{page}: figure without svg"))..];
        let svg_tag = &svg_tag[..svg_tag.find('>').unwrap()];
        // A map's regions are links: it is a group, not an image (whose children are hidden).
        let role = if svg_tag.contains("chart-map") {
            "group"
        } else {
            "img"
        };
        assert!(
            svg_tag.contains(&format!("role=\"{role}\"")),
            "{page}: {svg_tag}"
        );
        let t = title
            .captures(body)
            .unwrap_or_else(|| panic!("{page}: chart without title and desc: {svg_tag}"));
        assert!(svg_tag.contains(&format!("aria-labelledby=\"{}-t {}-d\"", &t[1], &t[3])));
        assert!(
            t[2].trim().len() > 10 && t[4].trim().len() > 20,
            "{page}: {}",
            &t[0]
        );
        if let Some(link) = table_link.captures(body) {
            // The linked id must be a table of the same page.
            let target = html
                .find(&format!(" id=\"{}\"", &link[1]))
                .unwrap_or_else(|| panic!("{page}: chart links to missing #{}", &link[1]));
            let tag_start = html[..target].rfind('<').unwrap();
            assert!(
                html[tag_start..].starts_with("<table"),
                "{page}: #{} is not a table",
                &link[1]
            );
        } else {
            assert!(
                body.contains("<details class=\"chart-data\">") && body.contains("<table"),
                "{page}: chart {} has no data table",
                &t[1]
            );
        }
    }
    count
}

#[test]
fn every_chart_has_title_description_and_data() {
    let (_site, out) = built();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let kind = regex::Regex::new(r#"<svg [^>]*class="chart-([a-z]+)""#).unwrap();
    for page in common::links::html_files(&out) {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        check_charts(&html, &page);
        for k in kind.captures_iter(&html) {
            *kinds.entry(k[1].to_string()).or_default() += 1;
        }
    }
    // 8 schools: radar, indicator bars, trend each; networks: bars and trend; regions and
    // home: box plots, stacked bars, trends; the province and home: a map.
    let expected: BTreeMap<String, usize> = [
        ("radar", 8),
        ("bars", 8 + 2),
        ("trend", 8 + 2 + 4 * 2),
        ("box", 4 * 2),
        ("stacked", 4),
        ("map", 2),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_string(), n))
    .collect();
    assert_eq!(kinds, expected);
    let school = std::fs::read_to_string(out.join("sekolah/14710001.html")).unwrap();
    assert_eq!(check_charts(&school, "M1"), 3);
    for title in [
        "Grafik radar nilai per standar: SD Model Pekanbaru",
        "Nilai per indikator: SD Model Pekanbaru (2020)",
        "Nilai per standar dari tahun ke tahun (2018–2020)",
    ] {
        assert!(school.contains(title), "{title}");
    }
}

#[test]
fn map_regions_link_to_their_pages() {
    let (_site, out) = built();
    let link = regex::Regex::new(
        r#"<a href="([^"]+)"><title>([^<]+)</title><path class="area ([a-z0-9 ]+)""#,
    )
    .unwrap();
    for (page, prefix) in [
        ("wilayah/14/index.html", "../../wilayah/"),
        ("index.html", "wilayah/"),
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let start = html.find("class=\"chart-map\"").expect("a map");
        let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
        let areas: BTreeSet<(String, String, String)> = link
            .captures_iter(svg)
            .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
            .collect();
        let expected: BTreeSet<(String, String, String)> = [
            (
                "14.03/index.html",
                "Kabupaten Bengkalis: tidak ada data",
                "none",
            ),
            (
                "14.71/index.html",
                "Kota Pekanbaru: 4,36 Menuju SNP 3 (n = 5)",
                "k3",
            ),
            (
                "14.72/index.html",
                "Kota Dumai: 5,05 Menuju SNP 3 (n = 3)",
                "k3",
            ),
        ]
        .into_iter()
        .map(|(h, t, c)| (format!("{prefix}{h}"), t.to_string(), c.to_string()))
        .collect();
        assert_eq!(areas, expected, "{page}");
        for (href, _, _) in &areas {
            let target = out.join(page).parent().unwrap().join(href);
            assert!(target.is_file(), "{page}: {href} does not exist");
        }
        // 14.99 is not a region of the site, the feature without kode has none: neither is drawn.
        assert!(!svg.contains("14.99"));
        // Dumai is a MultiPolygon: two rings in one path.
        let dumai = &svg[svg.find("<title>Kota Dumai").unwrap()..];
        let d = &dumai[dumai.find(" d=\"").unwrap() + 4..];
        let d = &d[..d.find('"').unwrap()];
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert!(
            d.bytes()
                .all(|b| b.is_ascii_digit() || b" Mlz-".contains(&b)),
            "{d}"
        );
    }
    // No map on a kab/kota page.
    let kota = std::fs::read_to_string(out.join("wilayah/14.71/index.html")).unwrap();
    assert!(!kota.contains("chart-map"));
    let (checked, problems) = common::links::check_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 200, "{checked}");
}

#[test]
fn no_geojson_means_no_map_and_no_error() {
    let site = site_from_fixture("mini");
    assert!(!Path::new(&site.path().join("content/data/peta")).exists());
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    for page in ["index.html", "wilayah/14/index.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("chart-map"), "{page}");
        assert!(!html.contains("Peta mutu"), "{page}");
    }
}

#[test]
fn broken_geojson_is_an_error_naming_the_file_and_line() {
    let site = site_from_fixture("analysis");
    std::fs::write(
        site.path().join("content/data/peta/rusak.geojson"),
        "{\"type\": \"FeatureCollection\",\n\"features\": [,]}\n",
    )
    .unwrap();
    let output = common::build(site.path(), &site.path().join("out"));
    assert!(!output.status.success());
    let report = common::stdout(&output) + &common::stderr(&output);
    assert!(
        report.contains("content/data/peta/rusak.geojson:2") && report.contains("GeoJSON"),
        "{report}"
    );
}
