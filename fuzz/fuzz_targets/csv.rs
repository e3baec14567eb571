//! CSV tables: any bytes give a table or a problem (never a panic), and every reader of a
//! table (regions, schools, scores) copes with what comes out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapor::diag::Diagnostics;
use rapor::framework::Framework;
use rapor::load::table::Table;
use rapor::load::{regions, schools, scores};
use std::sync::OnceLock;

fn framework() -> &'static Framework {
    static F: OnceLock<Framework> = OnceLock::new();
    F.get_or_init(|| Framework::load(std::path::Path::new("."), "rapor-mutu").unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(table) = Table::parse_csv(data, "f.csv") else {
        return;
    };
    let mut diag = Diagnostics::default();
    regions::read_regions(&table, &mut diag);
    schools::read_schools(&table, &mut diag);
    scores::read_year(&table, 2020, framework(), &mut diag);
    let _ = diag.report();
});
