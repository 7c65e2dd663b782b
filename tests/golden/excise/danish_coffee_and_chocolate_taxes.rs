//! Denmark's coffee tax and chocolate and sugar goods tax (audit-ii II5, II23). To 2025 the
//! rates are the law's as Skattestyrelsen's Juridiske vejledning states them (coffee: roasted
//! DKK 7.67/kg from 2018-01-01, forbrugsafgiftsloven § 11; chocolate: DKK 25.97/kg from
//! 2015-01-01, chokoladeafgiftsloven § 1-2); from 2026 both are reported halved and to be
//! abolished in 2027 (the government's announcement of 2025-08-22, press only): a `verify` row
//! whose note does not quote the old rates as the day's.

use crate::common::quote;
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

fn dk(date: &str, code: &str) -> Quote {
    quote(json!({"destination": "DK", "date": date, "currency": "DKK", "channel": "freight", "transport": "road",
        "origin": "CH", "ship_from": "CH", "incoterm": "DDP", "business_buyer": true,
        "lines": [{"id": "x", "code": code, "quantity": "10", "unit_price": "50", "weight_kg": "5", "duty_rate": "0%"}]}))
}

fn excise_rows(q: &Quote) -> Vec<String> {
    q.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Excise).map(|l| l.source.row().to_string()).collect()
}

#[test]
fn danish_coffee_tax_rates_of_2018_to_2025_end_with_2025_forbrugsafgiftsloven_11() {
    let q = dk("2025-12-31", "0901.21");
    assert_eq!(excise_rows(&q), ["excise.tsv#dk-coffee-tax"]);
    assert!(q.lines[0].reason.as_deref().unwrap().contains("DKK 7.67/kg"));
    let q = dk("2026-11-27", "0901.21");
    assert_eq!(excise_rows(&q), ["excise.tsv#dk-coffee-tax-2026"]);
    let reason = q.lines[0].reason.as_deref().unwrap();
    assert!(reason.contains("reported halved from 2026") && reason.contains("may be twice them"), "{reason}");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

#[test]
fn chocolate_into_denmark_lists_the_chocolate_tax_chokoladeafgiftsloven_1() {
    let q = dk("2025-06-02", "1806.32");
    assert_eq!(excise_rows(&q), ["excise.tsv#dk-chocolate-sugar-tax"]);
    assert!(q.lines[0].reason.as_deref().unwrap().contains("DKK 25.97"));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete);
    assert_eq!(excise_rows(&dk("2026-11-27", "1806.32")), ["excise.tsv#dk-chocolate-sugar-tax-2026"]);
}
