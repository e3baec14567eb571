//! Builds the bundled example and checks, in headless Chromium (tests/browser/layout.mjs), that
//! a school page, a kab/kota page, the province page with its map and a network page fit a
//! 1280 px and a 360 px wide screen: the page never scrolls sideways, no element sticks out
//! to the right except inside a box that scrolls on its own (wide tables), and every chart is
//! visible. Full-page screenshots land in target/layout-shots/ for a person to look at.
//!
//! Needs Debian's chromium and tests/browser's npm packages, like tests/browser.rs: `tests/run`
//! installs both, and without them this test fails rather than skipping.

use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// The pages checked: a model school, its kab/kota, the province (map), a network page.
const PAGES: [&str; 4] = [
    "sekolah/14710001.html",
    "wilayah/14.71/index.html",
    "wilayah/14/index.html",
    "jejaring/14710001/index.html",
];

fn target_dir() -> PathBuf {
    let exe = Path::new(env!("CARGO_BIN_EXE_rapor"));
    exe.parent()
        .and_then(Path::parent)
        .expect("binary path has a target dir")
        .to_path_buf()
}

#[test]
fn pages_fit_desktop_and_phone_widths() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: run `tests/run` (it installs Debian's chromium and then runs all tests)"
    );
    assert!(
        browser_dir.join("node_modules/playwright-core").exists(),
        "tests/browser/node_modules is missing: run `tests/run` (it runs `npm ci` there)"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let shots = target_dir().join("layout-shots");
    let build = Command::new(env!("CARGO_BIN_EXE_rapor"))
        .arg("build")
        .arg(root)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run rapor");
    assert!(
        build.status.success(),
        "`rapor build` failed\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    for page in PAGES {
        assert!(out.join(page).is_file(), "{page} was not built");
    }
    let check = Command::new("node")
        .arg(browser_dir.join("layout.mjs"))
        .arg(&out)
        .arg(&shots)
        .args(PAGES)
        .current_dir(root)
        .output()
        .expect("run node (is Node.js installed?)");
    let report = String::from_utf8_lossy(&check.stdout);
    println!("{report}screenshots in {}", shots.display());
    assert!(
        check.status.success(),
        "layout check failed ({})\n{report}\n{}",
        check.status,
        String::from_utf8_lossy(&check.stderr)
    );
    // Two widths, four pages.
    assert_eq!(report.matches("screenshot ").count(), 8, "{report}");
}
