//! The snapshot writer: normalized tables under `tariffs/` → a content-hashed core blob and its
//! description blob. Defined once and shared by `build.rs` (the embedded snapshot), the datagen
//! tool (`landed-datagen snapshot`, blobs published beside a site) and tests. Plain std + sha2:
//! `build.rs` compiles this file too (`#[path]`), beside `format.rs`.
//!
//! The layout is documented in `format.rs`.

use super::format;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Tariff tables compiled, by jurisdiction, in this order (paths relative to the repository).
pub const TABLES: [(&str, &str); 5] = [
    ("US", "tariffs/us.tsv"),
    ("GB", "tariffs/gb.tsv"),
    ("EU", "tariffs/eu.tsv"),
    ("HS", "tariffs/hs.tsv"),
    ("JP", "tariffs/jp.tsv"),
];

/// Data files embedded whole (rules, VAT, FX, scopes), covered by the same content hash.
pub const FILES: [&str; 19] = [
    "tariffs/rules/jurisdictions.tsv",
    "tariffs/rules/thresholds.tsv",
    "tariffs/rules/fees.tsv",
    "tariffs/rules/us_layers.tsv",
    "tariffs/rules/preferences.tsv",
    "tariffs/rules/vat_extra.tsv",
    "tariffs/rules/fx_pegs.tsv",
    "tariffs/rules/us_scopes_extra.tsv",
    "tariffs/rules/jp_programmes.tsv",
    "tariffs/vat.tsv",
    "tariffs/fx_ecb_monthly.tsv",
    "tariffs/fx_ecb_daily.tsv",
    "tariffs/fx_hmrc_monthly.tsv",
    "tariffs/us_scopes.tsv",
    "tariffs/search_synonyms.tsv",
    "tariffs/sources.tsv",
    "tariffs/hs_correlation.tsv",
    "tariffs/rules/hs_correlation_fixes.tsv",
    "tariffs/rules/nomenclature.tsv",
];

/// The provenance table (one row per source file).
pub const SOURCES_FILE: &str = "tariffs/sources.tsv";

/// Every input of a snapshot, relative to the repository root (for `rerun-if-changed`).
pub fn inputs() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(_, p)| *p).chain(FILES)
}

/// A compiled snapshot: the core (rates, dates, rules; its hash is the snapshot id) and the
/// description blob bound to it.
pub struct Compiled {
    pub core: Vec<u8>,
    pub text: Vec<u8>,
}

/// Compiles the tables under `root` (a repository root holding `tariffs/`).
///
/// Errors name the file and row that could not be compiled.
pub fn compile(root: &Path) -> Result<Compiled, String> {
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let sources = rows(&read(SOURCES_FILE)?);
    let mut tables: Vec<(&str, Vec<Vec<String>>)> = Vec::with_capacity(TABLES.len());
    for (jurisdiction, path) in TABLES {
        let mut table = rows(&read(path)?);
        for row in &table {
            if row.len() != format::ROW_FIELDS {
                return Err(format!("{path}: row {row:?} has {} fields, not {}", row.len(), format::ROW_FIELDS));
            }
        }
        table.sort_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
        tables.push((jurisdiction, table));
    }
    let mut files = Vec::with_capacity(FILES.len());
    for f in FILES {
        files.push((f.trim_start_matches("tariffs/").to_string(), read(f)?));
    }
    let descriptions = description_numbers(&tables);
    let strings = string_table(&sources, &tables, &files);
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
        if row.len() != format::SOURCE_FIELDS {
            return Err(format!("{SOURCES_FILE}: row {row:?} has {} fields", row.len()));
        }
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
        let section = table_section(jurisdiction, rows, &descriptions, &duties, &source_ids, &idx)?;
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
    let text = description_blob(&descriptions, &hash);
    Ok(Compiled { core: out, text })
}

/// Rows of a TSV table without its header.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

/// Descriptions go to a separate text blob (display and search only), numbered from 1 in order
/// of first appearance so that each table's description column is nearly sequential.
fn description_numbers(tables: &[(&str, Vec<Vec<String>>)]) -> BTreeMap<String, u64> {
    let mut descriptions: BTreeMap<String, u64> = BTreeMap::new();
    let mut next = 1u64;
    for (_, rows) in tables {
        for row in rows {
            if !row[3].is_empty() && !descriptions.contains_key(&row[3]) {
                descriptions.insert(row[3].clone(), next);
                next += 1;
            }
        }
    }
    descriptions
}

/// The deduplicated, sorted string table of everything but codes, dates and descriptions,
/// numbered in order.
fn string_table(
    sources: &[Vec<String>],
    tables: &[(&str, Vec<Vec<String>>)],
    files: &[(String, String)],
) -> BTreeMap<String, u64> {
    let mut strings: BTreeMap<String, u64> = BTreeMap::new();
    strings.insert(String::new(), 0);
    for f in sources.iter().flatten() {
        strings.entry(f.clone()).or_insert(0);
    }
    for row in tables.iter().flat_map(|(_, rows)| rows.iter()) {
        for f in &row[4..] {
            strings.entry(f.clone()).or_insert(0);
        }
    }
    for (j, _) in tables {
        strings.entry(j.to_string()).or_insert(0);
    }
    for (name, text) in files {
        strings.entry(name.clone()).or_insert(0);
        strings.entry(text.clone()).or_insert(0);
    }
    for (i, v) in strings.values_mut().enumerate() {
        *v = i as u64;
    }
    strings
}

/// One table, column by column: codes as (digit count, delta of the zero-padded value), then
/// dates, descriptions (zigzag deltas), then dense duty and source numbers and string indexes.
/// Columns of similar values compress far better than rows; the section is length-prefixed so
/// that a table can be decoded only when it is first used.
fn table_section(
    jurisdiction: &str,
    rows: &[Vec<String>],
    descriptions: &BTreeMap<String, u64>,
    duties: &BTreeMap<&str, u64>,
    source_ids: &[&str],
    idx: &dyn Fn(&str) -> u64,
) -> Result<Vec<u8>, String> {
    let mut section = Vec::new();
    let mut previous = 0u64;
    for row in rows {
        let (len, value) =
            format::encode_code(&row[0]).ok_or_else(|| format!("{jurisdiction}: bad code {:?}", row[0]))?;
        format::put_varint(&mut section, len);
        format::put_varint(&mut section, value - previous);
        previous = value;
    }
    for column in 1..format::ROW_FIELDS {
        let mut previous_description = 0u64;
        for row in rows {
            let f = &row[column];
            let v = match column {
                1 | 2 => format::encode_date(f).ok_or_else(|| format!("{jurisdiction}: bad date {f:?}"))?,
                3 => {
                    let d = descriptions.get(f).copied().unwrap_or(0);
                    let delta = d as i64 - previous_description as i64;
                    previous_description = d;
                    ((delta << 1) ^ (delta >> 63)) as u64
                }
                5 => duties[f.as_str()],
                9 => source_ids
                    .iter()
                    .position(|s| s == f)
                    .ok_or_else(|| format!("{jurisdiction}: unknown source {f:?} (not in {SOURCES_FILE})"))?
                    as u64,
                _ => idx(f),
            };
            format::put_varint(&mut section, v);
        }
    }
    Ok(section)
}

/// The text blob: descriptions in index order, bound to the core by its hash.
fn description_blob(descriptions: &BTreeMap<String, u64>, core_hash: &[u8]) -> Vec<u8> {
    let mut text = Vec::new();
    text.extend_from_slice(format::TEXT_MAGIC);
    text.extend_from_slice(core_hash);
    format::put_varint(&mut text, descriptions.len() as u64);
    let mut ordered: Vec<(&String, &u64)> = descriptions.iter().collect();
    ordered.sort_by_key(|(_, i)| **i);
    for (d, _) in ordered {
        format::put_varint(&mut text, d.len() as u64);
        text.extend_from_slice(d.as_bytes());
    }
    let text_hash = Sha256::digest(&text);
    text.extend_from_slice(&text_hash);
    text
}
