//! Updating a built site in place, for `rapor serve` after a data file changed.
//!
//! The site is loaded, scored and rendered again, but each file is compared with the one
//! already in the output folder and only those whose bytes differ are kept, in memory. When
//! every file has rendered, `commit` writes them (each atomically, so a reader never sees half
//! a page) and removes the files the site no longer has. A rebuild that fails writes nothing,
//! and one that would change more than `limit` bytes gives up (`TooManyChanges`) so the
//! caller can rebuild through staging instead of holding the site in memory.

use crate::write::{lock_output, parent_and_name, safe_relative, Output, MARKER};
use anyhow::{bail, Context as _, Result};
use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use walkdir::WalkDir;

/// An output folder being updated in place.
pub struct InPlace {
    dir: PathBuf,
    limit: u64,
    state: Mutex<State>,
    /// Held until the update is written: one build at a time writes into the folder.
    _lock: File,
}

#[derive(Default)]
struct State {
    /// Every file the site has now (site-relative paths).
    produced: HashSet<String>,
    /// Files that are new or differ from the output folder's.
    changed: Vec<(String, Vec<u8>)>,
    changed_bytes: u64,
    /// An error from a file written in parts (reported at commit: `Drop` cannot return it).
    failed: Option<String>,
}

/// The update would change more bytes than the limit.
#[derive(Debug)]
pub struct TooManyChanges;

impl std::fmt::Display for TooManyChanges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "terlalu banyak file berubah untuk diperbarui di tempat")
    }
}

impl std::error::Error for TooManyChanges {}

/// What `commit` did.
#[derive(Debug, PartialEq, Eq)]
pub struct Updated {
    pub written: usize,
    pub removed: usize,
    pub unchanged: usize,
}

impl InPlace {
    /// Updates `dir`, an existing output folder, holding at most `limit` changed bytes.
    pub fn new(dir: &Path, limit: u64) -> Result<InPlace> {
        if !dir.join(MARKER).is_file() {
            bail!("{} bukan output rapor", dir.display());
        }
        let (parent, name) = parent_and_name(dir)?;
        let lock = lock_output(&parent, &name)?;
        Ok(InPlace {
            dir: dir.to_path_buf(),
            limit,
            state: Mutex::new(State::default()),
            _lock: lock,
        })
    }

    /// Keeps a copy of `bytes` only when they differ from the file already there.
    fn offer(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(safe_relative(rel)?);
        // Reading the old file back is cheap next to rendering it (page cache).
        let same = std::fs::read(&path).is_ok_and(|old| old == bytes);
        let mut state = self.state.lock().expect("update state");
        state.produced.insert(rel.to_string());
        if !same {
            state.changed_bytes += bytes.len() as u64;
            if state.changed_bytes > self.limit {
                return Err(TooManyChanges.into());
            }
            state.changed.push((rel.to_string(), bytes.to_vec()));
        }
        Ok(())
    }

    /// Writes what changed and removes what the site no longer has.
    pub fn commit(self) -> Result<Updated> {
        let state = self.state.into_inner().expect("update state");
        if let Some(error) = state.failed {
            bail!(error);
        }
        for (rel, bytes) in &state.changed {
            let path = self.dir.join(safe_relative(rel)?);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let mut temp = path.clone().into_os_string();
            temp.push(".rapor-tmp");
            std::fs::write(&temp, bytes).with_context(|| format!("tidak dapat menulis {rel}"))?;
            std::fs::rename(&temp, &path).with_context(|| format!("tidak dapat menulis {rel}"))?;
        }
        let mut removed = 0;
        let mut folders = Vec::new();
        for entry in WalkDir::new(&self.dir).min_depth(1) {
            let entry = entry?;
            let rel = entry
                .path()
                .strip_prefix(&self.dir)?
                .to_string_lossy()
                .replace('\\', "/");
            if entry.file_type().is_dir() {
                folders.push(entry.into_path());
            } else if rel != MARKER && !state.produced.contains(&rel) {
                std::fs::remove_file(entry.path())
                    .with_context(|| format!("tidak dapat menghapus {rel}"))?;
                removed += 1;
            }
        }
        // Deepest first; a folder that still has files stays.
        for folder in folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
        Ok(Updated {
            written: state.changed.len(),
            removed,
            unchanged: state.produced.len() - state.changed.len(),
        })
    }
}

impl Output for InPlace {
    type Writer<'a> = Parts<'a>;

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.offer(rel, bytes)
    }

    fn create(&self, rel: &str) -> Result<Parts<'_>> {
        safe_relative(rel)?;
        Ok(Parts {
            to: self,
            rel: rel.to_string(),
            bytes: Vec::new(),
        })
    }
}

/// A file written in parts, compared when it is dropped.
pub struct Parts<'a> {
    to: &'a InPlace,
    rel: String,
    bytes: Vec<u8>,
}

impl std::io::Write for Parts<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Parts<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.to.offer(&self.rel, &self.bytes) {
            let mut state = self.to.state.lock().expect("update state");
            state.failed.get_or_insert_with(|| format!("{e:#}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn output(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(MARKER), "x").unwrap();
        for (rel, text) in files {
            let path = out.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn writes_only_what_changed_and_removes_what_is_gone() {
        let dir = output(&[
            ("index.html", "same"),
            ("sekolah/1/index.html", "old"),
            ("sekolah/2/index.html", "gone"),
        ]);
        let out = dir.path().join("output");
        let update = InPlace::new(&out, 1 << 20).unwrap();
        update.write("index.html", b"same").unwrap();
        update.write("sekolah/1/index.html", b"new").unwrap();
        update.write("sekolah/3/index.html", b"added").unwrap();
        {
            let mut parts = update.create("unduh/nilai.csv").unwrap();
            parts.write_all(b"a;").unwrap();
            parts.write_all(b"b").unwrap();
        }
        // Nothing is written before commit.
        assert_eq!(
            std::fs::read_to_string(out.join("sekolah/1/index.html")).unwrap(),
            "old"
        );
        let done = update.commit().unwrap();
        assert_eq!(
            done,
            Updated {
                written: 3,
                removed: 1,
                unchanged: 1
            }
        );
        let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
        assert_eq!(read("sekolah/1/index.html"), "new");
        assert_eq!(read("sekolah/3/index.html"), "added");
        assert_eq!(read("unduh/nilai.csv"), "a;b");
        assert!(!out.join("sekolah/2").exists(), "the empty folder goes too");
        assert!(out.join(MARKER).is_file());
    }

    #[test]
    fn gives_up_beyond_its_limit_and_refuses_paths_out() {
        let dir = output(&[]);
        let out = dir.path().join("output");
        let update = InPlace::new(&out, 4).unwrap();
        update.write("a.html", b"1234").unwrap();
        let error = update.write("b.html", b"5").unwrap_err();
        assert!(error.downcast_ref::<TooManyChanges>().is_some());
        assert!(update.write("../escape.html", b"x").is_err());
        drop(update);
        assert!(
            !out.join("a.html").exists(),
            "nothing written without commit"
        );
        assert!(!dir.path().join("escape.html").exists());
    }

    #[test]
    fn refuses_a_folder_that_is_not_an_output() {
        let dir = tempfile::tempdir().unwrap();
        assert!(InPlace::new(dir.path(), 1).is_err());
    }
}
