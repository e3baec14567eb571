//! The `rapor` command line: parse arguments, hand over to `cmd`.

use clap::Parser;

/// Rendering a national site allocates many short-lived strings on every thread; glibc's
/// malloc spent about 15 % of a build in its locks and free lists (perf, 10,000 schools).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = rapor::cmd::Cli::parse();
    std::process::exit(rapor::cmd::run(cli));
}
