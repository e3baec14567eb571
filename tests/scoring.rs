//! Scores of the `mini` fixture worked out by hand: school standards and totals, kab/kota and
//! province means with n and category counts, checked through the library API and in the
//! built HTML (decimal comma, category names, `–` for missing), plus the page plan.

mod common;

use common::{build_ok, fixture_dir, read_page, site_from_fixture};
use rapor::model::SiteData;
use rapor::plan::PageKind;
use rapor::score::aggregate::{aggregate, schools_by_region, GroupStats};
use rapor::score::{score_site, Scores};

// ---------------------------------------------------------------------------------------
// The fixture's 2020 scores, by hand (tests/fixtures/mini/content/data/nilai/2020.csv).
// Indicators per standard in rapor-mutu: 3, 3, 3, 5, 5, 3, 4, 3.
//
// A 14710001 (Pekanbaru, model, SD)
//   6,5,4 | 4,4,4 | 5,5,5 | 3,4,5,4,4 | 5,5,5,5,5 | 4,4,4 | 5,5,5,5 | 4,4,4
//   standards 15/3=5, 4, 5, 20/5=4, 5, 4, 5, 4       total 36/8 = 4.5     "4,50" Menuju SNP 3
// B 14710002 (Pekanbaru, imbas of A, SD): "4,5" written with a decimal comma, 4.5 empty
//   4,"4,5",5 | 3,3,3 | 4,4,4 | 4,4,4,4,_ | 5,5,5,5,5 | 3,3,3 | 4,4,4,4 | 2,2,2
//   standards 13.5/3=4.5, 3, 4, 16/4=4 (not 16/5), 5, 3, 4, 2
//                                                     total 29.5/8 = 3.6875 "3,69" Menuju SNP 2
// C 14710003 (Pekanbaru, imbas of A, SMP): standard 8 entirely empty
//   2,2,2 | 3,3,3 | 2,2,2 | 3,3,3,3,3 | 2,2,2,2,2 | 3,3,3 | 2,2,2,2 | _,_,_
//   standards 2, 3, 2, 3, 2, 3, 2, –                  total 17/7 = 2.428571… "2,43" Menuju SNP 2
// D 14720001 (Dumai, no peran, SMA)
//   standards 6, 7, 7, 7, 7, 7, 7, 6                  total 54/8 = 6.75    "6,75" SNP
// E 14720002 (Dumai, model, SMK; absent from 2019.csv)
//   standards 2, 2, 1, 1, 1, 1, 1, 1                  total 10/8 = 1.25    "1,25" Menuju SNP 1
//
// Kab/kota 14.71 (A, B, C):
//   total (4.5 + 3.6875 + 17/7) / 3 = (131/16 + 17/7) / 3 = 1189/336 = 3.538690… "3,54", n = 3
//   std 1 (5 + 4.5 + 2)/3 = 11.5/3 = 3.8333 "3,83" SNP 3   std 5 (5 + 5 + 2)/3 = 4    "4,00" SNP 3
//   std 2 (4 + 3 + 3)/3 = 10/3   = 3.3333 "3,33" SNP 2     std 6 (4 + 3 + 3)/3 = 10/3 "3,33" SNP 2
//   std 3 (5 + 4 + 2)/3 = 11/3   = 3.6667 "3,67" SNP 2     std 7 (5 + 4 + 2)/3 = 11/3 "3,67" SNP 2
//   std 4 (4 + 4 + 3)/3 = 11/3   = 3.6667 "3,67" SNP 2     std 8 (4 + 2)/2 = 3, n = 2 "3,00" SNP 2
//   categories: Menuju SNP 1: 0, 2: 2 (B, C), 3: 1 (A), 4: 0, SNP: 0; model 1, imbas 2
// Kab/kota 14.72 (D, E): total (6.75 + 1.25)/2 = 4, n = 2; standards 4, 4.5, 4, 4, 4, 4, 4, 3.5
//   categories: Menuju SNP 1: 1 (E), SNP: 1 (D)
// Province 14 (all five):
//   total (4.5 + 3.6875 + 17/7 + 6.75 + 1.25) / 5 = (259/16 + 17/7) / 5 = 2085/560
//         = 3.723214… "3,72" Menuju SNP 3, n = 5
//   standards 19.5/5=3.9, 19/5=3.8, 19/5=3.8, 19/5=3.8, 20/5=4, 18/5=3.6, 19/5=3.8, 13/4=3.25 (n 4)
//   categories: Menuju SNP 1: 1 (E), 2: 2 (B, C), 3: 1 (A), 4: 0, SNP: 1 (D); model 2, imbas 2
// 2019: A all 4, B all 3, C all 2.5, D all 5, E no row: 14.71 = 9.5/3, province = 14.5/4 (n 4).
// ---------------------------------------------------------------------------------------

const A: &str = "14710001";
const B: &str = "14710002";
const C: &str = "14710003";
const D: &str = "14720001";
const E: &str = "14720002";

const Y2019: usize = 0;
const Y2020: usize = 1;

fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: got {actual}, expected {expected}"
    );
}

fn load_mini() -> SiteData {
    let (data, diag) = rapor::load::load_site(&fixture_dir("mini"));
    assert!(diag.problems.is_empty(), "{}", diag.report());
    data.expect("fixture loads")
}

fn school(data: &SiteData, npsn: &str) -> usize {
    data.school_index(npsn).expect(npsn)
}

/// (standards, total) of a school in a year, `None` = not available.
fn school_scores(
    data: &SiteData,
    scores: &Scores,
    year: usize,
    npsn: &str,
) -> (Vec<Option<f64>>, f64) {
    let s = scores.get(year, school(data, npsn)).expect(npsn);
    (s.standards.clone(), s.total.unwrap())
}

#[test]
fn school_standards_and_totals_2020() {
    let data = load_mini();
    let scores = score_site(&data);
    assert_eq!(scores.years, [2019, 2020]);
    let s = |v: f64| Some(v);
    let expected: [(&str, [Option<f64>; 8], f64); 5] = [
        (
            A,
            [
                s(5.0),
                s(4.0),
                s(5.0),
                s(4.0),
                s(5.0),
                s(4.0),
                s(5.0),
                s(4.0),
            ],
            4.5,
        ),
        (
            B,
            [
                s(4.5),
                s(3.0),
                s(4.0),
                s(4.0),
                s(5.0),
                s(3.0),
                s(4.0),
                s(2.0),
            ],
            3.6875,
        ),
        (
            C,
            [s(2.0), s(3.0), s(2.0), s(3.0), s(2.0), s(3.0), s(2.0), None],
            17.0 / 7.0,
        ),
        (
            D,
            [
                s(6.0),
                s(7.0),
                s(7.0),
                s(7.0),
                s(7.0),
                s(7.0),
                s(7.0),
                s(6.0),
            ],
            6.75,
        ),
        (
            E,
            [
                s(2.0),
                s(2.0),
                s(1.0),
                s(1.0),
                s(1.0),
                s(1.0),
                s(1.0),
                s(1.0),
            ],
            1.25,
        ),
    ];
    for (npsn, standards, total) in expected {
        let (got, got_total) = school_scores(&data, &scores, Y2020, npsn);
        assert_eq!(got.len(), 8, "{npsn}");
        for (k, (g, e)) in got.iter().zip(standards).enumerate() {
            match (g, e) {
                (Some(g), Some(e)) => close(*g, e, &format!("{npsn} standard {}", k + 1)),
                (None, None) => {}
                _ => panic!("{npsn} standard {}: got {g:?}, expected {e:?}", k + 1),
            }
        }
        close(got_total, total, &format!("{npsn} total"));
    }
    // The decimal-comma cell "4,5" is 4.5; the empty 4.5 cell and standard 8 stay missing.
    let b = scores.get(Y2020, school(&data, B)).unwrap();
    assert_eq!(b.indicators[1], Some(4.5));
    assert_eq!(b.indicators[13], None);
    let c = scores.get(Y2020, school(&data, C)).unwrap();
    assert_eq!(&c.indicators[26..], &[None, None, None]);
}

#[test]
fn school_absent_from_2019_has_no_score_that_year() {
    let data = load_mini();
    let scores = score_site(&data);
    assert!(scores.get(Y2019, school(&data, E)).is_none());
    for (npsn, total) in [(A, 4.0), (B, 3.0), (C, 2.5), (D, 5.0)] {
        let (standards, got) = school_scores(&data, &scores, Y2019, npsn);
        close(got, total, npsn);
        assert!(standards.iter().all(|s| s.is_some()), "{npsn}");
    }
}

/// Checks one group's n, mean total and per-standard (mean, n), categories and roles.
fn check_group(
    g: &GroupStats,
    what: &str,
    total: (f64, usize),
    standards: [(f64, usize); 8],
    categories: [usize; 5],
    (schools, model, imbas): (usize, usize, usize),
) {
    let t = g.total.unwrap_or_else(|| panic!("{what}: no total"));
    close(t.mean, total.0, &format!("{what} total"));
    assert_eq!(t.n, total.1, "{what} total n");
    for (k, (got, (mean, n))) in g.standards.iter().zip(standards).enumerate() {
        let got = got.unwrap_or_else(|| panic!("{what} standard {}: missing", k + 1));
        close(got.mean, mean, &format!("{what} standard {}", k + 1));
        assert_eq!(got.n, n, "{what} standard {} n", k + 1);
    }
    assert_eq!(g.categories, categories, "{what} categories");
    assert_eq!(
        (g.schools, g.model, g.imbas),
        (schools, model, imbas),
        "{what}"
    );
}

#[test]
fn region_means_and_categories_2020() {
    let data = load_mini();
    let scores = score_site(&data);
    let by_region = schools_by_region(&data);
    let kab_71: Vec<&str> = by_region["14.71"]
        .iter()
        .map(|&i| data.schools[i].npsn.as_str())
        .collect();
    assert_eq!(kab_71, [A, B, C]);
    assert_eq!(by_region["14.72"].len(), 2);
    assert_eq!(by_region["14"].len(), 5);
    let agg = aggregate(&data, &scores, &by_region);
    let region = |kode: &str| &agg.region(Y2020, kode).expect(kode).all;

    check_group(
        region("14.71"),
        "14.71",
        (1189.0 / 336.0, 3),
        [
            (11.5 / 3.0, 3),
            (10.0 / 3.0, 3),
            (11.0 / 3.0, 3),
            (11.0 / 3.0, 3),
            (4.0, 3),
            (10.0 / 3.0, 3),
            (11.0 / 3.0, 3),
            (3.0, 2),
        ],
        [0, 2, 1, 0, 0],
        (3, 1, 2),
    );
    check_group(
        region("14.72"),
        "14.72",
        (4.0, 2),
        [
            (4.0, 2),
            (4.5, 2),
            (4.0, 2),
            (4.0, 2),
            (4.0, 2),
            (4.0, 2),
            (4.0, 2),
            (3.5, 2),
        ],
        [1, 0, 0, 0, 1],
        (2, 1, 0),
    );
    check_group(
        region("14"),
        "14",
        (2085.0 / 560.0, 5),
        [
            (3.9, 5),
            (3.8, 5),
            (3.8, 5),
            (3.8, 5),
            (4.0, 5),
            (3.6, 5),
            (3.8, 5),
            (3.25, 4),
        ],
        [1, 2, 1, 0, 1],
        (5, 2, 2),
    );
    // The whole site is the one province.
    assert_eq!(&agg.site[Y2020].all, region("14"));

    // 2019: E has no row, so the province mean is over 4 schools but still counts 5 schools.
    let p2019 = &agg.region(Y2019, "14").unwrap().all;
    close(p2019.total.unwrap().mean, 14.5 / 4.0, "14 in 2019");
    assert_eq!((p2019.total.unwrap().n, p2019.schools), (4, 5));
    close(
        agg.region(Y2019, "14.71").unwrap().all.total.unwrap().mean,
        9.5 / 3.0,
        "14.71 in 2019",
    );
}

#[test]
fn plan_has_exactly_the_expected_pages() {
    let data = load_mini();
    let plan = rapor::plan::plan(&data);
    let count = |f: fn(&PageKind) -> bool| plan.count(f);
    assert_eq!(count(|k| matches!(k, PageKind::Home)), 1);
    assert_eq!(count(|k| matches!(k, PageKind::Region(_))), 3);
    assert_eq!(count(|k| matches!(k, PageKind::School(_))), 5);
    assert_eq!(count(|k| matches!(k, PageKind::ArticleList)), 1);
    assert_eq!(count(|k| matches!(k, PageKind::Article(_))), 1);
    assert_eq!(count(|k| matches!(k, PageKind::Methodology)), 1);
    assert_eq!(count(|k| matches!(k, PageKind::Page(_))), 0);
    // One network page per model school (A and E), even when it has no imbas yet.
    assert_eq!(count(|k| matches!(k, PageKind::Network(_))), 2);
    assert_eq!(count(|k| matches!(k, PageKind::Verval)), 1);
    assert_eq!(count(|k| matches!(k, PageKind::Compare)), 1);
    assert_eq!(count(|k| matches!(k, PageKind::NotFound)), 1);
    assert_eq!(plan.pages.len(), 17);
    let paths: Vec<&str> = plan.pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index.html",
            "wilayah/14/index.html",
            "wilayah/14.71/index.html",
            "wilayah/14.72/index.html",
            "sekolah/14710001.html",
            "sekolah/14710002.html",
            "sekolah/14710003.html",
            "sekolah/14720001.html",
            "sekolah/14720002.html",
            "jejaring/14710001/index.html",
            "jejaring/14720002/index.html",
            "kegiatan/index.html",
            "kegiatan/pendampingan-pekanbaru-2020/index.html",
            "halaman/metodologi/index.html",
            "verval/index.html",
            "banding/index.html",
            "404.html",
        ]
    );
}

fn assert_has(text: &str, wanted: &str, page: &str) {
    assert!(
        text.contains(wanted),
        "{page} lacks {wanted:?}; page text:\n{text}"
    );
}

/// A bare `0,00` (a missing value shown as zero) anywhere in the text.
fn assert_no_zero(text: &str, page: &str) {
    let zero = regex::Regex::new(r"(^|[^0-9])0,00").unwrap();
    assert!(!zero.is_match(text), "{page} shows 0,00:\n{text}");
}

#[test]
fn built_pages_show_the_hand_worked_numbers() {
    let site = site_from_fixture("mini");
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    let files = common::snapshot(&out);
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    assert_eq!(pages, 17, "{:?}", files.keys());

    // B: decimal comma value, one missing indicator, region means beside each standard.
    let page = "sekolah/14710002.html";
    let b = read_page(&out, page);
    for wanted in [
        "Nilai sekolah 2020 3,69 Menuju SNP 2",
        "1 Standar Kompetensi Lulusan 4,50 Menuju SNP 3 3,83",
        "4 Standar Penilaian 4,00 Menuju SNP 3 3,67",
        "8 Standar Pembiayaan 2,00 Menuju SNP 1 3,00",
        "1.2 Lulusan memiliki pengetahuan sesuai jenjangnya 4,50 Menuju SNP 3",
        // The empty 4.5 cell: a dash and no category, straight on to standard 5.
        "4.5 Penilaian dilakukan sesuai prosedur – 5 Standar Pendidik",
        "2019 3,00 3,00 3,00 3,00 3,00 3,00 3,00 3,00 3,00",
        "2020 4,50 3,00 4,00 4,00 5,00 3,00 4,00 2,00 3,69",
        "Dibina oleh sekolah model SD Negeri 1 Contoh Pekanbaru (14710001)",
    ] {
        assert_has(&b, wanted, page);
    }
    assert_no_zero(&b, page);

    // C: standard 8 missing: dash for the school, the kab/kota mean (n = 2) beside it.
    let page = "sekolah/14710003.html";
    let c = read_page(&out, page);
    for wanted in [
        "Nilai sekolah 2020 2,43 Menuju SNP 2",
        "7 Standar Pengelolaan 2,00 Menuju SNP 1 3,67",
        "8 Standar Pembiayaan – 3,00",
        "8.1 Subsidi silang bagi peserta didik – 8.2",
        "8.3 Pengelolaan dana dilakukan dengan baik –",
        "2020 2,00 3,00 2,00 3,00 2,00 3,00 2,00 – 2,43",
    ] {
        assert_has(&c, wanted, page);
    }
    assert_no_zero(&c, page);

    // D and E: the SNP and Menuju SNP 1 ends; E has no 2019 row.
    let page = "sekolah/14720001.html";
    assert_has(&read_page(&out, page), "Nilai sekolah 2020 6,75 SNP", page);
    let page = "sekolah/14720002.html";
    let e = read_page(&out, page);
    assert_has(&e, "Nilai sekolah 2020 1,25 Menuju SNP 1", page);
    assert_has(&e, "2019 – – – – – – – – – 2020", page);
    assert_has(
        &e,
        "2020 2,00 2,00 1,00 1,00 1,00 1,00 1,00 1,00 1,25",
        page,
    );
    assert_no_zero(&e, page);

    // A model school lists its two imbas schools.
    let page = "sekolah/14710001.html";
    let a = read_page(&out, page);
    assert_has(&a, "Nilai sekolah 2020 4,50 Menuju SNP 3", page);
    assert_has(&a, "Sekolah imbas yang dibina (2)", page);
}

#[test]
fn built_region_pages_show_means_with_n_and_categories() {
    let site = site_from_fixture("mini");
    let out = site.path().join("out");
    build_ok(site.path(), &out);

    let page = "wilayah/14.71/index.html";
    let k = read_page(&out, page);
    for wanted in [
        "Jumlah sekolah: 3 (Sekolah model: 1, Sekolah imbas: 2)",
        "Nilai sekolah: 3,54 Menuju SNP 2 (n = 3)",
        // code, standard, mean, category, n
        "1 Standar Kompetensi Lulusan 3,83 Menuju SNP 3 3",
        "2 Standar Isi 3,33 Menuju SNP 2 3",
        "3 Standar Proses 3,67 Menuju SNP 2 3",
        "5 Standar Pendidik dan Tenaga Kependidikan 4,00 Menuju SNP 3 3",
        "8 Standar Pembiayaan 3,00 Menuju SNP 2 2",
        "Nilai sekolah 3,54 Menuju SNP 2 3",
        "Menuju SNP 1 0 Menuju SNP 2 2 Menuju SNP 3 1 Menuju SNP 4 0 SNP 0",
        "Narasi uji: sekolah binaan di Kota Pekanbaru.",
        "Pendampingan sekolah model di Pekanbaru",
    ] {
        assert_has(&k, wanted, page);
    }
    assert_no_zero(&k, page);

    let page = "wilayah/14/index.html";
    let p = read_page(&out, page);
    for wanted in [
        "Jumlah sekolah: 5 (Sekolah model: 2, Sekolah imbas: 2)",
        "Nilai sekolah: 3,72 Menuju SNP 3 (n = 5)",
        "1 Standar Kompetensi Lulusan 3,90 Menuju SNP 3 5",
        "6 Standar Sarana dan Prasarana 3,60 Menuju SNP 2 5",
        "8 Standar Pembiayaan 3,25 Menuju SNP 2 4",
        "Menuju SNP 1 1 Menuju SNP 2 2 Menuju SNP 3 1 Menuju SNP 4 0 SNP 1",
        "Kota Pekanbaru 14.71 3 3,54 Menuju SNP 2",
        "Kota Dumai 14.72 2 4,00 Menuju SNP 3",
    ] {
        assert_has(&p, wanted, page);
    }
}

/// A score whose shown (rounded) text and category disagree: 2.045 is stored as
/// 2.04499999…, so `{:.2}` prints "2,04" (Menuju SNP 1 range, 0–2.04), while
/// `Framework::round` computes 2.045 * 100 = 204.5 → 205 → 2.05 → Menuju SNP 2.
#[test]

fn shown_number_and_category_agree_at_a_boundary() {
    let data = load_mini();
    let f = &data.framework;
    // A school whose only standards are 1 (all 2.04) and 2 (all 2.05): total (2.04 + 2.05)/2.
    let mut indicators = vec![None; f.indicator_count()];
    indicators[..3].fill(Some(2.04));
    indicators[3..6].fill(Some(2.05));
    let school = rapor::score::score_school(f, indicators);
    let numbers = rapor::render::format::NumberFormat::new("id", f);
    let cell = numbers.score(f, school.total);
    let shown: f64 = cell.text.replace(',', ".").parse().unwrap();
    assert_eq!(
        cell.category,
        f.category(shown).name,
        "shown {} but category {}",
        cell.text,
        cell.category
    );
}
