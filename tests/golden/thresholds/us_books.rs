//! Books into the US from 2026-06-24: no de minimis (CBP decision 26-12).

use crate::common::quote;
use serde_json::json;

// Rows whose primary text was read in session 18 (research-w): Canada's CAD 60 gift relief in
// CBSA's memorandum. Each test names its source; figures are worked by hand from it.

/// A consignment to the US by courier from the UK on `date`.
fn us_courier(date: &str, code: &str, price: &str) -> landed::quote::Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "courier",
        "origin": "GB", "ship_from": "GB",
        "lines": [{"id": "b", "code": code, "quantity": "1", "unit_price": price}]}))
}

#[test]
fn from_2026_06_24_books_have_no_de_minimis_cbp_dec_26_12() {
    // CBP Dec. 26-12 (91 FR 37789, from 2026-06-24), new 19 CFR 10.151(b): the US$800 exemption
    // "is suspended for merchandise arriving via all modes other than through the international
    // postal network" (145.31(b), CBP Dec. 26-13, for the postal network), made under 19 U.S.C.
    // 1321(b): no exception for the 50 U.S.C. 1702(b) goods the EO's suspension left out. The
    // day before, the 1702(b) row is still considered for a US$50 book.
    let book = "4901.99.0093";
    let before = us_courier("2026-06-23", book, "50.00");
    assert!(before.thresholds.iter().any(|c| c.id == "us-de-minimis-800-1702b"));
    let after = us_courier("2026-06-24", book, "50.00");
    assert!(after.thresholds.iter().all(|c| !c.id.starts_with("us-de-minimis")), "{:?}", after.thresholds);
}
