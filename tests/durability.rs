//! No lost site: a build that fails, is killed (SIGKILL, SIGINT) mid-write or runs beside
//! another build of the same site leaves a complete output (the previous one or the new one,
//! never a mix, never none), and the next build cleans what a killed one left. The output is
//! the same with one thread as with two.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A generated site big enough that writing it takes seconds (`rapor-gen answers`: schools,
/// the PMP instrument and a year of raw answers), in a fresh temp folder.
fn big_site(schools: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapor-gen"))
        .current_dir(repo_root())
        .args(["answers", "--schools", &schools.to_string(), "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    dir
}

fn spawn_build(site: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args([OsStr::new("build"), site.as_os_str(), OsStr::new("-o")])
        .arg(out)
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Folders beside `out` whose names start with `.NAME.`, other than the lock file.
fn leftovers(out: &Path) -> Vec<PathBuf> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.starts_with(&format!(".{name}.")) && n != format!(".{name}.lock")
        })
        .collect();
    found.sort();
    found
}

/// Waits until a build's staging folder beside `out` holds `files` files (the build is then
/// writing pages), and returns it.
fn wait_for_staging(out: &Path, build: &mut Child, files: usize) -> PathBuf {
    let started = Instant::now();
    loop {
        assert!(
            build.try_wait().unwrap().is_none(),
            "the build finished before it could be interrupted: make the site bigger"
        );
        if let Some(staging) = leftovers(out).into_iter().find(|p| {
            p.to_string_lossy().contains(".tmp-")
                && walkdir::WalkDir::new(p).into_iter().take(files + 1).count() > files
        }) {
            return staging;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no staging folder appeared"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Builds, then interrupts a second build of a changed site with `signal` while it writes:
/// the first output stays byte for byte; the next build cleans the staging folder and installs
/// the new site.
fn interrupted_build_keeps_the_previous_output(signal: &str) {
    let site = big_site(1200);
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    let before: BTreeMap<String, Vec<u8>> = snapshot(&out);
    assert!(before.len() > 1000, "{} files", before.len());

    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let changed = text.replacen("title = \"", "title = \"Baru: ", 1);
    assert_ne!(text, changed);
    std::fs::write(&toml, changed).unwrap();

    let mut second = spawn_build(site.path(), &out);
    let staging = wait_for_staging(&out, &mut second, 200);
    let killed = Command::new("kill")
        .args([signal, &second.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = second.wait().unwrap();
    assert!(!status.success(), "the build was not interrupted: {status}");
    assert!(
        snapshot(&out) == before,
        "the previous output changed after {signal}"
    );
    assert!(staging.exists() || leftovers(&out).is_empty());

    build_ok(site.path(), &out);
    assert_eq!(
        leftovers(&out),
        Vec::<PathBuf>::new(),
        "staging not cleaned"
    );
    let after = snapshot(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let home = String::from_utf8_lossy(&after["index.html"]).into_owned();
    assert!(home.contains("Baru: "), "the new site was not installed");
}

#[test]
fn sigkill_mid_write_keeps_the_previous_output() {
    interrupted_build_keeps_the_previous_output("-KILL");
}

#[test]
fn sigint_mid_write_keeps_the_previous_output() {
    interrupted_build_keeps_the_previous_output("-INT");
}

/// Two builds of one site into one folder at once: both succeed (one waits for the other),
/// and the output is exactly what one build writes.
#[test]
fn two_concurrent_builds_do_not_corrupt_the_output() {
    let site = big_site(600);
    let out = site.path().join("out");
    let reference = site.path().join("reference");
    build_ok(site.path(), &reference);
    let expected = snapshot(&reference);
    for _ in 0..2 {
        let mut first = spawn_build(site.path(), &out);
        let mut second = spawn_build(site.path(), &out);
        let (a, b) = (first.wait().unwrap(), second.wait().unwrap());
        let errors = |c: &mut Child| {
            let mut s = String::new();
            std::io::Read::read_to_string(c.stderr.as_mut().unwrap(), &mut s).unwrap();
            s
        };
        assert!(a.success(), "first build failed: {}", errors(&mut first));
        assert!(b.success(), "second build failed: {}", errors(&mut second));
        assert!(snapshot(&out) == expected, "output differs from one build");
        assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
    }
}

/// A build that fails while rendering (a template error, after the input was read) leaves
/// the previous output and nothing beside it.
#[test]
fn build_failing_in_a_template_keeps_the_previous_output() {
    let site = site_from_fixture("mini");
    let out = site.path().join("out");
    build_ok(site.path(), &out);
    let before = snapshot(&out);
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("school.html"),
        "{% extends \"base.html\" %}{% block main %}{{ tidak_ada.sama_sekali }}{% endblock %}",
    )
    .unwrap();
    let built = build(site.path(), &out);
    assert_eq!(built.status.code(), Some(1), "{}", show(&built));
    assert!(snapshot(&out) == before, "output changed");
    assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
}

/// Scores, pages and files do not depend on the number of threads.
#[test]
fn output_is_identical_with_one_and_two_threads() {
    let site = big_site(400);
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = site.path().join(format!("out-{threads}"));
        let built = Command::new(env!("CARGO_BIN_EXE_rapor"))
            .env("RAYON_NUM_THREADS", threads)
            .args([
                OsStr::new("build"),
                site.path().as_os_str(),
                OsStr::new("-o"),
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(built.status.success(), "{}", show(&built));
        outputs.push(snapshot(&out));
    }
    assert_eq!(
        outputs[0].keys().collect::<Vec<_>>(),
        outputs[1].keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &outputs[0] {
        assert!(
            bytes == &outputs[1][file],
            "{file} differs between 1 and 2 threads"
        );
    }
}

/// `-o` naming a folder of someone's files, or a symlink to the site folder, is refused and
/// nothing in it changes.
#[test]
fn output_folder_of_other_files_or_linked_to_the_site_is_refused() {
    let site = site_from_fixture("mini");
    let documents = tempfile::tempdir().unwrap();
    std::fs::write(documents.path().join("laporan.docx"), "penting").unwrap();
    let built = build(site.path(), documents.path());
    assert_eq!(built.status.code(), Some(1), "{}", show(&built));
    assert!(
        stderr(&built).contains("bukan hasil rapor"),
        "{}",
        show(&built)
    );
    assert_eq!(
        std::fs::read_to_string(documents.path().join("laporan.docx")).unwrap(),
        "penting"
    );
    #[cfg(unix)]
    {
        let before = snapshot(site.path());
        let link = documents.path().join("tautan");
        std::os::unix::fs::symlink(site.path(), &link).unwrap();
        let built = build(site.path(), &link);
        assert_eq!(built.status.code(), Some(1), "{}", show(&built));
        assert!(snapshot(site.path()) == before, "site folder changed");
    }
    for root in ["/", "/."] {
        let built = build(site.path(), Path::new(root));
        assert_eq!(built.status.code(), Some(1), "{root}: {}", show(&built));
    }
}
