//! The second example site (`examples/rapor-pendidikan`) on the Rapor Pendidikan framework:
//! it builds, every link resolves, and its pages show what the preset defines (dimensions,
//! labels, no 0–7 scale, no eight standards).

mod common;

use common::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = repo_root().join("examples/rapor-pendidikan");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(&site, &out);
    (dir, out)
}

#[test]
fn rapor_pendidikan_example_builds_and_links_resolve() {
    let (_dir, out) = built();
    for page in [
        "index.html",
        "wilayah/33/index.html",
        "wilayah/33.18/index.html",
        "sekolah/33180001.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    let (checked, problems) = links::check_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 100, "{checked}");
}

#[test]
fn pages_show_labels_and_dimensions_not_a_0_7_scale() {
    let (_dir, out) = built();
    let school = read_page(&out, "sekolah/33180001.html");
    assert!(school.contains("Dimensi"), "unit heading missing");
    for label in ["Baik", "Sedang", "Kurang"] {
        assert!(
            [
                "index.html",
                "sekolah/33180001.html",
                "wilayah/33.18/index.html"
            ]
            .iter()
            .any(|p| read_page(&out, p).contains(label)),
            "{label} never shown"
        );
    }
    for page in links::html_files(&out) {
        let text = read_page(&out, &page);
        assert!(
            !text.contains("Menuju SNP"),
            "{page} shows Rapor Mutu categories"
        );
        assert!(!text.contains("0,00–7,00"), "{page} assumes a 0–7 scale");
        assert!(!text.contains("Standar"), "{page} says Standar");
    }
    let methodology = read_page(&out, "halaman/metodologi/index.html");
    assert!(methodology.contains("0,0–100,0"), "scale from the preset");
    // Change words come from the preset.
    assert!(
        ["Naik", "Turun", "Tetap"]
            .iter()
            .any(|w| school.contains(w)),
        "no change label on a school page"
    );
}

#[test]
fn missing_values_read_tidak_tersedia() {
    let (_dir, out) = built();
    let page = read_page(&out, "sekolah/33740003.html");
    assert!(
        page.contains("Tidak tersedia"),
        "2023 dimension B is empty for 33740003"
    );
}
