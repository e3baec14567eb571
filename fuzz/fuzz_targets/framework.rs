//! Framework files: a framework that passes its checks must score, round and categorise any
//! value without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapor::framework::Framework;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(framework) = Framework::parse("f.toml", text) else {
        return;
    };
    let (min, max) = (framework.scale.min, framework.scale.max);
    for value in [min, max, (min + max) / 2.0, min - 1.0, max + 1.0, f64::NAN] {
        let _ = framework.category(value);
        let _ = framework.round(value);
        let _ = framework.change(value, max);
        let _ = framework.in_scale(value);
    }
    let _ = framework.indicators().count();
    let _ = framework.unit_heading();
});
