//! Writing the output: everything goes into a staging folder beside the output folder, which
//! replaces the old output only when the whole build succeeded. A failed build leaves the
//! previous output untouched.

use anyhow::{bail, Context as _, Result};
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// A staging folder that becomes the output folder on `commit`, and is removed if dropped.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates `.<name>.tmp-<pid>` beside `target` (same file system, so renames are atomic).
    pub fn new(target: &Path) -> Result<Staging> {
        let name = target
            .file_name()
            .with_context(|| format!("folder output tidak valid: {}", target.display()))?
            .to_string_lossy()
            .into_owned();
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("tidak dapat membuat {}", parent.display()))?;
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)
            .with_context(|| format!("tidak dapat membuat {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a file at a site-relative path; refuses paths that would leave the folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(safe_relative(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("tidak dapat menulis {rel}"))
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
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1);
        let staging = Staging::new(&out).unwrap();
        staging.write("index.html", b"baru").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "baru"
        );
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
