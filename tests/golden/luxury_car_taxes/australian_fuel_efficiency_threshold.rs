//! Australia's luxury car tax threshold for fuel-efficient cars (A New Tax System (Luxury Car
//! Tax) Act 1999 s. 25-1(4), as amended in 2025).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

// fix-z (session 19): research-y's proposals (findings/research-y.md) encoded at their source
// rows, each tested here against the law it cites. Rows whose amount was not read in a primary
// text are `verify`: the line they touch is partial with the reason, never priced.

fn au(date: &str, line: Value) -> Quote {
    quote(json!({"destination": "AU", "date": date, "currency": "AUD", "channel": "freight", "transport": "ocean",
                 "origin": "US", "ship_from": "US", "incoterm": "DDP", "shipping": "0", "lines": [line]}))
}

fn excise(q: &Quote) -> &landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).expect("an excise levy")
}

fn unused(q: &Quote, field: &str) -> Vec<String> {
    q.warnings
        .iter()
        .filter(|w| w.code == "W_INPUT_UNUSED" && w.message.split(':').next().is_some_and(|f| f.ends_with(field)))
        .map(|w| w.message.to_string())
        .collect()
}

/// An AUD 90,000 car of 8703.23 at 5.0 l/100 km combined, duty 0 %: GST 10 % × 90,000 = 9,000,
/// LCT value 99,000.00 (A New Tax System (Luxury Car Tax) Act 1999 s.7-15(1): 33 % × 10/11 ×
/// (LCT value − threshold)).
fn car(date: &str) -> Quote {
    au(
        date,
        json!({"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "90000.00", "duty_rate": "0%",
               "fuel_l_per_100km": "5.0"}),
    )
}

/// research-y item 1. LCT Act s.25-1(3)(b) as substituted by the Treasury Laws Amendment (Tax
/// Incentives and Integrity) Act 2025 (No. 29 of 2025): from 2025-26 the threshold is $80,567
/// indexed; s.25-1(4): from 2025-07-01 only a car of at most **3.5** l/100 km has the
/// fuel-efficient car limit (second reading speech: "From 1 July 2025 ... they must not use more
/// than 3.5 litres of fuel per 100 kilometres to qualify. This is down from the current rate of
/// seven litres"). So a 5.0 l/100 km car on 2026-08-01 takes the general threshold, 2026-27
/// $80,809 (secondary: the ATO table not read, so `verify`): 33 % × 10/11 × (99,000 − 80,809) =
/// 0.3 × 18,191 = **5,457.30**, listed not priced (the figure in the formula only: no
/// `partial_amount`, docs/rules.md §18, a guess is not a lower bound; fix-bb, audit-z Z2), the
/// line partial with the row named; and its fuel consumption is read (no `W_INPUT_UNUSED`,
/// audit-x X10).
#[test]
fn an_au_car_of_5_l_in_2026_27_takes_the_general_lct_threshold_s25_1_4_as_amended_2025() {
    let q = car("2026-08-01");
    let lct = excise(&q);
    assert_eq!(lct.source.row(), "excise_rates.tsv#au-lct-2026-27");
    assert_eq!((lct.amount, lct.partial_amount), (None, None), "{}", lct.formula);
    let f = lct.formula.as_str();
    assert!(f.contains("80,809") && f.contains("over 3.5") && f.contains("5,457.30"), "{f}");
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    let reason = l.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("au-lct-2026-27") && reason.contains("[verify]"), "{reason}");
    assert!(unused(&q, "fuel_l_per_100km").is_empty(), "{:?}", q.warnings);
    assert!(!q.totals.complete);

    // At 3.5 l/100 km (at most 3.5): the fuel-efficient car limit, 2026-27 $91,661 (secondary):
    // 0.3 × (99,000 − 91,661) = 2,201.70, listed not priced.
    let mut efficient = json!({"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "90000.00",
                               "duty_rate": "0%", "fuel_l_per_100km": "3.5"});
    let q = au("2026-08-01", efficient.take());
    assert_eq!(excise(&q).source.row(), "excise_rates.tsv#au-lct-2026-27-fuel-efficient");
    assert_eq!((excise(&q).amount, excise(&q).partial_amount), (None, None));
    assert!(excise(&q).formula.as_str().contains("2,201.70"), "{}", excise(&q).formula);

    // 2025-26 (the thresholds unchanged from 2024-25, as reported): the 5.0 l car is over 3.5,
    // so $80,567: 0.3 × (99,000 − 80,567) = 5,529.90, listed not priced.
    let q = car("2026-03-01");
    assert_eq!(excise(&q).source.row(), "excise_rates.tsv#au-lct-2025-26");
    assert_eq!((excise(&q).amount, excise(&q).partial_amount), (None, None));
    assert!(excise(&q).formula.as_str().contains("5,529.90"), "{}", excise(&q).formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(unused(&q, "fuel_l_per_100km").is_empty(), "{:?}", q.warnings);
}

/// LCT Act s.25-1(3)(a) and (4) before 2025-07-01 (ATO "Luxury car tax rate and thresholds",
/// 2024-25: fuel-efficient $91,387, other $80,567; the 7 l/100 km test): the same 5.0 l car on
/// 2025-06-30 has the fuel-efficient car limit, 0.3 × (99,000 − 91,387) = **2,283.90**, priced
/// from the `official` row.
#[test]
fn an_au_car_of_5_l_on_2025_06_30_keeps_the_7_l_test_and_the_2024_25_limit() {
    let q = car("2025-06-30");
    let lct = excise(&q);
    assert_eq!(lct.source.row(), "excise_rates.tsv#au-lct-2024-25-fuel-efficient");
    assert_eq!(lct.amount, Some(d("2283.90")), "{}", lct.formula);
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
    assert!(unused(&q, "fuel_l_per_100km").is_empty(), "{:?}", q.warnings);
}
