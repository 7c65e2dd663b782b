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

/// Norway's tax on non-alcoholic beverages with added sugar or sweetener (Stortingets vedtak:
/// NOK 3.51 per litre at import from 2020-07-01), ended from 2021-07-01 (regjeringen.no,
/// Skatteetaten), and its chocolate and sugar goods tax, ended from 2021-01-01 (2021 budget, as
/// the press reported it): listed `verify` to their last day (audit-ii II20).
#[test]
fn norways_soft_drinks_and_chocolate_taxes_are_listed_to_their_end_stortingets_vedtak() {
    let q = no("2020-06-01", "2202.10", "24", "30");
    assert_eq!(excise_rows(&q), ["excise.tsv#no-beverage-packaging-tax", "excise.tsv#no-non-alcoholic-beverages-tax"]);
    assert_eq!(excise_rows(&no("2021-06-30", "2202.10", "24", "30")).len(), 2);
    assert_eq!(excise_rows(&no("2021-07-01", "2202.10", "24", "30")), ["excise.tsv#no-beverage-packaging-tax"]);
    let q = no("2020-06-01", "1806.32", "1", "30");
    assert_eq!(excise_rows(&q), ["excise.tsv#no-chocolate-sugar-goods-tax"]);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(excise_rows(&no("2021-01-01", "1806.32", "1", "30")).is_empty());
}
