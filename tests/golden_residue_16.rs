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

/// The `W_INPUT_UNUSED` messages of a quote.
fn unused(q: &Quote) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.to_string()).collect()
}

#[test]
fn a_t_shirts_litres_pairs_and_strength_are_named_unused_readme_no_input_ignored_in_silence() {
    // audit-n N7 (`un.json`): a cotton T-shirt into the UK, 12 % (UK Global Tariff 6109100010),
    // with litres, pairs and a strength that no levy of the line reads. README: "No input is
    // accepted and ignored in silence": each is named.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "CN",
        "lines": [{"id": "tee", "code": "6109100010", "quantity": "3", "unit_price": "100.00",
            "units": {"l": "5", "pair": "3"}, "alcohol_pct": "40", "volume_l": "5"}]}));
    let unused = unused(&q);
    for field in ["lines[0].units.l", "lines[0].units.pair", "lines[0].alcohol_pct", "lines[0].volume_l"] {
        assert!(unused.iter().any(|w| w.starts_with(field)), "{field}: {unused:?}");
    }
    assert_eq!(unused.len(), 4, "{unused:?}");
}

#[test]
fn litres_and_strength_a_caller_excise_reads_are_used_alcoholic_liquor_duties_act_1979() {
    // The README's example: Alcohol Duty of 29.54 GBP per litre of alcohol (the caller's excise)
    // on 6 bottles of 0.75 l at 40 %: 4.5 l × 40 % = 1.8 l alc × 29.54 = 53.17. The volume and
    // the strength are read (the litres of alcohol are worked out from them): no W_INPUT_UNUSED.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "w", "code": "2208300000", "quantity": "6", "unit_price": "20.00", "duty_rate": "0%",
            "volume_l": "4.5", "alcohol_pct": "40",
            "extra_duties": [{"name": "Alcohol Duty", "rate": "29.54 GBP/l alc", "kind": "excise"}]}]}));
    let excise = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise && l.amount.is_some()).unwrap();
    assert_eq!(excise.amount, Some(d("53.17")));
    assert!(unused(&q).is_empty(), "{:?}", unused(&q));
    // Given as litres of alcohol, the strength is not read: named.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "w", "code": "2208300000", "quantity": "6", "unit_price": "20.00", "duty_rate": "0%",
            "units": {"l_alc": "1.8"}, "alcohol_pct": "40",
            "extra_duties": [{"name": "Alcohol Duty", "rate": "29.54 GBP/l alc", "kind": "excise"}]}]}));
    assert_eq!(q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).unwrap().amount, Some(d("53.17")));
    let unused = unused(&q);
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].starts_with("lines[0].alcohol_pct"), "{unused:?}");
}

#[test]
fn us_wine_litres_are_read_by_its_duty_and_two_figures_for_them_are_refused_htsus_2204_21_50() {
    // HTSUS 2204.21.50: 6.3¢/liter. 9 litres: 0.063 × 9 = 0.57, and the volume is used.
    let wine = |extra: Value| {
        let mut line = json!({"id": "w", "code": "2204.21.50", "quantity": "12", "unit_price": "10.00"});
        if let (Some(l), Some(e)) = (line.as_object_mut(), extra.as_object()) {
            l.extend(e.clone());
        }
        common::request(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "FR",
            "channel": "freight", "transport": "ocean", "incoterm": "DDP", "lines": [line]}))
    };
    let q = common::engine().quote(&wine(json!({"volume_l": "9"}))).expect("quote");
    assert!(q.lines[0].levies.iter().any(|l| l.amount == Some(d("0.57"))), "{:?}", q.lines[0].levies);
    assert!(unused(&q).is_empty(), "{:?}", unused(&q));
    // audit-n N7 (`wu.json`): volume_l 9 and units {"l": "90"} are two figures for one measure:
    // refused, never the second charged in silence (session 15).
    let e = common::engine().quote(&wine(json!({"volume_l": "9", "units": {"l": "90"}}))).expect_err("two figures");
    assert!(e.message.contains("volume_l is 9"), "{e}");
}
