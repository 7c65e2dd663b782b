//! audit-pp PP5-PP7: the day (or days) of the ECB's rates that stand in for a destination's legal
//! customs rate, by the law's own period, where the data holds that period's rates.

use crate::common::{d, quote};
use landed::quote::{LevyKind, Quote};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// One line (cotton T-shirts) worth `price` in `currency`.
fn cart(destination: &str, date: &str, currency: &str, price: &str) -> Value {
    json!({"destination": destination, "date": date, "currency": currency, "origin": "CN", "channel": "freight",
           "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": price}]})
}

/// The pair's rate and source in the quote's `fx`.
fn fx(q: &Quote, pair: &str) -> (Decimal, String) {
    let f = q.fx.iter().find(|f| f.pair == pair).unwrap_or_else(|| panic!("{pair} used: {:?}", q.fx));
    (f.rate, f.source.clone())
}

/// The customs value the duty is charged on, in the destination's currency.
fn duty_base(q: &Quote) -> Decimal {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy").base
}

/// The stand-in warning of the pair.
fn stand_in(q: &Quote, pair: &str) -> String {
    let w = q.warnings.iter().find(|w| w.code == "W_ASSUMPTION" && w.message.starts_with(&format!("fx {pair}:")));
    w.unwrap_or_else(|| panic!("the {pair} stand-in is stated: {:?}", q.warnings)).message.to_string()
}

/// Switzerland: "Es gilt der am letzten Börsentag vor der Entstehung der Einfuhrsteuerschuld (in
/// der Regel der Kurs des Vortags) notierte Devisenkurs" (BAZG, "Waren anmelden", as audit-pp PP6
/// quotes it; MWSTG art. 54(2) behind it, not read): the ECB's fixing of the last day before the
/// as-of date stands in, never the day's own. EUR 1,000 on Thursday 2026-10-15: ECB 2026-10-14,
/// EUR/CHF 0.9330 → CHF 933.00 (the day's own 0.9305 gave 930.50); on Monday 2026-10-12 Friday's.
#[test]
fn switzerland_converts_at_the_last_fixing_before_the_day_pp6() {
    let q = quote(cart("CH", "2026-10-15", "EUR", "1000.00"));
    assert_eq!(fx(&q, "EUR/CHF"), (d("0.933"), "ECB euro reference rates of 2026-10-14 (cross rate via EUR)".into()));
    assert_eq!(duty_base(&q), d("933.00"));
    let said = stand_in(&q, "EUR/CHF");
    assert!(said.contains("ECB reference rate of 2026-10-14") && said.contains("last trading day before"), "{said}");
    let monday = quote(cart("CH", "2026-10-12", "EUR", "1000.00"));
    assert!(fx(&monday, "EUR/CHF").1.contains("2026-10-09"), "{:?}", monday.fx);
}
