//! `rapor check [SITE_DIR]`: load and validate, write nothing, print every problem.

use crate::load::load_site;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The site folder (with site.toml).
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
}

pub fn run(args: Args) -> i32 {
    let (_, diagnostics) = load_site(&args.site_dir);
    print!("{}", diagnostics.report());
    i32::from(diagnostics.has_errors())
}
