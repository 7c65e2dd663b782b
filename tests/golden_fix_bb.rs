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

/// audit-z Z5. From 2026-01-01 the lev is converted at the irrevocable rate 1 EUR = 1.95583 BGN
/// (Council Regulation (EC) No 2866/98 as amended for Bulgaria, `rules/fx_euro.tsv`), and
/// Regulation (EC) No 1103/97 art. 4(1): "the conversion rates shall be used for any conversion",
/// so it comes before the ECB's monthly lev rate for January 2026 (1.9558, fixed before the
/// changeover): BGN 10,000 into DE on 2026-01-01 = 10,000 / 1.95583 = 5,112.9198 = **EUR
/// 5,112.92** customs value (by hand; the ECB's row gave 5,113.00).
#[test]
fn the_lev_in_january_2026_takes_its_legal_rate_before_the_ecb_row_reg_1103_97_art_4() {
    let q = quote(json!({"destination": "DE", "origin": "CN", "ship_from": "CN", "date": "2026-01-01",
        "currency": "BGN", "channel": "freight", "transport": "ocean", "incoterm": "DDP", "shipping": "0",
        "lines": [{"id": "valve", "code": "8481.80.85", "quantity": "1", "unit_price": "10000"}]}));
    assert_eq!(q.lines[0].customs_value, d("5112.92"), "{:?}", q.fx);
    assert!(q.fx[0].source.starts_with("BGN at its legal conversion rate of 1.95583 per euro"), "{}", q.fx[0].source);
    // Dated before the changeover the ECB's lev rate stands.
    let before = quote(json!({"destination": "DE", "origin": "CN", "ship_from": "CN", "date": "2025-12-31",
        "currency": "BGN", "channel": "freight", "transport": "ocean", "incoterm": "DDP", "shipping": "0",
        "lines": [{"id": "valve", "code": "8481.80.85", "quantity": "1", "unit_price": "10000"}]}));
    assert!(before.fx[0].source.starts_with("ECB"), "{}", before.fx[0].source);
}
