//! `rapor check` and a failing `rapor build` on the `mini` fixture broken one input at a time:
//! each problem is named by file, line, field and value; the build fails with the same
//! message and leaves the previous output byte-for-byte as it was.

mod common;

use common::{build, build_ok, check, show, site_from_fixture, snapshot, stderr, stdout};
use std::collections::BTreeMap;
use std::path::Path;

const SEKOLAH: &str = "content/data/sekolah.csv";
const NILAI_2019: &str = "content/data/nilai/2019.csv";
const NILAI_2020: &str = "content/data/nilai/2020.csv";
const NARASI: &str = "content/wilayah/14.71.md";
const ARTIKEL: &str = "content/kegiatan/pendampingan-pekanbaru-2020.md";

/// What `rapor check` said about a broken site.
struct Broken {
    /// The `error: …` lines of `rapor check`.
    errors: Vec<String>,
    /// The whole stdout of `rapor check` (problem lines and the summary).
    report: String,
}

impl Broken {
    /// Panics unless one error line starts with `prefix` and contains every piece of `rest`.
    fn has(&self, prefix: &str, rest: &[&str]) -> &Self {
        let found = self
            .errors
            .iter()
            .any(|l| l.starts_with(prefix) && rest.iter().all(|r| l.contains(r)));
        assert!(
            found,
            "no error line starting with {prefix:?} containing {rest:?}; rapor check said:\n{}",
            self.report
        );
        self
    }

    fn count(&self, errors: usize) -> &Self {
        assert_eq!(self.errors.len(), errors, "{}", self.report);
        assert!(
            self.report
                .ends_with(&format!("\n{errors} error, 0 warning\n")),
            "summary: {}",
            self.report
        );
        self
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Copies the fixture, builds it into `<site>/out`, writes the broken files (whole contents,
/// byte for byte), runs `rapor check` (must exit 1) and `rapor build` into the same folder
/// (must fail with the same lines and leave `out/` untouched).
fn break_site(files: &[(&str, &str)]) -> Broken {
    let site = site_from_fixture("mini");
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    let before: BTreeMap<String, Vec<u8>> = snapshot(&out);
    let index = std::fs::read(out.join("index.html")).unwrap();
    let beside = names_in(site.path());

    for (file, text) in files {
        std::fs::write(site.path().join(file), text.as_bytes()).unwrap();
    }

    let checked = check(site.path());
    assert_eq!(checked.status.code(), Some(1), "{}", show(&checked));
    let report = stdout(&checked);
    let errors: Vec<String> = report
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(str::to_string)
        .collect();
    assert!(!errors.is_empty(), "{}", show(&checked));

    let built = build(site.path(), &out);
    assert!(!built.status.success(), "{}", show(&built));
    let build_err = stderr(&built);
    for line in report.lines() {
        assert!(
            build_err.lines().any(|l| l == line),
            "build stderr lacks {line:?}\n{}",
            show(&built)
        );
    }
    assert_eq!(
        std::fs::read(out.join("index.html")).unwrap(),
        index,
        "index.html changed"
    );
    let after = snapshot(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "output file list changed"
    );
    assert!(after == before, "output bytes changed");
    assert_eq!(names_in(site.path()), beside, "leftovers beside out/");
    Broken { errors, report }
}

#[test]
fn unbroken_fixture_checks_clean() {
    let site = site_from_fixture("mini");
    let checked = check(site.path());
    assert_eq!(checked.status.code(), Some(0), "{}", show(&checked));
    let report = stdout(&checked);
    // The fixture has verval warnings by design (see tests/verval.rs), never an error.
    assert!(!report.contains("error:"), "{report}");
    assert!(report.ends_with("0 error, 3 warning\n"), "{report}");
}

#[test]
fn output_folder_equal_to_site_folder_is_refused() {
    let site = site_from_fixture("mini");
    let before = snapshot(site.path());
    let built = build(site.path(), site.path());
    assert!(!built.status.success(), "{}", show(&built));
    assert!(stderr(&built).contains("folder output"), "{}", show(&built));
    assert!(snapshot(site.path()) == before, "site folder changed");
    // Nor the folder above it.
    let parent = site.path().parent().unwrap();
    let built = build(site.path(), parent);
    assert!(!built.status.success(), "{}", show(&built));
    assert!(snapshot(site.path()) == before, "site folder changed");
}

/// `-o SITE/content` passes `check_output_dir` (only "output contains site" is refused), so the
/// build swaps the output in place of `content/` and deletes the site's data and markdown.
#[test]

fn output_folder_inside_site_content_is_refused() {
    let site = site_from_fixture("mini");
    let content = site.path().join("content");
    let before = snapshot(&content);
    let built = build(site.path(), &content);
    assert!(snapshot(&content) == before, "content/ was replaced");
    assert!(!built.status.success(), "{}", show(&built));
}

#[test]
fn missing_column_jenjang_names_line_1() {
    let b = break_site(&[(
        SEKOLAH,
        "npsn,nama,status,kode_wilayah,peran,sekolah_model
14710001,SD Negeri 1 Contoh Pekanbaru,negeri,14.71,model,
14710002,SD Negeri 2 Contoh Pekanbaru,negeri,14.71,imbas,14710001
14710003,SMP Swasta Contoh Pekanbaru,swasta,14.71,imbas,14710001
14720001,SMA Negeri 1 Contoh Dumai,negeri,14.72,,
14720002,SMK Negeri 1 Contoh Dumai,negeri,14.72,model,
",
    )]);
    b.has(
        "error: content/data/sekolah.csv:1: kolom jenjang: kolom wajib tidak ada",
        &["tambahkan kolom jenjang"],
    );
}

#[test]
fn duplicate_npsn_names_second_line_and_first() {
    let b = break_site(&[(
        SEKOLAH,
        "npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model
14710001,SD Negeri 1 Contoh Pekanbaru,SD,negeri,14.71,model,
14710002,SD Negeri 2 Contoh Pekanbaru,SD,negeri,14.71,imbas,14710001
14710003,SMP Swasta Contoh Pekanbaru,SMP,swasta,14.71,imbas,14710001
14720001,SMA Negeri 1 Contoh Dumai,SMA,negeri,14.72,,
14720002,SMK Negeri 1 Contoh Dumai,SMK,negeri,14.72,model,
14710002,SD Negeri 3 Contoh Pekanbaru,SD,negeri,14.71,,
",
    )]);
    b.count(1).has(
        "error: content/data/sekolah.csv:7: kolom npsn: \"14710002\" NPSN ganda",
        &["baris 3", "SD Negeri 2 Contoh Pekanbaru"],
    );
}

#[test]
fn unknown_kode_wilayah_is_located() {
    let b = break_site(&[(
        SEKOLAH,
        "npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model
14710001,SD Negeri 1 Contoh Pekanbaru,SD,negeri,14.71,model,
14710002,SD Negeri 2 Contoh Pekanbaru,SD,negeri,14.71,imbas,14710001
14710003,SMP Swasta Contoh Pekanbaru,SMP,swasta,14.71,imbas,14710001
14720001,SMA Negeri 1 Contoh Dumai,SMA,negeri,14.99,,
14720002,SMK Negeri 1 Contoh Dumai,SMK,negeri,14.72,model,
",
    )]);
    b.count(1).has(
        "error: content/data/sekolah.csv:5: kolom kode_wilayah: \"14.99\" tidak ada di wilayah.csv",
        &["pilih kode kab/kota, mis. 14.71"],
    );
}

#[test]
fn unknown_indicator_column_names_line_1() {
    let b = break_site(&[(
        NILAI_2020,
        "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3,9.1
14710001,6,5,4,4,4,4,5,5,5,3,4,5,4,4,5,5,5,5,5,4,4,4,5,5,5,5,4,4,4,5
14710002,4,\"4,5\",5,3,3,3,4,4,4,4,4,4,4,,5,5,5,5,5,3,3,3,4,4,4,4,2,2,2,5
14710003,2,2,2,3,3,3,2,2,2,3,3,3,3,3,2,2,2,2,2,3,3,3,2,2,2,2,,,,5
14720001,6,6,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,6,6,5
14720002,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,5
",
    )]);
    b.count(1).has(
        "error: content/data/nilai/2020.csv:1: kolom 9.1: kolom bukan kode indikator framework",
        &["1.1…8.3"],
    );
}

#[test]
fn score_not_a_number_is_located() {
    let b = break_site(&[(
        NILAI_2020,
        "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3
14710001,6,5,4,4,4,4,5,5,5,3,4,5,4,4,5,5,5,5,5,4,4,4,5,5,5,5,4,4,4
14710002,4,\"4,5\",5,3,3,3,4,4,4,4,4,4,4,,5,5,5,5,5,3,3,3,4,4,4,4,2,2,2
14710003,2,2,2,3,3,3,2,2,2,3,3,3,3,3,2,2,2,2,2,3,3,3,2,2,2,2,,,
14720001,6,6,6,7,7,7,7,lima,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,6,6
14720002,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
",
    )]);
    b.count(1).has(
        "error: content/data/nilai/2020.csv:5: kolom 3.2: \"lima\" nilai bukan angka",
        &["isi angka 0–7"],
    );
}

#[test]
fn scores_out_of_range_are_located() {
    let b = break_site(&[(
        NILAI_2020,
        "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3
14710001,7.5,5,4,4,4,4,5,5,5,3,4,5,4,4,5,5,5,5,5,4,4,4,5,5,5,5,4,4,4
14710002,4,\"4,5\",5,3,3,3,4,4,4,4,4,4,4,,5,5,5,5,5,3,3,3,4,4,4,4,2,2,2
14710003,2,2,2,3,3,3,2,2,2,3,3,3,3,3,2,2,2,2,2,3,3,3,2,2,2,2,,,
14720001,6,6,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,6,6
14720002,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,-1
",
    )]);
    b.count(2)
        .has(
            "error: content/data/nilai/2020.csv:2: kolom 1.1: \"7.5\" nilai di luar skala",
            &[],
        )
        .has(
            "error: content/data/nilai/2020.csv:6: kolom 8.3: \"-1\" nilai di luar skala",
            &[],
        );
}

/// An unquoted decimal comma (`4,5` instead of `"4,5"`) makes a row one cell longer than the
/// header: every later value of that school shifts one column to the left.
#[test]

fn unquoted_decimal_comma_is_reported() {
    let b = break_site(&[(
        NILAI_2020,
        "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3
14710001,6,5,4,4,4,4,5,5,5,3,4,5,4,4,5,5,5,5,5,4,4,4,5,5,5,5,4,4,4
14710002,4,4,5,5,3,3,3,4,4,4,4,4,4,4,,5,5,5,5,5,3,3,3,4,4,4,4,2,2,2
14710003,2,2,2,3,3,3,2,2,2,3,3,3,3,3,2,2,2,2,2,3,3,3,2,2,2,2,,,
14720001,6,6,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,6,6
14720002,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
",
    )]);
    b.has("error: content/data/nilai/2020.csv:3:", &[]);
}

#[test]
fn imbas_pointing_to_an_imbas_school_is_located() {
    let b = break_site(&[(
        SEKOLAH,
        "npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model
14710001,SD Negeri 1 Contoh Pekanbaru,SD,negeri,14.71,model,
14710002,SD Negeri 2 Contoh Pekanbaru,SD,negeri,14.71,imbas,14710001
14710003,SMP Swasta Contoh Pekanbaru,SMP,swasta,14.71,imbas,14710002
14720001,SMA Negeri 1 Contoh Dumai,SMA,negeri,14.72,,
14720002,SMK Negeri 1 Contoh Dumai,SMK,negeri,14.72,model,
",
    )]);
    b.count(1).has(
        "error: content/data/sekolah.csv:4: kolom sekolah_model: \"14710002\" bukan sekolah model",
        &[],
    );
}

#[test]
fn imbas_pointing_to_an_unknown_npsn_is_located() {
    let b = break_site(&[(
        SEKOLAH,
        "npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model
14710001,SD Negeri 1 Contoh Pekanbaru,SD,negeri,14.71,model,
14710002,SD Negeri 2 Contoh Pekanbaru,SD,negeri,14.71,imbas,14719999
14710003,SMP Swasta Contoh Pekanbaru,SMP,swasta,14.71,imbas,14710001
14720001,SMA Negeri 1 Contoh Dumai,SMA,negeri,14.72,,
14720002,SMK Negeri 1 Contoh Dumai,SMK,negeri,14.72,model,
",
    )]);
    b.count(1).has(
        "error: content/data/sekolah.csv:3: kolom sekolah_model: \"14719999\" sekolah model tidak ada di sekolah.csv",
        &[],
    );
}

#[test]
fn invalid_toml_in_narrative_names_its_line() {
    let b = break_site(&[(
        NARASI,
        "+++
judul = \"Catatan Kota Pekanbaru
+++

Narasi uji.
",
    )]);
    b.count(1)
        .has("error: content/wilayah/14.71.md:2: TOML tidak valid", &[]);
}

#[test]
fn unclosed_array_in_article_front_matter_names_its_line() {
    let b = break_site(&[(
        ARTIKEL,
        "+++
judul = \"Pendampingan sekolah model di Pekanbaru\"
tanggal = 2020-10-15
sekolah = [\"14710001\", \"14710002\"]
wilayah = [14.71
+++

Artikel uji.
",
    )]);
    b.count(1).has(
        "error: content/kegiatan/pendampingan-pekanbaru-2020.md:5: TOML tidak valid",
        &["]"],
    );
}

#[test]
fn missing_closing_plus_line_in_article_is_reported() {
    let b = break_site(&[(
        ARTIKEL,
        "+++
judul = \"Pendampingan sekolah model di Pekanbaru\"
tanggal = 2020-10-15
wilayah = [\"14.71\"]
sekolah = [\"14710001\", \"14710002\"]

Artikel uji.
",
    )]);
    b.count(1).has(
        "error: content/kegiatan/pendampingan-pekanbaru-2020.md:1: front matter tidak ditutup",
        &["+++"],
    );
}

#[test]
fn missing_closing_plus_line_in_narrative_is_reported() {
    let b = break_site(&[(
        NARASI,
        "+++
judul = \"Catatan Kota Pekanbaru\"

Narasi uji.
",
    )]);
    b.count(1).has(
        "error: content/wilayah/14.71.md:1: front matter tidak ditutup",
        &[],
    );
}

#[test]
fn article_naming_unknown_region_and_school_is_located() {
    let b = break_site(&[(
        ARTIKEL,
        "+++
judul = \"Pendampingan sekolah model di Pekanbaru\"
tanggal = 2020-10-15
wilayah = [\"14.99\"]
sekolah = [\"14710001\", \"14719999\"]
+++

Artikel uji.
",
    )]);
    b.count(2)
        .has(
            "error: content/kegiatan/pendampingan-pekanbaru-2020.md:4: kolom wilayah: \"14.99\" kode tidak ada di wilayah.csv",
            &[],
        )
        .has(
            "error: content/kegiatan/pendampingan-pekanbaru-2020.md:5: kolom sekolah: \"14719999\" NPSN tidak ada di sekolah.csv",
            &[],
        );
}

#[test]
fn problems_in_several_files_are_all_reported_at_once() {
    let b = break_site(&[
        (
            SEKOLAH,
            "npsn,nama,jenjang,status,kode_wilayah,peran,sekolah_model
14710001,SD Negeri 1 Contoh Pekanbaru,SD,negeri,14.71,model,
14710002,SD Negeri 2 Contoh Pekanbaru,SD,negeri,14.71,imbas,14710001
14710003,SMP Swasta Contoh Pekanbaru,SMP,swasta,14.71,imbas,14710001
14720001,SMA Negeri 1 Contoh Dumai,SMA,negeri,14.99,,
14720002,SMK Negeri 1 Contoh Dumai,SMK,negeri,14.72,model,
",
        ),
        (
            NILAI_2019,
            "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3
14710001,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4
14710002,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3
14710003,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5,2.5
14720001,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,lima
",
        ),
        (
            NILAI_2020,
            "npsn,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3,4.1,4.2,4.3,4.4,4.5,5.1,5.2,5.3,5.4,5.5,6.1,6.2,6.3,7.1,7.2,7.3,7.4,8.1,8.2,8.3
14710001,6,5,4,4,4,4,5,5,5,3,4,5,4,4,5,5,5,5,5,4,4,4,5,5,5,5,4,4,4
14710002,4,\"4,5\",5,3,3,3,4,4,4,4,4,4,4,,5,5,5,5,5,3,3,3,4,4,4,4,2,2,2
14710003,2,2,2,3,3,3,2,2,2,3,3,3,3,3,2,2,2,2,2,3,3,3,2,2,2,2,,,
14720001,6,6,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,6,6,6
14720002,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1,\"7,5\",1,1,1,1,1,1,1,1,1,1
",
        ),
        (
            NARASI,
            "+++
judul = \"Catatan Kota Pekanbaru\"

Narasi uji.
",
        ),
        (
            ARTIKEL,
            "+++
judul = \"Pendampingan sekolah model di Pekanbaru\"
tanggal = 2020-10-15
wilayah = [\"14.71\"]
sekolah = [\"14710001\", \"14729999\"]
+++

Artikel uji.
",
        ),
    ]);
    // Sorted by file, then line.
    let expected = [
        "error: content/data/nilai/2019.csv:5: kolom 8.3: \"lima\" nilai bukan angka",
        "error: content/data/nilai/2020.csv:6: kolom 5.5: \"7,5\" nilai di luar skala",
        "error: content/data/sekolah.csv:5: kolom kode_wilayah: \"14.99\" tidak ada di wilayah.csv",
        "error: content/kegiatan/pendampingan-pekanbaru-2020.md:5: kolom sekolah: \"14729999\" NPSN tidak ada di sekolah.csv",
        "error: content/wilayah/14.71.md:1: front matter tidak ditutup",
    ];
    b.count(expected.len());
    for (line, prefix) in b.errors.iter().zip(expected) {
        assert!(
            line.starts_with(prefix),
            "{line:?} vs {prefix:?}\n{}",
            b.report
        );
    }
}
