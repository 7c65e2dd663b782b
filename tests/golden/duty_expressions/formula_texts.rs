//! audit-ll LL10, LL12, LL40/LL65, LL72, LL99: a duty's formula and reason say what the tariff's
//! text says, in figures a person can check, each thing once.

use crate::common::{d, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::{json, Value};

fn one(destination: &str, currency: &str, date: &str, line: Value) -> Quote {
    quote(json!({"destination": destination, "date": date, "currency": currency, "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "business_buyer": true, "origin": "CN", "ship_from": "CN",
        "lines": [line]}))
}

/// The duty's amount and formula.
fn duty(q: &Quote) -> (Option<rust_decimal::Decimal>, String) {
    let l = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty");
    (l.amount, l.formula.to_string())
}

#[test]
fn a_division_that_does_not_end_is_shown_as_one_us_9609_10_00() {
    // HTSUS 9609.10.00 "14¢/gross + 4.3%": 200 pencils at US$0.25: 200/144 × 14¢ = 19.44¢ +
    // 4.3 % × 50 = 2.15 → 2.34. The formula showed "× 1.3888888888888888888888888889".
    let q = one(
        "US",
        "USD",
        "2026-11-20",
        json!({"id": "a", "code": "9609100000", "quantity": "200", "unit_price": "0.25"}),
    );
    let (amount, formula) = duty(&q);
    assert_eq!(amount, Some(d("2.34")));
    assert!(formula.contains("14 cents/gross × 200/144 (1.3889)"), "{formula}");
}

#[test]
fn clean_kg_is_said_once_us_5101_11_60() {
    // HTSUS 5101.11.60 "18.7¢/clean kg": 60 kg clean = 11.22; the formula read "clean kg clean".
    let q = one(
        "US",
        "USD",
        "2026-11-20",
        json!({"id": "a", "code": "51011160", "quantity": "1",
        "unit_price": "500", "units": {"kg:clean": "60"}}),
    );
    let (amount, formula) = duty(&q);
    assert_eq!(amount, Some(d("11.22")));
    assert!(formula.contains("18.7 cents/clean kg × 60 ") && !formula.contains("clean kg clean"), "{formula}");
}

#[test]
fn a_rate_per_100_kg_per_percent_of_sucrose_says_so_fr_1702_20_10() {
    // CET 1702.20.10 "0.40 EUR/100 kg/net/ % sacchar.": 100 kg at 95 % sucrose = 0.40 × 1 × 95 =
    // 38.00. The formula read "0.4 EUR/100 kg sucrose × 95", which is 0.38.
    let q = one(
        "FR",
        "EUR",
        "2026-11-20",
        json!({"id": "a", "code": "1702201000", "quantity": "1",
        "unit_price": "500", "units": {"kg:sucrose": "95"}}),
    );
    let (amount, formula) = duty(&q);
    assert_eq!(amount, Some(d("38.00")));
    assert!(formula.contains("0.4 EUR/100 kg per 1 % sucrose × 95"), "{formula}");
}

#[test]
fn a_missing_volume_is_asked_for_once_jp_2204_21_020() {
    // Japan 2204.21-020 "15% MAX 125 JPY / l MIN 67 JPY / l": without the volume both yen terms
    // need it; the reason said "needs the quantity in l" twice.
    let q = one(
        "JP",
        "JPY",
        "2026-11-20",
        json!({"id": "a", "code": "2204.21-020", "quantity": "1200",
        "unit_price": "500"}),
    );
    let why = q.lines[0].reason.clone().unwrap_or_default();
    assert_eq!(why.matches("needs the quantity in l").count(), 1, "{why}");
}

#[test]
fn a_date_between_the_seasons_is_said_as_ours_de_0804_40_00() {
    // CET 0804.40.00 "4.00% (01 JAN-31 MAR, 01-31 DEC), 5.10% (01 JUN-30 NOV)": the file's windows
    // leave 1 April-31 May uncovered. The reason quoted "no season covers 2026-04-15" as if it
    // were the tariff's text and called it a condition the engine cannot test.
    let q =
        one("DE", "EUR", "2026-04-15", json!({"id": "a", "code": "0804400000", "quantity": "1", "unit_price": "500"}));
    let (amount, _) = duty(&q);
    assert_eq!(amount, None);
    let why = q.lines[0].reason.clone().unwrap_or_default();
    assert!(why.contains("none of its windows (01-01..03-31, 12-01..12-31, 06-01..11-30) covers 2026-04-15"), "{why}");
    assert!(!why.contains("cannot test") && !why.contains("\"no season"), "{why}");
}
