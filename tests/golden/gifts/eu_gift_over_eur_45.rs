//! An EU gift over EUR 45: the VAT stays known beside an unpriced duty.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineQuote};
use serde_json::json;

// fix-x (session 18): findings of audit-x (findings/audit-x.md), each fixed at its source and
// tested here against the law it cites; the auditor's figures are checked by hand in comments.

/// The tax levy of a line: its amount and its lower bound, and its formula.
fn tax(line: &LineQuote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>, String) {
    let t = line.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("a tax levy");
    (t.amount, t.partial_amount, t.formula.to_string())
}

/// X6. A gift over EUR 45 owes import VAT (Directive 2006/79/EC art. 1-2 relieves only up to
/// EUR 45): 19 % × 45.01 = 8.55 (by hand: 45.01 × 0.19 = 8.5519) whatever the duty the verify row
/// `eu-gift-duty-flat-700` leaves unpriced (0 to the EUR 3.00), so the at-least totals hold it.
#[test]
fn eu_gift_over_45_keeps_the_vat_without_the_unpriced_duty_x6() {
    let q = quote(json!({"destination": "DE", "origin": "US", "date": "2026-11-27", "currency": "EUR",
        "incoterm": "DAP", "channel": "post", "gift": true, "shipping": "0",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "1", "unit_price": "45.01"}]}));
    let (amount, lower, formula) = tax(&q.lines[0]);
    assert_eq!((amount, lower), (None, Some(d("8.55"))), "{formula}");
    assert!(formula.contains("19% × 48.01 = 9.12") && formula.contains("at least 19% × 45.01 = 8.55"), "{formula}");
    assert_eq!(q.totals.tax, d("8.55"));
    assert!(q.totals.at_least && !q.totals.complete);
}
