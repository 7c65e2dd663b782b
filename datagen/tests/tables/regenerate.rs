//! The importer regenerates every committed table byte for byte from the official files, and
//! the writer compiles them into the same snapshot the engine embeds.

use std::path::PathBuf;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sources() -> Option<PathBuf> {
    let p = repository().join("../shared/tariff-sources");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/tariff-sources not found");
        None
    }
}

#[test]
fn importer_reproduces_committed_tables_byte_for_byte() {
    let Some(dir) = sources() else { return };
    let tables = landed_datagen::importer::import(&dir).unwrap();
    let root = repository().join("tariffs");
    for (name, contents) in tables {
        let committed = std::fs::read_to_string(root.join(&name)).unwrap();
        assert!(
            committed == contents,
            "tariffs/{name} differs from a fresh import: run `cargo run -p landed-datagen -- import`"
        );
    }
}

#[test]
fn writer_compiles_the_embedded_snapshot_exactly() {
    let compiled = landed::snapshot::write::compile(&repository(), landed::snapshot::write::Inline::All).unwrap();
    assert_eq!(compiled.core, landed::snapshot::embedded_bytes());
    assert_eq!(compiled.text, landed::snapshot::embedded_text_bytes());
}
