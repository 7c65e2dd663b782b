//! The pricing bindings write their answers with the crate's own JSON writer
//! (`landed::json_write`), the CLI with serde_json: the two must be byte-identical (the JSON
//! contract of `Quote`, `RateResponse`, `SnapshotInfo`, `CountriesResponse` and `PartRef`, as
//! their serde derives define it). Checked here over every request of the fuzz corpus and the
//! examples, every tariff line of every table (through `rate` on each chapter), the snapshot
//! description and coverage on several dates, and generated requests.

use crate::common::engine;
use landed::date::Date;
use landed::engine::PartRef;
use landed::json_write::{to_json, WriteJson};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::path::Path;

/// Asserts the writer's text equals serde_json's, naming where they first differ.
fn assert_same<T: Serialize + WriteJson>(value: &T, what: &str) {
    let expected = serde_json::to_string(value).expect("serializes");
    let written = to_json(value);
    if written != expected {
        let at = written.bytes().zip(expected.bytes()).take_while(|(a, b)| a == b).count();
        let from = at.saturating_sub(80);
        panic!(
            "{what}: the writer differs from serde_json at byte {at}\n  writer: …{}\n  serde:  …{}",
            &written[from..(at + 80).min(written.len())],
            &expected[from..(at + 80).min(expected.len())],
        );
    }
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// Every request of the fuzz corpus that decodes and prices, and the example cart: its quote.
/// Returns how many were compared.
fn quotes_in(dir: &Path) -> usize {
    let mut compared = 0;
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("corpus").map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Ok(req) = landed::request::from_json(&text) else { continue };
        if let Ok(q) = engine().quote(&req) {
            assert_same(&q, &path.display().to_string());
            compared += 1;
        }
    }
    compared
}

#[test]
fn quotes_of_the_request_corpus_are_written_as_serde_json_writes_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compared = quotes_in(&root.join("fuzz/corpus/request_json"));
    // The corpus holds thousands of requests, about 450 of which price (the rest are bad input or refused).
    assert!(compared > 400, "only {compared} quotes compared");
    let cart = std::fs::read_to_string(root.join("examples/cart.json")).unwrap();
    assert_same(&engine().quote(&landed::request::from_json(&cart).unwrap()).unwrap(), "examples/cart.json");
}

#[test]
fn quotes_of_the_static_site_example_are_written_as_serde_json_writes_them() {
    // examples/static-site/products.json: every product to every destination, in the shop's
    // currency (so with FX and display totals), DDP and DAP.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("examples/static-site/products.json")).unwrap())
            .unwrap();
    let mut compared = 0;
    for dest in site["destinations"].as_array().unwrap() {
        for p in site["products"].as_array().unwrap() {
            let code = p["codes"].get(dest.as_str().unwrap()).unwrap_or(&p["code"]);
            for incoterm in ["DDP", "DAP"] {
                let req = json!({"destination": dest, "date": "2026-03-02", "currency": site["currency"],
                    "display_currency": "EUR", "ship_from": site["ship_from"], "origin": p["origin"],
                    "incoterm": incoterm, "lines": [{"id": p["id"], "code": code, "unit_price": p["price"],
                    "quantity": "1", "weight_kg": p["weight_kg"]}]});
                let q = engine().quote(&landed::request::decode(&req.to_string()).unwrap()).unwrap();
                assert_same(&q, &req.to_string());
                compared += 1;
            }
        }
    }
    assert!(compared >= 56, "{compared}");
}

#[test]
fn every_tariff_line_of_every_table_is_written_as_serde_json_writes_it() {
    // `rate` on each two-digit chapter answers with every line under it: every duty expression
    // of the US, GB, EU and JP tables passes through the writer. Six-digit codes add prefix,
    // exact and correlated matches (HS 2022 codes on the HS 2017 GB/EU tables).
    let e = engine();
    let mut lines = 0;
    for dest in ["US", "GB", "DE", "JP"] {
        for chapter in 1..=99 {
            let code = format!("{chapter:02}");
            if let Ok(r) = e.rate(dest, &code, date("2026-03-02")) {
                lines += r.lines.as_ref().map_or(0, Vec::len);
                assert_same(&r, &format!("rate {dest} {code}"));
            }
        }
        for code in ["610910", "6109100010", "85176200", "841451", "850760", "2204", "170490", "220421", "880622"] {
            if let Ok(r) = e.rate(dest, code, date("2026-03-02")) {
                assert_same(&r, &format!("rate {dest} {code}"));
            }
        }
    }
    assert!(lines > 20_000, "{lines} tariff lines");
}

#[test]
fn snapshot_info_and_coverage_are_written_as_serde_json_writes_them() {
    let e = engine();
    for d in ["2019-01-01", "2025-05-01", "2026-03-02", "2026-07-01", "2030-01-01"] {
        assert_same(&e.snapshot_info(date(d)), &format!("snapshot info {d}"));
        assert_same(&e.countries(date(d)), &format!("countries {d}"));
    }
}

#[test]
fn parts_to_fetch_are_written_as_serde_json_writes_them() {
    // Natively every part is inline (nothing is missing), so the list is built by hand.
    let parts = vec![
        PartRef { name: "GB:55-69".into(), file: "landed-part-0123456789abcdef.bin".into(), bytes: 16_384 },
        PartRef { name: "fx_ecb_daily.tsv@2026".into(), file: "landed-part-fedcba9876543210.bin".into(), bytes: 0 },
    ];
    assert_same(&parts, "parts");
    assert_same(&Vec::<PartRef>::new(), "no parts");
    assert_same(&engine().missing_parts("US"), "missing parts US");
}

const DESTINATIONS: [&str; 12] = ["GB", "DE", "FR", "US", "CA", "AU", "JP", "CH", "NO", "BR", "ZA", "XI"];
const CODES: [&str; 10] =
    ["6109100010", "8471300000", "6404110000", "2204210900", "4202210000", "9503000000", "1704", "61", "7208", "9102"];
const CURRENCIES: [&str; 5] = ["USD", "EUR", "GBP", "JPY", "CNY"];
const ORIGINS: [&str; 6] = ["CN", "US", "MX", "VN", "FR", "JP"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn generated_quotes_are_written_as_serde_json_writes_them(
        dest in 0usize..DESTINATIONS.len(),
        currency in 0usize..CURRENCIES.len(),
        origin in 0usize..ORIGINS.len(),
        dap in any::<bool>(),
        month in 1u32..=12,
        year in 2025i32..=2026,
        shipping in 0u64..50_000,
        lines in prop::collection::vec((0usize..CODES.len(), 1u64..40, 1u64..300_000, any::<bool>()), 1..5),
    ) {
        let lines: Vec<_> = lines.iter().enumerate().map(|(i, (code, qty, cents, units))| {
            let mut l = json!({"id": format!("l{i}"), "code": CODES[*code], "quantity": qty.to_string(),
                "unit_price": format!("{}.{:02}", cents / 100, cents % 100), "weight_kg": "0.7"});
            if *units {
                l["volume_l"] = json!("0.75");
                l["alcohol_pct"] = json!("13.5");
            }
            l
        }).collect();
        let req = json!({"destination": DESTINATIONS[dest], "date": format!("{year}-{month:02}-15"),
            "currency": CURRENCIES[currency], "display_currency": "EUR", "origin": ORIGINS[origin],
            "ship_from": ORIGINS[origin], "incoterm": if dap { "DAP" } else { "DDP" },
            "shipping": format!("{}.{:02}", shipping / 100, shipping % 100), "lines": lines});
        let req = landed::request::decode(&req.to_string()).unwrap();
        if let Ok(q) = engine().quote(&req) {
            assert_same(&q, &format!("{req:?}"));
        }
    }
}
