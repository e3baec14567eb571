//! Spreadsheets: any bytes give a table or a problem, in bounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapor::diag::Diagnostics;
use rapor::load::{schools, xlsx};

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = xlsx::read_bytes(data, "f.xlsx", None) {
        let mut diag = Diagnostics::default();
        schools::read_schools(&table, &mut diag);
        let _ = diag.report();
    }
});
