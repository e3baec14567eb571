//! `rapor build [SITE_DIR] [-o DIR]`

use crate::build::{build_with_progress, BuildError};
use crate::progress::Progress;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The site folder (with site.toml).
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Output folder; default SITE_DIR/output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// No progress bar and no list of warnings; only errors and the summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print each stage's time and the peak memory at its end.
    #[arg(long)]
    pub timings: bool,
}

pub fn run(args: Args) -> i32 {
    let out = args.output.unwrap_or_else(|| args.site_dir.join("output"));
    let mut progress = Progress::for_terminal(args.quiet);
    if args.timings {
        progress = progress.with_timings();
    }
    crate::build::exiting_after_build();
    match build_with_progress(&args.site_dir, &out, &progress) {
        Ok(report) => {
            if !args.quiet {
                for p in report.diagnostics.sorted() {
                    eprintln!("{p}");
                }
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
