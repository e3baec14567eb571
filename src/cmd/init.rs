//! `rapor init DIR`: writes a small new site (settings, a few regions and schools, two years
//! of scores, a narrative, an article, a README for the team) that `rapor build DIR` builds at
//! once. Refuses to write into a folder that is not empty.

use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

/// The starter site, as files under `src/cmd/init-site/`.
static STARTER: Dir = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/init-site");

#[derive(clap::Args)]
pub struct Args {
    /// Folder for the new site (created if missing; must be empty).
    pub dir: PathBuf,
}

pub fn run(args: Args) -> i32 {
    match init(&args.dir) {
        Ok(count) => {
            eprintln!(
                "rapor: situs baru di {} ({count} file). Berikutnya: rapor build {}",
                args.dir.display(),
                args.dir.display()
            );
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// Writes the starter site into `dir`; returns how many files were written.
pub fn init(dir: &Path) -> Result<usize, String> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} tidak kosong; rapor init tidak menimpa file (pilih folder baru)",
                dir.display()
            ));
        }
    }
    let mut count = 0;
    for file in files(&STARTER) {
        let target = dir.join(file.path());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&target, file.contents())
            .map_err(|e| format!("{}: {e}", target.display()))?;
        count += 1;
    }
    Ok(count)
}

fn files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut all: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        all.extend(files(sub));
    }
    all
}
