//! Text files of a site (site.toml, frameworks, markdown, boundaries) read with the same care
//! as data tables: a size limit checked while reading (so `/dev/zero` or a runaway file costs
//! no more than the limit), and invalid UTF-8 or a NUL byte reported with its line.

use crate::diag::Problem;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The file a site-relative path names, when it stays inside the site folder: relative, no
/// `..`, and (symlinks resolved) still under the site. `None` for anything else.
pub fn inside_site(site_dir: &Path, rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let plain = !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return None;
    }
    let site = site_dir.canonicalize().ok()?;
    let real = site_dir.join(path).canonicalize().ok()?;
    real.starts_with(&site).then_some(real)
}

/// What a site reads from: symlinks under these must stay inside the site folder.
pub const INPUTS: [&str; 6] = [
    "site.toml",
    "content",
    "themes",
    "templates",
    "static",
    "i18n",
];

/// Refuses every symlink among the site's inputs that leads outside the site folder (or
/// nowhere): a site folder handed over by someone else must not publish `~/.ssh` through
/// `static/` or read `/etc` as a data table. Links inside the site are fine.
pub fn check_links(site_dir: &Path) -> Vec<Problem> {
    let Ok(site) = site_dir.canonicalize() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for input in INPUTS {
        for entry in walkdir::WalkDir::new(site_dir.join(input))
            .follow_links(false)
            .follow_root_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path_is_symlink())
        {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|real| real.starts_with(&site));
            if !inside {
                let rel = entry
                    .path()
                    .strip_prefix(site_dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let target = std::fs::read_link(entry.path())
                    .map(|t| t.to_string_lossy().into_owned())
                    .unwrap_or_default();
                problems.push(
                    Problem::error(rel, "tautan simbolik ke luar folder situs ditolak")
                        .value(target)
                        .hint("salin file atau folder itu ke dalam folder situs"),
                );
            }
        }
    }
    problems
}

/// The largest text file read (a narrative or a framework is a few KiB).
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// Boundary files (GeoJSON) may be large: a national kab/kota file is tens of MiB.
pub const MAX_GEOJSON_BYTES: u64 = 512 << 20;

/// Reads a UTF-8 text file of at most `MAX_TEXT_BYTES`; `file` names it in messages.
pub fn read_text(path: &Path, file: &str) -> Result<String, Problem> {
    read_text_within(path, file, MAX_TEXT_BYTES)
}

/// Reads a UTF-8 text file of at most `max` bytes.
pub fn read_text_within(path: &Path, file: &str, max: u64) -> Result<String, Problem> {
    let unreadable = |e: std::io::Error| Problem::error(file, format!("tidak dapat dibaca: {e}"));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(
            Problem::error(file, format!("file lebih besar dari {} MiB", max >> 20))
                .hint("periksa isinya: file teks situs (markdown, TOML) cukup beberapa KiB"),
        );
    }
    text_of(bytes, file)
}

/// Checks bytes read from `file` are text: UTF-8 without NUL.
pub fn text_of(bytes: Vec<u8>, file: &str) -> Result<String, Problem> {
    let line_at = |offset: usize| memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Problem::error(file, "file berisi byte NUL; bukan teks")
            .line(line_at(at))
            .hint("simpan ulang sebagai teks UTF-8"));
    }
    match std::str::from_utf8(&bytes) {
        Ok(_) => Ok(String::from_utf8(bytes).unwrap_or_default()),
        Err(e) => Err(Problem::error(file, "file bukan teks UTF-8")
            .line(line_at(e.valid_up_to()))
            .hint("simpan file sebagai UTF-8 (mis. \"Save as… UTF-8\" di editor)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_located() {
        let err = text_of(b"a\nb\n\xffc\n".to_vec(), "x.md").unwrap_err();
        assert_eq!(err.line, Some(3));
        let err = text_of(b"a\n\0".to_vec(), "x.md").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(text_of(b"ok".to_vec(), "x.md").unwrap(), "ok");
    }

    #[test]
    fn paths_must_stay_in_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("a")).unwrap();
        std::fs::write(site.join("a/f.toml"), "x").unwrap();
        std::fs::write(dir.path().join("secret.toml"), "x").unwrap();
        assert!(inside_site(&site, "a/f.toml").is_some());
        for bad in ["../secret.toml", "a/../../secret.toml", "/etc/passwd", ""] {
            assert!(inside_site(&site, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.toml"), site.join("l.toml"))
                .unwrap();
            assert!(inside_site(&site, "l.toml").is_none());
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content/data")).unwrap();
        std::fs::create_dir_all(dir.path().join("luar")).unwrap();
        std::fs::write(site.join("content/data/a.csv"), "x").unwrap();
        let link = |to: &Path, at: &str| std::os::unix::fs::symlink(to, site.join(at)).unwrap();
        link(&dir.path().join("luar"), "static");
        link(&site.join("content/data/a.csv"), "content/data/b.csv");
        link(Path::new("/etc/hostname"), "content/data/c.csv");
        link(Path::new("/tidak/ada"), "content/d.md");
        let files: Vec<String> = check_links(&site).into_iter().map(|p| p.file).collect();
        assert_eq!(files, ["content/d.md", "content/data/c.csv", "static"]);
    }

    #[cfg(unix)]
    #[test]
    fn endless_files_stop_at_the_limit() {
        let err = read_text(Path::new("/dev/zero"), "framework.toml").unwrap_err();
        assert!(err.message.contains("MiB"), "{err}");
    }
}
