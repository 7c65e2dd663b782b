//! Compiles the normalized tables in `tariffs/` into the compact, content-hashed snapshot
//! embedded in the library. The writer is shared with the datagen tool (`src/snapshot/write.rs`),
//! the layout with the reader (`src/snapshot/format.rs`).

#[path = "src/snapshot/format.rs"]
mod format;
#[path = "src/snapshot/write.rs"]
#[allow(dead_code)] // the parts are written by landed-datagen, not by the build
mod write;

// The rule-table readers, the library's own files (the build uses only the check).
#[path = "src/rules/codes.rs"]
#[allow(dead_code)]
mod codes;
#[path = "src/date.rs"]
#[allow(dead_code)]
mod date;
#[path = "src/error.rs"]
#[allow(dead_code)]
mod error;
#[path = "src/rules/groups.rs"]
#[allow(dead_code)]
mod groups;
#[path = "src/money.rs"]
#[allow(dead_code)]
mod money;
#[path = "src/tsv.rs"]
#[allow(dead_code)]
mod table;

use std::path::Path;

/// The library files the build compiles; a change to any reruns it.
const SHARED: [&str; 8] = [
    "src/snapshot/format.rs",
    "src/snapshot/write.rs",
    "src/rules/codes.rs",
    "src/rules/groups.rs",
    "src/tsv.rs",
    "src/date.rs",
    "src/error.rs",
    "src/money.rs",
];

/// Runs the library's rule-table readers over `tariffs/rules/*.tsv`: a bad coded value (a closed
/// set, a currency, a confidence), date or group name fails the build naming the file, the line,
/// the column and the row.
fn check_rule_tables(root: &Path) {
    let names = write::FILES.iter().filter_map(|p| p.strip_prefix("tariffs/")).filter(|n| n.starts_with("rules/"));
    let texts: Vec<(&str, String)> = names
        .map(|n| {
            (n, std::fs::read_to_string(root.join("tariffs").join(n)).unwrap_or_else(|e| panic!("tariffs/{n}: {e}")))
        })
        .collect();
    let files: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    if let Err(e) = codes::check_rule_tables(&files) {
        panic!("a rule table is invalid: {e}");
    }
}

fn main() {
    for file in SHARED {
        println!("cargo:rerun-if-changed={file}");
    }
    for input in write::inputs() {
        println!("cargo:rerun-if-changed={input}");
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    check_rule_tables(Path::new(&root));
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
