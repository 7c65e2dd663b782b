//! Limits and bad input: each gets a typed error or a correct answer, never a panic, hang or
//! silent zero. Includes the regressions the fuzzers found.

use crate::common::{engine, landed};
use landed::error::ErrorCode;
use landed::request::QuoteRequest;
use serde_json::json;

fn quote(v: serde_json::Value) -> Result<landed::Quote, landed::Error> {
    let req: QuoteRequest = landed::request::decode(&v.to_string())?;
    engine().quote(&req)
}

fn line(id: usize, qty: &str, price: &str) -> serde_json::Value {
    json!({"id": format!("l{id}"), "code": "6109100010", "quantity": qty, "unit_price": price})
}

#[test]
fn fuzz_regression_huge_percentage_is_out_of_range_not_a_panic() {
    // cargo fuzz (duty_expr) found: Decimal multiplication overflow on a 28-digit percentage.
    let text = "2262254106000056714106567132 2%";
    let expr = landed::duty::DutyExpr::parse(text);
    let q = landed::units::Quantities::new();
    let input =
        landed::duty::DutyInput::value_only(rust_decimal::Decimal::new(123_456, 2), landed::money::Currency::USD, &q);
    let r = expr.evaluate(&input);
    assert!(!r.priceable);
    assert!(r.amount.is_none());
}

#[test]
fn a_cart_of_10000_lines_is_priced() {
    let lines: Vec<_> = (0..10_000).map(|i| line(i, "1", "10.00")).collect();
    let q = quote(
        json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR", "origin": "CN", "shipping": "999.99",
        "lines": lines}),
    )
    .unwrap();
    assert_eq!(q.lines.len(), 10_000);
    // 20 % ... of 100,000 goods: duty 12 % on CIF; shipping allocated to the cent.
    assert_eq!(q.lines.iter().map(|l| l.shipping).sum::<rust_decimal::Decimal>().to_string(), "999.99");
    assert!(q.totals.complete);
}

#[test]
fn quantities_of_10_to_the_12_are_priced_or_refused_clearly() {
    // 10^12 units at 0.001: value 10^9, priced.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP",
        "lines": [line(0, "1000000000000", "0.001")]}))
    .unwrap();
    assert_eq!(q.totals.goods.to_string(), "1000000000.00");
    // Over the limit: a typed error naming the field.
    let e = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP",
        "lines": [line(0, "10000000000000", "1")]}))
    .unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::TooLarge, Some("lines[0].quantity")));
    let e = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP",
        "lines": [line(0, "1000000000000", "1000000000000")]}))
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::TooLarge);
}

#[test]
fn prices_with_28_decimals_are_exact() {
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP",
        "lines": [line(0, "3", "0.3333333333333333333333333333")]}))
    .unwrap();
    assert_eq!(q.totals.goods.to_string(), "1.00");
}

#[test]
fn bad_inputs_are_typed_errors() {
    let base = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v =
            json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "lines": [line(0, "1", "10")]});
        f(&mut v);
        quote(v).unwrap_err().code
    };
    assert_eq!(base(&|v| v["lines"] = json!([])), ErrorCode::EmptyCart);
    // A value the field's type refuses is `E_INVALID_FIELD` naming the field (request::decode).
    assert_eq!(base(&|v| v["currency"] = json!("ZZZ")), ErrorCode::InvalidField);
    assert_eq!(base(&|v| v["date"] = json!("1850-01-01")), ErrorCode::InvalidField);
    assert_eq!(base(&|v| v["lines"] = json!([line(0, "1", "1"), line(0, "2", "2")])), ErrorCode::DuplicateLineId);
    assert_eq!(base(&|v| v["destination"] = json!("XX")), ErrorCode::Country);
    assert_eq!(base(&|v| v["fx"] = json!({"EUR/GBP": "0"})), ErrorCode::FxRate);
    // A date before the destination's first row is an error, not a fallback
    // (docs/rules.md#date-effective): the UK's starts when it joined the customs union, 1973.
    assert_eq!(base(&|v| v["date"] = json!("1972-06-01")), ErrorCode::UnsupportedDestination);
}

#[test]
fn non_utf8_bytes_are_a_typed_error_in_the_cli() {
    let path = std::env::temp_dir().join("landed-non-utf8.json");
    std::fs::write(&path, [0xff, 0xfe, b'{', 0x80]).unwrap();
    let out = landed(&["quote", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E_IO") && err.contains("UTF-8"), "{err}");
}
