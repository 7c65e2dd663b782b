//! Every distinct duty text in the shared official source files parses into a structured
//! expression or an explicitly classified non-rate: nothing falls into an unknown bucket.
//!
//! Reads `../shared/tariff-sources` when present; skips with a message when not.

use crate::common::sources;
use landed::duty::{DutyExpr, NotPriceableKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn column_texts(path: &PathBuf, columns: &[&str], out: &mut BTreeSet<String>) {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path).expect("open source file");
    let headers = rdr.byte_headers().unwrap().clone();
    let idx: Vec<usize> = columns
        .iter()
        .map(|c| {
            headers
                .iter()
                .position(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}') == *c)
                .unwrap_or_else(|| panic!("column {c} in {}", path.display()))
        })
        .collect();
    for rec in rdr.byte_records() {
        let rec = rec.unwrap();
        for &i in &idx {
            let raw = rec.get(i).unwrap_or_default();
            // The USITC file is Latin-1; the UK file UTF-8.
            let text = match std::str::from_utf8(raw) {
                Ok(s) => s.to_string(),
                Err(_) => raw.iter().map(|&b| b as char).collect(),
            };
            out.insert(text);
        }
    }
}

#[test]
fn every_source_duty_text_is_classified() {
    let Some(dir) = sources() else {
        eprintln!("skipped: ../shared/tariff-sources not found");
        return;
    };
    let mut texts = BTreeSet::new();
    column_texts(&dir.join("us/tariff_database_2025_06062025.csv"), &["mfn_text_rate", "col2_text_rate"], &mut texts);
    column_texts(&dir.join("us/chapter99_2025-06-09.csv"), &["mfn_text_rate", "col2_text_rate"], &mut texts);
    column_texts(&dir.join("uk/global-uk-tariff_2021-01-27.csv"), &["cet_duty_rate", "ukgt_duty_rate"], &mut texts);

    let mut structured = 0usize;
    let mut by_kind: BTreeMap<NotPriceableKind, Vec<String>> = BTreeMap::new();
    for t in &texts {
        match DutyExpr::parse(t) {
            DutyExpr::NotPriceable { kind, .. } => by_kind.entry(kind).or_default().push(t.clone()),
            _ => structured += 1,
        }
    }
    let total = texts.len();
    eprintln!(
        "{total} distinct duty texts: {structured} structured ({:.1} %)",
        100.0 * structured as f64 / total as f64
    );
    for (kind, list) in &by_kind {
        eprintln!("  {kind:?}: {}", list.len());
        for t in list.iter().take(50) {
            eprintln!("      {t:?}");
        }
    }
    // Forms that must be structured, never a catch-all.
    let unexpected: Vec<&String> = by_kind
        .get(&NotPriceableKind::Conditional)
        .map(|v| v.iter().filter(|t| !t.contains("shall not exceed")).collect())
        .unwrap_or_default();
    assert!(unexpected.is_empty(), "texts that fell through to the catch-all: {unexpected:#?}");
    let note_fallthrough: Vec<&String> = by_kind
        .get(&NotPriceableKind::SeeNote)
        .map(|v| v.iter().filter(|t| !t.to_ascii_lowercase().starts_with("see ")).collect())
        .unwrap_or_default();
    assert!(note_fallthrough.is_empty(), "texts classified as notes by the fallback: {note_fallthrough:#?}");
    let other_fallthrough: Vec<&String> = by_kind
        .get(&NotPriceableKind::RateOfOtherArticle)
        .map(|v| v.iter().filter(|t| !t.to_ascii_lowercase().starts_with("the rate")).collect())
        .unwrap_or_default();
    assert!(other_fallthrough.is_empty(), "texts classified by the fallback: {other_fallthrough:#?}");
    // At least 97 % are structured expressions (the rest are classified non-rates).
    assert!(structured * 100 >= total * 97, "{structured} of {total} structured");
}
