//! `rapor check [SITE_DIR] [--format text|json]`: verval. Loads and validates the site, runs
//! the data-quality checks, writes nothing, and lists every problem (exit 1 on any error).

use crate::load::load_site;
use crate::score::score_site;
use crate::verval;
use std::path::PathBuf;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The site folder (with site.toml).
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// `json` for tools: {"problems": [...], "errors": N, "warnings": M}.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: Args) -> i32 {
    let (data, mut diagnostics) = load_site(&args.site_dir);
    if let Some(data) = &data {
        let scores = score_site(data);
        verval::push_all(&verval::check(data, &scores), &mut diagnostics);
    }
    match args.format {
        Format::Text => print!("{}", diagnostics.report()),
        Format::Json => {
            let json = serde_json::json!({
                "problems": diagnostics.sorted(),
                "errors": diagnostics.error_count(),
                "warnings": diagnostics.warning_count(),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
    }
    i32::from(diagnostics.has_errors())
}
