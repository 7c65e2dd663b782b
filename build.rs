//! Compiles the normalized tables in `tariffs/` into the compact, content-hashed snapshot
//! embedded in the library. The writer is shared with the datagen tool (`src/snapshot/write.rs`),
//! the layout with the reader (`src/snapshot/format.rs`).

#[path = "src/snapshot/format.rs"]
mod format;
#[path = "src/snapshot/write.rs"]
#[allow(dead_code)] // the parts are written by landed-datagen, not by the build
mod write;

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/snapshot/format.rs");
    println!("cargo:rerun-if-changed=src/snapshot/write.rs");
    for input in write::inputs() {
        println!("cargo:rerun-if-changed={input}");
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    // The browser build leaves the tariff tables out of the module: the page fetches the part
    // of the destination it prices (`landed-datagen snapshot --parts`); natively all is inline.
    let inline = match std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() {
        Ok("wasm32") => write::Inline::RulesOnly,
        _ => write::Inline::All,
    };
    let compiled =
        write::compile(Path::new(&root), inline).unwrap_or_else(|e| panic!("cannot compile the snapshot: {e}"));
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("snapshot.bin"), &compiled.core).expect("write snapshot");
    std::fs::write(Path::new(&out_dir).join("snapshot-text.bin"), &compiled.text).expect("write text blob");
}
