//! Compiles the normalized tables in `tariffs/` into the compact, content-hashed snapshot
//! embedded in the library (see `src/snapshot/format.rs`).

#[path = "src/snapshot/format.rs"]
mod format;

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Tables embedded, by jurisdiction, in this order.
const TABLES: [(&str, &str); 4] =
    [("US", "tariffs/us.tsv"), ("GB", "tariffs/gb.tsv"), ("EU", "tariffs/eu.tsv"), ("HS", "tariffs/hs.tsv")];

/// Data files embedded whole (rules, VAT, FX, scopes), covered by the same content hash.
const FILES: [&str; 14] = [
    "tariffs/rules/jurisdictions.tsv",
    "tariffs/rules/thresholds.tsv",
    "tariffs/rules/fees.tsv",
    "tariffs/rules/us_layers.tsv",
    "tariffs/rules/preferences.tsv",
    "tariffs/rules/vat_extra.tsv",
    "tariffs/rules/fx_pegs.tsv",
    "tariffs/vat.tsv",
    "tariffs/fx_ecb_monthly.tsv",
    "tariffs/fx_ecb_daily.tsv",
    "tariffs/fx_hmrc_monthly.tsv",
    "tariffs/us_scopes.tsv",
    "tariffs/search_synonyms.tsv",
    "tariffs/sources.tsv",
];

fn main() {
    println!("cargo:rerun-if-changed=tariffs");
    println!("cargo:rerun-if-changed=tariffs/rules");
    for f in FILES {
        println!("cargo:rerun-if-changed={f}");
    }
    println!("cargo:rerun-if-changed=tariffs/us.tsv");
    println!("cargo:rerun-if-changed=tariffs/gb.tsv");
    println!("cargo:rerun-if-changed=tariffs/eu.tsv");
    println!("cargo:rerun-if-changed=tariffs/hs.tsv");
    println!("cargo:rerun-if-changed=tariffs/sources.tsv");
    println!("cargo:rerun-if-changed=src/snapshot/format.rs");
    let sources = read_tsv("tariffs/sources.tsv");
    let tables: Vec<(&str, Vec<Vec<String>>)> = TABLES.iter().map(|(j, p)| (*j, read_tsv(p))).collect();

    // Deduplicated, sorted string table.
    let mut strings: BTreeMap<String, u64> = BTreeMap::new();
    strings.insert(String::new(), 0);
    for row in sources.iter().chain(tables.iter().flat_map(|(_, rows)| rows.iter())) {
        for f in row {
            strings.entry(f.clone()).or_insert(0);
        }
    }
    for (j, _) in &tables {
        strings.entry(j.to_string()).or_insert(0);
    }
    let files: Vec<(String, String)> = FILES
        .iter()
        .map(|f| {
            let name = f.trim_start_matches("tariffs/").to_string();
            (name, std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}")))
        })
        .collect();
    for (name, text) in &files {
        strings.entry(name.clone()).or_insert(0);
        strings.entry(text.clone()).or_insert(0);
    }
    for (i, v) in strings.values_mut().enumerate() {
        *v = i as u64;
    }
    let idx = |s: &str| strings[s];

    let mut out = Vec::new();
    out.extend_from_slice(format::MAGIC);
    format::put_varint(&mut out, strings.len() as u64);
    for s in strings.keys() {
        format::put_varint(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    format::put_varint(&mut out, sources.len() as u64);
    for row in &sources {
        assert_eq!(row.len(), format::SOURCE_FIELDS, "tariffs/sources.tsv row {row:?}");
        for f in row {
            format::put_varint(&mut out, idx(f));
        }
    }
    format::put_varint(&mut out, tables.len() as u64);
    for (jurisdiction, rows) in &tables {
        format::put_varint(&mut out, idx(jurisdiction));
        format::put_varint(&mut out, rows.len() as u64);
        let mut sorted: Vec<&Vec<String>> = rows.iter().collect();
        sorted.sort_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
        for row in sorted {
            assert_eq!(row.len(), format::ROW_FIELDS, "{jurisdiction} row {row:?}");
            for (i, f) in row.iter().enumerate() {
                let v = match i {
                    1 | 2 => format::encode_date(f).unwrap_or_else(|| panic!("bad date {f:?} in {jurisdiction}")),
                    _ => idx(f),
                };
                format::put_varint(&mut out, v);
            }
        }
    }
    format::put_varint(&mut out, files.len() as u64);
    for (name, text) in &files {
        format::put_varint(&mut out, idx(name));
        format::put_varint(&mut out, idx(text));
    }
    let hash = Sha256::digest(&out);
    out.extend_from_slice(&hash);
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("snapshot.bin"), &out).expect("write snapshot");
}

/// Rows of a TSV table without its header.
fn read_tsv(path: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
}
