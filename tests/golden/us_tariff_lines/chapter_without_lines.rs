//! A code of a chapter without tariff lines says so.

use crate::common;
use serde_json::json;

// audit-k (the US figures a merchant sees most, recomputed from the official HTS files): each
// finding fixed at its source, with the HTSUS text that settles the figure
// ([docs/rules.md](../../../docs/rules.md#us-additional-duties)).

/// 300 units at US$10.00 (US$3,000) of `code`, ocean freight, DDP.
fn us(date: &str, origin: &str, code: &str) -> serde_json::Value {
    json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "origin": origin, "ship_from": origin, "incoterm": "DDP",
        "lines": [{"id": "a", "code": code, "quantity": "300", "unit_price": "10.00"}]})
}

#[test]
fn a_code_of_a_chapter_without_lines_says_so_not_an_empty_list() {
    // audit-k K6: "0000.00.00" gave "nearest valid codes: : supply a valid code or duty_rate".
    let q = common::engine().quote(&common::request(us("2026-05-01", "CN", "0000.00.00")));
    let text = format!("{q:?}");
    assert!(text.contains("no code of chapter 00"), "{text}");
    assert!(!text.contains("nearest valid codes: :"), "{text}");
}
