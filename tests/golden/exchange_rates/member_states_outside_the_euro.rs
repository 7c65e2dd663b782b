//! audit-pp PP1. Implementing Regulation (EU) 2015/2447 art. 146(1): the customs rate is "(a) the
//! rate published by the European Central Bank, for Member States whose currency is the euro; (b)
//! the rate published by the competent national authority ..., for Member States whose currency
//! is not the euro" (as quoted by the auditor from Haufe and the Agenzia delle Dogane). Our data
//! holds the ECB's rates only: for PL, SE, CZ, HU, RO, DK (and BG before the euro) the ECB cross
//! of the reference Wednesday stands in, labelled and warned as a stand-in, never as the EU
//! customs rate (Poland's NBP rate of August 2004 was USD 3.6181 where the ECB cross gave 3.6326).

use crate::common::quote;
use serde_json::json;

#[test]
fn a_member_state_outside_the_euro_says_the_ecb_cross_stands_in_for_its_national_rate_pp1() {
    let q = quote(json!({"destination": "PL", "date": "2026-11-10", "currency": "USD", "origin": "CN",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "1000"}]}));
    let usd = q.fx.iter().find(|f| f.pair == "USD/PLN").expect("USD/PLN");
    assert_eq!(
        usd.source,
        "ECB euro reference rate of 2026-10-21 (standing in for PL's customs rate, published by its national authority, for 2026-11)"
    );
    assert!(q
        .warnings
        .iter()
        .any(|w| w.message.starts_with("fx USD/PLN: assumes the ECB reference rate of 2026-10-21 stands in")));
    // A member of the euro keeps the ECB's rate as its customs rate, with no warning.
    let de = quote(json!({"destination": "DE", "date": "2026-11-10", "currency": "USD", "origin": "CN",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "1000"}]}));
    assert_eq!(de.fx[0].source, "ECB euro reference rate of 2026-10-21 (EU customs rate for 2026-11)");
    assert!(!de.warnings.iter().any(|w| w.message.starts_with("fx USD/EUR")));
}
