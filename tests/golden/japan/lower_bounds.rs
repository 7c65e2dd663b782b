//! audit-ll LL84-92: a Japanese rate the engine cannot choose or compute still has the least
//! duty its text gives (docs/rules.md §18). Japan's Tariff Schedule (2026-07-09), `jp.tsv`:
//! 6402.91-000 "保護用の金属製トーキャップを有するもの 6.7% その他のもの 8%" (footwear with a
//! protective metal toe-cap 6.7 %, other 8 %); 2309.10-010 "1キログラムにつき、59.50円に重量比に
//! よる乳糖の含有率が10%を超える1%ごとに6円を加えた額" (¥59.50/kg plus ¥6 for each 1 % of lactose
//! by weight over 10 %).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// `quantity` of `code` at ¥`price` by sea, DDP, 1,000 kg, no freight given.
fn goods(code: &str, quantity: &str, price: &str) -> Quote {
    quote(json!({"destination": "JP", "date": "2026-11-20", "currency": "JPY", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "business_buyer": true, "origin": "US", "lines": [
        {"id": "a", "code": code, "quantity": quantity, "unit_price": price, "weight_kg": "1000"}]}))
}

fn duty(q: &Quote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>) {
    let l = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty");
    (l.amount, l.partial_amount)
}

#[test]
fn footwear_by_kind_is_at_least_the_lower_arm_6402_91_000() {
    // ¥1,000,000: the toe-cap arm 6.7 % = 67,000, the other 8 % = 80,000: at least 67,000.
    let q = goods("6402.91-000", "1000", "1000");
    assert_eq!(duty(&q), (None, Some(d("67000"))));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

#[test]
fn feed_by_lactose_content_is_at_least_its_base_amount_2309_10_010() {
    // 1,000 kg: at least 59.50 × 1,000 = 59,500; the reason names the lactose content, not "a
    // condition the engine cannot test".
    let q = goods("2309.10-010", "1", "1000000");
    assert_eq!(duty(&q), (None, Some(d("59500"))));
    let why = q.lines[0].reason.clone().unwrap_or_default();
    assert!(why.contains("lactose by weight") && !why.contains("cannot test"), "{why}");
}
