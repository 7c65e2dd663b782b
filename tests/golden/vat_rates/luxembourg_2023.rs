//! Luxembourg's temporary VAT rates of 2023.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineQuote, LineStatus};
use serde_json::json;

// fix-x (session 18): findings of audit-x (findings/audit-x.md), each fixed at its source and
// tested here against the law it cites; the auditor's figures are checked by hand in comments.

/// The tax levy of a line: its amount and its lower bound, and its formula.
fn tax(line: &LineQuote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>, String) {
    let t = line.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("a tax levy");
    (t.amount, t.partial_amount, t.formula.to_string())
}

/// X1. Luxembourg's loi du 26/10/2022 (Mémorial A n° 534) lowered each VAT rate by one point for
/// 2023 (standard 16 %, intermediate 13 %, reduced 7 %: vat_extra.tsv's LU 2023 rows; Access2Markets
/// "reduced rate 8 % (Annex A goods) from 2024-01-01, 7 % before"), the annexes' goods unchanged.
/// Cut flowers (annexe A, reduced) on 2023-06-01: 7 % × 224.00 = 15.68 (by hand: 200.00 + duty
/// 24.00 = 224.00; 224 × 0.07 = 15.68), not the standard 16 % (35.84) priced complete; still wine of
/// 12.5 % vol (annexe B, intermediate): 13 % × 242.88 = 31.57 at least (242.88 × 0.13 = 31.5744),
/// not "at least" 16 % (38.86), which was above the true tax.
#[test]
fn luxembourg_2023_takes_the_reduced_and_intermediate_rates_of_2023_x1() {
    let q = quote(json!({"destination": "LU", "origin": "CN", "date": "2023-06-01", "currency": "EUR",
        "incoterm": "DDP", "channel": "courier", "shipping": "0",
        "lines": [{"id": "wine", "code": "2204.21.09", "quantity": "12", "unit_price": "20", "volume_l": "9", "alcohol_pct": "12.5"},
                  {"id": "fl", "code": "0603.11.00", "quantity": "1", "unit_price": "200"}]}));
    let (_, _, wine) = tax(&q.lines[0]);
    assert!(wine.starts_with("13% × 242.88 = at least 31.57"), "{wine}");
    assert!(wine.contains("lu-wine-2023"), "{wine}");
    let fl = &q.lines[1];
    assert_ne!(fl.status, LineStatus::Priced);
    let (amount, lower, formula) = tax(fl);
    assert_eq!((amount, lower), (None, Some(d("15.68"))), "{formula}");
    assert!(formula.contains("7% × 224.00 = 15.68") && formula.contains("lu-cut-flowers-2023"), "{formula}");
    // From 2024-01-01 the reduced rate is 8 % again: 8 % × 224.00 = 17.92.
    let q24 = quote(json!({"destination": "LU", "origin": "CN", "date": "2024-06-01", "currency": "EUR",
        "incoterm": "DDP", "channel": "courier", "shipping": "0",
        "lines": [{"id": "fl", "code": "0603.11.00", "quantity": "1", "unit_price": "200"}]}));
    assert_eq!(tax(&q24.lines[0]).1, Some(d("17.92")));
}
