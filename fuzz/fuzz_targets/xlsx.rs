//! Spreadsheets: any bytes give a table or a problem, in bounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapor::diag::Diagnostics;
use rapor::load::{schools, xlsx};

/// rapor catches a panic inside the spreadsheet library and reports the file
/// (`load::xlsx::guarded`); libFuzzer's hook would abort before that catch, so it is replaced by
/// a quiet one. A panic that escapes rapor still fails the run (libFuzzer checks the result).
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}

fuzz_target!(|data: &[u8]| {
    quiet_panics();
    if let Ok(table) = xlsx::read_bytes(data, "f.xlsx", None) {
        let mut diag = Diagnostics::default();
        schools::read_schools(&table, &mut diag);
        let _ = diag.report();
    }
});
