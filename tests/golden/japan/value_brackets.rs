//! audit-ll LL83: Japan's lines whose text states the customs value per kg their rate is for.
//!
//! Source: Japan's Tariff Schedule (Japan Customs, version of 2026-07-09), `jp.tsv`:
//! 0203.11-020 "*〔1〕課税価格が1キログラムにつき、枝肉に係る従量税適用限度価格（…）以下のもの |
//! 361円/kg", its siblings 0203.11-031/-032 (基準輸入価格と課税価格との差額) and 0203.11-040
//! "*〔3〕課税価格が1キログラムにつき、枝肉に係る分岐点価格を超えるもの | 4.3%" (the gate-price
//! system: 従量税適用限度価格 and 分岐点価格 are set by the Temporary Tariff Measures Act,
//! 別表第1の3の2, not in our data); 0703.10-011 "(1)課税価格が1キログラムにつき67円以下のもの |
//! 8.5%", 0703.10-012 "(2)…67円を超え73円70銭以下のもの | (73.70円−課税価格)/kg", 0703.10-013
//! "(3)…73円70銭を超えるもの | 無税".

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// 10,000 kg of `code` at ¥`price`/kg by sea, DDP, no freight given (customs value = 10,000 ×
/// price, above the simplified tariff's ¥200,000: the line's own rate applies).
fn goods(code: &str, price: &str) -> Quote {
    quote(json!({"destination": "JP", "date": "2026-11-20", "currency": "JPY", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "business_buyer": true, "origin": "US", "lines": [
        {"id": "a", "code": code, "quantity": "10000", "unit_price": price, "weight_kg": "10000"}]}))
}

fn duty(q: &Quote) -> Option<rust_decimal::Decimal> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount)
}

/// Outside its bracket (or untestable against a gate price) the line's duty and the consumption
/// taxes on it may be above or below the goods' line's: not priced, nor a bound, their figures in
/// the formula (audit-rr RR2: pork 0203.19-023 at ¥600/kg showed ¥482,000 "at least" where the
/// goods' line -022 is 4.3 % = ¥25,800).
fn duty_not_a_bound(q: &Quote, figure: &str) {
    for l in q.lines[0].levies.iter().filter(|l| matches!(l.kind, LevyKind::Duty | LevyKind::Tax)) {
        assert_eq!((l.amount, l.partial_amount), (None, None), "{}", l.formula);
        assert!(l.formula.as_str().contains("nor a bound"), "{}", l.formula);
    }
    let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy");
    assert!(duty.formula.as_str().contains(&format!("not priced ({figure})")), "{}", duty.formula);
    assert!(!q.totals.complete && q.totals.at_least);
    assert!(q.totals.duty.is_zero() && q.totals.tax.is_zero(), "{:?}", q.totals);
}

fn bracket(q: &Quote) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == "W_VALUE_BRACKET").map(|w| w.message.to_string()).collect()
}

#[test]
fn pork_at_a_gate_price_line_is_not_priced_complete_0203_11_020() {
    // ¥1,000/kg pork carcasses: 361円/kg × 10,000 = 3,610,000 is 0203.11-020's duty only if the value
    // is at most the 従量税適用限度価格, which the engine cannot test: no bound, not priced, naming it
    // and the other lines (at this value the law's line is 0203.11-040, 4.3 % = 430,000).
    let q = goods("0203.11-020", "1000");
    let l = &q.lines[0];
    duty_not_a_bound(&q, "3,610,000");
    assert_eq!(l.status, LineStatus::NotPriced, "{:?}", l.reason);
    assert!(!q.totals.complete);
    let why = l.reason.clone().unwrap_or_default();
    assert!(why.contains("枝肉に係る従量税適用限度価格") && why.contains("not in our data"), "{why}");
    assert!(why.contains("0203.11-040") && why.contains("枝肉に係る分岐点価格を超える"), "{why}");
    assert_eq!(bracket(&q).len(), 1, "{:?}", q.warnings);
    // The 4.3 % line above the gate price is no more testable: not priced, no bound, too.
    let q = goods("0203.11-040", "1000");
    duty_not_a_bound(&q, "430,000");
}

#[test]
fn onions_name_the_line_whose_bracket_holds_their_value_0703_10_011() {
    // ¥100/kg is above 0703.10-011's "67円以下": its 8.5 % (85,000) is no bound (the goods' line is free), naming
    // 0703.10-013 ("73円70銭を超える", free).
    let q = goods("0703.10-011", "100");
    duty_not_a_bound(&q, "85,000");
    let w = bracket(&q);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("the customs value 100 JPY/kg is outside the bracket of 0703.10-011"), "{w:?}");
    assert!(w[0].contains("0703.10-013 (\"課税価格が1キログラムにつき73円70銭を超える\")"), "{w:?}");
    assert!(!w[0].contains("0703.10-012"), "{w:?}");
    // ¥67/kg is "67円以下": in the bracket, 8.5 % × 670,000 = 56,950, priced, nothing to say.
    let q = goods("0703.10-011", "67");
    assert_eq!(duty(&q), Some(d("56950")));
    assert!(bracket(&q).is_empty(), "{:?}", q.warnings);
    assert_ne!(q.lines[0].status, LineStatus::Partial, "{:?}", q.lines[0].reason);
}

#[test]
fn a_line_outside_its_bracket_is_no_lower_bound_when_the_goods_line_is_cheaper_2825_80_010() {
    // Japan's Tariff Schedule: 2825.80-010 "課税価格が1キログラムにつき199円未満" 5.5 %, 2825.80-021
    // "…199円以上" 4.8 %. At ¥199/kg the goods are -021's: 4.8 % × 1,990,000 = 95,520, below
    // -010's 109,450, which was shown "at least" (audit-rr RR2). It stays in the formula only.
    let q = goods("2825.80-010", "199");
    duty_not_a_bound(&q, "109,450");
    let w = bracket(&q);
    assert!(w.len() == 1 && w[0].contains("2825.80-021"), "{w:?}");
    // ¥198.99/kg is "199円未満": in the bracket, priced.
    let q = goods("2825.80-010", "198.99");
    assert!(bracket(&q).is_empty() && duty(&q).is_some(), "{:?}", q.warnings);
}
