//! US additional duties: the findings of the audit of 2026-11-26 (audit-d), each case citing the
//! HTSUS heading, general note or statute it rests on. Figures are worked by hand from the rates
//! of the tariff lines (`tariffs/us.tsv`) and the chapter 99 headings (HTSUS 2026 Rev 3/Rev 10).

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
use serde_json::json;

/// One formal ocean entry of one line, DDP, shipped from its origin.
fn us(origin: &str, date: &str, code: &str, price: &str) -> Quote {
    us_line(origin, date, json!({"id": "a", "code": code, "quantity": "1", "unit_price": price}))
}

fn us_line(origin: &str, date: &str, line: serde_json::Value) -> Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "entry_type": "formal", "incoterm": "DDP", "origin": origin, "ship_from": origin, "lines": [line]}))
}

/// The levy of a line whose name contains `text`.
fn levy_named<'q>(line: &'q LineQuote, text: &str) -> Option<&'q landed::quote::Levy> {
    line.levies.iter().find(|l| l.name.as_str().contains(text))
}

fn duty(line: &LineQuote) -> Option<rust_decimal::Decimal> {
    line.levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount)
}

// D0. HTSUS general note 3(b): products of Cuba, North Korea, and (Pub. L. 117-110 sec. 2, from
// the day after its enactment on 2022-04-08) Russia and Belarus pay the column 2 rate; heading
// 9903.01.29 ("Articles the product of any country identified in general note 3(b)") is excepted
// from the reciprocal tariff 9903.01.25.

#[test]
fn general_note_3b_countries_pay_the_column_2_rate_and_no_reciprocal_duty() {
    // 6109.10.00 (cotton T-shirts): column 1 general 16.5 %, column 2 ("other") 90 % (HTS Rev 10).
    for origin in ["RU", "BY", "CU", "KP"] {
        let q = us(origin, "2025-08-07", "6109.10.00", "1000.00");
        let line = &q.lines[0];
        assert_eq!(duty(line), Some(d("900.00")), "{origin}: {:?}", line.levies);
        assert!(levy_named(line, "column 2").is_some(), "{origin}");
        assert!(levy_named(line, "9903.01.25").is_none(), "{origin}: 9903.01.29 excepts it: {:?}", line.levies);
        assert!(line.excluded.iter().all(|e| e.ch99 != "9903.01.25"), "{origin}: the origin is outside its scope");
        assert_eq!(q.totals.duty, d("900.00"), "{origin}");
    }
    // A laptop of Cuba before any IEEPA duty: 8471.30.01 column 2 is 35 %, not column 1 Free.
    let q = us("CU", "2020-01-10", "8471.30.01", "1000.00");
    assert_eq!(duty(&q.lines[0]), Some(d("350.00")));
}

#[test]
fn russia_and_belarus_pay_column_2_from_2022_04_09_under_pub_l_117_110() {
    // Signed 2022-04-08; column 2 "on the day after the date of the enactment" (CBP CSMS #51575437).
    for origin in ["RU", "BY"] {
        let before = us(origin, "2022-04-08", "6109.10.00", "1000.00");
        assert_eq!(duty(&before.lines[0]), Some(d("165.00")), "{origin}: column 1 the day of enactment");
        let after = us(origin, "2022-04-09", "6109.10.00", "1000.00");
        assert_eq!(duty(&after.lines[0]), Some(d("900.00")), "{origin}: column 2 from the day after");
    }
    // A column 1 country is unchanged.
    let de = us("DE", "2022-04-09", "6109.10.00", "1000.00");
    assert_eq!(duty(&de.lines[0]), Some(d("165.00")));
}

#[test]
fn a_general_note_3b_country_has_no_preference_to_claim() {
    // The special column's programmes are column 1 rates: no alternative is offered.
    let q = us("RU", "2025-08-07", "6109.10.00", "1000.00");
    assert!(q.lines[0].alternatives.is_empty(), "{:?}", q.lines[0].alternatives);
    assert_eq!(q.lines[0].status, LineStatus::Priced);
}
