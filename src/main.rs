//! The `rapor` command line: parse arguments, hand over to `cmd`.

use clap::Parser;

fn main() {
    let cli = rapor::cmd::Cli::parse();
    std::process::exit(rapor::cmd::run(cli));
}
