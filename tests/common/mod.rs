//! Shared helpers for the integration tests: fixture sites in temp folders (with the repo's
//! default theme), running the `rapor` binary, snapshots of output folders, page text.
#![allow(dead_code)] // each test crate uses its own subset

pub mod links;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `themes/default` lives).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>` in the repository (read-only use).
pub fn fixture_dir(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Copies `tests/fixtures/<name>` into a fresh temp folder and copies the repo's
/// `themes/default` into it, so the site can be built and broken freely.
pub fn site_from_fixture(name: &str) -> tempfile::TempDir {
    let from = fixture_dir(name);
    assert!(from.join("site.toml").is_file(), "no fixture {from:?}");
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&from, dir.path());
    copy_dir(
        &repo_root().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    dir
}

/// Recursive copy of regular files and folders.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the `rapor` binary with the given arguments.
pub fn rapor<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args(args)
        .output()
        .expect("run rapor")
}

/// `rapor build SITE -o OUT`.
pub fn build(site: &Path, out: &Path) -> Output {
    rapor([
        OsStr::new("build"),
        site.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ])
}

/// `rapor check SITE`.
pub fn check(site: &Path) -> Output {
    rapor([OsStr::new("check"), site.as_os_str()])
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Both streams, for assertion messages.
pub fn show(output: &Output) -> String {
    format!(
        "status {}\n--- stdout ---\n{}--- stderr ---\n{}",
        output.status,
        stdout(output),
        stderr(output)
    )
}

/// Builds the site into `out` and panics with both streams if that fails.
pub fn build_ok(site: &Path, out: &Path) {
    let output = build(site, out);
    assert!(
        output.status.success(),
        "rapor build failed\n{}",
        show(&output)
    );
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    snapshot_into(dir, dir, &mut files);
    files
}

fn snapshot_into(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            snapshot_into(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy();
            files.insert(rel.replace('\\', "/"), std::fs::read(&path).unwrap());
        }
    }
}

/// The text a reader sees on a page: SVG charts dropped, tags replaced by spaces, the few
/// entities tera escapes decoded, whitespace collapsed to single spaces.
pub fn page_text(html: &str) -> String {
    let no_svg = regex::Regex::new(r"(?s)<svg.*?</svg>")
        .unwrap()
        .replace_all(html, " ");
    let no_tags = regex::Regex::new(r"(?s)<[^>]*>")
        .unwrap()
        .replace_all(&no_svg, " ");
    let decoded = no_tags
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a built page and returns its visible text.
pub fn read_page(out: &Path, rel: &str) -> String {
    let path = out.join(rel);
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    page_text(&html)
}
