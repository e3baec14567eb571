//! Cargo build script: the default theme is embedded in the binary (src/theme.rs), so a
//! change to any of its files must rebuild the crate.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
