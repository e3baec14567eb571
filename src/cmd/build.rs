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
            eprintln!("{}", report.summary(&out));
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
