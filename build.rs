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
const FILES: [&str; 16] = [
    "tariffs/rules/territories.tsv",
    "tariffs/rules/jurisdictions.tsv",
    "tariffs/rules/thresholds.tsv",
    "tariffs/rules/fees.tsv",
    "tariffs/rules/us_layers.tsv",
    "tariffs/rules/preferences.tsv",
    "tariffs/rules/vat_extra.tsv",
    "tariffs/rules/fx_pegs.tsv",
    "tariffs/rules/us_scopes_extra.tsv",
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

    // Descriptions go to a separate text blob (display and search only), numbered from 1 in
    // order of first appearance so that each table's description column is nearly sequential.
    let mut descriptions: BTreeMap<String, u64> = BTreeMap::new();
    let mut next_description = 1u64;
    for (_, rows) in &tables {
        let mut sorted: Vec<&Vec<String>> = rows.iter().collect();
        sorted.sort_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
        for row in sorted {
            if !row[3].is_empty() && !descriptions.contains_key(&row[3]) {
                descriptions.insert(row[3].clone(), next_description);
                next_description += 1;
            }
        }
    }
    // Deduplicated, sorted string table of everything else.
    let mut strings: BTreeMap<String, u64> = BTreeMap::new();
    strings.insert(String::new(), 0);
    for row in &sources {
        for f in row {
            strings.entry(f.clone()).or_insert(0);
        }
    }
    for row in tables.iter().flat_map(|(_, rows)| rows.iter()) {
        // Codes, dates and descriptions are stored otherwise.
        for f in &row[4..] {
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
    // Distinct duty texts, so rows carry a dense duty number the engine caches parses by.
    let mut duties: BTreeMap<&str, u64> = BTreeMap::new();
    for row in tables.iter().flat_map(|(_, rows)| rows.iter()) {
        duties.entry(row[5].as_str()).or_insert(0);
    }
    for (i, v) in duties.values_mut().enumerate() {
        *v = i as u64;
    }
    format::put_varint(&mut out, duties.len() as u64);
    for d in duties.keys() {
        format::put_varint(&mut out, idx(d));
    }
    let source_ids: Vec<&str> = sources.iter().map(|r| r[0].as_str()).collect();

    format::put_varint(&mut out, tables.len() as u64);
    for (jurisdiction, rows) in &tables {
        format::put_varint(&mut out, idx(jurisdiction));
        format::put_varint(&mut out, rows.len() as u64);
        let mut sorted: Vec<&Vec<String>> = rows.iter().collect();
        sorted.sort_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
        for row in &sorted {
            assert_eq!(row.len(), format::ROW_FIELDS, "{jurisdiction} row {row:?}");
        }
        // Column by column: codes as (digit count, delta of the zero-padded value), then dates,
        // descriptions (zigzag deltas), then dense duty and source numbers and string indexes.
        // Columns of similar values compress far better than rows. The section is length-
        // prefixed so that a table can be decoded only when it is first used.
        let mut section = Vec::new();
        let mut previous = 0u64;
        for row in &sorted {
            let (len, value) = format::encode_code(&row[0]).unwrap_or_else(|| panic!("bad code {:?}", row[0]));
            format::put_varint(&mut section, len);
            format::put_varint(&mut section, value - previous);
            previous = value;
        }
        for column in 1..format::ROW_FIELDS {
            let mut previous_description = 0u64;
            for row in &sorted {
                let f = &row[column];
                let v = match column {
                    1 | 2 => format::encode_date(f).unwrap_or_else(|| panic!("bad date {f:?} in {jurisdiction}")),
                    3 => {
                        let d = descriptions.get(f).copied().unwrap_or(0);
                        let delta = d as i64 - previous_description as i64;
                        previous_description = d;
                        ((delta << 1) ^ (delta >> 63)) as u64
                    }
                    5 => duties[f.as_str()],
                    9 => source_ids.iter().position(|s| s == f).unwrap_or_else(|| panic!("unknown source {f}")) as u64,
                    _ => idx(f),
                };
                format::put_varint(&mut section, v);
            }
        }
        format::put_varint(&mut out, section.len() as u64);
        out.extend_from_slice(&section);
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

    // The text blob: descriptions in index order, bound to the core by its hash.
    let mut text = Vec::new();
    text.extend_from_slice(format::TEXT_MAGIC);
    text.extend_from_slice(&hash);
    format::put_varint(&mut text, descriptions.len() as u64);
    let mut ordered: Vec<(&String, &u64)> = descriptions.iter().collect();
    ordered.sort_by_key(|(_, i)| **i);
    for (d, _) in ordered {
        format::put_varint(&mut text, d.len() as u64);
        text.extend_from_slice(d.as_bytes());
    }
    let text_hash = Sha256::digest(&text);
    text.extend_from_slice(&text_hash);
    std::fs::write(Path::new(&out_dir).join("snapshot-text.bin"), &text).expect("write text blob");
}

/// Rows of a TSV table without its header.
fn read_tsv(path: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
}
