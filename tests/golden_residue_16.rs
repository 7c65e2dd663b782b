//! Session 16's residue: no caller figure settles a row it does not name, no input ignored in
//! silence (docs/rules.md §21, §22; audit-n N7).

mod common;

use common::{d, levy, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// A Chinese e-bike of EUR 1,200 into France on 2026-11-26 (freight, DDP), with `extra_duties`.
/// It bears the anti-dumping and the countervailing duty of Implementing Regulations (EU) 2019/73
/// and 2019/72 (maintained by 2025/120 and 2025/114): `tariffs/rules/trade_remedies.tsv`
/// `eu-ebike-ad`, `eu-ebike-cvd`.
fn ebike(extra: Value) -> Quote {
    quote(json!({"destination": "FR", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
        "ship_from": "CN", "incoterm": "DDP", "lines": [{"id": "b", "code": "8711601000", "quantity": "1",
        "unit_price": "1200", "origin": "CN", "extra_duties": extra}]}))
}

/// The rows of the measures a line lists without an amount, with their `rate` column.
fn unanswered(q: &Quote) -> Vec<(String, String)> {
    let rows = q.lines[0].levies.iter().filter(|v| v.kind == LevyKind::AdditionalDuty && v.amount.is_none());
    rows.filter(|v| v.source.row().starts_with("trade_remedies.tsv"))
        .map(|v| (v.source.row().to_string(), v.rate.to_string()))
        .collect()
}

#[test]
fn a_caller_duty_naming_no_measure_beside_two_settles_neither_regulations_2019_72_and_2019_73() {
    // One caller duty of 62.1 % (the anti-dumping duty's residual rate, 2019/73 art. 1) without
    // `answers`: it may be the anti-dumping duty, the countervailing duty or their sum. It is
    // charged (62.1 % × 1,200.00 = 745.20), and each measure is listed "not answered": the line
    // is partial, never complete with the countervailing duty dropped in silence.
    let q = ebike(json!([{"name": "AD 2025/120", "rate": "62.1%"}]));
    let l = &q.lines[0];
    assert_eq!(
        unanswered(&q),
        [
            ("trade_remedies.tsv#eu-ebike-ad".to_string(), "not answered".to_string()),
            ("trade_remedies.tsv#eu-ebike-cvd".to_string(), "not answered".to_string())
        ]
    );
    assert_eq!(l.status, LineStatus::Partial);
    assert!(!q.totals.complete);
    let reason = l.reason.as_deref().unwrap();
    assert!(
        reason.contains("the caller's duty \"AD 2025/120\" (extra_duties[0]) does not say which of the line's 2 trade remedies (eu-ebike-ad, eu-ebike-cvd) it answers"),
        "{reason}"
    );
    assert!(reason.contains("\"answers\": [\"eu-ebike-cvd\"]"), "{reason}");
    let charged: Vec<_> = l.levies.iter().filter(|v| v.kind == LevyKind::AdditionalDuty).filter_map(|v| v.amount).collect();
    assert_eq!(charged, [d("745.20")]);
}

#[test]
fn a_caller_duty_answers_the_measures_it_names_and_leaves_the_other_listed() {
    // The anti-dumping duty named: the countervailing duty stays listed with its own reason (the
    // producer decides its rate, 3.9 % to 17.2 %).
    let q = ebike(json!([{"name": "AD 2025/120", "rate": "62.1%", "answers": ["eu-ebike-ad"]}]));
    assert_eq!(unanswered(&q).len(), 1);
    assert_eq!(unanswered(&q)[0].0, "trade_remedies.tsv#eu-ebike-cvd");
    assert!(unanswered(&q)[0].1.contains("17.2 %"), "{:?}", unanswered(&q));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // One entry naming both, their sum (62.1 % + 17.2 % = 79.3 % × 1,200.00 = 951.60): complete.
    let q = ebike(json!([{"name": "AD + CVD", "rate": "79.3%", "answers": ["eu-ebike-ad", "eu-ebike-cvd"]}]));
    assert!(unanswered(&q).is_empty());
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("951.60"));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // Of kind antidumping / countervailing, the same.
    let q = ebike(json!([
        {"name": "AD", "rate": "62.1%", "kind": "antidumping", "answers": ["eu-ebike-ad"]},
        {"name": "CVD", "rate": "17.2%", "kind": "countervailing", "answers": ["eu-ebike-cvd"]}
    ]));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("951.60"));
}

#[test]
fn a_single_measure_is_still_answered_by_an_entry_naming_none_implementing_regulation_2024_2754() {
    // A Chinese BEV into Germany bears one measure (2024/2754, countervailing): the caller's
    // 20.7 % ("other cooperating companies") without `answers` answers it, as before.
    let q = quote(json!({"destination": "DE", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "ship_from": "CN", "shipping": "1500.00", "origin": "CN",
        "lines": [{"id": "car", "code": "87038010", "quantity": "1", "unit_price": "30000.00",
            "extra_duties": [{"name": "CVD 2024/2754", "rate": "20.7%"}]}]}));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // 20.7 % × 31,500.00 (CIF) = 6,520.50 (docs/rules.md §22).
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("6520.50"));
}

#[test]
fn an_answer_that_is_no_measure_of_the_line_is_an_error() {
    let engine = common::engine();
    let req = |extra: Value| {
        common::request(json!({"destination": "FR", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
            "ship_from": "CN", "lines": [{"id": "b", "code": "8711601000", "quantity": "1", "unit_price": "1200",
            "origin": "CN", "extra_duties": extra}]}))
    };
    let e = engine.quote(&req(json!([{"name": "CVD", "rate": "20.7%", "answers": ["eu-bev-cvd"]}]))).expect_err("a car's");
    assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].answers[0]"), "{e}");
    assert!(e.message.contains("eu-ebike-ad, eu-ebike-cvd"), "{e}");
    // An empty id names nothing.
    let e = engine.quote(&req(json!([{"name": "CVD", "rate": "20.7%", "answers": [" "]}]))).expect_err("empty");
    assert!(e.message.contains("trade_remedies.tsv"), "{e}");
}

