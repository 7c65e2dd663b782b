//! Canada's luxury tax beside an excise our data does not price.

use crate::common::{d, quote};
use landed::quote::{LineStatus, Quote};
use serde_json::{json, Value};

// m8-16: audit-m M8's smaller findings (findings/audit-m.md) and the CA luxury tax beside an
// unpriced excise (session 15's note), each decided from the text named beside it.

// Canada: the luxury tax beside the unpriced A/C excise.

/// A car into Alberta from Japan on 2026-11-20 at `price`, 6.1 % duty, with `extra_duties`.
fn ca_car(price: &str, extra: Value) -> Quote {
    quote(json!({"destination": "CA", "origin": "JP", "ship_from": "JP", "date": "2026-11-20", "currency": "CAD",
        "channel": "freight", "transport": "ocean", "incoterm": "DDP", "subdivision": "AB",
        "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": price, "duty_rate": "6.1%",
            "weight_kg": "1400", "fuel_l_per_100km": "7.0", "extra_duties": extra}]}))
}

fn luxury(q: &Quote) -> &landed::quote::Levy {
    q.lines[0].levies.iter().find(|v| v.name.as_str().starts_with("Luxury tax")).expect("luxury tax listed")
}

/// Select Luxury Items Tax Act (CRA, as quoted, excise_rates.tsv ca-luxury-tax-vehicles): the
/// lesser of 10 % of the taxable amount and 20 % of its excess over CAD 100,000, on value + duty +
/// the excises before it; the Excise Tax Act Sch. I s.7 A/C tax is CAD 100 when the car has an air
/// conditioner (the code does not tell). CAD 94,200 + 6.1 % = 99,946.20: with the A/C tax,
/// 100,046.20 and a luxury tax of min(20 % × 46.20, 10 % × 100,046.20) = 9.24. Without the
/// caller's answer the priced part's 0.00 is not "not due" (it was priced 0.00). The rate row is
/// `verify`: its figures are listed in the formula, no `partial_amount` (fix-cc, docs/rules.md
/// §18: a figure from a secondary source is no lower bound; they were "at least 0.00" and 9.24).
#[test]
fn a_luxury_tax_zero_beside_an_unpriced_ac_excise_is_a_lower_bound() {
    let q = ca_car("94200.00", json!([]));
    let lux = luxury(&q);
    assert_eq!((lux.amount, lux.partial_amount), (None, None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("not due on the priced part of its base"), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // The caller says the car has an air conditioner: CAD 100 in the base, 9.24.
    let ac = |rate: &str| json!([{"name": "A/C excise", "rate": rate, "kind": "excise", "answers": ["ca-ac-excise"]}]);
    let q = ca_car("94200.00", ac("100 CAD each"));
    assert_eq!(luxury(&q).partial_amount, None, "{}", luxury(&q).formula);
    assert!(luxury(&q).formula.as_str().contains("= 9.24"), "{}", luxury(&q).formula);
    // ... or none: the threshold settles it, 0.00 not due, priced.
    let q = ca_car("94200.00", ac("0%"));
    let lux = luxury(&q);
    assert_eq!((lux.amount, lux.partial_amount), (Some(d("0.00")), None), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Priced);
}
