//! Renders every page of a site in memory, without writing, and prints the CPU time per page
//! kind: the target to profile rendering alone (`perf record target/release/examples/
//! render_pages SITE_DIR`), apart from the file system (see bench/README.md).
//!
//!     cargo run --release --example render_pages -- bench/data/national-10000 [school]
use rapor::plan::PageKind;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

#[global_allocator]
static A: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}

fn main() {
    let site = std::env::args().nth(1).unwrap();
    // An optional second argument renders one kind only (school, region, network, other).
    let only = std::env::args().nth(2);
    let prepared = rapor::build::prepare(Path::new(&site)).unwrap_or_else(|e| panic!("{e}"));
    let views = prepared.renderer.views(&prepared.data);
    let plan = rapor::plan::plan(&prepared.data);
    for kind in ["school", "region", "network", "other"] {
        if only.as_deref().is_some_and(|o| o != kind) {
            continue;
        }
        let pages: Vec<_> = plan
            .pages
            .iter()
            .filter(|p| match p.kind {
                PageKind::School(_) => kind == "school",
                PageKind::Region(_) => kind == "region",
                PageKind::Network(_) => kind == "network",
                _ => kind == "other",
            })
            .collect();
        let t = Instant::now();
        let c = cpu();
        let bytes: usize = pages
            .par_iter()
            .map(|p| {
                let r = prepared
                    .renderer
                    .render_page(rapor::render::view::SiteView::for_page(&views, p), p)
                    .unwrap();
                r.html.len() + r.files.iter().map(|f| f.1.len()).sum::<usize>()
            })
            .sum();
        let used = cpu() - c;
        eprintln!(
            "{kind}: {} pages, {:.1} MB, {:.2} s wall, {:.2} s cpu, {:.0} us cpu/page",
            pages.len(),
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64(),
            used,
            used * 1e6 / pages.len() as f64
        );
    }
}
