//! audit-ll LL44, LL67, LL68: the CN's supplementary units in the EU and UK tariffs' duty texts.
//!
//! "kg/net eda" is the CN supplementary unit KNE, "kilogram drained net weight" (the Intrastat
//! list of supplementary units, e.g. Statistics Estonia's "KNE Kilogram drained net weight
//! kg/net eda"): the EU CET's "8.3 + 3.8 EUR/100 kg eda" (2008.99.91, `eu.tsv`) and the UKGT's
//! "4.00% + 7.80 GBP/100kg eda" (0710.40.00, `gb.tsv`) charge per kg:drained, the measure the
//! EU's own row for the same goods names ("5.10% + 9.40 EUR / 100 kg / net drained wt").
//! The UKGT's "42.00 GBP/100kg mas" (1702.30.10 …): no text we hold defines "mas" (the EU row for
//! the same goods reads "/ net dry"), so the term is not priced, naming the unit.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn one(destination: &str, currency: &str, code: &str, value: &str, units: Value) -> Quote {
    quote(json!({"destination": destination, "date": "2026-11-20", "currency": currency, "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "origin": "CN", "ship_from": "CN", "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": value, "units": units}]}))
}

fn duty(q: &Quote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>) {
    let l = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty");
    (l.amount, l.partial_amount)
}

#[test]
fn eda_is_the_drained_net_weight_gb_0710_40_00_and_eu_2008_99_91() {
    // GB sweetcorn, £500, 500 kg drained: 4 % × 500 + 7.80 × 5 = 20.00 + 39.00 = 59.00 (it was
    // partial 20.00, asking for an opaque kg:eda).
    let q = one("GB", "GBP", "0710400000", "500", json!({"kg:drained": "500"}));
    assert_eq!(duty(&q), (Some(d("59.00")), None), "{:?}", q.lines[0].reason);
    assert!(!q.warnings.iter().any(|w| w.message.contains("kg:drained")), "{:?}", q.warnings);
    // FR 2008.99.91, €500, 600 kg drained: 8.3 % × 500 + 3.8 × 6 = 41.50 + 22.80 = 64.30.
    let q = one("FR", "EUR", "2008999100", "500", json!({"kg:drained": "600"}));
    assert_eq!(duty(&q), (Some(d("64.30")), None), "{:?}", q.lines[0].reason);
    // Without it the line asks for kg:drained.
    let q = one("GB", "GBP", "0710400000", "500", json!({}));
    assert_eq!(duty(&q), (None, Some(d("20.00"))));
    assert!(q.lines[0].reason.clone().unwrap_or_default().contains("kg:drained"), "{:?}", q.lines[0].reason);
}

#[test]
fn mas_is_not_a_unit_the_engine_guesses_gb_1702_30_10_and_1702_50_00() {
    let q = one("GB", "GBP", "1702301000", "1000", json!({"kg": "1000"}));
    let l = &q.lines[0];
    assert_eq!(duty(&q), (None, None));
    assert_ne!(l.status, LineStatus::Priced);
    let why = l.reason.clone().unwrap_or_default();
    assert!(why.contains("42 GBP/100kg mas") && why.contains("a unit the tariff does not define"), "{why}");
    assert!(!why.contains("kg:mas"), "{why}");
    // 1702.50.00 "16.00% + 42.00 GBP/100kg mas": the ad valorem part is priced, at least 160.00.
    let q = one("GB", "GBP", "1702500000", "1000", json!({}));
    assert_eq!(duty(&q), (None, Some(d("160.00"))));
}
