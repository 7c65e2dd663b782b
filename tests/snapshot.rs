//! The embedded snapshot: agreement with the raw source files, lookups,
//! and rejection of corrupted bytes.

mod common;

use common::{engine, sources};
use landed::date::Date;
use landed::error::ErrorCode;
use landed::hs::HsCode;
use landed::snapshot::{Match, Snapshot};
use std::path::PathBuf;

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Deterministic sample of indexes (a linear congruential generator; no clock, no RNG crate).
fn sample(len: usize, n: usize, seed: u64) -> Vec<usize> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((x >> 33) as usize) % len
        })
        .collect()
}

fn raw_rows(path: PathBuf, code_col: &str, duty_col: &str) -> Vec<(String, String)> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path).unwrap();
    let headers = rdr.byte_headers().unwrap().clone();
    let pos = |name: &str| {
        headers.iter().position(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}') == name).unwrap()
    };
    let (c, d) = (pos(code_col), pos(duty_col));
    rdr.byte_records()
        .map(|r| {
            let r = r.unwrap();
            let text = |b: &[u8]| {
                let s: String = match std::str::from_utf8(b) {
                    Ok(s) => s.into(),
                    Err(_) => b.iter().map(|&x| x as char).collect(),
                };
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            (text(r.get(c).unwrap()), text(r.get(d).unwrap()))
        })
        .collect()
}

#[test]
fn sampled_codes_match_the_raw_source_files() {
    let Some(dir) = sources() else {
        eprintln!("skipped: ../shared/tariff-sources not found");
        return;
    };
    let snap = engine().snapshot();
    let cases = [
        ("US", "us/tariff_database_2025_06062025.csv", "hts8", "mfn_text_rate", "2025-06-06"),
        ("GB", "uk/global-uk-tariff_2021-01-27.csv", "commodity", "ukgt_duty_rate", "2021-06-01"),
        ("DE", "uk/global-uk-tariff_2021-01-27.csv", "commodity", "cet_duty_rate", "2021-06-01"),
    ];
    for (dest, file, code_col, duty_col, on) in cases {
        let rows = raw_rows(dir.join(file), code_col, duty_col);
        let mut checked = 0;
        for i in sample(rows.len(), 400, 0x1a2b3c + dest.len() as u64) {
            let (code, duty) = &rows[i];
            if code.starts_with("99") {
                continue; // chapter 99 rows carry dated duplicates; checked through lookups elsewhere
            }
            let found = snap.lookup(dest, &HsCode::parse(code).unwrap(), date(on)).unwrap();
            assert_eq!(found.kind, Match::Exact, "{dest} {code}");
            assert_eq!(found.lines[0].row.mfn, duty, "{dest} {code}");
            checked += 1;
        }
        assert!(checked >= 350, "{dest}: only {checked} checked");
    }
}

#[test]
fn every_national_line_is_present() {
    let snap = engine().snapshot();
    let codes = |j: &str| {
        snap.rows(snap.table(j).unwrap()).iter().map(|r| r.code()).collect::<std::collections::BTreeSet<_>>().len()
    };
    assert!(codes("US") >= 12_800, "US {}", codes("US"));
    assert_eq!(codes("GB"), 11_830);
    assert_eq!(codes("EU"), 11_830);
}

#[test]
fn lookups_of_the_issue_examples() {
    let snap = engine().snapshot();
    let on = date("2026-03-01");
    let us = snap.lookup("US", &HsCode::parse("6404.11.20").unwrap(), on).unwrap();
    // HTS 2026 revision 3 (in force from 2026-02-12) prints 10.5%; the 2025 database, 10.50%.
    assert_eq!(us.lines[0].row.mfn, "10.5%");
    assert_eq!(snap.source(&us.lines[0].row).publisher, "U.S. International Trade Commission");
    let gb = snap.lookup("GB", &HsCode::parse("6109100010").unwrap(), on).unwrap();
    assert_eq!((gb.kind, gb.matched_code.as_str(), gb.lines[0].row.mfn), (Match::Prefix, "61091000", "12.0%"));
    let de = snap.lookup("DE", &HsCode::parse("22042109").unwrap(), on).unwrap();
    assert_eq!((de.jurisdiction, de.lines[0].row.mfn), ("EU", "32.00 EUR / hl"));
    let heading = snap.lookup("GB", &HsCode::parse("6109").unwrap(), on).unwrap();
    assert_eq!(heading.kind, Match::Partial);
    assert_eq!(heading.lines.len(), 3);
    assert!(heading.min_percent.is_some() && heading.max_percent.is_some());
}

#[test]
fn unknown_codes_and_destinations_are_typed_errors() {
    let snap = engine().snapshot();
    let on = date("2026-03-01");
    let e = snap.lookup("GB", &HsCode::parse("61093").unwrap(), on).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownCode);
    assert!(e.message.contains("6109"), "{}", e.message);
    let e = snap.lookup("CA", &HsCode::parse("6109").unwrap(), on).unwrap_err();
    assert_eq!(e.code, ErrorCode::NoTariff);
    // Before the UK Global Tariff existed.
    let e = snap.lookup("GB", &HsCode::parse("61091000").unwrap(), date("2019-01-01")).unwrap_err();
    assert_eq!(e.code, ErrorCode::Date);
}

#[test]
fn corrupted_or_truncated_snapshots_are_rejected_by_hash() {
    let bytes = landed::snapshot::embedded_bytes().to_vec();
    // The embedded snapshot is decoded without re-hashing; its trailer must be its real hash.
    assert_eq!(Snapshot::decode(&bytes).unwrap().sha256, engine().snapshot().sha256);
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    assert_eq!(Snapshot::decode(&flipped).unwrap_err().code, ErrorCode::Snapshot);
    assert_eq!(Snapshot::decode(&bytes[..bytes.len() - 100]).unwrap_err().code, ErrorCode::Snapshot);
    assert_eq!(Snapshot::decode(b"").unwrap_err().code, ErrorCode::Snapshot);
}

#[test]
fn description_blob_is_bound_to_its_core() {
    let core = Snapshot::decode(landed::snapshot::embedded_bytes()).unwrap();
    assert!(!core.has_text());
    let text = landed::snapshot::embedded_text_bytes();
    let mut flipped = text.to_vec();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    assert_eq!(core.attach_text(&flipped).unwrap_err().code, ErrorCode::Snapshot);
    core.attach_text(text).unwrap();
    let row = &core.rows(core.table("GB").unwrap())[0];
    assert!(!core.description(row).is_empty());
}

#[test]
fn description_search_ranks_the_right_line_first() {
    let top =
        |q: &str, dest: &str| landed::search::search(&engine(), q, dest, 5).unwrap().first().map(|c| c.code.clone());
    assert_eq!(top("cotton t-shirt", "GB").as_deref(), Some("61091000"));
    assert_eq!(top("laptop", "US").as_deref(), Some("84713001"));
    assert_eq!(top("sneakers", "DE").as_deref(), Some("64041100"));
    assert!(landed::search::search(&engine(), "", "GB", 5).unwrap().is_empty());
    assert!(landed::search::search(&engine(), "cotton", "CA", 5).unwrap().is_empty(), "no tariff for CA");
}

fn cart(destination: &str) -> landed::QuoteRequest {
    landed::request::from_json(&format!(
        r#"{{"destination":"{destination}","currency":"EUR","date":"2026-03-02","origin":"CN",
            "lines":[{{"id":"tee","code":"6109100010","quantity":"3","unit_price":"120.00"}}]}}"#
    ))
    .unwrap()
}

#[test]
fn a_snapshot_blob_loads_and_a_corrupt_one_is_a_typed_error() {
    let blob = landed::snapshot::embedded_bytes().to_vec();
    let loaded = landed::Engine::from_bytes(blob.clone()).unwrap();
    assert_eq!(loaded.snapshot_id(), engine().snapshot_id());
    assert_eq!(loaded.quote(&cart("DE")).unwrap(), engine().quote(&cart("DE")).unwrap());
    for flip in [9, blob.len() / 2, blob.len() - 1] {
        let mut bad = blob.clone();
        bad[flip] ^= 0x55;
        assert_eq!(landed::Engine::from_bytes(bad).unwrap_err().code, ErrorCode::Snapshot, "byte {flip}");
    }
    // The engine in service is untouched by a rejected blob.
    assert!(engine().quote(&cart("DE")).is_ok());
}

#[test]
fn tariff_parts_load_on_demand_and_price_as_the_embedded_snapshot_does() {
    use landed::snapshot::write::{compile, Inline};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let compiled = compile(&root, Inline::RulesOnly).unwrap();
    let core_only = landed::Engine::from_bytes(compiled.core.clone()).unwrap();
    assert_eq!(core_only.snapshot_id(), engine().snapshot_id(), "the id does not depend on what is inline");
    let missing: Vec<String> = core_only.missing_parts("DE").into_iter().map(|p| p.name).collect();
    assert_eq!(missing, ["EU", "HS"]);
    let e = core_only.quote(&cart("DE")).map(|q| q.lines[0].status).unwrap_or(landed::quote::LineStatus::NotPriced);
    assert_ne!(e, landed::quote::LineStatus::Priced, "no tariff line without the EU part");
    // A part of another table, or foreign bytes, is refused by hash.
    assert_eq!(core_only.attach_part(b"not a part".to_vec()).unwrap_err().code, ErrorCode::Snapshot);
    for part in compiled.parts.iter().filter(|p| p.name == "table:EU" || p.name == "table:HS") {
        core_only.attach_part(part.bytes.clone()).unwrap();
    }
    assert!(core_only.missing_parts("DE").is_empty());
    assert_eq!(core_only.quote(&cart("DE")).unwrap(), engine().quote(&cart("DE")).unwrap());
}
