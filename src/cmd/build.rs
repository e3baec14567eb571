//! `rapor build [SITE_DIR] [-o DIR]`

use crate::build::{build, BuildError};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The site folder (with site.toml).
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Output folder; default SITE_DIR/output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> i32 {
    let out = args.output.unwrap_or_else(|| args.site_dir.join("output"));
    match build(&args.site_dir, &out) {
        Ok(report) => {
            for p in report.diagnostics.sorted() {
                eprintln!("{p}");
            }
            eprintln!(
                "rapor: {} halaman, {} file, {:.1} MB ditulis ke {} dalam {:.2} s ({} peringatan)",
                report.pages,
                report.files,
                report.bytes as f64 / 1e6,
                out.display(),
                report.elapsed.as_secs_f64(),
                report.diagnostics.warning_count()
            );
            0
        }
        Err(e) => {
            eprint!("{e}");
            if let BuildError::Output(_) = e {
                eprintln!();
            }
            eprintln!(
                "rapor: build gagal; output lama di {} tidak diubah",
                out.display()
            );
            1
        }
    }
}
