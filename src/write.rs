//! Writing the output: everything goes into a staging folder beside the output folder, which
//! replaces the old output only when the whole build succeeded. A failed build leaves the
//! previous output untouched.
//!
//! A build that is killed (SIGKILL, SIGINT, power cut) leaves at most a `.NAME.tmp-PID` folder
//! beside the output, never a half-written output: the swap is one atomic exchange of the two
//! folders (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames, and a next build puts
//! the old output back if it finds none). Builds into one output folder take turns through a
//! lock on `.NAME.lock` beside it; the one holding it removes what killed builds left.

use anyhow::{bail, Context as _, Result};
use std::fs::File;
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// A file in every output folder rapor writes: a folder without it (and not empty) is not
/// replaced, so `-o ~/Documents` cannot delete a folder of someone's files.
pub const MARKER: &str = ".rapor-output";

/// A staging folder that becomes the output folder on `commit`, and is removed if dropped.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Held from creation to drop: one build at a time writes into `target`.
    _lock: File,
}

impl Staging {
    /// Creates `.<name>.tmp-<pid>` beside `target` (same file system, so renames are atomic),
    /// after waiting for any other build into `target` to finish and cleaning what killed
    /// builds left.
    pub fn new(target: &Path) -> Result<Staging> {
        let (parent, name) = parent_and_name(target)?;
        let parent = parent.as_path();
        let lock = lock_output(parent, &name)?;
        recover(parent, &name, target)?;
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::create_dir(&dir)
            .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT)
            .with_context(|| format!("tidak dapat menulis di {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a file at a site-relative path; refuses paths that would leave the folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(safe_relative(rel)?);
        // Most files go into a folder made already: try first, make the folder on NotFound
        // (a stat fewer per file, 700,000 of them in a national build).
        match std::fs::write(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, bytes)
            }
            done => done,
        }
        .with_context(|| format!("tidak dapat menulis {rel}"))
    }

    /// Opens a file of the staging folder to be written in parts (buffered; flush it).
    pub fn create(&self, rel: &str) -> Result<std::io::BufWriter<File>> {
        let path = self.dir.join(safe_relative(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let file = File::create(&path).with_context(|| format!("tidak dapat menulis {rel}"))?;
        Ok(std::io::BufWriter::with_capacity(1 << 20, file))
    }

    /// Copies every file under `from` into the staging folder (theme static files).
    pub fn copy_tree(&self, from: &Path) -> Result<usize> {
        let mut count = 0;
        if !from.is_dir() {
            return Ok(0);
        }
        for entry in WalkDir::new(from).sort_by_file_name() {
            let entry = entry?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(from)?
                .to_string_lossy()
                .replace('\\', "/");
            self.write(&rel, &std::fs::read(entry.path())?)?;
            count += 1;
        }
        Ok(count)
    }

    /// Swaps the staging folder in as the output folder.
    pub fn commit(mut self) -> Result<()> {
        if self.target.exists() && exchange(&self.dir, &self.target)? {
            // The staging path now holds the previous output.
            self.committed = true;
            let _ = std::fs::remove_dir_all(&self.dir);
            return Ok(());
        }
        let old = self.dir.with_file_name(
            self.dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .replace(".tmp-", ".old-"),
        );
        if self.target.exists() {
            std::fs::rename(&self.target, &old).with_context(|| {
                format!(
                    "tidak dapat memindahkan output lama {}",
                    self.target.display()
                )
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            bail!("tidak dapat memasang output baru: {e}");
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

/// Where a build's files go: a staging folder swapped in whole (`rapor build`), or the output
/// folder updated in place (`rapor serve` after a data change, see `update.rs`).
pub trait Output: Sync {
    type Writer<'a>: std::io::Write
    where
        Self: 'a;
    /// Writes a file at a site-relative path; refuses paths that would leave the folder.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()>;
    /// Opens a file written in parts (a whole-site download).
    fn create(&self, rel: &str) -> Result<Self::Writer<'_>>;
}

impl Output for Staging {
    type Writer<'a> = std::io::BufWriter<File>;

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        Staging::write(self, rel, bytes)
    }

    fn create(&self, rel: &str) -> Result<std::io::BufWriter<File>> {
        Staging::create(self, rel)
    }
}

/// The folder an output folder is in, and its name.
pub fn parent_and_name(target: &Path) -> Result<(PathBuf, String)> {
    let name = target
        .file_name()
        .with_context(|| format!("folder output tidak valid: {}", target.display()))?
        .to_string_lossy()
        .into_owned();
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// Takes the lock on output folder `name` in `parent`, waiting for any other build into it:
/// one build at a time writes there.
pub fn lock_output(parent: &Path, name: &str) -> Result<File> {
    std::fs::create_dir_all(parent)
        .with_context(|| format!("tidak dapat membuat {}", parent.display()))?;
    let lock_path = parent.join(format!(".{name}.lock"));
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("tidak dapat membuat {}", lock_path.display()))?;
    lock.lock()
        .with_context(|| format!("tidak dapat mengunci {}", lock_path.display()))?;
    Ok(lock)
}

const MARKER_TEXT: &str =
    "Folder ini ditulis oleh rapor build dan diganti seluruhnya pada setiap build.\n\
This folder is written by rapor build and replaced as a whole by every build.\n";

/// Under the lock: puts back an output a killed build had moved aside (two-rename swap), then
/// removes every staging and old folder of `name` (their builds are dead: a live one would
/// hold the lock).
fn recover(parent: &Path, name: &str, target: &Path) -> Result<()> {
    let tmp = format!(".{name}.tmp-");
    let old = format!(".{name}.old-");
    let mut leftovers: Vec<PathBuf> = std::fs::read_dir(parent)
        .with_context(|| format!("tidak dapat membaca {}", parent.display()))?
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&tmp) || n.starts_with(&old)
        })
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    if !target.exists() {
        let moved = leftovers.iter().position(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&old))
        });
        if let Some(i) = moved {
            std::fs::rename(&leftovers[i], target).with_context(|| {
                format!("tidak dapat memulihkan output lama {}", target.display())
            })?;
            leftovers.remove(i);
        }
    }
    for dir in leftovers {
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("tidak dapat menghapus sisa build {}", dir.display()))?;
    }
    Ok(())
}

/// Atomically exchanges two folders; `false` where the system cannot (the caller renames).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two NUL-terminated paths that live across the call; no memory is shared.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error).context("tidak dapat menukar output lama dengan yang baru"),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A relative path with only normal components (no `..`, no root, no drive).
pub fn safe_relative(rel: &str) -> Result<&Path> {
    let path = Path::new(rel);
    let ok = !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !ok {
        bail!("path keluar dari folder output ditolak: {rel:?}");
    }
    Ok(path)
}

/// Site folders a build reads from; the output may never replace one of them.
const INPUT_FOLDERS: [&str; 5] = ["content", "themes", "templates", "static", ".git"];

/// The output folder must not be the file-system root, the site folder, a folder that
/// contains it, or one of the site's input folders (or inside one).
pub fn check_output_dir(site_dir: &Path, out_dir: &Path) -> Result<()> {
    let site = std::fs::canonicalize(site_dir)
        .with_context(|| format!("folder situs tidak ada: {}", site_dir.display()))?;
    let out = absolute(out_dir)?;
    let suggestion = site.join("output");
    if out.parent().is_none() || site.starts_with(&out) {
        bail!(
            "folder output {} berisi folder situs; pilih folder lain, mis. {}",
            out.display(),
            suggestion.display()
        );
    }
    if !replaceable(&out) {
        bail!(
            "folder output {} sudah berisi file yang bukan hasil rapor dan akan terhapus; pilih folder kosong atau folder output rapor, mis. {}",
            out.display(),
            suggestion.display()
        );
    }
    if let Ok(inside) = out.strip_prefix(&site) {
        let first = inside
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if first.is_some_and(|f| INPUT_FOLDERS.contains(&f.as_str())) {
            bail!(
                "folder output {} berada di folder masukan situs dan akan menimpanya; pilih folder lain, mis. {}",
                out.display(),
                suggestion.display()
            );
        }
    }
    Ok(())
}

/// A folder a build may replace: none yet, empty, written by rapor (its marker), or from a
/// rapor before the marker (an `index.html` beside `wilayah/` and `sekolah/`).
fn replaceable(out: &Path) -> bool {
    if !out.exists() {
        return true;
    }
    if !out.is_dir() {
        return false;
    }
    let empty = std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_none());
    empty
        || out.join(MARKER).is_file()
        || (out.join("index.html").is_file()
            && out.join("wilayah").is_dir()
            && out.join("sekolah").is_dir())
}

/// Absolute form of a path that may not exist yet (its existing ancestor canonicalised).
pub fn absolute(path: &Path) -> Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(
            existing
                .file_name()
                .map(|s| s.to_os_string())
                .unwrap_or_default(),
        );
        existing = existing.parent().unwrap_or(Path::new("/"));
    }
    let mut out = std::fs::canonicalize(existing)?;
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_refused() {
        assert!(safe_relative("sekolah/1/index.html").is_ok());
        assert!(safe_relative("../x").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../b").is_err());
        assert!(safe_relative("").is_err());
    }

    #[test]
    fn failed_build_keeps_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("index.html"), "lama").unwrap();
        {
            let staging = Staging::new(&out).unwrap();
            staging.write("index.html", b"baru").unwrap();
            // dropped without commit
        }
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "lama"
        );
        let mut beside: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(beside, [".output.lock", "output"]);
        let staging = Staging::new(&out).unwrap();
        staging.write("index.html", b"baru").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "baru"
        );
    }

    #[test]
    fn killed_builds_leftovers_are_removed_and_a_moved_output_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        // A build killed between the two renames of the fallback swap: the output is moved
        // aside, the new one never arrived; another left its staging folder.
        std::fs::create_dir(dir.path().join(".output.old-4242")).unwrap();
        std::fs::write(dir.path().join(".output.old-4242/index.html"), "lama").unwrap();
        std::fs::create_dir(dir.path().join(".output.tmp-4243")).unwrap();
        std::fs::create_dir(dir.path().join(".output.tmp-4242")).unwrap();
        std::fs::create_dir(dir.path().join(".lain.tmp-1")).unwrap();
        let staging = Staging::new(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "lama"
        );
        let mut beside: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        let own = format!(".output.tmp-{}", std::process::id());
        assert_eq!(
            beside,
            [".lain.tmp-1", ".output.lock", own.as_str(), "output"]
        );
        staging.commit().unwrap();
        assert!(out.join(MARKER).is_file());
        assert!(!out.join("index.html").exists());
    }

    #[test]
    fn a_folder_of_other_files_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        let documents = dir.path().join("Documents");
        std::fs::create_dir(&documents).unwrap();
        std::fs::write(documents.join("skripsi.docx"), "x").unwrap();
        assert!(check_output_dir(&site, &documents).is_err());
        std::fs::remove_file(documents.join("skripsi.docx")).unwrap();
        assert!(check_output_dir(&site, &documents).is_ok(), "empty folder");
        std::fs::write(documents.join(MARKER), "").unwrap();
        std::fs::write(documents.join("index.html"), "").unwrap();
        assert!(
            check_output_dir(&site, &documents).is_ok(),
            "rapor's output"
        );
        let file = dir.path().join("berkas.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(check_output_dir(&site, &file).is_err(), "a file");
    }

    #[test]
    fn output_cannot_hold_the_site() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_output_dir(dir.path(), dir.path()).is_err());
        assert!(check_output_dir(dir.path(), dir.path().parent().unwrap()).is_err());
        assert!(check_output_dir(dir.path(), Path::new("/")).is_err());
        assert!(check_output_dir(dir.path(), &dir.path().join("content")).is_err());
        assert!(check_output_dir(dir.path(), &dir.path().join("themes/default")).is_err());
        assert!(check_output_dir(dir.path(), &dir.path().join("output")).is_ok());
        assert!(check_output_dir(dir.path(), &dir.path().join("public/rapor")).is_ok());
    }
}
