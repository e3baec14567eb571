//! Subcommands, one file each. Each returns the process exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod serve;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "rapor",
    version,
    about = "Menerbitkan rapor mutu dan peta mutu sekolah sebagai situs statis"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default SITE_DIR/output).
    Build(build::Args),
    /// Load and validate the site; write nothing; list every problem.
    Check(check::Args),
    /// Create a small new site in an empty folder.
    Init(init::Args),
    /// Build, serve on loopback, rebuild and reload on every change.
    Serve(serve::Args),
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Init(args) => init::run(args),
        Command::Serve(args) => serve::run(args),
    }
}
