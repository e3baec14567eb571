//! Builds the bundled example site with the real `rapor` binary and opens it
//! from file:// in headless Chromium (tests/browser/smoke.mjs): no outside
//! requests, no missing files, no script errors, the stylesheet applied, a
//! visible chart on a school page. Screenshots land in target/browser-shots/.
//!
//! Needs Debian's chromium and the npm packages of tests/browser: `tests/run`
//! installs both. Without them this test fails rather than skipping, so a
//! machine that lacks them can't pass the suite by accident.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CHROMIUM: &str = "/usr/bin/chromium";

fn show(output: &Output) -> String {
    format!(
        "--- stdout ---\n{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The cargo target directory (honours CARGO_TARGET_DIR): the binary is in target/<profile>/.
fn target_dir() -> PathBuf {
    let exe = Path::new(env!("CARGO_BIN_EXE_rapor"));
    exe.parent()
        .and_then(Path::parent)
        .expect("binary path has a target dir")
        .to_path_buf()
}

#[test]
fn example_site_works_offline_in_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: run `tests/run` (it installs Debian's chromium and then runs all tests)"
    );
    assert!(
        browser_dir.join("node_modules/playwright-core").exists(),
        "tests/browser/node_modules is missing: run `tests/run` (it runs `npm ci` there and then all tests)"
    );

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let shots = tmp.path().join("shots");

    let build = Command::new(env!("CARGO_BIN_EXE_rapor"))
        .arg("build")
        .arg(root)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run rapor");
    assert!(
        build.status.success(),
        "`rapor build` failed ({})\n{}",
        build.status,
        show(&build)
    );
    assert!(
        out.join("index.html").exists(),
        "`rapor build` succeeded but wrote no {}\n{}",
        out.join("index.html").display(),
        show(&build)
    );

    let smoke = Command::new("node")
        .arg(browser_dir.join("smoke.mjs"))
        .arg(&out)
        .arg(&shots)
        .current_dir(root)
        .output()
        .expect("run node (is Node.js installed?)");

    // Keep the screenshots for a developer to look at, whether or not the checks passed.
    let keep = target_dir().join("browser-shots");
    std::fs::create_dir_all(&keep).unwrap();
    for entry in std::fs::read_dir(&shots).into_iter().flatten().flatten() {
        std::fs::copy(entry.path(), keep.join(entry.file_name())).unwrap();
    }
    println!("screenshots in {}", keep.display());

    assert!(
        smoke.status.success(),
        "browser smoke test failed ({})\n{}",
        smoke.status,
        show(&smoke)
    );
    println!("{}", String::from_utf8_lossy(&smoke.stdout));
}
