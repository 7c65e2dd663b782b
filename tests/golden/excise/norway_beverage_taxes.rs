//! Norway's taxes on beverages and their packaging (audit-ii II19, II20). The beverage
//! packaging tax is in force (Skatteetaten, "Avgift på drikkevareemballasje": an environmental
//! tax by material and return share and a basic tax on one-way packaging, per packaging unit):
//! listed `verify` on every beverage (its Stortinget decision and the year's rates not read), so
//! a soft drink into Norway is partial, never complete without it.

use crate::common::quote;
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

fn no(date: &str, code: &str, quantity: &str, price: &str) -> Quote {
    quote(json!({"destination": "NO", "date": date, "currency": "NOK", "channel": "freight", "transport": "road",
        "origin": "SE", "ship_from": "SE", "incoterm": "DDP", "business_buyer": true,
        "lines": [{"id": "x", "code": code, "quantity": quantity, "unit_price": price, "duty_rate": "0%"}]}))
}

fn excise_rows(q: &Quote) -> Vec<String> {
    q.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Excise).map(|l| l.source.row().to_string()).collect()
}

#[test]
fn a_soft_drink_into_norway_lists_the_beverage_packaging_tax_skatteetaten() {
    let q = no("2026-11-27", "2202.10", "24", "30");
    assert_eq!(excise_rows(&q), ["excise.tsv#no-beverage-packaging-tax"]);
    assert_eq!(q.lines[0].status, LineStatus::Partial, "{:?}", q.lines[0].reason);
    assert!(!q.totals.complete);
    // Beer bears the alcohol duty and the packaging tax.
    let q = no("2026-11-27", "2203.00", "24", "30");
    assert_eq!(excise_rows(&q).len(), 2, "{:?}", excise_rows(&q));
}
