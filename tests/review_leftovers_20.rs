//! fix-cc: session 19's review leftovers, each a silent or misleading path, each figure from the
//! law or source named beside it (docs/rules.md §18, §21, §4, §16, §17).

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn levy<'q>(q: &'q Quote, kind: LevyKind, name: &str) -> &'q landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == kind && l.name.as_str().starts_with(name)).expect(name)
}

// 1. Rule 18 for every `verify` excise row, also inside the VAT base.

/// A car into Ontario from Germany on 2026-11-26, 6.1 % duty, 8 l/100 km (no green levy), with
/// the caller's `extra_duties`.
fn ca_car(price: &str, extra: Value) -> Quote {
    quote(json!({"destination": "CA", "subdivision": "ON", "date": "2026-11-26", "currency": "CAD",
                 "channel": "freight", "origin": "DE", "ship_from": "DE", "incoterm": "DDP",
                 "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": price,
                            "duty_rate": "6.1%", "fuel_l_per_100km": "8.0", "extra_duties": extra}]}))
}

/// Select Luxury Items Tax Act (S.C. 2022, c. 10): the rate row `ca-luxury-tax-vehicles` (the
/// lesser of 20 % of the excess over CAD 100,000 and 10 % of the taxable amount) is from a
/// secondary source (the CRA's formula as brokers quote it; the import provision not read), so
/// its figure is no lower bound: a higher true threshold or a lower true rate gives less
/// (docs/rules.md §18, "a guess is never a lower bound"). A CAD 150,000 car, duty 9,150.00:
/// min(20 % × 59,150, 10 % × 159,150) = 11,830.00 stays in the formula only; the HST is at least
/// 13 % × (150,000 + 9,150) = 20,689.50 on a base without it (the true tax is at least 0), not
/// 13 % × 170,980 = 22,227.40, and the totals count no luxury tax (tax 20,689.50, not 34,057.40).
#[test]
fn a_verify_excise_in_the_vat_base_is_no_lower_bound_and_not_in_the_tax_base() {
    // The caller answers the A/C excise (no air conditioner): only the luxury tax is unverified.
    let ac = json!([{"name": "A/C excise", "rate": "0%", "kind": "excise", "answers": ["ca-ac-excise"]}]);
    let q = ca_car("150000.00", ac);
    let l = &q.lines[0];
    let lux = levy(&q, LevyKind::Excise, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (None, None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("= 11,830.00"), "{}", lux.formula);
    assert!(
        lux.formula.as_str().ends_with(": not priced (a figure from a secondary source, not a lower bound)"),
        "{}",
        lux.formula
    );
    let hst = levy(&q, LevyKind::Tax, "Import HST");
    assert_eq!((hst.amount, hst.partial_amount), (None, Some(d("20689.50"))), "{}", hst.formula);
    assert!(
        hst.formula.as_str().ends_with("13% × 159,150.00 = at least 20,689.50 (an excise in its base is not priced)"),
        "{}",
        hst.formula
    );
    assert_eq!(l.status, LineStatus::Partial);
    let reason = l.reason.as_deref().unwrap_or("");
    assert!(reason.contains("excise_rates.tsv#ca-luxury-tax-vehicles is from a secondary source [verify]"), "{reason}");
    assert_eq!((q.totals.tax, q.totals.landed), (d("20689.50"), d("179839.50")));
    assert!(!q.totals.complete && q.totals.at_least);
}

/// The same rule below the threshold beside an unpriced A/C excise (Excise Tax Act Sch. I s.7,
/// CAD 100): CAD 94,200 + 6.1 % = 99,946.20, and the A/C tax could bring the base over
/// CAD 100,000. The zero on the priced part is a `verify` row's figure too: listed, no
/// `partial_amount` (it was "at least 0.00"), the line partial.
#[test]
fn a_verify_excise_zero_on_a_base_not_fully_priced_is_listed_not_a_lower_bound() {
    let q = ca_car("94200.00", json!([]));
    let lux = levy(&q, LevyKind::Excise, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (None, None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("not due on the priced part of its base"), "{}", lux.formula);
    assert!(!lux.formula.as_str().contains("so at least 0.00"), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // With the caller's "0%" for the A/C excise the threshold settles it: 0.00, not due, priced
    // (docs/rules.md §21: a zero on a known base is priced even from a `verify` row).
    let ac = json!([{"name": "A/C excise", "rate": "0%", "kind": "excise", "answers": ["ca-ac-excise"]}]);
    let q = ca_car("94200.00", ac);
    let lux = levy(&q, LevyKind::Excise, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (Some(d("0.00")), None), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Priced);
}
