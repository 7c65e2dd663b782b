//! fix-bb (session 20): audit-z's findings (findings/audit-z.md) Z2, Z5, Z6, Z7 fixed at their
//! source, each tested against the law it cites.

mod common;

use common::{d, engine, quote, request};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn au_car(date: &str, price: &str, fuel: &str) -> Value {
    json!({"destination": "AU", "date": date, "currency": "AUD", "channel": "freight", "transport": "ocean",
           "origin": "JP", "ship_from": "JP", "incoterm": "DDP", "shipping": "0",
           "lines": [{"id": "car", "code": "8703.80.00", "quantity": "1", "unit_price": price, "duty_rate": "0%",
                      "fuel_l_per_100km": fuel}]})
}

fn excise(q: &Quote) -> &landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).expect("an excise levy")
}

/// audit-z Z2. docs/rules.md rule 18: a row from a secondary source (`verify`) is never priced and
/// has no `partial_amount` ("a guess is not a lower bound"). The AU luxury car tax 2026-27
/// threshold ($80,809, from a reported indexation factor; the ATO table not read) is such a row:
/// a higher true threshold gives a smaller tax (A New Tax System (Luxury Car Tax) Act 1999
/// s.7-15(1): 33 % × 10/11 × (LCT value − threshold)), so 0.3 × (99,000 − 80,809) = 5,457.30 is
/// no "at least". The figure stays in the formula; the totals keep the GST only (GST Act s.13-20:
/// 10 % × 90,000 = 9,000.00), `at_least`.
#[test]
fn a_verify_au_lct_row_is_not_a_lower_bound_rule_18() {
    let q = quote(au_car("2026-08-01", "90000.00", "5.0"));
    let lct = excise(&q);
    assert_eq!(lct.source.row(), "excise_rates.tsv#au-lct-2026-27");
    assert_eq!((lct.amount, lct.partial_amount), (None, None), "{}", lct.formula);
    assert!(lct.formula.as_str().contains("5,457.30") && lct.formula.as_str().contains("not a lower bound"), "{}", lct.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(q.totals.tax, d("9000.00"));
    assert!(q.totals.at_least && !q.totals.complete);

    // 2025-26 (`au-lct-2025-26`, also `verify`): the same, GST only in the totals.
    let q = quote(au_car("2025-07-01", "90000.00", "5.0"));
    assert_eq!(excise(&q).source.row(), "excise_rates.tsv#au-lct-2025-26");
    assert_eq!(excise(&q).partial_amount, None);
    assert_eq!(q.totals.tax, d("9000.00"));

    // `reverse` solves on those totals: all-in AUD 120,000 = net × 1.1 (GST) with nothing for
    // the LCT, an upper bound on the net price (the LCT may be due on top).
    use landed::reverse::{reverse, Charm, GreyZonePolicy};
    let req = request(au_car("2025-07-01", "1.00", "3.6"));
    let r = reverse(&engine(), &req, d("120000.00"), Charm::None, GreyZonePolicy::ClampBelow).unwrap();
    assert_eq!(r.bound.as_ref().map(|b| b.net_price_is.as_str()), Some("upper"));
    let at = quote(au_car("2025-07-01", &r.net_price.to_string(), "3.6"));
    assert_eq!(at.totals.tax, at.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Tax).filter_map(|l| l.amount).sum());
    assert!(r.net_price > d("100711.95"), "{}", r.net_price);
}

