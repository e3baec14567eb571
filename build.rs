//! Cargo build script: the default theme (src/theme.rs) and the starter site of `rapor init`
//! (src/cmd/init.rs) are embedded in the binary, so a change to their files must rebuild it.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/cmd/init-site");
}
